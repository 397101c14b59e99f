"""The clause taxonomy's records: a clause type, its detection cues, the taxonomy itself, and
CUAD's 41 categories (what `taxonomy.py` builds from taxonomy.yaml, and every later stage
reads)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

# CUAD v1's 41 categories, spelled as in its label files. Kept here so that a typo in a
# `cuad:` value is caught at load time rather than as a silently empty benchmark row.
CUAD_CATEGORIES: tuple[str, ...] = (
    "Document Name",
    "Parties",
    "Agreement Date",
    "Effective Date",
    "Expiration Date",
    "Renewal Term",
    "Notice Period To Terminate Renewal",
    "Governing Law",
    "Most Favored Nation",
    "Competitive Restriction Exception",
    "Non-Compete",
    "Exclusivity",
    "No-Solicit Of Customers",
    "No-Solicit Of Employees",
    "Non-Disparagement",
    "Termination For Convenience",
    "Rofr/Rofo/Rofn",
    "Change Of Control",
    "Anti-Assignment",
    "Revenue/Profit Sharing",
    "Price Restrictions",
    "Minimum Commitment",
    "Volume Restriction",
    "Ip Ownership Assignment",
    "Joint Ip Ownership",
    "License Grant",
    "Non-Transferable License",
    "Affiliate License-Licensor",
    "Affiliate License-Licensee",
    "Unlimited/All-You-Can-Eat-License",
    "Irrevocable Or Perpetual License",
    "Source Code Escrow",
    "Post-Termination Services",
    "Audit Rights",
    "Uncapped Liability",
    "Cap On Liability",
    "Liquidated Damages",
    "Warranty Duration",
    "Insurance",
    "Covenant Not To Sue",
    "Third Party Beneficiary",
)

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


class TaxonomyError(ValueError):
    """The taxonomy file is malformed; the message names the file, the entry and the problem."""


def cuad_id(name: str) -> str:
    """CUAD category name -> its snake_case id, as clause-types.md spells them.

    Every run of non-alphanumerics (space, slash, hyphen) becomes one underscore:
    "Rofr/Rofo/Rofn" -> "rofr_rofo_rofn", "Affiliate License-Licensor" ->
    "affiliate_license_licensor".
    """
    return _NON_ALNUM.sub("_", name.lower()).strip("_")


@dataclass(frozen=True, slots=True)
class Cues:
    """Detection cues of one clause type (all lowercase; see taxonomy.yaml's header)."""

    headings: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    regex: tuple[str, ...] = ()
    negative: tuple[str, ...] = ()
    # beside `regex`, one per pattern: its hand-written label, or None where the file gives
    # the bare pattern (explanations then read the pattern itself); () means no labels
    regex_labels: tuple[str | None, ...] = ()

    def __post_init__(self) -> None:
        if not self.regex_labels:
            object.__setattr__(self, "regex_labels", (None,) * len(self.regex))
        elif len(self.regex_labels) != len(self.regex):
            raise ValueError(
                f"{len(self.regex_labels)} regex labels for {len(self.regex)} regex cues"
            )

    def compiled_regex(self) -> tuple[re.Pattern[str], ...]:
        """The `regex` cues compiled case-insensitively (the YAML writes them lowercase)."""
        return tuple(re.compile(p, re.IGNORECASE) for p in self.regex)


@dataclass(frozen=True, slots=True)
class ClauseType:
    """One clause type of the taxonomy."""

    id: str
    name: str
    description: str
    family: str
    cuad: str | None
    granularity: str
    attributes: tuple[str, ...]
    cues: Cues
    attribute_scope: str = "sentence"  # or "section": see taxonomy.yaml
    # what a reported clause of the type says itself (see taxonomy.yaml): patterns, lowercase
    states: tuple[str, ...] = ()
    # whether a contract has the type only when one of its units `states` it
    presence_needs_states: bool = False

    def states_pattern(self) -> re.Pattern[str] | None:
        """`states` as one case-insensitive pattern (None: the type states nothing required)."""
        if not self.states:
            return None
        return re.compile("|".join(f"(?:{p})" for p in self.states), re.IGNORECASE)


class Taxonomy(Mapping[str, ClauseType]):
    """Clause types by id, in file order, with lookups by CUAD category and by family."""

    def __init__(
        self, types: list[ClauseType], families: Mapping[str, str], source: str = "<memory>"
    ) -> None:
        self._types = {t.id: t for t in types}
        self._families = dict(families)
        self._by_cuad = {t.cuad: t for t in types if t.cuad is not None}
        self.source = source

    def __getitem__(self, type_id: str) -> ClauseType:
        return self._types[type_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._types)

    def __len__(self) -> int:
        return len(self._types)

    def __repr__(self) -> str:
        return f"Taxonomy({len(self)} clause types from {self.source})"

    @property
    def families(self) -> Mapping[str, str]:
        """Family id -> description."""
        return dict(self._families)

    def by_cuad(self, name: str) -> ClauseType | None:
        """The clause type scored against CUAD category `name` (e.g. "Audit Rights")."""
        return self._by_cuad.get(name)

    def family(self, family_id: str) -> tuple[ClauseType, ...]:
        """All clause types of one family, in file order; KeyError for an unknown family."""
        if family_id not in self._families:
            raise KeyError(f"unknown family {family_id!r}; known: {sorted(self._families)}")
        return tuple(t for t in self._types.values() if t.family == family_id)

    def cuad_categories(self) -> tuple[str, ...]:
        """CUAD category names the taxonomy maps to."""
        return tuple(self._by_cuad)
