"""The contract's term: when it ends (a date, computed, or 'perpetual') and how it renews.

`expiration_date(...)` reads the sentences that speak of the contract's term ("The term of
this Agreement shall commence on the Effective Date and continue for three (3) years",
"shall expire on June 30, 2010", "until the fifth anniversary of the Launch Date",
"shall continue until terminated") and computes the end from the date the term runs from;
a term counted from an event the contract does not date ("twelve months after the
Launch") gives a value of None whose basis says so. `renewal(...)` (module `renewal`,
importable from here) reads how it renews: automatically or not, for how long, how many
times at most, on how much notice.

Arithmetic: N years or months from a date end on the same day N years or months on (the
reading of CUAD's normalised answers, and of "the third anniversary"), clamped to the
month's end (January 31 + 1 month = February 28, or 29 in a leap year).
"""

from __future__ import annotations

import bisect
import re
from datetime import date

from contractkit.detect.date_grammar import DateMention, add_days, add_months
from contractkit.detect.key_date_records import PERPETUAL, KeyDate, PageOf, one_line, sentence_span
from contractkit.detect.renewal import renewal
from contractkit.detect.term_wording import (
    NOT_THE_CONTRACT,
    NOTICE_AFTER,
    TERM_SUBJECT,
    notice_duration,
)
from contractkit.detect.values import Duration, all_durations

# how the contract renews is read in `renewal`, the shared wording in `term_wording`; both
# are importable from here too
__all__ = ["expiration_date", "notice_duration", "renewal"]


# "until the later of (i) December 15, 1999 or (ii) ...": CUAD's answers take the stated
# alternative (an end no earlier, or no later, than it), so the grammar reads through these
_EITHER_OF = (
    r"(?:(?:the\s+)?(?:later|earlier|longer|shorter)\s+(?:to\s+occur\s+)?of\s{0,3}(?:the\s+following\s*)?"
    r"[:\s]{0,3}(?:\(?[a-z0-9]{1,4}\)\s{0,3})?(?:the\s+)?)?"
)
_END_BEFORE = re.compile(
    r"(?:\buntil|\bthrough|\bthru|\b(?:from|commenc\w*|beginning)\b[^.;]{1,60}\bto|\bexpir\w*(?:\s+on)?|\bterminat\w*(?:\s+on)?|\bend(?:s|ing)?"
    r"(?:\s+on)?|\bconclud(?:es|ing)(?:\s+on)?|\bincluding|\bextended\s+(?:to|until)|\btill|[-–])\s{0,3}"
    r"(?:the\s+)?(?:close\s+of\s+business\s+on\s+|midnight\s+(?:on\s+)?)?"
    + _EITHER_OF
    + r"(?:\w+\s+)?$",
    re.IGNORECASE,
)
_START_BEFORE = re.compile(
    r"\b(?:commenc\w*|begin\w*|start\w*|effective|from|as\s+of|dated|made|take\s+effect|"
    r"enter\w*\s+into\s+force)\s{0,3}(?:on\s+|as\s+of\s+|upon\s+)?(?:the\s+)?"
    r"(?:(?:[\w-]+\s+){0,2}date\s+of\s+)?$",  # "to commence on the launch date of <date>"
    re.IGNORECASE,
)
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "fifteenth": 15, "twentieth": 20,
}  # fmt: skip
_CARDINALS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20,
}  # fmt: skip
_ANNIVERSARY = re.compile(
    r"\b(?:(?P<word>" + "|".join(_ORDINALS) + r")|(?P<num>\d{1,2})(?:st|nd|rd|th)|"
    r"(?P<card>" + "|".join(_CARDINALS) + r"|\d{1,2})(?=[\s(-]{1,3}(?:\(\d{1,2}\)[\s-]{1,3})?"
    r"years?[\s-]{1,3}anniversary)(?:[\s-]{1,3}\(\d{1,2}\))?[\s-]{1,3}years?)"
    r"(?:\s{0,2}\(\d{1,2}(?:st|nd|rd|th)?\))?[\s-]{1,3}anniversary\s+of\s+(?P<of>[^.;]{0,60})",
    re.IGNORECASE,
)
_FROM_EFFECTIVE = re.compile(r"\beffective\s+date\b|\bcommencement\s+date\b", re.IGNORECASE)
_FROM_AGREEMENT = re.compile(
    r"\bdate\s+(?:first\s+)?(?:above\s+)?(?:written|set\s+forth|stated)|\bdate\s+hereof|\bdate\s+of"
    r"\s+(?:this\s+)?(?:agreement|contract)|\bexecution|\bdate\s+above|\bsigning|\bhereof\b",
    re.IGNORECASE,
)
_TERM_LENGTH_BEFORE = re.compile(
    r"(?:\bterm\s+of|\bterm\s{0,2}:|\bperiod\s+of|\bfor|\bend(?:ing|s)?|\bexpire|\bterminate|\bbe|\bis|\bterm|\bremain\s+in\s+(?:full\s+)?(?:force|effect)"
    r"(?:\s+and\s+effect)?\s+for|\bduration\s+of|\bcontinu\w*(?:\s+thereafter)?\s+for|\buntil)\s{0,3}"
    r"(?:on\s+)?" + _EITHER_OF + r"(?:a\s+|an\s+|the\s+)?(?:(?:initial|fixed|minimum|further|firm|"
    r"original)\s+)?(?:(?:term|period)\s+of\s+)?$",
    re.IGNORECASE,
)
_RENEWAL_NEAR = re.compile(
    r"\b(?:renew\w*|success\w*|additional|subsequent|consecutive|further|extension|extend\w*)\b"
    r"(?![^.;]{0,30}\binitial\b)[^.;]{0,30}$",  # "shall extend for an initial term of": the term
    re.IGNORECASE,
)
_PERPETUAL = re.compile(
    r"\bperpetu\w*|\bindefinite(?:ly|\s+(?:period|term|duration))\b|\bevergreen\b|"
    r"\bno\s+(?:fixed\s+)?(?:expiration|end)\s+date\b|\bcontinue\w*\s+(?:in\s+(?:full\s+)?(?:force|"
    r"effect)\s+(?:and\s+effect\s+)?)?until\s+(?:(?:it\s+is|either\s+party|terminated|termination|"
    r"such\s+time|the\s+(?:agreement|contract)\s+is)\b)[^.;]{0,100}(?:terminat\w*)|\buntil\s+"
    r"(?:it\s+is\s+|so\s+)?terminated\b|\bunless\s+and\s+until\s+terminated\b|\buntil\s+(?:its\s+)?"
    r"termination\b(?!\s+date)",
    re.IGNORECASE,
)


