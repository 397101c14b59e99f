"""CUAD evaluation harness: span metric, presence, attribute accuracy, keyword baseline."""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import cuad_metrics as cm  # noqa: E402

TRUTH = {
    "c1": {
        "Governing Law": ["This Agreement is governed by the laws of New York."],
        "Audit Rights": ["Licensor may audit the books of Licensee once a year."],
        "Insurance": [],
    },
    "c2": {
        "Governing Law": ["The laws of Delaware govern this Agreement."],
        "Audit Rights": [],
        "Insurance": ["Supplier shall maintain general liability insurance.", "Proof on request."],
    },
    "c3": {"Governing Law": [], "Audit Rights": [], "Insurance": []},
}
WRONG = [
    ("c1", "Insurance", "Payment is due within thirty days of invoice.", 0.8),
    ("c2", "Audit Rights", "Either party may terminate for convenience.", 0.7),
    ("c3", "Governing Law", "Notices shall be in writing.", 0.6),
    ("c3", "Insurance", "This Agreement may be signed in counterparts.", 0.9),
]


def perfect(score: float = 1.0) -> list[cm.Prediction]:
    return [
        (contract, category, span, score)
        for contract, clauses in TRUTH.items()
        for category, spans in clauses.items()
        for span in spans
    ]


def at_threshold(curve: cm.PRCurve, threshold: float) -> tuple[float, float]:
    """(precision, recall) kept at one threshold (the curve's entry 0 is CUAD's anchor)."""
    i = curve.thresholds.index(threshold) + 1
    return curve.precisions[i], curve.recalls[i]


# --- matching ----------------------------------------------------------------------------------


def test_normalisation_drops_punctuation_lowercases_and_splits_slashes() -> None:
    assert cm.normalize_words("Section 2.1: Term/Renewal;  FOO, bar.") == {
        "section",
        "21",
        "term",
        "renewal",
        "foo",
        "bar",
    }
    assert cm.normalize_words("a a A") == {"a"}


def test_jaccard_on_hand_examples() -> None:
    assert cm.jaccard("The quick brown fox", "the QUICK, brown dog.") == pytest.approx(3 / 5)
    assert cm.jaccard("Rofr/Rofo", "rofr rofo") == 1.0
    assert cm.jaccard("a b", "c d") == 0.0
    assert cm.jaccard("...", "") == 0.0


def test_match_needs_half_the_words_and_parties_also_match_by_substring() -> None:
    assert cm.spans_match("a b", "a b c d", "Audit Rights")  # exactly 0.5
    assert not cm.spans_match("a b c", "a b d e", "Audit Rights")  # 0.4
    sentence = "This Agreement is made between Acme Corp. and the Buyer of the Goods listed."
    assert cm.spans_match("Acme Corp.", sentence, "Parties")
    assert not cm.spans_match("Acme Corp.", sentence, "Governing Law")
    assert not cm.spans_match("acme corp.", sentence, "Parties")  # CUAD's substring is verbatim


def test_pair_outcome_keeps_best_matching_score_and_unmatched_predictions() -> None:
    outcome = cm.match_pair(["a b c d"], {"a b c d e": 0.7, "a b c": 0.9, "x y": 0.3}, "Insurance")
    assert outcome == cm.PairOutcome(truth_scores=(0.9,), false_positive_scores=(0.3,))
    missed = cm.match_pair(["a b c d"], {"x y": 0.3}, "Insurance")
    assert missed.truth_scores == (-math.inf,)


def test_every_prediction_is_a_false_positive_when_nothing_is_annotated() -> None:
    predictions = [
        ("c3", "Insurance", "one", 0.9),
        ("c3", "Insurance", "two", 0.4),
        ("c3", "Insurance", "one", 0.2),  # repeated text: counted once, best score
        ("c3", "Insurance", "", 0.9),  # empty text: not a prediction
    ]
    outcomes = cm.match_all(TRUTH, predictions)
    assert outcomes["c3", "Insurance"] == cm.PairOutcome((), (0.9, 0.4))
    curve = cm.span_report(TRUTH, predictions).per_category["Insurance"].curve
    assert at_threshold(curve, 0.5) == (0.0, 0.0)  # one false positive, nothing found
    assert math.isnan(at_threshold(curve, 0.95)[0])  # nothing kept: precision undefined, as CUAD


