"""The IT clause types on real contracts: detection, evidence, attributes and review findings.

Scores the whole detector and review on the 64 contracts of `../shared/it-labels` with 5-fold
cross-validation by contract, side by side with a plain keyword search on the same texts:

* every contract is read from `cuad/txt/<id>.txt` (the text engine: the labels' offsets are
  offsets into those files) and run through the whole pipeline with the IT model of the fold
  that held it out (`train_it_classifier.py` writes them; this script trains them into
  `benchmarks/out/it_folds` when they are not there);
* the presence thresholds a fold's contracts are judged by are fitted on the out-of-fold
  detector scores of the *other* folds' contracts, then written beside a copy of the fold model
  and the contracts run again: what is measured is what such a model would ship with;
* `audit_rights` is scored by the CUAD model the package ships, which was trained on all 304
  CUAD development contracts, these 64 included: its figures here are not out-of-sample
  (pass `--cuad-fold-models DIR`, from `train_clause_classifier.py --fold-models DIR`, to use
  the CUAD fold model that held each contract out instead).

Measured per type:
* contract level: does the contract have the clause (`presence` >= 0.5; keyword: a sentence
  matches) — precision, recall, F1 against the labels' `present`;
* span recall: labelled spans overlapped by a detected clause of their type (keyword: a
  matching sentence);
* clause precision: detected clauses of the type that overlap a labelled span of it (strict:
  the labels mark 1–3 carrying sentences per contract, not every sentence of a clause, so this
  undercounts), and that lie within `NEAR` characters of one (near: the same clause's other
  sentences, as in training);
* attributes: labelled non-null values equal to what the detector read from the contract's
  clauses of that type (none found: wrong); booleans any clause's, `response_hours` the
  fastest, `auditor` "either" over "independent" over the party's own ("self" is the guide's
  "licensor"), other values from the clause stating most of the type's values; and, to tell
  the parsers from detection, the same read from the labelled spans themselves;
* clause precision judged by hand: a seeded sample of the detected clauses of the five types
  (`--clause-sample`, 20 per type, contracts with and without the type alike; a later draw
  with `--clause-sample-seed` leaves the clauses judged already out) read against the guide,
  verdicts in `it_clause_handcheck.json` (keyed by contract, type and offsets; a clause the
  detector no longer reports drops out, and the report says how many were judged), also by
  what reported each clause (a cue in its own text, its heading alone, the classifier alone);
* review: `missing_clause` findings for the ten types that name a clause the contract has
  (wrong), and `check` findings (unsure, not a claim), with the playbook the review picks.

`--pdf` reads each contract's PDF (PDFium engine) instead, as users scan them; span figures
are then left out, the labels' offsets indexing the text files.

Run: .venv/bin/python benchmarks/it_types.py   (about a minute on one core; 2 more the first
time, to train the fold models). Writes benchmarks/out/it_types.json; changes nothing else.
The figures in RESULTS.md use the CUAD fold models for `audit_rights`:
    .venv/bin/python benchmarks/train_clause_classifier.py --folds 5 \
        --fold-models benchmarks/out/fold_models          # about 15 minutes
    .venv/bin/python benchmarks/it_types.py --cuad-fold-models benchmarks/out/fold_models
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cuad_detection import add_detector_option, detector_options
from cuad_sample import CUAD
from it_labels import FIRST_FIVE, IT_TYPES, NEAR, Label, load_labels, prepare, text_path
from train_clause_classifier import Settings
from train_it_classifier import (
    MODEL_TYPES,
    detector_presence,
    fit_thresholds,
    fold_dirs,
    write_fold_models,
)

from contractkit import load
from contractkit.detect.classifier import THRESHOLDS_FILE
from contractkit.detect.hits import ClauseHit
from contractkit.detect.training_data import SENTENCE, split_units
from contractkit.nlp import make_pipeline, to_spacy
from contractkit.scan import analyze_document
from contractkit.spans import doc_text

OUT = Path(__file__).parent / "out"
HANDCHECK = Path(__file__).parent / "it_clause_handcheck.json"
SAMPLE_PER_TYPE = 20
SAMPLE_SEED = 14  # the first sample's (session 9); a later one draws with its own seed
CONTEXT = 400  # characters shown on either side of a sampled clause
FOLD_MODELS = OUT / "it_folds"
TARGET_F1 = {t: 0.90 if t in FIRST_FIVE else 0.85 for t in IT_TYPES}

# The keyword search a user would try first: a sentence holding one of these at the start of a
# word (case-insensitive) is a hit; a contract with a hit has the type.
KEYWORDS = {
    "sla": ["service level", "uptime", "availability", "response time", "service credit"],
    "warranty": ["warrant"],
    "returns": ["return", "rma", "reject", "replace", "refund"],
    "audit_rights": ["audit", "inspect"],
    "data_erasure": ["destroy", "destruction", "delete", "deletion", "erase"],
    "support_maintenance": ["support", "maintenance"],
    "data_protection": ["personal data", "personal information", "data protection", "privacy"],
    "breach_notification": [
        "security breach",
        "data breach",
        "security incident",
        "unauthorized access",
        "unauthorised access",
    ],
    "limitation_of_liability": [
        "limitation of liability",
        "consequential damages",
        "in no event",
        "aggregate liability",
        "liability shall not exceed",
    ],
    "acceptance": ["acceptance"],
}
ATTRIBUTE_KEYS = {
    "sla": ("uptime_pct", "response_hours", "service_credits"),
    "warranty": ("duration_months",),
    "returns": ("window_days",),
    "audit_rights": ("notice_days", "max_per_year", "cost_shift_pct", "auditor"),
    "data_erasure": ("deadline_days", "certificate", "personal_data"),
    "breach_notification": ("deadline_hours",),
}
BOOLEAN_KEYS = frozenset({"service_credits", "certificate", "personal_data"})
AUDITOR_ORDER = ("either", "independent", "self")  # the first any clause states wins
AUDITOR_NAMES = {"self": "licensor"}  # contractkit's value -> the guide's


@dataclass
class Outcome:
    """One contract as the detector and the review saw it."""

    presence: dict[str, float]
    clauses: list[tuple[str, int, int, float, dict[str, Any]]]
    findings: list[dict[str, Any]]
    hits: list[ClauseHit] = field(default_factory=list)  # the clauses whole (text, sources, why)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: bool, actual: bool) -> None:
        self.tp += predicted and actual
        self.fp += predicted and not actual
        self.fn += actual and not predicted

    def figures(self) -> dict[str, float | None]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else None
        f = 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp + self.fp + self.fn else None
        return {"precision": p, "recall": r, "f1": f, "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Ratio:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, why: str = "") -> None:
        self.total += 1
        self.right += ok
        if not ok and why:
            self.misses.append(why)

    @property
    def value(self) -> float | None:
        return self.right / self.total if self.total else None


# --- runs --------------------------------------------------------------------------------------


def thresholded_folds(
    raw: Mapping[str, Mapping[str, float]],
    labels: Mapping[str, Mapping[str, Label]],
    folds: Mapping[str, Path],
    scratch: Path,
) -> tuple[dict[str, Path], dict[str, dict[str, float]]]:
    """Copies of the fold models with presence thresholds fitted on the other folds' contracts."""
    out: dict[str, Path] = {}
    fitted: dict[str, dict[str, float]] = {}
    for source in sorted(set(folds.values())):
        held = [cid for cid, f in folds.items() if f == source]
        others = sorted(cid for cid in folds if folds[cid] != source)
        thresholds = fit_thresholds(raw, labels, others)
        target = scratch / source.name
        shutil.copytree(source, target)
        (target / THRESHOLDS_FILE).write_text(json.dumps(thresholds, indent=2) + "\n")
        fitted[source.name] = thresholds
        out |= dict.fromkeys(held, target)
    return out, fitted


