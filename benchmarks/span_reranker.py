"""Issue 17: second stages over the detector's out-of-fold span scores, compared.

The pooled CUAD span metric keeps every prediction above one common threshold, across all
41 categories and all contracts, so a span's score has to mean the same thing whatever its
category and whatever else its contract holds. The detector's blended score does not: it
judges a unit alone. A second stage learns, from the out-of-fold scores, how likely a
candidate is to be a span CUAD's reviewers highlighted, given its scores *and its context*
(`contractkit.detect.span_ranker.FEATURES`: the category's best score in the contract, the
unit's rank there, how many candidates reach 0.5, its length, the contract's candidate count).

Candidates (each cross-fitted: the contracts of a fold are re-scored by a stage fitted on the
other folds' contracts, with the fold assignment of the classifier's fold models, so no
contract's labels choose its own score):
- the detector's blended score (no second stage);
- isotonic calibration per category (the score alone);
- logistic regression per category over the ranker's features (the shipped form:
  `span_ranker.SpanRanker`, a dot product at run time);
- gradient-boosted trees over all categories (category as a feature), same features.

Each is printed with CUAD's pooled span metric (AUPR, precision at 80 % / 90 % recall,
`cuad_metrics`) and contract-level presence macro F1 (per-category thresholds cross-fitted as
in `cuad_detection.py`; presence is still taken from the blended scores in the pipeline).
The features are computed by the package's own `span_ranker.features`, from the candidates
of each contract as the pipeline sees them.

Run (after `cuad_detection.py --cv-models benchmarks/out/fold_models`, whose scored hits it
reads; about 10 minutes on 2 cores):
    .venv/bin/python benchmarks/span_reranker.py --cv-models benchmarks/out/fold_models
`--fold-rankers` also writes each fold model's ranker (fitted without that fold) beside it, so
that `cuad_detection.py` and `it_types.py` measure the whole pipeline with it; `--write-ranker`
fits the shipped form on all candidates into benchmarks/out/span_ranker.json. Nothing here
changes the package: installing that file is `train_clause_classifier.py
--install-span-ranker`'s job.
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from cuad_detection import SCORED, cross_fitted_presence, predictions_at
from cuad_metrics import presence_report, span_report, spans_match
from cuad_sample import cuad_records
from run_keyword_baseline import ATTRIBUTION
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression

from contractkit.detect.blend import SHIPPED
from contractkit.detect.span_ranker import FEATURES, RANKER_FILE, SpanRanker, context, features
from contractkit.detect.taxonomy import cuad_id

OUT = Path(__file__).parent / "out" / "span_reranker.json"
RANKER_OUT = OUT.with_name(RANKER_FILE)  # --write-ranker; never into the package
MIN_RIGHT = 3  # a category needs this many right spans among its candidates to get a model


@dataclass
class Candidates:
    """One row per distinct (contract, category, text), its best blended score kept, with the
    span ranker's features as the pipeline computes them (`span_ranker.features`, over the
    contract's units × types matrix of candidates)."""

    keys: list[tuple[str, str, str]]
    score: np.ndarray  # blended detector score
    category: np.ndarray  # index into `categories`
    categories: list[str]  # CUAD category names
    fold: np.ndarray
    right: np.ndarray  # matches an annotated span (CUAD's Jaccard rule)
    x: np.ndarray  # rows × FEATURES


