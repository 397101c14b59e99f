"""Commercial terms: price increases and their cap or index, payment terms and late interest,
revenue sharing."""

from __future__ import annotations

import re
from typing import Any

from contractkit.detect.attributes._common import _first, _has, _is_notice, _near
from contractkit.detect.attributes._registry import extractor
from contractkit.detect.values import all_durations, all_percentages, parse_percentage
from contractkit.detect.values.numbers import number_pattern, number_value, tidy

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


@extractor("price_increase", keys=("cap_pct", "index"))
def _price_increase(text: str) -> dict[str, Any]:
    index = next((name for name, pattern in _INDEXES if _has(text, pattern)), None)
    return {"cap_pct": _price_cap(text), "index": index}


@extractor("price_restrictions", keys=("cap_pct",))
def _price_restrictions(text: str) -> dict[str, Any]:
    return {"cap_pct": _price_cap(text)}


_NET_DAYS_RE = re.compile(
    rf"\bnet\s*[-/]?\s*{number_pattern('n')}(?:\s*(?:calendar\s+)?days?)?\b", re.IGNORECASE
)


def _late_interest_pct(text: str) -> int | float | None:
    """Late-payment interest as an annual rate (a monthly rate is multiplied by 12)."""
    for found in all_percentages(text):
        if not _near(text, found, r"\binterest\b|\blate\b|\boverdue\b|\bpast\s+due\b", 100, 60):
            continue
        after = text[found.end : found.end + 30]
        if _has(after, r"^\s*(?:\)\s*)?(?:per|a|each|every)\s+month|^\s*monthly"):
            return tidy(found.value * 12)
        return found.value
    return None


_PAY_ON_SIGNING = (
    r"\b(?:due|payable|paid)\s+(?:in\s+full\s+)?(?:up)?on\s+(?:the\s+)?(?:signing|signature|"
    r"execution|order|placement\s+of\s+(?:the|an?)\s+order)"
    r"|\b(?:payable|paid|due)\s+in\s+advance\b"
)


@extractor("payment_terms", keys=("days", "late_interest_pct"))
def _payment_terms(text: str) -> dict[str, Any]:
    """`days` to pay; 0 when payment is due on signing, on order or in advance."""
    net = _NET_DAYS_RE.search(text)
    days = number_value(net, "n") if net else None
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


@extractor("revenue_profit_sharing", keys=("share_pct",))
def _revenue_sharing(text: str) -> dict[str, Any]:
    return {"share_pct": parse_percentage(text)}
