"""Playbook rules applied to one contract's clause hits: the findings.

Each rule is one small check that says why it fired: a presence rule fires when none of
its clause types counts as present, as a `check` (look at the likeliest text) while the
detector's best presence for them is at least the playbook's `check_floor`, as a
`missing_clause` below it; an attribute check fires when every present hit that
states the attribute states a weak value (so one good clause is enough, and noise in one
hit does not raise a finding); a contract check fires on a fact about the whole contract.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from contractkit.ingest.visibility import TINY
from contractkit.result import ContractResult, Finding
from contractkit.review.evidence import cite, likeliest, present
from contractkit.review.playbook import CHECK_FLOOR, Playbook, Rule, taxonomy

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2, "info": 3}


def _name(clause_type: str) -> str:
    types = taxonomy()
    return types[clause_type].name if clause_type in types else clause_type.replace("_", " ")


def finding(
    kind: str,
    rule: Rule,
    message: str,
    evidence: list[int],
    result: ContractResult,
) -> Finding:
    """One finding of `rule` citing the clauses `evidence` (schema fields plus rule, advice,
    pages)."""
    pages = sorted({p for i in evidence if (p := result.clauses[i].page) is not None})
    return Finding(
        kind=kind,
        clause_type=rule.clause_type,
        severity=rule.severity,
        message=message,
        evidence=tuple(evidence),
        pages=tuple(pages),
        rule_id=rule.id,
        reason=rule.reason,
        suggestion=rule.suggestion,
        source=rule.source,
    )


def _presence(
    rule: Rule, result: ContractResult, check_floor: float = CHECK_FLOOR
) -> Finding | None:
    if any(result.has(t) for t in rule.types):
        return None
    best = max(result.presence.get(t, 0.0) for t in rule.types)
    weight = "required" if rule.presence == "required" else "recommended"
    name = _name(rule.clause_type)
    if best < check_floor:
        message = f"No {name} clause found ({weight}): {rule.reason}"
        return finding("missing_clause", rule, message, [], result)
    # the detector is unsure: not a claim that the clause is missing, a pointer to look
    evidence = likeliest(result, rule.types)
    if evidence:
        where = f"look at {cite(result, evidence)}"
    else:
        where = "look through the contract: the detector points at no passage"
    message = f"No {name} clause found with confidence ({weight}) — {where}. {rule.reason}"
    return finding("check", rule, message, evidence, result)


def _attribute_check(rule: Rule, result: ContractResult) -> Finding | None:
    check = rule.check
    assert check is not None
    hits = present(result, [rule.clause_type])
    if not hits:
        return None  # the presence rule speaks for a missing clause
    stated = [i for i in hits if result.clauses[i].attributes.get(check.attribute) is not None]
    name = _name(rule.clause_type)
    if check.value is None:  # `== null`: no present clause states it
        if stated:
            return None
        message = f"{name}: no {check.attribute} stated ({check.text}): {rule.reason}"
        message += f" {cite(result, hits)}"
        return finding("weak_term", rule, message, hits, result)
    weak = [i for i in stated if check.fails(result.clauses[i].attributes[check.attribute])]
    if not stated or len(weak) < len(stated):
        return None
    values = sorted({str(result.clauses[i].attributes[check.attribute]) for i in weak})
    # cite the clauses that say it themselves, not those that inherit it from their section
    saying = [i for i in weak if check.attribute not in result.clauses[i].inherited_attributes]
    evidence = saying or weak[:1]
    message = (
        f"{name}: {check.attribute} = {', '.join(values)} ({check.text}): {rule.reason}"
        f" {cite(result, evidence)}"
    )
    return finding("weak_term", rule, message, evidence, result)


def _contract_check(rule: Rule, result: ContractResult, facts: dict[str, Any]) -> Finding | None:
    check = rule.check
    assert check is not None
    fact = check.attribute.removeprefix("contract.")
    if not check.fails(facts.get(fact)):
        return None
    # the title is what shows the contract's form; cite it when the detector found one
    title = present(result, ["document_name"])[:1]
    message = f"{check.attribute} is {facts.get(fact)} ({check.text}): {rule.reason}"
    if title:
        message += f" {cite(result, title)}"
    return finding("risk", rule, message, title, result)


def apply_playbook(
    result: ContractResult, playbook: Playbook, facts: dict[str, Any]
) -> list[Finding]:
    """The findings of `playbook` on one contract, most severe first (stable otherwise).

    `facts` holds what `contract.<fact>` checks read: `framework` and `type`."""
    found = []
    for rule in playbook.rules:
        if rule.presence:
            item = _presence(rule, result, playbook.check_floor)
        elif rule.check is not None and rule.check.on_contract:
            item = _contract_check(rule, result, facts)
        else:
            item = _attribute_check(rule, result)
        if item is not None:
            found.append(item)
    return sorted(found, key=lambda f: SEVERITY_ORDER[f.severity])


HIDDEN_TEXT_RULE = Rule(
    id="document.hidden_text",
    clause_type="hidden_text",
    severity="high",
    reason=(
        "The file carries text a reader of the printed or displayed contract cannot see"
        " (invisible or background-coloured ink, text off the page or too small to read,"
        " characters that break words for machines only). It was left out of this review;"
        " it may still be argued to be part of the contract."
    ),
    suggestion=(
        "Ask the supplier why the text is there and for a clean copy; agree only on what"
        " both sides can read."
    ),
    source="contractkit: ingest/visibility.py",
)


def hidden_text_finding(result: ContractResult) -> Finding:
    """One `risk` finding for all of a result's hidden text: its pages, reasons and the first
    of it (high, but medium when all of it is merely tiny: a chart shrunk below 1 pt is more
    often an accident than a choice)."""
    hidden = result.hidden_text
    pages = sorted({h.page for h in hidden if h.page is not None})
    reasons = sorted({h.reason for h in hidden})
    first = hidden[0].text if len(hidden[0].text) <= 80 else hidden[0].text[:80] + "…"
    where = ", ".join(map(str, pages[:10])) + (" …" if len(pages) > 10 else "")
    on = f" on page{'s' if len(pages) > 1 else ''} {where}" if pages else ""
    message = (
        f"Text hidden from the reader{on}"
        f" ({'; '.join(reasons)}): “{first}”"
        + (f" and {len(hidden) - 1} more" if len(hidden) > 1 else "")
        + " — left out of this review"
    )
    return dataclasses.replace(
        finding("risk", HIDDEN_TEXT_RULE, message, [], result),
        severity="medium" if reasons == [TINY] else "high",
        pages=tuple(pages),
    )
