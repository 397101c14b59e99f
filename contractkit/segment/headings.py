"""Heading recognisers: does this line (or paragraph start) open a section, and how?

Each recogniser is a small function `Candidate -> HeadingMatch | None` for one style of
heading; `recognise()` tries them in order and returns the first match. A match says
what the number and title are, how deep the number itself nests (`1.1` is level 2), the
numbering family (`style`) the outline uses to find siblings, and a short `reason`
that says why it fired, so a wrong heading can be traced to the rule that made it.

Recognisers look at text (and at bold / font size when the line came from a PDF) but
not at context: whether a candidate line may open a block at all (e.g. it follows a
sentence end) is the outline's decision.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one string (keeps long word lists readable)."""
    return frozenset(text.split())


# Words that stay lower-case in a Title Case heading ("Limitation of Liability").
_MINOR_WORDS = word_set(
    "a an and as at but by for from in into of on or nor per the to upon under with "
    "within without its their vs via than during after before between against over "
    "through about among including"
)
# A title ending in one of these is a name ("Acme Corp."), not a heading.
_NAME_ENDINGS = re.compile(
    r"\b(?:inc|ltd|llc|l\.l\.c|corp|corporation|co|company|limited|plc|gmbh|n\.a|s\.a|"
    r"b\.v|n\.v|l\.p|lp|llp|ag|s\.a\.r\.l|pte)\.?$",
    re.IGNORECASE,
)
# Lines that open recitals or signatures: structural, but not section headings.
_NOT_HEADINGS = re.compile(
    r"^(?:between|and|among|by and between|whereas|now,? therefore|therefore|"
    r"in witness whereof|by|name|title|date|its|signature|attention|attn|address|"
    r"telephone|phone|fax|facsimile|e-?mail|tel|with a copy to|copy to)\b",
    re.IGNORECASE,
)
_HAS_WORD = re.compile(r"[A-Za-z]{2}")
_SEPARATORS = " \t.:-–—"

