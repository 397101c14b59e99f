"""IT clause types: would a second stage, or another report rule, make the reported clauses right
more often? Measured on the hand-judged clauses and the labelled spans.

The detector reports a unit of an IT type when its blended score reaches 0.3, or when it
alone would make the contract have the type. `it_types.py` judges the reported clauses by
hand (`it_clause_handcheck.json`) and counts the labelled spans they cover. This script runs
the same cross-validated detection (`it_types.py`'s folds and thresholds, text files) and
compares, by those two measures:

* the shipped rule;
* reporting below 0.3 only the type's best unit of the contract;
* a higher blend threshold (0.35, 0.4, 0.45);
* a cue score (what the recognisers found, before the classifier) of at least 0.5–0.7;
* only the k best-scored clauses of each type in each contract (k = 1, 2, 3, 5);
and prints, per type, how well the classifier score and the cue score alone tell the judged
clauses right from wrong (ROC AUC);
* a second stage: a logistic regression per type over a reported clause's blended,
  classifier and cue scores, its cue kinds as the explanation names them (own or parent
  heading, phrases, patterns, look-alikes, a heading alone), its length, list-item and
  lead-in form, the type's presence and whether it is the type's best unit. Positives are
  clauses covering a labelled span; negatives, the clauses of contracts labelled without the
  type (the other clauses of a contract that has it are unlabelled, not negative);
  cross-fitted by the same folds, kept at 0.2–0.6; and the same with the hand verdicts of
  the other folds' contracts as labels too (the clause-level negatives the labels lack).

Run (the CUAD fold models as for it_types.py):
    .venv/bin/python benchmarks/it_second_stage.py --cuad-fold-models benchmarks/out/fold_models
About a minute; writes nothing.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
from it_labels import FIRST_FIVE, IT_TYPES
from it_types import (
    FOLD_MODELS,
    HANDCHECK,
    detector_presence,
    fold_dirs,
    load_labels,
    run_detector,
    thresholded_folds,
)
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from contractkit.detect.pipeline import DEFAULT_THRESHOLD

_PATTERN = re.compile(r"\(\w+ #\d+\)")
_ITEM = re.compile(r"\s*\(?[a-z0-9ivx]{1,4}\)")

# (contract, type, start, end, score, sources, explanation, text)
Hit = tuple[str, str, int, int, float, dict[str, float], str, str]


def detect_all(cuad_models: Path | None) -> tuple[list[Hit], dict[str, dict[str, float]]]:
    """Every reported clause of every labelled contract, as it_types.py's pass 2 sees it."""
    labels = load_labels()
    ids = sorted(labels)
    folds = fold_dirs(FOLD_MODELS)
    raw = detector_presence(ids, folds)
    with tempfile.TemporaryDirectory() as scratch:
        models, _ = thresholded_folds(raw, labels, folds, Path(scratch))
        outcomes = run_detector(ids, models, fold_dirs(cuad_models) if cuad_models else None)
    hits: list[Hit] = [
        (cid, h.type, h.start, h.end, h.score, h.sources, h.explanation, h.text)
        for cid, outcome in outcomes.items()
        for h in outcome.hits
        if h.type in IT_TYPES
    ]
    return hits, {cid: outcome.presence for cid, outcome in outcomes.items()}


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def features(hit: Hit, presence: float, best: float) -> list[float]:
    _, _, _, _, score, sources, why, text = hit
    blended = sources.get("blend", score)
    own, parent = "section heading" in why, "parent heading" in why
    phrases, patterns = why.count("phrase “"), len(_PATTERN.findall(why))
    return [
        _logit(blended),
        _logit(sources.get("classifier", 0.0)),
        sources.get("cues", 0.0),
        own,
        parent,
        min(phrases, 3),
        min(patterns, 3),
        "suggests otherwise" in why,
        own and not (phrases or patterns),
        math.log1p(len(text.split())),
        text.strip()[:1].islower(),
        bool(_ITEM.match(text)),
        text.rstrip().endswith(":"),
        _logit(presence),
        score >= best,
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cuad-fold-models", type=Path, default=None)
    args = parser.parse_args()
    labels = load_labels()
    fold_of = {cid: str(path) for cid, path in fold_dirs(FOLD_MODELS).items()}
    verdicts = {
        (v["id"], v["type"], v["start"], v["end"]): v["right"]
        for v in json.loads(HANDCHECK.read_text())["verdicts"]
    }
    hits, presence = detect_all(args.cuad_fold_models)
    best = {}
    for hit in hits:
        best[hit[:2]] = max(best.get(hit[:2], 0.0), hit[4])

    def covers(hit: Hit, span: tuple[int, int]) -> bool:
        return min(hit[3], span[1]) > max(hit[2], span[0])

    def outcome(hit: Hit) -> int | None:  # 1 labelled span, 0 contract without the type
        label = labels[hit[0]][hit[1]]
        if any(covers(hit, span) for span in label.spans):
            return 1
        return None if label.present else 0

    x = np.array([features(h, presence[h[0]].get(h[1], 0.0), best[h[:2]]) for h in hits], float)

    def cross_fitted(y: list[int | None]) -> np.ndarray:
        """Each clause's probability from a model fitted on the other folds' contracts."""
        out = np.ones(len(hits))
        for fold in sorted(set(fold_of.values())):
            for t in IT_TYPES:
                train = [
                    i
                    for i, h in enumerate(hits)
                    if h[1] == t and fold_of[h[0]] != fold and y[i] is not None
                ]
                test = [i for i, h in enumerate(hits) if h[1] == t and fold_of[h[0]] == fold]
                if len({y[i] for i in train}) < 2 or not test:
                    continue
                model = LogisticRegression(max_iter=2000, class_weight="balanced")
                model.fit(x[train], [y[i] for i in train])
                out[test] = model.predict_proba(x[test])[:, 1]
        return out

    spans_or_absent = [outcome(h) for h in hits]
    second = cross_fitted(spans_or_absent)
    # the hand verdicts of the other folds' contracts as labels too (right 1, wrong 0): the
    # clause-level negatives the labels lack; a fold's own verdicts never train its model
    with_verdicts = [
        int(verdicts[key]) if (key := (h[0], h[1], h[2], h[3])) in verdicts else y
        for h, y in zip(hits, spans_or_absent, strict=True)
    ]
    second_judged = cross_fitted(with_verdicts)

    def measure(name: str, keep: Callable[[int], bool]) -> None:
        kept = [i for i in range(len(hits)) if keep(i)]
        judged = [
            verdicts[key]
            for i in kept
            if (key := (hits[i][0], hits[i][1], hits[i][2], hits[i][3])) in verdicts
            and hits[i][1] in FIRST_FIVE
        ]
        recall = []
        for t in FIRST_FIVE:
            spans = [(cid, s) for cid in labels for s in labels[cid][t].spans]
            found = sum(
                any(hits[i][0] == cid and hits[i][1] == t and covers(hits[i], s) for i in kept)
                for cid, s in spans
            )
            recall.append(f"{t} {found / len(spans):.2f}")
        print(
            f"{name:<32} judged right {sum(judged)}/{len(judged)}; span recall {', '.join(recall)}"
        )

    # how well each score alone tells a judged clause right from wrong, per type
    for t in FIRST_FIVE:
        judged = [
            (hits[i], verdicts[key])
            for i in range(len(hits))
            if hits[i][1] == t and (key := (hits[i][0], t, hits[i][2], hits[i][3])) in verdicts
        ]
        right = [int(v) for _, v in judged]
        aucs = {
            name: roc_auc_score(right, [h[5].get(name, 0.0) for h, _ in judged])
            for name in ("classifier", "cues")
        }
        print(
            f"{t:<14} judged {len(judged)}: AUC classifier {aucs['classifier']:.2f}, cues "
            f"{aucs['cues']:.2f}"
        )
    measure("shipped", lambda i: True)
    measure(
        "below 0.3: the best unit only",
        lambda i: hits[i][4] >= DEFAULT_THRESHOLD or hits[i][4] >= best[hits[i][:2]],
    )
    for threshold in (0.35, 0.4, 0.45):
        measure(
            f"blend >= {threshold}", lambda i, t=threshold: hits[i][5].get("blend", hits[i][4]) >= t
        )
    for threshold in (0.5, 0.6, 0.7):
        measure(
            f"cue score >= {threshold}, or best unit",
            lambda i, t=threshold: (
                hits[i][5].get("cues", 0.0) >= t or hits[i][4] >= best[hits[i][:2]]
            ),
        )
    # the k best-scored clauses of each type in each contract (ties kept)
    ranked: dict[tuple[str, str], list[float]] = {}
    for hit in hits:
        ranked.setdefault(hit[:2], []).append(hit[4])
    for scores in ranked.values():
        scores.sort(reverse=True)
    for k in (1, 2, 3, 5):
        measure(
            f"the type's best {k} in the contract",
            lambda i, k=k: hits[i][4] >= ranked[hits[i][:2]][:k][-1],
        )
    for threshold in (0.2, 0.3, 0.4, 0.5, 0.6):
        measure(f"second stage >= {threshold}", lambda i, t=threshold: second[i] >= t)
    for threshold in (0.2, 0.3, 0.4, 0.5, 0.6):
        measure(
            f"... with the verdicts >= {threshold}", lambda i, t=threshold: second_judged[i] >= t
        )


if __name__ == "__main__":
    main()
