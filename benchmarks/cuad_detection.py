"""contractkit's clause detection on the CUAD development contracts, with CUAD's metric.

For every contract (its PDF, loaded with the chosen engine) the detector's hits whose
clause type maps to a CUAD category become CUAD predictions `(id, category, text, score)`.
Scored with `cuad_metrics` exactly like the keyword baseline, which runs side by side on
the same contracts. Also times ingestion and detection separately, in the same run.

Nothing here is trained on CUAD, so these figures need no cross-validation: the cue
recognisers are rules. They are still development figures (the rules were written
while looking at this sample).

Run: .venv/bin/python benchmarks/cuad_detection.py [--engine pdfium] [--contracts N]
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from collections import Counter
from pathlib import Path

from cuad_metrics import Prediction, keyword_baseline, presence_report, span_report
from cuad_sample import CUAD, cuad_records
from run_keyword_baseline import ATTRIBUTION, category_rows, fmt, span_summary, table

import contractkit
from contractkit.detect.pipeline import detect_clauses
from contractkit.detect.taxonomy import load_taxonomy
from contractkit.errors import ContractKitError

OUT = Path(__file__).parent / "out" / "cuad_detection.json"


def detect(records: list[dict], engine: str) -> tuple[list[Prediction], dict[str, float]]:
    categories = {t.id: t.cuad for t in load_taxonomy().values() if t.cuad}
    predictions: list[Prediction] = []
    seconds = Counter()
    pages = 0
    for record in records:
        start = time.perf_counter()
        try:
            document = contractkit.load(CUAD / record["pdf"], engine=engine, timeout=None)
        except ContractKitError as error:
            print(f"  {record['id'][:60]}: {error.code}")
            continue
        loaded = time.perf_counter()
        hits = detect_clauses(document)
        seconds["ingest"] += loaded - start
        seconds["detect"] += time.perf_counter() - loaded
        pages += document.page_count
        predictions += [
            (record["id"], categories[hit.type], hit.text, hit.score)
            for hit in hits
            if hit.type in categories
        ]
    return predictions, {**seconds, "pages": pages}


def keyword_predictions(records: list[dict]) -> list[Prediction]:
    out: list[Prediction] = []
    for record in records:
        text = (CUAD / record["txt"]).read_text()
        out += [(record["id"], c, s, p) for c, s, p in keyword_baseline(text, record["clauses"])]
    return out


def evaluate(truth: dict, predictions: list[Prediction]) -> dict:
    spans = span_report(truth, predictions)
    presence = presence_report(truth, predictions)
    rows = category_rows(spans, presence, Counter(c for _, c, _, _ in predictions))
    return {
        "pooled": span_summary(spans.pooled),
        "presence_macro_f1": round(presence.macro_f1, 4),
        "per_category": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["pdfplumber", "pdfium"], default="pdfplumber")
    parser.add_argument("--contracts", type=int, default=None, help="default: all 304")
    args = parser.parse_args()
    records = cuad_records(args.contracts)
    truth = {r["id"]: r["clauses"] for r in records}
    predictions, seconds = detect(records, args.engine)
    results = {
        "data": ATTRIBUTION,
        "engine": args.engine,
        "contracts": len(records),
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "seconds": {k: round(v, 2) for k, v in seconds.items()},
        "detection_over_ingest": round(seconds["detect"] / seconds["ingest"], 4),
        "contractkit": evaluate(truth, predictions),
        "keyword_baseline": evaluate(truth, keyword_predictions(records)),
    }
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2) + "\n")
    for name in ("contractkit", "keyword_baseline"):
        pooled = results[name]["pooled"]
        print(
            f"{name:<17} AUPR {fmt(pooled['aupr'])} %  P@80 {fmt(pooled['precision_at_80_recall'])}"
            f" %  P@90 {fmt(pooled['precision_at_90_recall'])} %"
            f"  presence macro F1 {fmt(results[name]['presence_macro_f1'])} %"
        )
    print(
        f"ingest {seconds['ingest']:.1f} s, detection {seconds['detect']:.1f} s"
        f" ({100 * results['detection_over_ingest']:.1f} % of ingest), {seconds['pages']} pages"
    )
    print(table(results["contractkit"]["per_category"]))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
