"""Text a reader cannot see: kept out of the reading text, reported where it sits.

A contract comes from the other side of a negotiation. A clause written in invisible ink
(text render mode 3), in white on a white page, outside the page or at a size no eye reads,
or a Word run with the "hidden" font setting, still sits in the file's text: every extractor
reads it, and a review built on the extracted text would count a service level, a liability
cap or a deletion duty that nobody who signs the printed contract agreed to. Zero-width and
direction characters do the opposite: "au\u200bdit" renders as "audit" yet no longer reads
as the word. Hidden text is left out of the reading text (so out of detection and review)
and reported with its page, box and reason (`HiddenText`); invisible characters are removed
from words, and a word broken by one on purpose is reported too.

For PDFs the judge is the page's own drawing, read from PDFium: each text object's render
mode, colour, size, place and clipping paths, and the filled shapes and images drawn under
it. A clip counts only when its box misses the text's box entirely, and a clipped copy of
words the page (or the next or last one) shows is left out without a report: browsers that
print a page draw the lines at a page's edge twice, one copy cut away. One exception
keeps searchable scans whole: invisible text laid over an image is the OCR layer of a
scanned page, which the reader sees as the image. Word's rules (hidden, white or tiny runs)
are read by `docx_engine`; plain-text files are read as they are (their offsets are the
file's).

Not judged (documented limits): text covered by a shape drawn on top of it, text a
non-rectangular clip cuts away inside its box, and colours of patterns and shadings (taken
as visible).
"""

from __future__ import annotations

import ctypes
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from contractkit.model import HiddenText

