"""The statistical classifier and the cue recognisers, combined into one score per span.

The classifier ranks well (it learned CUAD's wording and the size of span reviewers mark);
the cues explain themselves and cover the IT types CUAD lacks. For a clause type the
classifier knows, every candidate unit of the text (`training_data.split_units`: sentences,
list items, dates, titles) gets the classifier's score `c`, lifted in logit space when cues
fired on that text, and never below the cues' own score discounted by the floor
(`BlendWeights`, set in the detector's config):

    score = max(σ(logit(c) + boost · r), floor · r)

where `r` is the cue recognisers' noisy-OR score of the sentence the unit lies in (0 when no
cue fired). The lift keeps the classifier's order among units without cues, and makes a unit
that both sources agree on outrank one only the classifier likes; the floor keeps a clause the
cues are sure of when the classifier, trained on other kinds of contract, has not seen its
wording. Types the classifier does not know keep their cue score.

A span's score answers "is this text such a clause?". Whether the *contract* has such a clause
is a different question with its own threshold: the best span score of the type, rescaled so
that the type's presence threshold (tuned for contract-level F1 on out-of-fold CUAD scores)
lands on 0.5 (`presence`).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from contractkit.detect.classifier import ClauseClassifier, presence_scaled
from contractkit.detect.hits import PRESENT
from contractkit.detect.span_ranker import context
from contractkit.detect.training_data import SENTENCE, Unit, sentence_within, split_units

_EDGE = 1e-6
_WORD = re.compile(r"[^\W\d_]{2,}")  # a word of two letters or more
_DIGITS = re.compile(r"\d+")
# A sentence that states nothing of its own is no clause, whatever its section's cues say: a
# definition by cross-reference ('"Closing Date" has the meaning set forth in Section 1(c).'),
# a run of table-of-contents entries ("2.1 Licenses 18 2.2 Sublicense 20 2.3 …"), or a
# signature block ("By: /s/ Jane Roe Name: Jane Roe Title: CEO"). Of CUAD's annotated spans
# (304 development contracts) only one Parties name in a signature block is one of them, and
# names are phrase units, which this does not touch.
_CROSS_REFERENCE = re.compile(
    r"^\W*(?:(?:section\s+)?[\w.]{1,8}\)?\s+)?[\"“][^\"”]{1,80}[\"”]\s+(?:shall\s+)?ha(?:s|ve)\s+"
    r"the\s+meanings?\s+(?:set\s+(?:forth|out)|given|ascribed|assigned|specified|defined|provided)"
    r"\b.{0,100}$",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(r"/s/|\bBy:\s*_{3,}|\bName:\s.*\bTitle:", re.IGNORECASE | re.DOTALL)
# a list item's start: an enumerator ("(b)", "iv)", "2.9.5") or a lower-case continuation
_LIST_ITEM_START = re.compile(r"\s*(?:\(?[a-z0-9]{1,4}[).]|\d+(?:\.\d+)+)\s|\s*[a-z]")
LEAD_IN_CHARS = 600  # how far back a list item's lead-in is looked for
_CONTENTS_ENTRY = re.compile(
    r"\b\d+(?:\.\d+)+\.?\s+[A-Z][A-Za-z ,;:/&'()-]{2,60}?\s+\d{1,3}(?=\s|$)"  # "2.1 Licenses 18"
)


@dataclass(frozen=True, slots=True)
class BlendWeights:
    """How the two sources combine. Data, not code: the detector component's config sets them
    (`cue_boost`, `cue_floor`, `heading_cue_floor`, `min_shared`, `min_clause_words`,
    `running_line_repeats`);
    these are the defaults it ships with, chosen by cross-validation on CUAD
    (benchmarks/cuad_detection.py sweeps boost and floor)."""

    boost: float = 2.5  # logit lift per unit of cue score (a heading alone, 0.55: ~1.4 logits)
    floor: float = 0.7  # share of the cue score kept whatever the classifier says
    # the same for a unit whose only cue is its section's heading: every sentence under an
    # "Acceptance" or "Warranty" heading is not such a clause, so the heading lifts the
    # classifier's score but keeps less of itself
    heading_floor: float = 0.7
    min_shared: float = 0.5  # a unit inherits a cue hit when this share of it lies in the hit
    # a clause states something: a unit of fewer words (a page number, a footer's date, a
    # table cell) is no clause of a sentence-level type, whatever its neighbours' cues say
    min_clause_words: int = 3
    # a line met this many times in one contract, its numbers changing (the page's), is a
    # running header or footer ("24 Source: ACME INC, 10-Q, 11/1/2019"), not a clause of the
    # section it cuts
    running_line_repeats: int = 3


SHIPPED = BlendWeights()


@dataclass(frozen=True, slots=True)
class CueHit:
    """A scored span: type, characters, score, why, and the score of each source behind it
    (`{"cues": r}`, or `{"classifier": c, "cues": r}` once blended)."""

    type: str
    start: int
    end: int
    score: float
    explanation: str
    sources: dict[str, float] | None = None
    heading_only: bool = False  # the only cue is the section's heading


@dataclass(frozen=True, slots=True)
class Candidate:
    """A unit scored for one clause type by both sources."""

    type: str
    start: int
    end: int
    classifier: float
    cues: float
    cue_explanation: str
    model: str = "CUAD classifier"
    weights: BlendWeights = SHIPPED
    ranked: float | None = None  # the span ranker's probability, when the model has one
    rank: int = 0  # among the type's candidates in the contract (0: the best)
    heading_only: bool = False  # the cues are the section's heading alone
    # kept as its type's best unit though it says none of what the type `states`
    unstated: bool = False

    @property
    def score(self) -> float:
        """The blended score: it decides whether the unit is reported."""
        weights = self.weights
        floor = weights.heading_floor if self.heading_only else weights.floor
        return blend(self.classifier, self.cues, weights.boost, floor)

    def explain(self) -> str:
        said = f"{self.model} {self.classifier:.2f}"
        said = f"{said}; {self.cue_explanation}" if self.cue_explanation else said
        if self.unstated:
            said = f"{said}; says none of what `states` asks of {self.type}: its likeliest text"
        if self.ranked is None:
            return said
        place = "its type's best unit here" if self.rank == 0 else f"#{self.rank + 1} of its type"
        return f"{said}; blended {self.score:.2f}, {place} → span ranker {self.ranked:.2f}"

    def as_hit(self) -> CueHit:
        """The unit as a hit, scored by the span ranker when there is one (the blended score
        kept among the sources)."""
        sources = {"classifier": round(self.classifier, 6), "cues": self.cues}
        score = self.score
        if self.ranked is not None:
            sources["blend"] = score
            score = self.ranked
        return CueHit(self.type, self.start, self.end, score, self.explain(), sources)


def blend(
    classifier: float | np.ndarray,
    cues: float | np.ndarray,
    boost: float = SHIPPED.boost,
    floor: float | np.ndarray = SHIPPED.floor,
) -> float | np.ndarray:
    """The combined score: the classifier's logit lifted by `boost` per unit of cue score,
    and at least `floor` times the cue score (element-wise for arrays; `floor` may be one
    per element)."""
    scores = np.maximum(_sigmoid(_logit(classifier) + boost * np.asarray(cues)), floor * cues)
    return round(float(scores), 6) if np.ndim(scores) == 0 else scores


class _CueIndex:
    """Cue hits of one type (sentences: sorted and disjoint), found by the units inside them."""

    def __init__(self, hits: Iterable[CueHit], min_shared: float) -> None:
        self.hits = sorted(hits, key=lambda h: h.start)
        self.starts = [h.start for h in self.hits]
        self.min_shared = min_shared

    def best_for(self, start: int, end: int) -> CueHit | None:
        best = None
        index = bisect.bisect_left(self.starts, end)
        while index > 0:
            index -= 1
            hit = self.hits[index]
            if hit.end <= start:
                break
            shared = min(end, hit.end) - max(start, hit.start)
            if shared >= self.min_shared * max(end - start, 1) and (
                best is None or hit.score > best.score
            ):
                best = hit
        return best


def _logit(p: np.ndarray | float) -> np.ndarray | float:
    p = np.clip(p, _EDGE, 1 - _EDGE)
    return np.log(p / (1 - p))


def _sigmoid(x: np.ndarray | float) -> np.ndarray | float:
    return 1 / (1 + np.exp(-x))


@dataclass(frozen=True, slots=True)
class Blended:
    """The scored units of one text, and per type the contract-level presence score."""

    candidates: list[Candidate]
    presence: dict[str, float]


def blended(
    text: str,
    classifier: ClauseClassifier,
    cue_hits: Sequence[CueHit],
    min_score: float,
    labels: Sequence[str] | None = None,
    best_unit_presence: float = PRESENT,
    units: Sequence[Unit] | None = None,
    weights: BlendWeights = SHIPPED,
    ranked: bool = True,
    phrase_labels: Collection[str] | None = None,
    sentences: np.ndarray | None = None,
    parts: Mapping[tuple[str, int, int], CueHit | None] | None = None,
    states: Mapping[str, re.Pattern[str]] | None = None,
    stated_presence: Collection[str] = (),
) -> Blended:
    """Every (unit, type) whose blended score reaches `min_score` (or the type's presence
    threshold, where that is lower), for the `labels` of the classifier (all it knows unless
    told), and each such type's presence score.

    The best unit of a type is kept whatever its score once the type's presence reaches
    `best_unit_presence`: a type the contract has is shown with its best unit, and a type the
    detector is unsure of still points at its likeliest text (the review's `check`).
    `units` are `split_units(text)`, when the caller has them already; `weights` how the
    sources combine. With `ranked` and a classifier that has a span ranker, the candidates
    are scored by it (`span_ranker`); which units are kept does not change.

    With `phrase_labels` (the types whose spans are names and dates), a phrase unit (a date,
    a title) is a candidate for those types only: a date inside a warranty sentence is not a
    warranty (one candidate is never both a phrase and a clause); nor is a sentence of fewer
    than `weights.min_clause_words` words a candidate for the other types (`sentences`:
    `clause_units(units, weights.min_clause_words, running_lines(units,
    weights.running_line_repeats))`, when the caller has it already).

    A unit takes the cues of the cue hit (a sentence) it lies in, except where `parts` says
    what its own share of that sentence's evidence is: `(type, start, end)` -> that hit, or
    None for no cue (the detector's parts of a list run into one sentence). The other way
    round, a cue sentence lying inside a much longer unit, which takes too little of it to
    inherit its cues, is a candidate of its own for its type (`_untaken`), where no span
    ranker scores the units.

    `states` (type -> the taxonomy's `states_pattern()`): a unit of such a type is kept only
    when it, or the lead-in of the list it is an item of, says what the type requires; the
    type's best unit is kept whatever it says, and presence is computed from every unit,
    except for the types in `stated_presence`: their presence and best unit come from the
    units that say it (none: presence 0)."""
    units = list(units) if units is not None else split_units(text)
    known = classifier.labels
    labels = tuple(label for label in (labels or known) if label in known)
    if not units or not labels:
        return Blended([], dict.fromkeys(labels, 0.0))
    allowed = None
    if phrase_labels is not None:
        if sentences is None:
            furniture = running_lines(units, weights.running_line_repeats)
            sentences = clause_units(units, weights.min_clause_words, furniture)
        phrase_types = np.array([label in phrase_labels for label in labels])
        allowed = np.where(phrase_types[None, :], True, sentences[:, None])
    # a unit no type can take is not scored (the IT model's types are all clause types)
    rows = range(len(units)) if allowed is None else np.flatnonzero(allowed.any(axis=1)).tolist()
    raw = np.zeros((len(units), len(labels)))
    for row, found_scores in zip(rows, classifier.score([units[i] for i in rows]), strict=True):
        raw[row] = [found_scores[label] for label in labels]
    cues, found = _cue_matrix(units, labels, cue_hits, weights.min_shared, parts or {})
    floor = np.full(cues.shape, weights.floor)
    for (row, column), hit in found.items():
        if hit.heading_only:
            floor[row, column] = weights.heading_floor
    scores = blend(raw, cues, weights.boost, floor)
    if allowed is not None:
        scores[~allowed] = 0.0
    # a unit that alone makes the contract have the type is reported even below `min_score`
    thresholds = classifier.presence_thresholds or {}
    floors = np.array([min(min_score, thresholds.get(label, min_score)) for label in labels])
    ranker = classifier.ranker if ranked else None
    # a sentence no unit took is a candidate of its own, unless a span ranker scores this
    # model's units: it learned which units reviewers highlight, and has no score for others
    own = (
        []
        if ranker
        else _untaken(
            text, units, labels, cue_hits, found, scores >= floors, weights, phrase_labels
        )
    )
    own_raw = [
        scored[labels[c]]
        for scored, (_, c, _) in zip(classifier.score([u for u, _, _ in own]), own, strict=True)
    ]
    own_scores = [
        float(blend(r, hit.score, weights.boost, weights.floor))
        for r, (_, _, hit) in zip(own_raw, own, strict=True)
    ]
    states = states or {}

    def says(unit: Unit, label: str) -> bool:
        pattern = states.get(label)
        return pattern is None or states_clause(text, unit, pattern)

    best = scores.max(axis=0)
    best_rows = scores.argmax(axis=0)
    for column, label in enumerate(labels):
        if label in states and label in stated_presence:
            # the best unit that says what the type is: in score order, most say it early
            order = np.argsort(-scores[:, column], kind="stable")
            top = next((int(r) for r in order if says(units[r], label)), None)
            best[column] = 0.0 if top is None else scores[top, column]
            if top is not None:
                best_rows[column] = top
    for score, (unit, column, _) in zip(own_scores, own, strict=True):
        if labels[column] not in stated_presence or says(unit, labels[column]):
            best[column] = max(best[column], score)
    found_presence = presence(classifier, dict(zip(labels, best, strict=True)))

    stated = {
        (int(r), int(c)) for r, c in np.argwhere(scores >= floors) if says(units[r], labels[c])
    }
    keep = set(stated)
    keep |= {
        (int(best_rows[c]), c)
        for c, label in enumerate(labels)
        if found_presence[label] >= best_unit_presence and scores[best_rows[c], c] >= best[c]
    }
    entries = sorted(keep)
    probabilities = rank = None
    if ranker is not None and entries:
        words = np.array([len(unit.text.split()) for unit in units])
        where = context(scores)
        rows, columns = np.array(entries).T
        probabilities = ranker.probabilities(
            labels, scores, raw, cues, words, (rows, columns), where
        )
        rank = where.rank
    out = []
    for i, (row, column) in enumerate(entries):
        hit = found.get((row, column))
        unit = units[row]
        p = None if probabilities is None else float(probabilities[i])
        out.append(
            Candidate(
                labels[column],
                unit.start,
                unit.end,
                float(raw[row, column]),
                hit.score if hit else 0.0,
                hit.explanation if hit else "",
                classifier.title,
                weights,
                None if p is None or np.isnan(p) else round(p, 6),
                0 if rank is None else int(rank[row, column]),
                bool(hit and hit.heading_only),
                (row, column) not in stated and not says(unit, labels[column]),
            )
        )
    for (unit, column, hit), c, score in zip(own, own_raw, own_scores, strict=True):
        label = labels[column]
        said = says(unit, label)
        if (score >= floors[column] and said) or (
            score >= best[column] and found_presence[label] >= best_unit_presence
        ):
            out.append(
                Candidate(
                    label,
                    unit.start,
                    unit.end,
                    float(c),
                    hit.score,
                    hit.explanation,
                    classifier.title,
                    weights,
                    unstated=not said,
                )
            )
    return Blended(out, found_presence)


def _untaken(
    text: str,
    units: Sequence[Unit],
    labels: Sequence[str],
    cue_hits: Sequence[CueHit],
    found: Mapping[tuple[int, int], CueHit],
    kept: np.ndarray,
    weights: BlendWeights,
    phrase_labels: Collection[str] | None,
) -> list[tuple[Unit, int, CueHit]]:
    """The cue hits with a cue of their own that no unit took, as units of their own: `(unit,
    column, hit)`. A sentence the detector reads apart can lie inside a much longer unit of
    the classifier's splitter ("4.3 …; 4.4 …; 4.9 respond to breakdowns within two hours;"
    run into one unit), which then shares too little of it to take its cues; the sentence
    is a candidate of the cues' type then, and of no other type. Not where that unit is
    reported as the type anyway (`kept`, by row and column): its lines are no clauses of
    their own ("8.1 IN NO EVENT …", each capitalised line of it a sentence to the detector)."""
    taken = {id(hit) for hit in found.values()}
    columns = {label: c for c, label in enumerate(labels) if label not in (phrase_labels or ())}
    starts = [unit.start for unit in units]
    out = []
    for hit in cue_hits:
        column = columns.get(hit.type)
        if column is None or hit.heading_only or id(hit) in taken:
            continue
        end = hit.start + len(text[hit.start : hit.end].rstrip())
        row = bisect.bisect_right(starts, hit.start) - 1
        while row >= 0 and units[row].kind != SENTENCE:
            row -= 1
        if row < 0 or units[row].end < end or kept[row, column]:
            continue  # not inside one unit (the units it overlaps are its parts), or found
        unit = sentence_within(text, hit.start, end, units[row])
        if len(_WORD.findall(unit.text)) >= weights.min_clause_words and not states_nothing(
            unit.text
        ):
            out.append((unit, column, hit))
    return out


def clause_units(
    units: Sequence[Unit], min_words: int, furniture: Collection[str] = frozenset()
) -> np.ndarray:
    """Per unit, whether it can be a span of a clause (not phrase) type: a sentence of
    `min_words` words or more that is not one of the contract's running headers or footers
    (`furniture`: `running_lines(units, repeats)`) and does not `states_nothing`."""
    out = np.array(
        [
            unit.kind == SENTENCE
            and len(_WORD.findall(unit.text)) >= min_words
            and not states_nothing(unit.text)
            for unit in units
        ],
        dtype=bool,
    )
    if furniture:
        rows = np.flatnonzero(out)
        out[rows] = [running_form(units[row].text) not in furniture for row in rows]
    return out


def states_clause(text: str, unit: Unit, pattern: re.Pattern[str]) -> bool:
    """Whether `unit` of contract `text` says what `pattern` requires of its type: in its own
    text or, for a list item ("(b) comply with industry standards;"), in its list's lead-in
    ("Supplier warrants that:")."""
    if pattern.search(unit.text):
        return True
    if not _LIST_ITEM_START.match(unit.text):
        return False
    window = text[max(0, unit.start - LEAD_IN_CHARS) : unit.start]
    colon = window.rfind(":")
    if colon < 0:
        return False
    lead_in = window[: colon + 1]
    cut = max(lead_in.rfind(". "), lead_in.rfind("\n\n"))
    return bool(pattern.search(lead_in[cut + 1 :]))


def states_nothing(text: str) -> bool:
    """A definition by cross-reference, a run of table-of-contents entries or a signature
    block: a sentence with nothing of its own to say."""
    flat = " ".join(text.split())
    if _CROSS_REFERENCE.match(flat) or _SIGNATURE.search(flat):
        return True
    return len(_DIGITS.findall(flat)) >= 6 and len(_CONTENTS_ENTRY.findall(flat)) >= 3


def running_form(text: str) -> str:
    """A line as it recurs on every page: case, spacing and numbers (the page's) aside."""
    return " ".join(_DIGITS.sub("0", text.lower()).split())


def running_lines(units: Sequence[Unit], repeats: int) -> frozenset[str]:
    """The `running_form`s of the sentence units met `repeats` times or more with numbers
    that change (the page's number, or a date): a page's running header or footer (nothing
    when `repeats` is 0). A sentence repeated word for word, numbers and all, is content: the
    same warranty in three order forms is three warranties."""
    if not repeats:
        return frozenset()
    counts: Counter[str] = Counter()
    numbers: dict[str, set[tuple[str, ...]]] = {}
    for unit in units:
        if unit.kind == SENTENCE:
            line = running_form(unit.text)
            counts[line] += 1
            numbers.setdefault(line, set()).add(tuple(_DIGITS.findall(unit.text)))
    return frozenset(line for line, n in counts.items() if n >= repeats and len(numbers[line]) > 1)


def _cue_matrix(
    units: Sequence[Unit],
    labels: Sequence[str],
    cue_hits: Sequence[CueHit],
    min_shared: float,
    parts: Mapping[tuple[str, int, int], CueHit | None],
) -> tuple[np.ndarray, dict[tuple[int, int], CueHit]]:
    """Per unit and type, the score of the best cue hit the unit lies in, or of its own part
    of it (`parts`; 0: none), and those hits by (row, column)."""
    cues = np.zeros((len(units), len(labels)))
    found: dict[tuple[int, int], CueHit] = {}
    for column, label in enumerate(labels):
        index = _CueIndex((h for h in cue_hits if h.type == label), min_shared)
        if not index.hits:
            continue
        for row, unit in enumerate(units):
            key = (label, unit.start, unit.end)
            hit = parts[key] if key in parts else index.best_for(unit.start, unit.end)
            if hit:
                cues[row, column] = hit.score
                found[(row, column)] = hit
    return cues, found


def presence(classifier: ClauseClassifier, best: dict[str, float]) -> dict[str, float]:
    """Per type, the best unit's score rescaled so that the type's presence threshold is 0.5."""
    thresholds = classifier.presence_thresholds or {}
    return {
        label: round(presence_scaled(float(score), thresholds.get(label, 0.5)), 6)
        for label, score in best.items()
    }
