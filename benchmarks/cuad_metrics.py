"""CUAD evaluation: span AUPR, contract-level presence, attribute accuracy, keyword baseline.

Pure functions over plain data; nothing here imports contractkit, so any detector can be scored.

Data shapes
-----------
* Ground truth (`Truth`): contract id -> category -> annotated span texts (an empty list means the
  category is absent), i.e. `{record["id"]: record["clauses"]}` from `labels.jsonl`.
* Predictions (`Prediction`): `(contract_id, category, text, score)` with the score in [0, 1].

Span metric
-----------
Mirrors `evaluate.py` of TheAtticusProject/cuad (commit 6667285184129355d5aacd44a84b792bcde0ed7e):
word-set Jaccard >= 0.5 after CUAD's normalisation; per (contract, category) an annotated span is a
true positive if any kept prediction matches it (a false negative otherwise), and a kept prediction
matching no annotated span is a false positive (every kept prediction is one when nothing is
annotated); counts are pooled over all (contract, category) pairs, or over one category's pairs,
and traced over CUAD's thresholds; AUPR and precision at 80 % / 90 % recall follow from the curve.
Each pair is matched once (`match_pair`), then the thresholds are swept over the sorted scores.

Deliberate differences from `evaluate.py`. They only matter for repeated texts, texts without
words, scores below 0.001 and scores of exactly 0.94 … 0.99; otherwise the figures equal those of
`evaluate.py` (checked against a transcription of it on random predictions for 25 contracts:
curves, AUPR and precision at recall agree to 1e-15, pooled and per category).
1. A prediction is kept at threshold t when `score >= t`, t being the exact value (0.93, not
   np.arange's 0.9299999999999999). CUAD keeps `score > conf`; np.arange's values sit just below
   the round ones from 0.93 down, so both agree there, but a score of exactly 0.94 … 0.99 is kept
   at its own threshold here and not in CUAD, and a score of 0 counts at threshold 0 here only.
2. Repeated texts within one (contract, category) count once with their highest score; CUAD keeps
   whichever came last.
3. The substring rule for Parties keys on the category; CUAD tests `"Parties" in question_id`,
   which would also fire for a contract whose name contains "Parties" (none of the 304 does).
   Likewise one category's pairs are those with exactly that category, not a substring match.
4. Two texts without any word have Jaccard 0; CUAD divides by zero.
5. Precision at recall looks at every threshold; CUAD's `zip(..., confs)` silently skips the
   last one (threshold 0) because `confs` is one shorter than the curve.
6. Predictions for a category absent from the ground truth (e.g. contractkit's IT-procurement
   types) are ignored; a contract id absent from the ground truth is an error.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise

IOU_THRESHOLD = 0.5
# CUAD's confidence thresholds: 0.99, 0.98, …, 0.01, then 0.001 and 0.
THRESHOLDS: tuple[float, ...] = (*(round(1 - k / 100, 2) for k in range(1, 100)), 0.001, 0.0)
SUBSTRING_CATEGORIES = frozenset({"Parties"})
PRESENCE_THRESHOLD = 0.5

Truth = Mapping[str, Mapping[str, Sequence[str]]]
Prediction = tuple[str, str, str, float]
PairKey = tuple[str, str]


# --- span matching -----------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def normalize_words(text: str) -> frozenset[str]:
    """The word set CUAD compares: drop `. , ; :`, lower-case, `/` -> space, split on whitespace.

    Mirrors the normalisation inside `get_jaccard` (cached: each text meets several others).
    """
    for token in ".,;:":
        text = text.replace(token, "")
    return frozenset(text.lower().replace("/", " ").split())


def words_jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two word sets; 0 when both are empty (difference 4)."""
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def jaccard(truth: str, prediction: str) -> float:
    """CUAD's span similarity. Mirrors `get_jaccard`."""
    return words_jaccard(normalize_words(truth), normalize_words(prediction))


