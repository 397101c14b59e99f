"""Cue recognisers: one small unit per clause type, compiled from the taxonomy's cues.

Like Presidio's recognisers, each unit scores a piece of text and says why: which
heading cue, body phrase or pattern fired. Evidence combines as a noisy-OR, so every
independent cue raises the score and none alone makes it certain.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from contractkit.detect.taxonomy import ClauseType

# How much one piece of evidence is worth on its own (noisy-OR weights).
HEADING_WEIGHT = 0.55  # the enclosing section's own heading names the type
ANCESTOR_HEADING_WEIGHT = 0.3  # a heading further up the path does
PHRASE_WEIGHT = 0.35
PATTERN_WEIGHT = 0.45
MAX_BODY_CUES = 3  # beyond three cues, more repetition is not more evidence


@dataclass(slots=True)
class Evidence:
    """What one recogniser saw in one sentence."""

    phrases: set[str] = field(default_factory=set)
    patterns: set[str] = field(default_factory=set)
    negatives: set[str] = field(default_factory=set)
    heading: str | None = None
    heading_is_own: bool = False

    @property
    def has_body_cue(self) -> bool:
        return bool(self.phrases or self.patterns)

    def score(self) -> float:
        miss = 1.0
        if self.heading:
            miss *= 1 - (HEADING_WEIGHT if self.heading_is_own else ANCESTOR_HEADING_WEIGHT)
        body = [PATTERN_WEIGHT] * len(self.patterns) + [PHRASE_WEIGHT] * len(self.phrases)
        for weight in sorted(body, reverse=True)[:MAX_BODY_CUES]:
            miss *= 1 - weight
        if self.negatives:
            miss = 1 - (1 - miss) * 0.3
        return round(1 - miss, 4)

    def explain(self) -> str:
        parts = []
        if self.heading:
            where = "section heading" if self.heading_is_own else "parent heading"
            parts.append(f"{where} “{self.heading}”")
        parts += [f"phrase “{p}”" for p in sorted(self.phrases)]
        parts += [f"pattern /{p}/" for p in sorted(self.patterns)]
        parts += [f"but “{n}” suggests otherwise" for n in sorted(self.negatives)]
        return "; ".join(parts)


class HeadingRecognizer:
    """Does a heading name this clause type? Whole words only ("audit" not "auditor")."""

    def __init__(self, cues: Iterable[str]) -> None:
        ordered = sorted(set(cues), key=len, reverse=True)
        self._pattern = (
            re.compile(r"\b(?:" + "|".join(map(re.escape, ordered)) + r")\b", re.IGNORECASE)
            if ordered
            else None
        )

    def match(self, heading: str) -> str | None:
        if self._pattern is None:
            return None
        found = self._pattern.search(heading)
        return found.group(0).lower() if found else None


class PatternRecognizer:
    """The type's regular-expression cues, run once over the whole text."""

    def __init__(self, clause_type: ClauseType) -> None:
        self.patterns = clause_type.cues.compiled_regex()

    def find(self, text: str) -> Iterable[tuple[int, str]]:
        for pattern in self.patterns:
            for found in pattern.finditer(text):
                yield found.start(), pattern.pattern


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
