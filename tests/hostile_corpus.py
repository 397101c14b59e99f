"""A corpus of hostile inputs for one batch, each with the outcome it must get.

    python tests/hostile_corpus.py OUT_DIR      # write the corpus, list the expectations

`write_hostile_corpus(folder)` returns {path: the error codes it may get, or {None} where
a valid result is expected} for a scan with `CORPUS_LIMITS`. The bad files `bad_files.py` already
makes are reused; this adds the ones that attack a batch: a page that takes minutes to
read, a decompression bomb, deep nesting, a broken xref, noise, an archive; and
`write_hostile_paths` the names and paths that attack the batch itself: a name that is not
UTF-8, a folder whose name holds a terminal escape, a FIFO, /dev/zero, a Word file without
a numbering part, contract text full of control characters.
"""

from __future__ import annotations

import io
import os
import random
import struct
import sys
import zipfile
import zlib
from pathlib import Path

from bad_files import (
    _DOCX_RELS,
    _DOCX_TYPES,
    CONTRACT_TEXT,
    minimal_docx,
    pdf_from_objects,
    text_pdf,
    write_bad_files,
    zip_bytes,
)

PASSWORD = "s3cret"  # the one `write_bad_files` encrypts with
CORPUS_LIMITS = {
    "password": PASSWORD,
    "max_pages": 10,
    "timeout": 20.0,
    "max_memory": 1 << 30,
}
# One page that pdfminer reads for ten minutes (~100 µs an operator) and the pdfium engine
# for about a minute in some 3 GB: beyond CORPUS_LIMITS whichever engine reads it.
SLOW_PAGE_OPERATORS = 6_000_000
BOMB_BYTES = 3 << 30  # inflates from about 3 MB


def one_page_pdf(content: bytes, page_extra: bytes = b"") -> bytes:
    """A one-page Helvetica PDF whose page draws `content` (a Flate stream)."""
    return pdf_from_objects(_page_objects(_flate_stream(zlib.compress(content)), page_extra))


def slow_pdf(operators: int = SLOW_PAGE_OPERATORS) -> bytes:
    """A small file whose single page is millions of text operators: the in-process
    deadline, checked between pages, cannot stop it; only killing the reader can."""
    return one_page_pdf(b"BT /F1 1 Tf " + b"1 0 0 1 10 10 Tm (x) Tj " * operators + b"ET")