def spans_match(truth: str, prediction: str, category: str) -> bool:
    """Whether a prediction matches an annotated span: Jaccard >= 0.5, or, for Parties only, the
    annotated text occurring verbatim in the prediction. Mirrors `is_match` in
    `compute_precision_recall`."""
    if category in SUBSTRING_CATEGORIES and truth in prediction:
        return True
    return jaccard(truth, prediction) >= IOU_THRESHOLD


@dataclass(frozen=True)
class PairOutcome:
    """What one (contract, category) pair contributes at any threshold.

    `truth_scores`: per annotated span, the highest score among the predictions matching it
    (-inf when none does): it is a true positive at threshold t iff its score >= t.
    `false_positive_scores`: the scores of the predictions matching no annotated span.
    """

    truth_scores: tuple[float, ...]
    false_positive_scores: tuple[float, ...]


def match_pair(
    truths: Sequence[str], predictions: Mapping[str, float], category: str
) -> PairOutcome:
    """Match a pair's predictions (text -> score) against its annotated spans once, for all
    thresholds. Mirrors the two loops of `compute_precision_recall` (with no annotated span,
    every prediction is a false positive)."""
    best = [-math.inf] * len(truths)
    false_positives = []
    for text, score in predictions.items():
        hits = [i for i, truth in enumerate(truths) if spans_match(truth, text, category)]
        for i in hits:
            best[i] = max(best[i], score)
        if not hits:
            false_positives.append(score)
    return PairOutcome(tuple(best), tuple(false_positives))


def group_predictions(
    predictions: Iterable[Prediction], truth: Truth
) -> dict[PairKey, dict[str, float]]:
    """Predictions per (contract, category): text -> highest score. Empty texts are dropped, as
    `get_preds` does; categories outside the ground truth are ignored (difference 6)."""
    grouped: dict[PairKey, dict[str, float]] = defaultdict(dict)
    for contract_id, category, text, score in predictions:
        if contract_id not in truth:
            raise ValueError(f"prediction for a contract without ground truth: {contract_id!r}")
        if text == "" or category not in truth[contract_id]:
            continue
        texts = grouped[contract_id, category]
        texts[text] = max(score, texts.get(text, -math.inf))
    return grouped


def match_all(truth: Truth, predictions: Iterable[Prediction]) -> dict[PairKey, PairOutcome]:
    """`match_pair` for every (contract, category) pair of the ground truth."""
    grouped = group_predictions(predictions, truth)
    return {
        (contract_id, category): match_pair(
            spans, grouped.get((contract_id, category), {}), category
        )
        for contract_id, clauses in truth.items()
        for category, spans in clauses.items()
    }


# --- precision-recall curve --------------------------------------------------------------------


@dataclass(frozen=True)
class PRCurve:
    """Pooled precision and recall per threshold, laid out as CUAD's `get_precisions_recalls`
    returns them: `precisions[0] == 1` and `recalls[0] == 0` anchor the curve, then entry i + 1
    belongs to `thresholds[i]`. Precision is NaN where nothing is kept, recall NaN where nothing is
    annotated."""

    thresholds: tuple[float, ...]
    precisions: tuple[float, ...]
    recalls: tuple[float, ...]
    truth_spans: int


def _count_at_least(sorted_scores: Sequence[float], threshold: float) -> int:
    return len(sorted_scores) - bisect_left(sorted_scores, threshold)


def pr_curve(outcomes: Iterable[PairOutcome], thresholds: Sequence[float] = THRESHOLDS) -> PRCurve:
    """Pool TP / FP / FN over the pairs at each threshold. Mirrors `get_precisions_recalls` with
    `compute_precision_recall` (tp + fp == 0 gives precision NaN, tp + fn == 0 recall NaN)."""
    outcomes = list(outcomes)
    truth_scores = sorted(s for o in outcomes for s in o.truth_scores)
    fp_scores = sorted(s for o in outcomes for s in o.false_positive_scores)
    precisions, recalls = [1.0], [0.0]
    for threshold in thresholds:
        tp = _count_at_least(truth_scores, threshold)
        fp = _count_at_least(fp_scores, threshold)
        precisions.append(tp / (tp + fp) if tp + fp else math.nan)
        recalls.append(tp / len(truth_scores) if truth_scores else math.nan)
    return PRCurve(tuple(thresholds), tuple(precisions), tuple(recalls), len(truth_scores))