def run_detector(
    ids: Sequence[str],
    models: Mapping[str, Path],
    cuad_models: Mapping[str, Path] | None,
    pdf: bool = False,
    options: Mapping[str, Any] | None = None,
) -> dict[str, Outcome]:
    """Detection and review of every contract with the models that held it out, read from its
    text file (or, with `pdf`, from its PDF with the PDFium engine); the detector's config as
    shipped but for `options`."""
    outcomes = {}
    keys = {cid: (models[cid], cuad_models.get(cid) if cuad_models else None) for cid in ids}
    for it_model, cuad_model in sorted(set(keys.values()), key=str):
        config: dict[str, Any] = {**(options or {}), "it_classifier_path": str(it_model)}
        if cuad_model is not None:
            config["classifier_path"] = str(cuad_model)
        nlp = make_pipeline(detector=config)
        for cid in ids:
            if keys[cid] != (it_model, cuad_model):
                continue
            source = CUAD / "pdf" / f"{cid}.pdf" if pdf else text_path(cid)
            document = load(source, engine="pdfium", ocr=False) if pdf else load(source)
            result = analyze_document(document, nlp=nlp)
            outcomes[cid] = Outcome(
                dict(result.presence),
                [(h.type, h.start, h.end, h.score, dict(h.attributes)) for h in result.clauses],
                list(result.findings),
                list(result.clauses),
            )
    return outcomes


