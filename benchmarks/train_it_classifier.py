"""Train the IT clause-type classifier on the real contracts of `../shared/it-labels`; package it.

What it builds
--------------
The same kind of model as the CUAD classifier (`train_clause_classifier.py`: spaCy
`textcat_multilabel`, bag of n-grams, logistic loss, averaged SGD, the same candidate units and
context features), for the IT types CUAD lacks: `sla`, `warranty`, `returns`, `data_erasure`,
`support_maintenance`, `data_protection`, `breach_notification`, `limitation_of_liability`,
`acceptance` (`audit_rights` is CUAD's own category and stays with the CUAD model). Units are
labelled from the hand-labelled spans by the rule in `it_labels.py`.

The detector blends its scores with the cue recognisers (`contractkit.detect.blend`). Whether a
*contract* has a type is decided by the best blended unit score against a per-type presence
threshold, so the thresholds are fitted on what the detector itself says: every labelled
contract is run through the whole pipeline (the text engine on `cuad/txt/<id>.txt`) with the
model of the fold that held it out, and per type the threshold with the best contract-level F1
over those out-of-fold scores is kept (`presence_thresholds.json`).

Run (single process, about 3 minutes on one core; writes nothing but the model folder):
    .venv/bin/python benchmarks/train_it_classifier.py --final
    .venv/bin/python benchmarks/train_it_classifier.py --fold-models benchmarks/out/it_folds
The second writes the K fold models, unthresholded, for `benchmarks/it_types.py`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
import spacy
from cuad_sample import ROOT
from it_labels import MODEL_TYPES, Contract, Label, load_labels, prepare, text_path
from train_clause_classifier import (
    SEED,
    THRESHOLD_GRID,
    Settings,
    assign_folds,
    f1,
    save_model,
    train,
)

from contractkit import load
from contractkit.detect.classifier import IT_MODEL_NAME, ClauseClassifier
from contractkit.nlp import make_pipeline, to_spacy

MODEL_DIR = ROOT / "contractkit" / "detect" / "models" / IT_MODEL_NAME
FOLDS = 5
Presence = dict[str, dict[str, float]]  # contract id -> type -> raw presence (best blended unit)


def contracts_and_labels() -> tuple[list[Contract], dict[str, dict[str, Label]]]:
    labels = load_labels()
    return [prepare(cid, labels[cid], MODEL_TYPES) for cid in sorted(labels)], labels


def train_model(contracts: Sequence[Contract], settings: Settings) -> ClauseClassifier:
    model = train(contracts, settings, log=False, labels=MODEL_TYPES)
    model.nlp.meta["name"] = IT_MODEL_NAME  # fold models too: explanations name the model
    return model


def write_fold_models(
    contracts: Sequence[Contract], settings: Settings, out: Path, folds: int = FOLDS
) -> dict[str, int]:
    """Per fold, the model trained without it (no thresholds) and the ids it holds out."""
    fold_of = assign_folds([c.id for c in contracts], folds)
    for fold in range(folds):
        held = sorted(c.id for c in contracts if fold_of[c.id] == fold)
        print(f"fold model {fold + 1}/{folds}: holds out {len(held)} contracts", flush=True)
        model = train_model([c for c in contracts if fold_of[c.id] != fold], settings)
        target = out / f"fold-{fold}"
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        model.to_disk(target)
        (target / "held_out.json").write_text(json.dumps(held, indent=0) + "\n")
    return fold_of


def fold_dirs(folder: Path) -> dict[str, Path]:
    """Contract id -> the fold model that never saw it."""
    held: dict[str, Path] = {}
    for target in sorted(folder.glob("fold-*")):
        for cid in json.loads((target / "held_out.json").read_text()):
            held[cid] = target
    return held


def detector_presence(
    ids: Sequence[str], models: Mapping[str, Path], options: Mapping[str, Any] | None = None
) -> Presence:
    """Each contract's presence map from the whole detector (its config as shipped, but for
    `options`), its IT types scored by the model `models[id]` (a fold model without
    thresholds: presence is then the raw best score)."""
    out: Presence = {}
    for target in sorted(set(models.values())):
        nlp = make_pipeline(detector={**(options or {}), "it_classifier_path": str(target)})
        for cid in ids:
            if models[cid] == target:
                doc = to_spacy(load(text_path(cid)), nlp)
                out[cid] = {t: float(doc._.clause_presence.get(t, 0.0)) for t in MODEL_TYPES}
    return out


def fit_thresholds(
    presence: Presence, labels: Mapping[str, Mapping[str, Label]], ids: Sequence[str]
) -> dict[str, float]:
    """Per type, the presence threshold with the best contract-level F1 over `ids` (the middle
    one of a run of equally good thresholds, away from the edges)."""
    thresholds = {}
    for label in MODEL_TYPES:
        best = np.array([presence[cid][label] for cid in ids])
        actual = np.array([labels[cid][label].present for cid in ids])
        scores = [f1(best >= t, actual) for t in THRESHOLD_GRID]
        top = [t for t, s in zip(THRESHOLD_GRID, scores, strict=True) if s >= max(scores) - 1e-9]
        thresholds[label] = round(top[len(top) // 2], 4)
    return thresholds


NOTICE = """\
# it_clauses — IT clause-type classifier trained on real contracts

