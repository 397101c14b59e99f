"""Attribute-extraction accuracy on CUAD's annotated spans (development set).

For four CUAD categories that carry a value, run contractkit's attribute extractor on the
text the annotators highlighted and compare its value with CUAD's normalised answer.

Input: one (contract, category) case per contract whose category has annotated spans. The
spans are joined with blank lines (so one span's sentence does not run into the next) and
passed to `extract_attributes(<taxonomy id>, text)`.

Comparison rules (a case is *correct* when):
- Renewal Term / Notice Period To Terminate Renewal: CUAD's answer is split on ";", "," and
  "/" into parts; each part is parsed with `parse_duration` ("successive 1 year" -> 1 year,
  "(6) months" -> 6 months). The extractor's `days` must equal one part's length in days
  within 3 % (so "12 months" = 360 days matches "1 year" = 365 days, and "6 months" matches
  "180 days"). Cases whose answer holds no duration ("", "perpetual", dates, "[***]") are
  skipped and counted separately.
- Warranty Duration: CUAD's answer is only "Yes" (no normalised length), so the measure is
  how often the extractor finds a warranty duration (`duration_months`) in the annotated
  spans at all.
  Many spans state none (redacted "[***]", inspection-only wording), so 100 % is not the
  ceiling; it is a recall proxy, not value accuracy.
- Governing Law: CUAD's answer is split on ";" and ","; each part and the extractor's
  `jurisdiction` are mapped to canonical names with contractkit's gazetteer
  (`all_jurisdictions`), "England and Wales" counting as {England, Wales}. Correct when the
  extractor's set is non-empty and contained in the answer's set ("Ontario" matches
  "Ontario, Canada"). Cases with no jurisdiction in the answer ("", "[* * *]") are skipped.

Usage:
    .venv/bin/python benchmarks/attribute_accuracy.py [--labels PATH] [--show N]

`--show N` prints up to N wrong cases per category (answer, prediction, span start).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from contractkit.detect.attributes import (  # noqa: E402
    all_jurisdictions,
    extract_attributes,
    parse_duration,
)
from contractkit.detect.taxonomy import cuad_id  # noqa: E402

DEFAULT_LABELS = REPO.parent / "shared" / "cuad" / "labels.jsonl"
SKIP = object()  # the answer holds no comparable value


@dataclass
class Tally:
    n: int = 0
    correct: int = 0
    skipped: int = 0
    wrong: list[tuple[str, Any, str]] = field(default_factory=list)


# ----------------------------------------------------------------------------- durations


def _gold_days(answer: str) -> list[float] | object:
    parts = [p for p in re.split(r"[;,/]", answer) if p.strip()]
    days = [d.days for d in map(parse_duration, parts) if d is not None]
    return days or SKIP


def _same_days(predicted: float | None, gold: list[float]) -> bool:
    if predicted is None:
        return False
    return any(abs(predicted - g) <= max(1, 0.03 * g) for g in gold)


def duration_rule(answer: str, attributes: dict[str, Any]) -> bool | object:
    gold = _gold_days(answer)
    if gold is SKIP:
        return SKIP
    return _same_days(attributes.get("days"), gold)  # type: ignore[arg-type]


def warranty_rule(answer: str, attributes: dict[str, Any]) -> bool | object:
    if answer.strip().lower() != "yes":
        return SKIP
    return attributes.get("duration_months") is not None


# ----------------------------------------------------------------------------- jurisdictions


def _places(text: str) -> set[str]:
    names = {f.value for part in re.split(r"[;,]", text) for f in all_jurisdictions(part)}
    if "England and Wales" in names:
        names = (names - {"England and Wales"}) | {"England", "Wales"}
    return names


def governing_law_rule(answer: str, attributes: dict[str, Any]) -> bool | object:
    gold = _places(answer)
    if not gold:
        return SKIP
    predicted = attributes.get("jurisdiction")
    return predicted is not None and bool(_places(predicted)) and _places(predicted) <= gold


RULES: dict[str, Callable[[str, dict[str, Any]], bool | object]] = {
    "Renewal Term": duration_rule,
    "Notice Period To Terminate Renewal": duration_rule,
    "Warranty Duration": warranty_rule,
    "Governing Law": governing_law_rule,
}


def evaluate(labels: Path) -> dict[str, Tally]:
    tallies = {category: Tally() for category in RULES}
    with labels.open(encoding="utf-8") as lines:
        for line in lines:
            contract = json.loads(line)
            for category, rule in RULES.items():
                spans = contract["clauses"].get(category) or []
                if not spans:
                    continue
                text = "\n\n".join(spans)
                attributes = extract_attributes(cuad_id(category), text)
                answer = contract["answers"].get(category) or ""
                verdict = rule(answer, attributes)
                tally = tallies[category]
                if verdict is SKIP:
                    tally.skipped += 1
                    continue
                tally.n += 1
                if verdict:
                    tally.correct += 1
                else:
                    tally.wrong.append((answer, attributes, " ".join(text.split())[:160]))
    return tallies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--show", type=int, default=0, help="print N wrong cases per category")
    args = parser.parse_args(argv)
    if not args.labels.exists():
        parser.error(f"labels file not found: {args.labels}")

    tallies = evaluate(args.labels)
    print(f"{'category':38} {'n':>4} {'correct':>8} {'accuracy':>9} {'skipped':>8}")
    for category, tally in tallies.items():
        accuracy = tally.correct / tally.n if tally.n else 0.0
        print(f"{category:38} {tally.n:4d} {tally.correct:8d} {accuracy:9.1%} {tally.skipped:8d}")
    for category, tally in tallies.items():
        for answer, attributes, text in tally.wrong[: args.show]:
            print(f"\n[{category}] answer={answer!r} got={attributes}\n    {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
