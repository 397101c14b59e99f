"""Layout analysis shared by both PDF engines: words with boxes -> reading order.

Each engine hands over `RawPage`s (words with boxes and fonts, ruling lines, image
area). From there everything is engine-independent, so the two engines can only
differ in the words they see:

1. ruled tables are found from the ruling lines and read row by row, cell by cell;
2. the other words are grouped into lines; a page with a clear gutter is read column
   by column (`columns.py`);
3. lines repeated at the top or bottom of many pages (running headers, footers, page
   numbers) become furniture: kept in the model, left out of the reading text;
4. paragraph breaks are decided from vertical gaps, font changes and punctuation;
5. the reading text is assembled, rejoining words hyphenated across lines, and every
   word records its character offsets in that text.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells
from pdfplumber.table import merge_edges as merge_ruling_edges

from contractkit.errors import EmptyDocument, NoTextLayer, ParseTimeout, TooLarge
from contractkit.ingest.columns import find_gutter, reading_order
from contractkit.ingest.visibility import (
    CLIPPED,
    FORMAT_CHARACTERS,
    INVISIBLE_CHARACTER,
    hidden_text_warnings,
    hides_characters,
    show_invisible,
)
from contractkit.model import (
    BBox,
    Document,
    HiddenText,
    Line,
    Page,
    Table,
    Word,
    looks_scanned,
)
from contractkit.textutil import PAGE_NUMBER_OR_ROMAN

if TYPE_CHECKING:
    from contractkit.ingest.ocr import PageOCR

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|,b\b", re.IGNORECASE)
_PAGE_NUMBER = PAGE_NUMBER_OR_ROMAN  # a page's outermost line that is only this
_ENUMERATOR = re.compile(
    r"^(?:\(?[a-z0-9]{1,4}[.)]|\d+(?:\.\d+)+\.?|§|section\b|article\b|schedule\b|exhibit\b)",
    re.IGNORECASE,
)
# Prefixes whose line-end hyphen is a real one ("non-compete"), not a line-break hyphen.
_HYPHENATED_PREFIXES = frozenset({"non", "self", "ex", "third", "cross", "well", "co"})
_HYPHENS = ("-", "\u00ad", "\u2010")
_TERMINAL = (".", ":", ";", "?", "!")

FURNITURE_ZONE = 0.12  # top/bottom fraction of the page where headers and footers live
MIN_TABLE_CELLS = 4


@dataclass(slots=True)
class RawPage:
    """What an engine extracts from one page, before layout analysis."""

    number: int
    width: float
    height: float
    words: list[Word]
    rules: list[BBox]  # ruling lines and rectangle edges
    image_area: float
    # text the PDF carries but does not show (kept out of `words`; see ingest/visibility.py)
    hidden: list[HiddenText] = field(default_factory=list)

    @property
    def image_coverage(self) -> float:
        """Fraction of the page covered by images."""
        if not (self.width and self.height):
            return 0.0
        return min(self.image_area / (self.width * self.height), 1.0)

    @property
    def is_image_only(self) -> bool:
        """A scanned page: no text layer, mostly image (the rule of `Page.is_scanned`)."""
        return looks_scanned(bool(self.words), self.image_coverage)


def is_bold(fontname: str) -> bool:
    return bool(_BOLD_FONT.search(fontname))


def check_page_count(count: int, max_pages: int, name: str) -> None:
    if count == 0:
        raise EmptyDocument("the PDF has no pages", path=name)
    if count > max_pages:
        raise TooLarge(f"the PDF has {count} pages, above the {max_pages}-page limit", path=name)


def build_document(
    raw_pages: list[RawPage],
    *,
    path: str,
    engine: str,
    ocr: PageOCR | None = None,
) -> Document:
    """Lay out the engine's pages; with `ocr`, image-only pages are OCR'd first (the
    engine is then `"ocr"`, even for a PDF of which only some pages are scans)."""
    if ocr is not None:
        raw_pages = ocr.read(raw_pages)
    pages = [_layout_page(raw) for raw in raw_pages]
    _mark_furniture(pages)
    _mark_paragraphs(pages)
    text = _assemble_text(pages)
    scanned = [p.number for p in pages if p.is_scanned]
    if not text.strip():
        if ocr and ocr.timed_out:
            raise ParseTimeout(f"no text: {ocr.warnings[-1]}", path=path)
        if ocr and ocr.too_large:
            raise TooLarge(f"no text: {ocr.warnings[-1]}", path=path)
        if scanned:
            hint = (ocr.hint or "OCR found no words on them") if ocr else "OCR is off"
            raise NoTextLayer(
                f"no text layer: the PDF is a scan (image-only pages); {hint}", path=path
            )
        raise EmptyDocument("the PDF contains no text", path=path)
    metadata: dict = {}  # never the password: a Document is shown, logged and pickled
    if ocr and ocr.pages:
        engine = ocr.engine
        metadata.update(ocr_pages=ocr.pages, ocr_lang=ocr.lang, ocr_confidence=ocr.confidence)
    hidden = _reported(raw_pages, pages)
    warnings = _scan_warnings(scanned, ocr) + hidden_text_warnings(hidden)
    return Document(
        path, engine, pages, text, warnings=warnings, metadata=metadata, hidden_text=hidden
    )


def _reported(raw_pages: list[RawPage], pages: list[Page]) -> list[HiddenText]:
    """The hidden text worth reporting: all of it but the clipped-away copies of words the
    page or its neighbour also shows (a document printed from a browser draws the lines at a
    page's edge twice, one copy cut away by the page's clip: left out of the text, nothing
    hidden)."""
    if not any(item.reason == CLIPPED for raw in raw_pages for item in raw.hidden):
        return [item for raw in raw_pages for item in raw.hidden]
    shown = {
        page.number: " ".join(w.text for line in page.lines for w in line.words) for page in pages
    }

    def shown_near(item: HiddenText, number: int) -> bool:
        words = " ".join(normalize_word(word) for word in item.text.split())
        return any(words in shown.get(n, "") for n in (number - 1, number, number + 1))

    return [
        item
        for raw in raw_pages
        for item in raw.hidden
        if not (item.reason == CLIPPED and shown_near(item, raw.number))
    ]


def _scan_warnings(scanned: list[int], ocr: PageOCR | None) -> list[str]:
    """Pages left without text, and what OCR did (or what to install to have it)."""
    unread = (ocr.timed_out + ocr.too_large) if ocr else []  # their own warning says why
    warnings = [
        f"page {n} has no text layer (a scanned image); its text is missing"
        for n in scanned
        if n not in unread
    ]
    if ocr:
        warnings += ([ocr.hint] if scanned and ocr.hint else []) + ocr.warnings
    return warnings


_LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb06": "st",
    }
)


def normalize_word(text: str) -> str:
    """Canonical Unicode (NFC: e.g. the Greek question mark some filings use for ";"
    becomes ";") with typographic ligatures spelled out, as pdfplumber already does, and
    without invisible format and control characters (zero-width spaces and joiners, bidi
    marks and overrides, NUL, ESC): "au\u200bdit" renders as "audit" and must read so.
    A soft hyphen ending the word stays: it marks a line-break hyphenation."""
    text = unicodedata.normalize("NFC", text.translate(_LIGATURES))
    if not INVISIBLE_CHARACTER.search(text):
        return text
    end = "\u00ad" if text.endswith("\u00ad") else ""
    return INVISIBLE_CHARACTER.sub("", text) + end


# -- 1. one page: tables, lines, columns ---------------------------------------------


def _layout_page(raw: RawPage) -> Page:
    kept = []
    for word in raw.words:
        if word.text and word.text.isascii() and word.text.isprintable():
            kept.append(word)  # no ligature, nothing to compose, no invisible character
            continue
        if hides_characters(word.text):
            raw.hidden.append(
                HiddenText(show_invisible(word.text), FORMAT_CHARACTERS, raw.number, word.bbox)
            )
        word.text = normalize_word(word.text)
        if word.text:
            kept.append(word)
    raw.words = kept
    tables, table_lines, free_words = _find_tables(raw)
    lines = _group_lines(free_words, raw.number)
    gutter = find_gutter(lines, raw.width)
    lines = reading_order(lines, gutter)
    for table, rows in zip(tables, table_lines, strict=True):
        at = next((i for i, line in enumerate(lines) if line.top > table.bbox[1]), len(lines))
        lines[at:at] = rows
    return Page(
        raw.number, raw.width, raw.height, lines, tables, raw.image_coverage, column_gutter=gutter
    )


def _group_lines(words: list[Word], page: int) -> list[Line]:
    """Words sharing a vertical band form a line; words are then ordered left to right."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        middle = (word.top + word.bottom) / 2
        if rows and rows[-1][0].top <= middle <= rows[-1][0].bottom:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [Line(sorted(row, key=lambda w: w.x0), page) for row in rows]


