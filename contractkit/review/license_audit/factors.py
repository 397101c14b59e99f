"""Licence-audit factors and their score.

Each factor is a small recogniser over the contract's licence-audit clauses (audit hits in
which the vendor audits the customer) and its metric clauses: it reads the typed attributes
the detector extracted (`contractkit.detect.attributes`), and the wording only for what no
attribute holds (a confidentiality duty, business hours, tools, a no-notice exception, an
uplift without a figure), and returns the clauses it fired on and why. Points and messages
are data (`review/license_audit.yaml`, read by `_config` alone, validated against
`LicenseAuditFile` by `contractkit.datafiles`). `audit_terms` reads the
terms an audit claim is computed under from the same clauses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

from pydantic import AfterValidator, Field, model_validator

from contractkit import datafiles
from contractkit.datafiles import Schema
from contractkit.result import AuditFactor, ContractResult
from contractkit.review.evidence import present
from contractkit.textutil import shorten

GRANT_TYPES = ("license_grant", "irrevocable_or_perpetual_license", "non_transferable_license")
LICENSING_CONTRACTS = ("software_license", "saas")


class AuditLevels(Schema):
    """The lowest score of each risk level, rising from `low` to `critical`."""

    low: int = Field(ge=0, le=100)
    medium: int = Field(ge=0, le=100)
    high: int = Field(ge=0, le=100)
    critical: int = Field(ge=0, le=100)

    @model_validator(mode="after")
    def _rising(self) -> AuditLevels:
        floors = [self.low, self.medium, self.high, self.critical]
        if floors != sorted(set(floors)):
            raise ValueError(f"the scores must rise from low to critical, not {floors}")
        return self


class FactorSpec(Schema):
    """One factor as `license_audit.yaml` writes it (its id is the key)."""

    points: int = Field(ge=0, le=100)
    message: str
    source: str


def _recognised(factor_id: str) -> str:
    if factor_id not in _RECOGNISERS:
        raise ValueError(f"no recogniser has this id (known: {', '.join(_RECOGNISERS)})")
    return factor_id


class LicenseAuditFile(Schema):
    """The schema of `license_audit.yaml`: each factor's id names its recogniser."""

    levels: AuditLevels
    factors: dict[Annotated[str, AfterValidator(_recognised)], FactorSpec]


@cache
def _config() -> dict[str, Any]:
    resource = datafiles.packaged("contractkit.review", "license_audit.yaml")
    return datafiles.load_validated(resource, LicenseAuditFile).model_dump()


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# The customer (or a controller) auditing the supplier is a protection, not an exposure.
_AUDITS_SUPPLIER = _re(
    r"\b(?:audit|inspect|verify)\w*\s+(?:the\s+)?(?:provider|supplier|processor|contractor"
    r"|vendor|service provider)\b|\b(?:customer|client|controller)\s+(?:may|shall be entitled"
    r"|has the right)[^.]{0,80}\b(?:audit|inspect)"
)
_NO_NOTICE = _re(r"\b(?:with or )?without (?:any |prior |advance |written )*notice\b")
_NOTICE = _re(r"\bnotice\b")
_CONFIDENTIAL = _re(
    r"\b(?:auditor|licensor|vendor|it|they)\s+(?:shall|will|must)\b[^.]{0,80}\bconfidential"
    r"|\bbound by (?:a duty of |obligations of )?confidentiality\b|\bnon-?disclosure\b"
    r"|\bconfidentiality (?:agreement|undertaking|obligations)\b"
)
_BUSINESS_HOURS = _re(
    r"\b(?:normal |regular )?(?:business|working|office) hours\b|\binterfer\w*|\bdisrupt\w*"
)
_CUSTOMER_COST = _re(
    r"\bat (?:licensee|customer|client|your)'?s? (?:own )?(?:sole )?(?:cost|expense)"
    r"|\b(?:licensee|customer|client)\s+shall (?:bear|pay|reimburse)[^.]{0,40}\bcosts? of the audit"
)
_UPLIFT = _re(r"\buplift\b|\bsurcharge\b|\bpenalty\b")
_TOOLS = _re(
    r"\bscripts?\b|\bmeasurement tools?\b|\bremotely\b|\bilmt\b|\busmm\b|\bsoftware tools?\b"
)
_TERMINATE_LICENCES = _re(r"\bterminat\w*[^.]{0,60}\blicen[cs]e")
_AUDIT_CONTEXT = _re(r"\baudit|\bnon-?complian|\bcooperat|\bunderpa|\bamounts? due|\bshortfall")
_AMBIGUOUS_METRIC = _re(
    r"\bindirect (?:use|access)\b|\bvirtuali[sz]\w*|\bstandby\b|\bdisaster[- ]recovery\b"
    r"|\bmultiplex\w*|\baffiliates?\b"
)
_ON_DEMAND = _re(
    r"\b(?:certif\w*|report|output|deployment data|self-?audit)[^.]{0,120}\b(?:on|upon|of|after)"
    r" (?:licensor'?s? |vendor'?s? )?(?:written )?(?:request|demand)\b"
)


