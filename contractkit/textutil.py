"""Small text helpers shared by ingestion, segmentation and benchmarks."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

_SPACE = re.compile(r"\s+")
_SPACE_RUN = re.compile(r"\s{2,}|[^\S ]")  # two or more, or one that is not a space
# No word of a contract is this long; a longer run without whitespace is hostile or noise.
MAX_WORD_CHARS = 80
_LONG_RUN = re.compile(rf"\S{{{MAX_WORD_CHARS + 1},}}")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# A line that is only a page number (use `fullmatch` on the line's text): "12", "Page 3",
# "3 of 10", "3/10", "- 4 -". Layout marks such a line as page furniture; the outline lets
# one left in the text (not at a page's edge) run on inside its block.
PAGE_NUMBER = re.compile(
    r"(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—]", re.IGNORECASE
)
# ... or a Roman numeral ("iv", "XII": front matter), for a page's outermost line only
# (layout's furniture). The outline does not take a lone "ii" inside the text for a page
# mark: measured on 40 CUAD contracts, that joined a footer notice and the table of
# contents after it into one clause; a lone "ii" or "C" there may be a list or heading
# number too.
PAGE_NUMBER_OR_ROMAN = re.compile(rf"{PAGE_NUMBER.pattern}|[ivxlc]{{1,6}}", re.IGNORECASE)


def blank_long_runs(text: str) -> str:
    """`text` with every run of more than `MAX_WORD_CHARS` characters without whitespace
    replaced by as many spaces: same offsets, and cue patterns that start with a
    repetition (`\\d+`, `\\w+`) no longer try every position inside a 20,000-digit run
    (each try scanning to its end: quadratic)."""
    return _LONG_RUN.sub(lambda m: " " * len(m.group()), text)


def shorten(text: str, limit: int = 160) -> str:
    """`text` on one line (whitespace runs folded), cut to `limit` characters with an
    ellipsis: clause text in tables, reports, citations and names in charts."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def normalize_space(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def normalized_with_offsets(text: str) -> tuple[str, list[int]]:
    """`text` with every whitespace run folded to one space and the ends stripped, and for
    each character of the result the offset of the character it came from in `text`."""
    folding = FoldedSpaces(text)
    folded = folding.folded
    start = int(folded[:1] == " ")
    end = len(folded) - int(len(folded) > start and folded.endswith(" "))
    return folded[start:end], folding.original_offsets()[start:end]


class FoldedSpaces:
    """`text` with every run of whitespace folded to one space (`folded`), and offsets
    mapped both ways. Cue patterns read the folded text: a text file's table keeps its
    columns apart with runs of spaces ("fix or          other solution within 24 hours"),
    which would use up a pattern's `.{0,80}` gap, while the same words from a PDF come
    with single spaces. Built with one regex pass, so it costs next to nothing per
    document; `original_offsets` gives the offset of every character when a caller needs
    them all (`normalized_with_offsets`)."""

    def __init__(self, text: str) -> None:
        pieces: list[str] = []
        self._original_ends: list[int] = []  # where each folded run ends in `text`
        self._folded_ends: list[int] = []  # ... and in `folded`
        self._removed: list[int] = []  # characters removed up to the end of each run
        position = removed = 0
        for run in _SPACE_RUN.finditer(text):
            pieces.append(text[position : run.start()])
            pieces.append(" ")
            removed += run.end() - run.start() - 1
            self._original_ends.append(run.end())
            self._folded_ends.append(run.end() - removed)
            self._removed.append(removed)
            position = run.end()
        pieces.append(text[position:])
        self.folded = "".join(pieces)

    def original(self, offset: int) -> int:
        """The offset in the text of the folded text's `offset` (a folded space: the run's
        first character)."""
        k = bisect.bisect_right(self._folded_ends, offset)
        return offset + (self._removed[k - 1] if k else 0)

    def original_offsets(self) -> list[int]:
        """`original(i)` for every character of `folded`, in one pass."""
        out: list[int] = []
        folded_at = original_at = before = 0
        for folded_end, original_end, removed in zip(
            self._folded_ends, self._original_ends, self._removed, strict=True
        ):
            out.extend(range(original_at, original_at + folded_end - 1 - folded_at))
            out.append(original_end - (removed - before) - 1)  # the run's first character
            folded_at, original_at, before = folded_end, original_end, removed
        out.extend(range(original_at, original_at + len(self.folded) - folded_at))
        return out

    def to_folded(self, offset: int) -> int:
        """The folded offset of the text's `offset` (inside a run: just after its space)."""
        k = bisect.bisect_right(self._original_ends, offset)
        before = self._removed[k - 1] if k else 0
        if k < len(self._original_ends):
            run_end = self._original_ends[k]
            run_start = run_end - (self._removed[k] - before) - 1
            if run_start < offset < run_end:
                return self._folded_ends[k]
        return offset - before


def find_normalized(haystack: str, needle: str, start: int = 0) -> int:
    """Offset in `haystack` where `needle` starts, comparing with whitespace folded."""
    norm_hay, offsets = normalized_with_offsets(haystack)
    norm_needle = normalize_space(needle)
    if not norm_needle:
        return -1
    first = next((k for k, off in enumerate(offsets) if off >= start), len(offsets))
    k = norm_hay.find(norm_needle, first)
    return offsets[k] if k >= 0 else -1


def paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """`(start, end)` of each blank-line separated paragraph, whitespace trimmed."""
    pos = 0
    for m in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            yield pos + lead, pos + lead + len(stripped)
        if m:
            pos = m.end()