def _find_tables(raw: RawPage) -> tuple[list[Table], list[list[Line]], list[Word]]:
    """Ruled tables, each as lines (one per row, cells in order), and the words left."""
    edges = _ruling_edges(raw.rules)
    if len(edges) < 4:
        return [], [], raw.words
    cells = intersections_to_cells(edges_to_intersections(edges, 1, 1))
    tables: list[Table] = []
    table_lines: list[list[Line]] = []
    free = list(raw.words)
    for cell_group in cells_to_tables(cells):
        if len(cell_group) < MIN_TABLE_CELLS:
            continue
        rows = _rows_of(cell_group)
        lines, free = _table_lines(rows, free, raw.number)
        if lines:
            x0s, tops, x1s, bottoms = zip(*cell_group, strict=True)
            bbox = (min(x0s), min(tops), max(x1s), max(bottoms))
            tables.append(Table(raw.number, bbox, rows))
            table_lines.append(lines)
    return tables, table_lines, free


def _ruling_edges(rules: list[BBox]) -> list[dict]:
    edges = []
    for x0, top, x1, bottom in rules:
        horizontal = (x1 - x0) >= (bottom - top)
        if max(x1 - x0, bottom - top) < 3:
            continue
        edges.append(
            {
                "x0": x0,
                "x1": x1,
                "top": top if not horizontal else (top + bottom) / 2,
                "bottom": bottom if not horizontal else (top + bottom) / 2,
                "width": x1 - x0,
                "height": bottom - top,
                "orientation": "h" if horizontal else "v",
            }
        )
    for e in edges:
        if e["orientation"] == "v":
            e["x0"] = e["x1"] = (e["x0"] + e["x1"]) / 2
    return merge_ruling_edges(edges, 3, 3, 3, 3)


