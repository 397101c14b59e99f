"""Key dates of a contract: agreement, effective and expiration dates, and how it renews.

`extract_key_dates(text, page_of)` reads the contract's reading text (the date grammar of
`contractkit.detect.date_grammar` over it) and returns `KeyDates`: each date a `KeyDate`
with its ISO value (None when stated but not determinable, e.g. a blank "_____, 2019"),
the words it was read from, its page and how it was computed ("3 years from the effective
date 2021-11-12"). Expiration is a date written out ("shall expire on June 30, 2010"), one
computed from a term ("five (5) years from the Effective Date", "the fifth anniversary of
the Effective Date"), or 'perpetual' for a contract that runs until terminated. Nothing is
guessed: a term counted from an event the contract does not date ("from delivery") gives
an expiration whose value is None and whose basis says what is missing.

Term arithmetic follows CUAD's normalised answers and common reading: N years from a date
ends on the same day N years on (2021-11-12 + 3 years -> 2024-11-12), month ends clamped.
"""

from __future__ import annotations

import re
from datetime import date

from contractkit.detect.date_grammar import DateMention, all_dates
from contractkit.detect.key_date_records import (
    PERPETUAL,
    KeyDate,
    KeyDates,
    PageOf,
    Renewal,
    one_line,
    sentence_span,
)
from contractkit.detect.term_dates import expiration_date, renewal

__all__ = ["PERPETUAL", "KeyDate", "KeyDates", "Renewal", "extract_key_dates"]

PREAMBLE = 6000  # characters from the start in which the agreement date is looked for


# ---------------------------------------------------------------------------- agreement date

_ORDINAL_WORDS = (
    r"(?:twenty|thirty)?[\s-]?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|"
    r"nineteenth|twentieth|thirtieth)"
)
_MAKING = re.compile(
    r"(?:\bdated|\bas\s+of|\beffective\s+as\s+from|\bmade|\bentered(?:\s+into)?|\bexecuted|"
    r"\bconcluded|\bsigned|\bagreement\s+date\s*:?|\bdate\s+of\s+(?:this\s+)?(?:agreement|contract)"
    r"\s*:?|\bdated\s*:|\bdate\s*:)[\s,]{0,4}(?:(?:as\s+of|on|this|the|is|made|and|day|of|effective"
    r"(?:\s+as\s+of)?|for\s+reference|in\s+[A-Z][\w-]+|(?:into\s+)?effect|"
    + _ORDINAL_WORDS
    + r")[\s,]{1,4}){0,4}$",
    re.IGNORECASE,
)
_EFFECTIVE_LABEL = re.compile(r"\beffective\s+date\s*:\s*$", re.IGNORECASE)
_EFFECTIVE_ONLY = re.compile(r"\beffective\s*(?:as\s+of|from|on|date)?\s*:?\s*$", re.IGNORECASE)
# "This amendment to Section 2 of the Co-Branding Agreement is made effective <date>": the
# sentence's own verb comes after the other agreement's name, so the date is the sentence's
_MADE_NOW = r"(?![^.;]{0,50}\b(?:is|are)\s+(?:hereby\s+)?(?:made|entered|dated|executed)\b)"
# words just before a date that make it some other date: another agreement's, a deadline's
_ELSEWHERE = re.compile(
    r"\b(?:whereas|previously|original|existing|amended|that\s+certain)\b[^.;]{0,90}$|"
    r"\b(?:the|that|an?)\s+(?:[\w-]+\s+){0,6}(?:agreement|contract|license|lease|plan|letter)\b"
    r"[^.;]{0,50}\bdated\s+(?:as\s+of\s+)?$|"
    r"\b(?:to|under|of|with|by)\s+(?:the|that|a|an)\s+(?:[\w-]+\s+){0,6}(?:agreement|contract|"
    r"license|lease|plan|letter)\b"
    + _MADE_NOW
    + r"[^.;]{0,50}$|\b(?:terminat|expir|until|through|before|after|"
    r"prior\s+to|beginning|commenc\w*\s+(?:on|as)|in\s+effect|price\s+list|fiscal|ended|ending|"
    r"filed|registered|incorporated|paid|payable|install)[^.;]{0,25}$",
    re.IGNORECASE,
)
_DATED_LINE = re.compile(r"(?:^|\n)[ \t]{0,8}(?:dated|date)\b[ \t:]{0,4}(?:as\s+of\s+)?$", re.I)
_SIGNATURE = re.compile(
    r"\bin\s+witness\s+where\w*|\bsigned\b|\bexecut\w*|/s/|\\s\\|\bby\s*:|\bsignature\b",
    re.IGNORECASE,
)
_SIGNED_DATE = re.compile(
    r"(?:\bdate[d]?\s*:?|\b(?:signed|signatures?)\b[^.;]{0,80}\b(?:on|this|at\s+[\w ,]{1,40})|"
    r"\bexecut\w*\b[^.;]{0,60}\b(?:on|this)|/s/[^\n]{0,60}|\n[A-Z][\w /-]{1,30},|"
    # a signature ("/s/ Name", "\s\ Name") over a rule of dashes, the date under the rule
    r"(?:/s/|\\s\\)[^\n]{0,80}\n[ \t]{0,4}-[ \t-]{3,120})[\s,]{0,4}"
    r"(?:this\s+|the\s+)?$",
    re.IGNORECASE,
)