def keyword_hits(text: str) -> dict[str, list[tuple[int, int]]]:
    """Per type, the sentences of `text` a keyword search finds."""
    patterns = {
        t: re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + ")", re.IGNORECASE)
        for t, words in KEYWORDS.items()
    }
    sentences = [u for u in split_units(text) if u.kind == SENTENCE]
    return {
        t: [(u.start, u.end) for u in sentences if pattern.search(u.text)]
        for t, pattern in patterns.items()
    }


# --- scoring -----------------------------------------------------------------------------------


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def contract_value(key: str, clauses: Sequence[tuple[float, dict[str, Any]]]) -> Any:
    """The contract's value of `key` from its clauses of one type (module docstring)."""
    stated = [(score, attrs[key]) for score, attrs in clauses if attrs.get(key) is not None]
    if key in BOOLEAN_KEYS:
        return any(bool(value) for _, value in stated) if clauses else None
    if not stated:
        return None
    if key == "response_hours":
        return min(value for _, value in stated)
    if key == "auditor":
        values = {value for _, value in stated}
        found = next((a for a in AUDITOR_ORDER if a in values), sorted(values)[0])
        return AUDITOR_NAMES.get(found, found)
    return stated[0][1]


def same(predicted: Any, labelled: Any) -> bool:
    if isinstance(labelled, bool) or isinstance(predicted, bool):
        return bool(predicted) == labelled if predicted is not None else False
    if isinstance(labelled, int | float) and isinstance(predicted, int | float):
        return abs(predicted - labelled) <= 1e-6 * max(1.0, abs(labelled))
    return predicted == labelled


