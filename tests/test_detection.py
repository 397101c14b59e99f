"""Clause detection: spans on the spaCy Doc, with a type, a score and a reason."""

from __future__ import annotations

from functools import cache

import pytest
from conftest import SAMPLES, sample_truths

import contractkit
from contractkit.detect.pipeline import SPAN_KEY
from contractkit.ingest.text_engine import read_text
from contractkit.limits import Deadline
from contractkit.nlp import make_pipeline, pipe, to_spacy

KEY_TYPES = {"sla", "warranty", "returns", "audit_rights", "data_erasure"}
PRESENT = 0.5  # the score from which the tests treat a clause type as present


def text_document(text: str) -> contractkit.Document:
    return read_text("<test>", text.encode(), None, 1, Deadline(None, "<test>"))


def detected(text: str) -> dict[str, float]:
    """Clause type -> how sure the detector is that the text has one (contract-level)."""
    return to_spacy(text_document(text))._.clause_presence


@pytest.mark.parametrize(
    ("text", "clause_type"),
    [
        (
            "Licensor may audit Licensee's use of the Software once per calendar year "
            "on thirty (30) days' written notice.",
            "audit_rights",
        ),
        (
            "The Supplier warrants that the Products will be free from defects in materials "
            "and workmanship for a period of twelve (12) months from delivery.",
            "warranty",
        ),
        (
            "Provider shall make the Service available 99.9% of the time in each calendar "
            "month; if it does not, Customer is entitled to service credits.",
            "sla",
        ),
        (
            "Upon termination, the Processor shall delete all personal data and certify the "
            "deletion in writing within thirty (30) days.",
            "data_erasure",
        ),
        (
            "This Agreement shall be governed by and construed in accordance with the laws "
            "of the State of New York.",
            "governing_law",
        ),
        (
            "This Master Services Agreement is entered into as of March 1, 2021 by and "
            "between Acme Corp. and Beta LLC.",
            "agreement_date",
        ),
        (
            "Either party may terminate this Agreement for convenience upon ninety (90) days' "
            "prior written notice to the other party.",
            "termination_for_convenience",
        ),
        (
            "Supplier shall deliver the Products to the Delivery Address within fourteen (14) "
            "days of the Purchase Order.",
            "delivery",
        ),
        (
            "In no event shall either party's aggregate liability under this Agreement exceed "
            "the fees paid in the twelve (12) months preceding the claim.",
            "cap_on_liability",
        ),
        ("All invoices are payable within thirty (30) days of the invoice date.", "payment_terms"),
        (
            "During the Term, Distributor shall not sell or promote any products that compete "
            "with the Products.",
            "non_compete",
        ),
        (
            "Contractor hereby assigns to Company all right, title and interest in and to the "
            "Work Product, including all intellectual property rights therein.",
            "ip_ownership_assignment",
        ),
        (
            '1. DEFINITIONS\n\n1.1 "Software User" means a named user of the Services to whom '
            "a password has been assigned.",
            "license_metric",
        ),
        (
            "Licensor grants Licensee a non-exclusive licence to use the Software at each of "
            "the Authorized Locations listed in Schedule C.",
            "license_metric",
        ),
    ],
)
def test_each_family_fires_on_its_wording(text, clause_type):
    assert detected(text).get(clause_type, 0.0) >= PRESENT


@pytest.mark.parametrize(
    ("text", "clause_type"),
    [
        (
            "Each party warrants that it has full power and authority to enter into this "
            "Agreement.",
            "warranty",
        ),
        (
            "THE EQUIPMENT IS SOLD AS IS. SELLER MAKES NO WARRANTIES, EXPRESS OR IMPLIED, "
            "INCLUDING ANY WARRANTY OF MERCHANTABILITY.",
            "warranty",
        ),
        ("The Customer shall file its tax returns on time.", "returns"),
        ("The parties had lunch on Tuesday.", "audit_rights"),
        ("Headings are for convenience only and do not affect interpretation.",
         "termination_for_convenience"),
        ("The project team renewed its focus on quality during the year.", "renewal_term"),
        ("The Customer shall deliver its comments on the draft within a reasonable time.",
         "delivery"),
        ("Customer is liable for its own employees' travel arrangements.", "cap_on_liability"),
        ("The Customer's staff are paid by the Customer.", "payment_terms"),
        ("The market for such products is competitive.", "non_compete"),
        ("Each party retains the intellectual property it owned before the Effective Date.",
         "ip_ownership_assignment"),
        ("The Supplier shall assign a dedicated account manager to the Customer.",
         "anti_assignment"),
        ('1. DEFINITIONS\n\n1.1 "Affiliate" means any entity that controls, is controlled by '
         'or is under common control with a party.\n\n1.2 "Users" means the Customer\'s staff.',
         "license_metric"),  # a definitions section is not, as such, a licence metric
    ],
)  # fmt: skip
def test_look_alikes_do_not_fire(text, clause_type):
    assert detected(text).get(clause_type, 0.0) < PRESENT


