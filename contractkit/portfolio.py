"""A reviewed portfolio: scan + review over many files, as pandas DataFrames.

`review()` scans contracts (the batch, the store, the limits: `contractkit.scan`) and
reviews each (`contractkit.review.review_contract`); `summarise()` does the same for
results already reviewed. The DataFrames feed the reports (`contractkit.report`), the
widgets and the CLI's `review` command.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from contractkit.result import ContractResult, Finding, ScanResults
from contractkit.review import choose_playbook
from contractkit.review.costs import COST_COLUMNS, cost_of_gaps
from contractkit.review.license_audit import contract_exposure, read_entitlements, read_inventory
from contractkit.review.playbook import Playbook
from contractkit.scan import scan
from contractkit.store import ResultStore
from contractkit.textutil import shorten

__all__ = ["FACTOR_COLUMNS", "FINDING_COLUMNS", "ReviewResults", "review", "summarise"]


@dataclass
class ReviewResults:
    """A reviewed portfolio: the per-contract results and DataFrames ready for pandas."""

    results: ScanResults
    contracts: pd.DataFrame
    findings: pd.DataFrame
    clauses: pd.DataFrame
    audit_factors: pd.DataFrame
    costs: pd.DataFrame
    exposure: pd.DataFrame = field(default_factory=pd.DataFrame)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The sheets of a report, in order (exposure only when an inventory was given)."""
        tables = {
            "contracts": self.contracts,
            "findings": self.findings,
            "clauses": self.clauses,
            "audit_factors": self.audit_factors,
            "costs": self.costs,
        }
        if not self.exposure.empty:
            tables["exposure"] = self.exposure
        return tables


FINDING_COLUMNS = [
    "file",
    "kind",
    "clause_type",
    "severity",
    "rule_id",
    "message",
    "suggestion",
    "evidence",
    "page",
    "evidence_text",
    "source",
]
FACTOR_COLUMNS = ["file", "factor", "points", "message", "evidence", "page", "evidence_text"]


def _listed(indexes: tuple[int, ...] | None) -> list[int] | None:
    """Clause indexes as the tables hold them: a list, as in the scan JSON."""
    return None if indexes is None else list(indexes)


def _finding_row(f: Finding, file: str, page: int | None, text: str) -> dict[str, Any]:
    """One row of the findings table (`FINDING_COLUMNS`)."""
    return {
        "file": file,
        "kind": f.kind,
        "clause_type": f.clause_type,
        "severity": f.severity,
        "rule_id": f.rule_id,
        "message": f.message,
        "suggestion": f.suggestion,
        "evidence": _listed(f.evidence),
        "page": page,
        "evidence_text": text,
        "source": f.source,
    }


def _cited(result: ContractResult, evidence: Sequence[int]) -> tuple[int | None, str]:
    if not evidence:
        return None, ""
    hit = result.clauses[evidence[0]]
    return hit.page, shorten(hit.text, 240)


