"""PDF -> Document with pypdfium2 (Google's PDFium): the throughput engine.

PDFium's text page gives characters with boxes in PDF user space (origin bottom-left);
words are cut where pdfplumber cuts them, so that both engines hand the same words to the
shared layout analysis.
"""

from __future__ import annotations

import ctypes
import re
import struct
from collections.abc import Callable, Collection

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from contractkit.errors import ContractKitError, CorruptFile, EncryptedPDF
from contractkit.ingest.layout import RawPage, build_document, check_page_count, is_bold
from contractkit.ingest.ocr import PageOCR
from contractkit.ingest.visibility import hidden_text_objects
from contractkit.limits import Deadline
from contractkit.model import Document, Word

ENGINE = "pdfium"
_FONT_NAME_BUFFER = 256
# PDFium marks a hyphen that ends a line as U+0002 (U+FFFE in FPDFText_GetText) and puts
# no break after it; pdfplumber sees a plain "-" ending the word.
_PDFIUM_HYPHEN = str.maketrans({"\x02": "-", "\ufffe": "-"})
# FS_RECTF's four floats (left, top, right, bottom: PDF user space) in one read.
_LTRB = struct.Struct("4f").unpack_from
_TOKEN = re.compile(r"[^\s\x00\x02\ufffe]+[\x02\ufffe]?|[\x02\ufffe]")


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
    return build_document(raw_pages, path=name, engine=ENGINE, ocr=ocr)


def _read_page(pdf: pdfium.PdfDocument, index: int, deadline: Deadline) -> RawPage:
    deadline.check()
    page = pdf[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            hidden = hidden_text_objects(page, textpage, index + 1)
            words = _words(textpage.raw, index + 1, height, hidden.keys())
        finally:
            textpage.close()
        rules, image_area = _graphics(page, height)
    finally:
        page.close()
    return RawPage(index + 1, width, height, words, rules, image_area, list(hidden.values()))


def _words(
    textpage: pdfium_c.FPDF_TEXTPAGE,
    page_number: int,
    height: float,
    hidden: Collection[int] = (),
) -> list[Word]:
    """The page's words, each with the union box of its characters, without the characters
    of `hidden` text objects (addresses).

    The text comes out in one call and is cut on whitespace: PDFium itself puts a space
    or a line break wherever characters stand apart (on 60 CUAD contracts, the words are
    those of cutting on gaps wider than pdfplumber's `x_tolerance`, character by
    character). So only a word's first and last characters need their boxes: a ctypes
    call per character was most of this engine's time."""
    marked = _page_text(textpage)
    text = marked.translate(_PDFIUM_HYPHEN)  # same length: offsets carry over
    styles = _Styles(textpage)
    word = _word_maker(textpage, page_number, height)
    words = []
    for token in _TOKEN.finditer(marked):
        first, last = token.start(), token.end() - 1
        if hidden:
            shown = _shown(textpage, first, last, hidden)
            if shown is None:
                continue
            if shown != (first, last):  # a word mixing shown and hidden characters
                words += _shown_words(textpage, text, first, last, hidden, styles, word)
                continue
        words.append(word(text[first : last + 1], first, last, styles(first)))
    return words


def _object_at(textpage: pdfium_c.FPDF_TEXTPAGE, index: int) -> int:
    found = pdfium_c.FPDFText_GetTextObject(textpage, index)
    return ctypes.addressof(found.contents) if found else 0


def _shown(
    textpage: pdfium_c.FPDF_TEXTPAGE, first: int, last: int, hidden: Collection[int]
) -> tuple[int, int] | None:
    """`(first, last)` when the token's end characters are shown and belong to one text object
    (the whole word is then shown), None when both ends are hidden and in one object, and
    otherwise `(-1, -1)`: look character by character."""
    a, b = _object_at(textpage, first), _object_at(textpage, last)
    if a == b:
        return None if a in hidden else (first, last)
    return (-1, -1)


def _shown_words(
    textpage: pdfium_c.FPDF_TEXTPAGE,
    text: str,
    first: int,
    last: int,
    hidden: Collection[int],
    styles: _Styles,
    word: Callable[[str, int, int, _Style], Word],
) -> list[Word]:
    """The runs of shown characters of a token whose characters come from several text
    objects, each run a word."""
    runs: list[list[int]] = []
    previous = False
    for index in range(first, last + 1):
        shown = _object_at(textpage, index) not in hidden
        if shown:
            if not previous:
                runs.append([])
            runs[-1].append(index)
        previous = shown
    return [word("".join(text[i] for i in run), run[0], run[-1], styles(run[0])) for run in runs]


def _page_text(textpage: pdfium_c.FPDF_TEXTPAGE) -> str:
    """One character per PDFium character index."""
    count = pdfium_c.FPDFText_CountChars(textpage)
    buffer = ctypes.create_string_buffer(2 * (count + 1))
    written = pdfium_c.FPDFText_GetText(
        textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
    )
    text = buffer.raw[: 2 * max(written - 1, 0)].decode("utf-16-le", "replace")
    if len(text) != count:  # characters beyond the BMP take two UTF-16 units: go one by one
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage, i)) for i in range(count))
    return text


