"""Review: contract type, playbook findings, licence-audit exposure and the cost of gaps.

`review_contract()` is the cheap step after detection that fills a result's
`contract_type`, `findings`, `license_audit` and `deadlines` (pure Python over the clause
hits). A portfolio's review (scan + review over many files, as DataFrames) is
`contractkit.portfolio.review()`, one layer up.
"""

from __future__ import annotations

import os
from datetime import date
from typing import Any

from contractkit.result import AuditFactor, ContractResult, Finding
from contractkit.review.contract_type import (
    CONTRACT_TYPES,
    detect_contract_type,
    override_contract_type,
)
from contractkit.review.costs import cost_of_gaps
from contractkit.review.deadlines import contract_deadlines, refresh_date_findings
from contractkit.review.findings import apply_playbook, finding, hidden_text_finding
from contractkit.review.license_audit import (
    audit_terms,
    entitlements_from_text,
    score_license_audit,
    support_rate_from_text,
)
from contractkit.review.playbook import (
    CHECK_FLOOR,
    Playbook,
    PlaybookError,
    Rule,
    load_playbook,
    parse_playbook,
    shipped_playbook,
    shipped_playbooks,
)

__all__ = [
    "CHECK_FLOOR",
    "CONTRACT_TYPES",
    "AuditFactor",
    "Finding",
    "Playbook",
    "PlaybookError",
    "choose_playbook",
    "cost_of_gaps",
    "load_playbook",
    "parse_playbook",
    "review_as",
    "review_contract",
    "shipped_playbooks",
]

# A high licence-audit score is itself a finding, so it reaches the checklist and the costs.
AUDIT_RISK_RULE = Rule(
    id="license_audit.exposure",
    clause_type="audit_rights",
    severity="high",
    reason="The licence-audit terms together expose you to a large, hard-to-predict claim.",
    suggestion=(
        "Ask for 45 days' notice, at most one audit a year by an independent auditor under NDA,"
        " shortfalls at contract prices without uplift or back-maintenance, and audit costs"
        " only above a 5 % shortfall."
    ),
    presence=None,
    source="license_audit.yaml; it-contract-playbook.md §4",
)


def choose_playbook(playbook: Playbook | str | os.PathLike[str] | None, label: str) -> Playbook:
    if isinstance(playbook, Playbook):
        return playbook
    return shipped_playbook(label) if playbook is None else load_playbook(playbook)


def review_contract(
    result: ContractResult,
    text: str | None = None,
    playbook: Playbook | str | os.PathLike[str] | None = None,
    contract_type: str | None = None,
    as_of: date | None = None,
) -> ContractResult:
    """Fill `contract_type`, `findings`, `license_audit` and `deadlines` of one result (in
    place).

    `text` (the document's reading text) sharpens the contract type and lets the licence
    entitlements be read; `as_of` is the day date findings are judged on (today when None);
    error results get no findings, no audit score and no deadlines."""
    if not result.ok:
        result.contract_type, result.findings, result.license_audit = None, [], None
        result.deadlines = []
        return result
    kind = (
        override_contract_type(contract_type)
        if contract_type
        else detect_contract_type(result, text)
    )
    return review_as(result, kind, playbook, text, as_of)


def review_as(
    result: ContractResult,
    kind: dict[str, Any],
    playbook: Playbook | str | os.PathLike[str] | None = None,
    text: str | None = None,
    as_of: date | None = None,
) -> ContractResult:
    """Fill `findings` and `license_audit` of one readable result (in place) as a contract of
    type `kind` (a `detect_contract_type` or `override_contract_type` dict, stored as the
    result's `contract_type`): what a widget re-runs when a reader picks another playbook
    or type and the detected type should stay as it was detected."""
    chosen = choose_playbook(playbook, kind["label"])
    kind["playbook"] = chosen.name
    result.contract_type = kind
    facts = {"framework": kind["framework"], "type": kind["label"]}
    findings = apply_playbook(result, chosen, facts)
    audit = score_license_audit(result, kind["label"])
    if audit is not None:
        audit["terms"] = audit_terms(result)
        audit["entitlements"] = entitlements_from_text(text) if text else []
        audit["support_rate"] = support_rate_from_text(text) if text else None
        if audit["level"] in ("high", "critical"):
            evidence = sorted({i for f in audit["factors"] for i in f.cited})
            top = sorted(audit["factors"], key=lambda f: -f.points)[:3]
            message = (
                f"Licence-audit exposure {audit['score']}/100 ({audit['level']}): "
                + "; ".join(f.message for f in top)
            )
            findings.insert(0, finding("risk", AUDIT_RISK_RULE, message, evidence, result))
    if result.hidden_text:
        findings.insert(0, hidden_text_finding(result))
    result.findings = findings
    result.license_audit = audit
    result.deadlines = contract_deadlines(result)
    return refresh_date_findings(result, as_of)