def score(
    labels: Mapping[str, Mapping[str, Label]],
    outcomes: Mapping[str, Outcome],
    keywords: Mapping[str, Mapping[str, list[tuple[int, int]]]],
) -> dict[str, Any]:
    ids = sorted(outcomes)
    presence = {t: Counts() for t in IT_TYPES}
    keyword_presence = {t: Counts() for t in IT_TYPES}
    span_recall = {t: Ratio() for t in IT_TYPES}
    keyword_span_recall = {t: Ratio() for t in IT_TYPES}
    strict = {t: Ratio() for t in IT_TYPES}
    near = {t: Ratio() for t in IT_TYPES}
    attributes: dict[str, Ratio] = {}
    missing, checks = Ratio(), Ratio()
    for cid in ids:
        outcome, found_by_keyword = outcomes[cid], keywords[cid]
        for t in IT_TYPES:
            label = labels[cid][t]
            has = outcome.presence.get(t, 0.0) >= 0.5
            presence[t].add(has, label.present)
            keyword_presence[t].add(bool(found_by_keyword[t]), label.present)
            detected = [c for c in outcome.clauses if c[0] == t]
            for span in label.spans:
                span_recall[t].add(
                    any(_overlaps(span, (c[1], c[2])) for c in detected), f"{cid}:{span}"
                )
                keyword_span_recall[t].add(any(_overlaps(span, s) for s in found_by_keyword[t]))
            for clause in detected:
                strict[t].add(any(_overlaps((clause[1], clause[2]), s) for s in label.spans))
                near[t].add(
                    any(_overlaps((clause[1] - NEAR, clause[2] + NEAR), s) for s in label.spans)
                )
            if not label.present:
                continue
            ranked = sorted(
                ((c[3], c[4]) for c in detected if has),
                key=lambda c: (
                    -sum(c[1].get(k) is not None for k in ATTRIBUTE_KEYS.get(t, ())),
                    -c[0],
                ),
            )
            for key in ATTRIBUTE_KEYS.get(t, ()):
                wanted = label.attributes.get(key)
                if wanted is None:
                    continue
                got = contract_value(key, ranked)
                ratio = attributes.setdefault(f"{t}.{key}", Ratio())
                ratio.add(same(got, wanted), f"{cid}: labelled {wanted!r}, read {got!r}")
        for finding in outcome.findings:
            t = finding.clause_type
            if t not in IT_TYPES:
                continue
            if finding.kind == "missing_clause":
                missing.add(not labels[cid][t].present, f"{cid}: {t}")
            elif finding.kind == "check":
                checks.add(labels[cid][t].present, f"{cid}: {t}")
    attribute_total = Ratio(
        sum(r.right for r in attributes.values()), sum(r.total for r in attributes.values())
    )
    return {
        "contracts": len(ids),
        "per_type": {
            t: {
                "detector": presence[t].figures(),
                "keyword": keyword_presence[t].figures(),
                "span_recall": span_recall[t].value,
                "span_misses": span_recall[t].misses,
                "keyword_span_recall": keyword_span_recall[t].value,
                "clause_precision_strict": strict[t].value,
                "clause_precision_near": near[t].value,
                "clauses": strict[t].total,
            }
            for t in IT_TYPES
        },
        "attributes": {
            "all": {"right": attribute_total.right, "total": attribute_total.total},
            **{
                k: {"right": r.right, "total": r.total, "misses": r.misses}
                for k, r in sorted(attributes.items())
            },
        },
        "review": {
            "missing_clause_findings": missing.total,
            "wrong_missing_clause_findings": missing.total - missing.right,
            "wrong_missing": [m for m in missing.misses],
            "check_findings": checks.total,
            "checks_where_the_clause_is_there": checks.right,
        },
    }


def clause_sample(
    outcomes: Mapping[str, Outcome],
    per_type: int = SAMPLE_PER_TYPE,
    seed: int = SAMPLE_SEED,
    judged: Collection[tuple[str, str, int, int]] = (),
) -> list[dict]:
    """A seeded random sample of the detected clauses of the five types, with the text around
    each, to be judged against the guide (not shown: score, labels); clauses already
    `judged` (id, type, start, end) are not drawn again."""
    rng = random.Random(seed)
    texts = {cid: text_path(cid).read_text() for cid in outcomes}
    sample = []
    for t in FIRST_FIVE:
        found = sorted(
            (cid, c[1], c[2])
            for cid, o in outcomes.items()
            for c in o.clauses
            if c[0] == t and (cid, t, c[1], c[2]) not in judged
        )
        for cid, start, end in sorted(rng.sample(found, min(per_type, len(found)))):
            text = texts[cid]
            sample.append(
                {
                    "id": cid,
                    "type": t,
                    "start": start,
                    "end": end,
                    "before": text[max(0, start - CONTEXT) : start],
                    "clause": text[start:end],
                    "after": text[end : end + CONTEXT],
                }
            )
    return sample


_BODY_CUE = re.compile(r"phrase “|\(\w+ #\d+\)")  # a phrase, or a pattern by its id


def evidence_kind(hit: ClauseHit) -> str:
    """What reported a clause, read from its sources and explanation: its heading alone, a
    cue in its own text, or the classifier alone."""
    if not hit.sources or not hit.sources.get("cues", 0.0):
        return "classifier alone"
    return "body cue" if _BODY_CUE.search(hit.explanation) else "heading only"


