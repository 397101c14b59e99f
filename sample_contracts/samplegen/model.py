"""Document model: what a contract says, independent of how it is drawn.

A contract is a :class:`Contract` (metadata and a :class:`Theme`) plus a flat sequence of
blocks (:class:`Title`, :class:`Heading`, :class:`Para`, :class:`Table`, :class:`Columns`,
:class:`Signature`).  Paragraphs and titles carry :class:`Clause` annotations; the layout
engine records the page on which each annotated text lands and writes the ground truth.

Text conventions used by the contract data modules:

* ``~`` inside a word (stored as a soft hyphen, U+00AD) marks a place where a long word may be
  hyphenated at a line end.  It is never printed unless the line breaks there, in which case
  ``-`` is printed.  Clause texts are recorded without it, i.e. as the word is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from contractkit.detect.taxonomy import load_taxonomy

SHY = "\u00ad"
SHY_MARK = "~"

#: Clause type ids the truth files may use: the project's taxonomy.
CLAUSE_TYPES = frozenset(load_taxonomy())


@dataclass(frozen=True)
class Clause:
    """A ground-truth annotation: ``text`` is a span of the enclosing block (``None``: all)."""

    type: str
    text: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.type not in CLAUSE_TYPES:
            raise ValueError(f"unknown clause type {self.type!r}")


@dataclass(frozen=True)
class Title:
    """The document title (full width, centred); ``lines`` are printed one per line."""

    lines: tuple[str, ...]
    clauses: tuple[Clause, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass(frozen=True)
class Heading:
    """A heading on a line of its own; ``lines`` are printed one per line."""

    lines: tuple[str, ...]
    level: int = 1

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass(frozen=True)
class Para:
    """A paragraph, optionally with a hanging ``label`` ("1.1", "(a)") and a bold run-in heading.

    ``level`` indents the paragraph by that many steps.  A paragraph that carries clauses is
    kept on one page (and in one column) so that every clause text starts and ends there.
    """

    text: str
    label: str = ""
    runin: str = ""
    level: int = 0
    clauses: tuple[Clause, ...] = ()
    align: str | None = None  # None: the theme's default alignment

    @property
    def body(self) -> str:
        """The body text as printed (without label, run-in heading and soft hyphens)."""
        return self.text.replace(SHY, "")

    @property
    def full_text(self) -> str:
        """The printed text after the label: run-in heading and body."""
        return f"{self.runin} {self.body}" if self.runin else self.body


@dataclass(frozen=True)
class Table:
    """A ruled table: ``header`` row plus data ``rows``; ``widths`` are fractions of the frame."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]


@dataclass(frozen=True)
class Party:
    role: str
    company: str
    name: str
    title: str


@dataclass(frozen=True)
class Signature:
    """An IN WITNESS WHEREOF paragraph followed by one signature panel per party."""

    text: str
    parties: tuple[Party, ...]


@dataclass(frozen=True)
class Columns:
    """Blocks set in two columns (the text flows down the left, then the right column)."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Title | Heading | Para | Table | Columns | Signature | PageBreak


@dataclass(frozen=True)
class Theme:
    """Typography and page furniture of one contract."""

    font: str  # "Helvetica", "Times", "Courier" or a key of layout.TTF_FONTS
    size: float = 10.0
    leading: float = 1.3  # line height as a multiple of the font size
    page_format: str = "A4"
    margin: float = 64.0  # left/right margin in pt
    top: float = 64.0  # top of the body in pt
    bottom: float = 64.0  # bottom margin of the body in pt
    align: str = "J"  # default paragraph alignment: "J" or "L"
    para_gap: float = 0.45  # space after a paragraph, in lines
    heading_size: float | None = None  # None: size + 1
    heading_align: str = "L"
    heading_caps: bool = False  # print level-1 headings in capitals
    indent: float = 22.0  # indentation step (and label width) in pt
    hang_labels: bool = True  # labels in a hanging indent (else inline, before the text)
    header: str | None = None  # running header text (every page)
    footer: str | None = None  # running footer pattern with {n} and {m}
    gutter: float = 18.0  # space between the two columns of a Columns block


@dataclass(frozen=True)
class Contract:
    stem: str
    contract_type: str
    title: str
    parties: tuple[str, ...]
    theme: Theme
    blocks: tuple[Block, ...]
    absent: tuple[str, ...] = ()
    layout: tuple[str, ...] = ()  # descriptive layout tags, e.g. "numbering_decimal"
    image_only: bool = False  # publish as a scanned, image-only PDF
    docx_twin: bool = False  # also publish as a Word document (<stem>.docx)


# --- small constructors used by the contract data modules -------------------------------------


def clause(type_: str, text: str | None = None, **attributes: Any) -> Clause:
    return Clause(type_, text, attributes)


def heading(*lines: str, level: int = 1) -> Heading:
    return Heading(tuple(lines), level)


@dataclass(frozen=True)
class Span:
    """Inline text of a paragraph annotated with several clause types at once."""

    text: str
    clauses: tuple[Clause, ...]


def span(text: str, *clauses: Clause) -> Span:
    return Span(text, clauses)


Part = str | Clause | Span


def para(
    *parts: Part, label: str = "", runin: str = "", level: int = 0, align: str | None = None
) -> Para:
    """A paragraph whose text is its ``parts`` joined by spaces.

    A plain string is unannotated text; a :class:`Clause` with a text is annotated inline text;
    a :class:`Span` is inline text annotated by each of its clauses; a :class:`Clause` without
    a text annotates the paragraph's whole body.
    """
    texts: list[str] = []
    clauses: list[Clause] = []
    for part in parts:
        if isinstance(part, str):
            texts.append(part)
        elif isinstance(part, Span):
            texts.append(part.text)
            clauses += [replace(c, text=_read(part.text)) for c in part.clauses]
        else:
            if part.text is not None:
                texts.append(part.text)
                part = replace(part, text=_read(part.text))
            clauses.append(part)
    text = " ".join(texts).replace(SHY_MARK, SHY)
    return Para(text, label=label, runin=runin, level=level, clauses=tuple(clauses), align=align)


def _read(text: str) -> str:
    """The text as read: without hyphenation marks."""
    return text.replace(SHY_MARK, "").replace(SHY, "")


def title(*lines: str, clauses: tuple[Clause, ...] = ()) -> Title:
    return Title(tuple(lines), clauses)


def table(header: tuple[str, ...], rows: list[tuple[str, ...]], widths: tuple[float, ...]) -> Table:
    return Table(header, tuple(rows), widths)


def columns(*blocks: Block) -> Columns:
    return Columns(tuple(blocks))


def signature(text: str, *parties: Party) -> Signature:
    return Signature(text, parties)
