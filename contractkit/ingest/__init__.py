"""Ingest: a contract file -> `Document` (pages, lines, words, reading text, offset map).

`load()` decides what kind of file it was given from its bytes, not its name, checks
the limits, and hands PDFs to an engine (`pdfplumber` for fidelity, `pdfium` for
throughput), whose image-only pages are OCR'd with Tesseract; Word documents (.docx) go
to the DOCX reader. Every failure leaves as a `ContractKitError` with a schema error code.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import zipfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from contractkit.errors import (
    ContractKitError,
    CorruptFile,
    EmptyDocument,
    EncryptedPDF,
    FileNotFound,
    NotAPDF,
    TooLarge,
    UnsupportedFormat,
)
from contractkit.files import FileTooLarge, NotARegularFile, read_regular
from contractkit.ingest.ocr import DEFAULT_LANG, PageOCR, check_lang
from contractkit.limits import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_PAGES,
    DEFAULT_OCR_PAGE_TIMEOUT,
    DEFAULT_TIMEOUT,
    Deadline,
    check_bytes,
    check_seconds,
)
from contractkit.model import Document

ENGINES = ("pdfplumber", "pdfium")
logger = logging.getLogger(__name__)


def load(
    path: str | os.PathLike[str],
    engine: str = "pdfplumber",
    *,
    password: str | None = None,
    max_pages: int = DEFAULT_MAX_PAGES,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    ocr: bool = True,
    ocr_lang: str = DEFAULT_LANG,
    ocr_page_timeout: float | None = DEFAULT_OCR_PAGE_TIMEOUT,
    max_memory: int | None = None,
) -> Document:
    """Read a contract into a `Document`.

    `engine` is `"pdfplumber"` or `"pdfium"` for PDFs; plain-text (`.txt`) and Word
    (`.docx`) files are read as page-less text whatever the engine. `password` opens
    encrypted PDFs. Image-only PDF pages are OCR'd with Tesseract in `ocr_lang`
    (`"eng+deu"` for several) unless `ocr=False`; each page gets `ocr_page_timeout`
    seconds. Contracts are untrusted files, so size, page count and parsing time are
    bounded; `timeout=None` lifts the time bound.

    In this process the time bound is checked page by page, so one page that never ends
    is not stopped. Given `max_memory` (bytes), the file is read as a batch reads it: in
    a worker process killed once it holds more than `max_memory` resident (`TooLarge`) or
    runs `timeout` seconds (`ParseTimeout`), whatever it is doing (`contractkit.workers`).
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    check_lang(ocr_lang)
    check_seconds(timeout)
    check_seconds(ocr_page_timeout, "ocr_page_timeout")
    if max_memory is not None:
        options = {
            "password": password,
            "max_pages": max_pages,
            "timeout": timeout,
            "max_bytes": max_bytes,
            "ocr": ocr,
            "ocr_lang": ocr_lang,
            "ocr_page_timeout": ocr_page_timeout,
        }
        return _load_in_worker(path, engine, max_memory, options)
    name = str(path)
    data = _read_bytes(Path(path), max_bytes)
    deadline = Deadline(timeout, name)
    page_ocr = PageOCR(data, password, deadline, ocr_lang, ocr_page_timeout) if ocr else None
    reader = _reader_for(data, Path(path), engine, page_ocr)
    document = reader(name, data, password, max_pages, deadline)
    document.sha256 = hashlib.sha256(data).hexdigest()
    return document


def _load_in_worker(
    path: str | os.PathLike[str], engine: str, max_memory: int, options: dict
) -> Document:
    """`load(path, engine, **options)` in a worker process under hard limits: `max_memory`
    bytes resident and `options["timeout"]` seconds."""
    from contractkit.workers import run_limited

    check_bytes(max_memory)
    job = partial(_load_or_error, engine=engine, **options)
    [(_, outcome)] = list(run_limited(job, [(0, str(path))], 1, options["timeout"], max_memory))
    if isinstance(outcome, ContractKitError):
        outcome.path = str(path)
        if trace := getattr(outcome, "traceback", None):  # a bug of ours, not a bad file
            logger.error("contractkit failed on %s (reported as corrupt):\n%s", path, trace)
            del outcome.traceback
        raise outcome
    return outcome