@dataclass(slots=True)
class AuditContext:
    """What the recognisers look at: the licence-audit hits and the metric hits."""

    result: ContractResult
    audit: list[int]
    metric: list[int]

    def attr(self, key: str) -> list[tuple[int, Any]]:
        """(hit index, value) for every licence-audit hit that states `key`."""
        return [
            (i, value)
            for i in self.audit
            if (value := self.result.clauses[i].attributes.get(key)) is not None
        ]

    def matching(self, pattern: re.Pattern[str], indexes: list[int] | None = None) -> list[int]:
        hits = self.audit if indexes is None else indexes
        return [i for i in hits if pattern.search(self.text(i))]

    def text(self, index: int) -> str:
        """A hit's text on one line: the patterns' spaces then match line breaks too."""
        return " ".join(self.result.clauses[index].text.split())


Fired = tuple[list[int], str] | None  # (evidence, what was found) or None
_RECOGNISERS: dict[str, Callable[[AuditContext], Fired]] = {}


def _recogniser(factor_id: str) -> Callable[[Callable[[AuditContext], Fired]], Any]:
    def register(function: Callable[[AuditContext], Fired]) -> Callable[[AuditContext], Fired]:
        _RECOGNISERS[factor_id] = function
        return function

    return register


@_recogniser("audit_right")
def _audit_right(ctx: AuditContext) -> Fired:
    return (ctx.audit, f"{len(ctx.audit)} licence-audit clause(s)") if ctx.audit else None


@_recogniser("no_notice")
def _no_notice(ctx: AuditContext) -> Fired:
    if not ctx.audit:
        return None
    zero = [i for i, days in ctx.attr("notice_days") if days == 0]
    # the attribute keeps a stated period; "or without notice if ..." is an exception to it
    wording = ctx.matching(_NO_NOTICE)
    if zero or wording:
        return sorted(set(zero + wording)), "'with or without notice' / no notice period"
    if not ctx.attr("notice_days") and not ctx.matching(_NOTICE):
        return ctx.audit[:1], "no notice period stated"
    return None


@_recogniser("short_notice")
def _short_notice(ctx: AuditContext) -> Fired:
    short = [(i, d) for i, d in ctx.attr("notice_days") if 0 < d < 30]
    if short and not _no_notice(ctx):
        return [i for i, _ in short], f"{min(d for _, d in short)} days' notice"
    return None


@_recogniser("no_frequency_cap")
def _no_frequency_cap(ctx: AuditContext) -> Fired:
    if not ctx.audit:
        return None
    unlimited = [i for i, v in ctx.attr("frequency_unlimited") if v]
    if unlimited:
        return unlimited, "audits 'at any time'"
    if not ctx.attr("max_per_year"):
        return ctx.audit[:1], "no limit on how often"
    return None


