"""Columns on a page: the gutter of a two-column page (a vertical gap in the middle that
most lines do not cross, with wide text columns on both sides) and the reading order it
gives (each column block top to bottom; a line spanning the gutter, a full-width title or
heading, ends a block). Used by `layout` for both PDF engines.
"""

from __future__ import annotations

import statistics
from itertools import pairwise

from contractkit.model import Line

__all__ = ["find_gutter", "reading_order"]


def reading_order(lines: list[Line], gutter: float | None) -> list[Line]:
    """Lines in reading order: on a two-column page (a `gutter` found between its
    columns), each column block top to bottom."""
    if gutter is None:
        return lines
    ordered: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []
    for line in lines:
        parts = _split_at(line, gutter)
        if parts is None:  # spans the gutter: a full-width title or heading
            ordered += left + right + [line]
            left, right = [], []
            continue
        left += [parts[0]] if parts[0].words else []
        right += [parts[1]] if parts[1].words else []
    return ordered + left + right


def _split_at(line: Line, gutter: float) -> tuple[Line, Line] | None:
    if any(w.x0 < gutter < w.x1 for w in line.words):
        return None
    left = [w for w in line.words if w.x1 <= gutter]
    right = [w for w in line.words if w.x0 >= gutter]
    return Line(left, line.page), Line(right, line.page)


def find_gutter(lines: list[Line], width: float) -> float | None:
    """The x of a vertical gap in the middle of the page that most lines do not cross,
    with real text columns (wide, many lines) on both sides; None on one-column pages."""
    if len(lines) < 8 or width <= 0:
        return None
    lo, hi = int(width * 0.3), int(width * 0.7)
    # How many words cover each whole point x in [lo, hi), as the steps where it changes
    # (memory follows the words, not the page: a PDF may declare a page 10^9 pt wide).
    delta: dict[int, int] = {}
    for line in lines:
        for w in line.words:
            a, b = max(lo, int(w.x0)), min(hi, int(w.x1) + 1)
            if a < b:
                delta[a] = delta.get(a, 0) + 1
                delta[b] = delta.get(b, 0) - 1
    start, end = _widest_run(delta, lo, hi, limit=max(1, len(lines) // 10))
    if end - start < 6:
        return None
    gutter = (start + end) / 2
    return gutter if _is_two_column(lines, gutter, width) else None


def _widest_run(delta: dict[int, int], lo: int, hi: int, limit: int) -> tuple[int, int]:
    """`(start, end)` of the widest (first, on a tie) run of x in [lo, hi) whose count is
    at or below `limit`, the count starting at 0 and changing by `delta[x]` at x."""
    best, run_start = (lo, lo), None
    steps = sorted(x for x in delta if lo < x < hi)
    count = delta.get(lo, 0)
    for x, following in pairwise([lo, *steps, hi]):
        if count <= limit and run_start is None:
            run_start = x
        elif count > limit and run_start is not None:
            if x - run_start > best[1] - best[0]:
                best = (run_start, x)
            run_start = None
        count += delta.get(following, 0)
    if run_start is not None and hi - run_start > best[1] - best[0]:
        best = (run_start, hi)
    return best


def _is_two_column(lines: list[Line], gutter: float, width: float) -> bool:
    """Most lines keep to one side of the gutter, and both sides hold wide text lines.
    (The two columns' baselines need not line up, so a row may hold one side only.)"""
    split = [parts for line in lines if (parts := _split_at(line, gutter))]
    left = [a for a, _ in split if a.words]
    right = [b for _, b in split if b.words]
    if len(split) < 0.6 * len(lines) or min(len(left), len(right)) < 4:
        return False
    # Text columns are wide; a key/value list or a signature row has a short left part.
    return min(_median_width(left), _median_width(right)) > 0.25 * width


def _median_width(lines: list[Line]) -> float:
    return statistics.median(line.bbox[2] - line.x0 for line in lines)
