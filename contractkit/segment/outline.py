"""The outline of a contract: nested sections, and the clauses a lawyer reads.

`build_outline()` reads a `Document` in three passes:

1. *lines* and 2. *blocks* (`lines.read_blocks`): runs of the reading text's lines that
   form one unit — a paragraph, a numbered item, a definition, a heading line, a
   signature field — with bold / font size when the document came from a PDF;
3. *tree* (here): each block's heading (see `headings`) opens a section; numbering
   families decide nesting: `1` < `1.1` < `1.1.1`, `(a)` below the current numbered item,
   `(i)` below `(a)`, articles above sections, schedules and exhibits reset everything.

Every block becomes one `Clause` (the leaf unit that detection scores and a reviewer
reads, with the path of headings above it), except list items that continue the
sentence before them ("The Supplier shall: (a) ...; (b) ...; and (c) ..."): those stay
in that sentence's clause, as a lawyer would quote it. Items that are sentences of
their own, and definitions, are clauses of their own.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from contractkit.model import Box, Document
from contractkit.numbering import letter_before
from contractkit.segment.headings import (
    AMBIGUOUS_ROMAN,
    PART_KINDS,
    SIGNATURE_START,
    Candidate,
    HeadingMatch,
    canonical,
    definition_term,
    enumerator_style,
    is_all_caps,
    recognise,
)
from contractkit.segment.lines import Block, read_blocks

SECTION_KINDS = (
    "preamble",
    "article",
    "section",
    "clause",
    "schedule",
    "exhibit",
    "definitions",
    "signature",
)
CLAUSE_KINDS = ("body", "definition", "list_item", "signature", "heading")


@dataclass(eq=False)
class Section:
    """A heading and everything under it, down to the next heading of the same rank."""

    number: str | None
    title: str
    heading: str  # as written, e.g. "12.2 Audit", "ARTICLE IV CONFIDENTIALITY", "(a)"
    level: int  # depth in the outline: 1 for a top-level section
    kind: str  # one of SECTION_KINDS
    start: int
    end: int
    parent: Section | None = field(default=None, repr=False)
    children: list[Section] = field(default_factory=list, repr=False)
    # How the outline nests: the numbering family and its rank (lower = outer).
    style: str = field(default="", repr=False)
    rank: int = field(default=0, repr=False)

    @property
    def heading_path(self) -> tuple[str, ...]:
        """Headings from the top of the document down to this section."""
        path: list[str] = []
        node: Section | None = self
        while node is not None:
            path.append(node.heading)
            node = node.parent
        return tuple(reversed(path))

    @property
    def named(self) -> Section:
        """The nearest section, this one or above, with a title ("12.2 Audit" for "(a)")."""
        node: Section | None = self
        while node is not None:
            if node.title:
                return node
            node = node.parent
        return self


@dataclass(eq=False)
class Clause:
    """The leaf unit a lawyer reads: a numbered item, a paragraph, a definition."""

    start: int
    end: int
    text: str
    kind: str  # one of CLAUSE_KINDS
    number: str | None
    heading_path: tuple[str, ...]
    section: str  # heading of the enclosing titled section, e.g. "12.2 Audit"
    parent: Section | None = field(default=None, repr=False)
    term: str | None = None  # the defined term, for definitions


class Outline:
    """Sections (document order, all levels) and clauses of one document."""

    def __init__(self, document: Document, sections: list[Section], clauses: list[Clause]):
        self.document = document
        self.sections = sections
        self.clauses = clauses
        self._starts = [c.start for c in clauses]

    @property
    def top(self) -> list[Section]:
        """Top-level sections."""
        return [s for s in self.sections if s.parent is None]

    def clause_at(self, offset: int) -> Clause | None:
        """The clause holding the character at `offset`, if any (None between clauses)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.clauses[i].end:
            return self.clauses[i]
        return None

    def clauses_in(self, start: int, end: int) -> list[Clause]:
        """Clauses overlapping `text[start:end]`, in order."""
        lo = max(bisect.bisect_right(self._starts, start) - 1, 0)
        hi = bisect.bisect_left(self._starts, end)
        return [c for c in self.clauses[lo:hi] if c.end > start and c.start < end]

    def boxes(self, clause: Clause) -> list[Box]:
        """Where the clause sits on the pages (empty for plain-text documents)."""
        return self.document.locate(clause.start, clause.end)


# -- pass 3: tree ------------------------------------------------------------------------

