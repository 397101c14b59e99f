"""Findings: what the playbook flags on each sample, each citing its evidence, in the scan JSON."""

from __future__ import annotations

import dataclasses
import json

import jsonschema
import pytest
from conftest import AS_OF, SAMPLES, sample_truths
from test_scan_cli import SCHEMA

import contractkit
from contractkit import load
from contractkit.cli import main
from contractkit.nlp import make_pipeline
from contractkit.result import AuditFactor, ContractResult, Finding
from contractkit.review import (
    CHECK_FLOOR,
    PlaybookError,
    load_playbook,
    parse_playbook,
    review_as,
)
from contractkit.scan import analyze_document

TRUTH = {t["file"]: t for t in sample_truths()}
BALANCED = ("saas_subscription.pdf", "hardware_framework_purchase.pdf")


def test_the_poor_contract_gets_a_high_missing_clause_for_each_required_type_it_lacks(
    reviewed_samples,
):
    result = reviewed_samples["poor_supplier_terms.pdf"]
    playbook = load_playbook(result.contract_type["playbook"])
    required = {r.clause_type for r in playbook.rules if r.presence == "required"}
    lacking = required & set(TRUTH["poor_supplier_terms.pdf"]["absent"])
    assert lacking >= {"warranty", "returns", "data_erasure"}
    missing_high = {
        f.clause_type
        for f in result.findings
        if f.kind == "missing_clause" and f.severity == "high"
    }
    assert lacking <= missing_high
    # the recommended ones it lacks are flagged too, one step lower
    medium = {f.clause_type for f in result.findings if f.severity == "medium"}
    assert {"termination", "acceptance", "support_maintenance"} <= medium


def test_balanced_contracts_get_few_findings(reviewed_samples):
    for name in BALANCED:
        findings = reviewed_samples[name].findings
        assert len(findings) <= 2, (name, [f.rule_id for f in findings])
        assert not [f for f in findings if f.severity == "high"], name


def test_no_missing_clause_finding_on_the_samples_is_for_a_clause_that_is_there(
    reviewed_samples,
):
    for name, result in reviewed_samples.items():
        there = {c["type"] for c in TRUTH[name]["clauses"]}
        wrong = [
            f.rule_id
            for f in result.findings
            if f.kind == "missing_clause" and f.clause_type in there
        ]
        assert wrong == [], name


def test_the_detector_points_at_likeliest_text_only_where_the_review_can_use_it(
    reviewed_samples,
):
    """A type's likeliest unit is reported below the span threshold only from the presence
    at which the review raises a `check` that cites it; below that the review says the clause
    is missing, and a pointer would contradict it. The SaaS sample's exclusivity (presence
    0.18) was such a pointer while the detector's floor lay at 0.1."""
    for name, result in reviewed_samples.items():
        missing = {f.clause_type for f in result.findings if f.kind == "missing_clause"}
        assert not missing & {hit.type for hit in result.clauses}, name
    saas = reviewed_samples["saas_subscription.pdf"]
    assert 0.1 <= saas.presence["exclusivity"] < CHECK_FLOOR
    assert "exclusivity" not in {hit.type for hit in saas.clauses}
    lower = make_pipeline(detector={"best_unit_presence": 0.1})
    pointing = analyze_document(load(SAMPLES / "saas_subscription.pdf"), nlp=lower, as_of=AS_OF)
    assert "exclusivity" in {hit.type for hit in pointing.clauses}


def test_every_finding_has_evidence_or_is_a_missing_clause(reviewed_samples):
    seen = 0
    for result in reviewed_samples.values():
        for f in result.findings:
            seen += 1
            assert f.kind in ("missing_clause", "weak_term", "risk", "check")
            assert f.rule_id and f.suggestion and f.message
            if f.kind == "missing_clause":
                assert f.evidence == ()
                continue
            if f.kind == "check":  # points at text the detector is unsure about
                assert all(not result.has(result.clauses[i].type) for i in f.evidence)
                continue
            assert f.evidence, f.rule_id
            for index in f.evidence:
                hit = result.clauses[index]
                assert result.has(hit.type) and hit.text and hit.page
            assert list(f.pages) == sorted({result.clauses[i].page for i in f.evidence})
    assert seen >= 15


