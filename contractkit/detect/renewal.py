"""How the contract renews: automatically or not, for how long, how many times at most, on
how much notice (`renewal(...)`, read from the sentence that says the contract or its term
renews).
"""

from __future__ import annotations

import re

from contractkit.detect.key_date_records import PageOf, Renewal, one_line, sentence_span
from contractkit.detect.term_wording import (
    NOT_THE_CONTRACT,
    NOTICE_AFTER,
    TERM_SUBJECT,
    notice_duration,
)
from contractkit.detect.values import Duration, all_durations

__all__ = ["renewal"]

_RENEWS = re.compile(
    r"\b(?:renew\w*|extend\w*\s+(?:automatically|for)|automatic\w*\s+extend\w*|evergreen)\b",
    re.IGNORECASE,
)
_AUTO = re.compile(
    r"\bautomatic(?:al)?ly\b[^.;]{0,40}\b(?:renew|extend|continu)\w*|\b(?:renew|extend|continu)\w*"
    r"\s+(?:\w+\s+){0,2}automatic(?:al)?ly\b|\btacit\w*\b|\bevergreen\b|\bunless\b[^.;]{0,160}"
    r"\b(?:not\s+to\s+renew|non-?renewal|terminat\w*|intention\s+not)\b",
    re.IGNORECASE,
)
_MAX_RENEWALS = re.compile(
    r"\b(?:up\s+to|maximum\s+of|no\s+more\s+than|not\s+more\s+than|at\s+most)\s+(?P<n>one|two|three|"
    r"four|five|\d)\b(?:\s*\(\d\))?\s+(?:additional\s+|further\s+|successive\s+|consecutive\s+)*"
    r"(?:renewal|extension|term|period|time)",
    re.IGNORECASE,
)
_SMALL_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_RENEWS_ITSELF = re.compile(
    r"\b(?:agreement|contract|term|it)\b[^.;]{0,80}\b(?:renew|extend)\w*|\b(?:renew|extend)\w*\s+"
    r"(?:automatically|for)\b|\bevergreen\b",
    re.IGNORECASE,
)


def renewal(text: str, page_of: PageOf) -> Renewal | None:
    """How the contract renews, from the sentence that says the contract (or its term)
    renews — an automatic renewal preferred over an optional one, one that states its
    length over one that does not; None when no sentence says it renews."""
    best: tuple[int, int, int] | None = None
    last = -1
    for match in _RENEWS.finditer(text):
        if match.start() < last:
            continue
        s, e = sentence_span(text, match.start(), match.end())
        last = e
        sentence = text[s:e]
        if len(sentence) < 50 or NOT_THE_CONTRACT.search(sentence):
            continue  # a heading ("7. Term and Renewal"), or another thing's renewal
        if not TERM_SUBJECT.search(sentence) or not _RENEWS_ITSELF.search(sentence):
            continue
        points = 2 * bool(_AUTO.search(sentence)) + bool(_renewal_term(sentence))
        if best is None or points > best[0]:
            best = (points, s, e)
    if best is None:
        return None
    _, s, e = best
    sentence = text[s:e]
    term = _renewal_term(sentence)
    notice = notice_duration(sentence)
    if notice is None:
        following = text[e : e + 400]
        if re.search(r"\bnon-?renewal|\bnot\s+to\s+renew|\bintention\s+not", following, re.I):
            notice = notice_duration(following)
    cap = _MAX_RENEWALS.search(sentence)
    if cap:
        n = cap.group("n").lower()
        cap_n: int | None = int(n) if n.isdigit() else _SMALL_NUMBERS[n]
    else:
        cap_n = None
    return Renewal(
        auto_renew=bool(_AUTO.search(sentence)),
        term_months=_months(term) if term else None,
        max_renewals=cap_n,
        notice_days=notice.days if notice else None,
        text=one_line(sentence),
        page=page_of(s),
    )


def _renewal_term(sentence: str) -> Duration | None:
    for found in all_durations(sentence):
        before = sentence[max(0, found.start - 60) : found.start]
        if NOTICE_AFTER.search(sentence[found.end : found.end + 40]):
            continue
        if re.search(r"(?:renew|extend|success|additional|further|consecutive)", before, re.I):
            return found.value
    if re.search(r"\byear[\s-]+to[\s-]+year\b|\bannual", sentence, re.I):
        return Duration(1, "year")
    return None


def _months(duration: Duration) -> float:
    months = duration.months
    return int(months) if float(months).is_integer() else round(months, 2)
