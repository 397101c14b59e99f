"""Attribute values on CUAD against CUAD's normalised answers, from the annotated spans and from
the detected clauses (development set).

Four CUAD categories carry a value: Renewal Term, Notice Period To Terminate Renewal and
Governing Law (CUAD's answer is a duration or a place), and Warranty Duration (CUAD's answer is
only "Yes"). Every (contract, category) whose category has annotated spans is a case; each is
read twice:

* **gold spans**: `extract_attributes(<taxonomy id>, text)` on the text the annotators
  highlighted (the spans joined with blank lines): the parsers alone;
* **detected clauses**: the whole pipeline on the contract's text file (`cuad/txt`), the value
  read from the detector's clauses of the type (the highest-scored clause stating one; no such
  clause: wrong). The CUAD classifier inside the detector was trained on these contracts, so
  each contract is detected with the fold model that held it out (`--cv-models`, written by
  `train_clause_classifier.py --folds 5 --fold-models DIR`); without fold models the shipped
  model is used and the output says the figure is in-sample.

CUAD's answers are read by the small gold reader below (`gold_durations`, `gold_places`), which
shares nothing with the parsers under test: a number (digits or a number word, "(6)" too) before
day/week/month/year is a duration, every one in the answer being an accepted value; a place is
each ";"- or ","-separated name, a trailing country after a state ("Ontario, Canada") dropped,
spelt through a short alias table of its own ("PRC" = "China"; England, Wales and "England and
Wales" are one legal jurisdiction). A case is right when:
- durations: the extractor's `days` is within 3 % (at least 1 day) of one accepted value, so
  "12 months" (365.25 days here) matches "1 year";
- Governing Law: the extractor's `jurisdiction`, read by the same gold reader, is non-empty and
  contained in the answer's places ("Ontario" matches "Ontario, Canada");
- Warranty Duration: a warranty duration (`duration_months`) is found at all, since CUAD gives no
  length: a recall proxy, not value accuracy (many spans state none, so 100 % is not the ceiling).

**Nothing is left out of the denominator.** An answer the gold reader cannot turn into a value
("", "perpetual", two dates, "successive [] years", "[* * *]", "the state in which the
restaurant is located") counts as wrong for both readings and is reported as `unreadable`,
with the accuracy over the readable answers beside it.

Usage:
    .venv/bin/python benchmarks/attribute_accuracy.py [--cv-models benchmarks/out/fold_models]
        [--labels PATH] [--show N]

`--show N` prints up to N wrong cases per category and reading. Writes
benchmarks/out/attribute_accuracy.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from contractkit.detect.attributes import extract_attributes  # noqa: E402
from contractkit.detect.taxonomy import cuad_id  # noqa: E402

CUAD_DIR = REPO.parent / "shared" / "cuad"
DEFAULT_LABELS = CUAD_DIR / "labels.jsonl"
DEFAULT_FOLDS = Path(__file__).parent / "out" / "fold_models"
OUT = Path(__file__).parent / "out" / "attribute_accuracy.json"
KEYS = {  # the attribute each category's value is read from
    "Renewal Term": "days",
    "Notice Period To Terminate Renewal": "days",
    "Governing Law": "jurisdiction",
    "Warranty Duration": "duration_months",
}
UNREADABLE = object()  # the gold answer holds no value the reader understands


# ----------------------------------------------------------------------------- gold reader

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18,
    "twenty": 20, "thirty": 30, "sixty": 60, "ninety": 90,
}  # fmt: skip
_UNIT_DAYS = {"day": 1.0, "week": 7.0, "month": 365.25 / 12, "year": 365.25}
_GOLD_DURATION = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")\s*\)?\s*(day|week|month|year)s?\b"
)


def gold_durations(answer: str) -> list[float] | object:
    """Every duration stated in a CUAD answer, in days ("successive 1 year" -> [365.25])."""
    found = [
        float(_NUMBER_WORDS.get(number, 0) or number) * _UNIT_DAYS[unit]
        for number, unit in _GOLD_DURATION.findall(answer.lower())
    ]
    return found or UNREADABLE


_PLACE_ALIASES = {
    "people's republic of china": "china",
    "prc": "china",
    "federal republic of germany": "germany",
    "republic of south africa": "south africa",
    "republic of kazakhstan": "kazakhstan",
    "england": "england and wales",
    "wales": "england and wales",
    "united kingdom": "uk",
    "u.k.": "uk",
    "united states": "usa",
    "united states of america": "usa",
    "u.s.a.": "usa",
    "the netherlands": "netherlands",
}
_QUALIFIERS = {"canada", "australia", "uk", "usa"}  # a country after one of its states
_NOT_A_PLACE = re.compile(r"\*|\b(?:act|convention|located|which)\b", re.IGNORECASE)


def place_key(name: str) -> str:
    key = " ".join(name.lower().replace("’", "'").split())
    key = re.sub(r"^(?:the )?(?:state|commonwealth|province) of ", "", key)
    return _PLACE_ALIASES.get(key, key)


def gold_places(answer: str) -> set[str] | object:
    """The places a CUAD Governing Law answer names ("Ontario, Canada" -> {"ontario"})."""
    places = set()
    for part in answer.split(";"):
        items = [i.strip() for i in part.split(",") if i.strip()]
        if len(items) > 1 and place_key(items[-1]) in _QUALIFIERS:
            items = items[:-1]
        places |= {place_key(item) for item in items if not _NOT_A_PLACE.search(item)}
    return places or UNREADABLE


# ----------------------------------------------------------------------------- comparison


def duration_rule(answer: str, value: Any) -> bool | object:
    gold = gold_durations(answer)
    if gold is UNREADABLE:
        return UNREADABLE
    if not isinstance(value, int | float):
        return False
    return any(abs(value - g) <= max(1.0, 0.03 * g) for g in gold)  # type: ignore[union-attr]


def governing_law_rule(answer: str, value: Any) -> bool | object:
    gold = gold_places(answer)
    if gold is UNREADABLE:
        return UNREADABLE
    return isinstance(value, str) and place_key(value) in gold  # type: ignore[operator]


def warranty_rule(answer: str, value: Any) -> bool | object:
    if answer.strip().lower() != "yes":
        return UNREADABLE
    return value is not None


RULES: dict[str, Callable[[str, Any], bool | object]] = {
    "Renewal Term": duration_rule,
    "Notice Period To Terminate Renewal": duration_rule,
    "Governing Law": governing_law_rule,
    "Warranty Duration": warranty_rule,
}


@dataclass
class Tally:
    cases: int = 0
    right: int = 0
    unreadable: int = 0
    wrong: list[tuple[str, str, Any]] = field(default_factory=list)

    def add(self, verdict: bool | object, contract: str, answer: str, value: Any) -> None:
        self.cases += 1
        if verdict is UNREADABLE:
            self.unreadable += 1
        elif verdict:
            self.right += 1
        else:
            self.wrong.append((contract, answer, value))

    def figures(self) -> dict[str, Any]:
        readable = self.cases - self.unreadable
        return {
            "cases": self.cases,
            "right": self.right,
            "wrong": len(self.wrong),
            "unreadable_gold": self.unreadable,
            "accuracy": self.right / self.cases if self.cases else None,
            "accuracy_on_readable_gold": self.right / readable if readable else None,
        }


# ----------------------------------------------------------------------------- readings


def cases(labels: Path) -> list[tuple[dict, str]]:
    """(contract record, category) for every category of `KEYS` with annotated spans."""
    out = []
    for line in labels.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        out += [(record, c) for c in KEYS if record["clauses"].get(c)]
    return out


def from_gold_spans(record: dict, category: str) -> Any:
    text = "\n\n".join(record["clauses"][category])
    return extract_attributes(cuad_id(category), text).get(KEYS[category])


def clause_value(clauses: Iterable[Any], category: str) -> Any:
    """The value of the highest-scored detected clause of the category that states one."""
    wanted, key = cuad_id(category), KEYS[category]
    ranked = sorted((c for c in clauses if c.type == wanted), key=lambda c: -c.score)
    return next((c.attributes[key] for c in ranked if c.attributes.get(key) is not None), None)


def detected_values(records: list[dict], folds: Path | None) -> dict[str, list[Any]]:
    """Contract id -> its detected clauses, each contract read with the fold model that held it
    out (or the shipped model when `folds` is None)."""
    import contractkit
    from contractkit.nlp import make_pipeline
    from contractkit.scan import analyze_document

    model_of: dict[str, Path | None] = dict.fromkeys((r["id"] for r in records), None)
    if folds is not None:
        for fold in sorted(folds.glob("fold-*")):
            for cid in json.loads((fold / "held_out.json").read_text()):
                if cid in model_of:
                    model_of[cid] = fold
        unfolded = [cid for cid, fold in model_of.items() if fold is None]
        if unfolded:
            raise SystemExit(f"{len(unfolded)} contracts in no fold of {folds}: {unfolded[:2]}")
    out: dict[str, list[Any]] = {}
    for model in sorted(set(model_of.values()), key=str):
        nlp = make_pipeline(detector={"classifier_path": str(model)} if model else None)
        for record in records:
            if model_of[record["id"]] != model:
                continue
            document = contractkit.load(CUAD_DIR / record["txt"])
            out[record["id"]] = analyze_document(document, nlp=nlp).clauses
    return out


def evaluate(labels: Path, folds: Path | None, detect: bool = True) -> dict[str, dict[str, Tally]]:
    todo = cases(labels)
    records = list({record["id"]: record for record, _ in todo}.values())
    detected: Mapping[str, list[Any]] = detected_values(records, folds) if detect else {}
    readings: dict[str, dict[str, Tally]] = {
        "gold_spans": {c: Tally() for c in KEYS},
        "detected_clauses": {c: Tally() for c in KEYS},
    }
    for record, category in todo:
        answer = record["answers"].get(category) or ""
        rule = RULES[category]
        value = from_gold_spans(record, category)
        readings["gold_spans"][category].add(rule(answer, value), record["id"], answer, value)
        if detect:
            value = clause_value(detected[record["id"]], category)
            tally = readings["detected_clauses"][category]
            tally.add(rule(answer, value), record["id"], answer, value)
    if not detect:
        del readings["detected_clauses"]
    return readings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument(
        "--cv-models",
        type=Path,
        default=DEFAULT_FOLDS,
        help="CUAD fold models (train_clause_classifier.py --fold-models); 'none': the shipped"
        " model, which saw these contracts",
    )
    parser.add_argument("--spans-only", action="store_true", help="skip the detected clauses")
    parser.add_argument("--show", type=int, default=0, help="print N wrong cases per category")
    args = parser.parse_args(argv)
    if not args.labels.exists():
        parser.error(f"labels file not found: {args.labels}")
    folds = None if str(args.cv_models) == "none" else args.cv_models
    if folds is not None and not any(folds.glob("fold-*")):
        parser.error(f"no fold models in {folds} (train_clause_classifier.py --fold-models)")
    start = time.perf_counter()
    readings = evaluate(args.labels, folds, detect=not args.spans_only)
    seconds = time.perf_counter() - start
    result: dict[str, Any] = {
        "data": "CUAD v1 development sample (../shared/cuad), The Atticus Project, CC BY 4.0",
        "detector": "CUAD fold models (5-fold CV)" if folds else "shipped model (in-sample)",
        "machine": f"{platform.machine()}, Python {platform.python_version()}",
        "seconds": round(seconds, 1),
    }
    header = f"{'':38} {'cases':>5} {'right':>5} {'unread.':>7} {'accuracy':>8} {'readable':>8}"
    for reading, tallies in readings.items():
        print(
            f"\n{reading.replace('_', ' ')}"
            + (f" ({result['detector']})" if "det" in reading else "")
        )
        print(header)
        result[reading] = {}
        for category, tally in tallies.items():
            f = tally.figures()
            result[reading][category] = f | {"wrong_cases": tally.wrong}
            print(
                f"{category:38} {f['cases']:5d} {f['right']:5d} {f['unreadable_gold']:7d}"
                f" {f['accuracy']:8.1%} {f['accuracy_on_readable_gold']:8.1%}"
            )
    for reading, tallies in readings.items():
        for category, tally in tallies.items():
            for contract, answer, value in tally.wrong[: args.show]:
                print(f"[{reading} / {category}] answer={answer!r} got={value!r} {contract[:50]}")
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2, default=str) + "\n")
    print(f"\n{result['machine']}; {seconds:.0f} s; wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