def interpolate_precisions(precisions: Sequence[float]) -> list[float]:
    """Each precision raised to the best precision at any later (higher-recall) point.

    Mirrors `process_precisions`, including its NaN behaviour through the built-in `max`: a NaN
    at the last point spreads to every point, a NaN elsewhere takes the later best."""
    best = list(reversed(precisions))
    for i in range(1, len(best)):
        best[i] = max(best[i - 1], best[i])
    return best[::-1]


def area_under_pr(precisions: Sequence[float], recalls: Sequence[float]) -> float:
    """Trapezoidal area under the interpolated curve over the recall axis; 0 when undefined.

    Mirrors `get_aupr` (`sklearn.metrics.auc` is the trapezoidal rule; recall never decreases
    along the curve, so its direction check always passes)."""
    interpolated = interpolate_precisions(precisions)
    points = list(zip(recalls, interpolated, strict=True))
    area = sum((r1 - r0) * (p0 + p1) / 2 for (r0, p0), (r1, p1) in pairwise(points))
    return 0.0 if math.isnan(area) else area


def precision_at_recall(
    precisions: Sequence[float], recalls: Sequence[float], recall: float
) -> float:
    """The interpolated precision at the first point reaching `recall` (= the best precision among
    the thresholds with at least that recall); 0 when no threshold reaches it.

    Mirrors `get_prec_at_recall` (which also returns a misaligned confidence, left out here;
    difference 5)."""
    for precision, reached in zip(interpolate_precisions(precisions), recalls, strict=True):
        if reached >= recall:
            return precision
    return 0.0


# --- span report -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SpanScores:
    """CUAD's summary of one curve (what `get_results` reports, plus the curve itself)."""

    aupr: float
    precision_at_80_recall: float
    precision_at_90_recall: float
    curve: PRCurve


@dataclass(frozen=True)
class SpanReport:
    pooled: SpanScores
    per_category: dict[str, SpanScores]


def summarize(curve: PRCurve) -> SpanScores:
    """AUPR and precision at 80 % / 90 % recall of a curve. Mirrors `get_results`."""
    p, r = curve.precisions, curve.recalls
    return SpanScores(
        aupr=area_under_pr(p, r),
        precision_at_80_recall=precision_at_recall(p, r, 0.8),
        precision_at_90_recall=precision_at_recall(p, r, 0.9),
        curve=curve,
    )


def span_report(
    truth: Truth, predictions: Iterable[Prediction], thresholds: Sequence[float] = THRESHOLDS
) -> SpanReport:
    """CUAD's span metric pooled over all categories and for each category alone.

    A category without any annotated span gets AUPR 0, as in CUAD (its recall is undefined);
    `curve.truth_spans` tells those apart."""
    outcomes = match_all(truth, predictions)
    by_category: dict[str, list[PairOutcome]] = defaultdict(list)
    for (_, category), outcome in outcomes.items():
        by_category[category].append(outcome)
    return SpanReport(
        pooled=summarize(pr_curve(outcomes.values(), thresholds)),
        per_category={
            category: summarize(pr_curve(group, thresholds))
            for category, group in by_category.items()
        },
    )


# --- contract-level presence -------------------------------------------------------------------


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else math.nan


def _mean_defined(values: Iterable[float]) -> float:
    defined = [v for v in values if not math.isnan(v)]
    return sum(defined) / len(defined) if defined else math.nan


