"""The statistical clause classifier: CUAD clause-type scores for candidate units.

A spaCy `textcat_multilabel` pipeline (bag-of-words n-grams, one logistic output per CUAD
category) trained on CUAD by `benchmarks/train_clause_classifier.py` and shipped inside the
package (`contractkit/detect/models/cuad_sentences/`, CC BY 4.0 attribution beside it). It is
meant to be blended with the rule-based cue recognisers: the cues say *why*, the classifier
ranks. Scores are keyed by clause-type id (`cuad_id(category)`, e.g. `governing_law`).

The model reads the text made by `training_data.model_input` (unit words plus position, heading
and neighbouring-word features, with words outside the model's vocabulary masked). Give
`score_units` the `Unit`s of `split_units` (or use `classify_text` on a whole contract) to get
those context features; a plain string is scored as a sentence without context, which is enough
for an obvious clause but ranks less well.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import spacy
from spacy.attrs import ORTH
from spacy.lang.en import English
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import minibatch
from spacy.vocab import Vocab, create_vocab

from contractkit.detect.span_ranker import RANKER_FILE, SpanRanker
from contractkit.detect.training_data import SENTENCE, Unit, model_input, split_units

__all__ = [
    "COMPONENT",
    "IT_MODEL_NAME",
    "MODEL_NAME",
    "ClauseClassifier",
    "as_doc",
    "classify_text",
    "load_classifier",
    "presence_scaled",
    "score_units",
]

MODEL_NAME = "cuad_sentences"
# The IT clause types CUAD lacks (SLA, warranty, returns, data erasure, ...), trained on real
# contracts labelled for them (`benchmarks/train_it_classifier.py`).
IT_MODEL_NAME = "it_clauses"
COMPONENT = "textcat_multilabel"
VOCABULARY_FILE = "vocabulary.json"
THRESHOLDS_FILE = "presence_thresholds.json"
BATCH_SIZE = 256
# One vocabulary for the Docs of every classifier's inputs: a Doc's words must be lexemes, and
# making a lexeme costs more than scoring it, so the CUAD and IT models share the ones made
# (a bag of words reads only the words' hashes, the same in any vocabulary). Bounded: words
# outside a model's vocabulary are masked before they get here.
_INPUT_VOCAB = Vocab()


def lexical_vocab() -> Vocab:
    """A new vocabulary whose lexemes carry English lexical attributes (norm, prefix, suffix,
    shape): what a model with a CNN reads of a word besides its hash. Docs made in it cost
    twice as much to build, so only such models have their inputs made there."""
    return create_vocab("en", English.Defaults)


@cache
def _lexical_input_vocab() -> Vocab:
    return lexical_vocab()


class WordHashes:
    """What a bag-of-words model reads of an input Doc: its words' hashes, as
    `doc.to_array([ORTH])` gives them. spaCy's n-gram extraction asks a Doc for nothing
    else, so a bag of words scores these exactly as it scores the Doc, without the Vocab
    lookup per word that building the Doc costs (a classifier checks that on a probe
    input before it relies on it: `ClauseClassifier.scores_word_hashes`)."""

    __slots__ = ("_hashes",)

    def __init__(self, model_text: str) -> None:
        words = model_text.split() or ["-"]  # as `as_doc` splits it
        # get_string_id, not a plain hash: spaCy gives its reserved symbols ("agent") small ids
        self._hashes = np.fromiter(map(get_string_id, words), dtype=np.uint64, count=len(words))

    def __len__(self) -> int:
        return len(self._hashes)

    def to_array(self, attrs: Sequence[int]) -> np.ndarray:
        if list(attrs) != [ORTH]:
            raise ValueError(f"only the words' hashes (ORTH) are known here, not {attrs}")
        return self._hashes


def ngram_counts(
    unigrams: Sequence[np.ndarray], ngram_size: int, ops: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What spaCy's `extract_ngrams` makes of a batch for a bag-of-words model, from each
    input's word hashes: per input, its distinct n-gram hashes (n = 1 … `ngram_size`, spaCy's
    `ops.ngrams`) in ascending order, concatenated; their counts (float32); and how many
    each input has (int32). spaCy counts them input by input, a sort and a few array calls
    each, which on short units cost more than the scoring: here one sort serves the batch."""
    sizes = np.fromiter(map(len, unigrams), dtype=np.int64, count=len(unigrams))
    if not len(sizes):
        return np.zeros(0, np.uint64), np.zeros(0, np.float32), np.zeros(0, np.int32)
    words = np.ascontiguousarray(np.concatenate(unigrams), dtype=np.uint64)
    starts = np.cumsum(sizes) - sizes
    owner = np.repeat(np.arange(len(sizes)), sizes)
    keys, owners = [words], [owner]
    for n in range(2, ngram_size + 1):
        grams = ops.ngrams(n, words)  # every window of the joined words, across inputs too
        window_owner = owner[: len(grams)]
        inside = np.arange(len(grams)) - starts[window_owner] <= sizes[window_owner] - n
        keys.append(grams[inside])
        owners.append(window_owner[inside])
    key, by = np.concatenate(keys), np.concatenate(owners)
    order = np.lexsort((key, by))
    key, by = key[order], by[order]
    first = np.ones(len(key), dtype=bool)
    first[1:] = (key[1:] != key[:-1]) | (by[1:] != by[:-1])
    at = np.flatnonzero(first)
    counts = np.diff(np.append(at, len(key))).astype(np.float32)
    lengths = np.bincount(by[at], minlength=len(sizes)).astype(np.int32)
    return key[at], counts, lengths