def candidates(scored: list, truth: dict, fold_of: dict[str, int]) -> Candidates:
    best: dict[tuple[str, str, str], tuple[float, float, float]] = {}
    for (cid, category, text, classifier, cues, *_), (_, _, _, score) in zip(
        scored, predictions_at(scored, SHIPPED.boost, SHIPPED.floor), strict=True
    ):
        if not text or category not in truth[cid] or classifier is None:
            continue
        key = (cid, category, text)
        if key not in best or score > best[key][0]:
            best[key] = (score, classifier, cues)
    keys = sorted(best)
    categories = sorted({k[1] for k in keys})
    index = {c: i for i, c in enumerate(categories)}
    x = np.zeros((len(keys), len(FEATURES)))
    by_contract: dict[str, list[int]] = defaultdict(list)
    for row, key in enumerate(keys):
        by_contract[key[0]].append(row)
    for rows in by_contract.values():
        texts = sorted({keys[r][2] for r in rows})
        unit = {t: i for i, t in enumerate(texts)}
        shape = (len(texts), len(categories))
        matrices = [np.zeros(shape), np.full(shape, 0.5), np.zeros(shape)]
        for r in rows:
            _, category, text = keys[r]
            for matrix, value in zip(matrices, best[keys[r]], strict=True):
                matrix[unit[text], index[category]] = value
        scores, classifier, cues = matrices
        words = np.array([len(t.split()) for t in texts])
        found = features(scores, classifier, cues, words, context(scores))
        for r in rows:
            _, category, text = keys[r]
            x[r] = found[unit[text], index[category]]
    return Candidates(
        keys=keys,
        score=np.array([best[k][0] for k in keys]),
        category=np.array([index[k[1]] for k in keys]),
        categories=categories,
        fold=np.array([fold_of[k[0]] for k in keys]),
        right=np.array([any(spans_match(t, k[2], k[1]) for t in truth[k[0]][k[1]]) for k in keys]),
        x=x,
    )


def cross_fit(c: Candidates, fit_predict: Callable[[np.ndarray], Callable]) -> np.ndarray:
    """Each fold's candidates scored by a stage fitted on the other folds' candidates
    (`fit_predict(train_mask)` returns the fitted stage's `predict(test_mask)`)."""
    out = np.zeros(len(c.keys))
    for fold in np.unique(c.fold):
        test = c.fold == fold
        out[test] = fit_predict(~test)(test)
    return out


def fit_per_category(c: Candidates, make: Callable[[], object], x: np.ndarray, rows: np.ndarray):
    """One model per category fitted on `rows`; categories with fewer than
    `MIN_RIGHT` right spans get none."""
    models = {}
    for k in range(len(c.categories)):
        fit_rows = rows & (c.category == k)
        if c.right[fit_rows].sum() >= MIN_RIGHT:
            models[k] = make().fit(x[fit_rows], c.right[fit_rows])
    return models


