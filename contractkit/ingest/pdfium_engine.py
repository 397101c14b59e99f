"""PDF -> Document with pypdfium2 (Google's PDFium): the throughput engine.

PDFium's text page gives characters with boxes in PDF user space (origin bottom-left);
words are cut on whitespace and on gaps wider than pdfplumber's `x_tolerance`, so that
both engines hand the same words to the shared layout analysis.
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from contractkit.errors import ContractKitError, CorruptFile, EncryptedPDF
from contractkit.ingest.layout import RawPage, build_document, check_page_count, is_bold
from contractkit.ingest.limits import Deadline
from contractkit.ingest.ocr import PageOCR
from contractkit.model import Document, Word

ENGINE = "pdfium"
X_TOLERANCE = 3.0  # pdfplumber's default word-splitting gap, in points
_FONT_NAME_BUFFER = 256
# PDFium reports a hyphen that ends a line as U+0002; pdfplumber sees a plain "-".
_PDFIUM_HYPHEN = {"\x02": "-"}


def read_pdf(
    name: str,
    data: bytes,
    password: str | None,
    max_pages: int,
    deadline: Deadline,
    ocr: PageOCR | None = None,
) -> Document:
    try:
        pdf = pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedPDF.for_password(password, name) from exc
        return _fall_back_to_pdfminer(name, data, password, max_pages, deadline, ocr, exc)
    try:
        check_page_count(len(pdf), max_pages, name)
        raw_pages = [_read_page(pdf, i, deadline) for i in range(len(pdf))]
    except ContractKitError:
        raise
    except Exception as exc:
        raise CorruptFile(f"the PDF cannot be parsed: {exc}"[:250], path=name) from exc
    finally:
        pdf.close()
    return build_document(raw_pages, path=name, engine=ENGINE, password=password, ocr=ocr)


def _read_page(pdf: pdfium.PdfDocument, index: int, deadline: Deadline) -> RawPage:
    deadline.check()
    page = pdf[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            words = _words(textpage.raw, index + 1, height)
        finally:
            textpage.close()
        rules, image_area = _graphics(page, height)
    finally:
        page.close()
    return RawPage(index + 1, width, height, words, rules, image_area)


def _words(textpage: pdfium_c.FPDF_TEXTPAGE, page_number: int, height: float) -> list[Word]:
    """Cut the page's characters into words, each with the union box of its characters."""
    words: list[Word] = []
    chars: list[str] = []
    box: list[float] = []  # x0, y_bottom, x1, y_top of the word so far
    first_index = 0
    rect = pdfium_c.FS_RECTF()

    def flush() -> None:
        if chars:
            words.append(
                _make_word(textpage, first_index, "".join(chars), box, page_number, height)
            )
            chars.clear()

    for i in range(pdfium_c.FPDFText_CountChars(textpage)):
        ch = chr(pdfium_c.FPDFText_GetUnicode(textpage, i))
        ch = _PDFIUM_HYPHEN.get(ch, ch)
        if ch.isspace() or ch == "\x00":
            flush()
            continue
        pdfium_c.FPDFText_GetLooseCharBox(textpage, i, ctypes.byref(rect))
        x0, x1, y0, y1 = rect.left, rect.right, rect.bottom, rect.top
        if chars and (x0 - box[2] > X_TOLERANCE or min(y1, box[3]) - max(y0, box[1]) <= 0):
            flush()
        if not chars:
            first_index = i
            box = [x0, y0, x1, y1]
        else:
            box = [min(box[0], x0), min(box[1], y0), max(box[2], x1), max(box[3], y1)]
        chars.append(ch)
    flush()
    return words


def _make_word(
    textpage: pdfium_c.FPDF_TEXTPAGE,
    index: int,
    text: str,
    box: list[float],
    page_number: int,
    height: float,
) -> Word:
    fontname = _font_name(textpage, index)
    return Word(
        text=text,
        page=page_number,
        x0=box[0],
        top=height - box[3],
        x1=box[2],
        bottom=height - box[1],
        size=round(pdfium_c.FPDFText_GetFontSize(textpage, index), 2),
        bold=is_bold(fontname) or pdfium_c.FPDFText_GetFontWeight(textpage, index) >= 700,
        fontname=fontname,
    )


def _font_name(textpage: pdfium_c.FPDF_TEXTPAGE, index: int) -> str:
    buffer = ctypes.create_string_buffer(_FONT_NAME_BUFFER)
    flags = ctypes.c_int()
    n = pdfium_c.FPDFText_GetFontInfo(textpage, index, buffer, _FONT_NAME_BUFFER, flags)
    return buffer.value.decode("utf-8", "replace") if n else ""


def _graphics(page: pdfium.PdfPage, height: float) -> tuple[list[tuple], float]:
    """Ruling lines (as thin boxes, for table finding) and the area covered by images."""
    rules: list[tuple[float, float, float, float]] = []
    image_area = 0.0
    kinds = (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE)
    for obj in page.get_objects(filter=kinds, max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            image_area += max(0.0, right - left) * max(0.0, top - bottom)
        else:
            rules.extend(_edges(left, height - top, right, height - bottom))
    return rules, image_area


def _edges(x0: float, top: float, x1: float, bottom: float) -> list[tuple]:
    """A path's box as pdfplumber sees it: a thin line is one edge, a rectangle four."""
    if x1 - x0 < 2 or bottom - top < 2:
        return [(x0, top, x1, bottom)]
    return [
        (x0, top, x1, top),
        (x0, bottom, x1, bottom),
        (x0, top, x0, bottom),
        (x1, top, x1, bottom),
    ]


def _fall_back_to_pdfminer(
    name: str,
    data: bytes,
    password: str | None,
    max_pages: int,
    deadline: Deadline,
    ocr: PageOCR | None,
    exc: pdfium.PdfiumError,
) -> Document:
    """PDFium refuses some files that pdfminer repairs (and gives no reason for others,
    such as an empty page tree): let the pdfplumber engine read them or say what is
    wrong, rather than losing the contract."""
    from contractkit.ingest import pdfplumber_engine

    document = pdfplumber_engine.read_pdf(name, data, password, max_pages, deadline, ocr)
    document.warnings.append(f"PDFium could not open the file ({exc}); read with pdfplumber")
    return document