def handchecked_precision(outcomes: Mapping[str, Outcome], path: Path = HANDCHECK) -> dict:
    """Per type, the judged clauses the detector still reports, and how many are right; also
    by what reported them (`evidence_kind`: [right, reported])."""
    if not path.exists():
        return {}
    verdicts = json.loads(path.read_text())["verdicts"]
    reported = {
        (cid, h.type, h.start, h.end): evidence_kind(h)
        for cid, o in outcomes.items()
        for h in o.hits
    }
    out: dict[str, dict[str, Any]] = {}
    for v in verdicts:
        row = out.setdefault(
            v["type"],
            {
                "judged": 0,
                "reported": 0,
                "right": 0,
                "wrong": [],
                "by_sample": {},
                "by_evidence": {},
            },
        )
        # per sample: [right, reported, judged] (sample 1 was drawn before fixes it informed)
        sample = row["by_sample"].setdefault(str(v.get("sample", 1)), [0, 0, 0])
        row["judged"] += 1
        sample[2] += 1
        kind = reported.get((v["id"], v["type"], v["start"], v["end"]))
        if kind is None:
            continue
        evidence = row["by_evidence"].setdefault(kind, [0, 0])
        evidence[0] += bool(v["right"])
        evidence[1] += 1
        row["reported"] += 1
        sample[1] += 1
        row["right"] += bool(v["right"])
        sample[0] += bool(v["right"])
        if not v["right"]:
            row["wrong"].append(f"{v['id']}:{v['start']}: {v['reason']}")
    for row in out.values():
        row["precision"] = row["right"] / row["reported"] if row["reported"] else None
    return out


def gold_span_attributes(labels: Mapping[str, Mapping[str, Label]]) -> dict[str, int]:
    """The attribute parsers alone: each labelled span read as the detector reads a clause of
    its type (its text, and for section-scoped types what it lacks from its section), values
    combined over a label's spans as for detected clauses; right and total."""
    nlp = make_pipeline()
    detector = nlp.get_pipe("contractkit_clause_detector")
    right = total = 0
    for cid in sorted(labels):
        wanted = {t: lab for t, lab in labels[cid].items() if lab.present and ATTRIBUTE_KEYS.get(t)}
        if not wanted:
            continue
        doc = to_spacy(load(text_path(cid)), nlp)
        text = doc_text(doc)
        for t, label in wanted.items():
            clauses = []
            for a, b in label.spans:
                span = doc.char_span(a, b, label=t, alignment_mode="expand")
                if span is not None:
                    clauses.append((1.0, detector._attributes(doc, text, span)[0]))
            ranked = sorted(
                clauses, key=lambda c: -sum(c[1].get(k) is not None for k in ATTRIBUTE_KEYS[t])
            )
            for key in ATTRIBUTE_KEYS[t]:
                if label.attributes.get(key) is not None:
                    total += 1
                    right += same(contract_value(key, ranked), label.attributes[key])
    return {"right": right, "total": total}


# --- report ------------------------------------------------------------------------------------


def pct(value: float | None) -> str:
    return "   -" if value is None else f"{value:.2f}"


