"""Lines and blocks: the first two passes of the outline (see `outline`).

1. *lines*: the reading text's lines, with bold / font size / indent when the document
   came from a PDF;
2. *blocks*: runs of lines that form one unit — a paragraph, a numbered item, a
   definition, a heading line, a signature field. A blank line always ends a block; a
   line that starts with an enumerator, a definition or a signature field starts one
   when the line before it ended a sentence (so a reference wrapped onto a new line,
   "... under Section\\n5.2 of ...", does not). Items run together on one line
   ("... hereto. (b) Recipient may ...", as in text extracted without line breaks) are
   split where an enumerator follows a sentence end and continues the numbering.

`read_blocks()` returns the blocks the tree builder reads, in document order.
"""

from __future__ import annotations

import heapq
import re
import statistics
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import pairwise

from contractkit.model import Document
from contractkit.numbering import continues, number_key
from contractkit.segment.headings import (
    RECITAL_START,
    SIGNATURE_FIELD,
    SIGNATURE_START,
    Candidate,
    HeadingMatch,
    definition_term,
    recognise,
)
from contractkit.textutil import PAGE_NUMBER


def read_blocks(document: Document, text: str) -> list[Block]:
    """The blocks of `text` (the document's reading text, or a same-offsets copy of it)."""
    return _blocks(_lines(document, text), text)


# -- pass 1: lines -----------------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str
    blank_before: bool
    bold: bool | None = None
    size_ratio: float | None = None


_TEXT_LINE = re.compile(r"[^\n]+")


def _lines(document: Document, text: str) -> list[_Line]:
    layout = {line.start: line for line in document.lines}
    sizes = {start: line.size for start, line in layout.items()}  # a median each: read once
    body_size = _body_size(sizes.values())
    lines: list[_Line] = []
    prev_end = 0
    for m in _TEXT_LINE.finditer(text):
        raw = m.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = m.start() + len(raw) - len(raw.lstrip())
        blank = not lines or text.count("\n", prev_end, start) >= 2
        line = _Line(start, start + len(stripped), stripped, blank)
        if (styled := layout.get(start)) is not None:
            line.bold = styled.bold
            line.size_ratio = sizes[start] / body_size if body_size else None
        lines.append(line)
        prev_end = line.end
    return lines


def _body_size(line_sizes: Iterable[float]) -> float:
    sizes = [size for size in line_sizes if size]
    return statistics.median(sizes) if sizes else 0.0


# -- pass 2: blocks ----------------------------------------------------------------------


@dataclass(slots=True)
class Block:
    start: int
    end: int
    text: str  # first line only: what heading recognisers look at
    bold: bool | None = None
    size_ratio: float | None = None
    followed: bool = True  # more text follows
    whole: bool = True  # `text` is all of the block (a one-line block or a joined heading)


# Where a sentence can end at the end of a line, so that a heading may follow.
_ENDS_SENTENCE = re.compile(r"[.:;!?][\"”’')\]]*$")
# Where a list item can end: "...; and" / "..., or" before "(b)" on the next line.
_ENDS_ITEM = re.compile(r"(?:[.:;!?,]|\b(?:and|or|and/or))[\"”’')\]]*$")
_SENTENCE_BREAK = re.compile(r"[.;]\s|\n\s*\n")
_MULTI_LEVEL = re.compile(r"\d{1,3}\.\d{1,3}")
_INLINE_KINDS = frozenset({"article", "section", "item"})
# A run of spaces inside a line: plain text that lost its line breaks keeps them there.
_GAP = re.compile(r"(?<=\S)[ \t]{3,}(?=[\"“(\[]?[A-Z0-9])")
# A gap after this ends a paragraph (a sentence end, not a bare "1." enumerator).
_ENDS_PARAGRAPH = re.compile(r"[A-Za-z)\]\"”’]{2}[.:;!?][\"”’')\]]*$")
# Where an item run into the previous sentence may start: after ". " (or ": " for numbers).
# The punctuation is matched, not looked behind for: a pattern that opens with a look-behind
# is tried at every offset of the text (5x slower over CUAD's texts; the same ends).
_INLINE_ITEM = re.compile(
    r"[.:;][\"”’)]?[ \t]+"
    r"(?=\d{1,3}(?:\.\d{1,3})*\.?\s|\((?:[a-z]{1,2}|[ivx]{1,5}|[A-Z]|\d{1,2})\)\s|[\"“][A-Z])"
)