def _rows_of(cells: list[BBox]) -> list[list[BBox]]:
    rows: dict[float, list[BBox]] = {}
    for cell in cells:
        rows.setdefault(round(cell[1], 1), []).append(cell)
    return [sorted(rows[top], key=lambda c: c[0]) for top in sorted(rows)]


def _table_lines(
    rows: list[list[BBox]], words: list[Word], page: int
) -> tuple[list[Line], list[Word]]:
    """One line per table row: each cell's words (in their own reading order) in turn."""
    taken: set[int] = set()
    lines: list[Line] = []
    for row in rows:
        row_words: list[Word] = []
        cell_starts: list[int] = []
        for x0, top, x1, bottom in row:
            inside = [
                w
                for i, w in enumerate(words)
                if i not in taken
                and x0 <= (w.x0 + w.x1) / 2 <= x1
                and top <= (w.top + w.bottom) / 2 <= bottom
            ]
            taken.update(i for i, w in enumerate(words) if any(w is v for v in inside))
            if inside:
                cell_starts.append(len(row_words))
                row_words += [w for line in _group_lines(inside, page) for w in line.words]
        if row_words:
            lines.append(Line(row_words, page, kind="table", cell_starts=tuple(cell_starts)))
    free = [w for i, w in enumerate(words) if i not in taken]
    return lines, free


# -- 2. across pages: running headers, footers, page numbers -------------------------


def _furniture_key(line: Line) -> str:
    return re.sub(r"\d+", "#", " ".join(line.text.lower().split()))


def _mark_furniture(pages: list[Page]) -> None:
    """Headers, footers and page numbers: the first or last lines of a page that are a
    bare page number, or whose text (digits aside) recurs on many pages. Many filings
    print the page number right after the last paragraph, not at the page bottom, so
    position among the page's lines counts, not only position on the paper."""
    candidates = [(page, *edge) for page in pages for edge in _edge_lines(page)]
    seen = {(edge, _furniture_key(line), page.number) for page, line, edge, _ in candidates}
    pages_with = Counter((edge, key) for edge, key, _ in seen)
    for page, line, edge, outermost in candidates:
        count = pages_with[(edge, _furniture_key(line))]
        in_zone = line.bottom <= page.height * FURNITURE_ZONE or line.top >= page.height * (
            1 - FURNITURE_ZONE
        )
        if outermost and _PAGE_NUMBER.fullmatch(line.text.strip()):
            line.kind = "page_number"
        elif count >= max(3, len(pages) / 2) or (in_zone and count >= max(2, 0.4 * len(pages))):
            line.kind = edge


