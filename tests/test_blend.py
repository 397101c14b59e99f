"""How the classifier and the cue recognisers combine into one score per span and per contract."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from contractkit.detect.blend import SHIPPED, CueHit, blend, blended
from contractkit.detect.classifier import MODEL_NAME, load_classifier
from contractkit.detect.pipeline import SPAN_KEY
from contractkit.ingest.text_engine import read_text
from contractkit.limits import Deadline
from contractkit.nlp import make_pipeline, to_spacy

CONTRACT = (
    "SUPPLY AGREEMENT\n\n"
    "This Supply Agreement is made as of July 11, 2006 between Acme Inc. and Widget Co.\n\n"
    "9. AUDIT\n\n"
    "Buyer may audit Supplier's records once per calendar year on thirty (30) days' notice.\n\n"
    "12. GOVERNING LAW\n\n"
    "This Agreement shall be governed by the laws of the State of New York.\n"
)


def document(text: str):
    return read_text("<test>", text.encode(), None, 1, Deadline(None, "<test>"))


@pytest.mark.parametrize("cues", [0.0, 0.35, 0.55, 0.9])
def test_cues_lift_the_classifier_and_never_lower_it(cues):
    for c in (0.01, 0.2, 0.5, 0.9):
        assert blend(c, cues) >= c
        assert blend(c, cues) >= blend(c, max(cues - 0.1, 0.0))


def test_without_cues_the_classifier_score_stands():
    assert blend(0.37, 0.0) == pytest.approx(0.37)


def test_what_the_cues_are_sure_of_survives_a_classifier_that_never_saw_such_wording():
    assert blend(0.0001, 0.9) >= SHIPPED.floor * 0.9


def test_agreement_outranks_either_source_alone():
    assert blend(0.6, 0.55) > blend(0.6, 0.0)
    assert blend(0.6, 0.55) > SHIPPED.floor * 0.55


def test_a_unit_inherits_the_cues_of_the_sentence_it_lies_in():
    text = "Buyer may audit Supplier's records once per calendar year."
    hit = CueHit("audit_rights", 0, len(text), 0.64, "phrase “audit”")
    with_cues = blended(text, load_classifier(), [hit], 0.0).candidates
    without = blended(text, load_classifier(), [], 0.0).candidates
    audit = [c for c in with_cues if c.type == "audit_rights"]
    assert audit and audit[0].cues == 0.64 and "phrase “audit”" in audit[0].explain()
    assert audit[0].score > next(c for c in without if c.type == "audit_rights").score


def test_every_type_the_contract_has_is_shown_with_evidence():
    doc = to_spacy(document(CONTRACT))
    present = {t for t, p in doc._.clause_presence.items() if p >= 0.5}
    assert {"audit_rights", "governing_law", "document_name"} <= present
    shown = {s.label_ for s in doc.spans[SPAN_KEY]}
    assert present <= shown


def test_blended_hits_say_where_their_score_comes_from():
    doc = to_spacy(document(CONTRACT))
    law = max(
        (s for s in doc.spans[SPAN_KEY] if s.label_ == "governing_law"), key=lambda s: s._.score
    )
    # the classifier, the cues, their blend (which reported it) and, as the score, the span
    # ranker's reading of that blend in context
    assert set(law._.sources) == {"classifier", "cues", "blend"}
    sources = law._.sources
    assert sources["blend"] == pytest.approx(
        blend(sources["classifier"], sources["cues"]), abs=1e-5
    )
    assert law._.explanation.startswith("CUAD classifier")
    assert "span ranker" in law._.explanation
    assert law._.attributes["jurisdiction"] == "New York"


def test_the_cue_recognisers_run_alone_when_the_classifier_is_off():
    doc = to_spacy(document(CONTRACT), make_pipeline(detector={"classifier": False}))
    assert doc.spans[SPAN_KEY]
    assert all(set(s._.sources) == {"cues"} for s in doc.spans[SPAN_KEY])


def test_another_model_can_be_swapped_in_by_path():
    packaged = resources.files("contractkit.detect").joinpath("models").joinpath(MODEL_NAME)
    with resources.as_file(packaged) as path:
        nlp = make_pipeline(detector={"classifier_path": str(Path(path)), "threshold": 0.9})
    doc = to_spacy(document(CONTRACT), nlp)
    assert {s.label_ for s in doc.spans[SPAN_KEY]} >= {"governing_law"}


def test_the_weights_are_the_components_config_and_change_what_it_finds():
    """Configuration as data: the blend and cue weights are the detector's config keys, shown
    in `nlp.config` and set like any other; changing one changes the scores."""
    shipped = make_pipeline()
    config = shipped.get_pipe_config("contractkit_clause_detector")
    assert {config["cue_boost"], config["cue_floor"]} == {SHIPPED.boost, SHIPPED.floor}
    assert 0 < config["heading_weight"] < 1 and config["max_body_cues"] >= 1
    text = (
        "1. SERVICE LEVELS\n\nThe Provider shall make the Service available 99.9% of the time "
        "in each calendar month, excluding scheduled maintenance."
    )
    quieter = make_pipeline(detector={"cue_floor": 0.1, "cue_boost": 0.5, "pattern_weight": 0.1})
    assert quieter.get_pipe_config("contractkit_clause_detector")["cue_floor"] == 0.1

    def best(nlp, clause_type):
        doc = nlp(text)
        return max((s._.score for s in doc.spans[SPAN_KEY] if s.label_ == clause_type), default=0)

    assert best(quieter, "sla") < best(shipped, "sla")


def test_a_heading_alone_keeps_less_of_itself_when_told_so():
    """`heading_cue_floor`: every sentence under a "Warranty" heading is a warranty cue hit;
    how much of that cue survives a classifier that disagrees is configuration, apart from the
    floor for cues found in the sentence itself."""
    text = (
        "1. WARRANTY\n\nThe Supplier shall send its invoices to the Customer's accounts "
        "department at the address in Schedule 2, in the warranted form.\n\nThe Supplier "
        "warrants that the Software "
        "will be free from material defects for twelve (12) months from delivery."
    )

    def warranty(nlp) -> dict[str, float]:
        doc = nlp(text)
        sentences = [s for s in doc.spans[SPAN_KEY] if s.label_ == "warranty" and len(s) > 3]
        return {s.text.split()[2]: s._.score for s in sentences}  # "shall" (send), "warrants"

    everything = {"threshold": 0.0, "best_unit_presence": 0.0}
    lenient = make_pipeline(detector=everything)
    strict = make_pipeline(detector={**everything, "heading_cue_floor": 0.0})
    assert strict.get_pipe_config("contractkit_clause_detector")["heading_cue_floor"] == 0.0
    before, after = warranty(lenient), warranty(strict)
    # the invoices: their only cue is the heading (they name the warranty, as the type's
    # `states` requires of a reported clause)
    assert after["shall"] < before["shall"]
    assert after["warrants"] == before["warrants"]  # its own cue keeps its floor
