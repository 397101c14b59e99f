"""The span ranker: how likely a scored unit is the span a reviewer would mark, in context.

The blended score (`blend`) judges a unit alone. A reviewer reading a contract marks the
clause, usually once, where it is stated: the second and third sentence that mention an
audit are rarely marked, and in a contract with no audit clause at all even a fairly
audit-like sentence is not. So a unit's chance of being *the* span depends on the other
candidates of its type in the same contract. The ranker is a logistic regression per clause
type over the unit's own scores and that context:

- the blended score (in logit space, with piecewise-linear terms) and the cue score;
- the type's best blended score in the contract, and the unit's distance below it;
- the unit's rank among the type's candidates and how many of them reach 0.5;
- the unit's length in words, and how many candidates the contract has.

Its weights are data (`span_ranker.json` in the classifier's model folder), fitted on the
out-of-fold CUAD scores by `benchmarks/span_reranker.py --write-ranker` and installed by
`train_clause_classifier.py --install-span-ranker`; `benchmarks/RESULTS.md` compares it with
other second stages. The result is a probability ("is this the span a reviewer would mark?")
that means the same for every type and contract, so spans of all types can be ranked on one
scale. Which units are reported does not change: that is still the blended score's job.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

RANKER_FILE = "span_ranker.json"
# A unit is a candidate of a type when its blended score reaches this (CUAD's lowest
# non-zero threshold): the context (best, rank, count) is taken over the candidates only.
CANDIDATE_FLOOR = 0.001
HIGH = 0.5
_EDGE = 1e-4
SCORE_KNOTS = (-4.0, -2.0, -1.0, 0.0, 1.0, 2.0)
BEST_KNOTS = (-2.0, 0.0, 2.0)
FEATURES = (
    "logit_score",
    "logit_classifier",
    "cues",
    "logit_best",
    "below_best",
    "log_rank",
    "log_high",
    "log_words",
    "log_candidates",
    *(f"score_above_{k:g}" for k in SCORE_KNOTS),
    *(f"best_above_{k:g}" for k in BEST_KNOTS),
    "is_best",
    "logit_score_if_best",
)


class SpanRankerError(ValueError):
    """A span ranker file that cannot be used (unreadable, or weights of the wrong shape)."""


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, _EDGE, 1 - _EDGE)
    return np.log(p / (1 - p))


@dataclass(frozen=True, slots=True)
class Context:
    """Per candidate: its type's best score in the contract, its rank (0: the best) and how many
    of the type's candidates reach `HIGH`; and the contract's number of candidates."""

    best: np.ndarray
    rank: np.ndarray
    high: np.ndarray
    candidates: int

    def at(self, rows: np.ndarray, columns: np.ndarray) -> Context:
        """The context of the entries `(rows[i], columns[i])` only."""
        return Context(
            self.best[rows, columns], self.rank[rows, columns], self.high[rows, columns],
            self.candidates,
        )  # fmt: skip


def context(scores: np.ndarray) -> Context:
    """The context of every entry of a units × types matrix of blended scores (entries below
    `CANDIDATE_FLOOR` are not candidates: they get rank and context too, but do not count)."""
    candidate = scores >= CANDIDATE_FLOOR
    masked = np.where(candidate, scores, -np.inf)
    order = np.argsort(-masked, axis=0, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(len(scores))[:, None], axis=0)
    best = np.where(candidate.any(axis=0), masked.max(axis=0, initial=-np.inf), 0.0)
    high = (scores >= HIGH).sum(axis=0)
    return Context(
        best=np.broadcast_to(best, scores.shape),
        rank=rank.astype(float),
        high=np.broadcast_to(high, scores.shape).astype(float),
        candidates=int(candidate.sum()),
    )


def features(
    scores: np.ndarray, classifier: np.ndarray, cues: np.ndarray, words: np.ndarray, where: Context
) -> np.ndarray:
    """The ranker's inputs (`FEATURES`, last axis) for arrays of equal shape (a units × types
    matrix, or entries picked from one); `words` may also be one value per row (unit) of a
    matrix."""
    scores = np.asarray(scores, dtype=float)
    logit_score = _logit(scores)
    logit_best = _logit(np.asarray(where.best, dtype=float))
    is_best = (np.asarray(where.rank) == 0).astype(float)
    words = np.asarray(words, dtype=float)
    if words.shape != scores.shape:
        words = np.broadcast_to(words.reshape(len(scores), -1), scores.shape)
    columns = [
        logit_score,
        _logit(np.asarray(classifier, dtype=float)),
        np.asarray(cues, dtype=float),
        logit_best,
        logit_score - logit_best,
        np.log1p(where.rank),
        np.log1p(where.high),
        np.log1p(words),
        np.full(scores.shape, math.log(max(where.candidates, 1))),
        *(np.maximum(0.0, logit_score - k) for k in SCORE_KNOTS),
        *(np.maximum(0.0, logit_best - k) for k in BEST_KNOTS),
        is_best,
        logit_score * is_best,
    ]
    return np.stack(columns, axis=-1)


class _TypeWeights(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    coefficients: list[float]
    intercept: float

    @model_validator(mode="after")
    def _shape(self) -> _TypeWeights:
        if len(self.coefficients) != len(FEATURES):
            raise ValueError(f"{len(self.coefficients)} coefficients for {len(FEATURES)} features")
        if not all(math.isfinite(v) for v in (*self.coefficients, self.intercept)):
            raise ValueError("weights must be finite numbers")
        return self


class _RankerFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    features: list[str]
    types: dict[str, _TypeWeights]
    about: str = ""

    @model_validator(mode="after")
    def _same_features(self) -> _RankerFile:
        if tuple(self.features) != FEATURES:
            raise ValueError("the features differ from this version's (refit the ranker)")
        return self


@dataclass(frozen=True)
class SpanRanker:
    """Per clause type, logistic-regression weights over `FEATURES`."""

    coefficients: Mapping[str, np.ndarray]
    intercepts: Mapping[str, float]
    about: str = ""

    @property
    def types(self) -> tuple[str, ...]:
        return tuple(self.coefficients)

    def probabilities(
        self,
        labels: Sequence[str],
        scores: np.ndarray,
        classifier: np.ndarray,
        cues: np.ndarray,
        words: np.ndarray,
        entries: tuple[np.ndarray, np.ndarray] | None = None,
        where: Context | None = None,
    ) -> np.ndarray:
        """For a contract's units × `labels` matrices (blended, classifier and cue scores) and
        each unit's length in words: the probability that entry `(rows[i], columns[i])` of
        `entries` (every entry, row by row, when None) is a marked span, NaN for the types the
        ranker has no weights for. The context is the whole contract's (`where`:
        `context(scores)`, when the caller has it already); the features and sums are
        computed for the entries asked for only."""
        rows, columns = np.indices(scores.shape).reshape(2, -1) if entries is None else entries
        if len(rows) == 0:
            return np.zeros(0)
        where = (where or context(scores)).at(rows, columns)
        x = features(
            scores[rows, columns], classifier[rows, columns], cues[rows, columns],
            np.asarray(words)[rows], where,
        )  # fmt: skip
        weights = np.full((len(labels), len(FEATURES)), np.nan)
        intercepts = np.full(len(labels), np.nan)
        for column, label in enumerate(labels):
            if label in self.coefficients:
                weights[column] = self.coefficients[label]
                intercepts[column] = self.intercepts[label]
        z = np.einsum("ij,ij->i", x, weights[columns]) + intercepts[columns]
        return 1 / (1 + np.exp(-z))

    def to_dict(self) -> dict:
        return {
            "about": self.about,
            "features": list(FEATURES),
            "types": {
                label: {
                    "coefficients": [round(float(v), 8) for v in self.coefficients[label]],
                    "intercept": round(float(self.intercepts[label]), 8),
                }
                for label in sorted(self.coefficients)
            },
        }

    def to_file(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_dict(), indent=1) + "\n")

    @classmethod
    def from_dict(cls, data: object, source: str = "span ranker") -> SpanRanker:
        try:
            parsed = _RankerFile.model_validate(data)
        except ValidationError as error:
            raise SpanRankerError(f"{source}: {error}") from None
        return cls(
            coefficients={k: np.array(w.coefficients) for k, w in parsed.types.items()},
            intercepts={k: w.intercept for k, w in parsed.types.items()},
            about=parsed.about,
        )

    @classmethod
    def from_file(cls, path: Path) -> SpanRanker:
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError) as error:
            raise SpanRankerError(f"{path.name}: {error}") from None
        return cls.from_dict(data, path.name)