def report(result: dict[str, Any]) -> None:
    print(
        f"{'type':<24} {'P':>5} {'R':>5} {'F1':>5} {'kwF1':>5} {'target':>6}"
        f" {'spanR':>5} {'kwSpR':>5} {'cP':>5} {'cPnr':>5} {'n':>4}"
    )
    for t, row in result["per_type"].items():
        d, k = row["detector"], row["keyword"]
        print(
            f"{t:<24} {pct(d['precision']):>5} {pct(d['recall']):>5} {pct(d['f1']):>5}"
            f" {pct(k['f1']):>5} {TARGET_F1[t]:>6.2f} {pct(row['span_recall']):>5}"
            f" {pct(row['keyword_span_recall']):>5} {pct(row['clause_precision_strict']):>5}"
            f" {pct(row['clause_precision_near']):>5} {row['clauses']:>4}"
        )
    attrs = result["attributes"]
    total = attrs["all"]
    gold = attrs["read_from_labelled_spans"]
    print(
        f"attributes: {total['right']}/{total['total']} equal to the labels"
        f" ({gold['right']}/{gold['total']} read from the labelled spans themselves)"
    )
    for key, row in attrs.items():
        if key not in ("all", "read_from_labelled_spans"):
            print(f"  {key:<36} {row['right']:>3}/{row['total']:<3}")
    judged = result.get("clause_precision_handchecked", {})
    for t, row in judged.items():
        samples = ", ".join(
            f"sample {n}: {ok}/{shown}" for n, (ok, shown, _) in row["by_sample"].items()
        )
        by_evidence = ", ".join(
            f"{kind} {ok}/{shown}" for kind, (ok, shown) in sorted(row["by_evidence"].items())
        )
        print(
            f"clause precision judged by hand, {t}: {row['right']}/{row['reported']}"
            f" ({row['judged']} judged; {samples}; reported by {by_evidence})"
        )
    if judged:
        right = sum(row["right"] for row in judged.values())
        reported = sum(row["reported"] for row in judged.values())
        print(f"clause precision judged by hand, the five: {right}/{reported}")
    review = result["review"]
    print(
        f"review: {review['wrong_missing_clause_findings']} of"
        f" {review['missing_clause_findings']} missing-clause findings name a clause the"
        f" contract has; {review['check_findings']} check findings"
        f" ({review['checks_where_the_clause_is_there']} where it is there)"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fold-models", type=Path, default=FOLD_MODELS)
    parser.add_argument("--cuad-fold-models", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=OUT / "it_types.json")
    parser.add_argument(
        "--clause-sample",
        type=Path,
        default=None,
        help="also write a seeded sample of the five types' detected clauses (JSON lines) here,"
        " to be judged by hand into it_clause_handcheck.json",
    )
    parser.add_argument(
        "--clause-sample-seed",
        type=int,
        default=SAMPLE_SEED,
        help="the sample's seed; clauses judged already are left out of the draw",
    )
    parser.add_argument(
        "--clause-sample-size",
        type=int,
        default=SAMPLE_PER_TYPE,
        help="clauses drawn per type",
    )
    add_detector_option(parser)
    parser.add_argument(
        "--pdf",
        action="store_true",
        help="read the contracts' PDFs (PDFium) instead of their text files: contract-level,"
        " attribute and review figures only (the labels' offsets index the text files)",
    )
    args = parser.parse_args(argv)
    options = detector_options(args)
    labels = load_labels()
    ids = sorted(labels)
    start = time.perf_counter()
    if not fold_dirs(args.fold_models):
        contracts = [prepare(cid, labels[cid], MODEL_TYPES) for cid in ids]
        write_fold_models(contracts, Settings(), args.fold_models)
    folds = fold_dirs(args.fold_models)
    cuad_folds = fold_dirs(args.cuad_fold_models) if args.cuad_fold_models else None
    print("pass 1: out-of-fold detector scores", flush=True)
    raw = detector_presence(ids, folds, options)
    with tempfile.TemporaryDirectory() as scratch:
        models, fitted = thresholded_folds(raw, labels, folds, Path(scratch))
        print("pass 2: detection and review with each fold's thresholds", flush=True)
        outcomes = run_detector(ids, models, cuad_folds, args.pdf, options)
    keywords = {cid: keyword_hits(text_path(cid).read_text()) for cid in ids}
    result = score(labels, outcomes, keywords)
    result["attributes"]["read_from_labelled_spans"] = gold_span_attributes(labels)
    if not args.pdf:
        result["clause_precision_handchecked"] = handchecked_precision(outcomes)
        if args.clause_sample is not None:
            judged = {
                (v["id"], v["type"], v["start"], v["end"])
                for v in json.loads(HANDCHECK.read_text())["verdicts"]
            }
            drawn = clause_sample(
                outcomes, args.clause_sample_size, args.clause_sample_seed, judged
            )
            lines = [json.dumps(row) for row in drawn]
            args.clause_sample.write_text("\n".join(lines) + "\n")
    result["source"] = "PDF, PDFium engine" if args.pdf else "text files"
    if args.pdf:  # spans are offsets into the text files: not comparable with a PDF's
        for row in result["per_type"].values():
            for key in ("span_recall", "span_misses", "clause_precision_strict"):
                row[key] = None
            row["clause_precision_near"] = None
    result["thresholds"] = fitted
    result["detector_options"] = options
    result["audit_rights_model"] = (
        "CUAD fold models" if cuad_folds else "shipped CUAD model (saw these contracts)"
    )
    result["seconds"] = round(time.perf_counter() - start, 1)
    report(result)
    counts = Counter(f.kind for o in outcomes.values() for f in o.findings)
    print(f"all findings by kind: {dict(counts)}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {args.out} in {result['seconds']} s")


if __name__ == "__main__":
    sys.exit(main())
