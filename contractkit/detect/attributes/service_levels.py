"""Service levels: SLA (uptime, response and resolution times, service credits), support and
maintenance, business continuity (RTO, RPO)."""

from __future__ import annotations

import re
from typing import Any

from contractkit.detect.attributes._common import _first, _has, _left, _near, _right
from contractkit.detect.attributes._registry import extractor
from contractkit.detect.values import Duration, Found, all_durations, all_percentages
from contractkit.detect.values.numbers import tidy

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
        {"below_pct": tidy(float(m["below"])), "credit_pct": tidy(float(m["credit"]))}
        for m in _CREDIT_TIER.finditer(text)
    ]


@extractor("sla", keys=("uptime_pct", "response_hours", "resolution_hours", "service_credits"))
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


# ...and not as a topic the parties are still to agree on ("shall enter into negotiations for
# the purpose of reviewing ... the penalties that may be payable"): no money is promised yet.
_TO_BE_AGREED = re.compile(
    r"\bnegotiat\w*|\bdiscussions?\b|\bto\s+be\s+(?:agreed|negotiated|discussed)\b"
    r"|\bmutually\s+agree\w*",
    re.IGNORECASE,
)


def _credit_remedy(text: str) -> bool:
    return any(
        _has(_left(text, m.start(), 250) + " " + _right(text, m.end(), 150), _SHORTFALL)
        and not _TO_BE_AGREED.search(_left(text, m.start(), 400, semicolons=False))
        for m in _CREDIT_REMEDY.finditer(text)
    )


@extractor("support_maintenance", keys=("response_hours",))
def _support(text: str) -> dict[str, Any]:
    return {"response_hours": _response_hours(text)}


@extractor("business_continuity", keys=("rto_hours", "rpo_hours"))
def _continuity(text: str) -> dict[str, Any]:
    rto = r"\b(?:rto|recovery\s+time|restoration|time\s+to\s+(?:full\s+)?restor\w*)\b"
    rpo = r"\b(?:rpo|recovery\s+point|data\s+loss)\b"
    return {"rto_hours": _timed(text, rto, rpo), "rpo_hours": _timed(text, rpo, rto)}