# Ranks: a new section closes every open one of equal or higher rank.
_PART_RANK = 0
_ARTICLE_RANK = 10
_SIGNATURE_RANK = 15
_HEADING_RANK = 20  # ALL CAPS or larger-font heading lines; bold / Title Case get +2
_DECIMAL_RANK = 30  # + depth: "1." is 31, "1.1" is 32
_LIST_RANK = 90  # (a), (i), run-in headings: nested by family, not by rank
_PREAMBLE_RANK = 100

# A list item that ends like this does not end its sentence: "...;", "...; and", "...,".
_ENDS_FRAGMENT = re.compile(r"(?:[;,]|[;,]?\s(?:and|or|and/or))[\"”’')\]]*$")
_DEFINITIONS_TITLE = re.compile(r"definition|interpretation|defined terms", re.IGNORECASE)
_DECIMAL_SUB = re.compile(r"^(?P<base>[\d.]+?)\.?(?P<subs>(?:\([a-zA-Z0-9]{1,4}\))+)$")


class _TreeBuilder:
    def __init__(self, document: Document) -> None:
        self.original = document.text
        self.text = canonical(document.text)  # what the rules read: same offsets
        self.sections: list[Section] = []
        self.clauses: list[Clause] = []
        self.stack: list[Section] = []
        self.body_seen = False  # any body text yet (a title at the top is the preamble's)
        self.in_signature = False
        self.last_heading_only: Section | None = None

    # -- per block --------------------------------------------------------------------

    def add(self, block: Block) -> None:
        candidate = Candidate(block.text, block.bold, block.size_ratio, block.followed)
        match = recognise(candidate)
        heading_only = match is not None and match.body >= len(block.text) and block.whole
        if self._signature_starts(block):
            self._open_signature(block)
        elif self.in_signature and match and match.kind in ("part", "article"):
            self.in_signature = False
        if self.in_signature:
            self._clause(block, "signature", None, None)
        elif match is not None and self._continues_list(block, match):
            self._extend_clause(block)
        elif match is None:
            self._body(block)
        elif heading_only and self._is_title_of_previous(match):
            self._merge_title(block, match)
        elif heading_only and match.kind in ("heading", "part") and self._in_title_area:
            self._preamble(block, match)
        else:
            self._numbered(block, match, heading_only)

    def _numbered(self, block: Block, match: HeadingMatch, heading_only: bool) -> None:
        section = self._open(block, match)
        self.last_heading_only = section if heading_only and not match.title else None
        body = self.text[block.start + match.body : block.end].lstrip()
        term = definition_term(body) if body else None
        if heading_only:
            kind = "heading"
        elif term:
            kind = "definition"
        elif section.rank == _LIST_RANK and section.style != "run-in":
            kind = "list_item"
        else:
            kind = "body"
        self.body_seen = self.body_seen or not heading_only
        self._clause(block, kind, match.number, term)

    def _continues_list(self, block: Block, match: HeadingMatch) -> bool:
        """An item that is part of the sentence before it: "The Supplier shall: (a) act
        with care; (b) keep records; and (c) ..." is one clause, as a lawyer quotes it.
        Items that are sentences of their own ("(a) The Supplier shall keep records.")
        and definitions stay clauses of their own."""
        if match.kind != "item" or not self.clauses or self.clauses[-1].kind == "heading":
            return False
        if definition_term(self.text[block.start + match.body : block.end].lstrip()):
            return False
        before = self.text[self.clauses[-1].start : self.clauses[-1].end]
        if _ENDS_FRAGMENT.search(before):
            return True  # "...; and" / "...," : the list goes on
        item = self.text[block.start : block.end]
        return before.endswith(":") and bool(_ENDS_FRAGMENT.search(item))

    def _extend_clause(self, block: Block) -> None:
        clause = self.clauses[-1]
        clause.end = block.end
        clause.text = self.original[clause.start : clause.end]
        self.last_heading_only = None

    @property
    def _in_title_area(self) -> bool:
        """Above the first body text: the contract's title and filing labels."""
        return not self.body_seen and (not self.stack or self.stack[-1].kind == "preamble")

    def _body(self, block: Block) -> None:
        self.last_heading_only = None
        # An all-caps legend ("CONFIDENTIAL TREATMENT REQUESTED ...") is not the body.
        self.body_seen = self.body_seen or not is_all_caps(block.text)
        term = definition_term(block.text)
        if term:
            # The next definition after "(iv)" of the one before is not part of "(iv)".
            while self.stack and self.stack[-1].rank == _LIST_RANK:
                self.stack.pop()
        self._clause(block, "definition" if term else "body", None, term)

    # -- sections ---------------------------------------------------------------------

    def _open(self, block: Block, match: HeadingMatch) -> Section:
        style, rank = self._style_and_rank(match)
        if style == "heading":
            # An unnumbered heading nests in the open numbered section ("5. WARRANTIES" /
            # "Performance Warranty"), closing items and headings of its weight or less.
            while self.stack and (
                self.stack[-1].rank >= _LIST_RANK
                or (self.stack[-1].style == "heading" and self.stack[-1].rank >= rank)
            ):
                self.stack.pop()
        elif rank < _LIST_RANK:
            # A numbered heading closes unnumbered ones: "RECITALS" / "AGREEMENT" are not
            # the parents of "1. Definitions", and a stray heading-like line ("To EKR
            # To PPI" above an address table) does not swallow the sections after it.
            while self.stack and (self.stack[-1].rank >= rank or self.stack[-1].style == "heading"):
                self.stack.pop()
        else:
            self._pop_to_sibling(style)
        return self._push(block, match, style, rank)

    def _style_and_rank(self, match: HeadingMatch) -> tuple[str, int]:
        if match.kind == "part":
            return "part", _PART_RANK
        if match.kind == "article":
            return "article", _ARTICLE_RANK
        if match.kind == "section":
            sub = _DECIMAL_SUB.match(match.number or "")
            if sub:  # "12.2(a)" is item (a) of 12.2
                self._close_below(sub.group("base"))
                last = sub.group("subs").rsplit("(", 1)[1].rstrip(")")
                return enumerator_style(last, "paren"), _LIST_RANK
            if match.level == 1 and self._in_numbered_list(match.number or ""):
                return "list-digit", _LIST_RANK
            return "decimal", _DECIMAL_RANK + (match.level or 1)
        if match.kind == "item":
            return self._resolve_roman(match), _LIST_RANK
        if match.reason == "run-in title":
            return "run-in", _LIST_RANK
        strong = match.reason in ("all caps", "larger font")
        return "heading", _HEADING_RANK if strong else _HEADING_RANK + 2

    def _in_numbered_list(self, number: str) -> bool:
        """ "1." / "1)" inside section 2.1 is a list item, not section 1: a single number
        that neither continues an open list nor follows the open top-level section."""
        n = int(number.split(".")[0])
        for section in reversed(self.stack):
            if section.style == "list-digit":
                return int((section.number or "0").split(".")[0]) == n - 1
            if section.rank < _LIST_RANK:
                break
        top = [s for s in self.stack if s.rank == _DECIMAL_RANK + 1]
        if not top or top[-1] is self.stack[-1]:
            return False
        return n != int((top[-1].number or "0").split(".")[0]) + 1

    def _close_below(self, base: str) -> None:
        """Before item "12.2(a)": close what is open below 12.2, keeping 12.2 itself."""
        rank = _DECIMAL_RANK + base.count(".") + 1
        while self.stack and self.stack[-1].number != base and self.stack[-1].rank >= rank:
            self.stack.pop()

    def _resolve_roman(self, match: HeadingMatch) -> str:
        """ "(i)" after "(h)" is a letter; otherwise a Roman numeral."""
        token = match.token
        if token not in AMBIGUOUS_ROMAN:
            return match.style
        bracket = match.style.split("-")[0]
        letter_style = enumerator_style("a" if token.islower() else "A", bracket)
        previous = letter_before(token)
        for section in reversed(self.stack):
            if section.style == letter_style and section.number and previous in section.number:
                return letter_style
            if section.rank < _LIST_RANK:
                break
        return match.style

    def _pop_to_sibling(self, style: str) -> None:
        """List items nest by family: close back to an open item of the same family."""
        for depth in range(len(self.stack) - 1, -1, -1):
            section = self.stack[depth]
            if section.style == style:
                del self.stack[depth:]
                return
            if section.rank < _LIST_RANK:
                return

    def _push(self, block: Block, match: HeadingMatch, style: str, rank: int) -> Section:
        parent = self.stack[-1] if self.stack else None
        section = Section(
            number=match.number,
            title=match.title,
            heading=match.heading,
            level=(parent.level + 1) if parent else 1,
            kind=self._section_kind(match, rank, parent),
            start=block.start,
            end=block.end,
            parent=parent,
            style=style,
            rank=rank,
        )
        if parent:
            parent.children.append(section)
        self.stack.append(section)
        self.sections.append(section)
        return section

    @staticmethod
    def _section_kind(match: HeadingMatch, rank: int, parent: Section | None) -> str:
        if match.kind == "part":
            word = match.heading.split()[0].lower()
            return PART_KINDS.get(word, "schedule")
        if _DEFINITIONS_TITLE.search(match.title):
            return "definitions"
        if match.kind == "article":
            return "article"
        if rank <= _DECIMAL_RANK + 1:  # headings and "1." / "Section 1"
            return "section"
        if match.style == "run-in" and (parent is None or parent.rank < _DECIMAL_RANK):
            return "section"  # "Audit Rights. ..." in a contract without numbers
        return "clause"

    def _is_title_of_previous(self, match: HeadingMatch) -> bool:
        """ "ARTICLE IV" then "CONFIDENTIALITY" on the next line: one heading."""
        return (
            self.last_heading_only is not None
            and match.kind == "heading"
            and match.reason != "run-in title"
        )

    def _merge_title(self, block: Block, match: HeadingMatch) -> None:
        section = self.last_heading_only
        assert section is not None
        section.title = match.title
        section.heading = f"{section.heading} {match.title}"
        if _DEFINITIONS_TITLE.search(match.title) and section.kind != "schedule":
            section.kind = "definitions"
        clause = self.clauses[-1]
        clause.end = block.end
        clause.text = self.original[clause.start : clause.end]
        clause.heading_path = section.heading_path
        clause.section = section.heading
        self.last_heading_only = None

    def _preamble(self, block: Block, match: HeadingMatch) -> None:
        """Title lines above the first body text belong to the preamble, which takes
        the first plain heading as its name ("SERVICES AGREEMENT")."""
        if not self.stack:
            self._push_preamble(block.start)
        preamble = self.stack[-1]
        if match.kind == "heading" and preamble.heading == "Preamble":
            preamble.title = preamble.heading = match.title
        self._clause(block, "heading", None, None)

    def _push_preamble(self, start: int) -> None:
        section = Section(None, "", "Preamble", 1, "preamble", start, start)
        section.rank = _PREAMBLE_RANK
        self.stack.append(section)
        self.sections.append(section)

    # -- signatures -------------------------------------------------------------------

    def _signature_starts(self, block: Block) -> bool:
        if self.in_signature:
            return False
        if SIGNATURE_START.match(block.text):
            return True
        # Signature fields without "IN WITNESS WHEREOF": "By: ____" then "Name:".
        following = self.text[block.start : block.end + 200]
        return bool(
            block.text.lower().startswith("by:") and re.search(r"\bname\s*:", following, re.I)
        )

    def _open_signature(self, block: Block) -> None:
        while self.stack and self.stack[-1].rank > _PART_RANK:
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        section = Section(
            None,
            "",
            "Signatures",
            parent.level + 1 if parent else 1,
            "signature",
            block.start,
            block.end,
            parent=parent,
            style="signature",
            rank=_SIGNATURE_RANK,
        )
        if parent:
            parent.children.append(section)
        self.stack.append(section)
        self.sections.append(section)
        self.in_signature = True
        self.last_heading_only = None

    # -- clauses ----------------------------------------------------------------------

    def _clause(self, block: Block, kind: str, number: str | None, term: str | None) -> None:
        if not self.stack:
            self._push_preamble(block.start)
        owner = self.stack[-1]
        self.clauses.append(
            Clause(
                start=block.start,
                end=block.end,
                text=self.original[block.start : block.end],
                kind=kind,
                number=number,
                heading_path=owner.heading_path,
                section=owner.named.heading,
                parent=owner,
                term=term,
            )
        )

    def finish(self, document: Document) -> Outline:
        for clause in self.clauses:
            if clause.parent is not None and clause.parent.end < clause.end:
                clause.parent.end = clause.end
        for section in reversed(self.sections):  # children before their parents
            if section.children:
                section.end = max(section.end, *(child.end for child in section.children))
        return Outline(document, self.sections, self.clauses)


def build_outline(document: Document) -> Outline:
    """Sections and clauses of `document` (see the module docstring for how)."""
    builder = _TreeBuilder(document)
    for block in read_blocks(document, builder.text):
        builder.add(block)
    return builder.finish(document)