def _blocks(lines: list[_Line], text: str) -> list[Block]:
    """Group lines into blocks, then split off items run into a previous sentence."""
    seen: set[str] = set()  # numbers met so far: an inline "(c)" continues a "(b)"
    blocks: list[Block] = []
    for block, number in _group_lines(lines):
        if number:
            seen.add(number)
        blocks.extend(_split_inline(block, text, seen))
    if blocks:
        blocks[-1].followed = False
    return blocks


def _group_lines(lines: list[_Line]) -> Iterator[tuple[Block, str | None]]:
    """Runs of lines that form one block, each with the number key of its heading."""
    opened: set[str] = set()  # numbers that opened a block: "(c)" continues a "(b)"
    block: Block | None = None
    number: str | None = None
    prev: _Line | None = None
    prev_match: HeadingMatch | None = None  # when the previous line was only a heading
    glue = False  # the previous line was a lone "and" / "or": this line continues
    for i, line in enumerate(lines):
        if block is not None and _PAGE_MARK.fullmatch(line.text):
            # A page number left in the text: part of the block, invisible to the rules.
            block.end, block.whole = line.end, False
            continue
        match = _line_heading(line, prev, prev_match, opened, followed=i + 1 < len(lines))
        if block is None or prev is None:
            action = "open"
        elif match:
            action = "join" if _continues_heading(prev_match, match, line) else "open"
        elif prev_match is not None:
            action = "open"
        elif glue or _CONNECTIVE.fullmatch(line.text) or _continues_sentence(prev, line):
            action = "extend"
        else:
            action = "open" if line.blank_before or _opens(line, prev) else "extend"
        if action == "open":
            if block is not None:
                yield block, number
            block = Block(line.start, line.end, line.text, line.bold, line.size_ratio)
            number = number_key(match.number) if match and match.number else None
            if number:
                opened.add(number)
        elif action == "join":
            block.end = line.end
            block.text += " " + line.text
        else:
            block.end, block.whole = line.end, False
        prev_match = match if match is not None and match.body >= len(line.text) else None
        glue = bool(_CONNECTIVE.fullmatch(line.text))
        prev = line
    if block is not None:
        yield block, number


_PAGE_MARK = PAGE_NUMBER  # not Roman: see textutil.PAGE_NUMBER_OR_ROMAN
_CONNECTIVE = re.compile(r"(?:and|or|and/or|but)[,;]?", re.IGNORECASE)


def _line_heading(
    line: _Line,
    prev: _Line | None,
    prev_match: HeadingMatch | None,
    opened: set[str],
    *,
    followed: bool,
) -> HeadingMatch | None:
    """The heading that starts `line`, if the line may start one at all: a line that
    continues a sentence is not a heading, whatever it looks like."""
    candidate = Candidate(line.text, line.bold, line.size_ratio, followed)
    if prev is None or line.blank_before or prev_match is not None:
        return recognise(candidate)
    # Inside a paragraph an enumerator opens an item only after a sentence or item end,
    # and only as the first item of a list or the next one after an item that opened a
    # block: "(iii)" wrapped onto a line in "(i) ..., (ii) ..., (iii) ..." stays put.
    if not (_ENDS_SENTENCE.search(prev.text) or _ENDS_ITEM.search(prev.text)):
        # Only a multi-level number that goes on from the last one ("1.2" after "1.1")
        # opens an item after a line that ends mid-sentence (a footer left in the text,
        # a redaction mark): "...in Section\n5.2 of" has a lower-case word after it.
        match = recognise(candidate) if _MULTI_LEVEL.match(line.text) else None
        if match and match.number and continues(number_key(match.number), opened):
            return match
        return None
    match = recognise(candidate)
    if match is None or match.kind == "heading":
        return match if _ENDS_SENTENCE.search(prev.text) else None
    if match.kind in ("section", "item") and match.number:
        return match if continues(number_key(match.number), opened) else None
    return match