def test_every_hit_explains_itself_and_carries_attributes():
    doc = to_spacy(
        text_document(
            "5. Service Levels\n\nProvider shall make the Service available 99.9% of the "
            "time in each calendar month."
        )
    )
    sla = [s for s in doc.spans[SPAN_KEY] if s.label_ == "sla"]
    assert sla, [s.label_ for s in doc.spans[SPAN_KEY]]
    assert "section heading “service level" in sla[0]._.explanation
    assert sla[0]._.attributes["uptime_pct"] == 99.9
    assert sla[0]._.clause_type == "sla"


def test_one_sentence_can_hold_two_types_with_their_own_values():
    doc = to_spacy(
        text_document(
            "Licensor may audit Licensee once per year, and this Agreement shall be governed "
            "by the laws of the State of Delaware."
        )
    )
    spans = {s.label_: s for s in doc.spans[SPAN_KEY]}
    assert {"audit_rights", "governing_law"} <= set(spans)
    assert spans["governing_law"]._.attributes.get("jurisdiction") == "Delaware"
    assert spans["audit_rights"]._.clause_type == "audit_rights"


def test_batches_go_through_nlp_pipe():
    nlp = make_pipeline()
    texts = ["Payment is due within 30 days of invoice.", "This Agreement is governed by Ohio law."]
    piped = list(pipe([text_document(t) for t in texts], nlp))
    alone = [to_spacy(text_document(t), nlp) for t in texts]
    as_spans = [[(s.label_, s.start, s.end, s._.score) for s in d.spans[SPAN_KEY]] for d in piped]
    assert as_spans == [
        [(s.label_, s.start, s.end, s._.score) for s in d.spans[SPAN_KEY]] for d in alone
    ]
    assert "payment_terms" in {label for label, *_ in as_spans[0]}
    assert "governing_law" in {label for label, *_ in as_spans[1]}


@cache
def sample_result(file: str) -> contractkit.ContractResult:
    return contractkit.analyze(SAMPLES / file)


TEXT_TRUTHS = [t for t in sample_truths() if "scanned" not in t["file"]]


@pytest.mark.parametrize("truth", TEXT_TRUTHS, ids=lambda t: t["file"])
def test_the_five_user_facing_types_are_found_where_the_samples_have_them(truth):
    result = sample_result(truth["file"])
    document = contractkit.load(SAMPLES / truth["file"])
    for clause in (c for c in truth["clauses"] if c["type"] in KEY_TYPES):
        assert result.has(clause["type"]), clause["type"]
        start = document.find(clause["text"])
        end = start + len(clause["text"])
        hits = [h for h in result.clauses if h.type == clause["type"]]
        hits = [h for h in hits if h.start < end and h.end > start]
        assert hits, clause["text"]  # reported where it is written
        assert hits[0].page == clause["page"]


@pytest.mark.parametrize("truth", TEXT_TRUTHS, ids=lambda t: t["file"])
def test_types_a_sample_lacks_are_not_reported_as_present(truth):
    result = sample_result(truth["file"])
    assert not [t for t in truth["absent"] if result.has(t)]


def _said(value) -> bool:
    return value is not None and value is not False and value != []


def _stated(hits) -> dict:
    """What the hits over one truth clause say together: lists of names are pooled, the
    best-scored hit's value wins otherwise."""
    merged: dict = {}
    for hit in sorted(hits, key=lambda h: h.score):
        for key, value in hit.attributes.items():
            if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                merged[key] = sorted(set(merged.get(key, [])) | set(value))
            elif _said(value):
                merged[key] = value
    return merged


@pytest.mark.parametrize("truth", TEXT_TRUTHS, ids=lambda t: t["file"])
def test_attributes_of_the_sample_clauses_equal_the_ground_truth(truth):
    result = sample_result(truth["file"])
    document = contractkit.load(SAMPLES / truth["file"])
    for clause in (c for c in truth["clauses"] if c["attributes"]):
        start = document.find(clause["text"])
        end = start + len(clause["text"])
        hits = [h for h in result.clauses if h.type == clause["type"]]
        hits = [h for h in hits if h.start < end and h.end > start]
        stated = _stated(hits)
        for key, expected in clause["attributes"].items():
            if isinstance(expected, list) and all(isinstance(v, str) for v in expected):
                expected = sorted(expected)
            assert stated.get(key) == expected, (clause["type"], key, clause["text"][:80])


def test_a_percent_sign_counts_like_the_word_percent():
    """A royalty of "10% of Net Sales" and "1% ... per day of delay" are read like "ten percent
    of" (a word boundary after "%" never matched), while interest on late payments stays what
    it is."""
    cues_only = make_pipeline(detector={"classifier": False, "threshold": 0.1})

    def explanations(text: str) -> str:
        doc = to_spacy(text_document(text), cues_only)
        return " ".join(s._.explanation for s in doc.spans[SPAN_KEY])

    royalty = "Licensee shall pay Licensor a royalty of 10% of Net Sales of each Product."
    assert "(revenue_profit_sharing #1)" in explanations(royalty)
    delay = "Supplier shall pay 1% of the order value per day of delay in delivery."
    assert "(liquidated_damages #2)" in explanations(delay)
    interest = "Customer shall pay interest of 1.5% per month on late payments."
    assert "liquidated_damages" not in explanations(interest)