def _load_or_error(path: str, **options: Any) -> Document | ContractKitError:
    """What a worker of `_load_in_worker` sends back: the Document, or the typed error
    (returned: a raised one would be taken for a bug and reported as corrupt)."""
    try:
        return load(path, **options)
    except ContractKitError as error:
        return error


Reader = Callable[[str, bytes, "str | None", int, Deadline], Document]


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, bounded; only a regular file is read (a FIFO or a device such as
    /dev/zero would block or never end: opened without blocking, checked, refused)."""
    try:
        data = read_regular(path, max_bytes)
    except FileNotFoundError:
        raise FileNotFound(f"no such file: {path}", path=str(path)) from None
    except NotARegularFile as error:
        raise UnsupportedFormat(
            f"not a regular file ({error.kind}): {path}", path=str(path)
        ) from None
    except FileTooLarge as error:
        raise TooLarge(
            f"the file is {error.size / 1e6:.1f} MB, above the {max_bytes / 1e6:.0f} MB limit",
            path=str(path),
        ) from None
    except OSError as error:  # permissions, I/O errors: the file cannot be read
        raise CorruptFile(
            f"the file cannot be read: {error.strerror or error}", path=str(path)
        ) from None
    if not data:
        raise EmptyDocument("the file is empty (0 bytes)", path=str(path))
    return data


_OTHER_DOCUMENT_SUFFIXES = {".docx", ".odt", ".rtf"}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office files (.doc)
_ZIP = b"PK\x03\x04"
# A password-protected .docx is an OLE2 file holding this stream (its name in UTF-16).
_ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")


def _reader_for(data: bytes, path: Path, engine: str, ocr: PageOCR | None) -> Reader:
    # The header, not the name, decides: a `.pdf` that is really HTML is not a PDF.
    if b"%PDF-" in data[:1024]:
        if engine == "pdfium":
            from contractkit.ingest.pdfium_engine import read_pdf
        else:
            from contractkit.ingest.pdfplumber_engine import read_pdf
        return partial(read_pdf, ocr=ocr)
    suffix = path.suffix.lower()
    if _is_docx(data):
        from contractkit.ingest.docx_engine import read_docx

        return read_docx
    if data.startswith(_OLE2) and _ENCRYPTED_OOXML in data:
        raise EncryptedPDF(
            "the Word document is encrypted; save an unprotected copy as .docx or PDF",
            path=str(path),
        )
    if suffix == ".doc" or data.startswith(_OLE2):
        raise UnsupportedFormat(
            "legacy Word (.doc) files are not supported; save the contract as .docx or PDF"
            " (e.g. libreoffice --headless --convert-to docx FILE)",
            path=str(path),
        )
    if suffix in _OTHER_DOCUMENT_SUFFIXES or data.startswith(_ZIP):
        raise UnsupportedFormat(
            f"{suffix or 'this'} files are not supported; save the contract as .docx or PDF",
            path=str(path),
        )
    if suffix == ".txt":
        from contractkit.ingest.text_engine import read_text

        return read_text
    raise NotAPDF(
        "the file does not start with a PDF header (%PDF-)"
        + (f"; it looks like {kind}" if (kind := _sniff(data)) else ""),
        path=str(path),
    )


def _is_docx(data: bytes) -> bool:
    """A ZIP holding `word/document.xml`: a Word document (whatever the file is called)."""
    if not data.startswith(_ZIP):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _sniff(data: bytes) -> str:
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "HTML"
    if head.startswith(b"\x89png"):
        return "a PNG image"
    if head.startswith(b"\xff\xd8\xff"):
        return "a JPEG image"
    return ""


__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_PAGES",
    "DEFAULT_OCR_PAGE_TIMEOUT",
    "DEFAULT_TIMEOUT",
    "ENGINES",
    "Deadline",
    "load",
]
