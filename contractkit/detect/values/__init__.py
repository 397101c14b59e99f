"""Typed values in contract wording: numbers, durations, frequencies, percentages, money,
jurisdictions. Generic: no clause types here (the per-type readings are in
`contractkit.detect.attributes`).

Pure functions over strings (no spaCy), so they run anywhere and are cheap to test. The
parsers read contract wording as lawyers write it: numbers spelled out and repeated in
digits ("thirty (30) days" — the digits win when both are given), possessives ("ninety
days'"), hyphenated compounds ("six-month", "(5)-year"), European separators
("EUR 250.000,00"). They deliberately return nothing rather than guess: a bare number with no
unit or currency ("Section 30", "99 Main Street") is not an attribute. Each `all_*` returns
every value with its span (`Found`), each `parse_*` the first value.
"""

from __future__ import annotations

from contractkit.detect.values.durations import (
    Duration,
    Frequency,
    all_durations,
    parse_duration,
    parse_frequency,
)
from contractkit.detect.values.jurisdictions import (
    all_jurisdictions,
    canonical_jurisdiction,
    parse_jurisdiction,
)
from contractkit.detect.values.money import Money, all_money, parse_money
from contractkit.detect.values.numbers import (
    Found,
    all_percentages,
    parse_number,
    parse_percentage,
)

__all__ = [
    "Duration",
    "Found",
    "Frequency",
    "Money",
    "all_durations",
    "all_jurisdictions",
    "all_money",
    "all_percentages",
    "canonical_jurisdiction",
    "parse_duration",
    "parse_frequency",
    "parse_jurisdiction",
    "parse_money",
    "parse_number",
    "parse_percentage",
]