def per_category(c: Candidates, make: Callable[[], object], x: np.ndarray):
    def fit_predict(train: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
        models = fit_per_category(c, make, x, train)

        def predict(test: np.ndarray) -> np.ndarray:
            out = c.score[test].copy()  # a category without a model keeps its blended score
            rows = np.flatnonzero(test)
            for k, model in models.items():
                mask = c.category[rows] == k
                if not mask.any():
                    continue
                values = x[rows[mask]]
                out[mask] = (
                    model.predict(values)
                    if isinstance(model, IsotonicRegression)
                    else model.predict_proba(values)[:, 1]
                )
            return out

        return predict

    return fit_predict


def pooled_trees(c: Candidates):
    x = np.column_stack([c.x, c.category])

    def fit_predict(train: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
        model = HistGradientBoostingClassifier(
            max_iter=300, learning_rate=0.1, categorical_features=[x.shape[1] - 1], random_state=0
        ).fit(x[train], c.right[train])
        return lambda test: model.predict_proba(x[test])[:, 1]

    return fit_predict


def logistic() -> LogisticRegression:
    return LogisticRegression(C=1.0, max_iter=3000)


def fitted_ranker(c: Candidates, rows: np.ndarray, about: str) -> SpanRanker:
    """The shipped form: logistic regression per category over `FEATURES`."""
    models = fit_per_category(c, logistic, c.x, rows)
    labels = {k: cuad_id(c.categories[k]) for k in models}
    return SpanRanker(
        coefficients={labels[k]: m.coef_[0] for k, m in models.items()},
        intercepts={labels[k]: float(m.intercept_[0]) for k, m in models.items()},
        about=about,
    )


def evaluate(c: Candidates, scores: np.ndarray, truth: dict, fold_of: dict[str, int]) -> dict:
    predictions = [(k[0], k[1], k[2], float(s)) for k, s in zip(c.keys, scores, strict=True)]
    spans = span_report(truth, predictions).pooled
    presence = presence_report(truth, cross_fitted_presence(predictions, truth, fold_of))
    return {
        "aupr": round(spans.aupr, 4),
        "precision_at_80_recall": round(spans.precision_at_80_recall, 4),
        "precision_at_90_recall": round(spans.precision_at_90_recall, 4),
        "presence_macro_f1": round(presence.macro_f1, 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv-models", type=Path, required=True, help="the fold models' folder")
    parser.add_argument(
        "--write-ranker",
        action="store_true",
        help=f"fit the shipped form on all out-of-fold candidates and write it to {RANKER_OUT}",
    )
    parser.add_argument(
        "--fold-rankers",
        action="store_true",
        help="write into each fold model's folder the ranker fitted on the other folds'"
        " candidates, so that cuad_detection.py and it_types.py run it through the pipeline",
    )
    parser.add_argument(
        "--scored",
        type=Path,
        default=SCORED,
        help=f"the scored hits of that run of cuad_detection.py (default {SCORED.name})",
    )
    parser.add_argument("--out", type=Path, default=OUT, help=f"the report (default {OUT.name})")
    args = parser.parse_args()
    records = cuad_records(None)
    truth = {r["id"]: r["clauses"] for r in records}
    folds = sorted(args.cv_models.glob("fold-*"))
    fold_of = {
        cid: int(fold.name.split("-")[1])
        for fold in folds
        for cid in json.loads((fold / "held_out.json").read_text())
    }
    scored, _ = json.loads(gzip.decompress(args.scored.read_bytes()))
    c = candidates([tuple(row) for row in scored], truth, fold_of)
    stages: dict[str, Callable | None] = {
        "detector score (before)": None,
        "isotonic per category (score alone)": per_category(
            c, lambda: IsotonicRegression(out_of_bounds="clip"), c.score
        ),
        "logistic per category, score + context (shipped)": per_category(c, logistic, c.x),
        "boosted trees over all categories, score + context": pooled_trees(c),
    }
    print(f"{len(c.keys)} candidates, {int(c.right.sum())} matching an annotated span", flush=True)
    results = {}
    for name, stage in stages.items():
        start = time.perf_counter()
        scores = c.score if stage is None else cross_fit(c, stage)
        seconds = time.perf_counter() - start
        results[name] = {**evaluate(c, scores, truth, fold_of), "seconds": round(seconds, 1)}
        r = results[name]
        print(
            f"{name:<52} AUPR {100 * r['aupr']:.1f}"
            f"  P@80 {100 * r['precision_at_80_recall']:.1f}"
            f"  P@90 {100 * r['precision_at_90_recall']:.1f}"
            f"  presence F1 {100 * r['presence_macro_f1']:.1f}  ({seconds:.0f} s)",
            flush=True,
        )
    args.out.parent.mkdir(exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "data": ATTRIBUTION,
                "machine": f"{platform.machine()}, {platform.python_version()}, 2 cores",
                "candidates": len(c.keys),
                "stages": results,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"wrote {args.out}")
    if args.fold_rankers:
        for fold in folds:
            number = int(fold.name.split("-")[1])
            about = f"fold {number}: fitted on the other folds' out-of-fold CUAD candidates"
            fitted_ranker(c, c.fold != number, about).to_file(fold / RANKER_FILE)
            print(f"wrote {fold / RANKER_FILE}")
    if args.write_ranker:
        about = (
            "Fitted by benchmarks/span_reranker.py --write-ranker on the out-of-fold scores of"
            f" {len(records)} CUAD contracts. {ATTRIBUTION}"
        )
        fitted_ranker(c, np.ones(len(c.keys), dtype=bool), about).to_file(RANKER_OUT)
        print(f"wrote {RANKER_OUT}")


if __name__ == "__main__":
    main()
