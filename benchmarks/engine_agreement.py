"""How closely the pdfium engine agrees with the pdfplumber engine, and how much faster it is.

For each PDF (the sample contracts and 30 CUAD contracts), both engines load the file in
the same run and we compare:
  * words: the reading text's word sequences, aligned with difflib; agreement = matched
    words / words of the longer sequence;
  * boxes: for aligned words on the same page, the largest coordinate difference (points);
  * clauses: the segmented clause texts (whitespace folded) that both engines produce
    identically, as a share of the pdfplumber engine's clauses;
  * time: wall-clock load time of each engine, and the speed ratio.

Files are loaded with OCR off (`ocr=False`): the comparison is between the two text-layer
engines, and the scanned sample has no text layer to compare (it is skipped).

Run: .venv/bin/python benchmarks/engine_agreement.py [--cuad N]
"""

from __future__ import annotations

import argparse
import difflib
import json
import platform
import statistics
import sys
import time
from pathlib import Path

from cuad_sample import SAMPLES, cuad_pdfs

import contractkit
from contractkit.errors import ContractKitError
from contractkit.segment import segment
from contractkit.textutil import normalize_space

OUT = Path(__file__).parent / "out"


def compare(path: Path) -> dict:
    docs, seconds = {}, {}
    for engine in ("pdfplumber", "pdfium"):
        start = time.perf_counter()
        # OCR off: this compares the text-layer engines; a scanned page would time Tesseract.
        docs[engine] = contractkit.load(path, engine=engine, ocr=False)
        seconds[engine] = time.perf_counter() - start
    a, b = docs["pdfplumber"], docs["pdfium"]
    words_a, words_b = a.words, b.words
    matcher = difflib.SequenceMatcher(
        None, [w.text for w in words_a], [w.text for w in words_b], autojunk=False
    )
    matched = sum(block.size for block in matcher.get_matching_blocks())
    box_errors = [
        max(abs(p - q) for p, q in zip(words_a[i + k].bbox, words_b[j + k].bbox, strict=True))
        for i, j, size in matcher.get_matching_blocks()
        for k in range(size)
        if words_a[i + k].page == words_b[j + k].page
    ]
    clauses_a = [normalize_space(c.text) for c in segment(a).clauses]
    clauses_b = {normalize_space(c.text) for c in segment(b).clauses}
    return {
        "file": path.name,
        "pages": a.page_count,
        "words": max(len(words_a), len(words_b)),
        "matched_words": matched,
        "box_error_median": statistics.median(box_errors) if box_errors else 0.0,
        "box_error_p95": _percentile(box_errors, 0.95),
        "clauses": len(clauses_a),
        "same_clauses": sum(c in clauses_b for c in clauses_a),
        "seconds": seconds,
    }


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def summarise(rows: list[dict]) -> dict:
    words = sum(r["words"] for r in rows)
    clauses = sum(r["clauses"] for r in rows)
    plumber = sum(r["seconds"]["pdfplumber"] for r in rows)
    pdfium = sum(r["seconds"]["pdfium"] for r in rows)
    return {
        "files": len(rows),
        "pages": sum(r["pages"] for r in rows),
        "word_agreement": sum(r["matched_words"] for r in rows) / words,
        "clause_agreement": sum(r["same_clauses"] for r in rows) / clauses,
        "worst_file_word_agreement": min(r["matched_words"] / r["words"] for r in rows),
        "box_error_median_pt": statistics.median(r["box_error_median"] for r in rows),
        "box_error_p95_pt": max(r["box_error_p95"] for r in rows),
        "seconds_pdfplumber": plumber,
        "seconds_pdfium": pdfium,
        "speedup": plumber / pdfium,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cuad", type=int, default=30, help="CUAD contracts to include")
    args = parser.parse_args()
    sets = {"samples": sorted(SAMPLES.glob("*.pdf")), "cuad": cuad_pdfs(args.cuad)}
    report = {"machine": f"{platform.machine()}, {platform.python_version()}", "sets": {}}
    for name, paths in sets.items():
        rows = []
        for path in paths:
            try:
                rows.append(compare(path))
            except ContractKitError as exc:  # e.g. the scanned sample: nothing to compare
                print(f"  skip {path.name}: {exc.code}", file=sys.stderr)
        if rows:
            report["sets"][name] = {"summary": summarise(rows), "files": rows}
            print(f"{name}: " + json.dumps(report["sets"][name]["summary"], indent=1))
    OUT.mkdir(exist_ok=True)
    (OUT / "engine_agreement.json").write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
