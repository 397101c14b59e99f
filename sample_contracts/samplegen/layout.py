"""Layout engine: flows the blocks of a :class:`~samplegen.model.Contract` onto PDF pages.

The engine does its own line breaking (spaces only, never at a hard hyphen; soft hyphens mark
the only places where a word may be split) and its own justification, so that the position of
every line break is known and reproducible.  Each word is drawn with ``FPDF.text`` followed by
a real space character, so text extractors see ordinary spaces between words.

Public API (used by ``generate.py``): :func:`render` and :class:`Rendered`.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from fpdf import FPDF

from samplegen.model import (
    SHY,
    Block,
    Clause,
    Columns,
    Contract,
    Heading,
    PageBreak,
    Para,
    Signature,
    Table,
    Theme,
    Title,
)

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
TTF_FONTS = {
    "DejaVuSans": {
        "": "DejaVuSans.ttf",
        "B": "DejaVuSans-Bold.ttf",
        "I": "DejaVuSans-Oblique.ttf",
    },
    "DejaVuSansCondensed": {
        "": "DejaVuSansCondensed.ttf",
        "B": "DejaVuSansCondensed-Bold.ttf",
        "I": "DejaVuSansCondensed-Oblique.ttf",
    },
    "DejaVuSerif": {
        "": "DejaVuSerif.ttf",
        "B": "DejaVuSerif-Bold.ttf",
        "I": "DejaVuSerif-Italic.ttf",
    },
}
#: Fixed metadata date, so that the output is byte-for-byte reproducible.
CREATION_DATE = datetime(2024, 3, 1, 9, 0, 0, tzinfo=timezone.utc)
PRODUCER = "contractkit sample_contracts/generate.py"
GREY = 90
RULE_WIDTH = 0.6
CELL_PAD = 4.0
EPS = 0.01


@dataclass
class Line:
    words: list[tuple[str, str]]  # (printed text, font style)
    justify: bool = True  # False for the last line of a paragraph
    hyphenated: str = ""  # the word split at the end of this line, if any


@dataclass
class Rendered:
    """The PDF and everything the layout learned about it (used for the truth file)."""

    pdf: bytes
    pages: int
    clauses: list[dict[str, Any]]
    hyphenated_words: list[str]
    two_column_pages: list[int]
    tables: list[dict[str, Any]]


class ContractPDF(FPDF):
    """FPDF with the contract's running header and footer."""

    def __init__(self, theme: Theme, total_pages: int) -> None:
        super().__init__(unit="pt", format=theme.page_format)
        self.theme = theme
        self.total_pages = total_pages
        self.set_auto_page_break(False)
        self.set_margins(theme.margin, theme.top, theme.margin)
        self.set_creation_date(CREATION_DATE)
        self.set_producer(PRODUCER)
        for style, filename in TTF_FONTS.get(theme.font, {}).items():
            self.add_font(theme.font, style, str(FONT_DIR / filename))

    def header(self) -> None:
        if not self.theme.header:
            return
        t = self.theme
        self.set_font(t.font, "I", t.size - 1.5)
        self.set_text_color(GREY)
        y = t.top - 30
        self.text(t.margin, y, t.header)
        self.set_draw_color(GREY)
        self.set_line_width(0.4)
        self.line(t.margin, y + 5, self.w - t.margin, y + 5)
        self.set_text_color(0)
        self.set_draw_color(0)

    def footer(self) -> None:
        if not self.theme.footer:
            return
        t = self.theme
        text = t.footer.format(n=self.page_no(), m=self.total_pages)
        self.set_font(t.font, "", t.size - 1.5)
        self.set_text_color(GREY)
        self.text((self.w - self.get_string_width(text)) / 2, self.h - t.bottom + 30, text)
        self.set_text_color(0)


def fold(text: str) -> str:
    """Collapse runs of whitespace to single spaces."""
    return " ".join(text.split())


