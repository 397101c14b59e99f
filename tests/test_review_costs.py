"""Cost of gaps: the practitioner example (100 devices, €24,000) follows from the findings."""

from __future__ import annotations

import dataclasses

from conftest import SAMPLES

import contractkit
from contractkit.review import cost_of_gaps, review_as


def test_the_24000_euro_example_is_reproduced_from_a_contract_lacking_those_terms(
    reviewed_samples,
):
    findings = reviewed_samples["poor_supplier_terms.pdf"].findings
    costs = cost_of_gaps(findings, devices=100).set_index("line")
    # unclear conditions: no support, returns, SLA or warranty terms
    assert costs.loc["unclear_conditions", "amount"] == 90 * 100
    assert "hw.warranty.required" in costs.loc["unclear_conditions", "triggered_by"]
    # one-off order: the contract is an equipment sale, not a framework
    assert costs.loc["no_framework", "amount"] == 70 * 100
    assert costs.loc["no_framework", "triggered_by"] == "hw.framework"
    # delivery without a date or lead time
    assert costs.loc["no_delivery_planning", "amount"] == 80 * 100
    assert costs["amount"].sum() == 24_000
    assert set(costs["currency"]) == {"EUR"}


def test_a_balanced_framework_costs_nothing(reviewed_samples):
    costs = cost_of_gaps(reviewed_samples["hardware_framework_purchase.pdf"].findings)
    assert not costs["applies"].any() and costs["amount"].sum() == 0


def test_figures_and_device_count_are_parameters(reviewed_samples):
    findings = reviewed_samples["poor_supplier_terms.pdf"].findings
    model = {
        "currency": "CHF",
        "lines": [
            {"id": "unclear", "label": "u", "per_device": 10, "clause_types": ["warranty"]},
            {
                "id": "escrow",
                "label": "e",
                "per_device": 99,
                "clause_types": ["source_code_escrow"],
            },
        ],
    }
    costs = cost_of_gaps(findings, devices=250, model=model).set_index("line")
    assert costs.loc["unclear", "amount"] == 2_500
    assert costs.loc["escrow", "amount"] == 0  # no finding about escrow: the line does not apply


def test_review_reports_the_cost_per_contract_with_the_device_count():
    result = contractkit.review(SAMPLES / "poor_supplier_terms.pdf", devices=40)
    assert result.contracts.loc[0, "cost_of_gaps"] == 240 * 40
    assert set(result.costs["devices"]) == {40}


def test_a_check_is_not_a_gap_and_costs_nothing(reviewed_samples):
    """A `check` (the detector is unsure whether the clause is there) asks a reviewer to
    look; only a missing or weak clause makes a cost line apply."""
    sample = reviewed_samples["hardware_framework_purchase.pdf"]

    def costs_when(score: float):
        presence = {**sample.presence, "returns": score, "warranty": score}
        presence["warranty_duration"] = score
        result = dataclasses.replace(sample, presence=presence, findings=[])
        review_as(result, dict(result.contract_type))
        kinds = {f.kind for f in result.findings if f.clause_type in ("returns", "warranty")}
        return kinds, cost_of_gaps(result.findings, devices=100).set_index("line")

    kinds, costs = costs_when(0.3)
    assert kinds == {"check"}
    assert not costs.loc["unclear_conditions", "applies"] and costs["amount"].sum() == 0
    kinds, costs = costs_when(0.1)  # below the floor: missing, and the gap costs
    assert kinds == {"missing_clause"}
    assert costs.loc["unclear_conditions", "amount"] == 90 * 100
    # a cost model may still count checks, by naming the kind
    line = {"id": "l", "label": "l", "per_device": 1, "clause_types": ["returns"]}
    result = dataclasses.replace(sample, presence={**sample.presence, "returns": 0.3}, findings=[])
    review_as(result, dict(result.contract_type))
    model = {"lines": [line, {**line, "id": "c", "kinds": ["check"]}]}
    counted = cost_of_gaps(result.findings, devices=10, model=model).set_index("line")
    assert not counted.loc["l", "applies"] and counted.loc["c", "amount"] == 10
