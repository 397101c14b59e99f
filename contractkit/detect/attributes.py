"""Typed attributes from clause text: durations, percentages, money, frequencies, jurisdictions.

Pure functions over strings (no spaCy), so they run anywhere and are cheap to test. The
parsers read contract wording as lawyers write it: numbers spelled out and repeated in
digits ("thirty (30) days" — the digits win when both are given), possessives ("ninety
days'"), hyphenated compounds ("six-month", "(5)-year"), European separators
("EUR 250.000,00"). They deliberately return nothing rather than guess: a bare number with no
unit or currency ("Section 30", "99 Main Street") is not an attribute.

`extract_attributes(clause_type, text)` dispatches to one small extractor per clause type
through a registry; each extractor declares the keys it can return (`ATTRIBUTE_KEYS`), which
the taxonomy's `attributes:` lists must match. Keys are snake_case and carry their unit
(`_days`, `_months`, `_hours`, `_pct`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Generic, TypeVar

from contractkit.textutil import blank_long_runs

__all__ = [
    "ATTRIBUTE_KEYS",
    "EXTRACTORS",
    "Duration",
    "Found",
    "Frequency",
    "Money",
    "all_durations",
    "all_jurisdictions",
    "all_money",
    "all_percentages",
    "canonical_jurisdiction",
    "extract_attributes",
    "parse_duration",
    "parse_frequency",
    "parse_jurisdiction",
    "parse_money",
    "parse_number",
    "parse_percentage",
]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Found(Generic[T]):
    """A parsed value with the character span of `text` it came from (for evidence)."""

    value: T
    start: int
    end: int


def _tidy(x: float) -> int | float:
    """Round away float noise and return an int when the value is whole (30.0 -> 30)."""
    x = round(x, 4)
    return int(x) if x == int(x) else x


# ============================================================================ numbers

_UNIT_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALE_WORDS = {"thousand": 10**3, "million": 10**6, "billion": 10**9}


def _alternation(words: Iterable[str]) -> str:
    # Longest first so "seventeen" is tried before "seven".
    return "|".join(sorted(words, key=len, reverse=True))


_UNIT_ALT = _alternation(_UNIT_WORDS)
_TENS_ALT = _alternation(_TENS_WORDS)
_SMALL = rf"(?:(?:{_TENS_ALT})(?:[\s-]+(?:{_UNIT_ALT})\b)?|(?:{_UNIT_ALT}))\b"
_BELOW_1000 = rf"(?:{_SMALL}[\s-]+hundred\b(?:[\s-]+(?:and\s+)?{_SMALL})?|{_SMALL}|hundred\b)"
_SCALED = rf"[\s-]+(?:thousand|million|billion)\b(?:,?[\s-]+(?:and\s+)?{_BELOW_1000})?"
WORD_NUMBER = rf"\b{_BELOW_1000}(?:{_SCALED})*"
# Digits as contracts write them: 30, 1,000, 99.9 (US style; money has its own amount rule).
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

_WORD_NUMBER_RE = re.compile(rf"^{WORD_NUMBER}$", re.IGNORECASE)


def _words_to_number(words: str) -> int | None:
    """'one hundred and twenty' -> 120; None if `words` is not a number in words."""
    if not _WORD_NUMBER_RE.match(words.strip()):
        return None
    total = current = 0
    for token in re.split(r"[\s,-]+", words.lower()):
        if not token or token == "and":
            continue
        if token in _UNIT_WORDS:
            current += _UNIT_WORDS[token]
        elif token in _TENS_WORDS:
            current += _TENS_WORDS[token]
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in _SCALE_WORDS:
            total += (current or 1) * _SCALE_WORDS[token]
            current = 0
    return total + current


def _digits_to_number(digits: str) -> int | float:
    return _tidy(float(digits.replace(",", "")))


def _number_pattern(tag: str) -> str:
    """A number as contracts write it, with named groups prefixed by `tag`.

    Words alone ("thirty"), digits alone ("30", "(30)"), or both ("thirty (30)",
    "30 (thirty)", even the typo "sixty 90"): `_number_value` prefers the digits.
    """
    return (
        rf"(?:(?P<{tag}w>{WORD_NUMBER})(?:\s*\(\s*(?P<{tag}p>{DIGITS})\s*\)"
        rf"|\s+(?P<{tag}n>{DIGITS})(?![\d.,]))?"
        rf"|\(?\s*(?P<{tag}d>{DIGITS})\s*\)?(?:\s*\(\s*{WORD_NUMBER}\s*\))?)"
    )


def _number_value(match: re.Match[str], tag: str) -> int | float | None:
    for group in (f"{tag}p", f"{tag}n", f"{tag}d"):
        if match.group(group):
            return _digits_to_number(match.group(group))
    words = match.group(f"{tag}w")
    return _words_to_number(words) if words else None


_NUMBER_RE = re.compile(rf"^\s*{_number_pattern('x')}\s*$", re.IGNORECASE)


def parse_number(text: str) -> int | float | None:
    """A whole string that is a number: "30", "thirty (30)", "one hundred twenty" -> value."""
    match = _NUMBER_RE.match(text)
    return _number_value(match, "x") if match else None


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
        return _tidy(self._days())

    @property
    def months(self) -> int | float:
        return _tidy(self.value * _MONTHS_PER[self.unit])

    @property
    def hours(self) -> int | float:
        return _tidy(self._days() * 24)

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
    rf"(?<![\w.])(?:{_number_pattern('q')}|(?P<article>an?))"
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
        value = _number_value(match, "q")
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


# ============================================================================ percentages

_DIGIT_WORDS = "zero|one|two|three|four|five|six|seven|eight|nine"
_DECIMAL = r"\d+(?:[.,]\d+)?"
_PERCENT_WORD = r"(?:%|\s*percent\b|\s*per\s+cent\b|\s*pct\b|\s*percentage\s+points?\b)"
_PERCENT_RE = re.compile(
    r"(?<![\w.])(?:"
    rf"(?P<w>{WORD_NUMBER}(?:\s+point(?:[\s-]+(?:{_DIGIT_WORDS})\b)+)?)"
    rf"(?:\s*\(\s*(?P<wp>{_DECIMAL})\s*%?\s*\))?"
    rf"|\(?(?P<d>{_DECIMAL})\)?"
    rf")\s*{_PERCENT_WORD}"
    rf"(?:\s*\(\s*(?P<after>{_DECIMAL})\s*%\s*\))?",
    re.IGNORECASE,
)


def _decimal_words(words: str) -> float | None:
    """'ninety-nine point nine' -> 99.9."""
    whole, _, fraction = words.lower().partition(" point")
    value = _words_to_number(whole)
    if value is None:
        return None
    digits = "".join(str(_UNIT_WORDS[w]) for w in re.findall(r"[a-z]+", fraction))
    return value + float(f"0.{digits}") if digits else value


def _percent_value(match: re.Match[str]) -> int | float | None:
    for group in ("after", "wp", "d"):
        if match.group(group):
            return _tidy(float(match.group(group).replace(",", ".")))
    value = _decimal_words(match.group("w"))
    return _tidy(value) if value is not None else None


def all_percentages(text: str) -> list[Found[int | float]]:
    """Every percentage in `text` ("99.9%", "five percent (5%)", ...), with its span."""
    found: list[Found[int | float]] = []
    for match in _PERCENT_RE.finditer(text):
        value = _percent_value(match)
        if value is not None:
            found.append(Found(value, match.start(), match.end()))
    return found


def parse_percentage(text: str) -> int | float | None:
    """The first percentage in `text` as a number: "99.9 percent" -> 99.9."""
    found = all_percentages(text)
    return found[0].value if found else None


# ============================================================================ money


@dataclass(frozen=True, slots=True)
class Money:
    """An amount of money with its ISO 4217 currency code."""

    amount: Decimal
    currency: str

    def __str__(self) -> str:
        return f"{self.currency} {self.amount:,}"


_SYMBOLS = {
    "us$": "USD", "u.s.$": "USD", "usd$": "USD", "$": "USD", "c$": "CAD", "ca$": "CAD",
    "cad$": "CAD", "a$": "AUD", "au$": "AUD", "nz$": "NZD", "hk$": "HKD", "s$": "SGD",
    "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "rs.": "INR", "rs": "INR",
}  # fmt: skip
_CODES = "USD|EUR|GBP|CHF|CAD|AUD|JPY|CNY|RMB|INR|SEK|NOK|DKK|HKD|SGD|NZD|ZAR|ILS|PLN|BRL|MXN|KRW"
_CURRENCY_WORDS = {
    r"(?:u\.?\s?s\.?|united states|american)\s+dollars?": "USD",
    r"canadian\s+dollars?": "CAD",
    r"australian\s+dollars?": "AUD",
    r"dollars?": "USD",
    r"euros?": "EUR",
    r"pounds?\s+sterling|sterling|(?:british\s+)?pounds?": "GBP",
    r"swiss\s+francs?|francs?": "CHF",
    r"yen": "JPY",
    r"yuan|renminbi": "CNY",
    r"rupees?": "INR",
}
_CURRENCY_WORD_ALT = "|".join(_CURRENCY_WORDS)
_SYMBOL_ALT = r"US\s?\$|U\.S\.\s?\$|USD\s?\$|CAD?\s?\$|C\$|AU?\$|NZ\$|HK\$|S\$|\$|€|£|¥|₹|\bRs\.?"
_AMOUNT = r"\d{1,3}(?:[.,'’]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?"
_MULTIPLIER = r"(?:\s*(?:million|billion|thousand)\b|\s?(?:mio\.?|mn|mm|bn|m|k)\b)"
_MULTIPLIERS = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "mio": 10**6, "mio.": 10**6,
    "mn": 10**6, "mm": 10**6, "m": 10**6, "billion": 10**9, "bn": 10**9,
}  # fmt: skip

_MONEY_RE = re.compile(
    r"(?:"
    rf"(?P<sym>{_SYMBOL_ALT})\s?(?P<a1>{_AMOUNT})(?P<m1>{_MULTIPLIER})?"
    rf"|\b(?P<code>{_CODES})\s?(?P<a2>{_AMOUNT})(?P<m2>{_MULTIPLIER})?"
    rf"|(?<![\w.,])(?P<a3>{_AMOUNT})(?P<m3>{_MULTIPLIER})?\s?"
    rf"(?:(?P<code3>{_CODES})\b|(?P<word3>{_CURRENCY_WORD_ALT})\b)"
    rf"|(?P<w4>{WORD_NUMBER})\s+(?P<word4>{_CURRENCY_WORD_ALT})\b"
    rf"(?:\s*\(\s*(?:{_SYMBOL_ALT}|(?:{_CODES})\s?)?(?P<a4>{_AMOUNT})(?P<m4>{_MULTIPLIER})?\s*\))?"
    r")",
    re.IGNORECASE,
)


def _parse_amount(raw: str, has_multiplier: bool) -> Decimal | None:
    """'1,000,000' / '250.000,00' / '2.5' -> Decimal, telling thousands from decimals.

    The last separator is the decimal point when both kinds occur; a separator that repeats
    groups thousands; a lone separator followed by exactly three digits groups thousands
    too ("€1.000", "$1,000") unless a multiplier follows ("1.250 million"). Swiss
    apostrophes ("CHF 100'000") always group thousands.
    """
    raw = raw.replace("'", "").replace("’", "")
    if "," in raw and "." in raw:
        decimal_sep = "," if raw.rfind(",") > raw.rfind(".") else "."
        thousands_sep = "." if decimal_sep == "," else ","
        raw = raw.replace(thousands_sep, "").replace(decimal_sep, ".")
    else:
        sep = "," if "," in raw else "." if "." in raw else ""
        if sep and (raw.count(sep) > 1 or (len(raw.rsplit(sep, 1)[1]) == 3 and not has_multiplier)):
            raw = raw.replace(sep, "")
        elif sep:
            raw = raw.replace(sep, ".")
    try:
        return Decimal(raw)
    except InvalidOperation:
        return None


def _currency_of(match: re.Match[str]) -> str:
    if match.group("sym"):
        key = re.sub(r"\s", "", match.group("sym").lower())
        if key in _SYMBOLS:
            return _SYMBOLS[key]
        return "CAD" if key.startswith("c") else "AUD" if key.startswith("a") else "USD"
    code = match.group("code") or match.group("code3")
    if code:
        return {"RMB": "CNY"}.get(code.upper(), code.upper())
    word = (match.group("word3") or match.group("word4")).lower()
    return next(c for pattern, c in _CURRENCY_WORDS.items() if re.fullmatch(pattern, word))


def _money_from(match: re.Match[str]) -> Money | None:
    currency = _currency_of(match)
    for amount_group, multiplier_group in (("a1", "m1"), ("a2", "m2"), ("a3", "m3"), ("a4", "m4")):
        raw = match.group(amount_group)
        if raw:
            multiplier_word = (match.group(multiplier_group) or "").strip().lower()
            amount = _parse_amount(raw, bool(multiplier_word))
            if amount is None:
                return None
            if multiplier_word:
                # "£2.5m" is exactly 2,500,000: keep no spurious ".0" from the multiplication.
                amount = (amount * _MULTIPLIERS[multiplier_word]).quantize(Decimal(1))
            return Money(amount, currency)
    value = _words_to_number(match.group("w4"))
    return Money(Decimal(value), currency) if value is not None else None


def all_money(text: str) -> list[Found[Money]]:
    """Every amount of money in `text`, with its span.

    A restatement in brackets right after an amount ("$10,000 (ten thousand dollars)") is
    the same amount, not a second one, and is dropped.
    """
    found: list[Found[Money]] = []
    for match in _MONEY_RE.finditer(text):
        money = _money_from(match)
        if money is None:
            continue
        if found and _is_restatement(text, found[-1], match.start(), money):
            continue
        found.append(Found(money, match.start(), match.end()))
    return found


def _is_restatement(text: str, previous: Found[Money], start: int, money: Money) -> bool:
    between = text[previous.end : start]
    return money == previous.value and re.fullmatch(r"\s*\(\s*", between) is not None


def parse_money(text: str) -> Money | None:
    """The first amount of money in `text`: "€1,000,000" -> Money(1000000, "EUR")."""
    found = all_money(text)
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
        return _tidy(self.times * 12 / self.period_months)


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
_UNLIMITED_RE = re.compile(
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
            return Frequency(times, _tidy(months))
    if _UNLIMITED_RE.search(text):
        return Frequency(None, None, unlimited=True)
    return None


# ============================================================================ jurisdictions

_US_STATES = (
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
    "Delaware", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa",
    "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan",
    "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire",
    "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio",
    "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota",
    "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington", "West Virginia",
    "Wisconsin", "Wyoming", "District of Columbia",
)  # fmt: skip
_CA_PROVINCES = (
    "Ontario", "Quebec", "British Columbia", "Alberta", "Manitoba", "Saskatchewan",
    "Nova Scotia", "New Brunswick", "Newfoundland and Labrador", "Prince Edward Island",
)  # fmt: skip
_AU_STATES = (
    "New South Wales", "Victoria", "Queensland", "Western Australia", "South Australia",
    "Tasmania",
)  # fmt: skip
_UK_PARTS = ("England and Wales", "England", "Wales", "Scotland", "Northern Ireland")
_COUNTRIES = (
    "Canada", "Australia", "New Zealand", "Singapore", "Japan", "India", "Israel", "France",
    "Switzerland", "Spain", "Italy", "Sweden", "Norway", "Denmark", "Finland", "Belgium",
    "Austria", "Luxembourg", "Poland", "Portugal", "Greece", "Cyprus", "Malta", "Iceland",
    "Estonia", "Latvia", "Lithuania", "Hungary", "Romania", "Bulgaria", "Slovakia", "Slovenia",
    "Croatia", "Turkey", "Brazil", "Mexico", "Argentina", "Chile", "Colombia", "Philippines",
    "Malaysia", "Thailand", "Indonesia", "Vietnam", "Bermuda", "Cayman Islands",
    "British Virgin Islands", "Guernsey", "Liechtenstein", "Monaco", "Papua New Guinea",
    "Kazakhstan",
)  # fmt: skip
# Canonical name -> extra aliases (lowercase regex fragments); every canonical name is also
# its own alias.
_JURISDICTION_ALIASES: dict[str, tuple[str, ...]] = {
    "England and Wales": (r"england\s*&\s*wales",),
    "United Kingdom": (r"u\.k\.", r"uk"),
    "United States": (r"united\s+states\s+of\s+america", r"u\.s\.a\.", r"usa", r"u\.s\."),
    "District of Columbia": (r"washington,?\s+d\.?\s?c\.?",),
    "People's Republic of China": (
        r"people[’']?s\s+republic\s+of\s+china",
        r"p\.r\.c\.",
        r"prc",
        r"mainland\s+china",
        r"china",
    ),
    "Taiwan": (r"r\.o\.c\.", r"republic\s+of\s+china"),
    "Hong Kong": (r"hong\s+kong\s+s\.?a\.?r\.?",),
    "Germany": (r"federal\s+republic\s+of\s+germany",),
    "Netherlands": (r"the\s+netherlands", r"holland"),
    "Ireland": (r"republic\s+of\s+ireland",),
    "South Korea": (r"republic\s+of\s+korea", r"korea"),
    "South Africa": (r"republic\s+of\s+south\s+africa",),
    "Russia": (r"russian\s+federation",),
    "United Arab Emirates": (r"u\.a\.e\.", r"uae"),
    "Czech Republic": (r"czechia",),
}
# Adjectives count only when followed by "law" ("Swiss law", "English law").
_ADJECTIVES = {
    "english": "England and Wales", "scots": "Scotland", "scottish": "Scotland",
    "german": "Germany", "french": "France", "swiss": "Switzerland", "dutch": "Netherlands",
    "irish": "Ireland", "israeli": "Israel", "chinese": "People's Republic of China",
    "japanese": "Japan", "spanish": "Spain", "italian": "Italy", "swedish": "Sweden",
    "austrian": "Austria", "belgian": "Belgium", "danish": "Denmark", "finnish": "Finland",
    "norwegian": "Norway", "canadian": "Canada", "australian": "Australia",
}  # fmt: skip
# A federation named first yields to one of its members named in the same clause.
_FEDERATIONS = {
    "United States": frozenset(_US_STATES),
    "Canada": frozenset(_CA_PROVINCES),
    "Australia": frozenset(_AU_STATES),
    "United Kingdom": frozenset(_UK_PARTS),
}


def _name_pattern(name: str) -> str:
    return re.escape(name.lower()).replace(r"\ ", r"\s+")


def _build_gazetteer() -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex over every alias (group name -> canonical name)."""
    aliases: dict[str, str] = {}
    for name in (*_US_STATES, *_CA_PROVINCES, *_AU_STATES, *_UK_PARTS, *_COUNTRIES):
        aliases[_name_pattern(name)] = name
    for canonical, extra in _JURISDICTION_ALIASES.items():
        aliases[_name_pattern(canonical)] = canonical
        for alias in extra:
            aliases[alias] = canonical
    # Longest alias first so "west virginia" beats "virginia" and "new mexico" beats "mexico".
    ordered = sorted(aliases, key=len, reverse=True)
    # Bucket the alternatives by first letter (every alias starts with a literal letter):
    # the engine then tries one bucket per position instead of every alias, ~10x faster.
    buckets: dict[str, list[str]] = {}
    for i, alias in enumerate(ordered):
        if not alias[0].isalpha() or not alias[0].islower():
            raise ValueError(f"jurisdiction alias {alias!r} must start with a lowercase letter")
        buckets.setdefault(alias[0], []).append(f"(?P<j{i}>{alias})")
    groups = "|".join(f"(?={first})(?:{'|'.join(alts)})" for first, alts in buckets.items())
    pattern = re.compile(rf"(?<![\w])(?:{groups})(?![\w])", re.IGNORECASE)
    return pattern, {f"j{i}": aliases[alias] for i, alias in enumerate(ordered)}