def _continues_heading(prev: HeadingMatch | None, match: HeadingMatch, line: _Line) -> bool:
    """A heading line that goes on from the line before: "AMENDED AND RESTATED" /
    "LICENSE AGREEMENT", or "ARTICLE IV" / "CONFIDENTIALITY"."""
    if prev is None or line.blank_before or match.kind != "heading":
        return False
    if match.body < len(line.text) or match.reason == "run-in title":
        return False
    return (prev.kind == "heading" and prev.reason == match.reason) or (
        prev.kind in ("part", "article") and not prev.title
    )


def _continues_sentence(prev: _Line, line: _Line) -> bool:
    """A paragraph that starts lower-case after one that did not end a sentence: the
    same sentence, broken by a page break or a layout gap."""
    return line.text[0].islower() and not _ENDS_SENTENCE.search(prev.text)


def _opens(line: _Line, prev: _Line) -> bool:
    """A definition, signature field or recital starting after a sentence end."""
    return bool(_ENDS_SENTENCE.search(prev.text)) and bool(
        definition_term(line.text)
        or SIGNATURE_FIELD.match(line.text)
        or SIGNATURE_START.match(line.text)
        or RECITAL_START.match(line.text)
    )


def _split_inline(block: Block, text: str, seen: set[str]) -> Iterator[Block]:
    """Split a block where an item, a definition or a paragraph starts mid-line."""
    body = text[block.start : block.end]
    cuts = [0]
    for at, number in _inline_starts(body, seen):
        if at > cuts[-1]:
            cuts.append(at)
            if number:
                seen.add(number)
    if len(cuts) == 1:
        yield block
        return
    for a, b in pairwise([*cuts, len(body)]):
        piece = body[a:b].rstrip()
        first = piece.split("\n", 1)[0]
        style = (block.bold, block.size_ratio) if a == 0 else (None, None)
        whole = "\n" not in piece and (block.whole or a > 0)
        yield Block(block.start + a, block.start + a + len(piece), first, *style, whole=whole)


def _inline_starts(body: str, seen: set[str]) -> Iterator[tuple[int, str]]:
    """Offsets in `body` where a unit starts mid-line, in order, with the number key of
    its enumerator ("" when it has none)."""
    items = ((m.end(), "item") for m in _INLINE_ITEM.finditer(body))
    gaps = ((m.end(), "gap") for m in _GAP.finditer(body))
    for at, how in heapq.merge(items, gaps):
        rest = body[at : at + 200]
        before = body[max(0, at - 200) : at].rstrip()
        number = _inline_item(rest, before, seen)
        if number is None and how == "gap" and _ENDS_PARAGRAPH.search(before):
            number = ""  # text extracted with paragraphs run together, spaces between
        if number is not None:
            yield at, number


def _inline_item(rest: str, before: str, seen: set[str]) -> str | None:
    """The number key of an item that starts `rest` right after `before` ("" for a
    definition), or None when `rest` continues the sentence."""
    last = before.rstrip('"”’)')[-1:]
    if definition_term(rest):
        return "" if last in ".;" else None
    if last not in ".:;" and not (rest[:1].isdigit() or rest.startswith(("ARTICLE", "Article"))):
        return None
    match = recognise(Candidate(rest.split("\n", 1)[0]))
    if match is None or match.kind not in _INLINE_KINDS or not match.number:
        return None
    # "(a) the ...; (b) the ..." after a colon or semicolon is a list inside a sentence,
    # "...: (a) Deliver ... . (b) Return ..." a list of sentences; "3." needs a title.
    if last == ";" or (
        last == ":" and match.kind == "item" and not _list_of_sentences(before, rest[match.body :])
    ):
        return None
    if match.kind == "section" and "." not in match.number.rstrip(".") and not match.title:
        return None
    key = number_key(match.number)
    return key if match.title or continues(key, seen) else None


def _list_of_sentences(before: str, item: str) -> bool:
    """After a colon, items are sentences of their own when the item is capitalised and
    the colon ends a sentence ("Provider shall promptly: (a) Deliver ..."), not a label
    ("PARTIES: (1) Corvid Ltd ...")."""
    lead_in = _SENTENCE_BREAK.split(before)[-1]
    return item[:1].isupper() and len(lead_in.split()) >= 4
