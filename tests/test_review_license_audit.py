"""Licence-audit exposure: a score with factors that point at clauses, and the money."""

from __future__ import annotations

import json

import jsonschema
import pytest
from conftest import SAMPLES
from test_scan_cli import SCHEMA

import contractkit
from contractkit.review.license_audit import audit_exposure, entitlements_from_text

LICENCE = "software_license_audit.pdf"


def test_the_aggressive_licence_scores_critical_with_factors_naming_the_clauses(
    reviewed_samples,
):
    result = reviewed_samples[LICENCE]
    audit = result.license_audit
    assert audit["level"] in ("high", "critical") and audit["score"] >= 70
    factors = {f.id: f for f in audit["factors"]}
    assert {
        "audit_right",
        "no_notice",
        "frequent_audits",
        "vendor_auditor",
        "no_confidentiality",
        "no_business_hours",
        "low_cost_threshold",
        "list_price",
        "back_maintenance",
        "uplift",
        "lookback",
        "remote_tools",
        "license_termination",
        "metric_ambiguous",
        "self_certification",
    } <= set(factors)
    assert "metric_undefined" not in factors  # per Core and per Named User are stated
    for factor in audit["factors"]:
        assert factor.points > 0 and factor.evidence, factor.id
        for index in factor.evidence:
            assert result.clauses[index].page in (1, 2)
        assert f"p.{result.clauses[factor.evidence[0]].page}" in factor.message
    text = {k: " ".join(result.clauses[f.evidence[0]].text.split()) for k, f in factors.items()}
    assert "with or without prior notice" in text["no_notice"]
    assert "measurement scripts" in text["remote_tools"] or "remotely" in text["remote_tools"]
    assert "terminate all licenses" in text["license_termination"]
    assert "Indirect Use" in text["metric_ambiguous"] or "virtualized" in text["metric_ambiguous"]
    risk = [f for f in result.findings if f.kind == "risk"]
    assert risk and risk[0].rule_id == "license_audit.exposure"


LICENCE_TEXT = """SOFTWARE LICENSE AGREEMENT

This Software License Agreement is made between Quorvant Software Ltd ("Licensor") and Acme
Corp ("Licensee").

1. License Grant. Licensor grants Licensee a non-exclusive, non-transferable license to use the
Software for up to 50 Named Users.

2. Audit. {audit}

3. Limitation of Liability. Neither party's aggregate liability shall exceed the fees paid in
the twelve (12) months preceding the claim.

4. Governing Law. This Agreement is governed by the laws of England and Wales.
"""
FAIR_AUDIT = (
    "Licensor may, on thirty (30) days' prior written notice and not more than once in any "
    "twelve (12) month period, have an independent auditor bound by confidentiality verify "
    "Licensee's use of the Software during normal business hours without unreasonable "
    "disruption of Licensee's business."
)
HARSH_AUDIT = (
    "Licensor may audit Licensee's use of the Software at any time, with or without prior "
    "notice, using its own personnel, and Licensee shall pay the cost of the audit and any "
    "unlicensed use at Licensor's then-current list price."
)


def audit_of(tmp_path, name: str, audit: str) -> tuple[dict, object]:
    path = tmp_path / f"{name}.txt"
    path.write_text(LICENCE_TEXT.format(audit=audit))
    result = contractkit.analyze(path)
    assert result.contract_type["label"] == "software_license"
    return result.license_audit, result


