"""Issue 17: candidate second stages over the detector's out-of-fold span scores, compared.

The pooled CUAD span metric keeps every prediction above one common threshold, across all
41 categories and all contracts, so a span's score has to mean the same thing whatever its
category and whatever else its contract holds. The detector's score does not: it is a blend
of a cue score and a classifier probability, trained per category, and it knows nothing of
the other candidates of the same contract. A second stage can learn, from the out-of-fold
scores, how likely a candidate is to be a span CUAD's reviewers highlighted, given its score
*and its context*: the best score of its category in the contract, its rank there, how many
candidates of the category score high, its length, the size of the contract.

Candidates (every one cross-fitted: the contracts of a fold are re-scored by a stage fitted
on the other folds' contracts, with the fold assignment of the classifier's fold models, so
no contract's labels choose its own score):
- the detector's blended score (shipped today);
- isotonic calibration per category (the score alone, per category);
- logistic regression per category on the score and its context;
- the same with piecewise-linear terms of the score and of the category's best score;
- gradient-boosted trees over all categories (category as a feature) on score and context;
- the same plus the unit's scores for all 41 categories (look-alikes: a unit that is a cap on
  liability and an uncapped-liability carve-out scores for both).

Each is printed with CUAD's pooled span metric (AUPR, precision at 80 % / 90 % recall,
`cuad_metrics`) and contract-level presence macro F1 (per-category thresholds cross-fitted
the same way as `cuad_detection.py`). The square root of a stage's probability is also
scored: it ranks the same, but spreads the low probabilities over more of CUAD's fixed
thresholds (0.01 apart), which decides how finely the curve is traced near 80–90 % recall.

Run (after `cuad_detection.py --cv-models benchmarks/out/fold_models`, whose scored hits it
reads; about 10 minutes on 2 cores):
    .venv/bin/python benchmarks/span_reranker.py --cv-models benchmarks/out/fold_models
Writes benchmarks/out/span_reranker.json only; nothing here changes the package.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
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

OUT = Path(__file__).parent / "out" / "span_reranker.json"
EPSILON = 1e-4


@dataclass
class Candidates:
    """One row per distinct (contract, category, text), its best blended score kept."""

    keys: list[tuple[str, str, str]]
    score: np.ndarray  # blended detector score
    classifier: np.ndarray  # classifier probability, NaN for a cue-only hit
    cues: np.ndarray
    category: np.ndarray  # index into `categories`
    categories: list[str]
    fold: np.ndarray
    right: np.ndarray  # matches an annotated span (CUAD's Jaccard rule)


def candidates(scored: list, truth: dict, fold_of: dict[str, int]) -> Candidates:
    best: dict[tuple[str, str, str], tuple[float, float, float]] = {}
    for (cid, category, text, classifier, cues), (_, _, _, score) in zip(
        scored, predictions_at(scored, SHIPPED.boost, SHIPPED.floor), strict=True
    ):
        if not text or category not in truth[cid]:
            continue
        key = (cid, category, text)
        if key not in best or score > best[key][0]:
            best[key] = (score, math.nan if classifier is None else classifier, cues)
    keys = list(best)
    categories = sorted({k[1] for k in keys})
    index = {c: i for i, c in enumerate(categories)}
    return Candidates(
        keys=keys,
        score=np.array([best[k][0] for k in keys]),
        classifier=np.array([best[k][1] for k in keys]),
        cues=np.array([best[k][2] for k in keys]),
        category=np.array([index[k[1]] for k in keys]),
        categories=categories,
        fold=np.array([fold_of[k[0]] for k in keys]),
        right=np.array([any(spans_match(t, k[2], k[1]) for t in truth[k[0]][k[1]]) for k in keys]),
    )


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, EPSILON, 1 - EPSILON)
    return np.log(p / (1 - p))


def hinges(x: np.ndarray, knots: tuple[float, ...]) -> np.ndarray:
    return np.column_stack([np.maximum(0.0, x - k) for k in knots])


def context_features(c: Candidates) -> dict[str, np.ndarray]:
    """Per candidate: its category's best score in its contract, its rank there, how many of
    the category's candidates reach 0.5, its length in words, the contract's candidate count."""
    n = len(c.keys)
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    per_contract: dict[str, int] = defaultdict(int)
    for i, (cid, category, _) in enumerate(c.keys):
        groups[cid, category].append(i)
        per_contract[cid] += 1
    best, rank, high = np.zeros(n), np.zeros(n), np.zeros(n)
    for members in groups.values():
        idx = np.array(members)
        scores = c.score[idx]
        order = np.argsort(-scores, kind="stable")
        ranks = np.empty(len(idx))
        ranks[order] = np.arange(len(idx))
        rank[idx] = ranks
        best[idx] = scores.max()
        high[idx] = (scores >= 0.5).sum()
    return {
        "best": best,
        "rank": rank,
        "high": high,
        "words": np.array([len(k[2].split()) for k in c.keys], dtype=float),
        "contract_candidates": np.array([per_contract[k[0]] for k in c.keys], dtype=float),
    }


def score_features(c: Candidates) -> list[np.ndarray]:
    return [
        logit(c.score),
        logit(np.nan_to_num(c.classifier, nan=0.5)),
        np.isnan(c.classifier).astype(float),
        c.cues,
    ]


def with_context(c: Candidates, context: dict[str, np.ndarray]) -> list[np.ndarray]:
    return [
        logit(context["best"]),
        logit(c.score) - logit(context["best"]),
        np.log1p(context["rank"]),
        np.log1p(context["high"]),
        np.log1p(context["words"]),
        np.log(context["contract_candidates"]),
    ]


def cross_fit(
    c: Candidates, fit_predict: Callable[[np.ndarray, np.ndarray], np.ndarray]
) -> np.ndarray:
    """Each fold's candidates scored by `fit_predict(train_mask, test_mask)`."""
    out = np.zeros(len(c.keys))
    for fold in np.unique(c.fold):
        test = c.fold == fold
        out[test] = fit_predict(~test, test)
    return out