def _frames(results: ScanResults, costs: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    contracts, findings, clauses, factors = [], [], [], []
    for r in results:
        kind = r.contract_type or {}
        audit = r.license_audit or {}
        contracts.append(
            {
                "file": r.file,
                "contract_type": kind.get("label"),
                "type_score": kind.get("score"),
                "framework": kind.get("framework"),
                "playbook": kind.get("playbook"),
                "findings": len(r.findings),
                "high": sum(f.severity == "high" for f in r.findings),
                "missing_clauses": sum(f.kind == "missing_clause" for f in r.findings),
                "checks": sum(f.kind == "check" for f in r.findings),
                "audit_score": audit.get("score"),
                "audit_level": audit.get("level"),
                "cost_of_gaps": int(costs[r.file]["amount"].sum()) if r.file in costs else 0,
                "pages": r.pages,
                "error": r.error.code if r.error else None,
            }
        )
        for f in r.findings:
            page, text = _cited(r, f.cited)
            findings.append(_finding_row(f, r.file, page, text))
        for index, c in enumerate(r.clauses):
            clauses.append(
                {
                    "file": r.file,
                    "index": index,
                    "type": c.type,
                    "score": c.score,
                    "present": r.has(c.type),
                    "page": c.page,
                    "section": c.section,
                    "text": c.text,
                    "attributes": c.attributes,
                }
            )
        for factor in audit.get("factors", []):
            page, text = _cited(r, factor.cited)
            factors.append(
                {
                    "file": r.file,
                    "factor": factor.id,
                    "points": factor.points,
                    "message": factor.message,
                    "evidence": _listed(factor.evidence),
                    "page": page,
                    "evidence_text": text,
                }
            )
    return {
        "contracts": pd.DataFrame(contracts),
        "findings": pd.DataFrame(findings, columns=FINDING_COLUMNS),
        "clauses": pd.DataFrame(clauses),
        "audit_factors": pd.DataFrame(factors, columns=FACTOR_COLUMNS),
    }


def review(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    playbook: Playbook | str | os.PathLike[str] | None = None,
    contract_type: str | None = None,
    devices: int | None = None,
    inventory: str | os.PathLike[str] | None = None,
    entitlements: str | os.PathLike[str] | None = None,
    cost_model: str | os.PathLike[str] | Mapping[str, Any] | None = None,
    audit_costs: float = 0.0,
    support_rate: float | None = None,
    engine: str = "pdfplumber",
    workers: int | None = None,
    cache: ResultStore | str | os.PathLike[str] | None = None,
    as_of: date | None = None,
    **load_options: Any,
) -> ReviewResults:
    """Scan and review contracts; DataFrames `contracts`, `findings`, `clauses`,
    `audit_factors`, `costs`, and `exposure` when a deployment `inventory` CSV is given.

    `playbook` is a shipped name or a YAML file (else each contract's type picks one);
    `contract_type` overrides the detected type; `entitlements` (CSV) replaces the
    licensed quantities read from the contract; `audit_costs` is what an audit would
    charge when its cost-shift threshold is crossed. `workers`, `cache` and
    `load_options` (e.g. `timeout`, `max_pages`, `ocr_lang="eng+deu"`, a Dask `scheduler`)
    are `scan`'s; `as_of` is the day date findings are judged on (today when None)."""
    # a bad playbook fails before anything is scanned
    chosen = None if playbook is None else choose_playbook(playbook, "other")
    inventory_rows = read_inventory(inventory) if inventory else None
    owned = read_entitlements(entitlements) if entitlements else None
    results = scan(
        paths,
        engine=engine,
        workers=workers,
        playbook=chosen,
        contract_type=contract_type,
        cache=cache,
        as_of=as_of,
        **load_options,
    )
    return _summarised(
        results, devices, cost_model, inventory_rows, owned, support_rate, audit_costs
    )


def summarise(
    results: Iterable[ContractResult],
    devices: int | None = None,
    inventory: str | os.PathLike[str] | None = None,
    entitlements: str | os.PathLike[str] | None = None,
    cost_model: str | os.PathLike[str] | Mapping[str, Any] | None = None,
    audit_costs: float = 0.0,
    support_rate: float | None = None,
) -> ReviewResults:
    """The DataFrames of `review()` for results already reviewed (e.g. by `analyze()`, or
    re-reviewed with `review_as` under another playbook); the other arguments are `review`'s."""
    inventory_rows = read_inventory(inventory) if inventory else None
    owned = read_entitlements(entitlements) if entitlements else None
    return _summarised(
        ScanResults(results), devices, cost_model, inventory_rows, owned, support_rate, audit_costs
    )


def _summarised(
    results: ScanResults,
    devices: int | None,
    cost_model: str | os.PathLike[str] | Mapping[str, Any] | None,
    inventory_rows: Any,
    owned: Any,
    support_rate: float | None,
    audit_costs: float,
) -> ReviewResults:
    costs, exposure = {}, []
    for r in results:
        if not r.ok:
            continue
        costs[r.file] = cost_of_gaps(r.findings, devices=devices, model=cost_model)
        audit = r.license_audit
        if inventory_rows is not None and audit is not None:
            table = contract_exposure(audit, inventory_rows, owned, support_rate, audit_costs)
            exposure.append(table.assign(file=r.file))
    frames = _frames(results, costs)
    cost_table = (
        pd.concat([t.assign(file=f) for f, t in costs.items()], ignore_index=True)
        if costs
        else pd.DataFrame(columns=["file", *COST_COLUMNS])
    )
    return ReviewResults(
        results=results,
        costs=cost_table,
        exposure=pd.concat(exposure, ignore_index=True) if exposure else pd.DataFrame(),
        **frames,
    )
