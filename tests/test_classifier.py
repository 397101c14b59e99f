"""The statistical clause classifier: training units and labels, folds, the packaged model."""

from __future__ import annotations

import socket
import sys

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contractkit.detect import classifier
from contractkit.detect.training_data import (
    DATE,
    SENTENCE,
    TITLE,
    label_units,
    locate_span,
    model_input,
    split_units,
)

sys.path.insert(0, str(ROOT / "benchmarks"))

CONTRACT = (
    "Exhibit 10.1\n\n"
    "SUPPLY AGREEMENT\n\n"
    "This Supply Agreement is made as of July 11, 2006 between Acme Inc. and Widget Co. "
    "(the “Supplier”).\n\n"
    "12. GOVERNING LAW.\n\n"
    "This Agreement shall be governed by the laws of the State of New York. "
    "Each party shall bear its own costs; (a) the Supplier shall ship the goods; and "
    "(b) the buyer shall pay within thirty (30) days.\n"
)
CLAUSES = {
    "Document Name": ["SUPPLY AGREEMENT"],
    "Parties": ["Acme Inc.", "Widget Co."],
    "Agreement Date": ["July 11, 2006"],
    "Governing Law": ["This Agreement shall be governed by the laws of the State of New York."],
    "Insurance": [],
}


def _unit(units, kind, startswith):
    return next(u for u in units if u.kind == kind and u.text.startswith(startswith))


# --- splitting ---------------------------------------------------------------------------------


def test_units_keep_their_offsets_and_skip_abbreviations():
    units = split_units(CONTRACT)
    assert all(CONTRACT[u.start : u.end] == u.text for u in units)
    sentences = [u.text for u in units if u.kind == SENTENCE]
    # "Inc." and "Co." do not end the sentence; "; (a)" and "; and (b)" start list items.
    assert sentences[2].startswith("This Supply Agreement") and sentences[2].endswith("”).")
    assert "(a) the Supplier shall ship the goods; and" in sentences
    assert sentences[-1] == "(b) the buyer shall pay within thirty (30) days."


def test_dates_titles_and_headings_become_context():
    units = split_units(CONTRACT)
    date = _unit(units, DATE, "July")
    assert date.text == "July 11, 2006"
    assert date.context.startswith("This Supply Agreement")
    assert _unit(units, TITLE, "This Supply").text == "This Supply Agreement"
    law = _unit(units, SENTENCE, "This Agreement shall be governed")
    assert law.heading == "GOVERNING LAW"
    assert law.left.endswith("GOVERNING LAW.") and law.right.startswith("Each party")
    words = model_input(law).split()
    assert {"kind_sentence", "governed", "h_governing", "p_governing", "n_each"} <= set(words)
    # Digits fold to 0 and the date's own words are marked apart from its context words.
    assert {"kind_date", "d_july", "d_00", "d_0000", "l_made", "r_between"} <= set(
        model_input(date).split()
    )


def test_words_outside_the_vocabulary_are_masked():
    unit = split_units("Rogers shall pay the fees.")[0]
    assert model_input(unit, vocabulary={"shall", "pay", "the", "fees"}).split()[-5:] == [
        "oov",
        "shall",
        "pay",
        "the",
        "fees",
    ]


def test_section_numbers_and_abbreviations_do_not_end_sentences():
    text = "12. GOVERNING LAW. This Agreement binds Acme Inc. and its successors."
    assert [u.text for u in split_units(text) if u.kind == SENTENCE] == [
        "12. GOVERNING LAW.",
        "This Agreement binds Acme Inc. and its successors.",
    ]


def test_locate_span_folds_whitespace_and_case_and_splits_omitted():
    text = "Title\n\nSUPPLY   AGREEMENT\n\nfirst part. Other text. second part."
    assert locate_span(text, "Supply Agreement") == [(7, 25)]
    pieces = locate_span(text, "first part.<omitted>second part.")
    assert [text[a:b] for a, b in pieces] == ["first part.", "second part."]


# --- labelling ---------------------------------------------------------------------------------