def test_unknown_contract_is_an_error_and_unknown_category_is_ignored() -> None:
    with pytest.raises(ValueError, match="c9"):
        cm.span_report(TRUTH, [("c9", "Insurance", "x", 1.0)])
    report = cm.span_report(TRUTH, [*perfect(), ("c1", "Escrow Of Data", "x", 1.0)])
    assert report.pooled.aupr == 1.0


# --- curves ------------------------------------------------------------------------------------


def test_thresholds_are_cuads() -> None:
    assert len(cm.THRESHOLDS) == 101
    assert cm.THRESHOLDS[:3] == (0.99, 0.98, 0.97)
    assert cm.THRESHOLDS[-4:] == (0.02, 0.01, 0.001, 0.0)


def test_score_equal_to_threshold_is_kept() -> None:
    curve = cm.span_report(TRUTH, perfect(score=0.5)).pooled.curve
    assert at_threshold(curve, 0.51)[1] == 0.0
    assert at_threshold(curve, 0.5)[1] == 1.0


def test_perfect_predictor_scores_one() -> None:
    report = cm.span_report(TRUTH, perfect())
    pooled = report.pooled
    assert (pooled.aupr, pooled.precision_at_80_recall, pooled.precision_at_90_recall) == (1, 1, 1)
    assert pooled.curve.truth_spans == 5
    assert all(scores.aupr == 1.0 for scores in report.per_category.values())
    # False positives below every true span's score do not lower the interpolated curve.
    low_noise = [(c, cat, text, 0.1) for c, cat, text, _ in WRONG]
    assert cm.span_report(TRUTH, perfect(0.9) + low_noise).pooled.aupr == pytest.approx(1.0)


def test_empty_predictor_has_zero_recall() -> None:
    pooled = cm.span_report(TRUTH, []).pooled
    assert all(recall == 0.0 for recall in pooled.curve.recalls)
    assert (pooled.aupr, pooled.precision_at_80_recall, pooled.precision_at_90_recall) == (0, 0, 0)


def test_shuffled_scores_do_worse_than_perfect_ones() -> None:
    ranked = [(c, cat, text, 0.9 - i / 100) for i, (c, cat, text, _) in enumerate(perfect())]
    ranked += [(c, cat, text, 0.3 - i / 100) for i, (c, cat, text, _) in enumerate(WRONG)]
    scores = [score for *_, score in ranked]
    random.Random(1).shuffle(scores)
    shuffled = [(*p[:3], score) for p, score in zip(ranked, scores, strict=True)]
    best = cm.span_report(TRUTH, ranked).pooled.aupr
    assert best == pytest.approx(1.0)
    assert cm.span_report(TRUTH, shuffled).pooled.aupr < best


def test_precision_at_recall_and_aupr_on_a_hand_computed_curve() -> None:
    precisions = [1.0, 1.0, 0.5, 0.6, 0.4]
    recalls = [0.0, 0.25, 0.5, 0.75, 1.0]
    assert cm.interpolate_precisions(precisions) == [1.0, 1.0, 0.6, 0.6, 0.4]
    assert cm.precision_at_recall(precisions, recalls, 0.5) == 0.6
    assert cm.precision_at_recall(precisions, recalls, 0.8) == 0.4
    assert cm.precision_at_recall(precisions, recalls, 0.9) == 0.4
    assert cm.precision_at_recall(precisions[:4], recalls[:4], 0.8) == 0.0
    # 0.25 · (1 + 1)/2 + 0.25 · (1 + 0.6)/2 + 0.25 · (0.6 + 0.6)/2 + 0.25 · (0.6 + 0.4)/2
    assert cm.area_under_pr(precisions, recalls) == pytest.approx(0.725)


def test_undefined_precisions_follow_cuad() -> None:
    nan = math.nan
    assert cm.interpolate_precisions([1.0, nan, 0.5, 0.25]) == [1.0, 0.5, 0.5, 0.25]
    assert cm.area_under_pr([1.0, nan, nan], [0.0, 0.0, 0.0]) == 0.0
    assert cm.area_under_pr([1.0, 0.5], [0.0, nan]) == 0.0  # nothing annotated


