"""The keyword-search baseline on all CUAD development contracts, scored with CUAD's metric.

Runs `cuad_metrics.keyword_baseline` on each contract's annotated text (`txt/<id>.txt`), prints
the pooled span AUPR and precision at 80 % / 90 % recall, the macro contract-level presence F1
and a per-category table, and writes everything to `benchmarks/out/keyword_baseline.json`.
These are development figures on the 304-contract sample, not CUAD test figures.

Run: .venv/bin/python benchmarks/run_keyword_baseline.py
"""

from __future__ import annotations

import json
import math
import time
from collections import Counter
from pathlib import Path

from cuad_metrics import (
    PRESENCE_THRESHOLD,
    Prediction,
    PresenceReport,
    SpanReport,
    SpanScores,
    keyword_baseline,
    presence_report,
    span_report,
)
from cuad_sample import CUAD, cuad_records

OUT = Path(__file__).parent / "out" / "keyword_baseline.json"
ATTRIBUTION = (
    "CUAD v1, The Atticus Project, CC BY 4.0 (Hendrycks et al., NeurIPS 2021); "
    "304-contract development sample"
)


def predict(records: list[dict]) -> list[Prediction]:
    """The baseline's hits on every contract's annotated text, as CUAD predictions."""
    predictions = []
    for record in records:
        text = (CUAD / record["txt"]).read_text()
        hits = keyword_baseline(text, record["clauses"])
        predictions += [(record["id"], category, span, score) for category, span, score in hits]
    return predictions


def finite(value: float) -> float | None:
    """JSON has no NaN: undefined figures are written as null."""
    return None if math.isnan(value) else round(value, 4)


def span_summary(scores: SpanScores) -> dict:
    return {
        "aupr": finite(scores.aupr),
        "precision_at_80_recall": finite(scores.precision_at_80_recall),
        "precision_at_90_recall": finite(scores.precision_at_90_recall),
        "truth_spans": scores.curve.truth_spans,
        "recall_at_0": finite(scores.curve.recalls[-1]),
        "precision_at_0": finite(scores.curve.precisions[-1]),
    }


def category_rows(spans: SpanReport, presence: PresenceReport, predicted: Counter) -> list[dict]:
    rows = []
    for category, scores in spans.per_category.items():
        found = presence.per_category[category]
        rows.append(
            {
                "category": category,
                "predictions": predicted[category],
                **span_summary(scores),
                "presence": {
                    "precision": finite(found.precision),
                    "recall": finite(found.recall),
                    "f1": finite(found.f1),
                    "contracts_with_clause": found.tp + found.fn,
                },
            }
        )
    return rows


def fmt(value: float | None) -> str:
    return "   -" if value is None else f"{100 * value:5.1f}"


def table(rows: list[dict]) -> str:
    header = (
        f"{'category':<36} {'spans':>5} {'preds':>6} {'AUPR':>5} {'P@80':>5} {'P@90':>5}"
        f" {'R':>5} {'P':>5} | {'pres P':>6} {'pres R':>6} {'pres F1':>7}"
    )
    lines = [header, "-" * len(header)]
    for row in rows:
        presence = row["presence"]
        lines.append(
            f"{row['category']:<36} {row['truth_spans']:>5} {row['predictions']:>6}"
            f" {fmt(row['aupr'])} {fmt(row['precision_at_80_recall'])}"
            f" {fmt(row['precision_at_90_recall'])} {fmt(row['recall_at_0'])}"
            f" {fmt(row['precision_at_0'])} |  {fmt(presence['precision'])}"
            f"  {fmt(presence['recall'])}   {fmt(presence['f1'])}"
        )
    return "\n".join(lines)


def main() -> None:
    records = cuad_records(None)
    truth = {record["id"]: record["clauses"] for record in records}
    start = time.perf_counter()
    predictions = predict(records)
    predict_seconds = time.perf_counter() - start
    start = time.perf_counter()
    spans = span_report(truth, predictions)
    presence = presence_report(truth, predictions)
    metric_seconds = time.perf_counter() - start
    rows = category_rows(spans, presence, Counter(category for _, category, _, _ in predictions))
    result = {
        "baseline": "keyword search (cuad_metrics.keyword_baseline), every hit scored 1.0",
        "data": ATTRIBUTION,
        "contracts": len(records),
        "predictions": len(predictions),
        "presence_threshold": PRESENCE_THRESHOLD,
        "pooled": span_summary(spans.pooled),
        "presence_macro": {
            "precision": finite(presence.macro_precision),
            "recall": finite(presence.macro_recall),
            "f1": finite(presence.macro_f1),
        },
        "seconds": {"predict": round(predict_seconds, 2), "metrics": round(metric_seconds, 2)},
        "per_category": rows,
    }
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n")

    pooled = result["pooled"]
    print(f"Keyword baseline on {len(records)} CUAD contracts, {len(predictions)} predictions")
    print(
        f"pooled span AUPR {fmt(pooled['aupr'])} %   P@80 {fmt(pooled['precision_at_80_recall'])}"
        f" %   P@90 {fmt(pooled['precision_at_90_recall'])} %"
        f"   (recall {fmt(pooled['recall_at_0'])} %, precision {fmt(pooled['precision_at_0'])} %)"
    )
    print(f"presence macro F1 {fmt(result['presence_macro']['f1'])} %")
    print(f"metric time {metric_seconds:.2f} s (prediction {predict_seconds:.2f} s)\n")
    print(table(rows))
    print(f"\nwrote {OUT}")


if __name__ == "__main__":
    main()