def test_labeller_marks_clause_units_phrases_and_leaves_partial_overlap_missing():
    units = split_units(CONTRACT)
    labels = dict(zip(units, label_units(units, CONTRACT, CLAUSES), strict=True))

    law = labels[_unit(units, SENTENCE, "This Agreement shall be governed")]
    assert law["Governing Law"] == 1.0
    assert law["Insurance"] == 0.0

    preamble = labels[_unit(units, SENTENCE, "This Supply Agreement")]
    assert preamble["Parties"] == 1.0  # contains whole party names (CUAD's substring rule)
    assert "Agreement Date" not in preamble  # holds the date but is far longer: missing
    assert preamble["Governing Law"] == 0.0

    assert labels[_unit(units, DATE, "July")]["Agreement Date"] == 1.0
    assert labels[_unit(units, SENTENCE, "SUPPLY AGREEMENT")]["Document Name"] == 1.0
    assert labels[_unit(units, SENTENCE, "(b) the buyer")]["Governing Law"] == 0.0


# --- folds -------------------------------------------------------------------------------------


def test_folds_are_deterministic_balanced_and_disjoint_by_contract():
    from train_clause_classifier import assign_folds

    ids = [f"contract_{i:03d}" for i in range(304)]
    folds = assign_folds(ids, 5)
    assert folds == assign_folds(list(reversed(ids)), 5)  # sorted first: order does not matter
    assert set(folds) == set(ids)  # each contract in exactly one fold
    sizes = sorted(list(folds.values()).count(k) for k in range(5))
    assert sizes == [60, 61, 61, 61, 61]
    assert folds != assign_folds(ids, 5, seed=1)