def bomb_pdf(inflated: int = BOMB_BYTES) -> bytes:
    """A page whose content stream inflates to `inflated` bytes of spaces (compressed
    block by block, so writing it takes little memory)."""
    packer = zlib.compressobj(9)
    block = b" " * (1 << 20)
    compressed = [packer.compress(b"BT /F1 12 Tf 72 720 Td (bomb) Tj ET\n")]
    compressed += [packer.compress(block) for _ in range(inflated // len(block))]
    compressed.append(packer.flush())
    return pdf_from_objects(_page_objects(_flate_stream(b"".join(compressed))))


def docx_bomb(inflated: int = 1 << 30, declared: int = 4096) -> bytes:
    """A Word document whose body part inflates to `inflated` bytes (blank space after the
    text, written a block at a time) while its ZIP headers, local and central, declare
    `declared`: a check that trusts them lets it through."""
    buffer = io.BytesIO()
    name = "word/document.xml"
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _DOCX_TYPES)
        archive.writestr("_rels/.rels", _DOCX_RELS)
        with archive.open(name, "w") as part:
            part.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w='
                b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'
                b"<w:r><w:t>" + CONTRACT_TEXT.encode() + b"</w:t></w:r></w:p>"
            )
            block = b" " * (1 << 20)
            for _ in range(inflated // len(block)):
                part.write(block)
            part.write(b"</w:body></w:document>")
    return _declare_size(buffer.getvalue(), name.encode(), declared)


def _declare_size(data: bytes, name: bytes, size: int) -> bytes:
    """`data` (a ZIP) with member `name`'s uncompressed size set to `size` in its central
    directory entry and its local header."""
    patched = bytearray(data)
    at = patched.find(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack_from("<H", patched, at + 28)[0]
        if patched[at + 46 : at + 46 + length] == name:
            struct.pack_into("<I", patched, at + 24, size)
            local = struct.unpack_from("<I", patched, at + 42)[0]
            struct.pack_into("<I", patched, local + 22, size)
        at = patched.find(b"PK\x01\x02", at + 4)
    return bytes(patched)


def nested_pdf(depth: int = 100_000) -> bytes:
    """A page dictionary holding arrays nested `depth` deep (recursive parsers overflow)."""
    return one_page_pdf(
        b"BT /F1 12 Tf 72 720 Td (nested) Tj ET", b"/Deep " + b"[" * depth + b"]" * depth
    )


def broken_xref_pdf() -> bytes:
    """A good PDF whose startxref points into the middle of nowhere."""
    good = text_pdf()
    head, _, _ = good.rpartition(b"startxref")
    return head + b"startxref\n999999\n%%EOF\n"


def _flate_stream(compressed: bytes) -> bytes:
    return (
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(compressed)
        + compressed
        + b"\nendstream"
    )


def _page_objects(content_stream: bytes, page_extra: bytes = b"") -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> " + page_extra + b" >>",
        content_stream,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


# A name that is not UTF-8 (os.listdir gives it with a lone surrogate), one that would
# clear the screen, a folder whose name turns the text around (U+202E) and colours it.
NOT_UTF8_NAME = os.fsdecode(b"not-utf8-\xff\xfe.txt")
ESCAPE_FOLDER = "esc-\x1b[31m-\u202e-folder"
ESCAPE_NAME = "clear-\x1b[2J-\x07.txt"
# Contract text with what a terminal obeys and an Excel cell cannot hold: ESC sequences
# (clear screen, set the window title), BEL, NUL, U+202E, a DDE formula opening a clause.
CONTROL_TEXT = (
    "SUPPLY AGREEMENT\n\n1. Warranty.\x1b[2J\x1b]0;pwned\x07 The Supplier \u202e warrants"
    "\x00 the Products for twelve (12) months from delivery.\n\n=cmd|' /C calc'!A0 2. Governing"
    " Law. This Agreement is governed by the laws of Ohio.\n\n" + CONTRACT_TEXT * 8
)


def write_hostile_paths(folder: Path) -> dict[Path, frozenset[str | None]]:
    """Hostile names and paths in `folder`, each with its outcome (None: valid): every one
    must get its own result line in a batch that goes on."""
    escape_folder = folder / ESCAPE_FOLDER
    escape_folder.mkdir(exist_ok=True)
    files = {
        folder / NOT_UTF8_NAME: (CONTRACT_TEXT.encode(), None),
        escape_folder / ESCAPE_NAME: ((CONTRACT_TEXT * 2).encode(), None),
        folder / "controls.txt": (CONTROL_TEXT.encode(), None),
        folder / "no_numbering.docx": (minimal_docx(), None),
    }
    expected: dict[Path, frozenset[str | None]] = {}
    for path, (data, outcome) in files.items():
        path.write_bytes(data)
        expected[path] = frozenset({outcome})
    fifo = folder / "pipe.pdf"  # opened for reading, it blocks until a writer comes
    if not fifo.exists():
        os.mkfifo(fifo)
    expected[fifo] = frozenset({"unsupported"})
    expected[Path("/dev/zero")] = frozenset({"unsupported"})  # never ends
    return expected


def write_hostile_corpus(folder: Path) -> dict[Path, frozenset[str | None]]:
    """Write the corpus into `folder`; {path: the outcomes it may get (None: valid)}."""
    bad = write_bad_files(folder)
    expected: dict[Path, str | frozenset[str] | None] = {
        bad["not_found"]: "not_found",
        bad["not_pdf"]: "not_pdf",  # HTML named .pdf
        bad["encrypted"]: None,  # opened with CORPUS_LIMITS' password
        bad["corrupt"]: "corrupt",  # a PDF header, then random bytes
        bad["no_text_layer"]: "no_text_layer",  # image-only pages
        bad["empty"]: "empty",
        bad["too_large"]: "too_large",  # 12 pages, above max_pages
        bad["unsupported"]: "unsupported",
        folder / "truncated.pdf": "corrupt",
        folder / "zero_pages.pdf": "empty",
        folder / "latin1.txt": None,  # not UTF-8: read as Latin-1
    }
    rng = random.Random(11)
    extra = {
        "noise.pdf": (bytes(rng.randrange(256) for _ in range(4096)), "not_pdf"),
        "archive.pdf": (zip_bytes({"contract.txt": "1. Term. Twelve months."}), "unsupported"),
        "other_password.pdf": (text_pdf(password="not-" + PASSWORD), "encrypted"),
        "broken_xref.pdf": (broken_xref_pdf(), None),
        "nested.pdf": (nested_pdf(), None),
        "bomb.pdf": (bomb_pdf(), "too_large"),
        "bomb.docx": (docx_bomb(), "too_large"),  # its headers declare 4 kB
        # killed by the bound it reaches first: time (pdfminer), memory (PDFium hands
        # over its millions of characters fast)
        "slow_page.pdf": (slow_pdf(), frozenset({"timeout", "too_large"})),
    }
    for name, (data, outcome) in extra.items():
        (folder / name).write_bytes(data)
        expected[folder / name] = outcome
    return {
        **{
            path: outcome if isinstance(outcome, frozenset) else frozenset({outcome})
            for path, outcome in expected.items()
        },
        **write_hostile_paths(folder),
    }


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for path, outcomes in write_hostile_corpus(out).items():
        print(
            repr(str(path)),
            " or ".join(code or "valid" for code in sorted(outcomes, key=str)),
            sep="\t",
        )