class _BagOfWords:
    """spaCy's `TextCatBOW` forward pass (n-grams, sparse linear layer, logistic output) for
    `WordHashes`, its n-grams counted a batch at a time (`ngram_counts`). Only for a model of
    that exact structure whose scores on probe inputs it gives to the last bit
    (`ClauseClassifier.counts_ngrams_per_batch`)."""

    STRUCTURE = "with_cpu(extract_ngrams>>resizable(sparse_linear))>>with_cpu(logistic)"

    def __init__(self, model: Any) -> None:
        layers = {node.name: node for node in model.walk()}
        extract = layers["extract_ngrams"]
        self.ngram_size: int = extract.attrs["ngram_size"]
        self.attr: int = extract.attrs["attr"]
        self.linear = layers["resizable(sparse_linear)"]
        self.output = layers["logistic"]
        self.ops = model.ops

    def predict(self, inputs: Sequence[WordHashes]) -> np.ndarray:
        unigrams = [item.to_array([self.attr]) for item in inputs]
        counted = ngram_counts(unigrams, self.ngram_size, self.ops)
        return self.output.predict(self.linear.predict(counted))


_PROBES = (
    "kind_sentence pos_front the agent shall audit the records h_audit 30 days",
    "-",
    "the the the of the",
    "kind_date d_0 d_0 c_effective c_date",
)


def presence_scaled(score: float, threshold: float) -> float:
    """`score` mapped monotonically so that `threshold` lands on 0.5 (logit shift): a category's
    presence threshold becomes the usual 0.5 without changing the order of its scores."""
    if threshold <= 0.0 or threshold >= 1.0:
        raise ValueError(f"threshold must lie strictly between 0 and 1, got {threshold}")
    if score <= 0.0 or score >= 1.0:
        return score
    shift = math.log(threshold / (1 - threshold))
    return 1 / (1 + math.exp(shift - math.log(score / (1 - score))))


def as_doc(vocab: Vocab, model_text: str) -> Doc:
    """A Doc from a model input, split on whitespace: `model_input` has already chosen the words,
    so the tokenizer is skipped (faster, and no rule can split a context marker like `h_law`).
    The classifier reads only the words' hashes, so any `vocab` will do."""
    return Doc(vocab, words=model_text.split() or ["-"])