@_recogniser("frequent_audits")
def _frequent_audits(ctx: AuditContext) -> Fired:
    stated = [i for i, n in ctx.attr("max_per_year") if n > 1]
    return (sorted(stated), "more than one audit a year") if stated else None


@_recogniser("vendor_auditor")
def _vendor_auditor(ctx: AuditContext) -> Fired:
    stated = [i for i, who in ctx.attr("auditor") if who == "self"]
    return (sorted(stated), "audit by the vendor's own personnel") if stated else None


def _absent(ctx: AuditContext, pattern: re.Pattern[str], what: str) -> Fired:
    if ctx.audit and not ctx.matching(pattern):
        return ctx.audit[:1], what
    return None


@_recogniser("no_confidentiality")
def _no_confidentiality(ctx: AuditContext) -> Fired:
    return _absent(ctx, _CONFIDENTIAL, "no confidentiality duty on the auditor")


@_recogniser("no_business_hours")
def _no_business_hours(ctx: AuditContext) -> Fired:
    return _absent(ctx, _BUSINESS_HOURS, "no business-hours or non-interference limit")


def cost_thresholds(ctx: AuditContext) -> list[tuple[int, float]]:
    return [(i, float(pct)) for i, pct in ctx.attr("cost_shift_pct")]


@_recogniser("costs_regardless")
def _costs_regardless(ctx: AuditContext) -> Fired:
    pays = ctx.matching(_CUSTOMER_COST)
    if pays and not cost_thresholds(ctx):
        return pays, "audit at the customer's cost, no threshold"
    return None


@_recogniser("low_cost_threshold")
def _low_cost_threshold(ctx: AuditContext) -> Fired:
    low = [(i, pct) for i, pct in cost_thresholds(ctx) if pct < 5]
    if low:
        return [i for i, _ in low], f"costs shift at a {min(p for _, p in low):g} % shortfall"
    return None


@_recogniser("list_price")
def _list_price(ctx: AuditContext) -> Fired:
    stated = [i for i, basis in ctx.attr("remediation_pricing") if basis == "list"]
    return (sorted(stated), "shortfall at list price") if stated else None


def back_maintenance_months(ctx: AuditContext) -> tuple[list[int], float | None] | None:
    """The clauses charging back-maintenance, and for how many months (None: not stated)."""
    stated = [i for i, v in ctx.attr("back_maintenance") if v]
    months = ctx.attr("back_maintenance_months")
    hits = sorted(set(stated + [i for i, _ in months]))
    if not hits:
        return None
    # the look-back of a back-maintenance sentence is its months of back-maintenance
    values = [m for _, m in months] or [m for i, m in ctx.attr("lookback_months") if i in hits]
    return hits, (max(values) if values else None)


@_recogniser("back_maintenance")
def _back_maintenance(ctx: AuditContext) -> Fired:
    found = back_maintenance_months(ctx)
    if not found:
        return None
    hits, months = found
    return hits, f"back-maintenance for {months:g} months" if months else "back-maintenance"


@_recogniser("uplift")
def _uplift(ctx: AuditContext) -> Fired:
    stated = [(i, pct) for i, pct in ctx.attr("uplift_pct") if pct > 0]
    if stated:
        return [i for i, _ in stated], f"+{max(p for _, p in stated):g} % uplift"
    wording = ctx.matching(_UPLIFT)
    return (wording, "penalty uplift") if wording else None


@_recogniser("lookback")
def _lookback(ctx: AuditContext) -> Fired:
    long = [(i, m) for i, m in ctx.attr("lookback_months") if m > 12]
    if long:
        return [i for i, _ in long], f"{max(m for _, m in long):g} months back"
    return None


@_recogniser("remote_tools")
def _remote_tools(ctx: AuditContext) -> Fired:
    hits = ctx.matching(_TOOLS)
    return (hits, "vendor scripts/tools on your systems") if hits else None