def test_the_score_follows_the_audit_clauses_wording(tmp_path):
    """The same licence with a balanced audit clause and with a one-sided one: only the
    one-sided wording raises the red flags, each pointing at the audit clause, and the score
    and level rise with them."""
    fair, _ = audit_of(tmp_path, "fair", FAIR_AUDIT)
    harsh, result = audit_of(tmp_path, "harsh", HARSH_AUDIT)
    flags = {"no_notice", "no_frequency_cap", "vendor_auditor", "no_confidentiality"}
    flags |= {"no_business_hours", "costs_regardless", "list_price"}
    assert flags <= {f.id for f in harsh["factors"]}
    assert not flags & {f.id for f in fair["factors"]}
    assert fair["level"] == "low" and harsh["level"] == "critical"
    assert fair["score"] < 25 <= 70 <= harsh["score"] <= 100
    for factor in harsh["factors"]:
        if factor.id in flags:
            cited = result.clauses[factor.evidence[0]].text
            assert "with or without prior notice" in " ".join(cited.split()), factor.id
    # one red flag alone: the notice
    noticeless = FAIR_AUDIT.replace(
        "on thirty (30) days' prior written notice and", "without notice,"
    )
    one_flag, _ = audit_of(tmp_path, "noticeless", noticeless)
    assert {f.id for f in one_flag["factors"]} - {f.id for f in fair["factors"]} == {"no_notice"}
    assert fair["score"] < one_flag["score"] < harsh["score"]


def test_a_customer_audit_of_the_supplier_is_not_a_licence_audit(reviewed_samples):
    audit = reviewed_samples["saas_subscription.pdf"].license_audit
    assert audit is not None  # a subscription grants a right to use
    assert audit["level"] in ("none", "low")
    assert "audit_right" not in {f.id for f in audit["factors"]}


def test_no_licence_audit_field_where_no_licence_is_granted(reviewed_samples):
    for name in ("poor_supplier_terms.pdf", "hardware_framework_purchase.pdf"):
        assert reviewed_samples[name].license_audit is None


def test_the_license_audit_field_follows_the_schema(reviewed_samples):
    line = json.loads(json.dumps(reviewed_samples[LICENCE].to_dict()))
    jsonschema.validate(line, SCHEMA)


def test_audit_exposure_with_an_inventory_is_the_hand_checked_sum(tmp_path):
    """The contract (§3.1, §3.1 support, §5.3, §5.4) licenses 48 Cores at USD 6,250 and
    250 Named Users at USD 450; support is 22 % of list a year; a shortfall is bought at
    List Price plus back-support for 36 months plus a 25 % uplift, and audit costs are due
    above a 2 % shortfall. The inventory finds 56 Cores (list 6,500) and 240 Named Users.

    Cores: shortfall 56 - 48 = 8
      licences        8 × 6,500              = 52,000
      uplift          52,000 × 25 %          = 13,000
      back-support    8 × 6,500 × 22 % × 3   = 34,320
    Named Users: 250 - 240 = 10 surplus, nothing owed.
    Shortfall share at contract prices: 8 × 6,250 / (48 × 6,250 + 250 × 450)
      = 50,000 / 412,500 = 12.12 % > 2 %  → audit costs 10,000
    Claim: 52,000 + 13,000 + 34,320 + 10,000 = 109,320
    """
    inventory = tmp_path / "inventory.csv"
    inventory.write_text(
        "product,metric,deployed,unit_price\n"
        "Quorvant DataVault Enterprise,Core,56,6500\n"
        "Quorvant DataVault Enterprise,Named User,240,480\n"
    )
    exposure = contractkit.review(
        SAMPLES / LICENCE, inventory=inventory, audit_costs=10_000
    ).exposure.set_index("product", append=True)
    rows = exposure.reset_index("product")
    core = rows[rows["metric"] == "core"].iloc[0]
    users = rows[rows["metric"] == "named_user"].iloc[0]
    total = rows[rows["product"] == "TOTAL"].iloc[0]
    assert (core["licensed"], core["deployed"], core["shortfall"]) == (48, 56, 8)
    assert core["price_basis"] == "list" and core["unit_price"] == 6_500
    assert core["licence_fees"] == 52_000
    assert core["uplift"] == 13_000
    assert core["back_maintenance"] == pytest.approx(34_320)
    assert "8 × 6,500.00 = 52,000.00" in core["formula"]
    assert (users["position"], users["shortfall"], users["claim"]) == (10, 0, 0)
    assert total["audit_costs"] == 10_000 and "12.12 % > 2 %" in total["formula"]
    assert total["claim"] == pytest.approx(109_320)