# --- the packaged model ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def offline_model() -> classifier.ClauseClassifier:
    """The packaged model, loaded with every network connection refused."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network access during model loading")

    classifier.load_classifier.cache_clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", refuse)
        patch.setattr(socket, "create_connection", refuse)
        nlp = classifier.load_classifier()
    return nlp


def test_packaged_model_loads_offline_with_one_label_per_cuad_category(offline_model):
    from contractkit.detect.taxonomy import CUAD_CATEGORIES, cuad_id

    ids = sorted(cuad_id(c) for c in CUAD_CATEGORIES)
    assert sorted(offline_model.labels) == ids
    assert sorted(offline_model.presence_thresholds) == ids
    assert all(0 < t < 1 for t in offline_model.presence_thresholds.values())
    assert offline_model.vocabulary and "governed" in offline_model.vocabulary
    assert classifier.load_classifier() is offline_model  # cached
    model_dir = ROOT / "contractkit" / "detect" / "models" / classifier.MODEL_NAME
    assert "CC BY 4.0" in (model_dir / "ATTRIBUTION.md").read_text()


def test_governing_law_scores_high_and_cooking_low(offline_model):
    law, cooking = classifier.score_units(
        [
            "This Agreement shall be governed by and construed in accordance with the laws of "
            "the State of Delaware, without regard to its conflict of laws principles.",
            "Whisk the eggs with the sugar, fold in the flour and bake for twenty minutes.",
        ]
    )
    assert law["governing_law"] > 0.5
    assert max(law, key=law.get) == "governing_law"
    assert max(cooking.values()) < 0.2


def test_classify_text_scores_every_unit_with_context(offline_model):
    scored = classifier.classify_text(CONTRACT)
    assert [u for u, _ in scored] == split_units(CONTRACT)
    best = max(scored, key=lambda pair: pair[1]["governing_law"])[0]
    assert best.text.startswith("This Agreement shall be governed")
    presence = offline_model.presence([scores for _, scores in scored])
    assert presence["governing_law"] >= 0.5
    assert presence["source_code_escrow"] < 0.5


def test_a_bag_of_words_scores_the_words_hashes_exactly_as_it_scores_docs(offline_model):
    """Scoring from the words' hashes skips building a Doc per unit; the scores must be the
    Doc's to the last bit, for both shipped models, words that spaCy reserves a small id for
    ("agent", "amod") included."""
    from spacy.vocab import Vocab

    text = CONTRACT + "\nThe Agent shall keep the records. An agent or amod may audit them.\n"
    units = split_units(text)
    for model in (offline_model, classifier.load_classifier(classifier.IT_MODEL_NAME)):
        assert model.scores_word_hashes and model.counts_ngrams_per_batch
        inputs = [model.model_text(u) for u in units]
        docs = [classifier.as_doc(Vocab(), t) for t in inputs]
        assert model.score_inputs(inputs) == [dict(d.cats) for d in model.nlp.pipe(docs)]


_WORDS = ("the", "agent", "shall", "audit", "kind_sentence", "h_audit", "oov", "0", "-", "records")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12), min_size=1, max_size=8))
def test_ngrams_counted_a_batch_at_a_time_are_spacys_input_by_input(batch):
    """A batch's n-grams counted at once (one sort) must be spaCy's, counted input by input:
    the same hashes in the same order with the same counts, so the scores are the same to the
    last bit; inputs of one word, repeated words and words spaCy reserves ids for included."""
    import numpy as np
    from spacy.attrs import ORTH
    from spacy.ml.extract_ngrams import extract_ngrams
    from spacy.vocab import Vocab

    texts = [" ".join(words) for words in batch]
    docs = [classifier.as_doc(Vocab(), text) for text in texts]
    layer = extract_ngrams(2, attr=ORTH)
    (keys, counts, lengths), _ = layer(docs, is_train=False)
    mine = classifier.ngram_counts([d.to_array([ORTH]) for d in docs], 2, layer.ops)
    for theirs, ours in zip((keys, counts, lengths), mine, strict=True):
        assert ours.dtype == theirs.dtype and np.array_equal(ours, theirs)
    for model in (classifier.load_classifier(), classifier.load_classifier("it_clauses")):
        fresh = [classifier.as_doc(Vocab(), text) for text in texts]  # no other model's cats
        assert model.score_inputs(texts) == [dict(d.cats) for d in model.nlp.pipe(fresh)]


def test_presence_scaling_moves_the_threshold_to_one_half_and_keeps_the_order():
    assert classifier.presence_scaled(0.2, 0.2) == pytest.approx(0.5)
    assert classifier.presence_scaled(0.3, 0.2) > 0.5 > classifier.presence_scaled(0.1, 0.2)
    assert classifier.presence_scaled(0.0, 0.2) == 0.0
    with pytest.raises(ValueError):
        classifier.presence_scaled(0.5, 1.0)


# --- a CNN model (issue 17's candidate, `clause_model_candidates.py`) ---------------------------


def test_a_cnn_model_reads_its_words_lexical_attributes_before_and_after_a_round_trip(tmp_path):
    """A bag of words reads only each word's hash, so its input Docs come from a plain
    vocabulary; the ensemble's CNN also reads norms, prefixes, suffixes and shapes, which that
    vocabulary leaves at zero: its inputs must be made where lexemes have them, as in
    training, also once the model is saved and loaded back."""
    from spacy.training import Example
    from spacy.vocab import Vocab
    from train_clause_classifier import ARCHITECTURES, build_nlp

    nlp = build_nlp(ARCHITECTURES["ensemble_small"], ["governing_law", "insurance"])
    nlp.initialize(lambda: [Example.from_dict(nlp.make_doc("a clause"), {"cats": {}})])
    cnn = classifier.ClauseClassifier(nlp)
    assert cnn.reads_lexical_attributes
    inputs = ["governed by the laws of new york", "Insurance COVERAGE of $5,000,000"]

    def scores(vocab: Vocab) -> list[dict[str, float]]:
        docs = [classifier.as_doc(vocab, text) for text in inputs]
        return [dict(doc.cats) for doc in nlp.pipe(docs)]

    assert cnn.score_inputs(inputs) == scores(classifier.lexical_vocab())
    assert cnn.score_inputs(inputs) != scores(Vocab())
    cnn.to_disk(tmp_path)
    loaded = classifier.ClauseClassifier.from_disk(tmp_path)
    assert loaded.reads_lexical_attributes
    assert loaded.score_inputs(inputs) == cnn.score_inputs(inputs)
    assert not classifier.load_classifier().reads_lexical_attributes  # the shipped bag of words


def test_a_cnn_over_the_words_hashes_alone_needs_no_lexical_attributes():
    """Embedding only each word's hash, the CNN reads what a plain vocabulary gives, so its
    inputs are made as cheaply as the bag of words' and score the same in either vocabulary."""
    from spacy.training import Example
    from spacy.vocab import Vocab
    from train_clause_classifier import ARCHITECTURES, build_nlp

    nlp = build_nlp(ARCHITECTURES["ensemble_small_orth"], ["governing_law"])
    nlp.initialize(lambda: [Example.from_dict(nlp.make_doc("a clause"), {"cats": {}})])
    cnn = classifier.ClauseClassifier(nlp)
    assert not cnn.reads_lexical_attributes
    inputs = ["governed by the laws of new york", "Insurance COVERAGE of $5,000,000"]
    plain = [classifier.as_doc(Vocab(), text) for text in inputs]
    lexical = [classifier.as_doc(classifier.lexical_vocab(), text) for text in inputs]
    assert [d.cats for d in nlp.pipe(plain)] == [d.cats for d in nlp.pipe(lexical)]
    assert cnn.score_inputs(inputs) == [dict(d.cats) for d in nlp.pipe(plain)]
