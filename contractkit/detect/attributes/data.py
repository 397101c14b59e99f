"""Data: erasure at the end, data protection, breach notification, subprocessors,
confidentiality's duration."""

from __future__ import annotations

import re
from typing import Any

from contractkit.detect.attributes._common import (
    _best,
    _has,
    _is_notice,
    _left,
    _near,
    _notice_days,
    _restriction_period,
    _right,
)
from contractkit.detect.attributes._registry import extractor
from contractkit.detect.values import Duration, Found, all_durations

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


@extractor("data_erasure", keys=("deadline_days", "certificate", "personal_data"))
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


@extractor("data_protection", keys=("personal_data",))
def _data_protection(text: str) -> dict[str, Any]:
    return {"personal_data": _has(text, _PERSONAL_DATA)}


@extractor("breach_notification", keys=("deadline_hours",))
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


@extractor("subprocessors", keys=("notice_days",))
def _subprocessors(text: str) -> dict[str, Any]:
    return {"notice_days": _notice_days(text)}


@extractor("confidentiality", keys=("duration_months",))
def _confidentiality(text: str) -> dict[str, Any]:
    period = _restriction_period(text)
    return {"duration_months": period.months if period else None}
