"""Plain-text contracts: the text is the reading text; there are no pages or boxes."""

from __future__ import annotations

from contractkit.errors import EmptyDocument, UnsupportedFormat
from contractkit.ingest.limits import Deadline
from contractkit.model import Document

# Tried in order; latin-1 decodes any byte string, so it is the last resort.
_ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")


def read_text(
    name: str, data: bytes, password: str | None, max_pages: int, deadline: Deadline
) -> Document:
    if b"\x00" in data[:8192]:
        raise UnsupportedFormat("binary data in a .txt file", path=name)
    text, encoding = _decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n\n")
    if not text.strip():
        raise EmptyDocument("the text file contains only whitespace", path=name)
    warnings = [] if encoding == "utf-8-sig" else [f"not UTF-8; decoded as {encoding}"]
    return Document(
        path=name,
        engine="text",
        pages=[],
        text=text,
        warnings=warnings,
        metadata={"encoding": encoding},
    )


def _decode(data: bytes) -> tuple[str, str]:
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte string")
