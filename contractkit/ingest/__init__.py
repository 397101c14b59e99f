"""Ingest: a contract file -> `Document` (pages, lines, words, reading text, offset map).

`load()` decides what kind of file it was given from its bytes, not its name, checks
the limits, and hands PDFs to an engine (`pdfplumber` for fidelity, `pdfium` for
throughput). Every failure leaves as a `ContractKitError` with a schema error code.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from contractkit.errors import EmptyDocument, FileNotFound, NotAPDF, TooLarge, UnsupportedFormat
from contractkit.ingest.limits import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_PAGES,
    DEFAULT_TIMEOUT,
    Deadline,
)
from contractkit.model import Document

ENGINES = ("pdfplumber", "pdfium")


def load(
    path: str | os.PathLike[str],
    engine: str = "pdfplumber",
    *,
    password: str | None = None,
    max_pages: int = DEFAULT_MAX_PAGES,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Read a contract into a `Document`.

    `engine` is `"pdfplumber"` or `"pdfium"` for PDFs; plain-text files (`.txt`) are
    read as text whatever the engine. `password` opens encrypted PDFs. Contracts are
    untrusted files, so size, page count and parsing time are bounded; `timeout=None`
    lifts the time bound.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    name = str(path)
    data = _read_bytes(Path(path), max_bytes)
    reader = _reader_for(data, Path(path), engine)
    document = reader(name, data, password, max_pages, Deadline(timeout, name))
    document.sha256 = hashlib.sha256(data).hexdigest()
    return document


Reader = Callable[[str, bytes, "str | None", int, Deadline], Document]


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    if not path.exists():
        raise FileNotFound(f"no such file: {path}", path=str(path))
    if not path.is_file():
        raise UnsupportedFormat(f"not a regular file: {path}", path=str(path))
    size = path.stat().st_size
    if size == 0:
        raise EmptyDocument("the file is empty (0 bytes)", path=str(path))
    if size > max_bytes:
        raise TooLarge(
            f"the file is {size / 1e6:.1f} MB, above the {max_bytes / 1e6:.0f} MB limit",
            path=str(path),
        )
    return path.read_bytes()


_WORD_SUFFIXES = {".docx", ".doc", ".odt", ".rtf"}


def _reader_for(data: bytes, path: Path, engine: str) -> Reader:
    # The header, not the name, decides: a `.pdf` that is really HTML is not a PDF.
    if b"%PDF-" in data[:1024]:
        if engine == "pdfium":
            from contractkit.ingest.pdfium_engine import read_pdf
        else:
            from contractkit.ingest.pdfplumber_engine import read_pdf
        return read_pdf
    suffix = path.suffix.lower()
    if suffix in _WORD_SUFFIXES or data[:4] == b"PK\x03\x04":
        raise UnsupportedFormat(
            f"{suffix or 'this'} files are not supported yet; save the contract as PDF",
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
    "DEFAULT_TIMEOUT",
    "ENGINES",
    "Deadline",
    "load",
]
