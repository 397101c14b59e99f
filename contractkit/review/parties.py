"""Who the contract is with: the counterparty named in the detected `parties` clauses.

Contracts name each party and then its role in brackets (`Apex Surplus Electronics LLC, a
Nevada limited liability company ("Seller")`); the counterparty is the party whose role is
the supplier's side.
"""

from __future__ import annotations

import re

from contractkit.result import ContractResult

SUPPLIER_ROLES = (
    "supplier",
    "provider",
    "service provider",
    "seller",
    "vendor",
    "licensor",
    "lessor",
    "contractor",
    "processor",
)
# "between|and|(1)" NAME, description ("Role") — the name runs to its first comma or bracket.
_PARTY_RE = re.compile(
    r"(?:\bbetween|\band|\(\d\))\s+(?P<name>[A-Z][^,()]{1,80}?)\s*,[^()]{0,300}?"
    r"\((?:the\s+)?[\"“'‘](?P<role>[A-Za-z ]{2,30})[\"”'’]\)"
)


def counterparty(result: ContractResult) -> str | None:
    """The name of the supplier-side party, from the best-scored `parties` clause naming one."""
    hits = sorted((c for c in result.clauses if c.type == "parties"), key=lambda c: -c.score)
    for hit in hits:
        for match in _PARTY_RE.finditer(" ".join(hit.text.split())):
            if match["role"].strip().lower() in SUPPLIER_ROLES:
                return match["name"].strip()
    return None