# --- presence and attributes -------------------------------------------------------------------


def test_presence_of_perfect_predictor() -> None:
    report = cm.presence_report(TRUTH, perfect())
    assert report.macro_f1 == report.macro_precision == report.macro_recall == 1.0


def test_presence_counts_contracts_and_respects_the_threshold() -> None:
    predictions = [*perfect(0.6), *WRONG, ("c2", "Governing Law", "x", 0.4)]
    report = cm.presence_report(TRUTH, predictions, threshold=0.5)
    insurance = report.per_category["Insurance"]  # c2 found; c1 and c3 invented
    assert (insurance.tp, insurance.fp, insurance.fn, insurance.tn) == (1, 2, 0, 0)
    assert insurance.f1 == pytest.approx(2 / 4)
    governing = cm.presence_report(TRUTH, predictions, threshold=0.7).per_category["Governing Law"]
    assert (governing.tp, governing.fp, governing.fn, governing.tn) == (0, 0, 2, 1)
    assert math.isnan(governing.precision) and governing.f1 == 0.0


def test_macro_presence_skips_categories_never_annotated_nor_predicted() -> None:
    truth = {"c1": {"A": ["x"], "B": []}, "c2": {"A": [], "B": []}}
    report = cm.presence_report(truth, [("c1", "A", "x", 1.0)])
    assert math.isnan(report.per_category["B"].f1)
    assert report.macro_f1 == 1.0


def test_attribute_accuracy_with_default_and_custom_comparison() -> None:
    answers = {
        "c1": {"Governing Law": "New York", "Renewal Term": "1 year"},
        "c2": {"Governing Law": "Delaware", "Renewal Term": ""},
        "c3": {"Governing Law": "", "Renewal Term": "2 years"},
    }
    predicted = {
        ("c1", "Governing Law"): "new  york",
        ("c2", "Governing Law"): "Texas",
        ("c1", "Renewal Term"): "one year",
    }
    result = cm.attribute_accuracy(predicted, answers)
    assert set(result) == {"Governing Law", "Renewal Term"}
    assert (result["Governing Law"].correct, result["Governing Law"].total) == (1, 3)
    assert result["Renewal Term"].accuracy == 0.0

    def same_years(predicted: str, expected: str) -> bool:
        return predicted.replace("one", "1") == expected

    assert cm.attribute_accuracy(predicted, answers, same_years)["Renewal Term"].correct == 1
    with pytest.raises(ValueError):
        cm.attribute_accuracy({("c9", "Governing Law"): "x"}, answers)


# --- keyword baseline --------------------------------------------------------------------------

TEXT = """SUPPLY AGREEMENT

1. Governing Law. This Agreement shall be governed by the laws of Ohio; (a) Supplier may not
assign it. Buyer has audit rights over the books.

2. Insurance. Supplier shall carry insurance. See e.g. the schedule."""


def test_sentences_split_on_blank_lines_and_sentence_ends() -> None:
    assert cm.split_sentences(TEXT) == [
        "SUPPLY AGREEMENT",
        "1.",
        "Governing Law.",
        "This Agreement shall be governed by the laws of Ohio;",
        "(a) Supplier may not\nassign it.",
        "Buyer has audit rights over the books.",
        "2.",
        "Insurance.",
        "Supplier shall carry insurance.",
        "See e.g. the schedule.",
    ]


def test_keyword_baseline_finds_name_words_and_keywords() -> None:
    hits = cm.keyword_baseline(TEXT, ["Governing Law", "Anti-Assignment", "Audit Rights"])
    assert hits == [
        ("Governing Law", "Governing Law.", 1.0),
        ("Governing Law", "This Agreement shall be governed by the laws of Ohio;", 1.0),
        ("Anti-Assignment", "(a) Supplier may not\nassign it.", 1.0),
        ("Audit Rights", "Buyer has audit rights over the books.", 1.0),
    ]
    assert cm.name_words("Covenant Not To Sue") == ("covenant", "sue")
    assert set(cm.KEYWORDS) >= {"Cap On Liability", "Source Code Escrow"}


