"""Cue recognisers: one small unit per clause type, compiled from the taxonomy's cues.

Like Presidio's recognisers, each unit scores a piece of text and says why: which
heading cue, body phrase or pattern fired. Evidence combines as a noisy-OR, so every
independent cue raises the score and none alone makes it certain.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from contractkit.detect.cue_labels import readable_pattern
from contractkit.detect.regex_anchors import SentenceLiterals, required_literals
from contractkit.detect.taxonomy import ClauseType


@dataclass(frozen=True, slots=True)
class CueWeights:
    """How much one piece of evidence is worth on its own (noisy-OR weights). Data, not code:
    the detector component's config sets them (`heading_weight`, `phrase_weight`, ...; see
    `pipeline.make_clause_detector`); these are the defaults it ships with."""

    heading: float = 0.55  # the enclosing section's own heading names the type
    ancestor_heading: float = 0.3  # a heading further up the path does
    phrase: float = 0.35
    pattern: float = 0.45
    max_body_cues: int = 3  # beyond three cues, more repetition is not more evidence
    negative_factor: float = 0.3  # what a look-alike phrase leaves of the score


SHIPPED_CUES = CueWeights()


def noisy_or(weights: Iterable[float]) -> float:
    """The chance that at least one of independent pieces of evidence holds, each holding
    with its weight: 1 − ∏(1 − w). 0 for no evidence."""
    miss = 1.0
    for weight in weights:
        miss *= 1.0 - weight
    return 1.0 - miss


@dataclass(slots=True)
class Evidence:
    """What one recogniser saw in one sentence."""

    phrases: set[str] = field(default_factory=set)
    patterns: set[str] = field(default_factory=set)
    heading: str | None = None
    heading_is_own: bool = False
    # where each phrase and pattern was found: (character offset, phrase or pattern name)
    found_at: list[tuple[int, str]] = field(default_factory=list)
    # where each look-alike was found (offset, phrase)
    negatives_at: list[tuple[int, str]] = field(default_factory=list)

    @property
    def has_body_cue(self) -> bool:
        return bool(self.phrases or self.patterns)

    @property
    def negatives(self) -> set[str]:
        """The look-alike phrases found."""
        return {phrase for _, phrase in self.negatives_at}

    def add_phrase(self, phrase: str, offset: int) -> None:
        self.phrases.add(phrase)
        self.found_at.append((offset, phrase))

    def add_negative(self, phrase: str, offset: int) -> None:
        self.negatives_at.append((offset, phrase))

    def add_pattern(self, pattern: str, offset: int) -> None:
        self.patterns.add(pattern)
        self.found_at.append((offset, pattern))

    def within(self, ranges: Iterable[tuple[int, int]]) -> Evidence:
        """The evidence parts of the sentence (`(start, end)` ranges, e.g. one item of a list
        run into one sentence and the list's lead-in) have: the phrases, patterns and
        look-alikes found in them, and the sentence's heading. A look-alike in another item
        says nothing about this one: "(ii) replace defective media; (iii) for infringing
        software, the indemnity" is a return remedy, then an indemnity."""
        ranges = list(ranges)

        def inside(found: list[tuple[int, str]]) -> list[tuple[int, str]]:
            return [(o, n) for o, n in found if any(a <= o < b for a, b in ranges)]

        found = inside(self.found_at)
        names = {name for _, name in found}
        return Evidence(
            self.phrases & names,
            self.patterns & names,
            self.heading,
            self.heading_is_own,
            found,
            inside(self.negatives_at),
        )

    def score(self, weights: CueWeights = SHIPPED_CUES) -> float:
        """The noisy-OR of the cues, times `negative_factor` when a look-alike is there; 0 when
        the section's heading is the only cue and the sentence itself reads as a look-alike
        (an indemnity under a "Warranty" heading says what it is)."""
        if self.negatives_at and not self.has_body_cue:
            return 0.0
        found = []
        if self.heading:
            found.append(weights.heading if self.heading_is_own else weights.ancestor_heading)
        body = [weights.pattern] * len(self.patterns) + [weights.phrase] * len(self.phrases)
        found += sorted(body, reverse=True)[: weights.max_body_cues]
        score = noisy_or(found)
        if self.negatives_at:
            score = 1 - (1 - score * weights.negative_factor)
        return round(score, 4)

    def explain(self) -> str:
        parts = []
        if self.heading:
            where = "section heading" if self.heading_is_own else "parent heading"
            parts.append(f"{where} “{self.heading}”")
        parts += [f"phrase “{p}”" for p in sorted(self.phrases)]
        parts += sorted(self.patterns)
        parts += [f"but “{n}” suggests otherwise" for n in sorted(self.negatives)]
        return "; ".join(parts)


class HeadingRecognizer:
    """Does a heading name this clause type? Whole words only ("audit" not "auditor"); and
    not when it names one of the type's look-alikes (`negatives`): "Disclaimer of
    Warranties" heads no warranty, "Acceptance of Engagement" no acceptance testing."""

    def __init__(self, cues: Iterable[str], negatives: Iterable[str] = ()) -> None:
        self._pattern = _any_phrase(cues)
        self._negative = _any_phrase(negatives)

    def match(self, heading: str) -> str | None:
        if self._pattern is None:
            return None
        found = self._pattern.search(heading)
        if found is None or (self._negative is not None and self._negative.search(heading)):
            return None
        return found.group(0).lower()


def _any_phrase(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern for any of `phrases` as whole words (longest first)."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(r"\b(?:" + "|".join(map(re.escape, ordered)) + r")\b", re.IGNORECASE)


class PatternRecognizer:
    """The type's regular-expression cues, each run over the sentences that can hold it.

    The cues are written in lower case, so they run case-sensitively over the lower-cased
    text, and a leading `\\b` is checked by hand: with neither IGNORECASE nor a leading
    assertion, Python's engine can skip ahead to the pattern's first characters, which makes
    these cues about three times faster. A cue is evidence about the sentence that holds
    it, so each pattern searches only the sentences holding the literal words it cannot
    match without (`regex_anchors`), each sentence as if the text ended there."""

    def __init__(self, clause_type: ClauseType) -> None:
        cues = clause_type.cues
        self.patterns = [
            _cue(p, pattern_name(clause_type.id, i, p.pattern, label))
            for i, (p, label) in enumerate(
                zip(cues.compiled_regex(), cues.regex_labels, strict=True), 1
            )
        ]

    def find(
        self,
        text: str,
        lowered: str | None,
        sentences: SentenceLiterals,
    ) -> Iterable[tuple[int, int, str]]:
        """`(sentence index, offset, name)` for every match that lies within one of
        `sentences` (the name as explanations show it, see `pattern_name`); `lowered` is
        `text.lower()` when that keeps every offset (otherwise the slower case-insensitive
        patterns run on `text`, in every sentence), and `sentences` indexes it with
        `text`'s sentence bounds. A `.{0,N}` gap that ran from one sentence into the next
        ("… disclose such Confidential Information. 5.3 Return of …") would say nothing
        about either."""
        everywhere = range(len(sentences.bounds))
        for cue in self.patterns:
            if lowered is None:
                for index in everywhere:
                    start, end = sentences.bounds[index]
                    for found in _starts(cue.original, text, start, end, False):
                        yield index, found, cue.name
                continue
            for index in sentences.candidates(cue.required):
                start, end = sentences.bounds[index]
                for found in _starts(cue.fast, lowered, start, end, cue.boundary):
                    yield index, found, cue.name


@dataclass(frozen=True, slots=True)
class _Cue:
    fast: re.Pattern[str]  # the pattern without its leading \b, for lower-cased text
    boundary: bool  # whether the pattern began with \b (checked by hand)
    original: re.Pattern[str]  # case-insensitive, for text whose lower case moves offsets
    name: str
    required: tuple[frozenset[str], ...]  # regex_anchors.required_literals of `fast`


def _cue(original: re.Pattern[str], name: str) -> _Cue:
    fast = _fast_form(original.pattern)
    return _Cue(
        fast, original.pattern.startswith(r"\b"), original, name, required_literals(fast.pattern)
    )


def pattern_name(clause_type: str, number: int, pattern: str, label: str | None = None) -> str:
    """How an explanation names a pattern cue: what it looks for, in words, and its id, the
    clause type and its place among the type's patterns in taxonomy.yaml ("sla #3"). The
    words are the cue's hand-written `label` from the taxonomy, or, for a bare pattern
    without one, an automatic reading of the pattern (`cue_labels.readable_pattern`)."""
    words = label if label is not None else readable_pattern(pattern)
    return f"pattern “{words}” ({clause_type} #{number})"


def _fast_form(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern[2:] if pattern.startswith(r"\b") else pattern)


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _starts(
    pattern: re.Pattern[str], text: str, start: int, end: int, boundary: bool
) -> Iterable[int]:
    """Match starts of `pattern` in `text[start:end]`, searched as if the text ended at
    `end`, and as `finditer` would give them had the pattern begun with `\\b` (when
    `boundary`; the character before a match is read from the whole text)."""
    position = start
    while (found := pattern.search(text, position, end)) is not None:
        at = found.start()
        if boundary and at > 0 and _is_word(text[at - 1]) == _is_word(text[at]):
            position = at + 1  # not at a word boundary: look again just after
            continue
        yield at
        position = max(found.end(), at + 1)


_DOCUMENT_WORD = re.compile(
    r"\b(?:agreement|contract|terms|licen[cs]e|addendum|amendment|lease|order|schedule)\b",
    re.IGNORECASE,
)
TITLE_SCORE = 0.8
MAX_TITLE_WORDS = 15


def looks_like_title(text: str, is_heading: bool) -> bool:
    """A document title: a short heading or capitalised line naming a kind of document
    ("MASTER SUBSCRIPTION AGREEMENT"), as on a cover page."""
    words = text.split()
    if not words or len(words) > MAX_TITLE_WORDS or not _DOCUMENT_WORD.search(text):
        return False
    letters = [ch for ch in text if ch.isalpha()]
    mostly_upper = sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)
    return is_heading or mostly_upper