_ROMAN = r"(?:x{0,3}(?:ix|iv|v?i{0,3}))"
_ROMAN_UPPER = _ROMAN.upper()
_IS_ROMAN = re.compile(rf"^(?:{_ROMAN}|{_ROMAN_UPPER})$")
# Letters that are also Roman numerals: "(i)" is ninth letter or first numeral.
AMBIGUOUS_ROMAN = frozenset("ivxIVX")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A line that might be a heading, with its style when the line came from a PDF."""

    text: str
    bold: bool | None = None  # None: unknown (plain-text input)
    size_ratio: float | None = None  # font size / the document's body size
    followed_by_body: bool = True  # a body paragraph comes after this line


@dataclass(frozen=True, slots=True)
class HeadingMatch:
    """What a recogniser found at the start of a candidate."""

    kind: str  # part | article | section | item | heading
    number: str | None  # "12.2", "IV", "(a)", "A"; None for unnumbered headings
    title: str  # "" when the heading has no title
    level: int | None  # depth the number implies (1 for "1.", 2 for "1.1"); None: relative
    style: str  # numbering family: part, article, decimal, paren-lower, dot-roman, heading...
    reason: str
    heading: str  # the heading as written, whitespace folded: "12.2 Audit"
    body: int  # offset in the candidate text where the body starts; len(text) if none

    @property
    def token(self) -> str:
        """The enumerator without brackets or dots: "a" for "(a)", "IV" for "IV."."""
        return (self.number or "").strip("().")


Recogniser = Callable[[Candidate], "HeadingMatch | None"]


# -- text tests -----------------------------------------------------------------------

# Characters that PDFs use in place of ASCII punctuation. Rules match on text with these
# replaced one for one, so offsets stay the same: U+037E (Greek question mark) is
# canonically a semicolon and some PDF producers emit it for every ";".
_LOOKALIKES = str.maketrans({"\u037e": ";"})


def canonical(text: str) -> str:
    """`text` with look-alike punctuation replaced, character for character."""
    return text.translate(_LOOKALIKES)


def is_all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def is_title_case(text: str) -> bool:
    """Every word except minor ones starts upper-case ("Limitation of Liability")."""
    words = text.split()
    if not words:
        return False
    for i, word in enumerate(words):
        core = word.strip("\"'“”‘’([")
        if not core or not core[0].isalpha():
            continue  # "&", "2.1", "(a)"
        if core[0].isupper():
            continue
        if i == 0 or core.lower().rstrip(",;") not in _MINOR_WORDS:
            return False
    return True


_SENTENCE_BREAK = re.compile(r"[A-Za-z]{2}\.\s+\S")


def heading_shaped(text: str) -> bool:
    """Short, with words, not ending mid-sentence, not a party name or an address line."""
    words = text.split()
    return (
        0 < len(words) <= 12
        and len(text) <= 100
        and bool(_HAS_WORD.search(text))
        and text[-1] not in ",;"
        and words[-1].lower().strip("([\"“‘'") not in _MINOR_WORDS
        and " | " not in text  # a table row
        and not _SENTENCE_BREAK.search(text)  # "Limitation. IN NO EVENT SHALL": title + body
        and _balanced(text)
        and not _NAME_ENDINGS.search(text.rstrip(":"))
        and not _NOT_HEADINGS.match(text)
        and sum(c.isdigit() for c in text) <= len(text) // 3  # not a date or an amount
    )


def _balanced(text: str) -> bool:
    """Brackets and curly quotes open and close within the line: "Committee”" is the
    tail of a sentence, "AGREEMENT (the" the head of one."""
    return text.count("(") == text.count(")") and text.count("“") == text.count("”")


def looks_like_title(text: str) -> str | None:
    """Why `text` reads as a heading title (short, capitalised, not a sentence), or None."""
    text = text.strip()
    if not heading_shaped(text):
        return None
    if is_all_caps(text):
        return "all caps"
    if is_title_case(text.rstrip(".")) and not text.endswith(":"):
        return "title case"
    return None


def _fold(text: str) -> str:
    return " ".join(text.split())


# -- titles after a number -------------------------------------------------------------

# "Audit. The Vendor ..." / "Audit: The ..." / "Audit - The ...": a run-in title.
_RUN_IN = re.compile(r"(?P<title>[^.:!?\n]{1,80}?)(?:\.|:|\s[-–—]{1,2})\s+(?=[A-Z\"“‘'(\[*\d])")
# "DEFINITIONS As used ...": an all-caps title running straight into the body.
_CAPS_RUN = re.compile(r"(?P<title>[A-Z][A-Z0-9&,'’/\- ]*[A-Z])\s+(?=[A-Z][a-z])")


def split_title(rest: str, *, colon: bool = True) -> tuple[str, int, str]:
    """Split what follows a number into `(title, body_offset, reason)`.

    `rest` is title only ("Definitions"), run-in ("Audit. The Vendor may ..."), caps
    run-in ("DEFINITIONS As used herein") or body only ("The Vendor shall ...": no title).
    """
    stripped = rest.strip()
    if not stripped:
        return "", len(rest), "number only"
    lead = len(rest) - len(rest.lstrip(_SEPARATORS))
    rest_l = rest[lead:]
    if "\n" not in rest_l.strip() and (reason := looks_like_title(rest_l)):
        return _fold(rest_l).rstrip(".:"), len(rest), reason
    m = _RUN_IN.match(rest_l)
    if m and (colon or not m.group(0).rstrip().endswith(":")):
        title = m.group("title").strip()
        if (
            len(title.split()) <= 10
            and not _NAME_ENDINGS.search(title)
            and (is_title_case(title) or _sentence_case_title(title))
            and not _NOT_HEADINGS.match(title)
        ):
            return _fold(title), lead + m.end(), "run-in title"
    m = _CAPS_RUN.match(rest_l)
    if m and len(m.group("title").split()) <= 10 and is_all_caps(m.group("title")):
        return _fold(m.group("title")), lead + m.end(), "all-caps run-in title"
    return "", lead, "number with body"


# Words that make a phrase a sentence rather than a title.
_VERBS = word_set("shall will may must is are be was were has have agrees agree means includes")


def _sentence_case_title(title: str) -> bool:
    """A short sentence-case title after a number: "Limitation of liability."; not a
    short sentence ("Time is of the essence.")."""
    words = title.split()
    return (
        len(words) <= 6
        and title[0].isupper()
        and not any(w.lower() in _VERBS for w in words)
        and all(w.isalpha() or w in "&/-" for w in words)
    )


def _starts_body(rest: str, *, lower_ok: bool) -> bool:
    """The text after an enumerator starts like a heading or a clause, not mid-sentence."""
    s = rest.lstrip(_SEPARATORS)
    if not s or s[0] == "\n":
        return True
    if s[0].isalpha():
        return lower_ok or s[0].isupper()
    return s[0] in "\"“‘'([*_"


def _match(
    kind: str,
    number: str | None,
    rest_at: int,
    text: str,
    level: int | None,
    style: str,
    why: str,
    *,
    colon: bool = True,
) -> HeadingMatch:
    title, body, reason = split_title(text[rest_at:], colon=colon)
    head_end = rest_at + (body if title else 0)
    heading = _fold(text[:head_end]).rstrip(" .:-–—") if title else _fold(text[:rest_at])
    return HeadingMatch(
        kind=kind,
        number=number,
        title=title,
        level=level,
        style=style,
        reason=f"{why}; {reason}",
        heading=heading,
        body=rest_at + body,
    )


# -- recognisers ------------------------------------------------------------------------

_PART = re.compile(
    r"(?P<word>schedule|exhibit|annex|appendix|attachment|addendum)"
    r"(?:\s+(?P<num>[A-Z]{1,2}(?:-\d{1,3})?|\d{1,3}(?:[.\-]\d{1,3})*|[IVXLC]{1,6})"
    r"|\s*[\"“'‘](?P<qnum>[A-Z0-9]{1,3})[\"”'’])?(?=[\s.:\-–—]|$)",
    re.IGNORECASE,
)
PART_KINDS = {
    "schedule": "schedule",
    "annex": "schedule",
    "appendix": "schedule",
    "addendum": "schedule",
    "exhibit": "exhibit",
    "attachment": "exhibit",
}


def part(c: Candidate) -> HeadingMatch | None:
    """`Schedule 2`, `EXHIBIT A`, `Annex I – Service Levels`, `Appendix`: a part of the
    contract that stands alone on its line (a part named mid-sentence is a reference)."""
    m = _PART.match(c.text)
    if not m or not (m.group("word")[0].isupper()):
        return None
    rest = c.text[m.end() :]
    if not _starts_body(rest, lower_ok=False):
        return None
    match = _match("part", m.group("num") or m.group("qnum"), m.end(), c.text, 0, "part", "part")
    if match.body < len(c.text.rstrip()):
        return None  # "Exhibit A. The Vendor shall ..." is a sentence about an exhibit
    return match


_ARTICLE = re.compile(r"(?:ARTICLE|Article)\s+(?P<num>[IVXLC]{1,6}|\d{1,3}|[A-Z])\b\.?")


def article(c: Candidate) -> HeadingMatch | None:
    """`ARTICLE IV`, `Article 4 - Confidentiality`."""
    m = _ARTICLE.match(c.text)
    if not m or not _starts_body(c.text[m.end() :], lower_ok=False):
        return None
    return _match("article", m.group("num"), m.end(), c.text, 1, "article", "article")


_SECTION_WORD = re.compile(
    r"(?:SECTION|Section|SEC\.|Sec\.|§§?|CLAUSE|Clause)\s*"
    r"(?P<num>\d{1,3}(?:\.\d{1,3})*[A-Za-z]?(?:\([a-zA-Z0-9]{1,4}\))*)\.?(?=\s|$)"
)


def section_word(c: Candidate) -> HeadingMatch | None:
    """`Section 5`, `SECTION 5.2`, `§ 3`, `Clause 7` (not "Section 5 of this Agreement")."""
    m = _SECTION_WORD.match(c.text)
    if not m or not _starts_body(c.text[m.end() :], lower_ok=False):
        return None
    number = m.group("num")
    return _match("section", number, m.end(), c.text, _depth(number), "decimal", "section word")


_DECIMAL = re.compile(
    r"(?P<num>\d{1,3}(?:\.\d{1,3})*)(?P<sub>(?:\([a-zA-Z0-9]{1,4}\))*)(?P<punct>[.)]?)(?=\s|$)"
)


_ZERO_TAIL = re.compile(r"(?:\.0)+$")


def _depth(number: str) -> int:
    """How deep a number nests: "1.1" is 2, "12.2(a)" 3; "2.0" numbers section 2."""
    number = _ZERO_TAIL.sub("", number)
    return number.count(".") + 1 + number.count("(")


def decimal(c: Candidate) -> HeadingMatch | None:
    """`1.`, `1.1`, `1.1.1`, `12.2(a)`, `3)`; not "30 days", "1.5 million" or "10.5%"."""
    m = _DECIMAL.match(c.text)
    if not m:
        return None
    num, sub, punct = m.group("num", "sub", "punct")
    if "." not in num and not sub and not punct:
        return None  # "30 days after ..."
    if not _starts_body(c.text[m.end() :], lower_ok=bool(sub)):
        return None
    number = num + sub
    return _match("section", number, m.end(), c.text, _depth(number), "decimal", "decimal")


_PAREN = re.compile(r"\((?P<tok>[a-z]{1,2}|[A-Z]{1,2}|[ivxlc]{1,7}|[IVXLC]{1,7}|\d{1,2})\)(?=\s|$)")
_DOT = re.compile(r"(?P<tok>[a-zA-Z]|[ivx]{1,5}|[IVX]{1,5})(?P<punct>[.)])(?=\s)")


def enumerator_style(token: str, bracket: str) -> str:
    """Numbering family of an enumerator token: `paren-lower` for "(a)", `dot-ROMAN` for
    "IV."; letters that are also numerals ("i", "v", "x") count as numerals here."""
    if token.isdigit():
        family = "digit"
    elif _IS_ROMAN.match(token) and (len(token) > 1 or token in AMBIGUOUS_ROMAN):
        family = "roman" if token.islower() else "ROMAN"
    else:
        family = "lower" if token.islower() else "upper"
    return f"{bracket}-{family}"


def enumerated(c: Candidate) -> HeadingMatch | None:
    """`(a)`, `(i)`, `(A)`, `(1)`, `a.`, `A.`, `iv.`, `b)`: list items."""
    if m := _PAREN.match(c.text):
        if not c.text[m.end() :].strip():
            return None  # "(a)" alone is a stray label, not an item
        tok = m.group("tok")
        style = enumerator_style(tok, "paren")
        return _match("item", f"({tok})", m.end(), c.text, None, style, "enumerator", colon=False)
    m = _DOT.match(c.text)
    if not m or not _starts_body(c.text[m.end() :], lower_ok=False):
        return None
    tok = m.group("tok")
    style = enumerator_style(tok, "dot")
    return _match("item", tok + m.group("punct"), m.end(), c.text, None, style, "enumerator")


def run_in(c: Candidate) -> HeadingMatch | None:
    """`Audit Rights. Licensee shall ...`: a short Title Case phrase ending with a period,
    then the body on the same line."""
    m = _RUN_IN.match(c.text)
    if not m or not m.group(0).rstrip().endswith("."):
        return None
    title = m.group("title").strip()
    words = title.split()
    if (
        len(words) > 8
        or not is_title_case(title)
        or _NAME_ENDINGS.search(title)
        or _NOT_HEADINGS.match(title)
        or not _HAS_WORD.search(title)
        or (len(words) == 1 and len(title) <= 2)  # an initial: "J. Smith"
    ):
        return None
    if len(words) == 1 and not (c.bold or title.isupper() or len(title) > 3):
        return None
    return HeadingMatch(
        "heading", None, _fold(title), None, "heading", "run-in title", _fold(title), m.end()
    )


_WEAK_TITLE = re.compile(r"[,\d]")


def unnumbered(c: Candidate) -> HeadingMatch | None:
    """A short line in ALL CAPS, bold or a larger font, or in Title Case without a final
    period, with body text after it: "CONFIDENTIALITY", "Limitation of Liability"."""
    text = c.text.strip()
    if not c.followed_by_body or not heading_shaped(text):
        return None
    reason = looks_like_title(text)
    if reason == "title case" and (text.endswith(".") or _WEAK_TITLE.search(text)):
        return None  # "Termination." ends a sentence; "Austin, Texas 78701" is an address
    if reason == "title case" and c.bold is False and (c.size_ratio or 1) < 1.15:
        reason = None  # when the style is known, plain Title Case text is body text
    if not reason and c.bold:
        reason = "bold"
    elif not reason and (c.size_ratio or 0) >= 1.15:
        reason = "larger font"
    if not reason or not text[0].isupper():
        return None
    title = _fold(text).rstrip(".:")
    return HeadingMatch("heading", None, title, None, "heading", reason, title, len(c.text))


RECOGNISERS: tuple[Recogniser, ...] = (
    part,
    article,
    section_word,
    decimal,
    enumerated,
    run_in,
    unnumbered,
)


def recognise(
    candidate: Candidate, recognisers: Sequence[Recogniser] = RECOGNISERS
) -> HeadingMatch | None:
    """The first recogniser that fires on `candidate`, or None for body text."""
    for recogniser in recognisers:
        if match := recogniser(candidate):
            return match
    return None


# -- other line-start markers -------------------------------------------------------------

# `"Affiliate" means ...`, `“Term” shall have the meaning ...`, `"A", "B" and "C" have the
# meanings ...`, `“Affiliate” With respect to a Party, shall mean ...`.
_QUOTED = r"(?:\"[^\"\n]{1,80}\"|“[^”\n]{1,80}”|‘[^’\n]{1,80}’|'[^'\n]{1,80}')"
_DEFINITION = re.compile(
    rf"(?P<term>{_QUOTED})(?:\s*(?:,|and|or)\s*{_QUOTED})*(?:\s*:\s|[^.;:\n]{{0,120}}?"
    r"\b(?:shall\s+|will\s+)?(?:means?|ha(?:s|ve)\s+the\s+(?:respective\s+)?meanings?|"
    r"includes?|refers?\s+to|is\s+defined)\b)",
    re.IGNORECASE,
)


def definition_term(text: str) -> str | None:
    """The defined term when `text` starts a definition (`"Term" means ...`)."""
    m = _DEFINITION.match(text)
    return _fold(m.group("term")[1:-1]) if m else None


SIGNATURE_START = re.compile(r"in\s+witness\s+(?:where|of)", re.IGNORECASE)
SIGNATURE_FIELD = re.compile(
    r"(?:by|name|title|date|its|signature|print(?:ed)?\s+name|witness)\s*:|/s/",
    re.IGNORECASE,
)
RECITAL_START = re.compile(r"(?:whereas|now,?\s+therefore|recitals?\b|background\b)", re.I)
