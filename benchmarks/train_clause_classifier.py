"""Train and cross-validate the statistical clause classifier on CUAD; package the final model.

What it builds
--------------
A spaCy `textcat_multilabel` component with the bag-of-words architecture
(`spacy.TextCatBOW.v3`: hashed unigram and bigram features, a sparse linear layer, one logistic
output per CUAD category) over the candidate units of `contractkit.detect.training_data`
(sentences and list items, dates, titles). The unit's input text carries simple context
features: a position bucket, the heading in force, the words just before and after, and for
dates and titles their neighbouring words and enclosing sentence. Words used by fewer than
`min_contracts` training contracts are masked, so names and ids of one contract are never
features. Beside the model, a presence threshold per category (the contract has the clause
when its best unit scores at least that), tuned on out-of-fold scores.

Why this model
--------------
* spaCy is already a contractkit dependency, so the model adds no package, loads offline with
  `spacy.load` from inside the wheel and runs through the same `nlp.pipe` as the rest.
* A sparse linear model over n-grams is the strong, well-understood baseline for clause
  classification: CUAD's categories are mostly signalled by wording ("governed by the laws of",
  "may not assign", "in no event shall ... liability exceed"). It trains in two to three
  minutes on one CPU core (304 contracts, ~90,000 units, 6 epochs), scores a 30-page contract in
  under 0.1 s, needs no pretrained vectors or downloads, and its weights on generic words
  generalise across contracts.
* The CNN/transformer alternatives: spaCy's ensemble with a CNN (`--architecture ensemble`
  or `ensemble_small`) was trained and measured against it (`clause_model_candidates.py`,
  RESULTS.md "Candidate unit scorers"): two points more presence F1 through the pipeline,
  slightly lower span figures, a fifth more detection time; a transformer cannot meet the
  ~0.3 s per contract budget without a GPU.

Training choices, each checked on held-out folds (fold 0 of 5, pooled span AUPR):
* logistic (cross-entropy) loss instead of spaCy's squared error through the sigmoid, whose
  gradient vanishes for confidently wrong scores (rare categories stayed at ~0, AUPR 0.25);
* plain SGD (learning rate 1, mean loss per batch) with weight averaging instead of Adam:
  Adam's per-weight step normalisation let one-contract n-grams memorise the training set
  (training AUC 1.0, held-out AUC 0.67-0.76 and AUPR 0.42-0.49 against SGD's 0.90 and 0.67);
* context features: AUPR 0.64 without them, 0.67 with them;
* the vocabulary mask (words in >= 3 training contracts): +0.005 AUPR, +0.02 presence F1;
* more hash buckets (2^18 instead of 2^16) gained 0.003 AUPR for 4x the size; weighting the
  positives by the class imbalance overfitted rare categories (AUPR 0.59).

Evaluation
----------
`--folds K` runs K-fold cross-validation by contract: the sorted contract ids are shuffled with a
fixed seed and dealt round-robin into folds, each fold is scored by a model trained on the
others, and the held-out predictions of all folds are pooled and scored with `cuad_metrics`
(CUAD's span AUPR and precision at 80 % / 90 % recall, and contract-level presence). Every unit
is a prediction for every category with its score (scores below `MIN_SCORE` are dropped: they
only count at CUAD's last thresholds 0.001 and 0).

Presence is reported twice: with `cuad_metrics`' fixed threshold 0.5 on the raw scores, and with
the per-category thresholds the classifier ships. Those are tuned without the held-out fold
(nested: an inner cross-validation over the training folds gives out-of-fold maxima per
contract, the F1-best threshold per category is taken) and applied by rescaling each category's
scores so that its threshold lands on 0.5 (`presence_scaled`), so `presence_report` is used
unchanged. These are development figures on the 304-contract sample (CUAD's own test split is
kept off this machine).

`--final` trains on all contracts, tunes the presence thresholds on the K-fold out-of-fold
scores (reusing those of `--folds` when both are given), and writes the model to
`contractkit/detect/models/cuad_sentences/` with an `ATTRIBUTION.md` (CUAD is CC BY 4.0).

Run (single process; the nested CV trains 25 models, ~45 min on one core, so run it in the
background; `--final` alone trains 6, ~12 min):
    nohup .venv/bin/python benchmarks/train_clause_classifier.py --folds 5 --final > cv.log &
    .venv/bin/python benchmarks/train_clause_classifier.py --final
    .venv/bin/python benchmarks/train_clause_classifier.py --folds 5 \\
        --fold-models benchmarks/out/fold_models   # for cuad_detection.py --cv-models

Only `--final`, `--install-thresholds JSON` and `--install-span-ranker JSON` change the
package. The second puts presence thresholds fitted elsewhere (`cuad_detection.py
--write-thresholds`, on the whole detector's out-of-fold scores) into the shipped model, after
checking they cover the model's labels; the third does the same for the span ranker
(`span_reranker.py --write-ranker`, fitted on the same out-of-fold scores; `--final` keeps
the ranker already installed, so retrain the fold models and refit it after a new model):
    .venv/bin/python benchmarks/train_clause_classifier.py \\
        --install-thresholds benchmarks/out/presence_thresholds.json
    .venv/bin/python benchmarks/train_clause_classifier.py \\
        --install-span-ranker benchmarks/out/span_ranker.json
Everything else writes to benchmarks/out/ only.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np
import spacy
from cuad_metrics import (
    PRESENCE_THRESHOLD,
    Prediction,
    PresenceReport,
    SpanReport,
    SpanScores,
    presence_report,
    span_report,
)
from cuad_sample import CUAD, ROOT, cuad_records
from spacy.language import Language
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch
from spacy.vocab import Vocab
from thinc.api import SGD, Adam, Model, Optimizer

from contractkit.detect.classifier import (
    COMPONENT,
    MODEL_NAME,
    THRESHOLDS_FILE,
    ClauseClassifier,
    as_doc,
    lexical_vocab,
    presence_scaled,
)
from contractkit.detect.span_ranker import RANKER_FILE, SpanRanker, SpanRankerError
from contractkit.detect.taxonomy import CUAD_CATEGORIES, cuad_id
from contractkit.detect.training_data import Unit, label_units, split_units, words

OUT = Path(__file__).parent / "out" / "clause_classifier_cv.json"
MODEL_DIR = ROOT / "contractkit" / "detect" / "models" / MODEL_NAME
SEED = 0
MIN_SCORE = 0.001
CLIP = 1e-30  # float64 bounds for the cross-entropy gradient (see `step`)
IDS = {cuad_id(category): category for category in CUAD_CATEGORIES}
# Candidate presence thresholds: 60 steps, even in logit space, from 0.01 to 0.9.
THRESHOLD_GRID = tuple(1 / (1 + math.exp(-x)) for x in np.linspace(-4.595, 2.197, 60))
CURVE_POINTS = (0.9, 0.5, 0.2, 0.1, 0.05, 0.01, 0.001)
REPORTED = (
    "audit_rights",
    "governing_law",
    "cap_on_liability",
    "license_grant",
    "anti_assignment",
    "insurance",
    "termination_for_convenience",
    "renewal_term",
    "warranty_duration",
    "post_termination_services",
)
DATA = (
    "CUAD v1, The Atticus Project, CC BY 4.0 (Hendrycks et al., NeurIPS 2021); "
    "304-contract development sample"
)

Maxima = dict[str, dict[str, float]]  # contract id -> clause-type id -> best unit score


@dataclass(frozen=True)
class Settings:
    """Training hyperparameters (the defaults are the ones the packaged model uses)."""

    epochs: int = 6
    ngram_size: int = 2
    length: int = 2**16
    batch_size: int = 128
    learn_rate: float = 1.0
    l2: float = 1e-6
    min_contracts: int = 3
    # "bow" (shipped) or "ensemble": spaCy's TextCatEnsemble.v2, a CNN tok2vec of `width` and
    # `depth` beside the same bag of words (issue 17's candidate; `clause_model_candidates.py`)
    architecture: str = "bow"
    width: int = 64
    depth: int = 2
    # what the CNN embeds of each word: lexical attributes, or its hash alone ("ORTH"), which
    # needs no lexical attributes and so no costlier input Docs
    embed_attrs: tuple[str, ...] = ("NORM", "PREFIX", "SUFFIX", "SHAPE")


@dataclass(frozen=True)
class Contract:
    """One CUAD contract as training units, their labels keyed by clause-type id, and the set of
    words it uses (for the vocabulary)."""

    id: str
    units: list[Unit]
    labels: list[dict[str, float]]
    words: frozenset[str]


# --- data --------------------------------------------------------------------------------------


def prepare(record: dict) -> Contract:
    """Split a CUAD contract's annotated text into units and label them."""
    text = (CUAD / record["txt"]).read_text()
    units = split_units(text)
    labels = label_units(units, text, record["clauses"])
    by_id = [{cuad_id(c): v for c, v in cats.items()} for cats in labels]
    return Contract(record["id"], units, by_id, frozenset(words(text)))


