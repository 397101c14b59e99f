"""Liability: caps (amount, multiple of fees, months of fees), insurance, liquidated damages."""

from __future__ import annotations

import re
from typing import Any

from contractkit.detect.attributes._common import _first, _has, _left, _near
from contractkit.detect.attributes._registry import extractor
from contractkit.detect.values import (
    all_durations,
    all_money,
    all_percentages,
    parse_money,
    parse_number,
    parse_percentage,
)
from contractkit.detect.values.numbers import WORD_NUMBER, tidy

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
            return tidy(float(match.group("np")))
        return fixed.get(word) or parse_number(word)
    for found in all_percentages(text):
        if _has(text[found.end : found.end + 40], rf"^\s*of\s+(?:the\s+)?(?:total\s+)?{_FEES}\b"):
            return tidy(found.value / 100)
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


@extractor(
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


@extractor("insurance", keys=("amount", "currency"))
def _insurance(text: str) -> dict[str, Any]:
    money = parse_money(text)
    return {
        "amount": money.amount if money else None,
        "currency": money.currency if money else None,
    }


@extractor("liquidated_damages", keys=("pct", "amount", "currency"))
def _liquidated_damages(text: str) -> dict[str, Any]:
    money = parse_money(text)
    return {
        "pct": parse_percentage(text),
        "amount": money.amount if money else None,
        "currency": money.currency if money else None,
    }