def _other_thing(text: str, s: int, e: int) -> bool:
    """Whether the sentence text[s:e] speaks of another thing's term (a warranty's, a
    payment's). "The term of this Agreement ... until ... the delivery of ...": what the
    contract's own term waits for does not count; only the words before it can say so."""
    own = _OWN_TERM.match(text, s, min(e, s + 120))
    return bool(NOT_THE_CONTRACT.search(text, s, own.end() if own else min(e, s + 300)))


def _term_sentences(text: str) -> list[tuple[int, int]]:
    """The sentences that may state the contract's term, in order: those naming a term or
    the contract's duration, and the sentence after a short "Term." heading."""
    spans: list[tuple[int, int]] = []
    last = -1
    for match in TERM_SUBJECT.finditer(text):
        if match.start() < last:
            continue
        s, e = sentence_span(text, match.start(), match.end())
        last = e
        if _other_thing(text, s, e):
            continue
        spans.append((s, e))
        if text[s:e].rstrip().endswith(":"):  # "... until the earlier of: (a) ...; (b) ..."
            following = sentence_span(text, e + 1, e + 2)
            spans.append(following)
            last = following[1]
            continue
        if e - s < 60 and re.search(r"\bterm\b", text[s:e], re.I):  # a heading: what follows
            following = sentence_span(text, e + 1, e + 2)
            if not _other_thing(text, *following):
                spans.append(following)
                last = following[1]
    return spans