def _word_maker(
    textpage: pdfium_c.FPDF_TEXTPAGE, page_number: int, height: float
) -> Callable[[str, int, int, _Style], Word]:
    """`word(text, first, last, style)`: the word of characters `first`…`last`, its box the
    union of theirs (only the ends need asking: see `_words`). It runs once per word of every
    page: the box is read in one unpack of PDFium's rectangle, a ctypes field read costing
    as much as the call."""
    rect = pdfium_c.FS_RECTF()
    char_box, rect_ref, read_box = pdfium_c.FPDFText_GetLooseCharBox, ctypes.byref(rect), _LTRB

    def word(text: str, first: int, last: int, style: _Style) -> Word:
        char_box(textpage, first, rect_ref)
        x0, y1, x1, y0 = read_box(rect)  # left, top, right, bottom in PDF user space
        if last != first:  # the union with the last character's box, as min() and max()
            char_box(textpage, last, rect_ref)
            left, top, right, bottom = read_box(rect)
            x0 = left if left < x0 else x0
            y0 = bottom if bottom < y0 else y0
            x1 = right if right > x1 else x1
            y1 = top if top > y1 else y1
        size, bold, fontname = style
        return Word(text, page_number, x0, height - y1, x1, height - y0, size, bold, fontname)

    return word


_Style = tuple[float, bool, str]  # font size, bold, font name


class _Styles:
    """The font of a character, asked of PDFium once per text object: the words of a run
    share one object, and the font calls cost more than the rest of a word."""

    def __init__(self, textpage: pdfium_c.FPDF_TEXTPAGE) -> None:
        self.textpage = textpage
        self.cache: dict[int, _Style] = {}

    def __call__(self, index: int) -> _Style:
        text_object = pdfium_c.FPDFText_GetTextObject(self.textpage, index)
        if not text_object:  # no object behind it (a generated character)
            return self._style(index)
        key = ctypes.addressof(text_object.contents)
        style = self.cache.get(key)
        if style is None:
            style = self.cache[key] = self._style(index)
        return style

    def _style(self, index: int) -> _Style:
        buffer = ctypes.create_string_buffer(_FONT_NAME_BUFFER)
        flags = ctypes.c_int()
        found = pdfium_c.FPDFText_GetFontInfo(
            self.textpage, index, buffer, _FONT_NAME_BUFFER, flags
        )
        fontname = buffer.value.decode("utf-8", "replace") if found else ""
        weight = pdfium_c.FPDFText_GetFontWeight(self.textpage, index)
        size = round(pdfium_c.FPDFText_GetFontSize(self.textpage, index), 2)
        return size, is_bold(fontname) or weight >= 700, fontname


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