def test_below_the_cost_threshold_no_audit_costs_and_entitlements_can_come_from_a_csv(
    tmp_path,
):
    """With 50 Cores licensed (CSV), 56 deployed: shortfall 6 × 6,250 = 37,500 of
    50 × 6,250 = 312,500 → 12 % > 2 %; with 55 licensed: 1 × 6,250 / 343,750 = 1.82 % < 2 %."""
    inventory = tmp_path / "inventory.csv"
    inventory.write_text("product,metric,deployed,unit_price\nDV,core,56,6500\n")
    owned = tmp_path / "owned.csv"
    owned.write_text("product,metric,licensed,unit_price\nDV,cores,55,6250\n")
    result = contractkit.review(
        SAMPLES / LICENCE, inventory=inventory, entitlements=owned, audit_costs=10_000
    ).exposure
    total = result[result["product"] == "TOTAL"].iloc[0]
    # 1 × 6,500 = 6,500; + 25 % = 1,625; + 6,500 × 22 % × 3 = 4,290; no audit costs
    assert total["audit_costs"] == 0
    assert total["claim"] == pytest.approx(6_500 + 1_625 + 4_290)


# -- entitlements read from the contract's text ----------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The license fees are USD 412,500.00, being 48 Cores at USD 6,250.00 each and"
            " 250 Named Users at USD 450.00 each.",
            [("core", 48, 6250.0, "USD"), ("named_user", 250, 450.0, "USD")],
        ),
        (
            "Licensor grants Licensee licenses for 48 processor cores at a price of US$6,250"
            " per core.",
            [("core", 48, 6250.0, "USD")],
        ),
        (
            "Licensee may permit up to 500 Named Users to access the Software for an annual"
            " subscription fee of $120 per user.",
            [("named_user", 500, 120.0, "USD")],
        ),
        ("Licensed Quantity: 10 servers", [("server", 10, None, "")]),
        (
            "Licensee shall purchase forty-eight (48) processor cores at a unit price of"
            " €5.000,00.",
            [("core", 48, 5000.0, "EUR")],
        ),
        (
            "Number of Licenses: 1,000 Named Users; Fee per Named User: GBP 75.",
            [("named_user", 1000, 75.0, "GBP")],
        ),
    ],
)
def test_entitlements_in_the_wordings_licences_use(sentence, expected):
    found = entitlements_from_text(sentence)
    assert [(e["metric"], e["licensed"], e["unit_price"], e["currency"]) for e in found] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Licensee shall notify Licensor within 15 days.",
        "Up to 3 servers may be used for testing, and the total fee is $10,000.",
        "The fees are USD 412,500.00 for 48 Cores.",
    ],
)
def test_quantities_without_a_unit_price_or_licensing_words_are_not_entitlements(sentence):
    assert entitlements_from_text(sentence) == []


def test_the_product_is_what_the_software_definition_names():
    text = '"Licensed Software" means Acme Ledger Pro, version 9. 5 Seats at USD 10 each.'
    assert [e["product"] for e in entitlements_from_text(text)] == ["Acme Ledger Pro"]


def test_an_entitlement_without_a_price_is_valued_at_the_inventory_price():
    owned = entitlements_from_text("Licensed Quantity: 10 servers")
    inventory = [{"product": "Acme", "metric": "Server", "deployed": 12, "unit_price": 1000.0}]
    terms = {
        "price_basis": "contract",
        "uplift_pct": 0.0,
        "back_maintenance_months": 0.0,
        "cost_shift_pct": 5.0,
    }
    table = audit_exposure(owned, inventory, terms, audit_costs=500.0)
    row, total = table.iloc[0], table.iloc[-1]
    assert (row["licensed"], row["shortfall"], row["contract_price"]) == (10, 2, 1000.0)
    assert row["claim"] == 2000.0
    assert total["audit_costs"] == 500.0  # 2,000 short of 10,000 owned: 20 % > 5 %
