"""The document model every later stage reads: Document -> Page -> Line -> Word.

Like pdfplumber's object model, every word keeps its page and bounding box in PDF
points (`x0, top, x1, bottom`, origin top-left). Unlike a bare PDF parse, the model
also owns the *reading text* (`Document.text`) and a map from any character offset of
that text back to the words, pages and boxes it came from, so that a clause found in
the text can be highlighted where it sits on the page.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

BBox = tuple[float, float, float, float]
"""`(x0, top, x1, bottom)` in PDF points, pdfplumber's convention."""

# Line kinds that are page furniture: kept in the model, left out of the reading text.
FURNITURE_KINDS = frozenset({"header", "footer", "page_number"})
# A page without text whose images cover at least this share of it is a scan.
SCANNED_MIN_COVERAGE = 0.25
# Between the cells of a table row in the reading text (ruled PDF tables, Word tables).
CELL_SEPARATOR = " | "


def looks_scanned(has_text: bool, image_coverage: float) -> bool:
    """Image-only page: pictures of text but no text layer to read."""
    return not has_text and image_coverage >= SCANNED_MIN_COVERAGE


@dataclass(slots=True)
class Word:
    """A run of non-space characters on one line, with its box and font."""

    text: str
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    size: float = 0.0
    bold: bool = False
    fontname: str = ""
    # Offsets of this word's characters in Document.text; -1 when the word is furniture.
    start: int = -1
    end: int = -1

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(slots=True)
class Line:
    """Words that share a baseline within one column, in left-to-right order."""

    words: list[Word]
    page: int
    kind: str = "body"  # body | table | header | footer | page_number
    # Layout's verdict that a new paragraph starts at this line.
    paragraph_start: bool = False
    # For a table row: index of the first word of each cell.
    cell_starts: tuple[int, ...] = ()
    start: int = -1
    end: int = -1

    @property
    def text(self) -> str:
        parts = [self.words[0].text] if self.words else []
        for i in range(1, len(self.words)):
            parts += [self.separator_before(i), self.words[i].text]
        return "".join(parts)

    def separator_before(self, i: int) -> str:
        """What stands between word i-1 and word i in the text: a cell separator in
        tables, nothing where the two touch (a font change inside a word), else a space."""
        if i in self.cell_starts:
            return CELL_SEPARATOR
        gap = self.words[i].x0 - self.words[i - 1].x1
        return "" if -1.0 < gap < 0.5 else " "  # a wrapped table cell jumps back: a space

    @property
    def bbox(self) -> BBox:
        return union_bbox(w.bbox for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        sizes = sorted(w.size for w in self.words)
        return sizes[len(sizes) // 2] if sizes else 0.0

    @property
    def bold(self) -> bool:
        return bool(self.words) and all(w.bold for w in self.words)

    @property
    def is_furniture(self) -> bool:
        return self.kind in FURNITURE_KINDS


@dataclass(slots=True)
class Table:
    """A ruled table: cell boxes by row, read row by row, cell by cell."""

    page: int
    bbox: BBox
    rows: list[list[BBox]]


@dataclass(slots=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)  # reading order, furniture included
    tables: list[Table] = field(default_factory=list)
    # Fraction of the page area covered by images: with no text, a scanned page.
    image_coverage: float = 0.0
    # x (pt) of the gutter layout found between two text columns (the page was read
    # column by column); None on a page read as one column.
    column_gutter: float | None = None

    @property
    def words(self) -> list[Word]:
        return [w for line in self.lines for w in line.words]

    @property
    def paragraph_boxes(self) -> list[BBox]:
        """Boxes of the paragraphs layout marked on this page (body lines, tables aside),
        in reading order: one box per column a paragraph runs through, so a paragraph
        continued in the next column or on the next page has a box in each."""
        boxes: list[BBox] = []
        group: list[Line] = []
        for line in self.body_lines:
            if line.kind == "table" or not line.words:
                group = _flush_paragraph(group, boxes)
                continue
            if group and (
                line.paragraph_start
                or line.top < group[-1].top  # back up the page: the next column
                or self._side(line) != self._side(group[-1])
            ):
                group = _flush_paragraph(group, boxes)
            group.append(line)
        _flush_paragraph(group, boxes)
        return boxes

    def _side(self, line: Line) -> str:
        """Which column a line keeps to: left, right, or both (one column: always both)."""
        gutter = self.column_gutter
        if gutter is not None and line.bbox[2] <= gutter:
            return "left"
        if gutter is not None and line.x0 >= gutter:
            return "right"
        return "both"

    @property
    def body_lines(self) -> list[Line]:
        return [line for line in self.lines if not line.is_furniture]

    @property
    def furniture(self) -> list[Line]:
        return [line for line in self.lines if line.is_furniture]

    @property
    def has_text(self) -> bool:
        return bool(self.lines)

    @property
    def is_scanned(self) -> bool:
        """Image-only: no text layer (and no OCR'd words), mostly covered by images."""
        return looks_scanned(self.has_text, self.image_coverage)


@dataclass(slots=True)
class Box:
    """Where a piece of text sits: a page and a box on it."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(frozen=True, slots=True)
class HiddenText:
    """Text the file carries but a reader does not see: what it says, why it cannot be seen,
    and where it sits (page and box in points, top-left origin like `Word`; None in files
    without pages, such as Word documents)."""

    text: str
    reason: str
    page: int | None = None
    bbox: BBox | None = None

    def contains(self, x: float, y: float, slack: float = 1.0) -> bool:
        if self.bbox is None:
            return False
        x0, top, x1, bottom = self.bbox
        return x0 - slack <= x <= x1 + slack and top - slack <= y <= bottom + slack


@dataclass
class Document:
    """A loaded contract: pages with layout, the reading text, and the map between them."""

    path: str | None
    engine: str  # pdfplumber | pdfium | ocr (some pages OCR'd) | text (also .docx)
    pages: list[Page]
    text: str
    sha256: str | None = None
    # Things a reader should know that did not stop loading (e.g. scanned pages).
    warnings: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    # Text the file carries but a reader cannot see: kept out of `text`, reported here.
    hidden_text: list[HiddenText] = field(default_factory=list)
    _word_starts: list[int] = field(default_factory=list, init=False, repr=False)
    _words: list[Word] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        self._words = sorted(
            (w for p in self.pages for line in p.lines for w in line.words if w.start >= 0),
            key=lambda w: w.start,
        )
        self._word_starts = [w.start for w in self._words]

    # -- navigation ---------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def lines(self) -> list[Line]:
        """Body lines (no furniture) in reading order across all pages."""
        return [line for p in self.pages for line in p.body_lines]

    @property
    def words(self) -> list[Word]:
        """Words of the reading text, in text order."""
        return list(self._words)

    @property
    def scanned_pages(self) -> list[int]:
        return [p.number for p in self.pages if p.is_scanned]

    def words_in(self, start: int, end: int) -> list[Word]:
        """Words whose characters overlap `text[start:end]`."""
        lo = bisect.bisect_right(self._word_starts, start) - 1
        lo = max(lo, 0)
        hi = bisect.bisect_left(self._word_starts, end)
        return [w for w in self._words[lo:hi] if w.end > start and w.start < end]

    def locate(self, start: int, end: int) -> list[Box]:
        """Boxes covering `text[start:end]`: one per line fragment, in reading order.

        Empty for plain-text documents, which have no pages.
        """
        boxes: list[Box] = []
        current: list[Word] = []
        for word in self.words_in(start, end):
            if current and not _same_line(current[-1], word):
                boxes.append(_box_of(current))
                current = []
            current.append(word)
        if current:
            boxes.append(_box_of(current))
        return boxes

    def page_of(self, offset: int) -> int | None:
        """1-based page holding the character at `offset`, or None for text input."""
        words = self.words_in(offset, offset + 1) or self.words_in(offset, len(self.text))
        return words[0].page if words else None

    def find(self, needle: str, start: int = 0) -> int:
        """Offset of `needle` in the reading text, whitespace-insensitive; -1 if absent."""
        from contractkit.textutil import find_normalized

        return find_normalized(self.text, needle, start)

    # -- visual debugging ---------------------------------------------------------

    def to_image(
        self, page: int, resolution: int = 72, password: str | None = None, **kwargs: Any
    ) -> Any:
        """The page rendered by pdfplumber (`PageImage`), to draw boxes on; an encrypted
        PDF needs its `password` again (the Document does not keep it).

        `doc.to_image(3).draw_rects([b.bbox for b in doc.locate(s, e) if b.page == 3])`
        """
        if self.path is None or self.engine == "text":
            raise ValueError("only PDF documents have pages to render")
        from contractkit.render import render_page

        return render_page(self.path, page, resolution, password or "", **kwargs)

    def debug_layout(
        self, page: int, resolution: int = 72, password: str | None = None, **kwargs: Any
    ) -> Any:
        """Page `page` drawn with what layout found on it, like pdfplumber's
        `debug_tablefinder`: paragraphs, tables and their cells, headers/footers/page
        numbers and the gutter between two columns, each in its colour
        (`contractkit.render.LAYOUT_COLOURS`). A pdfplumber `PageImage`."""
        from contractkit.render import debug_layout

        if self.pages and not 1 <= page <= len(self.pages):
            raise ValueError(f"no page {page}: the document has {len(self.pages)}")
        image = self.to_image(page, resolution, password, **kwargs)
        return debug_layout(image, self.pages[page - 1])

    def iter_paragraphs(self) -> Iterator[tuple[int, int]]:
        """`(start, end)` of each paragraph of the reading text (blank-line separated)."""
        from contractkit.textutil import paragraph_spans

        yield from paragraph_spans(self.text)


def union_bbox(boxes: Sequence[BBox] | Iterator[BBox]) -> BBox:
    x0s, tops, x1s, bottoms = zip(*boxes, strict=True)
    return (min(x0s), min(tops), max(x1s), max(bottoms))


def _flush_paragraph(lines: list[Line], boxes: list[BBox]) -> list[Line]:
    """Append the box of `lines` (if any) to `boxes`; the next, empty, group."""
    if lines:
        boxes.append(union_bbox(line.bbox for line in lines))
    return []


def _same_line(a: Word, b: Word) -> bool:
    if a.page != b.page or b.x0 < a.x0:
        return False
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap > 0.5 * min(a.bottom - a.top, b.bottom - b.top)


def _box_of(words: list[Word]) -> Box:
    x0, top, x1, bottom = union_bbox(w.bbox for w in words)
    return Box(words[0].page, x0, top, x1, bottom)
