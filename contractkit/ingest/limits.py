"""Per-document bounds: contracts are untrusted input."""

from __future__ import annotations

import time

from contractkit.errors import ParseTimeout

DEFAULT_MAX_PAGES = 1000
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
DEFAULT_TIMEOUT = 300.0  # seconds of parsing, checked page by page (150 pages take ~80 s)
DEFAULT_OCR_PAGE_TIMEOUT = 60.0  # seconds of Tesseract per scanned page (a dense one: ~5 s)


class Deadline:
    """Raises `ParseTimeout` once `timeout` seconds have passed since creation."""

    def __init__(self, timeout: float | None, path: str) -> None:
        self._end = None if timeout is None else time.monotonic() + timeout
        self._timeout = timeout
        self._path = path

    def check(self) -> None:
        if self._end is not None and time.monotonic() > self._end:
            raise ParseTimeout(
                f"parsing took longer than the {self._timeout:g} s limit", path=self._path
            )