_GAZETTEER_RE, _GAZETTEER_GROUPS = _build_gazetteer()
_ADJECTIVE_RE = re.compile(
    r"\b(?P<adj>" + "|".join(_ADJECTIVES) + r")\s+(?:substantive\s+)?law\b", re.IGNORECASE
)
_LAW_ANCHOR_RE = re.compile(
    r"\b(?:laws?|statutes?|legislation)\s+(?:in\s+force\s+in|prevailing\s+in|applicable\s+in|of|in)\b"
    r"|\bgovern(?:ed|s|ing)\b|\bconstrued\b|\binterpreted\b",
    re.IGNORECASE,
)


def all_jurisdictions(text: str) -> list[Found[str]]:
    """Every jurisdiction named in `text` (canonical names), with spans, in order."""
    found = [
        Found(_GAZETTEER_GROUPS[m.lastgroup or ""], m.start(), m.end())
        for m in _GAZETTEER_RE.finditer(text)
    ]
    found += [
        Found(_ADJECTIVES[m.group("adj").lower()], m.start(), m.end())
        for m in _ADJECTIVE_RE.finditer(text)
    ]
    return sorted(found, key=lambda f: f.start)


def canonical_jurisdiction(name: str) -> str | None:
    """The canonical spelling of a jurisdiction name or alias ("PRC" -> "People's ...")."""
    match = _GAZETTEER_RE.fullmatch(name.strip())
    return _GAZETTEER_GROUPS[match.lastgroup or ""] if match else None