def _agreement_date(text: str, dates: list[DateMention]) -> tuple[DateMention, str, float] | None:
    """The date the contract is made or dated, in this order: at its head, a date the words
    before say it is made, dated or entered into ("made as of June 21, 1999", "entered into
    this 21st day of June, 1999"; a date that dates another agreement is skipped), a date on
    a line of its own ("Dated: ..."), an "is dated" sentence anywhere, the (latest) date
    it was signed."""
    head = [m for m in dates if m.start < PREAMBLE]
    making, own = [], []
    previous_end = 0
    for m in head:
        # what is said of the date before it ("the Supply Agreement dated April 1, 2017 is
        # entered into as of June 22, 2018"), not of the one before that
        before = text[max(previous_end, m.start - 90) : m.start]
        previous_end = m.end
        making_words = _MAKING.search(before)
        if making_words and _BARE_AS_OF.match(making_words.group()) and _RECORD_DATE.search(before):
            continue  # "depositors with Qualifying Deposits as of February 28, 2013": a record date
        if making_words and not _ELSEWHERE.search(before):
            making.append(m)
            if _THIS_CONTRACT.search(text, max(0, m.start - 200), m.start):
                own.append(m)  # "This Amendment ... is entered into on ...": its own date
    if own:
        s, e = sentence_span(text, own[0].start, own[0].end, 300)
        same = [m for m in own if s <= m.start < e]
        made = [m for m in same if not _EFFECTIVE_ONLY.search(text[m.start - 30 : m.start])]
        return (made or same)[0], "the date the contract is made or dated (preamble)", 0.9
    if making:
        # "effective as of X and made this Y": Y is when it was made
        s, e = sentence_span(text, making[0].start, making[0].end, 300)
        same = [m for m in making if s <= m.start < e]
        made = [m for m in same if not _EFFECTIVE_ONLY.search(text[m.start - 30 : m.start])]
        chosen = (made or same)[0]
        if _EFFECTIVE_LABEL.search(text, max(0, chosen.start - 30), chosen.start):
            # a form's "Effective Date: ..." field: when it takes effect; it was made when signed
            signed = _signature_date(text, dates)
            if signed is not None:
                return signed, "the date it was signed (the latest signature date)", 0.7
        return chosen, "the date the contract is made or dated (preamble)", 0.9
    for m in head:
        if m.start < 2500 and (
            _DATED_LINE.search(text, max(0, m.start - 30), m.start)
            or (
                _ALONE.match(text, m.end)
                and _LINE_START.search(text, max(0, m.start - 12), m.start)
            )
        ):
            return m, "the date at the head of the contract", 0.8
    for m in dates:
        before = text[max(0, m.start - 60) : m.start]
        if re.search(r"\b(?:agreement|contract)\s+is\s+dated\s+(?:as\s+of\s+)?$", before, re.I):
            return m, "the date the contract says it is dated", 0.85
    signed = _signature_date(text, dates)
    if signed is not None:
        return signed, "the date it was signed (the latest signature date)", 0.7
    return None


_BARE_AS_OF = re.compile(r"as\s+of\b", re.IGNORECASE)
# who holds what "as of" a date (an offering's eligibility record date), not when it is made
_RECORD_DATE = re.compile(
    r"\b(?:deposits?|depositors?|balances?|of\s+record|record\s+date|holders?|outstanding|owned|"
    r"eligib\w*)\b[^.;]{0,40}$",
    re.IGNORECASE,
)
_ALONE = re.compile(r"[ \t.]{0,4}(?:\n|$)")
_THIS_CONTRACT = re.compile(
    r"\bthis\s+(?:[\w-]+\s+){0,6}(?:agreement|amendment|contract|addendum)\b[^.;]{0,160}$",
    re.IGNORECASE,
)
_LINE_START = re.compile(r"(?:^|\n)[ \t]{0,8}$")