# Render modes that paint nothing: 3 invisible, 7 add to the clipping path only.
_INVISIBLE_MODES = frozenset({3, 7})
_STROKE_ONLY_MODES = frozenset({1, 5})
# Smaller than this (points, after the text matrix) no reader reads it on paper or screen.
MIN_VISIBLE_SIZE = 1.0
# Largest per-channel difference (0-255) at which text reads as the colour beneath it.
MIN_CONTRAST = 24
_WHITE = (255, 255, 255)
_MAX_DEPTH = 8  # form XObjects nested deeper than this are not looked into
_CLIP_SLACK = 1.0  # points: a clip this close to the text may still show some of it
_Matrix = tuple[float, float, float, float, float, float]
_Box = tuple[float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

INVISIBLE = "invisible text (PDF render mode {mode})"
SAME_COLOUR = "text coloured like the background beneath it"
TRANSPARENT = "fully transparent text"
OFF_PAGE = "text placed outside the page"
TINY = "text smaller than 1 pt"
CLIPPED = "text cut away by a clipping path"
FORMAT_CHARACTERS = "invisible characters inside a word (zero-width or direction marks)"


# Format (Cf) and control (Cc) characters: nothing on the page, yet they split words for
# anything that reads the text layer.
INVISIBLE_CHARACTER = re.compile(
    "["
    + "".join(
        re.escape(chr(c)) for c in range(0x10000) if unicodedata.category(chr(c)) in ("Cf", "Cc")
    )
    + "]"
)


def strip_invisible(text: str) -> str:
    """`text` without invisible format and control characters, line breaks and tabs kept
    (for texts without word boxes, such as Word documents)."""
    return INVISIBLE_CHARACTER.sub(lambda m: m.group() if m.group() in "\n\t" else "", text)


def hides_characters(text: str) -> bool:
    """A word with an invisible character between two visible ones (a soft hyphen aside):
    what a writer does on purpose to break a word for a reader of the text layer only."""
    return any(
        text[i - 1].isalnum() and text[i + 1].isalnum() and text[i] != "\u00ad"
        for i in range(1, len(text) - 1)
        if INVISIBLE_CHARACTER.match(text[i])
    )


def show_invisible(text: str) -> str:
    """The word with each invisible character written out ("au⟨U+200B⟩dit")."""
    return INVISIBLE_CHARACTER.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", text)


def hidden_text_warnings(hidden: list[HiddenText], limit: int = 60) -> list[str]:
    """One warning per page and reason: what was left out, where, and the first of it."""
    grouped: dict[tuple[int, str], list[HiddenText]] = {}
    for item in hidden:
        grouped.setdefault((item.page or 0, item.reason), []).append(item)
    warnings = []
    for (page, reason), items in sorted(grouped.items()):
        where = f"page {page}: " if page else ""
        first = items[0].text if len(items[0].text) <= limit else items[0].text[:limit] + "…"
        more = f" and {len(items) - 1} more" if len(items) > 1 else ""
        if reason == FORMAT_CHARACTERS:
            what = f"{reason} were removed before the review"
        else:
            what = f"text hidden from the reader ({reason}) was left out of the review"
        warnings.append(f"{where}{what}: “{first}”{more}")
    return warnings


@dataclass(frozen=True, slots=True)
class _Fill:
    """A filled shape or an image drawn on the page, in PDF user space; `rgb` None: an image."""

    left: float
    bottom: float
    right: float
    top: float
    rgb: tuple[int, int, int] | None

    def under(self, x: float, y: float) -> bool:
        return self.left <= x <= self.right and self.bottom <= y <= self.top


def hidden_text_objects(
    page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, page_number: int
) -> dict[int, HiddenText]:
    """The page's hidden text objects, keyed by the object's address (what
    `FPDFText_GetTextObject` returns for each of their characters)."""
    left, bottom, right, top = page.get_bbox()
    reader = _ObjectReader()
    fills: list[_Fill] = []
    fill_colours: set[tuple[int, int, int]] = set()
    hidden: dict[int, HiddenText] = {}
    for raw, kind, to_page in _objects(page.raw, reader):
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            if fill := reader.path_fill(raw, to_page):
                fills.append(fill)
                fill_colours.add(fill.rgb)
        elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            fills.append(_Fill(*reader.bounds(raw, to_page), None))
        elif kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            box = reader.bounds(raw, to_page)
            page_box = (left, bottom, right, top)
            reason = _why_hidden(reader, raw, box, to_page, fills, fill_colours, page_box)
            if reason is None:
                continue
            text = _object_text(raw, textpage)
            if not text.strip():
                continue
            x0, y0, x1, y1 = box
            hidden[ctypes.addressof(raw.contents)] = HiddenText(
                " ".join(text.split()), reason, page_number, (x0, top - y1, x1, top - y0)
            )
    return hidden


def _objects(
    page: pdfium_c.FPDF_PAGE, reader: _ObjectReader
) -> Iterator[tuple[pdfium_c.FPDF_PAGEOBJECT, int, _Matrix]]:
    """Every page object in drawing order, with its type and the matrix from its space to the
    page's: objects inside a form XObject have their boxes in the form's space."""
    stack = [(None, 0, pdfium_c.FPDFPage_CountObjects(page), _IDENTITY, 0)]
    while stack:
        form, index, count, to_page, depth = stack.pop()
        if index >= count:
            continue
        stack.append((form, index + 1, count, to_page, depth))
        raw = (
            pdfium_c.FPDFPage_GetObject(page, index)
            if form is None
            else pdfium_c.FPDFFormObj_GetObject(form, index)
        )
        if not raw:
            continue
        kind = pdfium_c.FPDFPageObj_GetType(raw)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            if depth < _MAX_DEPTH:
                inner = _compose(reader.matrix(raw), to_page)
                stack.append((raw, 0, pdfium_c.FPDFFormObj_CountObjects(raw), inner, depth + 1))
            continue
        yield raw, kind, to_page


def hidden_text(data: bytes, password: str | None = None) -> list[list[HiddenText]]:
    """Per page, the hidden text of a PDF (for engines that do not read it with PDFium)."""
    pdf = pdfium.PdfDocument(data, password=password)
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            try:
                pages.append(list(hidden_text_objects(page, textpage, index + 1).values()))
            finally:
                textpage.close()
                page.close()
        return pages
    finally:
        pdf.close()


def _why_hidden(
    reader: _ObjectReader,
    raw: pdfium_c.FPDF_PAGEOBJECT,
    box: _Box,
    to_page: _Matrix,
    fills: list[_Fill],
    fill_colours: set[tuple[int, int, int]],
    page_box: _Box,
) -> str | None:
    mode = pdfium_c.FPDFTextObj_GetTextRenderMode(raw)
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2

    def beneath() -> _Fill | None:
        return next((fill for fill in reversed(fills) if fill.under(cx, cy)), None)

    if mode in _INVISIBLE_MODES:
        # the OCR layer of a scanned page: the reader sees the image of these words
        under = beneath()
        return None if under is not None and under.rgb is None else INVISIBLE.format(mode=mode)
    left, bottom, right, top = page_box
    if not (left <= cx <= right and bottom <= cy <= top):
        return OFF_PAGE
    # (a box this tall holds text of a readable size: the size calls are spared)
    if (
        y1 - y0 < 2 * MIN_VISIBLE_SIZE
        and reader.font_size(raw) * _scale(to_page) < MIN_VISIBLE_SIZE
    ):
        return TINY
    if reader.clipped_away(raw, box, to_page):
        return CLIPPED
    rgba = reader.colour(raw, stroke=mode in _STROKE_ONLY_MODES)
    if rgba is None:
        return None
    if rgba[3] == 0:
        return TRANSPARENT
    if not any(_close(rgba, colour) for colour in (_WHITE, *fill_colours)):
        return None  # unlike every background on the page: no need to find its own
    under = beneath()
    if under is not None and under.rgb is None:
        return None  # over an image: its colours are unknown here
    return SAME_COLOUR if _close(rgba, under.rgb if under is not None else _WHITE) else None


def _close(rgba: tuple[int, ...], rgb: tuple[int, int, int]) -> bool:
    """Every channel within `MIN_CONTRAST` (spelt out: this runs for every text object)."""
    return (
        abs(rgba[0] - rgb[0]) < MIN_CONTRAST
        and abs(rgba[1] - rgb[1]) < MIN_CONTRAST
        and abs(rgba[2] - rgb[2]) < MIN_CONTRAST
    )


class _ObjectReader:
    """PDFium's per-object getters with their ctypes out-parameters made once per page."""

    def __init__(self) -> None:
        self._channels = [ctypes.c_uint() for _ in range(4)]
        self._channel_refs = [ctypes.byref(c) for c in self._channels]
        self._size = ctypes.c_float()
        self._size_ref = ctypes.byref(self._size)
        self._matrix = pdfium_c.FS_MATRIX()
        self._matrix_ref = ctypes.byref(self._matrix)
        self._box = [ctypes.c_float() for _ in range(4)]
        self._box_refs = [ctypes.byref(c) for c in self._box]
        self._point = [ctypes.c_float(), ctypes.c_float()]
        self._point_refs = [ctypes.byref(c) for c in self._point]
        self._modes = [ctypes.c_int(), ctypes.c_int()]
        self._mode_refs = [ctypes.byref(c) for c in self._modes]

    def bounds(self, raw: pdfium_c.FPDF_PAGEOBJECT, to_page: _Matrix) -> _Box:
        """The object's box on the page (its own box mapped through the forms around it)."""
        if not pdfium_c.FPDFPageObj_GetBounds(raw, *self._box_refs):
            return (0.0, 0.0, 0.0, 0.0)
        x0, y0, x1, y1 = (c.value for c in self._box)
        if to_page == _IDENTITY:
            return x0, y0, x1, y1
        return _mapped_box(((x0, y0), (x0, y1), (x1, y0), (x1, y1)), to_page)

    def clipped_away(self, raw: pdfium_c.FPDF_PAGEOBJECT, box: _Box, to_page: _Matrix) -> bool:
        """Whether one of the paths clipping the object leaves none of its box: the box of
        that path (in the object's parent space, mapped to the page) does not meet the
        text's box at all. A path's box is looser than the path, so only text certainly cut
        away is reported (a clip that leaves part of a line is not)."""
        clip = pdfium_c.FPDFPageObj_GetClipPath(raw)
        if not clip:
            return False
        x0, y0, x1, y1 = box
        for path in range(pdfium_c.FPDFClipPath_CountPaths(clip)):
            points = []
            for index in range(min(pdfium_c.FPDFClipPath_CountPathSegments(clip, path), 64)):
                segment = pdfium_c.FPDFClipPath_GetPathSegment(clip, path, index)
                if segment and pdfium_c.FPDFPathSegment_GetPoint(segment, *self._point_refs):
                    points.append((self._point[0].value, self._point[1].value))
            if len(points) < 2:
                continue
            left, bottom, right, top = _mapped_box(points, to_page)
            if (
                right < x0 - _CLIP_SLACK
                or left > x1 + _CLIP_SLACK
                or top < y0 - _CLIP_SLACK
                or bottom > y1 + _CLIP_SLACK
            ):
                return True
        return False

    def matrix(self, raw: pdfium_c.FPDF_PAGEOBJECT) -> _Matrix:
        if not pdfium_c.FPDFPageObj_GetMatrix(raw, self._matrix_ref):
            return _IDENTITY
        m = self._matrix
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def font_size(self, raw: pdfium_c.FPDF_PAGEOBJECT) -> float:
        """The text's size in its parent's space (font size times the text matrix)."""
        if not pdfium_c.FPDFTextObj_GetFontSize(raw, self._size_ref):
            return math.inf
        return self._size.value * _scale(self.matrix(raw))

    def colour(self, raw: pdfium_c.FPDF_PAGEOBJECT, stroke: bool) -> tuple[int, ...] | None:
        read = pdfium_c.FPDFPageObj_GetStrokeColor if stroke else pdfium_c.FPDFPageObj_GetFillColor
        if not read(raw, *self._channel_refs):
            return None
        return tuple(c.value for c in self._channels)

    def path_fill(self, raw: pdfium_c.FPDF_PAGEOBJECT, to_page: _Matrix) -> _Fill | None:
        if not pdfium_c.FPDFPath_GetDrawMode(raw, *self._mode_refs):
            return None
        if self._modes[0].value == pdfium_c.FPDF_FILLMODE_NONE:
            return None
        rgba = self.colour(raw, stroke=False)
        if rgba is None or rgba[3] == 0:
            return None
        return _Fill(*self.bounds(raw, to_page), rgba[:3])


def _compose(inner: _Matrix, outer: _Matrix) -> _Matrix:
    """The matrix applying `inner`, then `outer` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def _mapped_box(points: Iterable[tuple[float, float]], m: _Matrix) -> _Box:
    """The box on the page of `points` mapped through `m`."""
    a, b, c, d, e, f = m
    mapped = [(a * x + c * y + e, b * x + d * y + f) for x, y in points]
    xs, ys = [x for x, _ in mapped], [y for _, y in mapped]
    return min(xs), min(ys), max(xs), max(ys)


def _scale(m: _Matrix) -> float:
    return math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))


def _object_text(raw: pdfium_c.FPDF_PAGEOBJECT, textpage: pdfium.PdfTextPage) -> str:
    size = pdfium_c.FPDFTextObj_GetText(raw, textpage.raw, None, 0)
    if size <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDFTextObj_GetText(
        raw, textpage.raw, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), size
    )
    return buffer.raw[: size - 2].decode("utf-16-le", "replace")