# a sentence that opens with the contract's own term as its subject
_OWN_TERM = re.compile(
    r"[\W\d]{0,12}(?:[a-z][.)]\s{1,3})?(?:the\s+)?(?:(?:initial\s+)?term\s+of\s+this\s+(?:[\w-]+\s+){0,3}"
    r"(?:agreement|contract)|this\s+(?:[\w-]+\s+){0,3}(?:agreement|contract))\b",
    re.IGNORECASE,
)
_RUNS_FROM = re.compile(
    r"\W{0,3}(?:\w+\s+){0,2}?(?:from|after|following|of|since|commencing\s+(?:on|from|with)|"
    r"beginning\s+(?:on|with))\s+(?:and\s+after\s+)?(?:the\s+)?(?P<x>[^.;,()]{1,60})",
    re.IGNORECASE,
)
_OWN_DATES = re.compile(
    r"(?:(?:initial\s+)?date\s+(?:first\s+)?(?:above\s+)?(?:written|set\s+forth|stated|hereof)|date\s+"
    r"above|hereof|execution|signing|date\s+of\s+(?:its\s+)?(?:execution|signing|signature)|(?:date\s+"
    r"of\s+)?this\s+(?:agreement|contract|document)|date\s+of\s+the\s+(?:agreement|contract)\b)",
    re.IGNORECASE,
)


def _within(dates: list[DateMention], start: int, end: int) -> list[DateMention]:
    """The mentions that start in text[start:end] (`dates` is in text order)."""
    lo = bisect.bisect_left(dates, start, key=lambda m: m.start)
    hi = bisect.bisect_left(dates, end, key=lambda m: m.start)
    return dates[lo:hi]


def _base(
    text: str,
    start: int,
    end: int,
    sentence: tuple[int, int],
    dates: list[DateMention],
    effective: KeyDate | None,
    agreement: KeyDate | None,
) -> tuple[date | None, str]:
    """The date a term (at text[start:end]) runs from, and the words for it: what it says it
    runs from ("from the Effective Date", "after the Launch": an event with no date gives
    None), a start stated in the sentence ("commencing on ..."), else the effective date."""
    s, e = sentence
    runs = _RUNS_FROM.match(text, end, min(e, end + 80))
    if runs:
        x = runs.group("x")
        at = runs.start("x")
        stated = next((m for m in _within(dates, at, runs.end("x")) if m.value), None)
        if stated is not None and stated.value is not None:
            return stated.value, f"from {stated.value.isoformat()} (stated)"
        if _FROM_EFFECTIVE.match(x) or re.match(r"(?:the\s+)?effective\s+date", x, re.I):
            if effective and effective.date:
                return effective.date, f"from the effective date {effective.value}"
            return None, "the effective date is not known"
        if _OWN_DATES.match(x):
            if agreement and agreement.date:
                return agreement.date, f"from the agreement date {agreement.value}"
            return None, "the agreement date is not known"
        event = re.match(  # "36 months after such Termination Election": an event, not a date
            r"such\s+(?!(?:date|day|period|term|effective|commencement|expir\w*|anniversary|"
            r"renewal|extension)\b)[A-Za-z]", x, re.I)  # fmt: skip
        if event or not re.match(
            r"(?:this|such|which|its|each|any|said)\b|(?:the\s+)?term\b", x, re.I
        ):
            return None, f"from {one_line(x)[:50].strip()}, a date the contract does not state"
    after = _within(dates, end, min(e, end + 120))  # "for 24 months to commence on <date>"
    for mention in [*after, *_within(dates, s, e)]:
        if mention.value:
            before = text[max(s, mention.start - 60) : mention.start]
            if _START_BEFORE.search(before):
                return mention.value, f"from {mention.value.isoformat()} (stated)"
    if effective and effective.date:
        return effective.date, f"from the effective date {effective.value}"
    if agreement and agreement.date:
        return agreement.date, f"from the agreement date {agreement.value} (no start stated)"
    return None, "the date it runs from is not stated"


def _plus(base: date, duration: Duration) -> date | None:
    if duration.unit == "year" and float(duration.value).is_integer():
        return add_months(base, int(duration.value) * 12)
    if duration.unit == "month" and float(duration.value).is_integer():
        return add_months(base, int(duration.value))
    if duration.unit in ("day", "week") and float(duration.days).is_integer():
        return add_days(base, int(duration.days))
    return None