def parse_jurisdiction(text: str) -> str | None:
    """The governing-law jurisdiction of a clause ("laws of the State of New York" -> "New York").

    Names right after a law anchor ("laws of", "governed by") win over names elsewhere
    (courts, venues); within those, a state or province wins over its federation
    ("laws of the United States and the Commonwealth of Kentucky" -> "Kentucky").
    """
    anchors = [m.end() for m in _LAW_ANCHOR_RE.finditer(text)]
    found = all_jurisdictions(text)
    anchored = [f for f in found if any(0 <= f.start - a <= 80 for a in anchors)]
    if re.search(r"\[\s*\*", text) and not anchored:
        return None  # redacted ("laws of the [***]"): do not guess from a venue
    candidates = anchored or found
    if not candidates:
        return None
    first = candidates[0].value
    members = _FEDERATIONS.get(first)
    if members:
        # "laws of the United States and the Commonwealth of Kentucky" -> Kentucky.
        member = next((f.value for f in candidates if f.value in members), None)
        return member or first
    return first


# ============================================================================ context helpers


def _left(text: str, start: int, width: int = 80) -> str:
    """Up to `width` characters before `start`, cut at the previous sentence end."""
    window = text[max(0, start - width) : start]
    cut = max(window.rfind(". "), window.rfind("; "), window.rfind("\n\n"))
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