def build_vocabulary(contracts: Sequence[Contract], min_contracts: int) -> frozenset[str] | None:
    """The words used by at least `min_contracts` of the training contracts (None when 0: keep
    every word). Names, typos and numbers of a single contract cannot become features."""
    if min_contracts <= 0:
        return None
    counts = Counter(word for contract in contracts for word in contract.words)
    return frozenset(word for word, n in counts.items() if n >= min_contracts)


def assign_folds(ids: Sequence[str], folds: int, seed: int = SEED) -> dict[str, int]:
    """Contract id -> fold: the sorted ids shuffled with `seed` and dealt round-robin, so folds
    are disjoint by contract, nearly equal in size and the same on every run."""
    order = sorted(set(ids))
    random.Random(seed).shuffle(order)
    return {contract_id: i % folds for i, contract_id in enumerate(order)}


# --- model -------------------------------------------------------------------------------------


def build_nlp(settings: Settings, labels: Sequence[str] = tuple(IDS)) -> Language:
    """A blank English pipeline with one multi-label text classifier: bag of words, or the
    CNN ensemble when `settings.architecture` says so."""
    nlp = spacy.blank("en")
    model = {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": False,
        "ngram_size": settings.ngram_size,
        "no_output_layer": False,
        "length": settings.length,
    }
    if settings.architecture == "ensemble":
        model = ensemble_model(settings, model)
    elif settings.architecture != "bow":
        raise ValueError(f"unknown architecture {settings.architecture!r}")
    textcat = nlp.add_pipe(COMPONENT, config={"model": model, "threshold": PRESENCE_THRESHOLD})
    for label in labels:
        textcat.add_label(label)
    return nlp