_STRONG_TERM = re.compile(
    r"\b(?:(?:initial\s+)?term\s+of\s+this\s+(?:\w+\s+){0,3}(?:agreement|contract)|initial\s+term|"
    r"this\s+(?:[\w-]+\s+){0,4}(?:agreement|contract|amendment)\s+(?:\w+\s+){0,8}(?:commence|continue|"
    r"remain|expire|terminate|be\s+effective|become\s+effective|be\s+valid|be\s+in\s+(?:full\s+)?force)|"
    r"[\"“]term[\"”]|the\s+term\s+(?:shall|will|is|hereof)|^[\W\d]{0,10}term\b|\bterm\s+(?:shall\s+)?means?\b)",
    re.IGNORECASE,
)
_AFTER_TERM = re.compile(
    r"^\W{0,3}(?:\w+\s+){0,2}(?:thereafter|after\s+(?:the\s+|its\s+|such\s+)?(?:termination|expir)|"
    r"following\s+(?:the\s+|its\s+|any\s+)?(?:termination|expir)|from\s+(?:the\s+)?(?:termination|"
    r"expir))",
    re.IGNORECASE,
)
_ENDS = re.compile(r"\b(?:end|expir|terminat)\w*\s*$", re.IGNORECASE)
_DURING_TERM = re.compile(r"\b(?:during|throughout)\s+the\s+term\b", re.IGNORECASE)


_EXPIRY_DEFINED = re.compile(
    r"\b(?:expiration|expiry|termination)\s+date\b[\"”’']?\)?\s{0,3}(?:shall\s+)?(?:means?|is|be|:)?\s{0,3}[:\-–]?"
    r"\s{0,3}$",
    re.IGNORECASE,
)
_RANGE = re.compile(r"^\s{0,3}(?:to|through|thru|until|-|–)\s{0,3}(?:and\s+including\s+)?$", re.I)


def expiration_date(
    text: str,
    dates: list[DateMention],
    effective: KeyDate | None,
    agreement: KeyDate | None,
    page_of: PageOf,
) -> KeyDate | None:
    """The best reading among the sentences that speak of the contract's term: its first
    stated end (a date, an anniversary, a length), a sentence naming the contract's own
    term winning over one that merely mentions a term; 'perpetual' only when no sentence
    gives an end."""
    for mention in dates:
        if _EXPIRY_DEFINED.search(text, max(0, mention.start - 60), mention.start):
            s, e = sentence_span(text, mention.start, mention.end, 200)
            words, page = one_line(text[s:e]), page_of(s)
            if mention.value is None:
                return KeyDate(None, words, page, "check: the expiration date is left blank", 0.5)
            return KeyDate(mention.value.isoformat(), words, page, "defined as the Expiration Date",
                           0.9)  # fmt: skip
    best: tuple[int, int, KeyDate] | None = None
    perpetual: tuple[int, int] | None = None
    for s, e in _term_sentences(text):
        strength = 2 if _STRONG_TERM.search(text, s, e) else 0
        if _DURING_TERM.search(text, s, min(e, s + 60)):
            strength -= 1
        found = _end_in(text, (s, e), dates, effective, agreement, page_of)
        if found is not None:
            rank = strength + (found.basis.startswith("stated") and found.value is not None)
            if best is None or rank > best[0]:
                best = (rank, s, found)
        elif perpetual is None and _PERPETUAL.search(text, s, e) and strength > 0:
            perpetual = (s, e)
    if best is not None and (best[0] > 0 or perpetual is None):
        return best[2]
    if perpetual:
        s, e = perpetual
        words = one_line(text[s:e])
        return KeyDate(PERPETUAL, words, page_of(s), "runs until terminated (no end date)", 0.7)
    return best[2] if best else None


