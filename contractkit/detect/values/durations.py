"""Durations ("thirty (30) days", "a six-month period", "90 days'") and frequencies ("no
more than twice in any 12-month period", "annually", "at any time")."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from contractkit.detect.values.numbers import (
    WORD_NUMBER,
    Found,
    number_pattern,
    number_value,
    parse_number,
    tidy,
)

__all__ = [
    "UNLIMITED_RE",
    "Duration",
    "Frequency",
    "all_durations",
    "parse_duration",
    "parse_frequency",
]


# ============================================================================ durations

_UNIT_NAMES = {
    "minute": "minute", "min": "minute", "hour": "hour", "hr": "hour", "h": "hour",
    "day": "day", "week": "week", "month": "month", "year": "year", "yr": "year",
}  # fmt: skip
_DAYS_PER = {
    "minute": 1 / 1440, "hour": 1 / 24, "day": 1, "business_day": 1, "week": 7,
    "month": 30, "year": 365,
}  # fmt: skip
_MONTHS_PER = {
    "minute": 1 / 43200, "hour": 1 / 720, "day": 1 / 30, "business_day": 1 / 30,
    "week": 7 / 30, "month": 1, "year": 12,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Duration:
    """A length of time as written: `value` in `unit`.

    `unit` is one of minute, hour, day, business_day, week, month, year. Conversions use
    30-day months and 365-day years (whole years of months, "24 months", are 365-day
    years); a business day counts as one day (`.days` is then a count of business days,
    not calendar days).
    """

    value: int | float
    unit: str

    @property
    def days(self) -> int | float:
        return tidy(self._days())

    @property
    def months(self) -> int | float:
        return tidy(self.value * _MONTHS_PER[self.unit])

    @property
    def hours(self) -> int | float:
        return tidy(self._days() * 24)

    def _days(self) -> float:
        if self.unit == "month" and self.value % 12 == 0:  # "12 months" is a year, not 360 days
            return self.value / 12 * _DAYS_PER["year"]
        return self.value * _DAYS_PER[self.unit]

    def __str__(self) -> str:
        unit = self.unit.replace("_", " ")
        return f"{self.value} {unit}{'' if self.value == 1 else 's'}"


_DURATION_ADJECTIVES = (
    "calendar|business|working|banking|consecutive|successive|additional|full|further|"
    "complete|clear|subsequent|extra|continuous|rolling"
)
_DURATION_RE = re.compile(
    rf"(?<![\w.])(?:{number_pattern('q')}|(?P<article>an?))"
    r"[\s~-]*"
    rf"(?P<adj>(?:(?:{_DURATION_ADJECTIVES})[\s-]+)*)"
    r"(?P<unit>minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?|years?|yrs?)\b"
    r"(?:['’]s?)?",
    re.IGNORECASE,
)


_HALF_BEFORE = re.compile(r"\bhalf\s+$", re.IGNORECASE)


def _duration_from(match: re.Match[str]) -> Duration | None:
    unit_word = match.group("unit").lower()
    unit = _UNIT_NAMES.get(unit_word.rstrip("s"), _UNIT_NAMES.get(unit_word))
    if unit is None:
        return None
    if match.group("article"):
        value: int | float | None = 1
    else:
        value = number_value(match, "q")
    # "h"/"hr" abbreviations only after digits: "4 h" yes, "the h" no.
    if value is None or (unit_word in ("h", "hr", "hrs") and not match.group("qd")):
        return None
    if unit == "day" and re.search(r"business|working|banking", match.group("adj"), re.I):
        unit = "business_day"
    return Duration(value, unit)


def all_durations(text: str) -> list[Found[Duration]]:
    """Every duration in `text`, in order, with its span."""
    found = []
    for match in _DURATION_RE.finditer(text):
        duration, start = _duration_from(match), match.start()
        if duration is None:
            continue
        # Only the few characters before an article ("half an hour"): a search from the
        # start of the text for every duration made a long contract quadratic.
        half = match.group("article") and _HALF_BEFORE.search(text, max(0, start - 40), start)
        if half:
            # "half an hour", "half a day": the article is not "one".
            duration, start = Duration(0.5, duration.unit), half.start()
        found.append(Found(duration, start, match.end()))
    return found


def parse_duration(text: str) -> Duration | None:
    """The first duration in `text`: "thirty (30) days" -> Duration(30, "day")."""
    found = all_durations(text)
    return found[0].value if found else None


# ============================================================================ frequency


@dataclass(frozen=True, slots=True)
class Frequency:
    """How often something may happen: `times` per `period_months`, or `unlimited`."""

    times: int | float | None
    period_months: int | float | None
    unlimited: bool = False

    @property
    def per_year(self) -> float:
        """Occurrences per 12 months; infinity when unlimited ("at any time")."""
        if self.unlimited or not self.times or not self.period_months:
            return math.inf
        return tidy(self.times * 12 / self.period_months)


_TIMES_RE = re.compile(
    r"\b(?:(?:(?P<once>once|one\s+time)|(?P<twice>twice|two\s+times)|(?P<thrice>thrice))"
    r"(?:\s*\(\s*\d+\s*\))?"
    rf"|(?P<n>{WORD_NUMBER}|\d+)(?:\s*\(\s*(?P<np>\d+)\s*\))?\s+"
    r"(?:times|audits?|inspections?|examinations?|verifications?|reviews?|occasions?)\b)",
    re.IGNORECASE,
)
_PERIOD_WORD_RE = re.compile(
    r"^[\s,]*(?:(?:per|a|an|each|every|in|during|within|for|over|of)\s+)?"
    r"(?:(?:any|each|a|an|one|the|every|given|single)\s+)*"
    r"(?:(?:calendar|contract|fiscal|financial|license|licence|agreement|consecutive|rolling)"
    r"\s+)?(?P<unit>year|annum|quarter|month|week)\b",
    re.IGNORECASE,
)
_PERIOD_MONTHS = {"year": 12, "annum": 12, "quarter": 3, "month": 1, "week": 7 / 30}
_PERIOD_DURATION_RE = re.compile(
    r"^[\s,]*(?:(?:per|a|an|each|every|in|during|within|for|over|of)\s+)?"
    r"(?:(?:any|each|a|an|one|the|every|given|single)\s+)*"
    r"(?:(?:consecutive|rolling|calendar)\s+)?(?:period\s+of\s+)?$",
    re.IGNORECASE,
)
_ADVERBS = (
    (r"\b(?:semi-?annual(?:ly)?|bi-?annual(?:ly)?|twice\s+(?:yearly|annually))\b", 2, 12),
    (r"\b(?:biennial(?:ly)?|every\s+other\s+year)\b", 1, 24),
    (r"\b(?:annual(?:ly)?|yearly|once\s+a\s+year)\b", 1, 12),
    (r"\bquarterly\b", 1, 3),
    (r"\bmonthly\b", 1, 1),
    (r"\bweekly\b", 1, 7 / 30),
)
# Wording that sets no limit on how often (the audit notice reads it too: no notice).
UNLIMITED_RE = re.compile(
    r"\b(?:at\s+any\s+(?:and\s+all\s+)?(?:reasonable\s+)?times?|at\s+all\s+(?:reasonable\s+)?times"
    r"|from\s+time\s+to\s+time)\b",
    re.IGNORECASE,
)
_EVERY_RE = re.compile(r"\bevery\s+", re.IGNORECASE)


def _times_value(match: re.Match[str]) -> int | float | None:
    if match.group("once"):
        return 1
    if match.group("twice"):
        return 2
    if match.group("thrice"):
        return 3
    if match.group("np"):
        return int(match.group("np"))
    return parse_number(match.group("n"))


def _period_after(text: str) -> int | float | None:
    """Months of the period that opens `text` ("per calendar year", "in any 12-month period")."""
    for found in all_durations(text[:60]):
        if _PERIOD_DURATION_RE.match(text[: found.start]):
            return found.value.months
    word = _PERIOD_WORD_RE.match(text)
    return _PERIOD_MONTHS[word.group("unit").lower()] if word else None


def parse_frequency(text: str) -> Frequency | None:
    """How often, from wording such as "no more than twice in any 12-month period".

    Precedence: an explicit count with a period, then "every N months", then adverbs
    ("annually", "quarterly"), then unlimited wording ("at any time").
    """
    for match in _TIMES_RE.finditer(text):
        times, period = _times_value(match), _period_after(text[match.end() : match.end() + 80])
        if times and period:
            return Frequency(times, period)
    for match in _EVERY_RE.finditer(text):
        period = _period_after(text[match.start() : match.start() + 60])
        if period:
            return Frequency(1, period)
    for pattern, times, months in _ADVERBS:
        if re.search(pattern, text, re.IGNORECASE):
            return Frequency(times, tidy(months))
    if UNLIMITED_RE.search(text):
        return Frequency(None, None, unlimited=True)
    return None