def per_category(c: Candidates, make: Callable[[], object], features: np.ndarray):
    def fit_predict(train: np.ndarray, test: np.ndarray) -> np.ndarray:
        out = np.zeros(int(test.sum()))
        test_rows = np.flatnonzero(test)
        for k in range(len(c.categories)):
            fit_rows = train & (c.category == k)
            mask = c.category[test_rows] == k
            if not mask.any():
                continue
            if c.right[fit_rows].sum() < 3:  # too few right spans to learn from: keep the order
                out[mask] = c.score[test_rows[mask]] * 0.01
                continue
            model = make().fit(features[fit_rows], c.right[fit_rows])
            x = features[test_rows[mask]]
            out[mask] = (
                model.predict(x)
                if isinstance(model, IsotonicRegression)
                else model.predict_proba(x)[:, 1]
            )
        return out

    return fit_predict


def pooled(c: Candidates, features: np.ndarray):
    x = np.column_stack([features, c.category])

    def fit_predict(train: np.ndarray, test: np.ndarray) -> np.ndarray:
        model = HistGradientBoostingClassifier(
            max_iter=300, learning_rate=0.1, categorical_features=[x.shape[1] - 1], random_state=0
        )
        return model.fit(x[train], c.right[train]).predict_proba(x[test])[:, 1]

    return fit_predict


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
    args = parser.parse_args()
    records = cuad_records(None)
    truth = {r["id"]: r["clauses"] for r in records}
    fold_of = {
        cid: int(fold.name.split("-")[1])
        for fold in args.cv_models.glob("fold-*")
        for cid in json.loads((fold / "held_out.json").read_text())
    }
    scored, _ = json.loads(gzip.decompress(SCORED.read_bytes()))
    c = candidates([tuple(row) for row in scored], truth, fold_of)
    context = context_features(c)
    base = np.column_stack(score_features(c))
    contextual = np.column_stack([base, *with_context(c, context)])
    shaped = np.column_stack(
        [
            contextual,
            hinges(logit(c.score), (-4, -2, -1, 0, 1, 2)),
            hinges(logit(context["best"]), (-2, 0, 2)),
            (context["rank"] == 0).astype(float),
            logit(c.score) * (context["rank"] == 0),
        ]
    )
    unit_index: dict[tuple[str, str], int] = {}
    for cid, _, text in c.keys:
        unit_index.setdefault((cid, text), len(unit_index))
    units = np.array([unit_index[cid, text] for cid, _, text in c.keys])
    all_categories = np.zeros((len(unit_index), len(c.categories)))
    all_categories[units, c.category] = c.score
    looks = np.column_stack([contextual, all_categories[units]])

    def logistic() -> LogisticRegression:
        return LogisticRegression(C=1.0, max_iter=3000)

    stages: dict[str, Callable | None] = {
        "detector score (shipped)": None,
        "isotonic per category": per_category(
            c, lambda: IsotonicRegression(out_of_bounds="clip"), c.score
        ),
        "logistic per category, score + context": per_category(c, logistic, contextual),
        "logistic per category, + piecewise terms": per_category(c, logistic, shaped),
        "boosted trees, score + context": pooled(c, contextual),
        "boosted trees, + all categories' scores": pooled(c, looks),
    }
    print(f"{len(c.keys)} candidates, {int(c.right.sum())} matching an annotated span", flush=True)
    results = {}
    for name, stage in stages.items():
        start = time.perf_counter()
        scores = c.score if stage is None else cross_fit(c, stage)
        seconds = time.perf_counter() - start
        for shown, values in ((name, scores), (f"{name}, square root", np.sqrt(scores))):
            if stage is None and shown != name:
                continue
            results[shown] = {**evaluate(c, values, truth, fold_of), "seconds": round(seconds, 1)}
            r = results[shown]
            print(
                f"{shown:<55} AUPR {100 * r['aupr']:.1f}"
                f"  P@80 {100 * r['precision_at_80_recall']:.1f}"
                f"  P@90 {100 * r['precision_at_90_recall']:.1f}"
                f"  presence F1 {100 * r['presence_macro_f1']:.1f}  ({seconds:.0f} s)",
                flush=True,
            )
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(
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
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