def _end_in(
    text: str,
    sentence: tuple[int, int],
    dates: list[DateMention],
    effective: KeyDate | None,
    agreement: KeyDate | None,
    page_of: PageOf,
) -> KeyDate | None:
    """The end of term the sentence states: a date written out ("shall expire on June 30,
    2010") first, else the first of an anniversary or a length ("five (5) years from the
    Effective Date"), computed from the date it runs from; None when it states none."""
    s, e = sentence
    words, page = one_line(text[s:e]), page_of(s)
    inside = _within(dates, s, e)
    for previous, mention in zip([None, *inside], inside, strict=False):
        before = text[max(s, mention.start - 50) : mention.start]
        # "November 01, 2014 to October 31, 2017"
        ranged = previous is not None and bool(_RANGE.match(text[previous.end : mention.start]))
        if ranged or (_END_BEFORE.search(before) and not _START_BEFORE.search(before)):
            if mention.value is None:
                return KeyDate(None, words, page, "check: the end date is left blank", 0.5)
            how = f"stated: {one_line(mention.text)}"
            return KeyDate(mention.value.isoformat(), words, page, how, 0.9)
    found = [x for x in (_anniversary(text, sentence, dates, effective, agreement),
                         _length(text, sentence, dates, effective, agreement)) if x]  # fmt: skip
    if not found:
        return None
    _, value, how, score = min(found, key=lambda x: x[0])
    return KeyDate(value, words, page, how, score)


Reading = tuple[int, "str | None", str, float]  # (offset, value, basis, score)


def _anniversary(
    text: str,
    sentence: tuple[int, int],
    dates: list[DateMention],
    effective: KeyDate | None,
    agreement: KeyDate | None,
) -> Reading | None:
    s, e = sentence
    match = _ANNIVERSARY.search(text, s, e)
    if not match:
        return None
    card = (match.group("card") or "").lower()
    n = (
        _ORDINALS.get((match.group("word") or "").lower())
        or int(match.group("num") or 0)
        or (int(card) if card.isdigit() else _CARDINALS.get(card, 0))
    )
    of = match.group("of")
    if _FROM_AGREEMENT.search(of) and agreement and agreement.date:
        base, how = agreement.date, f"from the agreement date {agreement.value}"
    elif _FROM_EFFECTIVE.search(of) and not re.search(r"\w+\s+agreement\s+effective", of, re.I):
        known = effective is not None and effective.date is not None
        base = effective.date if effective and known else None
        how = (
            f"from the effective date {effective.value}"
            if effective and known
            else ("the effective date is not known")
        )
    else:
        base, how = _base(text, *match.span(), sentence, dates, effective, agreement)
    if re.search(
        r"last\s+day\s+of\s+the\s+month", text[max(s, match.start() - 60) : match.start()]
    ):
        base, how = None, "the end of the month of the anniversary"
    if n and base:
        return match.start(), add_months(base, 12 * n).isoformat(), f"anniversary {n} {how}", 0.8
    return match.start(), None, f"check: anniversary {n}, {how}", 0.5


def _length(
    text: str,
    sentence: tuple[int, int],
    dates: list[DateMention],
    effective: KeyDate | None,
    agreement: KeyDate | None,
) -> Reading | None:
    s, e = sentence
    lengths = []
    for found in all_durations(text[s:e]):
        if found.value.unit not in ("year", "month"):
            continue
        start, end = s + found.start, s + found.end
        before = text[max(s, start - 60) : start]
        if _RENEWAL_NEAR.search(before[-40:]) or not _TERM_LENGTH_BEFORE.search(before):
            continue
        if re.search(r"(?i)\bwithin\s+(?:a\s+period\s+of\s+)?$", before):
            continue  # "within a period of five months": a time to act, not the term
        after = text[end : min(e, end + 60)]
        if NOTICE_AFTER.search(after) or (_AFTER_TERM.match(after) and not _ENDS.search(before)):
            continue  # "for two years thereafter": what outlives the term, not the term
        lengths.append((found, start, end, bool(_NAMES_TERM.search(before))))
    if lengths:
        # "The production period shall be for two months ..., and the term of this
        # Agreement shall be for twenty-four months": the length said of the term
        found, start, end, _ = next((x for x in lengths if x[3]), lengths[0])
        base, how = _base(text, start, end, sentence, dates, effective, agreement)
        stop = _plus(base, found.value) if base else None
        if stop is None:
            return start, None, f"check: {found.value} {how}", 0.5
        return start, stop.isoformat(), f"{found.value} {how}", 0.75
    return None


_NAMES_TERM = re.compile(r"\bterm\b[^.;,]{0,50}$", re.IGNORECASE)
