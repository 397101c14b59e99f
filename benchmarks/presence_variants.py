"""Contract-level presence on CUAD: other ways to decide it, on the saved predictions.

`cuad_detection.py` decides that a contract has a category when the category's best blended
unit score reaches a threshold fitted (per category, for the best contract-level F1) on the
other folds' contracts. This script compares, on the predictions that run saved
(`benchmarks/out/cuad_detection_scored.json.gz`) and cross-fitted by the same folds:

* the shipped fit (the middle of the thresholds with the best F1);
* the F1 curve smoothed over neighbouring thresholds before its best is taken;
* the threshold best on average over bootstrap resamples of the fitting contracts;
* the noisy-OR of the best two or three units instead of the best one;
* a logistic regression per category over the best three scores and how many units reach
  0.3 and 0.1, its probability thresholded like the best score.

Run (after cuad_detection.py --engine pdfium --cv-models benchmarks/out/fold_models):
    .venv/bin/python benchmarks/presence_variants.py
Reads benchmarks/out/ only; writes nothing.
"""

from __future__ import annotations

import gzip
import json
import math
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np
from cuad_detection import SCORED, cross_fitted, predictions_at
from cuad_metrics import presence_report
from cuad_sample import cuad_records
from sklearn.linear_model import LogisticRegression
from train_clause_classifier import IDS, THRESHOLD_GRID, f1, fit_thresholds

from contractkit.detect.blend import SHIPPED
from contractkit.detect.classifier import presence_scaled
from contractkit.detect.taxonomy import cuad_id

FOLDS = Path(__file__).parent / "out" / "fold_models"


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def _middle_best(grid: np.ndarray | list[float], scores: np.ndarray) -> float:
    top = [t for t, s in zip(grid, scores, strict=True) if s >= scores.max() - 1e-9]
    return float(top[len(top) // 2])


def main() -> None:
    truth = {r["id"]: r["clauses"] for r in cuad_records(None)}
    scored, _ = json.loads(gzip.decompress(SCORED.read_bytes()))
    shipped = predictions_at([tuple(row) for row in scored], SHIPPED.boost, SHIPPED.floor)
    fold_of = {
        cid: int(fold.name.split("-")[1])
        for fold in FOLDS.glob("fold-*")
        for cid in json.loads((fold / "held_out.json").read_text())
    }
    ids = sorted(truth)
    units: dict[tuple[str, str], list[float]] = defaultdict(list)
    for cid, category, _, score in shipped:
        units[(cid, cuad_id(category))].append(score)
    for scores in units.values():
        scores.sort(reverse=True)

    def aggregate(fn: Callable[[list[float]], float]) -> dict[str, dict[str, float]]:
        return {cid: {label: fn(units.get((cid, label), [])) for label in IDS} for cid in ids}

    def fit(mode: str) -> Callable[[dict, dict], dict[str, float]]:
        """The threshold per type best on the F1 curve smoothed (`smoothN`) or averaged over
        bootstrap resamples (`bootstrap`) of the fitting contracts."""

        def fitted(maxima: dict, truth: dict) -> dict[str, float]:
            out = {}
            for label, category in IDS.items():
                keys = sorted(maxima)
                best = np.array([maxima[i][label] for i in keys])
                actual = np.array([bool(truth[i][category]) for i in keys])
                curve = np.array([f1(best >= t, actual) for t in THRESHOLD_GRID])
                if mode.startswith("smooth"):
                    width = int(mode.removeprefix("smooth"))
                    kernel = np.ones(2 * width + 1) / (2 * width + 1)
                    curve = np.convolve(np.pad(curve, width, mode="edge"), kernel, mode="valid")
                else:
                    rng = np.random.default_rng(0)
                    curve = np.zeros(len(THRESHOLD_GRID))
                    for _ in range(30):
                        pick = rng.integers(0, len(keys), len(keys))
                        curve += [f1(best[pick] >= t, actual[pick]) for t in THRESHOLD_GRID]
                out[label] = _middle_best(THRESHOLD_GRID, curve)
            return out

        return fitted

    def macro_f1(
        maxima: dict[str, dict[str, float]],
        how: Callable[[dict, dict], dict[str, float]] = fit_thresholds,
    ) -> float:
        return presence_report(truth, cross_fitted(maxima, truth, fold_of, how)).macro_f1

    def features(cid: str, label: str) -> list[float]:
        xs = [*units.get((cid, label), []), 0.0, 0.0, 0.0]
        return [
            _logit(xs[0]),
            _logit(xs[1]),
            _logit(xs[2]),
            math.log1p(sum(x >= 0.3 for x in xs)),
            math.log1p(sum(x >= 0.1 for x in xs)),
        ]

    def regression(strength: float) -> float:
        out = []
        for fold in sorted(set(fold_of.values())):
            train = [i for i in ids if fold_of[i] != fold]
            test = [i for i in ids if fold_of[i] == fold]
            for label, category in IDS.items():
                y = np.array([bool(truth[i][category]) for i in train])
                if y.all() or not y.any():
                    out += [(cid, category, "<c>", float(y.mean())) for cid in test]
                    continue
                x = np.array([features(i, label) for i in train])
                model = LogisticRegression(C=strength, max_iter=1000).fit(x, y)
                seen = model.predict_proba(x)[:, 1]
                grid = np.linspace(0.05, 0.95, 91)
                threshold = _middle_best(grid, np.array([f1(seen >= t, y) for t in grid]))
                probabilities = model.predict_proba(np.array([features(i, label) for i in test]))
                out += [
                    (cid, category, "<c>", presence_scaled(float(p), threshold))
                    for cid, p in zip(test, probabilities[:, 1], strict=True)
                ]
        return presence_report(truth, out).macro_f1

    best = aggregate(lambda xs: xs[0] if xs else 0.0)
    rows = {
        "shipped (cuad_detection.py)": macro_f1(best),
        "best unit, F1 curve smoothed over 3 thresholds": macro_f1(best, fit("smooth1")),
        "best unit, F1 curve smoothed over 9 thresholds": macro_f1(best, fit("smooth4")),
        "best unit, bootstrap-averaged F1": macro_f1(best, fit("bootstrap")),
        "noisy-OR of the best two units": macro_f1(
            aggregate(lambda xs: 1 - math.prod(1 - x for x in xs[:2]))
        ),
        "noisy-OR of the best three units": macro_f1(
            aggregate(lambda xs: 1 - math.prod(1 - x for x in xs[:3]))
        ),
        "logistic regression per category (C=0.1)": regression(0.1),
        "logistic regression per category (C=1)": regression(1.0),
    }
    for name, value in rows.items():
        print(f"{name:<48} presence macro F1 {100 * value:.1f} %")


if __name__ == "__main__":
    main()
