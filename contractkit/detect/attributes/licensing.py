"""Licensing: audit rights (notice, frequency, cost shifting, auditor, remediation pricing,
back maintenance, look-back) and the licence metric."""

from __future__ import annotations

import re
from typing import Any

from contractkit.detect.attributes._common import _first, _has, _left, _near, _notice_days, _right
from contractkit.detect.attributes._registry import extractor
from contractkit.detect.values import Frequency, all_durations, all_percentages, parse_frequency
from contractkit.detect.values.durations import UNLIMITED_RE

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


# Not the shared splitters (segment.sentences, training_data, key_date_records): this one also
# cuts list items at ";" and keeps the stop, and the audit readings were fitted on its parts.
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
    if UNLIMITED_RE.search(text) and not _has(text, r"\bnotice\b|\bnotif|\brequest"):
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


@extractor(
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


@extractor("license_metric", keys=("metric",))
def _license_metric(text: str) -> dict[str, Any]:
    return {"metric": next((name for name, pattern in _METRICS if _has(text, pattern)), None)}
