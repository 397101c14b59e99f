"""Findings: what the playbook flags on each sample, each citing its evidence, in the scan JSON."""

from __future__ import annotations

import json

import jsonschema
from conftest import SAMPLES, sample_truths
from test_scan_cli import SCHEMA

from contractkit.cli import main
from contractkit.review import load_playbook

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
        f["clause_type"]
        for f in result.findings
        if f["kind"] == "missing_clause" and f["severity"] == "high"
    }
    assert lacking <= missing_high
    # the recommended ones it lacks are flagged too, one step lower
    medium = {f["clause_type"] for f in result.findings if f["severity"] == "medium"}
    assert {"termination", "acceptance", "support_maintenance"} <= medium


def test_balanced_contracts_get_few_findings(reviewed_samples):
    for name in BALANCED:
        findings = reviewed_samples[name].findings
        assert len(findings) <= 2, (name, [f["rule_id"] for f in findings])
        assert not [f for f in findings if f["severity"] == "high"], name


def test_no_missing_clause_finding_on_the_samples_is_for_a_clause_that_is_there(
    reviewed_samples,
):
    for name, result in reviewed_samples.items():
        there = {c["type"] for c in TRUTH[name]["clauses"]}
        wrong = [
            f["rule_id"]
            for f in result.findings
            if f["kind"] == "missing_clause" and f["clause_type"] in there
        ]
        assert wrong == [], name


def test_every_finding_has_evidence_or_is_a_missing_clause(reviewed_samples):
    seen = 0
    for result in reviewed_samples.values():
        for f in result.findings:
            seen += 1
            assert f["kind"] in ("missing_clause", "weak_term", "risk")
            assert f["rule_id"] and f["suggestion"] and f["message"]
            if f["kind"] == "missing_clause":
                assert f["evidence"] == []
                continue
            assert f["evidence"], f["rule_id"]
            for index in f["evidence"]:
                hit = result.clauses[index]
                assert result.has(hit.type) and hit.text and hit.page
            assert f["pages"] == sorted({result.clauses[i].page for i in f["evidence"]})
    assert seen >= 15


def test_weak_terms_cite_the_clause_that_states_the_value(reviewed_samples):
    result = reviewed_samples["software_license_audit.pdf"]
    by_rule = {f["rule_id"]: f for f in result.findings}
    warranty = by_rule["lic.warranty.duration"]
    assert [result.clauses[i].attributes["duration_months"] for i in warranty["evidence"]] == [3]
    assert "ninety (90) days" in result.clauses[warranty["evidence"][0]].text
    pricing = by_rule["lic.audit.pricing"]
    assert all("List Price" in result.clauses[i].text for i in pricing["evidence"])


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
