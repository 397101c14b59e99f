"""Numbers as contracts write them (words, digits, both) and percentages.

"thirty (30)" is 30 (the digits win when both are given, even the typo "sixty 90"); a
bare number is read only when the whole string is one (`parse_number`); percentages
("99.9%", "five percent (5%)", "ninety-nine point nine per cent") are found anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = [
    "DIGITS",
    "WORD_NUMBER",
    "Found",
    "all_percentages",
    "number_pattern",
    "number_value",
    "parse_number",
    "parse_percentage",
    "tidy",
    "words_to_number",
]


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Found(Generic[T]):
    """A parsed value with the character span of `text` it came from (for evidence)."""

    value: T
    start: int
    end: int


def tidy(x: float) -> int | float:
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


def words_to_number(words: str) -> int | None:
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
    return tidy(float(digits.replace(",", "")))


def number_pattern(tag: str) -> str:
    """A number as contracts write it, with named groups prefixed by `tag`.

    Words alone ("thirty"), digits alone ("30", "(30)"), or both ("thirty (30)",
    "30 (thirty)", even the typo "sixty 90"): `number_value` prefers the digits.
    """
    return (
        rf"(?:(?P<{tag}w>{WORD_NUMBER})(?:\s*\(\s*(?P<{tag}p>{DIGITS})\s*\)"
        rf"|\s+(?P<{tag}n>{DIGITS})(?![\d.,]))?"
        rf"|\(?\s*(?P<{tag}d>{DIGITS})\s*\)?(?:\s*\(\s*{WORD_NUMBER}\s*\))?)"
    )


def number_value(match: re.Match[str], tag: str) -> int | float | None:
    for group in (f"{tag}p", f"{tag}n", f"{tag}d"):
        if match.group(group):
            return _digits_to_number(match.group(group))
    words = match.group(f"{tag}w")
    return words_to_number(words) if words else None


_NUMBER_RE = re.compile(rf"^\s*{number_pattern('x')}\s*$", re.IGNORECASE)


def parse_number(text: str) -> int | float | None:
    """A whole string that is a number: "30", "thirty (30)", "one hundred twenty" -> value."""
    match = _NUMBER_RE.match(text)
    return number_value(match, "x") if match else None


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
    value = words_to_number(whole)
    if value is None:
        return None
    digits = "".join(str(_UNIT_WORDS[w]) for w in re.findall(r"[a-z]+", fraction))
    return value + float(f"0.{digits}") if digits else value


def _percent_value(match: re.Match[str]) -> int | float | None:
    for group in ("after", "wp", "d"):
        if match.group(group):
            return tidy(float(match.group(group).replace(",", ".")))
    value = _decimal_words(match.group("w"))
    return tidy(value) if value is not None else None


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
