"""Real bad input files, made on demand: each one produces one error code on loading.

Used by the ingestion tests; every file is a real file on disk that the PDF libraries
really parse (or fail to), no mocks.
"""

from __future__ import annotations

import io
import random
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF
from PIL import Image, ImageDraw

FIXED_DATE = datetime(2026, 1, 1, tzinfo=timezone.utc)

CONTRACT_TEXT = (
    "1. Warranty. The Supplier warrants that the Products will be free from defects in "
    "materials and workmanship for a period of twelve (12) months from delivery. "
)


def text_pdf(pages: int = 1, text: str = CONTRACT_TEXT * 4, password: str | None = None) -> bytes:
    pdf = FPDF()
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_font("Helvetica", size=11)
    if password:
        pdf.set_encryption(owner_password="owner-" + password, user_password=password)
    for _ in range(pages):
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def scan_image(text: str = "SCANNED CONTRACT PAGE") -> Image.Image:
    image = Image.new("L", (1240, 1754), 255)  # A4 at 150 dpi
    draw = ImageDraw.Draw(image)
    for row in range(40):
        draw.text((120, 120 + row * 36), f"{text} line {row}", fill=0)
    return image


def image_pdf(pages: int = 1, with_text_page: bool = False) -> bytes:
    """Image-only pages (a scan); optionally preceded by one page with a text layer."""
    pdf = FPDF()
    pdf.set_creation_date(FIXED_DATE)
    if with_text_page:
        pdf.set_font("Helvetica", size=11)
        pdf.add_page()
        pdf.multi_cell(0, 6, CONTRACT_TEXT * 4)
    for _ in range(pages):
        pdf.add_page()
        buffer = io.BytesIO()
        scan_image().save(buffer, format="PNG")
        pdf.image(buffer, x=0, y=0, w=210, h=297)
    return bytes(pdf.output())


def blank_scan_pdf() -> bytes:
    """A scanned empty page: image-only, with nothing for OCR to read (no_text_layer)."""
    buffer = io.BytesIO()
    Image.new("L", (1654, 2339), 238).save(buffer, "PDF", resolution=200)
    return buffer.getvalue()


def blank_pdf(pages: int = 2) -> bytes:
    pdf = FPDF()
    pdf.set_creation_date(FIXED_DATE)
    for _ in range(pages):
        pdf.add_page()
    return bytes(pdf.output())


def zero_page_pdf() -> bytes:
    """A well-formed PDF whose page tree is empty, with a correct xref table."""
    return pdf_from_objects(
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    )


def pdf_from_objects(objects: list[bytes]) -> bytes:
    """A PDF of these object bodies (numbered from 1, the first one the catalog) with a
    correct xref table: for files fpdf2 would never write."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def zip_bytes(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


_DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels"'
    ' ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.openxmlformats.org'
    '/officeDocument/2006/relationships/officeDocument"/></Relationships>'
)


def minimal_docx(text: str = CONTRACT_TEXT) -> bytes:
    """The smallest valid Word document: content types, one relationship, the body; no
    styles, settings or numbering part (Word itself opens it)."""
    body = "".join(
        f"<w:p><w:r><w:t xml:space='preserve'>{line}</w:t></w:r></w:p>" for line in text.split("\n")
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w='
        f'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}'
        "</w:body></w:document>"
    )
    return zip_bytes(
        {
            "[Content_Types].xml": _DOCX_TYPES,
            "_rels/.rels": _DOCX_RELS,
            "word/document.xml": document,
        }
    )


# The start of a legacy Word file: the OLE2 compound-file signature and header.
LEGACY_DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def write_bad_files(folder: Path) -> dict[str, Path]:
    """Write one file per failure mode into `folder`; returns {expected code: path}."""
    rng = random.Random(7)
    good = text_pdf()
    files = {
        "not_found": folder / "missing.pdf",
        "not_pdf": folder / "webpage.pdf",
        "encrypted": folder / "encrypted.pdf",
        "corrupt": folder / "random_bytes.pdf",
        "no_text_layer": folder / "scanned.pdf",
        "empty": folder / "empty.pdf",
        "too_large": folder / "long.pdf",
        "timeout": folder / "slow.pdf",
        "unsupported": folder / "draft.doc",
    }
    contents = {
        "not_pdf": b"<!DOCTYPE html><html><body>Not a contract</body></html>",
        "encrypted": text_pdf(password="s3cret"),
        "corrupt": b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(4096)),
        "no_text_layer": blank_scan_pdf(),
        "empty": b"",
        "too_large": text_pdf(pages=12),
        "timeout": text_pdf(pages=3),
        "unsupported": LEGACY_DOC,
    }
    for code, data in contents.items():
        files[code].write_bytes(data)
    extra = {
        "truncated.pdf": good[: len(good) // 2],
        "zero_pages.pdf": zero_page_pdf(),
        "blank_pages.pdf": blank_pdf(),
        "mixed_scan.pdf": image_pdf(pages=1, with_text_page=True),
        "latin1.txt": "Gewährleistung: zwölf Monate ab Lieferung.".encode("latin-1"),
        "whitespace.txt": b" \n\t\n ",
        # A Word package whose main part is not XML; a ZIP that is no Word document.
        "broken.docx": zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:"}),
        "zipped.docx": zip_bytes({"contract.txt": "1. Term. Twelve months."}),
    }
    for name, data in extra.items():
        (folder / name).write_bytes(data)
    return files
