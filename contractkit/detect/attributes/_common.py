"""Context helpers the extractors of every family share: windows around a found value cut at
sentence ends, notice periods, picking the best-scoring candidate."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from contractkit.detect.values import Duration, Found, all_durations

T = TypeVar("T")


def _left(text: str, start: int, width: int = 80, semicolons: bool = True) -> str:
    """Up to `width` characters before `start`, cut at the previous sentence end (and at a
    semicolon unless `semicolons` is False: a list of terms is then one sentence)."""
    window = text[max(0, start - width) : start]
    cut = max(window.rfind(". "), window.rfind("; ") if semicolons else -1, window.rfind("\n\n"))
    return window[cut + 1 :] if cut >= 0 else window


def _right(text: str, end: int, width: int = 60) -> str:
    """Up to `width` characters after `end`, cut at the next sentence end."""
    window = text[end : end + width]
    cut = re.search(r"\.\s|;\s|\n\n", window)
    return window[: cut.start()] if cut else window


def _near(text: str, found: Found[Any], pattern: str, left: int = 80, right: int = 40) -> bool:
    """Does `pattern` occur within `left`/`right` characters of `found` (same sentence)?"""
    context = _left(text, found.start, left) + " " + _right(text, found.end, right)
    return re.search(pattern, context, re.IGNORECASE) is not None


def _has(text: str, pattern: str) -> bool:
    return re.search(pattern, text, re.IGNORECASE) is not None


_NOTICE_AFTER = re.compile(
    r"^\s*(?:\)\s*)?(?:['’]s?\s*)?(?:(?:prior|advance|advanced|written|reasonable|calendar|"
    r"business|of|days?|months?)\s+)*(?:notice|notification)\b",
    re.IGNORECASE,
)
_NOTICE_BEFORE = re.compile(
    r"\b(?:notice|notification|notify|notifies|notifying)\b[^.;]{0,60}$", re.IGNORECASE
)
_PRIOR_AFTER = re.compile(
    r"^\s*(?:\)\s*)?(?:['’]s?\s*)?(?:(?:prior|advance|written)\s+)*(?:(?:prior|previous)\s+to|"
    r"before|in\s+advance)\b",
    re.IGNORECASE,
)


def _is_notice(text: str, found: Found[Duration]) -> bool:
    """Is this duration a notice period ("30 days' prior written notice", "notify ... 60
    days before the end")?"""
    after = text[found.end : found.end + 60]
    if _NOTICE_AFTER.match(after):
        return True
    before = _left(text, found.start, 160)
    return bool(_PRIOR_AFTER.match(after)) and bool(_NOTICE_BEFORE.search(before))


def _notice_days(text: str) -> int | float | None:
    found = next((f for f in all_durations(text) if _is_notice(text, f)), None)
    return found.value.days if found else None


def _best(candidates: Iterable[tuple[int, Found[Duration]]], minimum: int = 1) -> Duration | None:
    """The highest-scoring candidate (earliest on ties), if it scores at least `minimum`."""
    best: tuple[int, Found[Duration]] | None = None
    for score, found in candidates:
        if score >= minimum and (best is None or score > best[0]):
            best = (score, found)
    return best[1].value if best else None


def _first(found: Iterable[Found[T]], keep: Callable[[Found[T]], bool]) -> T | None:
    return next((f.value for f in found if keep(f)), None)


def _period_near(text: str, pattern: str, left: int, right: int) -> Duration | None:
    """The first duration next to `pattern` that is not a notice period ("on 30 days'
    notice"): the shape most period attributes (delivery, acceptance, exit) share."""
    return _first(
        all_durations(text),
        lambda f: _near(text, f, pattern, left, right) and not _is_notice(text, f),
    )


def _restriction_period(text: str) -> Duration | None:
    """How long an obligation lasts (confidentiality, a non-compete): the first duration in
    months or years that is not a notice period."""
    return _first(
        all_durations(text),
        lambda f: f.value.unit in ("month", "year") and not _is_notice(text, f),
    )