Trained on the project's own labels of {contracts} contracts (`../shared/it-labels`: SLA,
warranty, returns, data erasure, support and maintenance, data protection, breach
notification, limitation of liability, acceptance). The contracts are from **CUAD v1**
(Contract Understanding Atticus Dataset) by The Atticus Project, licensed under the Creative
Commons Attribution 4.0 International licence (CC BY 4.0,
https://creativecommons.org/licenses/by/4.0/):

> Dan Hendrycks, Collin Burns, Anya Chen, Spencer Ball. "CUAD: An Expert-Annotated NLP
> Dataset for Legal Contract Review". NeurIPS 2021 Datasets and Benchmarks.
> https://www.atticusprojectai.org/cuad — https://github.com/TheAtticusProject/cuad

The contracts are public filings from the SEC's EDGAR system; the labels are contractkit's and
ship under the same attribution. No contract text is stored in the model except the vocabulary
(`vocabulary.json`: the words used by at least {min_contracts} training contracts). This
notice must ship with the model and with anything derived from it.

## How it was trained

- Units and input: as the CUAD model (`contractkit.detect.training_data`); labels from the
  hand-labelled spans by the rule in `benchmarks/it_labels.py`.
- Model: spaCy {spacy_version} `textcat_multilabel`, `spacy.TextCatBOW.v3` (n-grams up to
  {ngram_size}, {length} hash buckets per label), one logistic output per type.
- Training: logistic loss, {epochs} epochs of SGD (learning rate {learn_rate}, batches of
  {batch_size}, L2 {l2}, averaged weights), seed {seed}, on all {contracts} contracts, CPU.
- `presence_thresholds.json`: per type, the detector's best blended unit score from which the
  contract is taken to have the clause, fitted for contract-level F1 on {folds}-fold
  out-of-fold runs of the whole detector.
- Command: `.venv/bin/python benchmarks/train_it_classifier.py --final`.
"""


def write_model(model: ClauseClassifier, settings: Settings, contracts: int) -> None:
    meta = {
        "name": IT_MODEL_NAME,
        "version": "1.0.0",
        "description": "IT clause-type classifier for contractkit units",
        "license": "CC BY 4.0 (labels on CUAD v1 contracts, The Atticus Project)",
        "sources": [{"name": "CUAD v1", "author": "The Atticus Project", "license": "CC BY 4.0"}],
    }
    notice = NOTICE.format(
        spacy_version=spacy.__version__,
        seed=SEED,
        contracts=contracts,
        folds=FOLDS,
        **asdict(settings),
    )
    save_model(model, MODEL_DIR, meta, notice)


def final(settings: Settings) -> None:
    contracts, labels = contracts_and_labels()
    ids = [c.id for c in contracts]
    with tempfile.TemporaryDirectory() as scratch:
        write_fold_models(contracts, settings, Path(scratch))
        print("out-of-fold detector runs for the presence thresholds", flush=True)
        presence = detector_presence(ids, fold_dirs(Path(scratch)))
    thresholds = fit_thresholds(presence, labels, ids)
    print(f"final model on {len(contracts)} contracts", flush=True)
    start = time.perf_counter()
    model = train_model(contracts, settings)
    print(f"trained in {time.perf_counter() - start:.0f} s; thresholds {thresholds}")
    write_model(ClauseClassifier(model.nlp, model.vocabulary, thresholds), settings, len(ids))
    print(f"wrote {MODEL_DIR}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--final", action="store_true", help="train on all, write the model")
    parser.add_argument("--fold-models", type=Path, help="write the fold models here")
    args = parser.parse_args(argv)
    settings = Settings()
    if args.fold_models:
        contracts, _ = contracts_and_labels()
        write_fold_models(contracts, settings, args.fold_models)
    if args.final:
        final(settings)
    if not (args.final or args.fold_models):
        parser.error("give --final and/or --fold-models DIR")


if __name__ == "__main__":
    sys.exit(main())
