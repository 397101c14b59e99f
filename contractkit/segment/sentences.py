"""Sentence boundaries for legal text, as a spaCy component (`contractkit_sentences`).

General-purpose sentence splitters break contracts in the wrong places: after "Sec." and
"U.S.", after the "1." that numbers a clause, inside "(a) ...; (b) ..." lists. The rules
here, on the text alone (no model):

- a blank line always ends a sentence, and a heading line is a sentence of its own;
- a line that starts with an enumerator ("1.", "(a)", "Section 2.1") after a line that
  ended a sentence or introduced a list (".", ":") starts one; after ";" or "," it goes
  on with the list, which stays one sentence;
- inside a line, a sentence ends at ".", "?" or "!" (closing quotes and brackets
  included) before a capital, a digit or an opening quote or bracket, unless the period
  belongs to an abbreviation ("Sec.", "i.e.", "No.", "v."), or numbers a clause ("1." at
  the start of a line or after a sentence end, "Section 2.1."). After names that often
  end a sentence too ("Inc.", "Ltd.", "Co.", "U.S.", "et seq.", an initial), it ends
  only when the next word is one that starts sentences ("The", "If", "Each", ...).
"""

from __future__ import annotations

import bisect
import re
from itertools import pairwise

import numpy as np
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from contractkit.segment.headings import (
    Candidate,
    canonical,
    definition_term,
    recognise,
    word_set,
)
from contractkit.spans import doc_text

# Abbreviations after which a sentence never ends.
_NEVER_FINAL = word_set(
    "sec secs art arts no nos v vs e.g i.e cf viz para paras subpara cl cls subs "
    "approx mr mrs ms dr prof st ref refs fig figs p pp vol ch sch exh attn dept tel "
    "fax ext incl pt pts rev jan feb mar apr jun jul aug sep sept oct nov dec"
)
# Abbreviations that also end sentences: "... with Acme Inc. The Vendor ...".
_OFTEN_FINAL = word_set(
    "inc ltd co corp llc l.l.c plc u.s u.s.a u.k n.a s.a b.v n.v l.p p.c etc al seq "
    "jr sr bros a.m p.m"
)
# Words that start sentences in contracts: after an `_OFTEN_FINAL` abbreviation, a
# capitalised one of these means the sentence did end.
_STARTERS = word_set(
    "the this these that those each any all if in on for such notwithstanding upon "
    "unless subject neither no nothing it its either both where when whenever except "
    "to without with within during after before following as at by from under whereas "
    "now provided further accordingly therefore however moreover additionally should "
    "prior a an there we you our your"
)

# A candidate sentence end: terminal punctuation, closing quotes or brackets, space, and
# something that can start a sentence.
_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+(?:[\"“‘'(\[]*[A-Z0-9]|\([a-z]{1,4}\)\s))")
_WORD_BEFORE = re.compile(r"[^\s(\[\"“‘']+$")
_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3})*|[ivxlcIVXLC]{1,6}|[a-zA-Z]")
_NUMBER_KEYWORD = re.compile(
    r"(?:ARTICLE|Article|SECTION|Section|Sec\.|SEC\.|§+|CLAUSE|Clause|Schedule|SCHEDULE|"
    r"Exhibit|EXHIBIT)\s*$"
)
_INITIALISM = re.compile(r"(?:[a-z]\.)+[a-z]")
_NEXT_WORD = re.compile(r"\s*[\"“‘'(\[]*([A-Za-z]+)")
_LINE = re.compile(r"[^\n]+")
_NEWLINE = re.compile(r"\n")
# How far back from a period the rules look (a word, "Section"), so that a text without
# line breaks costs no more than one with them.
_LOOK_BACK = 40
_ENDS_SENTENCE = re.compile(r"[.:!?][\"”’')\]]*$")


def sentence_starts(text: str) -> list[int]:
    """Sorted offsets in `text` where a sentence starts (at its first non-space)."""
    text = canonical(text)
    starts = set(_line_starts(text))
    newlines = [m.start() for m in _NEWLINE.finditer(text)]
    for m in _END.finditer(text):
        line_start = newlines[i - 1] + 1 if (i := bisect.bisect_left(newlines, m.start())) else 0
        if _ends_sentence(text, m, max(line_start, m.start() - _LOOK_BACK)):
            nxt = m.end()
            while nxt < len(text) and text[nxt].isspace():
                nxt += 1
            starts.add(nxt)
    return sorted(s for s in starts if s < len(text))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """`(start, end)` of each sentence, trailing whitespace excluded."""
    starts = sentence_starts(text)
    spans = []
    for start, end in pairwise([*starts, len(text)]):
        stripped = text[start:end].rstrip()
        if stripped:
            spans.append((start, start + len(stripped)))
    return spans