# ============================================================================ extractors

Extractor = Callable[[str], dict[str, Any]]
EXTRACTORS: dict[str, Extractor] = {}
ATTRIBUTE_KEYS: dict[str, tuple[str, ...]] = {}


def _extractor(*clause_types: str, keys: tuple[str, ...]) -> Callable[[Extractor], Extractor]:
    """Register an extractor for clause types, declaring the keys it may return."""

    def register(function: Extractor) -> Extractor:
        for clause_type in clause_types:
            EXTRACTORS[clause_type] = function
            ATTRIBUTE_KEYS[clause_type] = keys
        return function

    return register


def extract_attributes(clause_type: str, text: str) -> dict[str, Any]:
    """Typed attributes of a clause of `clause_type` (a taxonomy id) found in `text`.

    Only attributes the text states are returned ({} for types without an extractor);
    booleans are returned whenever the extractor can decide them. Values are JSON-native
    (money amounts become int, or float when fractional) because they go straight into the
    scan result.
    """
    extractor = EXTRACTORS.get(clause_type)
    if extractor is None:
        return {}
    # Column-aligned PDF text pads words with runs of spaces; the extractors' context
    # windows count characters, so fold each run to one space (line breaks stay).
    text = _HORIZONTAL_SPACE.sub(" ", blank_long_runs(text))
    return {key: _json_native(v) for key, v in extractor(text).items() if v is not None}


_HORIZONTAL_SPACE = re.compile(r"[^\S\n]{2,}|[\t\u00a0]")


