"""Where a regular expression can match, read from its parse tree, so that a costly
pattern runs only around what it cannot match without.

- `required_literals`: the literal words every match of a cue pattern contains ("within",
  one of "hour"/"minute"/…). A cue is evidence about the sentence that holds it, so it
  only needs to run over the sentences holding them (`SentenceLiterals`).
- `max_width`: how long a match can be, so that a pattern whose every match holds an
  anchor (a date holds a year) need only run within that distance of one.

Both are *necessary* conditions: what they skip cannot hold a match, so results are those
of running the pattern everywhere; only the regex engine's walk over the rest of the text
is spared, which is most of what these patterns cost.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

# The parse tree of Python's own `re` (stable since Python 3.5; `sre_parse` before 3.11).
try:
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

# A literal shorter than this says too little about a sentence to be worth looking for.
MIN_LITERAL = 3
# Alternatives spelt out as separate literals ("unauthori[sz]ed" → two words) up to this many.
MAX_ALTERNATIVES = 32
# How many of a pattern's literal sets a sentence is checked against (the rarest ones).
MAX_SETS = 1

Literals = frozenset[str]


def required_literals(pattern: str) -> tuple[Literals, ...]:
    """Sets of literal strings such that every match of `pattern` contains at least one
    string of each set; longest literals first. Empty when nothing is certain (a pattern
    made of classes and gaps, or case-insensitive, whose literals the text's lower-cased
    form need not hold)."""
    parsed = _sre_parse.parse(pattern)
    if parsed.state.flags & re.IGNORECASE:
        return ()
    found = {_shortest_forms(literals) for literals in _sets(list(parsed))}
    return tuple(sorted(found, key=lambda s: (-min(map(len, s)), len(s), sorted(s))))


def _shortest_forms(literals: Literals) -> Literals:
    """The set without literals that hold another of its literals ("hours" holds "hour"):
    a text holding one of those holds the shorter one too."""
    return frozenset(a for a in literals if not any(b != a and b in a for b in literals))


def max_width(pattern: re.Pattern[str]) -> int:
    """The most characters a match of `pattern` can span (a very large number when a
    repetition is unbounded)."""
    return int(_sre_parse.parse(pattern.pattern, pattern.flags).getwidth()[1])


def _exact(items: Sequence[tuple[object, object]]) -> set[str] | None:
    """Every string `items` can match, when that is a small finite set; else None."""
    out = {""}
    for op, value in items:
        if op is _sre.AT:  # \b, ^ …: no characters
            continue
        if op is _sre.LITERAL:
            options = {chr(value)}  # type: ignore[arg-type]
        elif op is _sre.IN:
            members = value  # type: ignore[assignment]
            if len(members) > 4 or any(kind is not _sre.LITERAL for kind, _ in members):
                return None
            options = {chr(code) for _, code in members}
        elif op is _sre.SUBPATTERN:
            inner = None if _case_insensitive(value) else _exact(value[-1])  # type: ignore[index]
            if inner is None:
                return None
            options = inner
        elif op is _sre.BRANCH:
            options = set()
            for branch in value[1]:  # type: ignore[index]
                inner = _exact(branch)
                if inner is None:
                    return None
                options |= inner
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and value[:2] == (0, 1):  # type: ignore[index]
            inner = _exact(value[2])  # type: ignore[index]
            if inner is None:
                return None
            options = inner | {""}
        else:
            return None
        if len(out) * len(options) > MAX_ALTERNATIVES:
            return None
        out = {a + b for a in out for b in options}
    return out


def _sets(items: Sequence[tuple[object, object]]) -> list[Literals]:
    """Literal sets of a sequence: runs of exactly-known text, and the sets of its
    mandatory parts (groups, repeats of at least one, alternations whose every branch has
    one)."""
    result: list[Literals] = []
    run = {""}

    def close_run() -> None:
        nonlocal run
        if min(map(len, run)) >= MIN_LITERAL:
            result.append(frozenset(run))
        run = {""}

    for op, value in items:
        if op is _sre.AT:
            continue
        exact = _exact([(op, value)])
        if exact is not None and len(run) * len(exact) <= MAX_ALTERNATIVES:
            run = {a + b for a in run for b in exact}
            continue
        close_run()
        if op is _sre.SUBPATTERN and not _case_insensitive(value):
            result += _sets(value[-1])  # type: ignore[index]
        elif op is _sre.BRANCH:
            best = [_best(_sets(branch)) for branch in value[1]]  # type: ignore[index]
            if all(best):
                result.append(frozenset().union(*best))  # type: ignore[arg-type]
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and value[0] >= 1:  # type: ignore[index]
            result += _sets(value[2])  # type: ignore[index]
    close_run()
    return result


def _case_insensitive(subpattern: object) -> bool:
    """A group that turns IGNORECASE on: its literals may match other letters' cases."""
    return bool(subpattern[1] & re.IGNORECASE)  # type: ignore[index]


def _best(sets: list[Literals]) -> Literals | None:
    if not sets:
        return None
    return max(sets, key=lambda s: (min(map(len, s)), -len(s)))


class SentenceLiterals:
    """The sentences of one text that hold a literal, looked up once per literal.

    `text` is the text the patterns run on (lower-cased), `bounds` its sentences as
    `(start, end)` offsets, in order and not overlapping."""

    def __init__(self, text: str, bounds: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.bounds = list(bounds)
        self._starts = [start for start, _ in self.bounds]
        self._ends = [end for _, end in self.bounds]
        self._holding: dict[str, set[int]] = {}

    def holding(self, literal: str) -> set[int]:
        """Indices of the sentences in which `literal` starts."""
        if literal not in self._holding:
            found: set[int] = set()
            find, starts, ends, at = self.text.find, self._starts, self._ends, 0
            while (at := find(literal, at)) >= 0:
                index = bisect.bisect_right(starts, at) - 1
                found.add(index)
                # on to the next sentence: the rest of this one can only add it again
                at = ends[index] if index >= 0 and ends[index] > at else at + 1
            found.discard(-1)
            self._holding[literal] = found
        return self._holding[literal]

    def candidates(self, required: Sequence[Literals]) -> list[int]:
        """Indices of the sentences that may hold a match of a pattern with these
        `required_literals`: those holding a literal of each of its first `MAX_SETS` sets
        (the longest literals, as a rule the rarer; all sentences when it has none)."""
        if not required:
            return list(range(len(self.bounds)))
        chosen: set[int] | None = None
        for literals in required[:MAX_SETS]:
            holding: set[int] = set().union(*(self.holding(word) for word in literals))
            chosen = holding if chosen is None else chosen & holding
            if not chosen:
                return []
        return sorted(chosen or ())
