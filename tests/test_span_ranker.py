"""The span ranker (issue 17): context, its weights file, and its place in the detector."""

from __future__ import annotations

import json

import numpy as np
import pytest

from contractkit.detect.classifier import load_classifier
from contractkit.detect.span_ranker import (
    FEATURES,
    RANKER_FILE,
    SpanRanker,
    SpanRankerError,
    context,
)
from contractkit.nlp import make_pipeline
from contractkit.spans import doc_from_text

# A contract that states its governing law once, and mentions the same state's courts again.
CONTRACT = """MASTER SERVICES AGREEMENT

1. Services. Supplier shall provide the services described in each statement of work.

2. Fees. Customer shall pay the fees within thirty (30) days of the invoice date.

3. Governing Law. This Agreement shall be governed by and construed in accordance with the
laws of the State of New York, without regard to its conflict of laws principles.

4. Notices. Notices shall be sent to the addresses above, and a copy to counsel in the State
of New York.

5. Audit. Customer may audit Supplier's books and records relating to the fees once a year on
thirty (30) days' notice.
"""


def _ranker(seed: int = 0) -> SpanRanker:
    generator = np.random.default_rng(seed)
    return SpanRanker(
        coefficients={"audit_rights": generator.normal(size=len(FEATURES))},
        intercepts={"audit_rights": -1.5},
        about="test",
    )


def test_context_ranks_a_types_candidates_and_ignores_what_is_below_the_floor():
    scores = np.array([[0.2, 0.0], [0.9, 0.0005], [0.6, 0.7]])
    where = context(scores)
    assert where.rank[:, 0].tolist() == [2, 0, 1]
    assert where.best[:, 0].tolist() == [0.9] * 3
    assert where.high[0].tolist() == [2, 1]  # two units reach 0.5 in the first column
    assert where.best[0, 1] == 0.7  # 0.0005 is not a candidate, 0.7 is the best
    assert where.rank[2, 1] == 0
    assert where.candidates == 4  # 0.0005 does not count


def test_weights_survive_a_round_trip_through_their_file(tmp_path):
    ranker = _ranker()
    path = tmp_path / RANKER_FILE
    ranker.to_file(path)
    again = SpanRanker.from_file(path)
    generator = np.random.default_rng(1)
    scores = generator.uniform(size=(12, 2))
    classifier, cues = generator.uniform(size=(12, 2)), np.zeros((12, 2))
    words = generator.integers(1, 60, size=12)
    labels = ["audit_rights", "governing_law"]
    before = ranker.probabilities(labels, scores, classifier, cues, words).reshape(scores.shape)
    after = again.probabilities(labels, scores, classifier, cues, words).reshape(scores.shape)
    np.testing.assert_allclose(after, before, rtol=1e-6)
    assert np.isnan(after[:, 1]).all()  # a type without weights is left to its blended score
    assert ((after[:, 0] > 0) & (after[:, 0] < 1)).all()


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (lambda d: d["types"]["audit_rights"]["coefficients"].pop(), "coefficients"),
        (lambda d: d["features"].reverse(), "features differ"),
        (lambda d: d["types"]["audit_rights"].update(intercept="high"), "intercept"),
        (lambda d: d.update(weights={}), "weights"),
    ],
)
def test_a_broken_weights_file_is_refused_with_its_name(tmp_path, change, complaint):
    data = _ranker().to_dict()
    change(data)
    path = tmp_path / RANKER_FILE
    path.write_text(json.dumps(data))
    with pytest.raises(SpanRankerError, match=complaint) as error:
        SpanRanker.from_file(path)
    assert RANKER_FILE in str(error.value)


def test_a_weights_file_that_is_not_json_is_refused(tmp_path):
    path = tmp_path / RANKER_FILE
    path.write_text("{not json")
    with pytest.raises(SpanRankerError, match=RANKER_FILE):
        SpanRanker.from_file(path)


def test_the_packaged_cuad_model_ships_a_ranker_for_its_types():
    model = load_classifier()
    assert model.ranker is not None
    assert set(model.ranker.types) <= set(model.labels)
    assert "governing_law" in model.ranker.types
    assert "CUAD" in model.ranker.about  # the attribution travels with the weights


def _hits(**config):
    nlp = make_pipeline(detector=config)
    doc = nlp(doc_from_text(nlp, CONTRACT))
    return nlp, list(doc.spans["detected"])


def test_the_ranker_rescores_the_reported_spans_and_keeps_which_are_reported():
    nlp, ranked = _hits()
    _, blended = _hits(span_ranker=False)
    assert nlp.config["components"]["contractkit_clause_detector"]["span_ranker"] is True
    assert {(s.label_, s.start, s.end) for s in ranked} == {
        (s.label_, s.start, s.end) for s in blended
    }
    law = [s for s in ranked if s.label_ == "governing_law"]
    assert law
    for span in law:
        assert span._.sources["blend"] != span._.score or span._.score == 0
        assert "span ranker" in span._.explanation
    for span in blended:
        assert "blend" not in (span._.sources or {})


def test_the_clause_itself_outranks_a_passing_mention_of_the_same_law():
    _, ranked = _hits(threshold=0.001)
    law = sorted((s for s in ranked if s.label_ == "governing_law"), key=lambda s: -s._.score)
    assert "governed by and construed" in law[0].text
    mention = [s for s in law if "copy to counsel" in s.text]
    assert not mention or mention[0]._.score < law[0]._.score / 2
