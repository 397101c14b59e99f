"""Dates as contracts write them: mentions in text -> typed records with their span.

`all_dates(text)` finds every date mention, in order, each a `DateMention` with its
character span, the parts it states (year, month, day; None for a part left blank) and
`value`, the `datetime.date` when all three are known and form a real date. The shapes:

- month names: "June 21, 1999", "Jun. 21st 1999", "21 June 1999", "JUNE 21,1999"
- day of month: "21st day of June, 1999", "this 21 day of June 1999", "1s t day of March"
  (a PDF's letter spacing), "the ___ day of May, 2000"
- digits: "06/21/99" and "6-21-1999" (US, month first, unless the first number cannot be a
  month), "1999-06-21" (ISO), "21.06.1999" (European, day first, unless the second
  number cannot be a month)
- blanks: "_____, 2019", "June __, 2019", "[  ], 2012", "this  day of , 2012": the year is
  kept, the day (and month) are None and so is `value` (unknown, never a guess)

Two-digit years are 19xx from 50 on and 20xx below. Every pattern is linear: bounded
repetitions only, no nested quantifiers over unbounded text (contract text is hostile).

`add_months(start, months)` is the calendar arithmetic the key dates and deadlines share:
a month after January 31 is the last day of February (28 or 29).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from contractkit.detect.regex_anchors import max_width

__all__ = ["DateMention", "add_days", "add_months", "all_dates", "parse_date", "two_digit_year"]

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
_SP = r"[ \t\u00a0]{0,4}"  # horizontal space, bounded
_WS = r"\s{0,6}"  # any space, line breaks included, bounded
# a blank left to fill in: underscores, a bracket pair, or nothing at all ("this day of")
_BLANK = r"(?:_{1,40}|\[[ *\u00a0]{0,10}\]|\*{1,3})"


def _day(name: str) -> str:
    """A day number with its ordinal: "21st", "2nd", and as PDFs space letters, "1s t"."""
    return rf"(?<!\d)(?P<{name}>[0-3]?\d)(?:[ ]?(?:st|nd|rd|th|s[ ]?t|n[ ]?d|r[ ]?d|t[ ]?h)\b)?"


def _year(name: str) -> str:
    """A four-digit year, or one partly or wholly blank ("200_", "____")."""
    return rf"(?P<{name}>(?:19|20)\d{{2}}|(?:19|20)\d?_{{1,6}}|_{{2,8}})"


_PATTERNS = [
    # 21st day of June, 1999 / the ___ day of May, 2000 / this  day of , 2012
    (
        "day_of",
        rf"(?:\(?{_day('d1')}\)?|{_BLANK}|\bthis|\bthe){_WS}day{_WS}of{_WS}"
        rf"(?:(?P<m1>{_MONTH})|{_BLANK})?{_SP},?{_WS}(?:A\.?D\.?{_SP})?{_year('y1')}",
    ),
    # June 21, 1999 / June 21st 1999 / June __, 2019 / April. 1st 2019 / JUNE 21,1999
    (
        "mdy",
        rf"\b(?P<m2>{_MONTH}){_WS}(?:{_day('d2')}|{_BLANK}){_SP}[,.]?{_WS}{_year('y2')}",
    ),
    # 21 June 1999 / 21st June, 1999 / 20 March day of 1998
    (
        "dmy",
        rf"{_day('d3')}{_SP}(?:of{_SP})?(?P<m3>{_MONTH}){_SP}(?:day{_SP}of{_SP})?,?{_WS}"
        rf"{_year('y3')}",
    ),
    # _____, 2019 / [ ], 2012 (a blank date: only the year is known)
    ("blank", rf"(?:_{{3,40}}|\[[ *\u00a0]{{0,10}}\]){_SP},{_SP}{_year('y4')}"),
    # 1999-06-21
    ("iso", r"\b(?P<y5>(?:19|20)\d{2})-(?P<m5>[01]?\d)-(?P<d5>[0-3]?\d)\b"),
    # 06/21/99, 6-21-1999; 21.06.1999 (dots only with a four-digit year: "12.01.05" is
    # more often a section number than a date)
    (
        "numeric",
        r"(?<![\d./-])(?P<a6>[0-3]?\d)(?:(?P<sep>[/-])(?P<b6>[0-3]?\d)(?P=sep)"
        r"(?P<y6>(?:19|20)\d{2}|\d{2})|\.(?P<b7>[0-3]?\d)\.(?P<y7>(?:19|20)\d{2}))"
        r"(?![\d]|[./-]\d)",
    ),
]
_DATE_RE = re.compile("|".join(f"(?P<{k}>{p})" for k, p in _PATTERNS), re.IGNORECASE)
# What every date above holds: a year ("1999", "19__"), a blank ("__"), or digits split by a
# slash or hyphen ("6/21/99"). Far rarer than the places where the alternation above would
# start trying (it costs almost a microsecond a character), so the alternation only runs
# around them: a match holding one starts at most `_DATE_WIDTH` characters before it.
_DATE_ANCHOR = re.compile(r"(?:19|20)[\d_]|__|\d[/-]\d")
_DATE_WIDTH = max_width(_DATE_RE)
_LOOKAHEAD = 3  # the numeric shape's look-ahead reads two characters past its end


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date as written: its span in the text and the parts it states.

    `year`/`month`/`day` are None when left blank; `value` is the date when all three are
    known and real (June 31 is not), else None."""

    start: int
    end: int
    text: str
    year: int | None
    month: int | None
    day: int | None
    value: date | None
    shape: str

    @property
    def is_blank(self) -> bool:
        """Stated as a date to fill in ("_____, 2019"), not determinable."""
        return self.value is None

    @property
    def iso(self) -> str | None:
        return self.value.isoformat() if self.value else None