# a signature block's label under (or after) the date: "4/24/2018\nDate", "May 3, 2019 (Date)"
_DATE_LABEL_AFTER = re.compile(
    r"[ \t]{0,4}(?:\(dated?\)|(?:[ \t]{1,8}[\d/.-]{6,10})?[ \t]{0,4}\n[ \t]{0,4}dated?\b[ \t]{0,4}"
    r"(?:date\b[ \t]{0,4})?(?:\n|$))",
    re.IGNORECASE,
)
# the head of an appendix or exhibit: a signature block ends there
_ANNEX_HEADING = re.compile(
    r"\n[ \t]{0,8}(?:appendix|exhibit|schedule|annex|attachment)\s{1,3}[A-Z0-9][\w.-]{0,3}"
    r"[ \t]{0,4}\n",
    re.IGNORECASE,
)


# a date that names a defined term ("(the "AECI")") is in the body, not under a signature
_NAMES_A_TERM = re.compile(r"\s{0,3}\(\s{0,3}(?:the\s+)?[\"“”'][^\"“”'\n]{1,30}[\"“”']\s{0,3}\)")


def _signature_date(text: str, dates: list[DateMention]) -> DateMention | None:
    """The latest date next to the first signature block that dates signatures (the block
    ends 1500 characters on, or at an appendix's or exhibit's heading)."""
    found: list[DateMention] = []
    for m in dates:
        if not m.value:
            continue
        near = text[max(0, m.start - 300) : m.start]
        if _ELSEWHERE.search(near[-90:]) or _NAMES_A_TERM.match(text, m.end, m.end + 40):
            continue  # "executed by IBM on August 3, 2001 (the "AECI")": a date in the body
        if _SIGNATURE.search(near) and (
            _SIGNED_DATE.search(text, max(0, m.start - 120), m.start)
            or _DATE_LABEL_AFTER.match(text, m.end, m.end + 40)
        ):
            if found and (
                m.start - found[-1].start > 1500
                or _ANNEX_HEADING.search(text, found[-1].end, m.start)
            ):
                break
            found.append(m)
    return max(found, key=lambda m: m.value or date.min) if found else None


# ---------------------------------------------------------------------------- effective date

