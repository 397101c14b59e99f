"""Jurisdictions named in a clause (US states, Canadian provinces, Australian states, UK
parts, countries, their aliases, "English law") and the governing-law reading."""

from __future__ import annotations

import re

from contractkit.detect.values.numbers import Found

__all__ = ["all_jurisdictions", "canonical_jurisdiction", "parse_jurisdiction"]


_US_STATES = (
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
    "Delaware", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa",
    "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan",
    "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire",
    "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio",
    "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota",
    "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington", "West Virginia",
    "Wisconsin", "Wyoming", "District of Columbia",
)  # fmt: skip
_CA_PROVINCES = (
    "Ontario", "Quebec", "British Columbia", "Alberta", "Manitoba", "Saskatchewan",
    "Nova Scotia", "New Brunswick", "Newfoundland and Labrador", "Prince Edward Island",
)  # fmt: skip
_AU_STATES = (
    "New South Wales", "Victoria", "Queensland", "Western Australia", "South Australia",
    "Tasmania",
)  # fmt: skip
_UK_PARTS = ("England and Wales", "England", "Wales", "Scotland", "Northern Ireland")
_COUNTRIES = (
    "Canada", "Australia", "New Zealand", "Singapore", "Japan", "India", "Israel", "France",
    "Switzerland", "Spain", "Italy", "Sweden", "Norway", "Denmark", "Finland", "Belgium",
    "Austria", "Luxembourg", "Poland", "Portugal", "Greece", "Cyprus", "Malta", "Iceland",
    "Estonia", "Latvia", "Lithuania", "Hungary", "Romania", "Bulgaria", "Slovakia", "Slovenia",
    "Croatia", "Turkey", "Brazil", "Mexico", "Argentina", "Chile", "Colombia", "Philippines",
    "Malaysia", "Thailand", "Indonesia", "Vietnam", "Bermuda", "Cayman Islands",
    "British Virgin Islands", "Guernsey", "Liechtenstein", "Monaco", "Papua New Guinea",
    "Kazakhstan",
)  # fmt: skip
# Canonical name -> extra aliases (lowercase regex fragments); every canonical name is also
# its own alias.
_JURISDICTION_ALIASES: dict[str, tuple[str, ...]] = {
    "England and Wales": (r"england\s*&\s*wales",),
    "United Kingdom": (r"u\.k\.", r"uk"),
    "United States": (r"united\s+states\s+of\s+america", r"u\.s\.a\.", r"usa", r"u\.s\."),
    "District of Columbia": (r"washington,?\s+d\.?\s?c\.?",),
    "People's Republic of China": (
        r"people[’']?s\s+republic\s+of\s+china",
        r"p\.r\.c\.",
        r"prc",
        r"mainland\s+china",
        r"china",
    ),
    "Taiwan": (r"r\.o\.c\.", r"republic\s+of\s+china"),
    "Hong Kong": (r"hong\s+kong\s+s\.?a\.?r\.?",),
    "Germany": (r"federal\s+republic\s+of\s+germany",),
    "Netherlands": (r"the\s+netherlands", r"holland"),
    "Ireland": (r"republic\s+of\s+ireland",),
    "South Korea": (r"republic\s+of\s+korea", r"korea"),
    "South Africa": (r"republic\s+of\s+south\s+africa",),
    "Russia": (r"russian\s+federation",),
    "United Arab Emirates": (r"u\.a\.e\.", r"uae"),
    "Czech Republic": (r"czechia",),
}
# Adjectives count only when followed by "law" ("Swiss law", "English law").
_ADJECTIVES = {
    "english": "England and Wales", "scots": "Scotland", "scottish": "Scotland",
    "german": "Germany", "french": "France", "swiss": "Switzerland", "dutch": "Netherlands",
    "irish": "Ireland", "israeli": "Israel", "chinese": "People's Republic of China",
    "japanese": "Japan", "spanish": "Spain", "italian": "Italy", "swedish": "Sweden",
    "austrian": "Austria", "belgian": "Belgium", "danish": "Denmark", "finnish": "Finland",
    "norwegian": "Norway", "canadian": "Canada", "australian": "Australia",
}  # fmt: skip
# A federation named first yields to one of its members named in the same clause.
_FEDERATIONS = {
    "United States": frozenset(_US_STATES),
    "Canada": frozenset(_CA_PROVINCES),
    "Australia": frozenset(_AU_STATES),
    "United Kingdom": frozenset(_UK_PARTS),
}