def ensemble_model(settings: Settings, bow: dict) -> dict:
    """spaCy's `TextCatEnsemble.v2` config: a CNN over hashed word features (`MultiHashEmbed`,
    `MaxoutWindowEncoder`) beside the bag of words `bow`. Unless it embeds the words' hashes
    alone, it reads their lexical attributes, so its Docs are built in `lexical_vocab`
    (`ClauseClassifier.reads_lexical_attributes` decides, in training as at run time)."""
    return {
        "@architectures": "spacy.TextCatEnsemble.v2",
        "tok2vec": {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": {
                "@architectures": "spacy.MultiHashEmbed.v2",
                "width": settings.width,
                "rows": [EMBED_ROWS[attr] for attr in settings.embed_attrs],
                "attrs": list(settings.embed_attrs),
                "include_static_vectors": False,
            },
            "encode": {
                "@architectures": "spacy.MaxoutWindowEncoder.v2",
                "width": settings.width,
                "window_size": 1,
                "maxout_pieces": 3,
                "depth": settings.depth,
            },
        },
        "linear_model": bow,
    }


EMBED_ROWS = {"NORM": 5000, "PREFIX": 2500, "SUFFIX": 1000, "SHAPE": 2500, "ORTH": 10000}


# The architectures compared in `clause_model_candidates.py`; `--architecture` picks one for
# the fold models and the final model. The ensembles train with Adam, whose per-weight steps
# let the bag of words beside the CNN memorise the training contracts within a few epochs, so
# each stops at its best epoch count on fold 0 (RESULTS.md, "Candidate unit scorers").
ARCHITECTURES = {
    "bow": Settings(),
    "ensemble": Settings(architecture="ensemble", learn_rate=0.001, epochs=2),
    # half the width and depth: a CNN nearer the detection budget
    "ensemble_small": Settings(
        architecture="ensemble", learn_rate=0.001, width=32, depth=1, epochs=3
    ),
    # the same CNN over the words' hashes alone: its input Docs cost what the bag of words' do
    "ensemble_small_orth": Settings(
        architecture="ensemble",
        learn_rate=0.001,
        width=32,
        depth=1,
        epochs=3,
        embed_attrs=("ORTH",),
    ),
}


Batch = list[tuple[str, dict[str, float]]]


def batches(
    contracts: Sequence[Contract], classifier: ClauseClassifier, batch_size: int, seed: int
) -> Iterator[Batch]:
    """All units of `contracts` as shuffled `(model input, labels)` batches."""
    pairs = [
        (classifier.model_text(unit), cats)
        for contract in contracts
        for unit, cats in zip(contract.units, contract.labels, strict=True)
    ]
    random.Random(seed).shuffle(pairs)
    yield from minibatch(pairs, size=batch_size)