_EFFECTIVE_NAME = r"(?:effective\s+date|commencement\s+date|start\s+date)"
# "Effective Date" means / shall be / : DATE
_EFFECTIVE_MEANS = re.compile(
    rf"\b{_EFFECTIVE_NAME}\b[\"”’']?\)?(?:\s+(?:of|for|under)\s+(?:this|the)\s+[\w ]{{1,30}}?)?"
    r"\s{0,3}"
    r"(?:shall\s+)?(?:means?|is|be|shall\s+be|will\s+be)?\s{0,3}[:\-–]?\s{0,3}$",
    re.IGNORECASE,
)
# effective as of DATE / becomes effective on DATE / made effective DATE
_EFFECTIVE_AS_OF = re.compile(
    r"\beffective\s{1,3}(?:as\s+(?:of|from)\s+|on\s+|from\s+)?(?:the\s+)?$|\b(?:enter\w*\s+into\s+"
    r"force|take\s+effect)\s+(?:on|as\s+of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# this Agreement / the Term ... shall commence on DATE
_COMMENCES = re.compile(
    r"\b(?:agreement|contract|term|venture|services?)\b[^.;]{0,60}\b(?:commenc\w*|begin\w*|start\w*)"
    r"\s{1,3}(?:on\s+|as\s+of\s+|upon\s+|from\s+|effective\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
# (the "Effective Date") just after a date
_EFFECTIVE_DEFINED_AFTER = re.compile(
    rf"^[^.;\d]{{0,25}}\(\s{{0,3}}(?:such\s+date,?\s+)?(?:the|this|hereinafter)?"
    # "(6 Months from the Effective Date)" counts from it, it does not name the date
    rf"(?![\w ]{{0,20}}\b(?:from|after|before|following|since|prior)\b)[\w ]{{0,20}}"
    rf"[\"“”']?\s{{0,3}}"
    rf"{_EFFECTIVE_NAME}",
    re.IGNORECASE,
)
_SUBJECT = re.compile(r"\b(?:agreement|contract|amendment|addendum|term|hereof|this)\b", re.I)
_OTHER_AGREEMENT = re.compile(
    r"\b(?:whereas|previously|original|existing|amended|that\s+certain)\b[^.;]{0,90}$|"
    r"\b(?:the|that|an?)\s+(?:[\w-]+\s+){0,6}(?:agreement|contract|license|lease|plan|letter)\b"
    r"[^.;]{0,50}\bdated\s+(?:as\s+of\s+)?$|"
    r"\b(?:to|under|of|with|by)\s+(?:the|that|a|an)\s+(?:[\w-]+\s+){0,6}(?:agreement|contract|"
    r"license|lease|plan|letter)\b" + _MADE_NOW + r"[^.;]{0,50}$",
    re.IGNORECASE,
)
_NOT_OURS = re.compile(
    r"\b(?:original|previous\w*|which\s+was|supersed\w*|replac\w*|phase|amendment\s+to\s+the)\b"
    r"[^.;]{0,80}$",
    re.IGNORECASE,
)
_FROM_FIRST_WRITTEN = re.compile(
    rf"\b(?:{_EFFECTIVE_NAME}|effective|commenc\w*|begin\w*)\b[^.;]{{0,60}}\b(?:date\s+first\s+"
    r"(?:above\s+)?(?:set\s+forth|written|stated|mentioned)(?:\s+above)?|date\s+hereof|date\s+of\s+"
    r"this\s+(?:agreement|contract))|\b(?:date\s+first\s+(?:above\s+)?(?:set\s+forth|written|stated)"
    rf"(?:\s+above)?|date\s+hereof)[^.;]{{0,60}}\b(?:{_EFFECTIVE_NAME}|effective)",
    re.IGNORECASE,
)
_LAST_SIGNATURE = re.compile(
    rf"\b(?:{_EFFECTIVE_NAME}|effective)\b[^.;]{{0,80}}\b(?:(?:date\s+of\s+)?(?:the\s+)?(?:last|later|"
    r"latest)\s+(?:of\s+the\s+)?(?:two\s+)?(?:signature|date|party|signatory)|date\s+(?:on\s+which|when)"
    r"\s+(?:it|this\s+agreement)\s+(?:is|has\s+been)\s+(?:signed|executed)\s+by\s+(?:both|all))",
    re.IGNORECASE,
)


def _effective_date(
    text: str, dates: list[DateMention], agreement: KeyDate | None
) -> tuple[DateMention | None, str, float] | None:
    """The date the contract takes effect: a date defined as the Effective Date, one it
    says it is effective as of or commences on, the agreement date when it is effective as
    of "the date first written above", the last signature date when it is effective on the
    last signature; else (not stated) the agreement date."""
    later: tuple[DateMention, str, float] | None = None
    for i, m in enumerate(dates):
        next_start = dates[i + 1].start if i + 1 < len(dates) else len(text)
        before = text[max(0, m.start - 90) : m.start]
        after = text[m.end : min(next_start, m.end + 60)]
        if _NOT_OURS.search(before) or _OTHER_AGREEMENT.search(before):
            continue
        if _EFFECTIVE_DEFINED_AFTER.search(after) or _EFFECTIVE_MEANS.search(before[-70:]):
            return m, "defined as the Effective Date", 0.95
        if later is None and _EFFECTIVE_AS_OF.search(before[-40:]) and _SUBJECT.search(before):
            later = (m, "stated as the date the contract takes effect", 0.85)
        elif later is None and _COMMENCES.search(before):
            later = (m, "stated as the date the contract or its term commences", 0.8)
    if later:
        return later
    if _LAST_SIGNATURE.search(text):
        signed = _signature_date(text, dates)
        if signed is not None:
            return signed, "effective on the last signature: the latest signature date", 0.7
        return None, "effective on the last signature, which is not dated", 0.5
    return None


# ---------------------------------------------------------------------------- all


def _no_page(_offset: int) -> int | None:
    return None


def _key(mention: DateMention, text: str, page_of: PageOf, basis: str, score: float) -> KeyDate:
    s, e = sentence_span(text, mention.start, mention.end, 200)
    return KeyDate(mention.iso, one_line(text[s:e]), page_of(mention.start), basis, score)


def extract_key_dates(text: str, page_of: PageOf | None = None) -> KeyDates:
    """The key dates stated in a contract's reading text; `page_of(offset)` gives the page
    of a character (`Document.page_of`), None for text input."""
    page_of = page_of or _no_page
    dates = all_dates(text)
    found = _agreement_date(text, dates)
    agreement = _key(found[0], text, page_of, found[1], found[2]) if found else None
    effective = None
    eff = _effective_date(text, dates, agreement)
    if eff is not None and eff[0] is not None:
        effective = _key(eff[0], text, page_of, eff[1], eff[2])
    elif eff is not None:
        effective = KeyDate(None, "", None, eff[1], eff[2])
    elif agreement is not None and agreement.value:
        how = "as of the date first written above" if _FROM_FIRST_WRITTEN.search(text) else ""
        basis = (
            f"effective {how}: the agreement date"
            if how
            else ("no effective date stated: the agreement date")
        )
        effective = KeyDate(agreement.value, agreement.text, agreement.page, basis, 0.6)
    if agreement is None and effective is not None and effective.value and eff is not None:
        # no date it is made or signed, but one it takes effect on: CUAD's answers give that
        agreement = KeyDate(effective.value, effective.text, effective.page,
                            "no agreement date stated: the effective date", 0.6)  # fmt: skip
    expiration = expiration_date(text, dates, effective, agreement, page_of)
    return KeyDates(agreement, effective, expiration, renewal(text, page_of))
