"""Segmentation benchmark: do CUAD's annotated clauses fall inside one segmented clause?

What it measures, on 30 CUAD contracts (the contract ids sorted, every 10th, the first
30: a fixed choice, not tuned on):

1. each contract's **PDF** is loaded with `contractkit.load` (default engine) and
   segmented with `contractkit.segment.segment`;
2. every annotated span of every CUAD category (`labels.jsonl` -> `clauses`) is looked
   up in `doc.text`. CUAD's spans come from its own text extraction, so the lookup
   ignores whitespace (`textutil.normalized_with_offsets`, then spaces dropped: "non-
   exclusive" vs "non-exclusive", "[***]" vs "[ * * * ]"), hyphens and dashes (a word
   the PDF engine rejoined at a line-break hyphen) and the style of quotes (curly vs
   straight), and compares Unicode compatibility forms (NFKC: a PDF's Greek question
   mark is a semicolon, "ﬁ" is "fi"). A span is taken at its first occurrence. CUAD
   joins the parts of a discontiguous annotation with "<omitted>"; each part is
   measured as a span of its own (the parts are apart on purpose);
3. a located span counts as *inside one clause* when a single segmented clause contains
   all of it (not split across two clauses).

The clause-length distribution (median / p90 characters, clauses per contract) is
reported alongside, because the inside-one-clause figure alone could be bought with
giant clauses: a clause should be a paragraph or a numbered item, not an article.

Run: `.venv/bin/python benchmarks/segmentation.py` (`--help` for options). A summary is
written to `benchmarks/out/segmentation.json`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import contractkit
from contractkit.errors import ContractKitError
from contractkit.segment import Outline, segment
from contractkit.textutil import normalized_with_offsets

ROOT = Path(__file__).resolve().parents[1]
CUAD = ROOT.parent / "shared" / "cuad"
OUT = ROOT / "benchmarks" / "out" / "segmentation.json"
TARGET = 0.95

# Characters the lookup ignores (space, hyphens, dashes, the " | " between table cells),
# and quotes it folds to one form.
_IGNORED = frozenset(" -|\u00ad\u2010\u2011\u2012\u2013\u2014\u2015")
_OMITTED = "<omitted>"
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "`": "'"})


@dataclass
class SpanResult:
    contract: str
    category: str
    text: str
    located: bool
    inside: bool = False
    clauses: int = 0  # how many clauses the span touches


def choose(labels: list[dict], count: int, every: int, start: int = 0) -> list[dict]:
    """The contracts sorted by id, every `every`-th from `start`, the first `count`."""
    return sorted(labels, key=lambda r: r["id"])[start::every][:count]


def fold(text: str) -> tuple[str, list[int]]:
    """`text` without whitespace, hyphens and dashes, quotes unified, and for each kept
    character its offset in `text`."""
    norm, offsets = normalized_with_offsets(text)
    chars: list[str] = []
    kept: list[int] = []
    for ch, offset in zip(norm, offsets, strict=True):
        if ch.isascii():  # the common case, skip the Unicode work
            forms = ch if ch not in _IGNORED else ""
        else:
            forms = unicodedata.normalize("NFKC", ch).translate(_QUOTES)
            forms = "".join(c for c in forms if c not in _IGNORED and not c.isspace())
        chars.append(forms)
        kept += [offset] * len(forms)
    return "".join(chars), kept


def locate(folded: str, offsets: list[int], span: str) -> tuple[int, int] | None:
    """`(start, end)` of `span` in the original text, or None when it is not there."""
    needle, _ = fold(span)
    if not needle:
        return None
    k = folded.find(needle)
    if k < 0:
        return None
    return offsets[k], offsets[k + len(needle) - 1] + 1


def evaluate(contract: str, text: str, outline: Outline, clauses: dict) -> list[SpanResult]:
    folded, offsets = fold(text)
    results = []
    for category, labelled in clauses.items():
        for span in (part for a in labelled for part in a.split(_OMITTED) if part.strip()):
            where = locate(folded, offsets, span)
            result = SpanResult(contract, category, span, where is not None)
            if where:
                touched = outline.clauses_in(*where)
                result.clauses = len(touched)
                result.inside = len(touched) == 1 and (
                    touched[0].start <= where[0] and where[1] <= touched[0].end
                )
            results.append(result)
    return results


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def percentile(values: list[int], q: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0


def run(args: argparse.Namespace) -> int:
    labels_path = args.cuad / "labels.jsonl"
    if not labels_path.exists():
        print(f"CUAD not found at {args.cuad}: nothing to measure", file=sys.stderr)
        return 2
    labels = [json.loads(line) for line in labels_path.read_text().splitlines() if line]
    chosen = choose(labels, args.count, args.every, args.start)
    results: list[SpanResult] = []
    lengths: list[int] = []
    per_contract: dict[str, dict] = {}
    failures: dict[str, str] = {}
    seg_seconds = 0.0
    for record in chosen:
        path = args.cuad / record["pdf"]
        try:
            options = {"engine": args.engine} if args.engine else {}
            document = contractkit.load(path, timeout=args.timeout, **options)
        except (ContractKitError, ImportError, NotImplementedError) as exc:
            failures[record["id"]] = f"{type(exc).__name__}: {exc}"
            print(f"  could not load {record['id']}: {failures[record['id']]}", file=sys.stderr)
            continue
        t0 = time.perf_counter()
        outline = segment(document)
        seg_seconds += time.perf_counter() - t0
        found = evaluate(record["id"], document.text, outline, record["clauses"])
        results += found
        lengths += [c.end - c.start for c in outline.clauses]
        located = [r for r in found if r.located]
        per_contract[record["id"]] = {
            "pages": document.page_count,
            "characters": len(document.text),
            "clauses": len(outline.clauses),
            "sections": len(outline.sections),
            "spans": len(found),
            "located": len(located),
            "inside_one_clause": sum(r.inside for r in located),
        }
    if not per_contract:
        print("no contract could be loaded: is PDF loading ready?", file=sys.stderr)
        return 2
    summary = summarise(results, lengths, per_contract, failures, seg_seconds, args)
    report(summary, results, args.worst)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(summary, indent=2) + "\n")
    print(f"\nsummary written to {OUT.relative_to(ROOT)}")
    return 0


def summarise(
    results: list[SpanResult],
    lengths: list[int],
    per_contract: dict[str, dict],
    failures: dict[str, str],
    seg_seconds: float,
    args: argparse.Namespace,
) -> dict:
    located = [r for r in results if r.located]
    inside = sum(r.inside for r in located)
    by_category: dict[str, Counter] = defaultdict(Counter)
    for r in results:
        by_category[r.category].update(spans=1, located=r.located, inside=r.inside)
    counts = [c["clauses"] for c in per_contract.values()]
    return {
        "selection": (
            f"CUAD ids sorted, every {args.every}th from #{args.start}, first {args.count}"
        ),
        "engine": args.engine or "default",
        "contracts": len(per_contract),
        "failed_to_load": failures,
        "spans": len(results),
        "located": len(located),
        "inside_one_clause": inside,
        "inside_one_clause_rate": _rate(inside, len(located)),
        "target": TARGET,
        "clause_length_chars": {
            "median": int(statistics.median(lengths)) if lengths else 0,
            "p90": percentile(lengths, 0.9),
            "p99": percentile(lengths, 0.99),
            "max": max(lengths, default=0),
        },
        "clauses_per_contract": {
            "median": statistics.median(counts),
            "min": min(counts),
            "max": max(counts),
        },
        "segmentation_seconds_total": round(seg_seconds, 3),
        "by_category": {
            name: {**counts, "rate": _rate(counts["inside"], counts["located"])}
            for name, counts in sorted(by_category.items())
        },
        "by_contract": per_contract,
    }


def report(summary: dict, results: list[SpanResult], worst: int) -> None:
    rate = summary["inside_one_clause_rate"]
    print(f"contracts: {summary['contracts']} ({summary['selection']}, engine {summary['engine']})")
    print(f"annotated spans: {summary['spans']}, located in doc.text: {summary['located']}")
    print(
        f"inside one clause: {summary['inside_one_clause']} / {summary['located']}"
        f" = {rate:.1%} (target {TARGET:.0%})"
    )
    lengths = summary["clause_length_chars"]
    per = summary["clauses_per_contract"]
    print(
        f"clause length (chars): median {lengths['median']}, p90 {lengths['p90']},"
        f" p99 {lengths['p99']}, max {lengths['max']}"
    )
    print(f"clauses per contract: median {per['median']}, min {per['min']}, max {per['max']}")
    print(f"segmentation time, all contracts: {summary['segmentation_seconds_total']:.2f} s")

    print("\nper category (located / inside one clause):")
    for name, c in sorted(summary["by_category"].items(), key=lambda kv: kv[1]["rate"] or 1):
        if c["located"]:
            print(f"  {name:36} {c['inside']:4d} / {c['located']:4d}  {c['rate']:6.1%}")

    print("\nper contract, worst first:")
    contracts = sorted(
        summary["by_contract"].items(),
        key=lambda item: _rate(item[1]["inside_one_clause"], item[1]["located"]) or 1.0,
    )
    for cid, c in contracts[:worst]:
        counts = f"{c['inside_one_clause']:4d} / {c['located']:4d} located of {c['spans']:4d}"
        print(f"  {counts}  {cid[:80]}")

    split = sorted((r for r in results if r.located and not r.inside), key=lambda r: -r.clauses)
    print(f"\nspans split across clauses (worst {worst} of {len(split)}):")
    for r in split[:worst]:
        snippet = " ".join(r.text.split())[:110]
        print(f"  [{r.clauses} clauses] {r.category} | {r.contract[:40]} | {snippet}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cuad", type=Path, default=CUAD, help="CUAD folder (labels.jsonl, pdf/)")
    parser.add_argument("--count", type=int, default=30, help="contracts to measure")
    parser.add_argument("--every", type=int, default=10, help="take every n-th contract id")
    parser.add_argument(
        "--start", type=int, default=0, help="first index (another slice to check rules on)"
    )
    parser.add_argument("--engine", help="PDF engine (default: contractkit.load's default)")
    parser.add_argument("--timeout", type=float, default=None, help="seconds per PDF (no limit)")
    parser.add_argument("--worst", type=int, default=15, help="worst cases to print")
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