@_recogniser("license_termination")
def _license_termination(ctx: AuditContext) -> Fired:
    result = ctx.result
    candidates = sorted(set(ctx.audit + present(result, ["termination"])))
    hits = [
        i
        for i in ctx.matching(_TERMINATE_LICENCES, candidates)
        if _AUDIT_CONTEXT.search(ctx.text(i))
    ]
    return (hits, "licences end over audit non-compliance") if hits else None


@_recogniser("metric_undefined")
def _metric_undefined(ctx: AuditContext) -> Fired:
    stated = [i for i in ctx.metric if ctx.result.clauses[i].attributes.get("metric")]
    if stated:
        return None
    grant = present(ctx.result, GRANT_TYPES)[:1]
    return grant, "no licence metric stated"


@_recogniser("metric_ambiguous")
def _metric_ambiguous(ctx: AuditContext) -> Fired:
    hits = ctx.matching(_AMBIGUOUS_METRIC, ctx.metric + present(ctx.result, GRANT_TYPES))
    if not hits:
        return None
    words = {m.lower() for i in hits for m in _AMBIGUOUS_METRIC.findall(ctx.text(i))}
    return hits, f"metric covers {', '.join(sorted(words))}"


@_recogniser("self_certification")
def _self_certification(ctx: AuditContext) -> Fired:
    hits = ctx.matching(_ON_DEMAND)
    return (hits, "certify or report deployment on request") if hits else None


def licence_audit_hits(result: ContractResult) -> list[int]:
    """Present audit_rights hits in which the vendor audits the customer."""
    return [
        i
        for i in present(result, ["audit_rights"])
        if not _AUDITS_SUPPLIER.search(" ".join(result.clauses[i].text.split()))
    ]


def grants_licence(result: ContractResult, contract_type: str | None) -> bool:
    return contract_type in LICENSING_CONTRACTS or bool(present(result, GRANT_TYPES))


def _level(score: float) -> str:
    levels = _config()["levels"]
    level = "none"
    for name, floor in sorted(levels.items(), key=lambda item: item[1]):
        if score >= floor:
            level = name
    return level


def score_license_audit(result: ContractResult, contract_type: str | None) -> dict[str, Any] | None:
    """The `license_audit` field of the scan JSON (`factors`: `AuditFactor`s): None when the
    contract grants no licence."""
    if not grants_licence(result, contract_type):
        return None
    ctx = AuditContext(result, licence_audit_hits(result), present(result, ["license_metric"]))
    factors = []
    for factor_id, spec in _config()["factors"].items():
        fired = _RECOGNISERS[factor_id](ctx)
        if fired is None:
            continue
        evidence, found = fired
        first = result.clauses[evidence[0]] if evidence else None
        where = f" (p.{first.page}: “{shorten(first.text, 100)}”)" if first and first.page else ""
        factors.append(
            AuditFactor(
                id=factor_id,
                points=spec["points"],
                message=f"{spec['message']} Found: {found}{where}.",
                evidence=tuple(evidence),
                pages=tuple(sorted({p for i in evidence if (p := result.clauses[i].page)})),
                source=spec["source"],
            )
        )
    score = min(100, sum(f.points for f in factors))
    return {"score": score, "level": _level(score), "factors": factors}


def audit_terms(result: ContractResult) -> dict[str, Any]:
    """The terms the claim is computed under, read from the licence-audit clauses."""
    ctx = AuditContext(result, licence_audit_hits(result), [])
    pricing = [basis for _, basis in ctx.attr("remediation_pricing")]
    uplift = [pct for _, pct in ctx.attr("uplift_pct")]
    threshold = [pct for _, pct in cost_thresholds(ctx)]
    back = back_maintenance_months(ctx)
    return {
        "price_basis": "list" if "list" in pricing else "contract",
        "uplift_pct": max(uplift) if uplift else 0.0,
        "back_maintenance_months": (back[1] or 0.0) if back else 0.0,
        "cost_shift_pct": min(threshold) if threshold else None,
    }