@dataclass(frozen=True)
class PresenceScores:
    """Contract-level confusion counts for one category; ratios are NaN when undefined."""

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        """2·TP / (2·TP + FP + FN): 0 whenever something was missed or invented and nothing hit;
        NaN only for a category neither annotated nor predicted anywhere."""
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)


@dataclass(frozen=True)
class PresenceReport:
    """Per-category scores and their macro averages over the categories where each is defined."""

    per_category: dict[str, PresenceScores]
    macro_precision: float
    macro_recall: float
    macro_f1: float


def presence_report(
    truth: Truth, predictions: Iterable[Prediction], threshold: float = PRESENCE_THRESHOLD
) -> PresenceReport:
    """Does the contract have at least one clause of the category? Predicted: some prediction
    scores >= `threshold`; true: the annotated span list is non-empty."""
    grouped = group_predictions(predictions, truth)
    cells: dict[str, Counter[tuple[bool, bool]]] = defaultdict(Counter)
    for contract_id, clauses in truth.items():
        for category, spans in clauses.items():
            scores = grouped.get((contract_id, category), {}).values()
            said = any(score >= threshold for score in scores)
            cells[category][said, bool(spans)] += 1
    per_category = {
        category: PresenceScores(
            tp=c[True, True], fp=c[True, False], fn=c[False, True], tn=c[False, False]
        )
        for category, c in cells.items()
    }
    scores = per_category.values()
    return PresenceReport(
        per_category=per_category,
        macro_precision=_mean_defined(s.precision for s in scores),
        macro_recall=_mean_defined(s.recall for s in scores),
        macro_f1=_mean_defined(s.f1 for s in scores),
    )


# --- attribute accuracy ------------------------------------------------------------------------


def same_text(predicted: str, expected: str) -> bool:
    """Default attribute comparison: equal up to case and runs of whitespace."""
    return " ".join(predicted.lower().split()) == " ".join(expected.lower().split())


@dataclass(frozen=True)
class Accuracy:
    correct: int
    total: int

    @property
    def accuracy(self) -> float:
        return _ratio(self.correct, self.total)


def attribute_accuracy(
    predicted: Mapping[PairKey, str],
    answers: Mapping[str, Mapping[str, str]],
    same: Callable[[str, str], bool] = same_text,
) -> dict[str, Accuracy]:
    """Accuracy of predicted attribute values against CUAD's `answers` (contract -> category ->
    value), per category that has any prediction, over every contract with an answer for it.
    A missing prediction counts as wrong; `same(predicted, expected)` decides equality."""
    unknown = {c for c, _ in predicted if c not in answers}
    if unknown:
        raise ValueError(f"predictions for contracts without answers: {sorted(unknown)[:3]}")
    result = {}
    for category in sorted({cat for _, cat in predicted}):
        pairs = [(c, values[category]) for c, values in answers.items() if category in values]
        correct = sum(
            (c, category) in predicted and same(predicted[c, category], expected)
            for c, expected in pairs
        )
        result[category] = Accuracy(correct, len(pairs))
    return result


# --- keyword-search baseline -------------------------------------------------------------------

# Words of a category's name that say nothing about it on their own.
NAME_STOPWORDS = frozenset({"of", "on", "or", "to", "not", "no", "non", "anti"})