class Layout:
    """Flows blocks into one frame (full width) or two frames (columns) per page."""

    def __init__(self, contract: Contract, total_pages: int) -> None:
        self.contract = contract
        self.t = contract.theme
        self.pdf = ContractPDF(self.t, total_pages)
        self.lh = self.t.size * self.t.leading
        self.width = self.pdf.w - 2 * self.t.margin
        self.bottom = self.pdf.h - self.t.bottom
        self.frames = [(self.t.margin, self.width)]
        self.col = 0
        self.col_top = self.t.top
        self.col0_end = self.t.top
        self.y = self.t.top
        self.heading = ""
        self.subheading = ""
        self.clauses: list[dict[str, Any]] = []
        self.hyphenated: list[str] = []
        self.two_column_pages: list[int] = []
        self.tables: list[dict[str, Any]] = []
        self.pdf.add_page()

    # --- frames and pages ---------------------------------------------------------------

    @property
    def x(self) -> float:
        return self.frames[self.col][0]

    @property
    def w(self) -> float:
        return self.frames[self.col][1]

    def new_page(self) -> None:
        self.pdf.add_page()
        self.y = self.col_top = self.t.top
        self.col = 0
        if len(self.frames) == 2:
            self.two_column_pages.append(self.pdf.page)

    def advance_frame(self) -> None:
        if len(self.frames) == 2 and self.col == 0:
            self.col0_end = self.y
            self.col = 1
            self.y = self.col_top
        else:
            self.new_page()

    def ensure(self, height: float) -> None:
        """Move to the next frame unless ``height`` fits below the current position."""
        if self.y + height > self.bottom + EPS and self.y > self.col_top + EPS:
            self.advance_frame()
        if self.y + height > self.bottom + EPS:
            raise ValueError(f"{self.contract.stem}: block of {height:.0f}pt fits no frame")

    # --- text primitives ----------------------------------------------------------------

    def font(self, style: str = "", size: float | None = None) -> None:
        self.pdf.set_font(self.t.font, style, size or self.t.size)

    def text_width(self, text: str, style: str, size: float | None = None) -> float:
        self.font(style, size)
        return self.pdf.get_string_width(text)

    def wrap(self, tokens: list[tuple[str, str]], width: float) -> list[Line]:
        """Greedy line breaking at spaces and, for words that do not fit, at soft hyphens."""
        lines: list[Line] = []
        cur: list[tuple[str, str]] = []
        used = 0.0
        queue = deque(tokens)
        while queue:
            word, style = queue.popleft()
            printed = word.replace(SHY, "")
            gap = self.text_width(" ", cur[-1][1]) if cur else 0.0
            need = self.text_width(printed, style)
            if not cur or used + gap + need <= width + EPS:
                cur.append((printed, style))
                used += gap + need
                continue
            split = self.hyphen_split(word, style, width - used - gap)
            hyphenated = ""
            if split:
                head, rest = split
                cur.append((head + "-", style))
                hyphenated = re.sub(r"^\W+|\W+$", "", printed)
                queue.appendleft((rest, style))
            else:
                queue.appendleft((word, style))
            lines.append(Line(cur, hyphenated=hyphenated))
            cur, used = [], 0.0
        lines.append(Line(cur, justify=False))
        return lines

    def hyphen_split(self, word: str, style: str, room: float) -> tuple[str, str] | None:
        """The longest soft-hyphen split of ``word`` whose head (plus ``-``) fits ``room``."""
        parts = word.split(SHY)
        for i in range(len(parts) - 1, 0, -1):
            head = "".join(parts[:i])
            if self.text_width(head + "-", style) <= room + EPS:
                return head, SHY.join(parts[i:])
        return None

    def baseline(self, size: float | None = None) -> float:
        size = size or self.t.size
        return self.y + 0.5 * (self.t.leading - 1) * size + 0.8 * size

    def draw_line(self, line: Line, x: float, width: float, align: str, size: float | None) -> None:
        """Draw one line at the current position: each word plus a real space character."""
        widths = [self.text_width(w, s, size) for w, s in line.words]
        spaces = [self.text_width(" ", s, size) for _, s in line.words]
        natural = sum(widths) + sum(spaces[:-1])
        extra = 0.0
        if align == "C":
            x += (width - natural) / 2
        elif align == "J" and line.justify and len(line.words) > 1:
            extra = (width - natural) / (len(line.words) - 1)
        baseline = self.baseline(size)
        last = len(line.words) - 1
        for i, ((word, style), wd, sp) in enumerate(zip(line.words, widths, spaces, strict=True)):
            self.font(style, size)
            self.pdf.text(x, baseline, word if i == last else word + " ")
            x += wd + sp + extra
        self.y += (size or self.t.size) * self.t.leading
        if line.hyphenated:
            self.hyphenated.append(line.hyphenated)

    def draw_lines(self, lines: list[Line], dx: float, width: float, align: str) -> None:
        """Draw lines ``dx`` points into the current frame, moving on when the frame is full."""
        for line in lines:
            if self.y + self.lh > self.bottom + EPS:
                self.advance_frame()
            self.draw_line(line, self.x + dx, width, align, None)

    @staticmethod
    def tokens(text: str, style: str = "") -> list[tuple[str, str]]:
        return [(word, style) for word in text.split()]

    # --- truth recording ----------------------------------------------------------------

    def record(self, clauses: tuple[Clause, ...], body: str, printed: str, heading: str) -> None:
        """Note each clause (default text: ``body``) on the current page; check it is printed."""
        for c in clauses:
            text = fold(c.text if c.text is not None else body)
            if text not in fold(printed):
                raise ValueError(f"{self.contract.stem}: clause text not in block: {text[:60]!r}")
            self.clauses.append(
                {
                    "type": c.type,
                    "page": self.pdf.page,
                    "heading": heading,
                    "text": text,
                    "attributes": dict(c.attributes),
                }
            )

    # --- blocks -------------------------------------------------------------------------

    def render(self, blocks: tuple[Block, ...]) -> None:
        handlers = {
            Title: self.title,
            Para: self.paragraph,
            Table: self.table,
            Columns: self.two_columns,
            Signature: self.signature,
            PageBreak: lambda _b: self.new_page(),
        }
        for block, following in zip(blocks, (*blocks[1:], None), strict=True):
            if isinstance(block, Heading):
                self.heading_block(block, following)
            else:
                handlers[type(block)](block)

    def title(self, block: Title) -> None:
        size = self.t.size + 4
        for text in block.lines:
            self.draw_line(Line(self.tokens(text, "B")), self.x, self.w, "C", size)
        self.record(block.clauses, block.text, block.text, "")
        self.y += self.lh

    def heading_block(self, block: Heading, following: Block | None = None) -> None:
        """A heading, kept in one frame with the start of the following paragraph."""
        size = (self.t.heading_size or self.t.size + 1) if block.level == 1 else self.t.size
        self.y += 0.6 * self.lh
        keep = 3 * self.lh
        if isinstance(following, Para) and following.clauses:
            keep = len(self.para_lines(following)[0]) * self.lh + 0.25 * self.lh
        self.ensure(len(block.lines) * size * self.t.leading + keep)
        for text in block.lines:
            self.draw_line(Line(self.tokens(text, "B")), self.x, self.w, self.t.heading_align, size)
        self.y += 0.25 * self.lh
        self.heading, self.subheading = block.text, ""

    def para_lines(self, block: Para) -> tuple[list[Line], float, bool]:
        """The lines of a paragraph, the x offset of its text and whether the label hangs."""
        hang = bool(block.label) and self.t.hang_labels
        label_style = "B" if block.runin else ""
        tokens = [] if hang else self.tokens(block.label, label_style)
        tokens += self.tokens(block.runin, "B") + self.tokens(block.text)
        text_x = block.level * self.t.indent + (self.t.indent if hang else 0)
        return self.wrap(tokens, self.w - text_x), text_x, hang

    def paragraph(self, block: Para) -> None:
        lines, text_x, hang = self.para_lines(block)
        if block.runin:
            self.subheading = fold(f"{block.label} {block.runin}").rstrip(".:")
        if block.clauses:
            self.ensure(len(lines) * self.lh)
        elif self.y + self.lh > self.bottom + EPS:
            self.advance_frame()
        if hang:
            self.font("B" if block.runin else "")
            self.pdf.text(self.x + block.level * self.t.indent, self.baseline(), block.label)
        self.record(block.clauses, block.body, block.full_text, self.subheading or self.heading)
        self.draw_lines(lines, text_x, self.w - text_x, block.align or self.t.align)
        self.y += self.t.para_gap * self.lh

    def table(self, block: Table) -> None:
        """A ruled table with a shaded header row, kept on one page."""
        widths = [f * self.w for f in block.widths]
        rows = [block.header, *block.rows]
        wrapped = [
            [
                self.wrap(self.tokens(cell, "B" if r == 0 else ""), w - 2 * CELL_PAD)
                for cell, w in zip(row, widths, strict=True)
            ]
            for r, row in enumerate(rows)
        ]
        heights = [max(len(c) for c in r) * self.lh + 2 * CELL_PAD for r in wrapped]
        self.ensure(sum(heights))
        self.tables.append(
            {
                "page": self.pdf.page,
                "header": list(block.header),
                "rows": [list(r) for r in block.rows],
            }
        )
        top, x0 = self.y, self.x
        self.pdf.set_fill_color(225)
        self.pdf.rect(x0, top, sum(widths), heights[0], style="F")
        for r, cells in enumerate(wrapped):
            x = x0
            for lines, w in zip(cells, widths, strict=True):
                self.y = top + sum(heights[:r]) + CELL_PAD
                for line in lines:
                    self.draw_line(line, x + CELL_PAD, w - 2 * CELL_PAD, "L", None)
                x += w
        self.rule_grid(x0, top, widths, heights)
        self.y = top + sum(heights) + 0.8 * self.lh

    def rule_grid(self, x0: float, top: float, widths: list[float], heights: list[float]) -> None:
        """Rule the table with single line segments (no rectangles)."""
        self.pdf.set_line_width(RULE_WIDTH)
        right, bottom = x0 + sum(widths), top + sum(heights)
        y = top
        for h in [0.0, *heights]:
            y += h
            self.pdf.line(x0, y, right, y)
        x = x0
        for w in [0.0, *widths]:
            x += w
            self.pdf.line(x, top, x, bottom)

    def two_columns(self, block: Columns) -> None:
        """Set the blocks in two columns; continue full width below the longer column."""
        colw = (self.width - self.t.gutter) / 2
        self.frames = [(self.t.margin, colw), (self.t.margin + colw + self.t.gutter, colw)]
        self.col, self.col_top = 0, self.y
        self.two_column_pages.append(self.pdf.page)
        self.render(block.blocks)
        end = max(self.col0_end, self.y) if self.col == 1 else self.y
        self.frames, self.col = [(self.t.margin, self.width)], 0
        self.y, self.col_top = end, self.t.top

    def signature(self, block: Signature) -> None:
        """The witness sentence, then one signature panel per party side by side (kept together)."""
        lines = self.wrap(self.tokens(block.text), self.w)
        panel = 9 * self.lh
        self.ensure((len(lines) + 1.5) * self.lh + panel)
        self.y += 0.5 * self.lh
        self.draw_lines(lines, 0.0, self.w, self.t.align)
        self.y += self.lh
        top, n = self.y, len(block.parties)
        pw = (self.w - (n - 1) * self.t.gutter) / n
        for i, p in enumerate(block.parties):
            self.y = top
            x = self.x + i * (pw + self.t.gutter)
            rows = [
                (p.role, "B"),
                (p.company, "B"),
                ("", ""),
                ("", ""),
                ("By: ______________________________", ""),
                (f"Name: {p.name}", ""),
                (f"Title: {p.title}", ""),
                ("Date: ____________________", ""),
            ]
            for text, style in rows:
                if text:
                    self.draw_line(Line(self.tokens(text, style)), x, pw, "L", None)
                else:
                    self.y += self.lh
        self.y = top + panel + self.lh


def render(contract: Contract) -> Rendered:
    """Lay the contract out twice: once to count the pages, once with "Page N of M" filled in."""
    probe = Layout(contract, total_pages=0)
    probe.render(contract.blocks)
    pages = probe.pdf.page
    layout = Layout(contract, total_pages=pages)
    layout.render(contract.blocks)
    if layout.pdf.page != pages:
        raise RuntimeError(f"{contract.stem}: page count changed between passes")
    return Rendered(
        pdf=bytes(layout.pdf.output()),
        pages=pages,
        clauses=layout.clauses,
        hyphenated_words=layout.hyphenated,
        two_column_pages=sorted(set(layout.two_column_pages)),
        tables=layout.tables,
    )
