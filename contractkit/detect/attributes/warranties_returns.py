"""Warranties and returns: warranty periods and remedies, claim windows, return and DOA windows."""

from __future__ import annotations

from typing import Any

from contractkit.detect.attributes._common import (
    _best,
    _first,
    _has,
    _is_notice,
    _left,
    _near,
    _right,
)
from contractkit.detect.attributes._registry import extractor
from contractkit.detect.values import Duration, Found, all_durations, all_percentages

_WARRANTY_START = (
    r"^\s*(?:\([^)]*\)\s*)?(?:(?:from|after|following|of|commencing|beginning|starting|"
    r"upon)\b)[^.;]{0,60}\b(?:delivery|shipment|acceptance|installation|purchase|receipt|sale|"
    r"date|completion|performance|effective|activation|manufacture|invoice)"
)
_WINDOW_BEFORE = (
    r"\b(?:notif\w*|notice|report\w*|cure|correct\w*|repair\w*|replace\w*|respond\w*|"
    r"reject\w*|claims?)\b[^.;]{0,40}\bwithin\s*$"
)


def _warranty_score(text: str, found: Found[Duration]) -> int:
    """How surely `found` is a warranty period (3 or more: it is)."""
    left, right = _left(text, found.start, 160), _right(text, found.end, 80)
    near_left = left[-40:]
    points = 0
    if _has(left + " " + right, r"warrant|guarant|defect"):
        points += 2
    if _has(
        near_left,
        r"\b(?:for|during)\s+(?:a\s+(?:period|term)\s+of\s+)?(?:the\s+)?"
        r"(?:first\s+)?(?:up\s+to\s+)?$",
    ):
        points += 2
    if _has(right, _WARRANTY_START):
        points += 1
    if _has(right[:30], r"^\s*(?:\([^)]*\)\s*)?(?:limited\s+|product\s+)?warrant"):
        points += 2
    if _has(left, _WINDOW_BEFORE) or _is_notice(text, found):
        points -= 3
    return points


def _warranty_period(text: str) -> Duration | None:
    """The warranty period: a duration tied to warranty wording, not a notice window."""
    return _best(((_warranty_score(text, f), f) for f in all_durations(text)), minimum=3)


# A time limit to claim under the warranty, read as its duration when no period is stated
# ("provided that Customer reports such breach in writing within 90 days following the date
# of performance"), as CUAD and the IT labels read it.
_CLAIM_BEFORE = r"\b(?:report\w*|notif\w*|notice|claims?|asserted|made)\b[^.;]{0,60}\bwithin\s*$"
_CLAIM_CLOCK = (
    r"^\s*(?:\)\s*)?(?:after|following|of|from)\s+(?:the\s+)?(?:date\s+of\s+)?(?:the\s+)?"
    r"(?:delivery|performance|shipment|installation|receipt|acceptance|completion|purchase)"
)


def _warranty_claim_window(text: str) -> Duration | None:
    return _first(
        all_durations(text),
        lambda f: (
            _has(_left(text, f.start, 120), _CLAIM_BEFORE)
            and _has(text[f.end : f.end + 60], _CLAIM_CLOCK)
            and _near(text, f, r"warrant|breach|defect|non-?conform", 200, 100)
        ),
    )


_REMEDIES = (
    (
        "repair",
        r"\brepair|\bcorrect\w*\s+(?:the\s+|any\s+|such\s+)?(?:non-?conformit|defect|error)",
    ),
    ("replace", r"\breplac"),
    ("refund", r"\brefund|\breimburse\w*\s+(?:the\s+)?(?:purchase\s+price|fees?|amounts?)"),
    ("re-perform", r"\bre-?perform"),
)


@extractor("warranty", keys=("duration_months", "remedies"))
def _warranty(text: str) -> dict[str, Any]:
    period = _warranty_period(text) or _warranty_claim_window(text)
    return {
        "duration_months": period.months if period else None,
        "remedies": [name for name, pattern in _REMEDIES if _has(text, pattern)],
    }


_CLAIM_WORDS = (
    r"\b(?:defect\w*|(?:non-?)?conform\w*|inspect\w*|reject\w*|claims?|discrepanc\w*|damaged?|"
    r"shortages?|warrant\w*|latent|revocation)\b"
)


@extractor("warranty_duration", keys=("duration_months",))
def _warranty_duration(text: str) -> dict[str, Any]:
    # CUAD's Warranty Duration also covers the time limit for inspection, rejection or
    # claims under a warranty, so when no warranty period is stated, such a window counts.
    period = _warranty_period(text) or _first(
        all_durations(text), lambda f: _near(text, f, _CLAIM_WORDS, 150, 100)
    )
    return {"duration_months": period.months if period else None}


