"""Term and termination: renewal terms, notice to terminate or not renew, cure periods,
post-termination services."""

from __future__ import annotations

import re
from typing import Any

from contractkit.detect.attributes._common import (
    _best,
    _first,
    _has,
    _is_notice,
    _left,
    _near,
    _period_near,
)
from contractkit.detect.attributes._registry import extractor
from contractkit.detect.values import Duration, Found, all_durations

_RENEW_WORDS = (
    r"\b(?:renew\w*|extend\w*|extension|successive|successor|additional|subsequent|consecutive|"
    r"further|continu\w*|thereafter)\b"
)
# Renewal lengths written without a number: "from year to year", "month-to-month".
_IMPLICIT_PERIODS = (
    (
        r"\byear[\s-]+to[\s-]+year\b|\bsuccessive\s+annual\b|\bannual(?:ly)?\s+(?:renew|basis|"
        r"period|term)\w*|\brenew\w*\s+(?:\w+\s+){0,2}(?:each|every)\s+year\b|\byearly\s+basis\b"
        r"|\brenewed\s+tacitly\s+every\s+year",
        Duration(1, "year"),
    ),
    (r"\bmonth[\s-]+to[\s-]+month\b|\bmonthly\s+(?:periods?|basis|terms?)\b", Duration(1, "month")),
)


_INITIAL_TERM_RE = re.compile(
    r"\binitial\s+(?:term|period)\b|\bterm\s+of\s+this\s+agreement\s+(?:shall\s+be|is)\b",
    re.IGNORECASE,
)


def _describes_initial_term(left: str) -> bool:
    """Does the text just before a duration introduce the initial term ("the initial term of
    this Agreement shall be for a period of") with no renewal wording in between?"""
    matches = list(_INITIAL_TERM_RE.finditer(left))
    return bool(matches) and not _has(left[matches[-1].end() :], _RENEW_WORDS)


def _renewal_candidates(text: str) -> list[tuple[int, Found[Duration]]]:
    scored = []
    previous_end = 0
    for found in all_durations(text):
        left = text[max(previous_end, found.start - 100) : found.start]
        previous_end = found.end
        points = 0
        if _has(left, _RENEW_WORDS):
            points += 2
        if _has(
            left[-35:],
            r"\b(?:successive|additional|subsequent|consecutive|further|renewal|"
            r"extension|extended|renew(?:ed|s)?|extend)\b[^.;]{0,25}$",
        ):
            points += 1
        if _is_notice(text, found) or _has(
            left[-30:],
            r"\b(?:at\s+least|not\s+less\s+than|no\s+"
            r"(?:less|later)\s+than|minimum\s+of|upon)\s*$",
        ):
            points -= 4
        if _describes_initial_term(left):
            points -= 2
        scored.append((points, found))
    for pattern, duration in _IMPLICIT_PERIODS:
        match = re.search(pattern, text, re.IGNORECASE)
        if match:
            scored.append((2, Found(duration, match.start(), match.end())))
    return sorted(scored, key=lambda item: item[1].start)


_AUTO_RENEW = (
    r"\bautomatic(?:al)?ly\b[^.;]{0,40}\b(?:renew|extend|continu)\w*|\b(?:renew|extend|continu)\w*"
    r"\s+automatic(?:al)?ly\b|\btacit(?:ly)?\b|\bevergreen\b|\bunless\b[^.;]{0,120}\b(?:not\s+to"
    r"\s+renew|non-?renewal|terminat\w*)\b"
)
_OPTIONAL_RENEW = (
    r"\bmay\b[^.;]{0,30}\b(?:renew|extend)|\boption\s+to\s+(?:renew|extend)|\bright\s+to\s+"
    r"(?:renew|extend)|\bmutual\w*\s+(?:written\s+)?(?:agree|consent)|\bif\s+agreed\b|\bby\s+"
    r"(?:written\s+)?(?:agreement|amendment)\b|\belect\w*\s+to\s+(?:renew|extend)"
)


@extractor("renewal_term", keys=("days", "auto_renew"))
def _renewal_term(text: str) -> dict[str, Any]:
    renewal = _best(_renewal_candidates(text), minimum=2)
    auto = True if _has(text, _AUTO_RENEW) else False if _has(text, _OPTIONAL_RENEW) else None
    return {"days": renewal.days if renewal else None, "auto_renew": auto}


def _notice_to_terminate(text: str) -> Duration | None:
    def score(found: Found[Duration]) -> int:
        left = _left(text, found.start, 100)
        points = 3 if _is_notice(text, found) else 0
        if _has(
            text[found.end : found.end + 40],
            r"^\s*(?:\)\s*)?(?:['’]s?\s*)?(?:prior|before|"
            r"in\s+advance)\b",
        ):
            points += 1
        if _has(
            left[-30:],
            r"\b(?:at\s+least|not\s+less\s+than|no\s+(?:less|later)\s+than|"
            r"minimum\s+of|upon|giving|with)\s*$",
        ):
            points += 1
        if _has(left, r"\bnotice\b|\bnotif"):
            points += 1
        if _has(
            left[-35:],
            r"\b(?:successive|additional|subsequent|renewal|extension)\b"
            r"[^.;]{0,25}$",
        ):
            points -= 3
        return points

    return _best(((score(f), f) for f in all_durations(text)), minimum=2)


@extractor("notice_period_to_terminate_renewal", keys=("days",))
def _notice_period(text: str) -> dict[str, Any]:
    notice = _notice_to_terminate(text)
    return {"days": notice.days if notice else None}


@extractor("termination_for_convenience", keys=("notice_days",))
def _termination_for_convenience(text: str) -> dict[str, Any]:
    notice = _notice_to_terminate(text)
    return {"notice_days": notice.days if notice else None}


@extractor("termination", keys=("notice_days", "cure_days"))
def _termination(text: str) -> dict[str, Any]:
    cure = _first(
        all_durations(text),
        lambda f: _near(text, f, r"\b(?:cure|cured|remed(?:y|ied)|rectif\w*)\b", 100, 80),
    )
    notice = _notice_to_terminate(text)
    return {
        "notice_days": notice.days if notice else None,
        "cure_days": cure.days if cure else None,
    }


@extractor("post_termination_services", keys=("period_months",))
def _post_termination(text: str) -> dict[str, Any]:
    period = _period_near(text, r"\b(?:terminat|expir)\w*", 100, 80)
    return {"period_months": period.months if period else None}