def two_digit_year(yy: int) -> int:
    """99 -> 1999, 05 -> 2005: 19xx from 50 on, 20xx below."""
    return 1900 + yy if yy >= 50 else 2000 + yy


def _int(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


def _year_of(text: str | None) -> int | None:
    if not text or "_" in text:
        return None
    value = int(text)
    return two_digit_year(value) if len(text) == 2 else value


def _month_of(text: str | None) -> int | None:
    return MONTHS.get(text.lower().rstrip(".")) if text else None


def _real(year: int | None, month: int | None, day: int | None) -> date | None:
    if year is None or month is None or day is None:
        return None
    if not 1900 <= year <= 2100 or not 1 <= month <= 12:
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def _parts(match: re.Match[str]) -> tuple[int | None, int | None, int | None] | None:
    """(year, month, day) of a match; None when it is no date at all (13/45/99)."""
    shape = match.lastgroup
    g = match.group
    if shape == "day_of":
        return _year_of(g("y1")), _month_of(g("m1")), _int(g("d1"))
    if shape == "mdy":
        return _year_of(g("y2")), _month_of(g("m2")), _int(g("d2"))
    if shape == "dmy":
        return _year_of(g("y3")), _month_of(g("m3")), _int(g("d3"))
    if shape == "blank":
        return _year_of(g("y4")), None, None
    if shape == "iso":
        return int(g("y5")), int(g("m5")), int(g("d5"))
    dotted = g("b7") is not None
    a, b = int(g("a6")), int(g("b7") if dotted else g("b6"))
    year = _year_of(g("y7") if dotted else g("y6"))
    day_first = dotted
    if day_first and b > 12 >= a:
        day_first = False
    elif not day_first and a > 12 >= b:
        day_first = True
    month, day = (b, a) if day_first else (a, b)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return year, month, day


def _date_matches(text: str) -> Iterator[re.Match[str]]:
    """`_DATE_RE.finditer(text)`, run only over the stretches within `_DATE_WIDTH` of an
    anchor: a match holds one, so it starts and ends inside such a stretch, and the
    stretches are merged where they touch, so no match is cut or found twice."""
    stretch: tuple[int, int] | None = None
    for anchor in _DATE_ANCHOR.finditer(text):
        start = max(0, anchor.start() - _DATE_WIDTH)
        end = min(len(text), anchor.end() + _DATE_WIDTH + _LOOKAHEAD)
        if stretch is not None and start <= stretch[1]:
            stretch = (stretch[0], end)
            continue
        if stretch is not None:
            yield from _DATE_RE.finditer(text, *stretch)
        stretch = (start, end)
    if stretch is not None:
        yield from _DATE_RE.finditer(text, *stretch)


def all_dates(text: str) -> list[DateMention]:
    """Every date mention in `text`, in order, blanks included (their `value` is None)."""
    found = []
    for match in _date_matches(text):
        parts = _parts(match)
        if parts is None:
            continue
        year, month, day = parts
        if day is not None and not 1 <= day <= 31:
            continue
        if year is None and month is None and day is None:
            continue  # "this day of ____": nothing stated at all
        value = _real(year, month, day)
        if value is None and None not in parts:
            continue  # all three stated but no such day (February 30, 13/13/99)
        found.append(
            DateMention(
                match.start(),
                match.end(),
                match.group(),
                year,
                month,
                day,
                value,
                match.lastgroup or "",
            )
        )
    return found


def parse_date(text: str) -> date | None:
    """The first complete date in `text`: "21st day of June, 1999" -> date(1999, 6, 21)."""
    return next((m.value for m in all_dates(text) if m.value), None)


def add_months(start: date, months: int) -> date:
    """`start` plus whole months, clamped to the month's last day (Jan 31 + 1 -> Feb 28/29)."""
    return start + relativedelta(months=months)


def add_days(start: date, days: int) -> date:
    """`start` plus (or minus, when negative) calendar days."""
    return start + relativedelta(days=days)
