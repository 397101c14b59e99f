"""The contract type is detected with a score and an explanation, and users can override it."""

from __future__ import annotations

import pytest
from conftest import require_tesseract, sample_truths

import contractkit
from contractkit.review.contract_type import override_contract_type

READABLE = sample_truths()  # the scanned one too: it is read by OCR


@pytest.mark.parametrize("truth", READABLE, ids=lambda t: t["file"])
def test_each_sample_gets_its_true_contract_type(truth, reviewed_samples):
    if "image_only" in truth["layout"]:
        require_tesseract()
    kind = reviewed_samples[truth["file"]].contract_type
    assert kind["label"] == truth["contract_type"]
    assert 0.5 <= kind["score"] <= 1
    assert kind["explanation"] and not kind["overridden"]


def test_a_framework_for_hardware_is_hardware_and_flagged_as_a_framework(reviewed_samples):
    assert reviewed_samples["hardware_framework_purchase.pdf"].contract_type["framework"]
    assert not reviewed_samples["poor_supplier_terms.pdf"].contract_type["framework"]


def test_an_unreadable_contract_has_no_type_and_no_findings():
    from conftest import SAMPLES

    result = contractkit.analyze(SAMPLES / "scanned_hardware_purchase.pdf", ocr=False)
    assert result.error.code == "no_text_layer"
    assert result.contract_type is None and result.findings == [] and result.license_audit is None


def test_the_user_can_override_the_type_and_the_playbook_follows(samples_dir=None):
    from conftest import SAMPLES

    result = contractkit.analyze(SAMPLES / "poor_supplier_terms.pdf", contract_type="saas")
    assert result.contract_type["label"] == "saas" and result.contract_type["overridden"]
    assert result.contract_type["playbook"] == "saas"
    assert {"saas.sla.required"} <= {f.rule_id for f in result.findings}


ISSUE_TYPES = [
    "hardware_purchase",
    "software_license",
    "saas",
    "daas_rental",
    "managed_services",
    "framework_agreement",
    "data_processing_agreement",
    "other",
]


@pytest.mark.parametrize("label", ISSUE_TYPES)
def test_each_type_the_issue_names_can_be_chosen_and_reviews_with_its_playbook(label):
    """Chosen for a contract with no clauses, a type is reported as overridden and its own
    playbook judges the contract: every clause that playbook requires is missing."""
    from contractkit.result import ContractResult
    from contractkit.review import load_playbook, review_as

    result = ContractResult(file="c.txt", engine="text")
    review_as(result, override_contract_type(label))
    assert result.contract_type["label"] == label and result.contract_type["overridden"]
    playbook = load_playbook(result.contract_type["playbook"])
    raised = {f.rule_id for f in result.findings}
    assert raised <= {rule.id for rule in playbook.rules}
    required = {rule.id for rule in playbook.rules if rule.presence == "required"}
    assert required <= {f.rule_id for f in result.findings if f.kind == "missing_clause"}


def test_an_unknown_type_is_refused():
    with pytest.raises(ValueError, match="unknown contract type"):
        override_contract_type("lease")