# --- real labels -------------------------------------------------------------------------------


def test_oracle_scores_one_on_real_cuad_labels(cuad_dir: Path) -> None:
    from cuad_sample import cuad_records

    records = cuad_records(20)
    truth = {record["id"]: record["clauses"] for record in records}
    oracle = [
        (contract, category, span, 1.0)
        for contract, clauses in truth.items()
        for category, spans in clauses.items()
        for span in spans
    ]
    report = cm.span_report(truth, oracle)
    assert len(report.per_category) == 41
    assert report.pooled.aupr == 1.0
    assert report.pooled.precision_at_90_recall == 1.0
    for scores in report.per_category.values():  # no annotated span: AUPR 0, as in CUAD
        assert scores.aupr == (1.0 if scores.curve.truth_spans else 0.0)
    assert cm.presence_report(truth, oracle).macro_f1 == 1.0


# --- against CUAD's evaluate.py ----------------------------------------------------------------
# An independent transcription of the metric logic of CUAD's evaluate.py
# (TheAtticusProject/cuad: get_jaccard, compute_precision_recall, get_precisions_recalls,
# process_precisions, get_aupr, get_prec_at_recall), written from the published algorithm and
# sharing no code with benchmarks/cuad_metrics.py. Predictions are keyed by CUAD's question ids
# ("<contract>__<category>"); a prediction is kept at a threshold when its probability is
# strictly above it; sklearn's `auc` is the trapezoidal rule. The hand-built cases below avoid
# what cuad_metrics documents as deliberate differences (repeated texts, scores on a threshold,
# double spaces), so both must give the same figures, and the figures a reader computes by hand.


def _evaluate_py_jaccard(prediction: str, ground_truth: str) -> float:
    for token in [".", ",", ";", ":"]:
        ground_truth = ground_truth.replace(token, "")
        prediction = prediction.replace(token, "")
    ground_truth, prediction = ground_truth.lower(), prediction.lower()
    ground_truth, prediction = ground_truth.replace("/", " "), prediction.replace("/", " ")
    truth_words, predicted_words = set(ground_truth.split(" ")), set(prediction.split(" "))
    return len(truth_words & predicted_words) / len(truth_words | predicted_words)


def _evaluate_py_counts(predictions: list[str], ground_truths: list[str], qa_id: str):
    substr_ok = "Parties" in qa_id

    def is_match(pred: str, truth: str) -> bool:
        return _evaluate_py_jaccard(pred, truth) >= 0.5 or (substr_ok and truth in pred)

    tp = fp = fn = 0
    if not ground_truths:
        fp += len(predictions)
    else:
        for truth in ground_truths:
            if any(is_match(pred, truth) for pred in predictions):
                tp += 1
            else:
                fn += 1
        for pred in predictions:
            if not any(is_match(pred, truth) for truth in ground_truths):
                fp += 1
    return tp, fp, fn


def _evaluate_py_curve(pred_dict: dict, gt_dict: dict, category: str | None = None):
    import numpy as np

    precisions, recalls = [1.0], [0.0]
    for thresh in [*np.arange(0.99, 0, -0.01), 0.001, 0]:
        total_tp = total_fp = total_fn = 0
        for qa_id, ground_truths in gt_dict.items():
            if category and category not in qa_id:
                continue
            kept = [text for text, prob in pred_dict.get(qa_id, []) if prob > thresh and text]
            tp, fp, fn = _evaluate_py_counts(kept, ground_truths, qa_id)
            total_tp, total_fp, total_fn = total_tp + tp, total_fp + fp, total_fn + fn
        kept_count, truth_count = total_tp + total_fp, total_tp + total_fn
        precisions.append(total_tp / kept_count if kept_count > 0 else math.nan)
        recalls.append(total_tp / truth_count if truth_count > 0 else math.nan)
    return precisions, recalls


def _evaluate_py_process(precisions: list[float]) -> list[float]:
    best = precisions[::-1]
    for i in range(1, len(best)):
        best[i] = max(best[i - 1], best[i])  # the built-in max, NaN behaviour included
    return best[::-1]


