"""Who the contract is with: the counterparty named in the detected `parties` clauses.

Contracts name each party and then its role in brackets (`Apex Surplus Electronics LLC, a
Nevada limited liability company ("Seller")`); the counterparty is the party whose role is
the supplier's side. The names and roles are read as the detector reads them
(`detect.party_names`).
"""

from __future__ import annotations

from contractkit.detect.party_names import party_names
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


def counterparty(result: ContractResult) -> str | None:
    """The name of the supplier-side party, from the best-scored `parties` clause naming one."""
    hits = sorted((c for c in result.clauses if c.type == "parties"), key=lambda c: -c.score)
    for hit in hits:
        text = " ".join(hit.text.split())
        for party in party_names(text, len(text)):
            if any(role.lower() in SUPPLIER_ROLES for role in party.short_names):
                return party.name
    return None