def test_weak_terms_cite_the_clause_that_states_the_value(reviewed_samples):
    result = reviewed_samples["software_license_audit.pdf"]
    by_rule = {f.rule_id: f for f in result.findings}
    warranty = by_rule["lic.warranty.duration"]
    assert [result.clauses[i].attributes["duration_months"] for i in warranty.evidence] == [3]
    assert "ninety (90) days" in result.clauses[warranty.evidence[0]].text
    pricing = by_rule["lic.audit.pricing"]
    assert all("List Price" in result.clauses[i].text for i in pricing.evidence)


def test_findings_fill_the_scan_json_and_lines_still_validate(tmp_path):
    out = tmp_path / "scan.jsonl"
    paths = [SAMPLES / "poor_supplier_terms.pdf", SAMPLES / "scanned_hardware_purchase.pdf"]
    assert main(["scan", *map(str, paths), "--no-ocr", "--out", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    for line in lines:
        jsonschema.validate(line, SCHEMA)
    poor, scanned = lines
    assert poor["contract_type"]["label"] == "hardware_purchase"
    assert {"hw.warranty.required", "hw.returns.required"} <= {
        f["rule_id"] for f in poor["findings"]
    }
    assert poor["license_audit"] is None  # no licence is granted
    assert scanned["findings"] == [] and scanned["error"]["code"] == "no_text_layer"


# -- unsure presence: `check` rather than `missing_clause` -------------------------------------


def _unsure(result: ContractResult, drop_hits: bool = False, **presence: float) -> ContractResult:
    """A copy of a reviewed sample whose detector was less sure about some clause types
    (`presence`); `drop_hits` also removes every hit of those types."""
    clauses = [c for c in result.clauses if not (drop_hits and c.type in presence)]
    return dataclasses.replace(
        result, clauses=clauses, presence={**result.presence, **presence}, findings=[]
    )


def _review(result: ContractResult, playbook=None) -> dict[str, list[Finding]]:
    """Findings by clause type after reviewing `result` as its detected contract type."""
    review_as(result, dict(result.contract_type), playbook)
    by_type: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_type.setdefault(f.clause_type, []).append(f)
    return by_type


HARDWARE = "hardware_framework_purchase.pdf"  # returns on p.3, the warranty's remedies on p.2


def test_an_unsure_required_clause_is_a_check_that_points_at_the_likeliest_text(
    reviewed_samples,
):
    sample = reviewed_samples[HARDWARE]
    assert sample.has("returns") and not [f for f in sample.findings if f.clause_type == "returns"]
    result = _unsure(sample, returns=0.3)  # between the floor (0.2) and presence (0.5)
    (check,) = _review(result)["returns"]
    assert check.kind == "check" and check.rule_id == "hw.returns.required"
    assert check.severity == "high"  # the required rule's: it is what is at stake
    returns = [i for i, c in enumerate(result.clauses) if c.type == "returns"]
    best = max(returns, key=lambda i: result.clauses[i].score)
    assert check.evidence[0] == best and 1 <= len(check.evidence) <= 3
    assert set(check.evidence) <= set(returns)
    scores = [result.clauses[i].score for i in check.evidence]
    assert scores == sorted(scores, reverse=True)
    hit = result.clauses[best]
    assert check.pages[0] == hit.page
    assert "found with confidence" in check.message
    assert f"look at p.{hit.page}: “{' '.join(hit.text.split())[:40]}" in check.message
    # nothing claims the returns clause is missing, and the scan JSON still validates
    assert not [f for f in result.findings if f.kind == "missing_clause"]
    jsonschema.validate(result.to_dict(), SCHEMA)


def test_below_the_floor_an_absent_clause_is_missing(reviewed_samples):
    result = _unsure(reviewed_samples[HARDWARE], returns=0.1)
    (missing,) = _review(result)["returns"]
    assert missing.kind == "missing_clause" and missing.evidence == ()


def test_an_unsure_clause_with_no_hit_to_show_says_to_look_through_the_contract(
    reviewed_samples,
):
    result = _unsure(reviewed_samples[HARDWARE], drop_hits=True, returns=0.3)
    (check,) = _review(result)["returns"]
    assert check.kind == "check" and check.evidence == () and check.pages == ()
    assert "look through the contract" in check.message
    jsonschema.validate(result.to_dict(), SCHEMA)


def test_a_rule_is_present_when_any_of_its_types_is(reviewed_samples):
    # the warranty rule also accepts a warranty-duration clause
    result = _unsure(reviewed_samples[HARDWARE], warranty=0.3)
    assert result.has("warranty_duration")
    assert "warranty" not in _review(result)


def test_a_playbook_sets_the_check_floor(reviewed_samples, tmp_path):
    strict = tmp_path / "strict.yaml"
    strict.write_text("name: strict\nextends: hardware_purchase\ncheck_floor: 0.4\n")
    lenient = tmp_path / "lenient.yaml"
    lenient.write_text("name: lenient\nextends: strict.yaml\ncheck_floor: 0.05\n")
    sample = reviewed_samples[HARDWARE]
    kinds = {
        (name, score): [f.kind for f in _review(_unsure(sample, returns=score), name)["returns"]]
        for name in (None, strict, lenient)
        for score in (0.1, 0.3)
    }
    assert kinds[None, 0.1] == ["missing_clause"] and kinds[None, 0.3] == ["check"]
    assert kinds[strict, 0.1] == kinds[strict, 0.3] == ["missing_clause"]
    assert kinds[lenient, 0.1] == kinds[lenient, 0.3] == ["check"]
    # in Python: a copy of a playbook with another floor
    loose = dataclasses.replace(load_playbook("hardware_purchase"), check_floor=0.05)
    assert [f.kind for f in _review(_unsure(sample, returns=0.1), loose)["returns"]] == ["check"]
    with pytest.raises(PlaybookError, match=r"check_floor must be a number between 0 and 0\.5"):
        dataclasses.replace(loose, check_floor=0.5)


def test_the_check_floor_is_inherited_through_extends(tmp_path):
    (tmp_path / "base.yaml").write_text("name: base\nextends: saas\ncheck_floor: 0.3\n")
    child = parse_playbook("name: child\nextends: base.yaml\n", str(tmp_path / "child.yaml"))
    assert child.check_floor == 0.3
    assert parse_playbook("name: mine\nextends: saas\n").check_floor == (
        load_playbook("common").check_floor
    )


# -- typed findings and audit factors: what the scan JSON holds, read back as it was -----------


def test_a_stored_result_reloads_into_typed_findings_equal_to_the_fresh_ones(
    reviewed_samples, tmp_path
):
    names = ["poor_supplier_terms.pdf", "software_license_audit.pdf", "saas_subscription.pdf"]
    paths = [SAMPLES / name for name in names]
    store = tmp_path / "results.sqlite"
    contractkit.scan(paths, cache=store, as_of=AS_OF)
    again = contractkit.scan(paths, cache=store, as_of=AS_OF)  # every result from the store
    for name, stored in zip(names, again, strict=True):
        fresh = reviewed_samples[name]
        assert fresh.findings and all(type(f) is Finding for f in stored.findings)
        assert stored.findings == fresh.findings, name
        if fresh.license_audit is not None:
            factors = stored.license_audit["factors"]
            assert factors and all(type(f) is AuditFactor for f in factors)
        assert stored.license_audit == fresh.license_audit, name
    licence = dict(zip(names, again, strict=True))["software_license_audit.pdf"]
    assert licence.license_audit["factors"]  # the audit factors were compared, not skipped


def test_findings_and_factors_read_from_a_scan_line_write_the_same_json(tmp_path):
    out = tmp_path / "scan.jsonl"
    paths = [SAMPLES / "software_license_audit.pdf", SAMPLES / "poor_supplier_terms.pdf"]
    assert main(["scan", *map(str, paths), "--no-cache", "--out", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    findings = [f for line in lines for f in line["findings"]]
    factors = [f for line in lines for f in (line["license_audit"] or {}).get("factors", [])]
    assert len(findings) >= 10 and len(factors) >= 5
    for finding in findings:
        assert Finding.from_dict(finding).to_dict() == finding
        assert list(Finding.from_dict(finding).to_dict()) == list(finding)  # key order
    for factor in factors:
        assert AuditFactor.from_dict(factor).to_dict() == factor
        assert list(AuditFactor.from_dict(factor).to_dict()) == list(factor)
    # a finding another tool wrote with only the schema's required keys keeps only those
    bare = {"kind": "risk", "clause_type": "x", "severity": "low", "message": "m"}
    assert Finding.from_dict(bare).to_dict() == bare
    for line in lines:
        assert ContractResult.from_dict(line).to_dict() == line