def _evaluate_py_results(pred_dict: dict, gt_dict: dict, category: str | None = None):
    """(AUPR, precision at 80 % recall, precision at 90 % recall), as `get_results` reports."""
    precisions, recalls = _evaluate_py_curve(pred_dict, gt_dict, category)
    processed = _evaluate_py_process(precisions)
    area = sum(
        (r1 - r0) * (p0 + p1) / 2
        for r0, r1, p0, p1 in zip(recalls, recalls[1:], processed, processed[1:], strict=False)
    )
    aupr = 0.0 if math.isnan(area) else area

    def at_recall(wanted: float) -> float:
        for precision, recall in zip(processed, recalls, strict=True):
            if recall >= wanted:
                return precision
        return 0.0

    return aupr, at_recall(0.8), at_recall(0.9)


def _as_evaluate_py(truth: dict, predictions: list[cm.Prediction]) -> tuple[dict, dict]:
    """cuad_metrics' data shapes -> evaluate.py's: question id -> gold texts / (text, prob)."""
    gt_dict = {
        f"{c}__{cat}": list(spans) for c, clauses in truth.items() for cat, spans in clauses.items()
    }
    pred_dict: dict[str, list[tuple[str, float]]] = {}
    for contract, category, text, score in predictions:
        pred_dict.setdefault(f"{contract}__{category}", []).append((text, score))
    return gt_dict, pred_dict


def _cuad_metrics_results(truth: dict, predictions: list[cm.Prediction], category=None):
    report = cm.span_report(truth, predictions)
    scores = report.pooled if category is None else report.per_category[category]
    return scores.aupr, scores.precision_at_80_recall, scores.precision_at_90_recall


# Four audit clauses in two contracts; G2 is found by a paraphrase at exactly Jaccard 0.5
# (5 words shared of 10: "the", "yearly", "upon", "written", "notice" are not), while a near
# miss of G1 at 5 / 11 is a false positive. Insurance is annotated nowhere.
G1 = "licensee shall keep complete books and records of all sales"
G2 = "the licensor may audit licensee records yearly"
G3 = "audits are carried out by an independent accountant"
G4 = "licensee bears the cost of an audit revealing underpayment"
HAND_TRUTH = {
    "k1": {"Audit Rights": [G1, G2, G3], "Insurance": []},
    "k2": {"Audit Rights": [G4], "Insurance": []},
}
HAND_PREDICTIONS: list[cm.Prediction] = [
    ("k1", "Audit Rights", G1, 0.905),  # TP
    ("k1", "Audit Rights", "licensee shall keep books of purchases", 0.805),  # FP: Jaccard 5/11
    (
        "k1",
        "Audit Rights",
        "licensor may audit licensee records upon written notice",
        0.705,
    ),  # TP G2
    ("k2", "Insurance", "supplier maintains liability cover", 0.605),  # FP: nothing annotated
    ("k1", "Audit Rights", "payment is due within thirty days", 0.505),  # FP
    ("k1", "Audit Rights", G3 + ".", 0.405),  # TP: the full stop is dropped
    ("k2", "Audit Rights", "this agreement is governed by ohio law", 0.305),  # FP
    ("k1", "Insurance", "notices shall be in writing", 0.205),  # FP
    ("k2", "Audit Rights", G4.upper(), 0.105),  # TP: case is folded
]


def test_the_hand_built_case_gives_the_figures_computed_by_hand_in_both() -> None:
    """Pooled: kept from the top, (TP, FP) = (1, 0) (1, 1) (2, 1) (2, 2) (2, 3) (3, 3) (3, 4)
    (3, 5) (4, 5) of 4 annotated spans; the interpolated precision is 1 up to recall 0.25, 2/3 to
    0.5, 1/2 to 0.75 and 4/9 at 1, so AUPR = (1 + 2/3 + 1/2 + 4/9) / 4 = 47/72 and precision at
    80 % and 90 % recall is 4/9 (recall jumps from 0.75 to 1 at the last span)."""
    assert cm.jaccard(G2, HAND_PREDICTIONS[2][2]) == 0.5
    assert cm.jaccard(G1, HAND_PREDICTIONS[1][2]) == pytest.approx(5 / 11)
    expected = (47 / 72, 4 / 9, 4 / 9)
    gt_dict, pred_dict = _as_evaluate_py(HAND_TRUTH, HAND_PREDICTIONS)
    assert _evaluate_py_results(pred_dict, gt_dict) == pytest.approx(expected, abs=1e-12)
    assert _cuad_metrics_results(HAND_TRUTH, HAND_PREDICTIONS) == pytest.approx(expected, abs=1e-12)