@dataclass(frozen=True)
class ClauseClassifier:
    """The spaCy pipeline, the word list its inputs are built with (None: no masking), the
    per-clause-type presence thresholds (None: 0.5 for all) and the span ranker fitted on its
    out-of-fold scores (None: spans keep their blended scores)."""

    nlp: Language
    vocabulary: frozenset[str] | None = None
    presence_thresholds: Mapping[str, float] | None = None
    ranker: SpanRanker | None = None

    @cached_property
    def title(self) -> str:
        """What explanations call it: "IT clause classifier" or "CUAD classifier"."""
        it = self.nlp.meta.get("name") == IT_MODEL_NAME
        return "IT clause classifier" if it else "CUAD classifier"

    @property
    def labels(self) -> tuple[str, ...]:
        """The clause-type ids it scores."""
        return tuple(self.nlp.get_pipe(COMPONENT).labels)

    def model_text(self, item: str | Unit) -> str:
        """The model input for a unit, or for a plain string taken as a sentence."""
        unit = item if isinstance(item, Unit) else Unit(0, len(item), item, SENTENCE)
        return model_input(unit, self.vocabulary)

    @cached_property
    def reads_lexical_attributes(self) -> bool:
        """Whether the model reads more of a word than its hash (a CNN that embeds norms,
        prefixes, suffixes or shapes, as `TextCatEnsemble` does by default): its input Docs
        then need `lexical_vocab`'s lexemes. A bag of words reads the hash alone."""
        model = self.nlp.get_pipe_config(COMPONENT)["model"]
        if str(model.get("@architectures", "")).startswith("spacy.TextCatBOW"):
            return False
        embed = model.get("tok2vec", {}).get("embed", {})
        return set(embed.get("attrs", ("NORM",))) != {"ORTH"}

    @cached_property
    def scores_word_hashes(self) -> bool:
        """Whether the model can score `WordHashes` instead of Docs: a bag of words, whose
        scores for a probe input are then the Doc's to the last bit (should a spaCy release
        read more of a Doc, the classifier goes back to building Docs)."""
        if self.reads_lexical_attributes:
            return False
        component = self.nlp.get_pipe(COMPONENT)
        try:
            hashed = component.predict([WordHashes(probe) for probe in _PROBES])
        except (AttributeError, TypeError, ValueError):
            return False
        return bool(np.array_equal(hashed, self._probe_scores))

    @cached_property
    def _probe_scores(self) -> np.ndarray:
        docs = [as_doc(_INPUT_VOCAB, probe) for probe in _PROBES]
        return np.asarray(self.nlp.get_pipe(COMPONENT).predict(docs))

    @property
    def counts_ngrams_per_batch(self) -> bool:
        """Whether `WordHashes` are scored by `_BagOfWords` (n-grams counted a batch at a
        time) instead of spaCy's `predict`: a model of `TextCatBOW`'s structure whose scores
        on the probe inputs are then the same to the last bit."""
        return self._batched_bag_of_words is not None

    @cached_property
    def _batched_bag_of_words(self) -> _BagOfWords | None:
        model = self.nlp.get_pipe(COMPONENT).model
        if not self.scores_word_hashes or model.name != _BagOfWords.STRUCTURE:
            return None
        try:
            batched = _BagOfWords(model)
            scores = batched.predict([WordHashes(probe) for probe in _PROBES])
        except (AttributeError, KeyError, TypeError, ValueError):
            return None
        return batched if np.array_equal(scores, self._probe_scores) else None

    def score_inputs(self, inputs: Sequence[str]) -> list[dict[str, float]]:
        """Scores for ready-made model inputs (`model_text`)."""
        component = self.nlp.get_pipe(COMPONENT)
        labels = component.labels
        predict = component.predict
        if self.scores_word_hashes:
            docs: list[Any] = [WordHashes(text) for text in inputs]
            if self._batched_bag_of_words is not None:
                predict = self._batched_bag_of_words.predict
        else:
            vocab = _lexical_input_vocab() if self.reads_lexical_attributes else _INPUT_VOCAB
            docs = [as_doc(vocab, text) for text in inputs]
        scores: list[dict[str, float]] = []
        for batch in minibatch(docs, BATCH_SIZE):
            rows = np.asarray(predict(batch)).tolist()
            scores += [dict(zip(labels, row, strict=True)) for row in rows]
        return scores

    def score(self, items: Sequence[str | Unit]) -> list[dict[str, float]]:
        """Per unit, clause-type id -> score in [0, 1]."""
        return self.score_inputs([self.model_text(item) for item in items])

    def presence(self, scored: Sequence[Mapping[str, float]]) -> dict[str, float]:
        """Contract-level presence per clause type from the scores of all its units: the best
        unit score, rescaled so that >= 0.5 means "the contract has this clause" (the
        thresholds were tuned for contract-level F1 on out-of-fold CUAD scores)."""
        thresholds = self.presence_thresholds or {}
        return {
            label: presence_scaled(
                max((s[label] for s in scored), default=0.0), thresholds.get(label, 0.5)
            )
            for label in self.labels
        }

    def to_disk(self, path: Path) -> None:
        """Write the pipeline, vocabulary, thresholds and span ranker into directory `path`."""
        self.nlp.to_disk(path)
        if self.vocabulary is not None:
            words = sorted(self.vocabulary)
            (path / VOCABULARY_FILE).write_text(json.dumps(words, indent=0) + "\n")
        if self.presence_thresholds is not None:
            thresholds = dict(sorted(self.presence_thresholds.items()))
            (path / THRESHOLDS_FILE).write_text(json.dumps(thresholds, indent=2) + "\n")
        if self.ranker is not None:
            self.ranker.to_file(path / RANKER_FILE)

    @classmethod
    def from_disk(cls, path: Path) -> ClauseClassifier:
        """Read what `to_disk` wrote (only files: no network)."""
        vocabulary = _read_json(path / VOCABULARY_FILE)
        ranker = path / RANKER_FILE
        return cls(
            spacy.load(path),
            frozenset(vocabulary) if vocabulary is not None else None,
            _read_json(path / THRESHOLDS_FILE),
            SpanRanker.from_file(ranker) if ranker.exists() else None,
        )


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text()) if path.exists() else None


@cache
def load_classifier(name: str = MODEL_NAME) -> ClauseClassifier:
    """A packaged model (the CUAD one unless `name` says otherwise), loaded once per process
    from the installed package (a directory of files read with `spacy.load`: nothing is
    downloaded)."""
    model_dir = resources.files("contractkit.detect").joinpath("models").joinpath(name)
    with resources.as_file(model_dir) as path:
        return ClauseClassifier.from_disk(Path(path))


def score_units(
    texts: Sequence[str | Unit], classifier: ClauseClassifier | None = None
) -> list[dict[str, float]]:
    """Per unit, clause-type id -> score in [0, 1], for every CUAD category (packaged model
    unless `classifier` is given). `texts` are `Unit`s from `split_units` (scored with their
    context) or plain sentences."""
    return (classifier or load_classifier()).score(texts)


def classify_text(
    text: str, classifier: ClauseClassifier | None = None
) -> list[tuple[Unit, dict[str, float]]]:
    """Every candidate unit of a contract's text with its scores (the reading text of a PDF or a
    plain-text contract)."""
    units = split_units(text)
    return list(zip(units, score_units(units, classifier), strict=True))
