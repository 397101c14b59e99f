"""The parties a contract introduces on its first page, by name and by defined short name.

A contract names its parties once, near the top — `Collectible Concepts Group, Inc., a
Pennsylvania corporation ("CCGI")` — and then calls them by the short name throughout. CUAD's
reviewers mark those names, so a sentence that mentions none of them is no span of the
`parties` type, however much it talks about "the parties". The detector discounts such
sentences (`unnamed_party_factor` in its config); these are the names it looks for.

A name is a run of capitalised words ending in a company form ("Inc.", "LLC", "GmbH",
"Corporation", …), or whatever follows "between", "and" or "(1)" up to the first comma when
a bracketed role follows (`between Jane Roe, an individual ("Consultant")`); its short name
is the quoted term in the first bracket after it, before the next name. A party named
neither way is not found: then the contract has fewer names to match, and with none the
detector discounts nothing. The review reads the counterparty from the same names
(`review.parties.counterparty`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

COMPANY_FORMS = (
    "Inc",
    "Incorporated",
    "Corp",
    "Corporation",
    "LLC",
    "L.L.C",
    "Ltd",
    "Limited",
    "LP",
    "L.P",
    "LLP",
    "PLC",
    "plc",
    "GmbH",
    "AG",
    "S.A",
    "SA",
    "N.V",
    "B.V",
    "S.p.A",
    "S.r.l",
    "S.L",
    "SAS",
    "SARL",
    "SE",
    "KG",
    "KGaA",
    "A/S",
    "ApS",
    "Oy",
    "AB",
    "Pty",
    "Pte",
    "PLLC",
    "P.C",
    "Co",
    "Company",
    "Holdings",
    "Partners",
    "Trust",
    "Bank",
)
_FORMS = "|".join(re.escape(form) for form in sorted(COMPANY_FORMS, key=len, reverse=True))
# one to six capitalised words (joined by "and", "of", "&", …), then a company form
_NAME = re.compile(
    r"((?:[A-Z][\w&'’.-]*,?[ \t]+(?:(?:and|of|&|de|la|the)[ \t]+)?){1,6}(?:" + _FORMS + r"))\b\.?"
)
# "between|and|(1)" NAME, description ("Role"): a name without a company form runs to its
# first comma
_INTRODUCED = re.compile(
    r"(?:\bbetween|\band|\(\d\))\s+(?P<name>[A-Z][^,()]{1,80}?)\s*,[^()]{0,300}?"
    r"\((?:the\s+)?[\"“'‘](?P<role>[A-Za-z ]{2,30})[\"”'’]\)"
)
# `("CCGI")`, `(the "Company")`, `(hereinafter referred to as "Licensee")`, `(each a "Party")`
_SHORT_NAME = re.compile(
    r"[(\[][^()\[\]]{0,40}?[\"“”']{1,2}([A-Z][\w&'’. -]{1,40}?)[\"“”']{1,2}[^()\[\]]{0,40}[)\]]"
)
# "a New York corporation", "an English company": what a party is, not its name
_DESCRIPTION = re.compile(r"\ban?\s+$", re.IGNORECASE)
_LINE_BREAK = re.compile(r"(?<!\n)\n(?!\n)")
_SHORT_NAME_REACH = 300  # characters after a name in which its bracketed short name stands


@dataclass(frozen=True, slots=True)
class PartyName:
    """A party as the front matter introduces it: its name, where the name stands (character
    offsets into the text), and the short names defined for it."""

    name: str
    start: int
    end: int
    short_names: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.short_names)


def party_names(text: str, front_matter_chars: int) -> list[PartyName]:
    """The parties named in the first `front_matter_chars` characters of `text`, each once
    (by its first mention)."""
    # a name may run over a line break inside a paragraph; a blank line ends it
    front = _LINE_BREAK.sub(" ", text[:front_matter_chars])
    found = [
        (m.start(1), m.end(), m.group(0).strip(" ,"))  # "Acme, Inc." with its full stop
        for m in _NAME.finditer(front)
        if len(m.group(1).strip(" ,")) > 2
        and not _DESCRIPTION.search(front, max(0, m.start(1) - 4), m.start(1))
    ]
    formed = [(start, end) for start, end, _ in found]
    for m in _INTRODUCED.finditer(front):  # a name with a company form is read as such
        start, end = m.span("name")
        if not any(a < end and start < b for a, b in formed):
            found.append((start, end, m["name"].strip()))
    found.sort()
    parties: dict[str, PartyName] = {}
    for index, (start, end, name) in enumerate(found):
        later = [s for s, _, _ in found[index + 1 :] if s >= end]
        reach = min(end + _SHORT_NAME_REACH, later[0] if later else len(front))
        # the first bracket after the name defines its short names; later ones, other terms
        bracket = _SHORT_NAME.search(front, end, reach)
        short = (bracket.group(1).strip(),) if bracket else ()
        if name not in parties:
            parties[name] = PartyName(name, start, start + len(name), short)
        elif short and not parties[name].short_names:
            parties[name] = PartyName(name, parties[name].start, parties[name].end, short)
    return list(parties.values())


def names_a_party(text: str, parties: list[PartyName]) -> str | None:
    """The first of the parties' names or short names that `text` mentions, None for none."""
    for party in parties:
        for name in party.names:
            if name in text:
                return name
    return None