def _line_starts(text: str) -> list[int]:
    """Sentence starts decided by the lines: paragraphs, headings, enumerated lines."""
    starts: list[int] = []
    prev_end = -1
    prev_text = ""
    prev_heading = False
    for m in _LINE.finditer(text):
        raw = m.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = m.start() + len(raw) - len(raw.lstrip())
        blank = prev_end < 0 or text.count("\n", prev_end, start) >= 2
        heading = _is_heading_line(stripped)
        if blank or heading or prev_heading or _opens_sentence(stripped, prev_text):
            starts.append(start)
        prev_end, prev_text, prev_heading = start + len(stripped), stripped, heading
    return starts


def _is_heading_line(line: str) -> bool:
    if len(line) > 120:
        return False
    match = recognise(Candidate(line))
    return match is not None and match.body >= len(line)


def _opens_sentence(line: str, prev: str) -> bool:
    """An enumerated line or a definition after a line that ended a sentence or
    introduced a list ("... as follows:")."""
    if not _ENDS_SENTENCE.search(prev):
        return False
    match = recognise(Candidate(line))
    return (match is not None and match.kind != "heading") or definition_term(line) is not None


def _ends_sentence(text: str, m: re.Match[str], line_start: int) -> bool:
    """Whether the punctuation matched at `m` ends a sentence; `line_start` is where
    its line starts, or where the look-back window does."""
    punct_at = m.start()
    if text[punct_at] != ".":
        return True  # "?" and "!"
    word_m = _WORD_BEFORE.search(text, line_start, punct_at)
    if word_m is None:
        return True
    word = word_m.group()
    lower = word.lower()
    if lower in _NEVER_FINAL:
        return False
    if _NUMBER.fullmatch(word) and _numbers_a_clause(text, word_m.start(), line_start):
        return False  # "1." / "Section 2.1." / "(a)" style numbers that open a clause
    if lower in _OFTEN_FINAL or _INITIALISM.fullmatch(lower) or (len(word) == 1 and word.isalpha()):
        return _next_word_starts_sentence(text, m.end())
    return True


def _numbers_a_clause(text: str, word_start: int, line_start: int) -> bool:
    """The number before a period is an enumerator: it opens its line or follows a
    sentence end, possibly after "Section" / "ARTICLE" ("Section 2.1. Services.")."""
    before = text[line_start:word_start]
    keyword = _NUMBER_KEYWORD.search(before)
    if keyword:
        before = before[: keyword.start()]
    before = before.rstrip()
    return not before or before[-1] in ".:;"


def _next_word_starts_sentence(text: str, at: int) -> bool:
    m = _NEXT_WORD.match(text, at)
    return bool(m) and m.group(1)[0].isupper() and m.group(1).lower() in _STARTERS


class SentenceSegmenter:
    """spaCy component: sets `token.is_sent_start` from `sentence_starts(doc.text)`."""

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        values = np.full((len(doc), 1), -1, dtype=np.int64)
        values[0, 0] = 1
        token_starts = doc.to_array([IDX]).astype(np.int64)
        offsets = np.asarray(sentence_starts(doc_text(doc)), dtype=np.int64)
        # The token holding each start offset (a start inside a token moves to its start).
        holders = np.searchsorted(token_starts, offsets, side="right") - 1
        values[holders[holders >= 0], 0] = 1
        # spaCy reads attribute arrays as uint64; -1 ("not a start") wraps and back.
        doc.from_array([SENT_START], values.astype(np.uint64))
        return doc


@Language.factory("contractkit_sentences")
def make_sentence_segmenter(nlp: Language, name: str) -> SentenceSegmenter:
    """Factory for the `contractkit_sentences` component (also the entry point that
    `pyproject.toml` declares under `spacy_factories`)."""
    return SentenceSegmenter()