def _edge_lines(page: Page) -> list[tuple[Line, str, bool]]:
    """The two first and two last body lines: `(line, "header" | "footer", outermost)`."""
    # Geometric order, not reading order: on a two-column page the footer is read with
    # the left column, yet it is still the last line on the paper.
    lines = sorted((line for line in page.lines if line.kind == "body"), key=lambda ln: ln.top)
    top = [(line, "header", i == 0) for i, line in enumerate(lines[:2])]
    bottom = [(line, "footer", i == len(lines) - 1) for i, line in enumerate(lines) if i >= 2]
    return top + bottom[-2:]


# -- 3. paragraphs ----------------------------------------------------------------


def _mark_paragraphs(pages: list[Page]) -> None:
    previous: _Shape | None = None
    for page in pages:
        body = [_Shape.of(line) for line in page.body_lines]
        typical_gap = _typical_gap(body)
        for shape in body:
            shape.line.paragraph_start = previous is None or _starts_paragraph(
                previous, shape, typical_gap
            )
            previous = shape


@dataclass(frozen=True, slots=True)
class _Shape:
    """What a paragraph break is judged on, read once per line: each of `Line`'s properties
    walks the line's words again."""

    line: Line
    top: float
    bottom: float
    x0: float
    size: float
    bold: bool
    text: str

    @classmethod
    def of(cls, line: Line) -> _Shape:
        return cls(line, line.top, line.bottom, line.x0, line.size, line.bold, line.text)


def _typical_gap(lines: list[_Shape]) -> float:
    gaps = [
        b.top - a.bottom
        for a, b in pairwise(lines)
        if a.line.page == b.line.page and b.top - a.bottom >= 0
    ]
    return statistics.median(gaps) if gaps else 0.0


def _starts_paragraph(prev: _Shape, line: _Shape, typical_gap: float) -> bool:
    if line.line.kind == "table" or prev.line.kind == "table":
        return line.line.kind != prev.line.kind or not line.line.cell_starts
    ends_sentence = prev.text.rstrip().endswith(_TERMINAL)
    same_flow = (
        prev.line.page == line.line.page and line.top > prev.top and abs(line.x0 - prev.x0) < 60
    )
    if not same_flow:  # new page or new column: continue a sentence that runs on
        return ends_sentence or prev.bold != line.bold
    gap = line.top - prev.bottom
    if gap > typical_gap + 0.45 * max(line.size, 1.0):
        return True
    if prev.bold != line.bold or abs(prev.size - line.size) > 1.0:
        return True
    return ends_sentence and bool(_ENUMERATOR.match(line.text))


# -- 4. the reading text ----------------------------------------------------------


def _assemble_text(pages: list[Page]) -> str:
    """Join body lines into the reading text and record each word's offsets in it."""
    parts: list[str] = []
    pos = 0
    prev: Line | None = None
    for line in (line for page in pages for line in page.body_lines):
        if prev is not None and _joins_hyphenated(prev, line):
            parts[-1] = parts[-1][:-1]  # drop the line-break hyphen
            pos -= 1
            prev.words[-1].end = prev.end = pos
            sep = ""
        elif prev is None:
            sep = ""
        else:
            sep = "\n\n" if line.paragraph_start else "\n"
        parts.append(sep)
        pos += len(sep)
        line.start = pos
        for i, word in enumerate(line.words):
            if i:
                gap = line.separator_before(i)
                parts.append(gap)
                pos += len(gap)
            word.start = pos
            parts.append(word.text)
            pos += len(word.text)
            word.end = pos
        line.end = pos
        prev = line
    return "".join(parts)


def _joins_hyphenated(prev: Line, line: Line) -> bool:
    """`manu-` at a line end followed by `facturer`: one word split by the line break."""
    if line.paragraph_start or not prev.words or not line.words:
        return False
    last, first = prev.words[-1].text, line.words[0].text
    stem = last[:-1]
    return (
        last.endswith(_HYPHENS)
        and len(stem) >= 2
        and stem[-1].isalpha()
        and stem.split("-")[-1].lower() not in _HYPHENATED_PREFIXES
        and first[:1].islower()
    )
