"""Candidate unit scorers for the CUAD clause classifier, side by side on held-out contracts.

Issue 17 asks whether a stronger statistical model than the shipped bag of words
(`spacy.TextCatBOW.v3`) ranks CUAD's clauses better, e.g. spaCy's `TextCatEnsemble` (a CNN
`tok2vec` beside the bag of words). This trains each candidate on the same contracts with
`train_clause_classifier.py`'s data, loss and vocabulary mask, scores the same held-out
contracts, and prints CUAD's span figures (pooled AUPR, precision at 80 % / 90 % recall) and
contract-level presence (macro F1 with the raw 0.5 threshold: no thresholds are tuned, so the
candidates are compared on their scores alone), with the training time and the scoring time
per contract. Classifier alone: no cue recognisers, no span ranker (`cuad_detection.py`
measures the whole detector).

Folds as in `train_clause_classifier.py` (by contract, seed 0); `--fold F` picks the held-out
fold of `--folds K` (one fold at a time: the candidates of `ARCHITECTURES` train for about
ten minutes per fold here, the CNNs two to three each). Writes
`benchmarks/out/clause_model_candidates.json` and nothing else.

    .venv/bin/python benchmarks/clause_model_candidates.py --folds 5 --fold 0
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, replace
from pathlib import Path

from cuad_metrics import Prediction, presence_report, span_report
from cuad_sample import CUAD, cuad_records
from train_clause_classifier import (
    ARCHITECTURES,
    COMPONENT,
    IDS,
    MIN_SCORE,
    Contract,
    Settings,
    assign_folds,
    finite,
    prepare,
    span_summary,
    train,
)

from contractkit.detect.classifier import ClauseClassifier
from contractkit.detect.training_data import split_units

OUT = Path(__file__).parent / "out" / "clause_model_candidates.json"


def scored(classifier: ClauseClassifier, contract: Contract) -> tuple[list[Prediction], float]:
    """Every unit of a held-out contract for every category with its score, as the package
    scores it, and the seconds from raw text to scores."""
    text = (CUAD / "txt" / f"{contract.id}.txt").read_text()
    start = time.perf_counter()
    units = split_units(text)
    scores = classifier.score(units)
    seconds = time.perf_counter() - start
    predictions = [
        (contract.id, IDS[label], unit.text, value)
        for unit, cats in zip(units, scores, strict=True)
        for label, value in cats.items()
        if value >= MIN_SCORE
    ]
    return predictions, seconds


def run(
    name: str, settings: Settings, train_set: list[Contract], held: list[Contract], truth: dict
) -> dict:
    print(f"{name}: training on {len(train_set)} contracts", flush=True)
    start = time.perf_counter()
    classifier = train(train_set, settings)
    train_seconds = time.perf_counter() - start
    predictions: list[Prediction] = []
    seconds = []
    for contract in held:
        found, spent = scored(classifier, contract)
        predictions += found
        seconds.append(spent)
    held_truth = {c.id: truth[c.id] for c in held}
    spans = span_report(held_truth, predictions)
    presence = presence_report(held_truth, predictions)
    return {
        "settings": asdict(settings),
        "component": COMPONENT,
        "train_seconds": round(train_seconds, 1),
        "score_seconds_per_contract": round(sum(seconds) / len(seconds), 4),
        "pooled": span_summary(spans.pooled),
        "presence_macro_f1_at_0.5": finite(presence.macro_f1),
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--fold", type=int, default=0, help="the held-out fold")
    parser.add_argument("--epochs", type=int, default=None, help="instead of each candidate's")
    parser.add_argument(
        "--candidates",
        default=",".join(ARCHITECTURES),
        help="comma-separated: " + ", ".join(ARCHITECTURES),
    )
    parser.add_argument("--limit", type=int, default=None, help="only N contracts (quick runs)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    records = cuad_records(args.limit)
    truth = {r["id"]: r["clauses"] for r in records}
    contracts = [prepare(r) for r in records]
    fold_of = assign_folds([c.id for c in contracts], args.folds)
    held = [c for c in contracts if fold_of[c.id] == args.fold]
    rest = [c for c in contracts if fold_of[c.id] != args.fold]
    result: dict = {
        "contracts": len(contracts),
        "held_out": len(held),
        "fold": f"{args.fold} of {args.folds}",
        "candidates": {},
    }
    for name in args.candidates.split(","):
        settings = ARCHITECTURES[name]
        if args.epochs is not None:
            settings = replace(settings, epochs=args.epochs)
        result["candidates"][name] = run(name, settings, rest, held, truth)
        row = result["candidates"][name]
        pooled = row["pooled"]
        print(
            f"{name:>9}: AUPR {pooled['aupr']}  P@80 {pooled['precision_at_80_recall']}"
            f"  P@90 {pooled['precision_at_90_recall']}"
            f"  presence F1 {row['presence_macro_f1_at_0.5']}"
            f"  train {row['train_seconds']} s"
            f"  score {row['score_seconds_per_contract']} s/contract",
            flush=True,
        )
    args.out.parent.mkdir(exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    sys.exit(main())
