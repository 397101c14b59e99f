"""One contract's result: the JSON object of `../shared/spec/scan-result.schema.json`.

`ContractResult.to_dict()` is exactly one line of `contractkit scan --format jsonl`;
in a notebook the result shows itself as an HTML summary (all contract text escaped).
"""

from __future__ import annotations

import html
from dataclasses import MISSING, dataclass, field, fields
from datetime import date
from typing import Any, TypeVar

import pandas as pd

from contractkit.detect.hits import PRESENT, ClauseHit, rounded
from contractkit.detect.key_dates import KeyDates
from contractkit.errors import ContractKitError
from contractkit.model import HiddenText
from contractkit.textutil import shorten

R = TypeVar("R")

SCHEMA_VERSION = "1"


@dataclass(frozen=True, slots=True)
class Deadline:
    """A date to act by (None: it could not be computed with confidence; `message` says
    what is missing), its kind, the clause type and clauses (indexes into the result's
    clauses) behind it, the page, and the arithmetic in words."""

    kind: str
    date: str | None
    message: str
    clause_type: str | None = None
    evidence: tuple[int, ...] = ()
    page: int | None = None
    score: float = 0.5

    @property
    def day(self) -> date | None:
        return date.fromisoformat(self.date) if self.date else None

    def to_dict(self) -> dict[str, Any]:
        """One item of the scan JSON's `deadlines`."""
        return {
            "kind": self.kind,
            "date": self.date,
            "clause_type": self.clause_type,
            "message": self.message,
            "evidence": list(self.evidence),
            "page": self.page,
            "score": self.score,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Deadline:
        return cls(
            kind=data["kind"],
            date=data["date"],
            message=data["message"],
            clause_type=data.get("clause_type"),
            evidence=tuple(data.get("evidence", ())),
            page=data.get("page"),
            score=data.get("score", 0.5),
        )


def _record_from_dict(cls: type[R], data: dict[str, Any]) -> R:
    """What `_record_dict` wrote, as the record again: lists back to tuples, an optional field
    the JSON leaves out None, a required one missing a KeyError."""
    values = {}
    for item in fields(cls):
        value = data[item.name] if item.default is MISSING else data.get(item.name)
        values[item.name] = tuple(value) if isinstance(value, list) else value
    return cls(**values)


def _record_dict(record: Any) -> dict[str, Any]:
    """A finding's or factor's JSON object: its fields in order, index tuples as lists, and
    an optional field that is None left out (as the schema lets it be)."""
    data: dict[str, Any] = {}
    for item in fields(record):
        value = getattr(record, item.name)
        if value is None and item.default is None:
            continue
        data[item.name] = list(value) if isinstance(value, tuple) else value
    return data


@dataclass(frozen=True, slots=True)
class Finding:
    """One review finding (an item of the scan JSON's `findings`): its kind (`missing_clause`,
    `weak_term`, `risk`, `check`), clause type, severity and message; the clauses it cites
    (indexes into the result's clauses) and their pages; the playbook rule that raised it,
    the rule's reason, the suggestion and where the rule comes from. The review fills every
    field; a finding read from JSON lacks those the JSON lacks (None)."""

    kind: str
    clause_type: str
    severity: str
    message: str
    evidence: tuple[int, ...] | None = None
    pages: tuple[int, ...] | None = None
    rule_id: str | None = None
    reason: str | None = None
    suggestion: str | None = None
    source: str | None = None

    @property
    def cited(self) -> tuple[int, ...]:
        """The clause indexes it cites (none when it cites none or the JSON had none)."""
        return self.evidence or ()

    def to_dict(self) -> dict[str, Any]:
        """One item of the scan JSON's `findings`."""
        return _record_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        return _record_from_dict(cls, data)


@dataclass(frozen=True, slots=True)
class AuditFactor:
    """One licence-audit risk factor that fired (an item of `license_audit.factors`): its id
    (the recogniser's, `review/license_audit.yaml`), points, what was found, the clauses
    behind it (indexes into the result's clauses), their pages and the factor's source."""

    id: str
    points: int
    message: str
    evidence: tuple[int, ...] | None = None
    pages: tuple[int, ...] | None = None
    source: str | None = None

    @property
    def cited(self) -> tuple[int, ...]:
        """The clause indexes behind it (none when the JSON had none)."""
        return self.evidence or ()

    def to_dict(self) -> dict[str, Any]:
        """One item of the scan JSON's `license_audit.factors`."""
        return _record_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AuditFactor:
        return _record_from_dict(cls, data)


def _audit_to_dict(audit: dict[str, Any] | None) -> dict[str, Any] | None:
    """The scan JSON's `license_audit`: the audit as it is, its factors as JSON objects."""
    if audit is None:
        return None
    return {**audit, "factors": [f.to_dict() for f in audit["factors"]]}


def _audit_from_dict(data: dict[str, Any] | None) -> dict[str, Any] | None:
    if data is None:
        return None
    return {**data, "factors": [AuditFactor.from_dict(f) for f in data["factors"]]}


@dataclass(slots=True)
class ContractResult:
    file: str
    engine: str
    sha256: str | None = None
    pages: int = 0
    contract_type: dict[str, Any] | None = None
    clauses: list[ClauseHit] = field(default_factory=list)
    # clause type -> the detector's confidence that the contract has one (>= 0.5: present)
    presence: dict[str, float] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    # score, level, factors (`AuditFactor`s), terms, entitlements, support rate; None when
    # the contract grants no licence
    license_audit: dict[str, Any] | None = None
    error: ContractKitError | None = None
    warnings: list[str] = field(default_factory=list)
    # key dates (agreement, effective, expiration, renewal) and the deadlines they give
    dates: KeyDates | None = None
    deadlines: list[Deadline] = field(default_factory=list)
    # text the file carries but a reader cannot see, left out of detection (ingest/visibility)
    hidden_text: list[HiddenText] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def present_types(self) -> list[str]:
        """The clause types the contract has, sorted."""
        return sorted(t for t in self.presence if self.has(t))

    def has(self, clause_type: str) -> bool:
        """Whether the contract has a clause of this type (contract-level presence)."""
        return self.presence.get(clause_type, 0.0) >= PRESENT

    def best(self, clause_type: str) -> ClauseHit | None:
        """The highest-scoring clause of this type, if any was reported."""
        hits = [c for c in self.clauses if c.type == clause_type]
        return max(hits, key=lambda c: c.score) if hits else None

    def to_dict(self, exact: bool = False) -> dict[str, Any]:
        """The scan-result JSON object; `exact` keeps scores and boxes at full precision,
        so that `from_dict` rebuilds this very result (what the result store keeps)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "file": self.file,
            "sha256": self.sha256,
            "engine": self.engine,
            "pages": self.pages,
            "contract_type": self.contract_type,
            "clauses": [c.to_dict(exact) for c in self.clauses],
            "presence": {k: rounded(v, 4, exact) for k, v in self.presence.items()},
            "findings": [f.to_dict() for f in self.findings],
            "license_audit": _audit_to_dict(self.license_audit),
            "error": self.error.to_dict() if self.error else None,
            "warnings": self.warnings,
            "dates": self.dates.to_dict() if self.dates else None,
            "deadlines": [d.to_dict() for d in self.deadlines],
            "hidden_text": [_hidden_to_dict(h, exact) for h in self.hidden_text],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ContractResult:
        """The result `to_dict(exact=True)` describes (its JSON, read back)."""
        error = data["error"]
        return cls(
            file=data["file"],
            engine=data["engine"],
            sha256=data["sha256"],
            pages=data["pages"],
            contract_type=data["contract_type"],
            clauses=[ClauseHit.from_dict(c) for c in data["clauses"]],
            presence=data["presence"],
            findings=[Finding.from_dict(f) for f in data["findings"]],
            license_audit=_audit_from_dict(data["license_audit"]),
            error=ContractKitError.from_dict(error, data["file"]) if error else None,
            warnings=data.get("warnings", []),
            dates=KeyDates.from_dict(data["dates"]) if data.get("dates") else None,
            deadlines=[Deadline.from_dict(d) for d in data.get("deadlines", [])],
            hidden_text=[
                HiddenText(
                    h["text"], h["reason"], h["page"], tuple(h["bbox"]) if h["bbox"] else None
                )
                for h in data.get("hidden_text", [])
            ],
        )

    def _repr_html_(self) -> str:
        esc = html.escape
        if self.error:
            return (
                f"<div><b>{esc(self.file)}</b>: <span style='color:#b00'>"
                f"{esc(self.error.code)}</span> — {esc(self.error.message)}</div>"
            )
        rows = "".join(
            f"<tr><td>{esc(c.type)}</td><td>{c.score:.2f}</td><td>{c.page or ''}</td>"
            f"<td>{esc(c.section or '')}</td><td>{esc(shorten(c.text))}</td></tr>"
            for c in self.clauses
        )
        return (
            f"<div><b>{esc(self.file)}</b> · {self.pages} pages · engine {esc(self.engine)}"
            f" · {len(self.clauses)} clauses</div>"
            "<table><thead><tr><th>type</th><th>score</th><th>page</th><th>section</th>"
            f"<th>text</th></tr></thead><tbody>{rows}</tbody></table>"
        )


class ScanResults(list[ContractResult]):
    """The results of a batch, in input order, with pandas views for analysis."""

    @property
    def contracts(self) -> pd.DataFrame:
        """One row per input: file, pages, engine, clause count, error code."""
        rows = [
            {
                "file": r.file,
                "pages": r.pages,
                "engine": r.engine,
                "contract_type": (r.contract_type or {}).get("label"),
                "clauses": len(r.clauses),
                "error": r.error.code if r.error else None,
                "sha256": r.sha256,
            }
            for r in self
        ]
        return pd.DataFrame(rows, columns=CONTRACT_COLUMNS)

    @property
    def clauses(self) -> pd.DataFrame:
        """One row per detected clause, with the file it came from."""
        rows = [
            {
                "file": r.file,
                "type": c.type,
                "score": c.score,
                "page": c.page,
                "section": c.section,
                "text": c.text,
                "attributes": c.attributes,
                "start": c.start,
                "end": c.end,
            }
            for r in self
            for c in r.clauses
        ]
        return pd.DataFrame(rows, columns=CLAUSE_COLUMNS)

    @property
    def deadlines(self) -> pd.DataFrame:
        """One row per deadline, sorted by date (those without a date, to check, last):
        file, kind, date, clause type, the arithmetic in words, page, evidence text."""
        rows = [
            {
                "file": r.file,
                "kind": d.kind,
                "date": d.day,
                "clause_type": d.clause_type,
                "message": d.message,
                "page": d.page,
                "evidence": list(d.evidence),
                "evidence_text": shorten(r.clauses[d.evidence[0]].text, 240) if d.evidence else "",
                "score": d.score,
            }
            for r in self
            for d in r.deadlines
        ]
        frame = pd.DataFrame(rows, columns=DEADLINE_COLUMNS)
        order = frame["date"].map(lambda d: (d is None, d or date.min))
        return frame.iloc[sorted(range(len(frame)), key=lambda i: order.iloc[i])].reset_index(
            drop=True
        )


CONTRACT_COLUMNS = ["file", "pages", "engine", "contract_type", "clauses", "error", "sha256"]
DEADLINE_COLUMNS = [
    "file", "kind", "date", "clause_type", "message", "page", "evidence", "evidence_text", "score",
]  # fmt: skip
CLAUSE_COLUMNS = ["file", "type", "score", "page", "section", "text", "attributes", "start", "end"]


def _hidden_to_dict(hidden: HiddenText, exact: bool) -> dict[str, Any]:
    """One item of the scan JSON's `hidden_text` (an extension of the schema)."""
    return {
        "page": hidden.page,
        "bbox": [rounded(v, 2, exact) for v in hidden.bbox] if hidden.bbox else None,
        "text": hidden.text,
        "reason": hidden.reason,
    }