def targets(batch: Batch, labels: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The 0/1 target matrix and the mask that is 0 where a label is missing."""
    truths = np.zeros((len(batch), len(labels)))
    mask = np.zeros_like(truths)
    for i, (_, cats) in enumerate(batch):
        for j, label in enumerate(labels):
            if label in cats:
                truths[i, j] = cats[label]
                mask[i, j] = 1.0
    return truths, mask


def step(nlp: Language, batch: Batch, optimizer: Optimizer, vocab: Vocab) -> float:
    """One update with the logistic (cross-entropy) loss; returns the batch's summed loss.

    spaCy's `textcat_multilabel` trains with squared error through the sigmoid, whose gradient
    vanishes for confidently wrong scores: rare categories (a few dozen positives among 80,000
    units) then never rise above ~0. The model still ends in spaCy's sigmoid layer, so the
    cross-entropy gradient with respect to the logits, `p - y`, is divided by the sigmoid's
    derivative before it is handed to the layer's backprop, which multiplies it back."""
    textcat = nlp.get_pipe(COMPONENT)
    docs = [as_doc(vocab, text) for text, _ in batch]
    truths, mask = targets(batch, textcat.labels)
    scores, backprop = textcat.model.begin_update(docs)
    probs = np.clip(scores.astype("d"), CLIP, 1 - 1e-7)
    gradient = (probs - truths) * mask / (probs * (1 - probs)) / len(batch)
    backprop(gradient.astype("f"))
    textcat.finish_update(optimizer)
    loss = -(truths * np.log(probs) + (1 - truths) * np.log(1 - probs)) * mask
    return float(loss.sum())


def keep_averages(model: Model, optimizer: Optimizer) -> None:
    """Replace the weights by their running average over all updates (what `spacy train` saves):
    it generalises better than the weights after the last update."""
    for node in model.walk():
        for name in node.param_names:
            key = (node.id, name)
            if optimizer.averages and key in optimizer.averages:
                node.set_param(name, optimizer.averages[key].copy())


def train(
    contracts: Sequence[Contract],
    settings: Settings,
    log: bool = True,
    labels: Sequence[str] = tuple(IDS),
) -> ClauseClassifier:
    """Fit a fresh pipeline on `contracts` for `labels` (CUAD's categories unless told):
    SGD on the mean loss of each batch (no gradient clipping), tiny decoupled L2 weight decay,
    averaged weights; the ensemble's CNN trains with Adam (`learn_rate` then its step size)."""
    fix_random_seed(SEED)
    nlp = build_nlp(settings, labels)
    classifier = ClauseClassifier(nlp, build_vocabulary(contracts, settings.min_contracts))
    nlp.initialize(lambda: [Example.from_dict(as_doc(nlp.vocab, "-"), {"cats": {}})])
    optimizer = (
        Adam(settings.learn_rate, L2=settings.l2, grad_clip=1.0)
        if settings.architecture == "ensemble"
        else SGD(settings.learn_rate, L2=settings.l2, grad_clip=0.0)
    )
    # a scratch vocabulary keeps training words out of the saved pipeline; with the lexical
    # attributes the model reads, as its input Docs have them at run time
    scratch = lexical_vocab() if classifier.reads_lexical_attributes else Vocab()
    units = sum(len(c.units) for c in contracts)
    for epoch in range(settings.epochs):
        loss = sum(
            step(nlp, batch, optimizer, scratch)
            for batch in batches(contracts, classifier, settings.batch_size, seed=SEED + epoch)
        )
        if log:
            print(f"    epoch {epoch + 1}: loss per unit {loss / units:.4f}", flush=True)
    keep_averages(nlp.get_pipe(COMPONENT).model, optimizer)
    return classifier


# --- presence thresholds -----------------------------------------------------------------------


def contract_maxima(classifier: ClauseClassifier, contracts: Sequence[Contract]) -> Maxima:
    """Per contract and clause type, the best unit score."""
    maxima = {}
    for contract in contracts:
        scored = classifier.score(contract.units)
        maxima[contract.id] = {label: max(s[label] for s in scored) for label in IDS}
    return maxima


def f1(predicted: np.ndarray, actual: np.ndarray) -> float:
    tp = int(np.sum(predicted & actual))
    wrong = int(np.sum(predicted ^ actual))
    return 2 * tp / (2 * tp + wrong) if tp + wrong else 0.0


def fit_thresholds(maxima: Maxima, truth: Mapping[str, Mapping[str, Sequence[str]]]) -> dict:
    """Per clause type, the presence threshold with the best contract-level F1 on out-of-fold
    maxima (the middle one of a run of equally good thresholds, to stay away from the edges)."""
    ids = sorted(maxima)
    thresholds = {}
    for label, category in IDS.items():
        best = np.array([maxima[i][label] for i in ids])
        actual = np.array([bool(truth[i][category]) for i in ids])
        scores = [f1(best >= t, actual) for t in THRESHOLD_GRID]
        top = [t for t, s in zip(THRESHOLD_GRID, scores, strict=True) if s >= max(scores) - 1e-9]
        thresholds[label] = round(top[len(top) // 2], 4)
    return thresholds


def out_of_fold_maxima(
    contracts: Sequence[Contract], fold_of: Mapping[str, int], settings: Settings
) -> tuple[Maxima, list[float]]:
    """Maxima of every contract from a model trained on the other folds; training seconds."""
    maxima: Maxima = {}
    seconds = []
    for fold in sorted(set(fold_of.values())):
        rest = [c for c in contracts if fold_of[c.id] != fold]
        start = time.perf_counter()
        classifier = train(rest, settings, log=False)
        seconds.append(time.perf_counter() - start)
        maxima |= contract_maxima(classifier, [c for c in contracts if fold_of[c.id] == fold])
    return maxima, seconds


# --- predictions and metrics -------------------------------------------------------------------


def predict(
    classifier: ClauseClassifier, contract: Contract
) -> tuple[list[Prediction], dict[str, float], float]:
    """CUAD predictions for one contract (every unit for every category with its score), its
    maxima, and the seconds from raw text to scores (splitting and scoring: what a detector
    pays per contract)."""
    text = (CUAD / "txt" / f"{contract.id}.txt").read_text()
    start = time.perf_counter()
    scored = classifier.score(split_units(text))
    seconds = time.perf_counter() - start
    predictions = [
        (contract.id, IDS[label], unit.text, value)
        for unit, cats in zip(contract.units, scored, strict=True)
        for label, value in cats.items()
        if value >= MIN_SCORE
    ]
    maxima = {label: max(s[label] for s in scored) for label in IDS}
    return predictions, maxima, seconds


def rescaled(
    predictions: Sequence[Prediction], thresholds: Mapping[str, Mapping[str, float]]
) -> list[Prediction]:
    """Predictions with each category's scores rescaled so that the threshold tuned for the
    contract's fold (`thresholds`: contract id -> clause-type id -> threshold) becomes 0.5."""
    return [
        (cid, category, text, presence_scaled(score, thresholds[cid][cuad_id(category)]))
        for cid, category, text, score in predictions
    ]


def finite(value: float) -> float | None:
    """JSON has no NaN: undefined figures are written as null."""
    return None if math.isnan(value) else round(value, 4)


def span_summary(scores: SpanScores) -> dict:
    curve = scores.curve
    points = [(t, i + 1) for i, t in enumerate(curve.thresholds) if t in CURVE_POINTS]
    return {
        "aupr": finite(scores.aupr),
        "precision_at_80_recall": finite(scores.precision_at_80_recall),
        "precision_at_90_recall": finite(scores.precision_at_90_recall),
        "truth_spans": curve.truth_spans,
        "recall_at": {str(t): finite(curve.recalls[i]) for t, i in points},
        "precision_at": {str(t): finite(curve.precisions[i]) for t, i in points},
    }


def presence_summary(report: PresenceReport) -> dict:
    return {
        "precision": finite(report.macro_precision),
        "recall": finite(report.macro_recall),
        "f1": finite(report.macro_f1),
    }


def per_category(
    spans: SpanReport, tuned: PresenceReport, raw: PresenceReport, thresholds: dict
) -> dict[str, dict]:
    """Clause-type id -> its span figures and its presence with tuned / raw thresholds."""
    rows = {}
    for category in CUAD_CATEGORIES:
        label = cuad_id(category)
        found = tuned.per_category[category]
        rows[label] = {
            "category": category,
            **span_summary(spans.per_category[category]),
            "presence": {
                "precision": finite(found.precision),
                "recall": finite(found.recall),
                "f1": finite(found.f1),
                "contracts_with_clause": found.tp + found.fn,
                "thresholds": thresholds[label],
                "f1_at_0.5": finite(raw.per_category[category].f1),
            },
        }
    return rows


def evaluate(truth: dict, predictions: list[Prediction], thresholds: list[dict]) -> dict:
    """CUAD's span figures and contract-level presence for pooled held-out predictions;
    `thresholds` holds, per held-out contract's fold, the thresholds tuned without it."""
    spans = span_report(truth, predictions)
    raw = presence_report(truth, predictions)
    by_contract = {cid: t["thresholds"] for t in thresholds for cid in t["contracts"]}
    tuned = presence_report(truth, rescaled(predictions, by_contract))
    by_label = {label: [t["thresholds"][label] for t in thresholds] for label in IDS}
    return {
        "pooled": span_summary(spans.pooled),
        "presence_macro": presence_summary(tuned),
        "presence_macro_at_0.5": presence_summary(raw),
        "per_category": per_category(spans, tuned, raw, by_label),
    }


# --- runs --------------------------------------------------------------------------------------


def timing(seconds: list[float], contracts: Sequence[Contract]) -> dict:
    """Seconds per contract from raw text to scores: mean, median, max, per 100,000 characters
    and the mean over contracts of 80,000-120,000 characters (~30 pages)."""
    chars = [len((CUAD / "txt" / f"{c.id}.txt").read_text()) for c in contracts]
    thirty_pages = [s for s, n in zip(seconds, chars, strict=True) if 80_000 <= n <= 120_000]
    return {
        "mean": round(statistics.mean(seconds), 4),
        "median": round(statistics.median(seconds), 4),
        "max": round(max(seconds), 4),
        "per_100k_chars": round(sum(seconds) / sum(chars) * 100_000, 4),
        "mean_80k_to_120k_chars": round(statistics.mean(thirty_pages), 4) if thirty_pages else None,
        "contracts_80k_to_120k_chars": len(thirty_pages),
    }


@dataclass
class CrossValidation:
    """Held-out predictions and everything measured on the way."""

    predictions: list[Prediction]
    maxima: Maxima
    thresholds: list[dict]
    folds: list[dict]
    inference_seconds: list[float]


def cross_validate(
    contracts: list[Contract], truth: dict, folds: int, settings: Settings
) -> CrossValidation:
    """K-fold CV by contract. Each fold's presence thresholds come from an inner
    cross-validation over the other folds (nested: the held-out fold never informs them)."""
    fold_of = assign_folds([c.id for c in contracts], folds)
    run = CrossValidation([], {}, [], [], [])
    for fold in range(folds):
        held = [c for c in contracts if fold_of[c.id] == fold]
        rest = [c for c in contracts if fold_of[c.id] != fold]
        print(f"fold {fold + 1}/{folds}: train {len(rest)} contracts, test {len(held)}", flush=True)
        start = time.perf_counter()
        classifier = train(rest, settings)
        train_seconds = time.perf_counter() - start
        for contract in held:
            predictions, maxima, seconds = predict(classifier, contract)
            run.predictions += predictions
            run.maxima[contract.id] = maxima
            run.inference_seconds.append(seconds)
        inner_maxima, inner_seconds = out_of_fold_maxima(
            rest, {c.id: fold_of[c.id] for c in rest}, settings
        )
        thresholds = fit_thresholds(inner_maxima, truth)
        run.thresholds.append({"contracts": [c.id for c in held], "thresholds": thresholds})
        run.folds.append(
            {
                "fold": fold,
                "contracts": len(held),
                "train_seconds": round(train_seconds, 1),
                "inner_train_seconds": [round(s, 1) for s in inner_seconds],
            }
        )
    return run


def fmt(value: float | None) -> str:
    return "    -" if value is None else f"{100 * value:5.1f}"


def report(result: dict) -> None:
    """Print the headline figures and the per-category table."""
    pooled, presence = result["pooled"], result["presence_macro"]
    print(
        f"pooled span AUPR {fmt(pooled['aupr'])} %   P@80 {fmt(pooled['precision_at_80_recall'])}"
        f" %   P@90 {fmt(pooled['precision_at_90_recall'])} %   presence macro F1"
        f" {fmt(presence['f1'])} % (at 0.5: {fmt(result['presence_macro_at_0.5']['f1'])} %)"
    )
    print(f"{'clause type':<36} {'spans':>5} {'AUPR':>5} {'P@80':>5} {'pres F1':>7}")
    for type_id, row in result["per_category"].items():
        mark = "*" if type_id in REPORTED else " "
        print(
            f"{mark}{type_id:<35} {row['truth_spans']:>5} {fmt(row['aupr'])}"
            f" {fmt(row['precision_at_80_recall'])}   {fmt(row['presence']['f1'])}"
        )


# --- final model -------------------------------------------------------------------------------

ATTRIBUTION = """\
# cuad_sentences — clause classifier trained on CUAD

This model is derived from **CUAD v1** (Contract Understanding Atticus Dataset) by
The Atticus Project, licensed under the Creative Commons Attribution 4.0 International
licence (CC BY 4.0, https://creativecommons.org/licenses/by/4.0/):

> Dan Hendrycks, Collin Burns, Anya Chen, Spencer Ball. "CUAD: An Expert-Annotated NLP
> Dataset for Legal Contract Review". NeurIPS 2021 Datasets and Benchmarks.
> https://www.atticusprojectai.org/cuad — https://github.com/TheAtticusProject/cuad

The contracts are public filings from the SEC's EDGAR system. Changes made: the model was
trained on a deterministic sample of {contracts} of CUAD's 510 contracts; the annotated spans
were turned into unit labels as described below. No contract text is stored in the model
except the vocabulary (`vocabulary.json`: the words used by at least {min_contracts} training
contracts). This notice must ship with the model and with anything derived from it.

## How it was trained

- Units: `contractkit.detect.training_data.split_units` (sentences and list items, date
  expressions, document titles) of each contract's annotated text; labels from CUAD's spans by
  the rule in that module's docstring; classifier input from `model_input` (unit words plus
  position, heading and neighbouring-word context features; digits folded to 0).
- Model: spaCy {spacy_version} `textcat_multilabel`, `spacy.TextCatBOW.v3` (n-grams up to
  {ngram_size}, {length} hash buckets per label), one logistic output per CUAD category;
  labels are contractkit clause-type ids (`cuad_id(category)`).
- Training: logistic loss, {epochs} epochs of SGD (learning rate {learn_rate}, batches of
  {batch_size}, L2 weight decay {l2}, averaged weights), seed {seed}, on all {contracts}
  contracts, single process, CPU.
- `presence_thresholds.json`: per clause type, the best-unit score from which the clause is
  taken to be present, tuned for contract-level F1 on {folds}-fold out-of-fold scores.
- `span_ranker.json`: per clause type, logistic-regression weights that turn a unit's blended
  score and its context in the contract into the chance that it is the span reviewers mark
  (`contractkit.detect.span_ranker`), fitted on the whole detector's out-of-fold scores of
  the same contracts by `benchmarks/span_reranker.py --write-ranker` and installed with
  `train_clause_classifier.py --install-span-ranker benchmarks/out/span_ranker.json`.
- Command: `.venv/bin/python benchmarks/train_clause_classifier.py --folds 5 --final` (or
  `--final` alone, which computes the out-of-fold scores without the nested evaluation).
- Cross-validated development figures: `benchmarks/out/clause_classifier_cv.json`.
"""


def save_model(classifier: ClauseClassifier, target: Path, meta: dict, notice: str) -> None:
    """Write a model folder afresh: the pipeline with `meta`, its vocabulary and thresholds,
    and the attribution notice that must ship with it."""
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    classifier.nlp.meta.update(meta)
    classifier.to_disk(target)
    (target / "ATTRIBUTION.md").write_text(notice)


def write_model(
    classifier: ClauseClassifier, settings: Settings, contracts: int, folds: int
) -> None:
    """Save the CUAD pipeline, its vocabulary and thresholds, and the attribution notice."""
    meta = {
        "name": MODEL_NAME,
        "version": "1.0.0",
        "description": "CUAD clause-type classifier for contractkit units",
        "license": "CC BY 4.0 (derived from CUAD v1, The Atticus Project)",
        "sources": [{"name": "CUAD v1", "author": "The Atticus Project", "license": "CC BY 4.0"}],
    }
    notice = ATTRIBUTION.format(
        spacy_version=spacy.__version__,
        seed=SEED,
        contracts=contracts,
        folds=folds,
        **asdict(settings),
    )
    save_model(classifier, MODEL_DIR, meta, notice)


def model_size() -> dict:
    """Bytes per file of the written model and in total."""
    files = {str(p.relative_to(MODEL_DIR)): p.stat().st_size for p in MODEL_DIR.rglob("*")}
    files = {name: size for name, size in files.items() if (MODEL_DIR / name).is_file()}
    return {"total_bytes": sum(files.values()), "files": dict(sorted(files.items()))}


def final(
    contracts: list[Contract], truth: dict, folds: int, settings: Settings, maxima: Maxima | None
) -> dict:
    """Train on everything and write the model with thresholds from out-of-fold maxima."""
    if maxima is None:
        print(f"out-of-fold scores for the presence thresholds ({folds} folds)", flush=True)
        maxima, _ = out_of_fold_maxima(
            contracts, assign_folds([c.id for c in contracts], folds), settings
        )
    print(f"final model on {len(contracts)} contracts", flush=True)
    start = time.perf_counter()
    trained = train(contracts, settings)
    seconds = time.perf_counter() - start
    installed = MODEL_DIR / RANKER_FILE  # fitted on the whole detector's scores, kept
    ranker = SpanRanker.from_file(installed) if installed.exists() else None
    classifier = ClauseClassifier(
        trained.nlp, trained.vocabulary, fit_thresholds(maxima, truth), ranker
    )
    write_model(classifier, settings, len(contracts), folds)
    return {"train_seconds": round(seconds, 1), "model": model_size()}


def install_thresholds(source: Path, model: Path = MODEL_DIR) -> Path:
    """Copy presence thresholds (clause-type id -> threshold in (0, 1)) into the packaged model,
    refusing a file that does not cover exactly the model's labels."""
    thresholds = json.loads(source.read_text())
    target = model / THRESHOLDS_FILE
    labels = set(json.loads(target.read_text()))
    if set(thresholds) != labels:
        missing, extra = sorted(labels - set(thresholds)), sorted(set(thresholds) - labels)
        raise SystemExit(
            f"{source}: labels differ from the model's (missing {missing}, extra {extra})"
        )
    if not all(isinstance(v, int | float) and 0 < v < 1 for v in thresholds.values()):
        raise SystemExit(f"{source}: every threshold must be a number in (0, 1)")
    target.write_text(json.dumps(dict(sorted(thresholds.items())), indent=2) + "\n")
    return target


def install_span_ranker(source: Path, model: Path = MODEL_DIR) -> Path:
    """Copy a span ranker into the packaged model, refusing one that does not load or that
    has weights for clause types the model does not score."""
    try:
        ranker = SpanRanker.from_file(source)
    except SpanRankerError as error:
        raise SystemExit(str(error)) from None
    labels = set(json.loads((model / THRESHOLDS_FILE).read_text()))
    if extra := sorted(set(ranker.types) - labels):
        raise SystemExit(f"{source}: weights for types the model does not score: {extra}")
    target = model / RANKER_FILE
    ranker.to_file(target)
    return target


def fold_models(contracts: list[Contract], folds: int, settings: Settings, out: Path) -> None:
    """Write, per fold, the model trained without it and the ids it holds out, so that a
    benchmark of the whole detector (`cuad_detection.py --cv-models`) scores each contract
    with a model that never saw it."""
    fold_of = assign_folds([c.id for c in contracts], folds)
    for fold in range(folds):
        held = sorted(c.id for c in contracts if fold_of[c.id] == fold)
        print(f"fold model {fold + 1}/{folds}: holds out {len(held)} contracts", flush=True)
        trained = train([c for c in contracts if fold_of[c.id] != fold], settings, log=False)
        target = out / f"fold-{fold}"
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        trained.to_disk(target)
        (target / "held_out.json").write_text(json.dumps(held, indent=0) + "\n")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=0, help="run K-fold cross-validation")
    parser.add_argument("--final", action="store_true", help="train on all, write the model")
    parser.add_argument("--limit", type=int, default=None, help="only N contracts (quick runs)")
    parser.add_argument(
        "--architecture", choices=sorted(ARCHITECTURES), default="bow", help="the unit scorer"
    )
    parser.add_argument("--epochs", type=int, default=None, help="instead of the architecture's")
    parser.add_argument("--learn-rate", type=float, default=None)
    parser.add_argument("--min-contracts", type=int, default=None)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--fold-models", type=Path, default=None, help="write the K outer fold models here"
    )
    parser.add_argument(
        "--install-thresholds",
        type=Path,
        metavar="JSON",
        help="write these presence thresholds (cuad_detection.py --write-thresholds) into the"
        " packaged model, and nothing else",
    )
    parser.add_argument(
        "--install-span-ranker",
        type=Path,
        metavar="JSON",
        help="write this span ranker (span_reranker.py --write-ranker) into the packaged model,"
        " and nothing else",
    )
    args = parser.parse_args(argv)
    if args.install_thresholds:
        print(f"wrote {install_thresholds(args.install_thresholds)}")
        return
    if args.install_span_ranker:
        print(f"wrote {install_span_ranker(args.install_span_ranker)}")
        return
    if not args.folds and not args.final:
        parser.error("give --folds K and/or --final (or --install-thresholds JSON)")
    overrides = {
        "epochs": args.epochs,
        "learn_rate": args.learn_rate,
        "min_contracts": args.min_contracts,
    }
    settings = replace(
        ARCHITECTURES[args.architecture], **{k: v for k, v in overrides.items() if v is not None}
    )
    records = cuad_records(args.limit)
    truth = {r["id"]: r["clauses"] for r in records}
    contracts = [prepare(r) for r in records]
    result: dict = {
        "model": f"spaCy {COMPONENT}, {args.architecture}",
        "settings": asdict(settings),
        "data": DATA,
        "contracts": len(records),
    }
    maxima = None
    if args.fold_models:
        fold_models(contracts, args.folds or 5, settings, args.fold_models)
        return
    if args.folds:
        start = time.perf_counter()
        run = cross_validate(contracts, truth, args.folds, settings)
        result |= evaluate(truth, run.predictions, run.thresholds)
        result["folds"] = run.folds
        result["inference_seconds_per_contract"] = timing(run.inference_seconds, contracts)
        result["cv_seconds"] = round(time.perf_counter() - start, 1)
        maxima = run.maxima
        report(result)
    if args.final:
        result["final"] = final(contracts, truth, args.folds or 5, settings, maxima)
        print(f"wrote {MODEL_DIR} ({result['final']['model']['total_bytes'] / 1e6:.1f} MB)")
    if args.folds:
        args.out.parent.mkdir(exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n")
        print(f"wrote {args.out}")


if __name__ == "__main__":
    sys.exit(main())
