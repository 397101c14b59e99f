"""The IT clause model: packaged, wired into the detector, and what it decides on real wordings.

The sentences are taken (shortened) from the real contracts of `../shared/it-labels`; each
type's look-alike is what the labelling guide says does not count.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
import spacy

from contractkit.detect.blend import blended, states_clause
from contractkit.detect.classifier import (
    IT_MODEL_NAME,
    MODEL_NAME,
    ClauseClassifier,
    load_classifier,
)
from contractkit.detect.pipeline import DEFAULT_THRESHOLD, SPAN_KEY, enumerated_items
from contractkit.detect.taxonomy import load_taxonomy
from contractkit.detect.training_data import SENTENCE, Unit
from contractkit.ingest.text_engine import read_text
from contractkit.limits import Deadline
from contractkit.nlp import make_pipeline, to_spacy

PHRASE_TYPES = {"document_name", "parties", "agreement_date", "effective_date", "expiration_date"}
IT_TYPES_CUAD_LACKS = {
    "sla",
    "warranty",
    "returns",
    "data_erasure",
    "support_maintenance",
    "data_protection",
    "breach_notification",
    "limitation_of_liability",
    "acceptance",
}


def document(text: str):
    return read_text("<test>", text.encode(), None, 1, Deadline(None, "<test>"))


def contract(*sections: tuple[str, str]) -> str:
    """A short agreement: a title, a recital and numbered sections `(heading, body)`."""
    body = "".join(
        f"{n}. {heading.upper()}\n\n{text}\n\n" for n, (heading, text) in enumerate(sections, 1)
    )
    recital = (
        "This Agreement is made between Supplier Inc. and Customer Corp. The parties agree as "
        "follows.\n\n"
    )
    return "SERVICES AGREEMENT\n\n" + recital + body


FILLER = (
    ("Term", "This Agreement starts on the Effective Date and continues for two (2) years."),
    ("Governing Law", "This Agreement is governed by the laws of the State of New York."),
)


@pytest.fixture(scope="module")
def nlp():
    return make_pipeline()


def presence(nlp, text: str) -> dict[str, float]:
    return to_spacy(document(text), nlp)._.clause_presence


# --- the packaged model ------------------------------------------------------------------------


def test_the_it_model_ships_in_the_package_with_its_thresholds_and_attribution():
    model = load_classifier(IT_MODEL_NAME)
    assert set(model.labels) == IT_TYPES_CUAD_LACKS
    assert set(model.presence_thresholds) == IT_TYPES_CUAD_LACKS
    assert all(0 < t < 1 for t in model.presence_thresholds.values())
    folder = resources.files("contractkit.detect").joinpath("models").joinpath(IT_MODEL_NAME)
    notice = folder.joinpath("ATTRIBUTION.md").read_text()
    assert "CUAD" in notice and "CC BY 4.0" in notice


def test_the_it_model_round_trips_through_disk(tmp_path):
    model = load_classifier(IT_MODEL_NAME)
    model.to_disk(tmp_path)
    again = ClauseClassifier.from_disk(tmp_path)
    sentence = "Supplier warrants that the Software will conform to the Documentation."
    assert again.labels == model.labels
    assert again.presence_thresholds == model.presence_thresholds
    before, after = model.score([sentence])[0], again.score([sentence])[0]
    assert after == pytest.approx(before)


# --- wiring ------------------------------------------------------------------------------------

WARRANTY = (
    "Warranty",
    "Supplier warrants that the Software shall be free from defects in material and "
    "workmanship and will conform to the Documentation for a period of ninety (90) days.",
)
AUDIT = (
    "Audit",
    "On reasonable notice, each party shall have the right to examine the books and records "
    "of the other party no more than twice in any twelve month period.",
)


def test_it_types_are_scored_by_the_it_model_and_audit_rights_by_the_cuad_model(nlp):
    doc = to_spacy(document(contract(WARRANTY, AUDIT, *FILLER)), nlp)
    best = {}
    for span in doc.spans[SPAN_KEY]:
        if span.label_ not in best or span._.score > best[span.label_]._.score:
            best[span.label_] = span
    assert best["warranty"]._.explanation.startswith("IT clause classifier")
    assert set(best["warranty"]._.sources) == {"classifier", "cues"}
    assert best["audit_rights"]._.explanation.startswith("CUAD classifier")
    assert doc._.clause_presence["warranty"] >= 0.5
    assert best["warranty"]._.attributes["duration_months"] == 3


def test_without_the_it_model_the_it_types_fall_back_to_the_cues():
    nlp = make_pipeline(detector={"it_classifier": False})
    doc = to_spacy(document(contract(WARRANTY, *FILLER)), nlp)
    warranty = [s for s in doc.spans[SPAN_KEY] if s.label_ == "warranty"]
    assert warranty and all(set(s._.sources) == {"cues"} for s in warranty)
    governing = [s for s in doc.spans[SPAN_KEY] if s.label_ == "governing_law"]
    assert governing and "classifier" in governing[0]._.sources  # the CUAD model still runs


def test_another_it_model_can_be_swapped_in_by_path(tmp_path):
    model = load_classifier(IT_MODEL_NAME)
    strict = {label: 0.999 for label in model.labels}
    ClauseClassifier(model.nlp, model.vocabulary, strict).to_disk(tmp_path)
    nlp = make_pipeline(detector={"it_classifier_path": str(tmp_path)})
    assert presence(nlp, contract(WARRANTY, *FILLER))["warranty"] < 0.5


def test_an_unsure_type_still_points_at_its_likeliest_unit():
    """Below the presence threshold but above `best_unit_presence`, the best unit is reported
    (what the review's `check` finding cites); below that floor, nothing is."""
    model = load_classifier(IT_MODEL_NAME)
    unsure = ClauseClassifier(model.nlp, model.vocabulary, dict.fromkeys(model.labels, 0.9999))
    text = WARRANTY[1]
    found = blended(text, unsure, [], 0.99999, ["warranty"], best_unit_presence=0.001)
    assert found.presence["warranty"] < 0.5
    assert [c.type for c in found.candidates] == ["warranty"]
    above = blended(text, unsure, [], 0.99999, ["warranty"], best_unit_presence=0.5)
    assert above.candidates == []


def test_a_unit_that_alone_makes_the_type_present_is_reported_below_the_span_threshold():
    model = load_classifier(IT_MODEL_NAME)
    eager = ClauseClassifier(model.nlp, model.vocabulary, dict.fromkeys(model.labels, 0.01))
    found = blended(WARRANTY[1], eager, [], 0.999, ["warranty"], best_unit_presence=1.0)
    assert [c.type for c in found.candidates] == ["warranty"]
    assert found.presence["warranty"] >= 0.5


def test_a_date_or_a_page_footer_is_never_reported_as_a_clause(nlp):
    # From the labelled contracts: a filed PDF's footer line ("45   May 2004") and a page
    # number sat inside a warranty section and inherited its heading; a date inside the
    # warranty sentence inherited the sentence's cues. Dates stay candidates of the date types.
    warranty = (
        "Warranty",
        "Supplier warrants that the Products delivered on or after June 30, 2005 shall be free "
        "from defects in material and workmanship for twelve (12) months.\n\n"
        "45   May 2004\n\n"
        "12\n\n"
        "Supplier shall repair or replace any defective Product at no charge.",
    )
    doc = to_spacy(document(contract(warranty, *FILLER)), nlp)
    found = {(s.label_, s.text.strip()) for s in doc.spans[SPAN_KEY]}
    clause_types = {label for label, _ in found if label not in PHRASE_TYPES}
    assert "warranty" in clause_types
    for label, text in found:
        if label not in PHRASE_TYPES:
            assert text not in {"June 30, 2005", "45   May 2004", "12"}, (label, text)
    assert any(label == "warranty" and "free from defects" in text for label, text in found)


def test_a_sentence_shorter_than_the_configured_words_is_no_clause():
    text = contract(("Audit", "Buyer may audit Supplier's records once per calendar year."))
    audits = {}
    for words in (3, 12):
        doc = to_spacy(document(text), make_pipeline(detector={"min_clause_words": words}))
        audits[words] = [s.text for s in doc.spans[SPAN_KEY] if s.label_ == "audit_rights"]
    assert any("audit Supplier's records" in t for t in audits[3])
    assert not audits[12]  # nine words: below twelve, not a candidate


def test_the_cuad_model_is_unchanged_by_the_it_model():
    packaged = resources.files("contractkit.detect").joinpath("models").joinpath(MODEL_NAME)
    with resources.as_file(packaged) as path:
        cuad = ClauseClassifier.from_disk(Path(path))
    assert not set(cuad.labels) & IT_TYPES_CUAD_LACKS


# --- real wordings: positive and look-alike ----------------------------------------------------

POSITIVES = [
    (
        "sla",
        (
            "Support",
            "Priority One Problems are those in which the Software fails to perform major "
            "functions on a system-wide basis. Supplier will allocate resources to address "
            "the problem within two (2) business hours.",
        ),
    ),
    (
        "sla",
        (
            "Service Levels",
            "Should Supplier not achieve the agreed Service Levels contained in the Service "
            "Level Agreement, a monthly rebate will be applied as per the Rebate Table.",
        ),
    ),
    (  # a response-time table's row, as a managed-hosting agreement states it
        "sla",
        (
            "Help Desk",
            "The Supplier restores the Service after a disruption. A. Time to Full "
            "Restoration from time of disruption event: 4 hours",
        ),
    ),
    (  # service credits called a rebate, from an outsourcing agreement's fee table
        "sla",
        (
            "Fees",
            "Rebates apply to Severity Levels 1 and 2 during normal business hours. The "
            "maximum rebate in any given month will be 50% of the monthly base fee.",
        ),
    ),
    (  # a time counted from the supplier's first response, from a support agreement
        "sla",
        (
            "Emergencies",
            "In an emergency case the Supplier shall do every effort to make the application "
            "running within 24 hours after response.",
        ),
    ),
    (  # a duty to meet the times of the contract's own table, from a support agreement
        "sla",
        (
            "Error Correction",
            "During the first year, Supplier shall use commercially reasonable efforts to "
            "correct reported Errors within the resolution times specified in Schedule 2.",
        ),
    ),
    (
        "warranty",
        (
            "Customer Support",
            "Distributor will provide customer support in the Territory in a workmanlike and "
            "professional manner.",
        ),
    ),
    (
        "returns",
        (
            "Warranty",
            "In the case of defective media, Licensor shall replace such defective media, "
            "provided that Licensee returns such defective media during the warranty period.",
        ),
    ),
    (
        "returns",
        (
            "Inspection",
            "Buyer may inspect the Products on delivery and reject any Product that does not "
            "conform to the Specifications; Supplier shall replace rejected Products at its cost.",
        ),
    ),
    (  # the seller's side of a return right, from an outsourcing agreement
        "returns",
        (
            "Shipments",
            "MSL will accept the return of all shipped Products returned to MSL within thirty "
            "(30) Days from the Delivery Date.",
        ),
    ),
    (
        "data_erasure",
        (
            "Confidentiality",
            "Upon the termination or expiry of this Agreement, each Party shall promptly return "
            "to the other Party or destroy all Confidential Information of the other Party.",
        ),
    ),
    (
        "data_erasure",
        (
            "Customer Data",
            "Upon termination of this Agreement for any reason, the Customer Data will be "
            "returned to Customer by Supplier and all copies irretrievably deleted.",
        ),
    ),
    (
        "audit_rights",
        (
            "Records",
            "Supplier agrees to allow Customer, directly or indirectly, to audit Supplier's "
            "business records to ensure compliance with the terms of this Agreement.",
        ),
    ),
    (
        "breach_notification",
        (
            "Security",
            "Supplier shall notify Customer within twenty-four (24) hours of becoming aware of "
            "any unauthorized access to or disclosure of Customer Data.",
        ),
    ),
]

LOOK_ALIKES = [
    (  # a document sent back, not goods
        "returns",
        (
            "Orders",
            "Supplier will accept the return of the signed purchase order within five (5) days "
            "of receipt.",
        ),
    ),
    (  # a fee, not a credit against it; a time to respond to a proposal, with no figure
        "sla",
        (
            "Fees",
            "Customer shall pay the monthly base fee within thirty (30) days of invoice. "
            "Supplier shall have reasonable time to respond to any change proposal.",
        ),
    ),
    (
        "warranty",
        (
            "Representations",
            "Each party represents and warrants that it is duly organized and has the full "
            "power and authority to enter into this Agreement.",
        ),
    ),
    (
        "returns",
        (
            "Confidentiality",
            "Upon request, the receiving party shall return to the disclosing party all "
            "documents containing Confidential Information.",
        ),
    ),
    (
        "sla",
        (
            "Services",
            "Supplier shall perform the Services promptly and in a timely manner using "
            "commercially reasonable efforts.",
        ),
    ),
    (
        "breach_notification",
        (
            "Default",
            "Either party may terminate this Agreement if the other party commits a material "
            "breach and fails to cure it within thirty (30) days after written notice of the "
            "breach.",
        ),
    ),
    (
        "audit_rights",
        (
            "Records",
            "Supplier shall keep complete and accurate records of the Services for three (3) "
            "years.",
        ),
    ),
    (
        "data_erasure",
        (
            "Confidentiality",
            "Each party shall keep the Confidential Information of the other party confidential "
            "and use it only to perform this Agreement.",
        ),
    ),
    (
        "data_erasure",
        (
            "Termination",
            "Upon termination of the license, Licensee shall cease all use of the Software and "
            "certify the deletion of all copies.",
        ),
    ),
]


@pytest.mark.parametrize(("type_id", "section"), POSITIVES, ids=lambda v: str(v)[:30])
def test_a_real_wording_of_the_type_is_found(nlp, type_id, section):
    assert presence(nlp, contract(section, *FILLER))[type_id] >= 0.5


@pytest.mark.parametrize(("type_id", "section"), LOOK_ALIKES, ids=lambda v: str(v)[:30])
def test_a_look_alike_the_guide_excludes_is_not(nlp, type_id, section):
    assert presence(nlp, contract(section, *FILLER)).get(type_id, 0.0) < 0.5


def _reported(nlp, text: str, type_id: str) -> list[str]:
    doc = to_spacy(document(text), nlp)
    return [" ".join(s.text.split()) for s in doc.spans[SPAN_KEY] if s.label_ == type_id]


def test_an_item_of_a_list_run_into_one_sentence_takes_only_its_own_cues(nlp):
    # A supply agreement's exit clause: one sentence, five items; only (c)-(e) are about the
    # other party's information. Each item used to inherit the erasure cues of the whole.
    exit_clause = (
        "Consequences of Termination",
        "On termination or expiry of this Agreement, each Party shall promptly: (a) return to "
        "the other Party all equipment, materials and property belonging to the other Party "
        "that the other Party had supplied in connection with the supply and purchase of the "
        "Products under this Agreement; (b) cooperate with the other Party to arrange for the "
        "sale and purchase of the materials, parts and components as referred to in clause "
        "3.4; (c) return to the other Party all documents and materials (and any copies) "
        "containing the other party's Confidential Information; (d) erase all the other "
        "party's Confidential Information from its computer systems (to the extent "
        "possible); and (e) on request, certify in writing to the other Party that it has "
        "complied with the requirements of this clause.",
    )
    erasure = _reported(nlp, contract(exit_clause, *FILLER), "data_erasure")
    assert any(text.startswith("(d) erase all") for text in erasure), erasure
    assert not any(text.startswith(("(a) return", "(b) cooperate")) for text in erasure)


def test_a_lists_lead_in_speaks_for_its_items(nlp):
    # "represents, warrants and covenants that:" makes each item a warranty, though the
    # third says neither "warrant" nor anything a warranty cue reads on its own.
    reps = (
        "Covenants of Kubient",
        "Kubient represents, warrants and covenants that: (i) the Service and any "
        "deliverables provided hereunder by Kubient do not and shall not infringe any patent, "
        "copyright, trademark or trade secret of any third party; (ii) the Service will "
        "perform in all material respects to industry standards; (iii) the collection, "
        "maintenance, management and storage of visitor information (data), to the extent "
        "collected, directed by, maintained or stored by Kubient, as well as the performance "
        "of the Auction Platform, is and shall be in a secure manner using best practices of "
        "security technology and best practices to protect against loss, misuse or "
        "alteration of data.",
    )
    warranty = _reported(nlp, contract(reps, *FILLER), "warranty")
    assert any(text.startswith("(iii) the collection") for text in warranty), warranty


def test_a_look_alike_in_another_item_of_the_list_casts_no_doubt_on_this_one(nlp):
    # A labelled contract's warranty remedies, one sentence: the "infringing" of item (iii)
    # (an indemnity, a returns look-alike) used to halve the returns cue of item (ii).
    remedies = (
        "Exclusive Remedies",
        "For any breach of the warranties contained in Section 4.1, Customer's sole and "
        "exclusive remedy, and Vendor's entire liability, shall be: (i) in the case of a "
        "nonconforming Application, to correct the nonconforming Application, provided that "
        "Customer notifies Vendor of the nonconformity within the warranty period; (ii) in the "
        "case of defective media, to replace such defective media, provided that Customer "
        "returns such defective media during the warranty period; (iii) in the case of "
        'infringing Application, the indemnity contained in Section 10.1 ("Vendor Intellectual '
        'Property Indemnity").',
    )
    doc = to_spacy(document(contract(remedies, *FILLER)), nlp)
    returns = {
        " ".join(s.text.split())[:9]: s._.explanation
        for s in doc.spans[SPAN_KEY]
        if s.label_ == "returns"
    }
    assert "(ii) in t" in returns, returns
    assert "infringing" not in returns["(ii) in t"]
    assert "infringing" in returns.get("(iii) in ", "infringing")  # the doubt stays where it is


def test_an_enumeration_joined_by_commas_keeps_a_look_alike_in_its_own_item(nlp):
    # A support agreement's representations, one sentence joined by commas: item (i) is a
    # warranty of authority ("duly organized", a warranty look-alike), item (iii) a warranty
    # that the deliverables infringe nothing. The look-alike in (i) used to cut the whole
    # sentence's warranty cues to a third.
    reps = (
        "Representations of the Developer",
        "The Developer (i) is a corporation duly organized under the laws of the State of "
        "California, (ii) has the requisite corporate power and corporate authority to enter "
        "into and perform its obligations under this Agreement, and (iii) to the best of the "
        "Developer's knowledge as of the Effective Date, the Deliverables will not infringe any "
        "Intellectual Property Rights held by any third party.",
    )
    doc = to_spacy(document(contract(reps, *FILLER)), nlp)
    warranty = [s for s in doc.spans[SPAN_KEY] if s.label_ == "warranty"]
    assert any("will not infringe" in s.text for s in warranty), warranty
    assert not any("duly organized" in s._.explanation for s in warranty)


@pytest.mark.parametrize(
    ("sentence", "items"),
    [
        ("Supplier (i) is duly organized, (ii) has power, and (iii) will perform.", 3),
        ("Supplier shall (a) deliver the goods, and (b) install them.", 2),
        # a cross-reference is no enumeration: one "(b)", or "2(a)" inside a number
        ("Subject to subsection (b) above, the terms of Section 2(a) apply.", 0),
        ("The fees under clause 4(a) and 4(b) are due on delivery.", 0),
    ],
)
def test_what_counts_as_an_enumeration_inside_a_sentence(sentence, items):
    span = spacy.blank("en")(sentence)[:]
    assert len(enumerated_items(span)) == items


def test_a_cue_reads_across_the_runs_of_spaces_that_keep_a_text_files_columns_apart(nlp):
    # A maintenance agreement's problem table, as its filed text keeps it: the words of one
    # cell are spread over lines padded to the column's width. The same words from a PDF come
    # with single spaces; the cues must read both alike.
    pad = " " * 90
    cell = f"Provide a final patch, fix or{pad}other solution within 24 hours{pad}that "
    table = ("Critical Situations", f"Staff may need to be on call.{pad}{cell}lasts.")
    flat = ("Critical Situations", " ".join(table[1].split()))
    padded = _reported(nlp, contract(table, *FILLER), "sla")
    assert [" ".join(text.split()) for text in padded] == _reported(
        nlp, contract(flat, *FILLER), "sla"
    )
    assert any("within 24 hours" in text for text in padded), padded


def test_a_phrase_reads_across_a_run_of_spaces_too(nlp):
    said = "Supplier shall meet the response" + " " * 40 + "times set out below for each of "
    columns = ("Support", said + "the four (4) priority classes.")
    doc = to_spacy(document(contract(columns, *FILLER)), nlp)
    found = [s for s in doc.spans[SPAN_KEY] if s.label_ == "sla" and "response" in s.text]
    assert any("phrase “response times”" in s._.explanation for s in found)


def test_a_sentence_inside_a_longer_unit_is_still_found_by_its_own_cues(nlp):
    # A fleet maintenance agreement's list of services, as its filed text has it: numbered
    # items run on after semicolons. The classifier's splitter reads the list as one unit of
    # 1,400 characters, the detector's sentences read each item; the SLA cues of item 4.9 are
    # too small a share of that unit to pass to it, so the item is a candidate of its own.
    items = [
        "4.3 recalibration and resealing of tachograph equipment on MGV and LGV to VOSA "
        "requirements;",
        "4.4 servicing and inspections of transport refrigeration equipment at intervals "
        "stated in Schedule One and repairs as required;",
        "4.5 preventative maintenance inspections of tail-lift equipment at intervals stated "
        "in Schedule One;",
        "4.6 labour and parts to make repairs to Vehicles and Chargers due to normal wear and "
        "tear;",
        "4.7 tyre inspections every month, puncture repairs and replacement of tyres with "
        "equal to or less than 2mm of tread remaining;",
        "4.8 transport to and from the Place of Repair;",
        "4.9 respond to Vehicle breakdowns within two hours of receiving notification of the "
        "breakdown either by attending to the Vehicle if located at the Place of Use or by "
        "informing DCL of action to be taken if located at the Site.",
    ]
    services = ("Maintenance Services", "SEV shall provide:     " + "     ".join(items))
    sla = _reported(nlp, contract(services, *FILLER), "sla")
    assert any(text.startswith("4.9 respond") and "4.8" not in text for text in sla), sla
    # the item is the type's best text here: no other unit is shown as the best in its stead
    assert all(text.startswith("4.9 respond") for text in sla), sla


def test_the_lines_of_a_found_clause_are_no_clauses_of_their_own(reviewed_samples):
    # The licence's "8.1 IN NO EVENT SHALL LICENSOR BE LIABLE FOR ⏎ ANY INDIRECT, …" is one
    # unit, found; the detector reads each capitalised line of it as a sentence, with cues
    # of its own. Those lines lie inside a unit reported as the type already: none is shown
    # again as a clause of its own.
    for name, result in reviewed_samples.items():
        clauses = [c for c in result.clauses if c.type not in PHRASE_TYPES]
        nested = [
            (inner.type, inner.text[:40])
            for inner in clauses
            for outer in clauses
            if inner is not outer
            and inner.type == outer.type
            and outer.start <= inner.start
            and inner.end <= outer.end
        ]
        assert not nested, (name, nested)


def test_a_heading_that_names_a_look_alike_names_no_clause_type(nlp):
    # A securitisation's servicing agreement: a servicer accepting its appointment is the
    # guide's look-alike of acceptance testing, and so is a section headed that way. The
    # same sentence under a heading that names the type is a (heading-only) candidate.
    sentence = (
        "The Successor Servicer will deliver a copy of the assumption, amendment or new "
        "servicing agreement to the other parties and the Indenture Trustee."
    )
    assert _reported(nlp, contract(("Acceptance", sentence), *FILLER), "acceptance")
    engagement = ("Acceptance of Engagement", sentence)
    assert not _reported(nlp, contract(engagement, *FILLER), "acceptance")


# Look-alikes the hand-judged sample found reported, in the labelled contracts' wording, each
# beside a clause of the type that must stay: (type, heading, look-alike, the real clause).
SAME_SECTION_LOOK_ALIKES = [
    (  # an indemnity under a "Warranty" heading: its own words say what it is
        "warranty",
        "Warranty",
        "Distributor will defend, indemnify, and hold IMNTV harmless from and against any and "
        "all Claims relating to or arising out of the marketing of the Programming.",
        "IMNTV warrants that the Programming will be free from material defects and will "
        "conform to the Specifications.",
    ),
    (  # a right to reject what does not conform is returns, not the warranty
        "warranty",
        "Quality",
        "In the event that the Product fails to conform to the Product Specifications, "
        "Ultragenyx may reject the Product by giving written notice to Cremer within thirty "
        "(30) days after delivery.",
        "Cremer warrants that the Product will be free from defects in materials and "
        "workmanship for twelve (12) months from delivery.",
    ),
    (  # rejecting a change order is ordering, not rejecting goods
        "returns",
        "Orders",
        "CPDC will respond, by email, the acceptance or rejection of each Change Order within "
        "ten (10) days of receipt of such change.",
        "FUSION may reject any shipment of Product that does not conform to the Specifications "
        "within thirty (30) days of delivery.",
    ),
    (  # a credit card is paid with: no service credit (a hosting agreement's fee table)
        "sla",
        "Fees",
        "Services include access to the corporate credit card program and 12 months from "
        "the Monthly Fee.",
        "If the uptime of the Service falls below 99.5% in a month, the Supplier shall "
        "credit the Customer with a service credit of 5% of the monthly fees.",
    ),
    (  # an item of a net-sales definition: deductions for returns, not a right to return
        "returns",
        "Royalties",
        "(b) credits or allowances actually granted upon claims, damaged goods, rejections or "
        "returns of the Product.",
        "Buyer may reject any Product that does not conform to the Specifications within "
        "thirty (30) days of delivery.",
    ),
    (  # destroying a rejected batch of goods erases no data
        "data_erasure",
        "Return or Destruction",
        "Upon written authorization from Miltenyi to do so, Bellicum shall promptly destroy the "
        "rejected batch of Miltenyi Products and provide Miltenyi with written certification of "
        "such destruction.",
        "Upon termination, each Party shall return or destroy all Confidential Information of "
        "the other Party.",
    ),
]


@pytest.mark.parametrize(
    ("type_id", "heading", "look_alike", "clause"), SAME_SECTION_LOOK_ALIKES, ids=lambda v: v[:20]
)
def test_a_look_alike_beside_a_real_clause_is_doubted_and_says_why(
    nlp, type_id, heading, look_alike, clause
):
    doc = to_spacy(document(contract((heading, f"{look_alike} {clause}"), *FILLER)), nlp)

    def opening(text: str) -> str:
        return " ".join(text.split()[:4])

    found = {opening(s.text): s for s in doc.spans[SPAN_KEY] if s.label_ == type_id}
    real = found[opening(clause)]
    assert real._.score >= 0.5
    doubted = found.get(opening(look_alike))
    if doubted is not None:  # kept only as a weak unit, with the doubt named
        assert doubted._.score < DEFAULT_THRESHOLD < real._.score
        assert "suggests otherwise" in doubted._.explanation


@pytest.mark.parametrize(
    "nothing",
    [
        '1.36 "Non-Conforming Product" has the meaning set forth in Section 2.12.',
        '"Rejected Products" shall have the meaning set forth in Section 7.2.',
        "2.1 Scope of Agreement 5 2.2 Exclusive Supply 6 2.3 Materials 6 2.4 Labeling 6 "
        "2.5 Subcontracting 7 2.6 Facilities 8",
        "Acceptance by Developer SEATTLE SOFTWARE DEVELOPERS, Inc. By: /s/ Julian Valentine "
        "Julian Valentine, VP",
    ],
)
def test_a_sentence_that_states_nothing_is_no_clause_whatever_its_heading(nlp, nothing):
    # a definition by cross-reference, a table of contents, a signature block, under a returns
    # heading
    section = (
        "Rejection of Non-Conforming Products",
        f"{nothing}\n\nBuyer may reject any Product that does not conform to the "
        "Specifications within thirty (30) days of delivery.",
    )
    doc = to_spacy(document(contract(section, *FILLER)), nlp)
    clauses = [s for s in doc.spans[SPAN_KEY] if s.label_ not in PHRASE_TYPES]
    assert any(s.label_ == "returns" and s.text.startswith("Buyer") for s in clauses)
    assert not [s.label_ for s in clauses if nothing[:20] in " ".join(s.text.split())]


def test_a_running_page_footer_is_no_clause_of_the_section_it_cuts(nlp):
    # CUAD's filed texts carry the filing's footer on every page; one fell inside a
    # "Return or Destruction" section and was reported as a data-erasure clause.
    footer = "{page}   Source: ACME INC, 10-Q, 11/1/2019"
    sections = [
        (
            "Return or Destruction of Confidential Information",
            "Upon termination, Supplier shall destroy all Confidential Information of "
            "Customer and certify such destruction in writing.\n\n" + footer.format(page=24),
        ),
        ("Term", "This Agreement starts on the Effective Date.\n\n" + footer.format(page=25)),
        ("Notices", "Notices shall be given in writing.\n\n" + footer.format(page=26)),
    ]
    doc = to_spacy(document(contract(*sections)), nlp)
    clauses = [(s.label_, s.text) for s in doc.spans[SPAN_KEY] if s.label_ not in PHRASE_TYPES]
    assert any(label == "data_erasure" and "destroy" in text for label, text in clauses)
    assert not [c for c in clauses if "Source:" in c[1]], clauses


def test_how_often_a_line_may_recur_before_it_is_page_furniture_is_configuration():
    text = contract(
        (
            "Audit",
            "Buyer may audit Supplier's records of 2024 once per calendar year.\n\n"
            "Buyer may audit Supplier's records of 2025 once per calendar year.",
        ),
        *FILLER,
    )
    found = {}
    for repeats in (2, 3):
        nlp = make_pipeline(detector={"running_line_repeats": repeats})
        found[repeats] = _reported(nlp, text, "audit_rights")
    assert found[3] and not found[2]


def test_a_clause_repeated_word_for_word_is_content_not_a_running_line(nlp):
    # the same warranty in three order forms is three warranties; a footer's page number
    # changes from page to page
    form = (
        "The Supplier warrants that the Products will be free from defects in materials and "
        "workmanship for a period of twelve (12) months from delivery."
    )
    sections = [(f"Order Form {n}", form) for n in ("A", "B", "C")]
    warranty = _reported(nlp, contract(*sections, *FILLER), "warranty")
    assert len([text for text in warranty if text.startswith("The Supplier warrants")]) == 3


def test_a_disclaimer_in_a_warranty_section_is_no_warranty(nlp):
    # The guide: a pure disclaimer takes warranties away. From a labelled licence agreement.
    section = (
        "Warranty",
        "Licensor warrants that the Software will perform substantially in accordance with "
        "the Documentation for ninety (90) days.\n\n"
        "EXCEPT AS SET FORTH ABOVE, LICENSOR MAKES NO OTHER REPRESENTATIONS AND "
        "WARRANTIES, WHETHER EXPRESS OR IMPLIED, INCLUDING ANY IMPLIED WARRANTY OF "
        "MERCHANTABILITY OR FITNESS FOR A PARTICULAR PURPOSE, ALL OF WHICH ARE HEREBY "
        "EXPRESSLY DISCLAIMED AND EXCLUDED.",
    )
    doc = to_spacy(document(contract(section, *FILLER)), nlp)
    found = {s.text[:16]: s for s in doc.spans[SPAN_KEY] if s.label_ == "warranty"}
    assert found["Licensor warrant"]._.score >= 0.5
    disclaimer = found.get("EXCEPT AS SET FO")
    if disclaimer is not None:  # kept only as a weak candidate, saying why it is weak
        assert disclaimer._.score < DEFAULT_THRESHOLD
        assert "“expressly disclaimed” suggests otherwise" in disclaimer._.explanation


# --- what a reported clause says itself (taxonomy `states`) -------------------------------------


@pytest.mark.parametrize(
    ("type_id", "section", "stated", "only_mentioned"),
    [
        # a warranty section of a labelled maintenance agreement also says how the site is left
        (
            "warranty",
            (
                "Warranty",
                "Operator warrants that the Services will be performed in a workmanlike manner "
                "for twelve (12) months after Commencement of Operations.\n\n"
                "Upon expiry of this Agreement, the Operator shall remove the Equipment from the "
                "Site and restore the Site to its original condition within sixty (60) days.",
            ),
            "Operator warrant",
            "Upon expiry of t",
        ),
        # an outsourcing agreement's service-level section also reviews the levels: no figure
        (
            "sla",
            (
                "Service Levels",
                "The Provider shall make the Hosted Service available 99.5% of the time in each "
                "calendar month, measured over the month.\n\n"
                "The parties shall review the Service Levels once a year and agree in good faith "
                "on any changes to them.",
            ),
            "The Provider sha",
            "The parties shal",
        ),
    ],
    ids=["warranty", "sla"],
)
def test_a_sentence_that_only_mentions_the_clause_is_not_reported_as_it(
    nlp, type_id, section, stated, only_mentioned
):
    """The guide: a warranty promises quality, a service level is measurable. A sentence of
    the section that says neither is not shown as such a clause, though its heading is a cue;
    the contract's presence is read from every sentence, as before."""
    doc = to_spacy(document(contract(section, *FILLER)), nlp)
    found = [s.text[:16] for s in doc.spans[SPAN_KEY] if s.label_ == type_id]
    assert stated in found
    assert only_mentioned not in found
    assert doc._.clause_presence[type_id] >= 0.5


def test_a_list_item_says_what_its_lead_in_says():
    warranty = load_taxonomy()["warranty"].states_pattern()
    text = (
        "The Supplier represents and warrants that each Deliverable shall:\n\n"
        "(a) be of satisfactory quality;\n\n(b) be delivered on time.\n\n"
        "The Supplier shall:\n\n(a) be of good standing."
    )
    first = text.index("(a) be of satisfactory")
    item = Unit(first, first + 30, text[first : first + 30], SENTENCE)
    assert states_clause(text, item, warranty)
    last = text.index("(a) be of good")
    other = Unit(last, len(text), text[last:], SENTENCE)
    assert not states_clause(text, other, warranty)  # its lead-in warrants nothing
    alone = Unit(0, 30, "be of satisfactory quality", SENTENCE)
    assert not states_clause("be of satisfactory quality", alone, warranty)


def test_the_best_unit_is_shown_whatever_it_says():
    """A type the contract has always points at its likeliest text, even one that does not say
    what the type requires: the checklist needs somewhere to point."""
    model = load_classifier(IT_MODEL_NAME)
    eager = ClauseClassifier(model.nlp, model.vocabulary, dict.fromkeys(model.labels, 0.01))
    text = WARRANTY[1] + "\n\n" + WARRANTY[1].replace("warrants", "agrees")
    never = {"warranty": re.compile(r"\bnever said\b")}
    found = blended(text, eager, [], 0.999, ["warranty"], best_unit_presence=0.5, states=never)
    assert len(found.candidates) == 1
    assert found.presence["warranty"] >= 0.5
    # and says why it is shown
    assert "says none of what `states` asks of warranty" in found.candidates[0].explain()
    everything = blended(text, eager, [], 0.999, ["warranty"], best_unit_presence=0.5)
    assert not any("`states`" in c.explain() for c in everything.candidates)
    assert len(everything.candidates) == 2


def test_a_contract_whose_service_levels_are_never_measurable_has_no_sla(nlp):
    """`presence_needs_states` (sla): the guide counts no SLA without a measurable level, so a
    service-level section that only promises to review the levels gives the contract none,
    however much its heading and words look like one."""
    vague = (
        "Service Levels",
        "The parties shall review the Service Levels once a year and agree in good faith on "
        "any changes to them.",
    )
    measured = (
        "Service Levels",
        "The Provider shall make the Hosted Service available 99.5% of the time in each "
        "calendar month.",
    )
    assert presence(nlp, contract(vague, *FILLER))["sla"] < 0.5
    assert presence(nlp, contract(measured, *FILLER))["sla"] >= 0.5
