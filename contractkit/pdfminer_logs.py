"""pdfminer's log, kept quiet while contractkit reads a PDF with it (pdfplumber's parser).

pdfminer logs a warning for every recoverable glitch in a PDF, and a batch over a contract
repository would drown in them. Both users of pdfminer (the pdfplumber engine and the page
renderer) read inside `quiet_pdfminer()`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _PdfminerNoise(logging.Filter):
    """Drops pdfminer's records below ERROR that are logged by one thread (ours)."""

    def __init__(self) -> None:
        super().__init__()
        self.thread = threading.get_ident()

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.ERROR or record.thread != self.thread


@contextmanager
def quiet_pdfminer() -> Iterator[None]:
    """pdfminer logs a warning for every recoverable glitch in a PDF, and a batch over a
    contract repository would drown in them: within this block, its records below ERROR
    from this thread are dropped (real failures still raise). Nothing global changes —
    no logger's level, and the filter is on pdfminer's own loggers only while the block
    runs, so an application's logging of pdfminer elsewhere is left as configured."""
    noise = _PdfminerNoise()
    loggers = [logging.getLogger("pdfminer")] + [
        logger
        for name, logger in list(logging.Logger.manager.loggerDict.items())
        if name.startswith("pdfminer.") and isinstance(logger, logging.Logger)
    ]
    for logger in loggers:
        logger.addFilter(noise)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeFilter(noise)