def _name_pattern(name: str) -> str:
    return re.escape(name.lower()).replace(r"\ ", r"\s+")


def _build_gazetteer() -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex over every alias (group name -> canonical name)."""
    aliases: dict[str, str] = {}
    for name in (*_US_STATES, *_CA_PROVINCES, *_AU_STATES, *_UK_PARTS, *_COUNTRIES):
        aliases[_name_pattern(name)] = name
    for canonical, extra in _JURISDICTION_ALIASES.items():
        aliases[_name_pattern(canonical)] = canonical
        for alias in extra:
            aliases[alias] = canonical
    # Longest alias first so "west virginia" beats "virginia" and "new mexico" beats "mexico".
    ordered = sorted(aliases, key=len, reverse=True)
    # Bucket the alternatives by first letter (every alias starts with a literal letter):
    # the engine then tries one bucket per position instead of every alias, ~10x faster.
    buckets: dict[str, list[str]] = {}
    for i, alias in enumerate(ordered):
        if not alias[0].isalpha() or not alias[0].islower():
            raise ValueError(f"jurisdiction alias {alias!r} must start with a lowercase letter")
        buckets.setdefault(alias[0], []).append(f"(?P<j{i}>{alias})")
    groups = "|".join(f"(?={first})(?:{'|'.join(alts)})" for first, alts in buckets.items())
    pattern = re.compile(rf"(?<![\w])(?:{groups})(?![\w])", re.IGNORECASE)
    return pattern, {f"j{i}": aliases[alias] for i, alias in enumerate(ordered)}


_GAZETTEER_RE, _GAZETTEER_GROUPS = _build_gazetteer()
_ADJECTIVE_RE = re.compile(
    r"\b(?P<adj>" + "|".join(_ADJECTIVES) + r")\s+(?:substantive\s+)?law\b", re.IGNORECASE
)
_LAW_ANCHOR_RE = re.compile(
    r"\b(?:laws?|statutes?|legislation)\s+(?:in\s+force\s+in|prevailing\s+in|applicable\s+in|of|in)\b"
    r"|\bgovern(?:ed|s|ing)\b|\bconstrued\b|\binterpreted\b",
    re.IGNORECASE,
)


def all_jurisdictions(text: str) -> list[Found[str]]:
    """Every jurisdiction named in `text` (canonical names), with spans, in order."""
    found = [
        Found(_GAZETTEER_GROUPS[m.lastgroup or ""], m.start(), m.end())
        for m in _GAZETTEER_RE.finditer(text)
    ]
    found += [
        Found(_ADJECTIVES[m.group("adj").lower()], m.start(), m.end())
        for m in _ADJECTIVE_RE.finditer(text)
    ]
    return sorted(found, key=lambda f: f.start)


def canonical_jurisdiction(name: str) -> str | None:
    """The canonical spelling of a jurisdiction name or alias ("PRC" -> "People's ...")."""
    match = _GAZETTEER_RE.fullmatch(name.strip())
    return _GAZETTEER_GROUPS[match.lastgroup or ""] if match else None


def parse_jurisdiction(text: str) -> str | None:
    """The governing-law jurisdiction of a clause ("laws of the State of New York" -> "New York").

    Names right after a law anchor ("laws of", "governed by") win over names elsewhere
    (courts, venues); within those, a state or province wins over its federation
    ("laws of the United States and the Commonwealth of Kentucky" -> "Kentucky").
    """
    anchors = [m.end() for m in _LAW_ANCHOR_RE.finditer(text)]
    found = all_jurisdictions(text)
    anchored = [f for f in found if any(0 <= f.start - a <= 80 for a in anchors)]
    if re.search(r"\[\s*\*", text) and not anchored:
        return None  # redacted ("laws of the [***]"): do not guess from a venue
    candidates = anchored or found
    if not candidates:
        return None
    first = candidates[0].value
    members = _FEDERATIONS.get(first)
    if members:
        # "laws of the United States and the Commonwealth of Kentucky" -> Kentucky.
        member = next((f.value for f in candidates if f.value in members), None)
        return member or first
    return first
