"""Licence-audit exposure: a score with itemised factors, and the money an audit would claim.

- `factors`: the audit-risk factors over the licence-audit clauses, their score
  (`score_license_audit`) and the terms a claim is computed under (`audit_terms`); points
  and messages are data (`review/license_audit.yaml`);
- `entitlements`: licensed quantities, unit prices and the support rate read from the
  contract's text;
- `inventory`: the user's CSV input (deployment inventory, entitlements kept outside the
  contract);
- `exposure`: licensed vs deployed and the claim, every step of the arithmetic a column.
"""

from __future__ import annotations

from contractkit.review.license_audit.entitlements import (
    entitlements_from_text,
    normalise_metric,
    support_rate_from_text,
)
from contractkit.review.license_audit.exposure import audit_exposure, contract_exposure
from contractkit.review.license_audit.factors import (
    GRANT_TYPES,
    LICENSING_CONTRACTS,
    AuditContext,
    audit_terms,
    back_maintenance_months,
    grants_licence,
    licence_audit_hits,
    score_license_audit,
)
from contractkit.review.license_audit.inventory import (
    INVENTORY_COLUMNS,
    MAX_TABLE_BYTES,
    parse_inventory,
    parse_table,
    read_entitlements,
    read_inventory,
    read_table,
)

__all__ = [
    "GRANT_TYPES",
    "INVENTORY_COLUMNS",
    "LICENSING_CONTRACTS",
    "MAX_TABLE_BYTES",
    "AuditContext",
    "audit_exposure",
    "audit_terms",
    "back_maintenance_months",
    "contract_exposure",
    "entitlements_from_text",
    "grants_licence",
    "licence_audit_hits",
    "normalise_metric",
    "parse_inventory",
    "parse_table",
    "read_entitlements",
    "read_inventory",
    "read_table",
    "score_license_audit",
    "support_rate_from_text",
]