# A few obvious search terms per CUAD category, matched at the start of a word ("insur" finds
# "insurance", "insured"), in addition to the category's own name words.
KEYWORDS: dict[str, tuple[str, ...]] = {
    "Document Name": ("agreement",),
    "Parties": ("between", "by and among"),
    "Agreement Date": ("dated", "entered into", "made as of"),
    "Effective Date": ("effective date", "effective as of"),
    "Expiration Date": ("expire", "expiration", "initial term", "term of this agreement"),
    "Renewal Term": ("renew",),
    "Notice Period To Terminate Renewal": ("non-renewal", "not to renew"),
    "Governing Law": ("governed by", "laws of"),
    "Most Favored Nation": ("most favored", "most favoured", "no less favorable"),
    "Competitive Restriction Exception": ("notwithstanding the foregoing", "shall not restrict"),
    "Non-Compete": ("compete", "competitive", "non-competition"),
    "Exclusivity": ("exclusive",),
    "No-Solicit Of Customers": ("solicit",),
    "No-Solicit Of Employees": ("hire",),
    "Non-Disparagement": ("disparag",),
    "Termination For Convenience": ("for convenience", "without cause", "for any reason"),
    "Rofr/Rofo/Rofn": ("right of first", "first refusal", "first offer", "first negotiation"),
    "Change Of Control": ("change in control", "merger"),
    "Anti-Assignment": ("assign",),
    "Revenue/Profit Sharing": ("royalt", "revenue", "profits"),
    "Price Restrictions": ("price increase", "increase the price", "raise the price"),
    "Minimum Commitment": ("minimum",),
    "Volume Restriction": ("volume",),
    "Ip Ownership Assignment": ("intellectual property", "ownership"),
    "Joint Ip Ownership": ("jointly own", "joint owner", "co-own", "joint ownership"),
    "License Grant": ("hereby grant", "grants to"),
    "Non-Transferable License": ("nontransferable", "not transferable", "non-assignable"),
    "Affiliate License-Licensor": (),
    "Affiliate License-Licensee": (),
    "Unlimited/All-You-Can-Eat-License": ("unlimited", "any number of"),
    "Irrevocable Or Perpetual License": ("irrevocable", "perpetual"),
    "Source Code Escrow": ("escrow",),
    "Post-Termination Services": ("after termination", "following termination", "transition"),
    "Audit Rights": ("audit", "inspect", "books and records"),
    "Uncapped Liability": ("unlimited liability", "gross negligence", "willful misconduct"),
    "Cap On Liability": ("limitation of liability", "in no event", "aggregate liability"),
    "Liquidated Damages": ("penalty",),
    "Warranty Duration": ("warranty period", "warranty", "warrants that"),
    "Insurance": ("insur",),
    "Covenant Not To Sue": ("not to sue", "challenge", "contest the validity"),
    "Third Party Beneficiary": ("beneficiar",),
}

_BLANK_LINES = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-Z(])")


def split_sentences(text: str) -> list[str]:
    """Blocks between blank lines, each cut after `.` or `;` before a capital or `(`."""
    return [
        sentence.strip()
        for block in _BLANK_LINES.split(text)
        for sentence in _SENTENCE_END.split(block)
        if sentence.strip()
    ]


def name_words(category: str) -> tuple[str, ...]:
    """The telling lower-case words of a category name: "Cap On Liability" -> cap, liability."""
    return tuple(w for w in re.findall(r"[a-z]+", category.lower()) if w not in NAME_STOPWORDS)


def _starts_word(term: str) -> Callable[[str], bool]:
    """Whether a lower-cased text has `term` at the start of a word (substring test first: fast)."""
    pattern = re.compile(rf"\b{re.escape(term)}")
    return lambda lowered: term in lowered and pattern.search(lowered) is not None


@cache
def _category_test(category: str) -> Callable[[str], bool]:
    required = [_starts_word(w) for w in name_words(category)]
    any_of = [_starts_word(k) for k in KEYWORDS.get(category, ())]

    def test(lowered: str) -> bool:
        named = bool(required) and all(has(lowered) for has in required)
        return named or any(has(lowered) for has in any_of)

    return test


def keyword_baseline(text: str, categories: Iterable[str]) -> list[tuple[str, str, float]]:
    """A plain keyword search: for each category, every sentence containing all the words of the
    category's name, or any of its `KEYWORDS`, at the start of a word (case-insensitive), scored
    1.0. Returns `(category, sentence, score)`."""
    sentences = [(s, s.lower()) for s in split_sentences(text)]
    return [
        (category, sentence, 1.0)
        for category in categories
        for sentence, lowered in sentences
        if _category_test(category)(lowered)
    ]