def _json_native(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


# ---------------------------------------------------------------------------- service levels

_RESPONSE_KW = (
    r"\b(?:respon(?:se|ses|d|ds|ding|ded)|acknowledg\w*|reply|replies|react(?:ion|s|ed)?|"
    r"address(?:es|ed|ing)?\s+the\s+(?:problem|issue|incident|error|request|call)|attend\w*|"
    r"call[\s-]?backs?|on[\s-]?site|dispatch\w*|commence\s+work|begin\s+work)\b"
)
_RESOLUTION_KW = r"\b(?:resol\w*|restor\w*|fix\w*|repair\w*|workaround|recover\w*|correct\w*)\b"
# "4 hours: Response", "1-business-day email response": the label after the time.
_RESPONSE_AFTER = re.compile(
    r"\s*(?:\)\s*)?(?:[:\-–—]\s*)?(?:(?:initial|first|email|e-mail|phone|telephone|on-?site|"
    r"written|target|maximum)\s+)?(?:response|reaction|acknowledg\w*)\b",
    re.IGNORECASE,
)
# Hours of cover, not a deadline: "24 hours a day", "24 hours, 7 days a week", "every 24 hours".
_RATE_AFTER = re.compile(
    r"^\s*(?:\)\s*)?(?:a|per|each|every|/)\s*(?:day|week|month|year)\b"
    r"|^\s*(?:\)\s*)?,?\s*(?:seven|7)\s*(?:\(\s*7\s*\)\s*)?days?\s*(?:a|per|/)\s*week\b"
    r"|^\s*(?:x|×)\s*7\b",
    re.IGNORECASE,
)
_RATE_BEFORE = re.compile(
    r"(?:\bevery|\beach|\bper|\d\s*(?:hours?|days?|x)\s*,?)\s*$",
    re.IGNORECASE,
)


def _is_rate(text: str, found: Found[Duration]) -> bool:
    """Is this duration a span of cover or a repeat interval ("24 hours a day", "7 days a
    week", "status reports every 24 hours") rather than a time limit?"""
    after = text[found.end : found.end + 30]
    before = text[max(0, found.start - 20) : found.start]
    return bool(_RATE_AFTER.match(after)) or bool(_RATE_BEFORE.search(before))


def _timed(text: str, keyword: str, other: str) -> int | float | None:
    """Hours of the first short duration whose nearest preceding keyword is `keyword`."""
    previous_end = 0
    for found in all_durations(text):
        left = text[max(previous_end, found.start - 100) : found.start]
        previous_end = found.end
        if found.value.unit not in ("minute", "hour", "day", "business_day"):
            continue
        own = [m.end() for m in re.finditer(keyword, left, re.IGNORECASE)]
        rival = [m.end() for m in re.finditer(other, left, re.IGNORECASE)]
        if own and (not rival or own[-1] > rival[-1]):
            return found.value.hours
    return None


def _response_hours(text: str) -> int | float | None:
    """The fastest response time in hours: a short duration whose nearest preceding keyword
    is a response word ("respond within 30 minutes", a table column "Time to Respond") or
    that a response label follows ("4 hours: Response", "1-business-day email response").
    Hours of cover ("24 hours a day, 7 days a week") are not response times."""
    fastest = None
    previous_end = 0
    for found in all_durations(text):
        if found.value.unit not in ("minute", "hour", "day", "business_day"):
            continue
        if _is_rate(text, found):
            continue  # cover hours neither count nor cut the next cell from its header
        left = text[max(previous_end, found.start - 100) : found.start]
        previous_end = found.end
        own = [m.end() for m in re.finditer(_RESPONSE_KW, left, re.IGNORECASE)]
        rival = [m.end() for m in re.finditer(_RESOLUTION_KW, left, re.IGNORECASE)]
        if (own and (not rival or own[-1] > rival[-1])) or _RESPONSE_AFTER.match(
            text, found.end, found.end + 40
        ):
            hours = found.value.hours
            fastest = hours if fastest is None else min(fastest, hours)
    return fastest


# A service-credit tier: "Below 99.5% but at least 99.0% | 10%" (a table row, cells joined by
# " | ") or "if availability falls below 99.5%, a credit of 10% ...".
_CREDIT_TIER = re.compile(
    r"\b(?:below|less\s+than|under|lower\s+than)\s+(?P<below>\d{2,3}(?:\.\d+)?)\s*%"
    r"(?:[^|\n]{0,60}?\|\s*|[^.\n]{0,80}?\bcredit[^.\n%]{0,30}?)(?P<credit>\d{1,3}(?:\.\d+)?)\s*%",
    re.IGNORECASE,
)


def _credit_tiers(text: str) -> list[dict[str, float]]:
    return [
        {"below_pct": _tidy(float(m["below"])), "credit_pct": _tidy(float(m["credit"]))}
        for m in _CREDIT_TIER.finditer(text)
    ]


@_extractor("sla", keys=("uptime_pct", "response_hours", "resolution_hours", "service_credits"))
def _sla(text: str) -> dict[str, Any]:
    """`service_credits` is the list of credit tiers where the text states them, else whether
    credits are promised at all."""
    percentages = [p for p in all_percentages(text) if 90 <= p.value <= 100]
    uptime = _first(percentages, lambda p: _near(text, p, r"availab|up-?\s?time|service level"))
    return {
        "uptime_pct": uptime if uptime is not None else _first(percentages, lambda p: True),
        "response_hours": _response_hours(text),
        "resolution_hours": _timed(text, _RESOLUTION_KW, _RESPONSE_KW),
        "service_credits": _credit_tiers(text) or _has(text, _CREDITS) or _credit_remedy(text),
    }


_CREDITS = (
    r"\bservice\s+credits?\b|\b(?:fee|sla)\s+credits?\b|\bcredits?\b[^.]{0,60}"
    r"\b(?:monthly|recurring|service)\s+(?:fees?|charges?)"
    r"|\bcredit\s+(?:the\s+)?(?:customer|client|licensee|buyer|purchaser)\b"
)
# Money back for a missed level under other names: a credit note, a rebate, a penalty
# applied to the charges, a pro rata refund, a price-discount step, a shortfall payment.
_CREDIT_REMEDY = re.compile(
    r"\bcredit\s+notes?\b|\brebates?\b|\brefund\w*|(?<!without\s)\bpenalt(?:y|ies)\b"
    r"|\bdiscount\b|\b(?:reduc|abat|deduct)\w*\b[^.;]{0,40}\b(?:fees?|charges?|prices?|invoices?)\b"
    r"|\b(?:make|pay)\s+(?:a\s+|the\s+)?(?:shortfall\s+|performance\s+)?payments?\s+to\b",
    re.IGNORECASE,
)
# ...when the same sentence ties it to a failure to meet the level.
_SHORTFALL = (
    r"\bfail\w*|\bnot\s+(?:achieve|meet|met|attain)\w*|\bmiss(?:es|ed)?\b|\bbelow\b"
    r"|\bshort(?:fall|age)s?\b|\bdowntime\b|\boutages?\b|\bunavailab\w*|\boverdue\b"
    r"|\bdelay\w*|\bclaims?\s+(?:relating|related|under|for)\b[^.;]{0,40}\b(?:warrant|guarant)\w*"
)


def _credit_remedy(text: str) -> bool:
    return any(
        _has(_left(text, m.start(), 250) + " " + _right(text, m.end(), 150), _SHORTFALL)
        for m in _CREDIT_REMEDY.finditer(text)
    )


@_extractor("support_maintenance", keys=("response_hours",))
def _support(text: str) -> dict[str, Any]:
    return {"response_hours": _response_hours(text)}


@_extractor("business_continuity", keys=("rto_hours", "rpo_hours"))
def _continuity(text: str) -> dict[str, Any]:
    rto = r"\b(?:rto|recovery\s+time|restoration|time\s+to\s+(?:full\s+)?restor\w*)\b"
    rpo = r"\b(?:rpo|recovery\s+point|data\s+loss)\b"
    return {"rto_hours": _timed(text, rto, rpo), "rpo_hours": _timed(text, rpo, rto)}


# ---------------------------------------------------------------------------- warranties

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


@_extractor("warranty", keys=("duration_months", "remedies"))
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


@_extractor("warranty_duration", keys=("duration_months",))
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


@_extractor("returns", keys=("window_days", "restocking_pct", "doa", "doa_days"))
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


@_extractor("acceptance", keys=("window_days", "deemed_acceptance"))
def _acceptance(text: str) -> dict[str, Any]:
    window = _period_near(text, r"\b(?:accept|reject|test|inspect)\w*", 100, 60)
    return {
        "window_days": window.days if window else None,
        "deemed_acceptance": _has(text, r"\bdeemed\b[^.;]{0,40}\baccept"),
    }


@_extractor("delivery", keys=("lead_time_days",))
def _delivery(text: str) -> dict[str, Any]:
    lead = _period_near(text, r"\b(?:deliver|ship|dispatch|lead\s+time)\w*", 200, 60)
    return {"lead_time_days": lead.days if lead else None}


# ---------------------------------------------------------------------------- audit rights

_COST_WORDS = (
    r"\b(?:costs?|expenses?|fees?\s+of\s+(?:the|such)\s+audit|reimburse\w*|bear|pay\s+for)\b"
)
_THRESHOLD_BEFORE = (
    r"\b(?:exceed\w*|excess\s+of|more\s+than|greater\s+than|over|above|at\s+least|by|of|"
    r"underpa\w*|discrepanc\w*|understat\w*|shortfall|variance|error)\b[^.;%]{0,40}$"
)
_UPLIFT_BEFORE = (
    r"\b(?:plus|uplift|surcharge|premium|mark-?up|penalty|additional|increased\s+by)\b"
    r"[^.;%]{0,30}$"
)
_LIST_PRICE = (
    r"\blist\s+price|\bprice\s+list\b|\bthen[\s-]+current\s+(?:list\s+)?(?:price|fee|rate)"
    r"|\bpublished\s+price|\bstandard\s+(?:list\s+)?price"
)
_CONTRACT_PRICE = (
    r"\b(?:contract|contracted|discounted|agreed|negotiated)\s+(?:price|fee|rate)s?\b"
    r"|\bprices?\s+(?:set\s+forth|specified|stated)\s+in\s+(?:this|the)\s+(?:agreement|order)"
    r"|\b(?:less|minus|net\s+of)\b[^.;]{0,40}\bdiscount"
)
_BACK_MAINTENANCE = (
    r"\bback[\s-]+(?:maintenance|support)\b|\bback[\s-]?dated\s+(?:maintenance|support)\b"
    r"|\bretroactive\w*\s+(?:maintenance|support)\b"
    r"|\b(?:maintenance|support)\s+(?:and\s+support\s+)?(?:fees?|charges?)\b[^.;]{0,80}"
    r"\b(?:retroactive\w*|from\s+the\s+(?:date|commencement)\s+of\s+(?:first\s+|initial\s+)?"
    r"(?:use|deployment|installation))"
    r"|\b(?:maintenance|support)\s+(?:fees?|charges?)\b[^.;]{0,80}\bmonths?\s+"
    r"(?:preceding|prior\s+to|before)"
)


def _audit_percentages(text: str) -> tuple[int | float | None, int | float | None]:
    """(cost_shift_pct, uplift_pct): the shortfall threshold over which the audited party
    pays for the audit, and the surcharge on unlicensed use."""
    cost_shift = uplift = None
    for found in all_percentages(text):
        before = _left(text, found.start, 80)
        after = _right(text, found.end, 40)
        sentence = before + text[found.start : found.end] + _right(text, found.end, 200)
        if uplift is None and _has(before, _UPLIFT_BEFORE):
            uplift = found.value
        elif (
            cost_shift is None
            and found.value <= 50
            and _has(sentence, _COST_WORDS)
            and (_has(before, _THRESHOLD_BEFORE) or _has(after, r"^\s*or\s+more\b"))
        ):
            cost_shift = found.value
    return cost_shift, uplift


_SENTENCE_BREAK = re.compile(r"(?<=[.;])\s+(?=[A-Z(\d\"“])|\n\s*\n")
_AUDIT_WORD = re.compile(
    r"\b(?:audit|inspect|examin|review|verif)\w*|\baccess\s+to\b", re.IGNORECASE
)
# Adjectives that are no audit frequency: "annual reporting", "a monthly report",
# "quarterly reconciliation" (an "annual audit" stays).
_PERIODIC_ADJECTIVE = re.compile(
    r"\b(?:annual|quarterly|monthly|weekly|yearly)\s+"
    r"(?!(?:audit|inspection|review|examination|verification|compliance)s?\b)\w+",
    re.IGNORECASE,
)
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_IN_MONTH_OF_EACH_YEAR = re.compile(
    rf"\b(?:in|during)\s+(?:the\s+month\s+of\s+)?(?:{_MONTHS})\s+(?:of\s+)?(?:each|every)\s+"
    r"(?:calendar\s+)?year\b",
    re.IGNORECASE,
)


def _audit_sentences(text: str) -> str:
    """The sentences of `text` that speak of auditing or inspecting (all of it if none do):
    a section also holds payment terms ("monthly reports", "quarterly reconciliation",
    "30 days' notice of termination") that are not the audit's frequency or notice."""
    parts = [p for p in _SENTENCE_BREAK.split(text) if _AUDIT_WORD.search(p)]
    return " ".join(parts) if parts else text


def _audit_frequency(text: str) -> Frequency | None:
    audit = _PERIODIC_ADJECTIVE.sub(" ", _audit_sentences(text))
    if _IN_MONTH_OF_EACH_YEAR.search(audit):
        return Frequency(1, 12)
    return parse_frequency(audit)


def _audit_notice(text: str) -> int | float | None:
    text = _audit_sentences(text)
    days = _notice_days(text)
    if days is not None:
        return days
    if _has(
        text,
        r"\bwith\s+or\s+without\s+(?:any\s+)?(?:prior\s+|advance\s+)?notice"
        r"|\bwithout\s+(?:any\s+)?(?:prior\s+|advance\s+)?(?:written\s+)?notice"
        r"|\bno\s+(?:prior\s+|advance\s+)?notice\s+(?:is\s+|shall\s+be\s+)?required",
    ):
        return 0
    # "at any time" with no notice wording at all means no notice; "at any time upon
    # reasonable notice" states a (vague) notice, so it is not zero.
    # "available for inspection upon request at all reasonable times" states no period either.
    if _UNLIMITED_RE.search(text) and not _has(text, r"\bnotice\b|\bnotif|\brequest"):
        return 0
    return None


def _lookback_months(text: str) -> int | float | None:
    for found in all_durations(text):
        if found.value.unit not in ("month", "year"):
            continue
        before, after = _left(text, found.start, 40), text[found.end : found.end + 50]
        if _has(
            before,
            r"\b(?:preceding|previous|past|prior|last|look-?back|retroactive\w*)\s*"
            r"(?:period\s+of\s+)?$",
        ) or _has(
            after,
            r"^\s*(?:\)\s*)?(?:period\s+)?(?:immediately\s+)?(?:preceding|prior\s+to|"
            r"before)\s+(?:the\s+|such\s+|any\s+|each\s+)?(?:date\s+of\s+(?:the\s+)?)?"
            r"(?:audit|inspection|notice|request|examination|verification)",
        ):
            return found.value.months
    return None


@_extractor(
    "audit_rights",
    keys=(
        "notice_days", "max_per_year", "frequency_unlimited", "cost_shift_pct", "auditor",
        "self_certification", "remediation_pricing", "back_maintenance",
        "back_maintenance_months", "uplift_pct", "lookback_months",
    ),
)  # fmt: skip
def _audit_rights(text: str) -> dict[str, Any]:
    frequency = _audit_frequency(text)
    cost_shift, uplift = _audit_percentages(text)
    back = _has(text, _BACK_MAINTENANCE)
    back_months = None
    if back:
        back_months = _first(
            all_durations(text),
            lambda f: (
                f.value.unit in ("month", "year")
                and _near(text, f, r"back|retroactive|maintenance|support", 80, 60)
            ),
        )
    return {
        "notice_days": _audit_notice(text),
        "max_per_year": frequency.per_year if frequency and not frequency.unlimited else None,
        "frequency_unlimited": True if frequency and frequency.unlimited else None,
        "cost_shift_pct": cost_shift,
        "auditor": _auditor(text),
        "self_certification": _has(text, _SELF_CERTIFICATION),
        "remediation_pricing": _remediation_pricing(text),
        "back_maintenance": back,
        "back_maintenance_months": back_months.months if back_months else None,
        "uplift_pct": uplift,
        "lookback_months": _lookback_months(text),
    }


_INDEPENDENT_AUDITOR = (
    r"\bindependent\b[^.;]{0,40}\b(?:auditor|accountant|accounting\s+firm|third[\s-]part\w*|firm"
    r"|expert)|\bcertified\s+public\s+accountant|\bchartered\s+accountant|\bcpa\s+firm"
)
# People other than the auditing party's own: its representatives, designees, external
# auditors ("its own auditors" and "its independent auditors" are not among them).
_OTHER_AUDITORS = (
    r"\b(?:its|their|his|her|[\w&.-]{1,40}['’]s)\s+(?:(?:duly|authori[sz]ed|designated|external|"
    r"outside|respective|professional)\s+){0,3}(?:auditors?|accountants?|consultants?|advis[eo]rs?)"
    r"\b|\brepresentatives?\b|\bdesignees?\b|\bdirectly\s+or\s+(?:indirectly|through)\b"
    r"|\bexternal\s+(?:auditors?|accountants?|audit\s+(?:firms?|consultants?))"
    r"|\bthird[\s-]part(?:y|ies)\s+(?:auditors?|accountants?)"
)
_OWN_STAFF = (
    r"\bitself\b|\bthemselves\b|\b(?:its|their)\s+own\s+(?:personnel|employees|staff|auditors?|people)"
    r"\b|\binternal\s+audit\w*"
)
# The party holding the right audits ("X may audit", "the right to inspect", "permit X to
# examine", "available for X's inspection", "access to the records"); a self-audit is not one.
_RIGHT_TO_AUDIT = (
    r"\b(?:may|right|entitled|permit\w*|allow\w*|available\s+for|open\s+(?:for|to)|cause)\b"
    r"[^.;]{0,100}?\b(?<!self-)(?<!self\s)(?:audit|inspect|examin|review|verif|tour|visit)\w*"
    r"|\baccess\s+to\b[^.;]{0,60}\b(?:books|records|premises|facilit\w*|systems|accounts)\b"
    r"|\b(?:shall|will|may)\s+(?:use|conduct|perform|carry\s+out|undertake|make)\b[^.;]{0,80}"
    r"\b(?<!self-)(?<!self\s)audits?\b"
)


def _auditor(text: str) -> str | None:
    """Who audits: "independent" (an independent accountant or auditor), "either" (the party
    itself or others for it: its representatives, designees, external auditors, "itself or
    through an independent auditor"), or "self" (the party holding the right, with its own
    people; the guide's "licensor", whichever side holds it). None when the text grants no
    audit at all."""
    independent = _has(text, _INDEPENDENT_AUDITOR)
    others = _has(text, _OTHER_AUDITORS)
    own = _has(text, _OWN_STAFF)
    if independent:
        return "either" if own or others else "independent"
    if others:
        return "either"
    if own or _has(text, _RIGHT_TO_AUDIT):
        return "self"
    return None


_SELF_CERTIFICATION = (
    r"\bself[\s-]+(?:audit|assess|certif)\w*|\bcertify\b[^.;]{0,80}\b(?:compliance|"
    r"usage|use|deployment|number\s+of)"
)


def _remediation_pricing(text: str) -> str | None:
    if _has(text, _CONTRACT_PRICE):
        return "contract"
    if _has(text, _LIST_PRICE):
        return "list"
    return None


# ---------------------------------------------------------------------------- data


_PERSONAL_DATA_WORDS = (
    r"\bpersonal(?:ly)?\s+(?:data|information|identifiable)|\bpii\b|\bdata\s+subjects?\b"
    r"|\bgdpr\b|\bprotected\s+health\s+information\b"
)
_PERSONAL_DATA = _PERSONAL_DATA_WORDS
_CERTIFICATE = (
    r"\bcertif(?:y|ies|ied|icate|ication)\b|\bconfirm\w*\s+in\s+writing"
    r"|\bwritten\s+(?:confirmation|statement)\b"
    r"|\b(?:records?|evidence|proof|confirmation)\s+of\s+(?:all\s+|the\s+|such\s+|its\s+)?"
    r"(?:[\w-]+\s+){0,3}(?:destruction|deletion|erasure|disposal|sanitization|sanitisation)\b"
)
_ERASURE_KW = r"\b(?:delet|destr|eras|return|purg|sanitiz|sanitis|wip)\w*"
_HAND_BACK_KW = rf"{_ERASURE_KW}|\b(?:deliver|turn\w*\s+over|hand\w*\s+(?:over|back))\w*"
# Data of people or customers, not only "Confidential Information": personal data, customer
# or client data and records, a defined "<Name> Data" term, data the party processed or
# stored for the other, privacy or data-protection rules.
_PERSONAL_OR_CUSTOMER_DATA = re.compile(
    rf"{_PERSONAL_DATA_WORDS}"
    r"|\b(?:customer|client|consumer|subscriber|patient|end[\s-]?user|member|employee|"
    r"cardholder|account\s*holder)s?['’]?\s+(?:personal\s+)?(?:data|information|records|files)\b"
    r"|\bdata\b[^.;]{0,120}\b(?:processed|stored|hosted|collected)\b"
    r"|\bprivacy\b|\bdata[\s-]protection\b",
    re.IGNORECASE,
)
# "Customer Data", "AT&T Data", "BSP data": a capitalised name before "data" (case matters).
_NAMED_DATA = re.compile(
    r"\b(?!(?:Such|All|The|Any|This|That|These|Those|Other|Confidential|Technical|Financial|"
    r"Proprietary)\b)[A-Z][\w&'’-]{0,40}\s+(?:Data|data)\b"
)


def _names_personal_data(text: str) -> bool:
    """Does a sentence that returns, deletes or destroys something name personal or customer
    data? A definition of Confidential Information that lists personal information does
    not make a duty to return Confidential Information one about personal data."""
    for pattern in (_PERSONAL_OR_CUSTOMER_DATA, _NAMED_DATA):
        for match in pattern.finditer(text):
            sentence = _left(text, match.start(), 300) + " " + _right(text, match.end(), 300)
            if _has(sentence, _HAND_BACK_KW):
                return True
    return False


@_extractor("data_erasure", keys=("deadline_days", "certificate", "personal_data"))
def _data_erasure(text: str) -> dict[str, Any]:
    def score(found: Found[Duration]) -> int:
        left, right = _left(text, found.start, 120), _right(text, found.end, 80)
        if not _has(left + " " + _right(text, found.end, 250), _ERASURE_KW):
            return 0  # a cure period or a term in the same section is no erasure deadline
        points = 2
        if _has(left[-30:], r"\b(?:within|later\s+than|than|after|following|up\s+to)\s*$"):
            points += 1
        if _has(
            right,
            r"^\s*(?:\)\s*)?(?:after|following|of|from)\b[^.;]{0,40}"
            r"\b(?:termination|expiration|expiry|end|request|completion|cessation)",
        ):
            points += 1
        if _is_notice(text, found):
            points -= 3
        if _has(left[-50:], r"\bcertif\w*[^.;]{0,30}$"):
            points -= 2  # the time to certify, not to delete
        return points

    deadline = _best(((score(f), f) for f in all_durations(text)), minimum=2)
    return {
        "deadline_days": deadline.days if deadline else None,
        "certificate": _has(text, _CERTIFICATE),
        "personal_data": _names_personal_data(text),
    }


@_extractor("data_protection", keys=("personal_data",))
def _data_protection(text: str) -> dict[str, Any]:
    return {"personal_data": _has(text, _PERSONAL_DATA)}


@_extractor("breach_notification", keys=("deadline_hours",))
def _breach_notification(text: str) -> dict[str, Any]:
    def score(found: Found[Duration]) -> int:
        if found.value.unit not in ("minute", "hour", "day", "business_day"):
            return 0
        left = _left(text, found.start, 120)
        notify = r"\b(?:notif|inform|report|alert|advise)\w*"
        points = 2 if _near(text, found, notify, 120, 60) else 0
        if _has(left[-40:], r"\b(?:within|later\s+than|exceed\w*|event\s+within)\s*$"):
            points += 1
        return points

    deadline = _best(((score(f), f) for f in all_durations(text)), minimum=2)
    return {"deadline_hours": deadline.hours if deadline else None}


@_extractor("subprocessors", keys=("notice_days",))
def _subprocessors(text: str) -> dict[str, Any]:
    return {"notice_days": _notice_days(text)}


# ---------------------------------------------------------------------------- term and renewal

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


@_extractor("renewal_term", keys=("days", "auto_renew"))
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


@_extractor("notice_period_to_terminate_renewal", keys=("days",))
def _notice_period(text: str) -> dict[str, Any]:
    notice = _notice_to_terminate(text)
    return {"days": notice.days if notice else None}


@_extractor("termination_for_convenience", keys=("notice_days",))
def _termination_for_convenience(text: str) -> dict[str, Any]:
    notice = _notice_to_terminate(text)
    return {"notice_days": notice.days if notice else None}


@_extractor("termination", keys=("notice_days", "cure_days"))
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


@_extractor("expiration_date", keys=("term_months",))
def _expiration(text: str) -> dict[str, Any]:
    term = _first(
        all_durations(text),
        lambda f: (
            f.value.unit in ("month", "year")
            and _near(text, f, r"\bterm\b|\bcontinue\b|\bremain\b|\bexpire|\bperiod\b", 100, 60)
            and not _is_notice(text, f)
        ),
    )
    return {"term_months": term.months if term else None}


@_extractor("post_termination_services", keys=("period_months",))
def _post_termination(text: str) -> dict[str, Any]:
    period = _period_near(text, r"\b(?:terminat|expir)\w*", 100, 80)
    return {"period_months": period.months if period else None}


@_extractor("force_majeure", keys=("termination_days",))
def _force_majeure(text: str) -> dict[str, Any]:
    period = _period_near(text, r"\b(?:terminat|continu|exceed|persist|last)\w*", 100, 80)
    return {"termination_days": period.days if period else None}


def _restriction_duration(text: str) -> dict[str, Any]:
    period = _first(
        all_durations(text),
        lambda f: f.value.unit in ("month", "year") and not _is_notice(text, f),
    )
    return {"duration_months": period.months if period else None}


_extractor(
    "confidentiality",
    "non_compete",
    "no_solicit_of_customers",
    "no_solicit_of_employees",
    keys=("duration_months",),
)(_restriction_duration)


@_extractor("rofr_rofo_rofn", keys=("response_days",))
def _rofr(text: str) -> dict[str, Any]:
    window = _first(
        all_durations(text),
        lambda f: f.value.unit in ("day", "business_day", "week") and not _is_notice(text, f),
    )
    return {"response_days": window.days if window else None}


# ---------------------------------------------------------------------------- liability

_FEES = r"(?:fees|amounts?|charges|sums|price|prices|compensation|consideration|payments)"
_MULTIPLE_RE = re.compile(
    rf"(?P<n>{WORD_NUMBER}|\d+(?:\.\d+)?|twice|double|triple)\s*(?:\(\s*(?P<np>\d+(?:\.\d+)?)"
    rf"\s*\)\s*)?(?:times|x)\s+(?:the\s+)?(?:(?:total|aggregate|annual|amount\s+of(?:\s+the)?|"
    rf"applicable)\s+)*{_FEES}\b",
    re.IGNORECASE,
)
_FEES_CAP_RE = re.compile(
    rf"\b(?:exceed|limited\s+to|not\s+(?:to\s+)?exceed|greater\s+of|lesser\s+of|equal\s+to)\s+"
    rf"(?:\(\w\)\s+)?(?:the\s+)?(?:(?:total|aggregate|cumulative)\s+)?(?:amount\s+of\s+(?:the\s+)?)?"
    rf"(?:(?:license|licence|service|subscription|product|contract)\s+)?{_FEES}\b[^.;]{{0,40}}"
    r"\b(?:paid|payable|received|invoiced)",
    re.IGNORECASE,
)


def _fees_multiple(text: str) -> int | float | None:
    match = _MULTIPLE_RE.search(text)
    if match:
        word = match.group("n").lower()
        fixed = {"twice": 2, "double": 2, "triple": 3}
        if match.group("np"):
            return _tidy(float(match.group("np")))
        return fixed.get(word) or parse_number(word)
    for found in all_percentages(text):
        if _has(text[found.end : found.end + 40], rf"^\s*of\s+(?:the\s+)?(?:total\s+)?{_FEES}\b"):
            return _tidy(found.value / 100)
    return 1 if _FEES_CAP_RE.search(text) else None


def _months_of_fees(text: str) -> int | float | None:
    for found in all_durations(text):
        if found.value.unit not in ("month", "year", "week", "day"):
            continue
        left, right = _left(text, found.start, 160), text[found.end : found.end + 60]
        if not _has(left, rf"\b{_FEES}\b|\bpaid\b|\bpayable\b"):
            continue
        if _has(
            left[-40:],
            r"\b(?:preceding|prior|previous|last|first|during\s+the|in\s+the|"
            r"within\s+the|for\s+the|over\s+the)\s*(?:\w+\s+)?$",
        ) or _has(
            right, r"^\s*(?:\)\s*)?(?:period\s+)?(?:immediately\s+)?(?:preceding|prior|before)"
        ):
            return found.value.months
    if _has(
        text,
        rf"\b(?:preceding|prior|previous|last)\s+(?:calendar\s+|contract\s+)?year\b"
        rf"|\bannual\s+{_FEES}\b|\b{_FEES}\s+(?:paid\s+)?(?:for|in)\s+(?:one|a)\s+year\b",
    ):
        return 12
    return None


@_extractor(
    "cap_on_liability", "limitation_of_liability",
    keys=("amount", "currency", "fees_multiple", "months_of_fees"),
)  # fmt: skip
def _cap_on_liability(text: str) -> dict[str, Any]:
    money = _first(all_money(text), lambda m: not _near(text, m, r"insurance", 60, 30))
    return {
        "amount": money.amount if money else None,
        "currency": money.currency if money else None,
        "fees_multiple": _fees_multiple(text),
        "months_of_fees": _months_of_fees(text),
    }


@_extractor("insurance", keys=("amount", "currency"))
def _insurance(text: str) -> dict[str, Any]:
    money = parse_money(text)
    return {
        "amount": money.amount if money else None,
        "currency": money.currency if money else None,
    }


@_extractor("liquidated_damages", keys=("pct", "amount", "currency"))
def _liquidated_damages(text: str) -> dict[str, Any]:
    money = parse_money(text)
    return {
        "pct": parse_percentage(text),
        "amount": money.amount if money else None,
        "currency": money.currency if money else None,
    }


# ---------------------------------------------------------------------------- commercial

_INDEXES = (
    ("HICP", r"\bhicp\b|\bharmoni[sz]ed\s+index\s+of\s+consumer\s+prices\b"),
    ("RPI", r"\brpi\b|\bretail\s+prices?\s+index\b"),
    ("CPI", r"\bcpi(?:-u|-w)?\b|\bconsumer\s+price\s+index\b"),
    ("ECI", r"\bemployment\s+cost\s+index\b|\beci\b"),
)


def _price_cap(text: str) -> int | float | None:
    percentages = [p for p in all_percentages(text) if p.value <= 100]
    cap = _first(
        percentages,
        lambda p: _near(
            text,
            p,
            r"\b(?:increase|exceed|cap|adjust|more\s+than|maximum|up\s+to|"
            r"limit|plus)\w*",
            80,
            40,
        ),
    )
    return cap if cap is not None else _first(percentages, lambda p: True)


@_extractor("price_increase", keys=("cap_pct", "index"))
def _price_increase(text: str) -> dict[str, Any]:
    index = next((name for name, pattern in _INDEXES if _has(text, pattern)), None)
    return {"cap_pct": _price_cap(text), "index": index}


@_extractor("price_restrictions", keys=("cap_pct",))
def _price_restrictions(text: str) -> dict[str, Any]:
    return {"cap_pct": _price_cap(text)}


_NET_DAYS_RE = re.compile(
    rf"\bnet\s*[-/]?\s*{_number_pattern('n')}(?:\s*(?:calendar\s+)?days?)?\b", re.IGNORECASE
)


def _late_interest_pct(text: str) -> int | float | None:
    """Late-payment interest as an annual rate (a monthly rate is multiplied by 12)."""
    for found in all_percentages(text):
        if not _near(text, found, r"\binterest\b|\blate\b|\boverdue\b|\bpast\s+due\b", 100, 60):
            continue
        after = text[found.end : found.end + 30]
        if _has(after, r"^\s*(?:\)\s*)?(?:per|a|each|every)\s+month|^\s*monthly"):
            return _tidy(found.value * 12)
        return found.value
    return None


_PAY_ON_SIGNING = (
    r"\b(?:due|payable|paid)\s+(?:in\s+full\s+)?(?:up)?on\s+(?:the\s+)?(?:signing|signature|"
    r"execution|order|placement\s+of\s+(?:the|an?)\s+order)"
    r"|\b(?:payable|paid|due)\s+in\s+advance\b"
)


@_extractor("payment_terms", keys=("days", "late_interest_pct"))
def _payment_terms(text: str) -> dict[str, Any]:
    """`days` to pay; 0 when payment is due on signing, on order or in advance."""
    net = _NET_DAYS_RE.search(text)
    days = _number_value(net, "n") if net else None
    if days is None and _has(text, _PAY_ON_SIGNING):
        days = 0
    if days is None:
        due = _first(
            all_durations(text),
            lambda f: (
                f.value.unit in ("day", "business_day", "week", "month")
                and _near(
                    text, f, r"\b(?:pay|paid|payable|payment|due|invoice\w*|remit\w*)\b", 100, 60
                )
                and not _is_notice(text, f)
                and not _near(text, f, r"\binterest\b", 40, 10)
            ),
        )
        days = due.days if due else None
    return {"days": days, "late_interest_pct": _late_interest_pct(text)}


@_extractor("revenue_profit_sharing", keys=("share_pct",))
def _revenue_sharing(text: str) -> dict[str, Any]:
    return {"share_pct": parse_percentage(text)}


_METRICS = (
    ("named_user", r"\bnamed[\s-]+users?\b"),
    ("concurrent_user", r"\bconcurrent[\s-]+users?\b"),
    ("processor", r"\bper[\s-]+(?:processor|cpu)\b|\bprocessor[\s-]+licen[cs]\w*"),
    ("core", r"\bper[\s-]+core\b|\bcore[\s-]+(?:factor|licen[cs]\w*)"),
    ("pvu", r"\bprocessor\s+value\s+units?\b|\bpvus?\b"),
    ("device", r"\bper[\s-]+device\b|\bdevice[\s-]+licen[cs]\w*"),
    ("server", r"\bper[\s-]+server\b|\bserver[\s-]+licen[cs]\w*"),
    ("instance", r"\bper[\s-]+instance\b"),
    ("seat", r"\bper[\s-]+seat\b|\bseats?\b"),
    ("user", r"\bper[\s-]+user\b|\bauthori[sz]ed[\s-]+users?\b"),
    ("enterprise", r"\benterprise[\s-]+(?:wide|licen[cs]e|agreement)\b|\bsite[\s-]+licen[cs]e\b"),
)


@_extractor("license_metric", keys=("metric",))
def _license_metric(text: str) -> dict[str, Any]:
    return {"metric": next((name for name, pattern in _METRICS if _has(text, pattern)), None)}


# ---------------------------------------------------------------------------- general


@_extractor("governing_law", keys=("jurisdiction",))
def _governing_law(text: str) -> dict[str, Any]:
    return {"jurisdiction": parse_jurisdiction(text)}