_DOA = r"\bdead[\s-]+on[\s-]+arrival\b|\bdoa\b|\bout[\s-]+of[\s-]+(?:the[\s-]+)?box\s+failures?\b"


_RETURN_WORDS = (
    r"\b(?:return|rma|reject|refus|send\s+back|exchange|refund|collect|inspect|test|claim|"
    r"notif|report|non-?conform|nonconformance)\w*"
)
# After the time, only the buyer's own acts: "Within 120 days after delivery, Customer shall
# test the Software" (a "notice of the claim" there starts a clock, it is no claim window).
_RETURN_ACTS = r"\b(?:return|rma|reject|send\s+back|exchange|refund|inspect|test)\w*"
_RETURN_CLOCK = (
    r"^\s*(?:\)\s*)?(?:['’]s?\s*)?(?:period\s+)?(?:after|of|following|from|upon)\b[^.;]{0,60}"
    r"\b(?:deliver\w*|receipt|receiv\w*|shipment|arriv\w*|installation|performance|purchase|"
    r"invoice|date)"
)
# The supplier's time to fix is not the buyer's window: "shall have fifteen (15) days to
# correct", "repair or replace the Software to make it Operative within 15 days".
_FIX_BEFORE = (
    r"\b(?:correct|repair|replac|re-?deliver|re-?perform|cure|fix|remed|ship|issue|resolv|"
    r"modif)\w*\b[^.;]{0,70}$"
)
_FIX_AFTER = (
    r"^\s*(?:\)\s*)?to\s+(?:correct|repair|replace|cure|remedy|fix|re-?deliver|re-?perform)"
)
_WARRANTY_PERIOD_REF = (
    r"\b(?:during|within)\s+the\s+(?:applicable\s+|relevant\s+)?warranty\s+period"
)


def _in_a_name(text: str, found: Found[Duration]) -> bool:
    """Is the duration part of a title-case name ("One-Year Power Performance Warranty")?"""
    written = text[found.start : found.end].strip()
    return (
        written[:1].isupper()
        and not written.isupper()
        and _has(text[found.end : found.end + 20], r"^[\s-]+[A-Z][a-z]")
    )


def _return_window_score(text: str, found: Found[Duration]) -> int:
    """How surely `found` is the time to return, reject or claim for defective goods."""
    if found.value.unit in ("minute", "hour") or _in_a_name(text, found):
        return 0  # "a One-Month Power Performance Period" names a period, it sets none
    left, right = _left(text, found.start, 150), _right(text, found.end, 120)
    back_reference = _has(left[-20:], r"\b(?:said|such|that)\s*$")  # "after said 30-day period"
    refers_back = back_reference and _has(left + " " + right, r"\b(?:defect|conform|accept)\w*")
    if not (_has(left, _RETURN_WORDS) or _has(right, _RETURN_ACTS) or refers_back):
        return 0  # a lead time, a payment term or a milestone in the same section
    points = 2
    if back_reference or _has(
        left[-40:],
        r"\b(?:within|during|for|up\s+to|(?:no|not)\s+later\s+than|period\s+of|ha(?:ve|s))"
        r"\s+(?:an?\s+|the\s+)?$",
    ):
        points += 1
    if _has(right, _RETURN_CLOCK):
        points += 1
    if _has(left[-60:], _DOA):
        points -= 5  # the dead-on-arrival window has its own key
    if _is_notice(text, found):
        points -= 3
    near = left[-90:]
    if (_has(near, _FIX_BEFORE) and not _has(near, r"\b(?:return|reject|rma|claim|report)\w*")) or (
        _has(right, _FIX_AFTER)
    ):
        points -= 2
    return points


def _return_window(text: str) -> Duration | None:
    """The window to return or reject goods; failing one, "returned during the warranty
    period" reads the warranty period (of the defect warranty where there are several)."""
    window = _best(((_return_window_score(text, f), f) for f in all_durations(text)), minimum=3)
    if window is None and _has(text, _WARRANTY_PERIOD_REF):

        def score(found: Found[Duration]) -> int:
            points = _warranty_score(text, found)
            return points + 2 if _near(text, found, r"\bdefect", 160, 80) else points

        window = _best(((score(f), f) for f in all_durations(text)), minimum=3)
    return window


@extractor("returns", keys=("window_days", "restocking_pct", "doa", "doa_days"))
def _returns(text: str) -> dict[str, Any]:
    durations = all_durations(text)
    doa_days = _first(durations, lambda f: _near(text, f, _DOA, left=100, right=40))
    window = _return_window(text)
    restocking = _first(all_percentages(text), lambda p: _near(text, p, r"restock", 80, 40))
    return {
        "window_days": window.days if window else None,
        "restocking_pct": restocking,
        "doa": _has(text, _DOA),
        "doa_days": doa_days.days if doa_days else None,
    }