def test_per_category_figures_agree_with_evaluate_py_and_by_hand() -> None:
    """Audit Rights alone: (1, 0) (1, 1) (2, 1) (2, 2) (3, 2) (3, 3) (4, 3): interpolated 1, 2/3,
    3/5, 4/7 over the four recall steps, AUPR = (1 + 2/3 + 3/5 + 4/7) / 4 = 149/210, precision at
    80 % recall 4/7. Insurance has no annotated span: recall undefined, AUPR 0 in both."""
    gt_dict, pred_dict = _as_evaluate_py(HAND_TRUTH, HAND_PREDICTIONS)
    audit = (149 / 210, 4 / 7, 4 / 7)
    assert _evaluate_py_results(pred_dict, gt_dict, "Audit Rights") == pytest.approx(audit)
    assert _cuad_metrics_results(HAND_TRUTH, HAND_PREDICTIONS, "Audit Rights") == pytest.approx(
        audit
    )
    assert _evaluate_py_results(pred_dict, gt_dict, "Insurance") == (0.0, 0.0, 0.0)
    assert _cuad_metrics_results(HAND_TRUTH, HAND_PREDICTIONS, "Insurance") == (0.0, 0.0, 0.0)


def test_parties_match_by_substring_in_both_and_other_categories_do_not() -> None:
    truth = {"k1": {"Parties": ["Acme Corp"], "Governing Law": ["Acme Corp"]}}
    sentence = "this agreement is made between acme and Acme Corp of delaware and its buyer"
    predictions = [("k1", "Parties", sentence, 0.655), ("k1", "Governing Law", sentence, 0.655)]
    gt_dict, pred_dict = _as_evaluate_py(truth, predictions)
    for results in (
        lambda cat: _evaluate_py_results(pred_dict, gt_dict, cat),
        lambda cat: _cuad_metrics_results(truth, predictions, cat),
    ):
        assert results("Parties") == (1.0, 1.0, 1.0)
        assert results("Governing Law") == (0.0, 0.0, 0.0)  # Jaccard 2/13: a miss and an FP
        assert results(None)[0] == pytest.approx(0.5 * 0.5)  # 1 of 2 found, precision 1/2


def test_random_predictions_score_the_same_as_evaluate_py() -> None:
    """Many predictions over few words, so that matches, near misses and spans matched by several
    predictions all occur; scores sit between CUAD's thresholds, texts are distinct per pair."""
    rng = random.Random(15)
    vocabulary = [f"w{i}" for i in range(9)]

    def text() -> str:
        return " ".join(rng.sample(vocabulary, rng.randint(1, 5)))

    categories = ["Audit Rights", "Insurance", "Parties", "Cap On Liability"]
    for _ in range(20):
        truth = {
            f"c{k}": {
                cat: list({text() for _ in range(rng.choice([0, 0, 1, 2, 3]))})
                for cat in categories
            }
            for k in range(5)
        }
        predictions = []
        for contract, clauses in truth.items():
            for category in clauses:
                for candidate in {text() for _ in range(rng.randint(0, 6))}:
                    score = (rng.randrange(100) + rng.choice([0.25, 0.5, 0.75])) / 100
                    predictions.append((contract, category, candidate, score))
        gt_dict, pred_dict = _as_evaluate_py(truth, predictions)
        for category in (None, *categories):
            assert _cuad_metrics_results(truth, predictions, category) == pytest.approx(
                _evaluate_py_results(pred_dict, gt_dict, category), abs=1e-12
            ), category
