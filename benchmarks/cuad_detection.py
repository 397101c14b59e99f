"""contractkit's clause detection on the CUAD development contracts, with CUAD's metric.

For every contract (its PDF, loaded with the chosen engine) the detector's hits whose
clause type maps to a CUAD category become CUAD predictions `(id, category, text, score)`,
scored with `cuad_metrics` exactly like the keyword baseline, which runs side by side on the
same contracts.

Cross-validation. The detector blends the cue recognisers (rules) with the statistical
classifier trained on these very contracts, so the packaged model must not score them. With
`--cv-models DIR` (written by `train_clause_classifier.py --folds 5 --fold-models DIR`) every
contract is scored by the fold model that never saw it. The detector runs with a low emission
threshold so the whole precision/recall curve is traced, and each hit keeps its sources (the
classifier's score and the cues' score), so the blend's cue boost can be compared over a few
values in one run (the blend before the span ranker; the figures as shipped are the spans as
the pipeline scored them: by the span ranker when the fold model's folder has one, written
there by `span_reranker.py --fold-rankers`, fitted without that fold). Contract-level
presence uses per-category thresholds tuned, for the contracts of each fold, on the
out-of-fold maxima of the *other* folds' contracts (cross-fitting: a contract's own labels
never choose its threshold). `--write-thresholds` then tunes them on all out-of-fold maxima
(at the shipped boost) and writes them to `benchmarks/out/presence_thresholds.json`.
Running this script never changes the package: putting those thresholds into the shipped
model is the training script's explicit job
(`train_clause_classifier.py --install-thresholds benchmarks/out/presence_thresholds.json`).

Throughput is measured in the same run on the production pipeline (packaged model, default
threshold): ingestion and detection timed separately for every contract.

Run:
    .venv/bin/python benchmarks/cuad_detection.py --cv-models benchmarks/out/fold_models
    .venv/bin/python benchmarks/cuad_detection.py --no-classifier   # the cue recognisers alone
    # another detector setting, side by side with the shipped run's figures:
    .venv/bin/python benchmarks/cuad_detection.py --engine pdfium --cv-models \
        benchmarks/out/fold_models --detector unnamed_party_factor=1 \
        --out benchmarks/out/cuad_detection_party_factor_1.json
Writes benchmarks/out/ only.
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from pathlib import Path

from cuad_metrics import Prediction, keyword_baseline, presence_report, span_report
from cuad_sample import CUAD, cuad_records
from run_keyword_baseline import ATTRIBUTION, category_rows, fmt, span_summary, table
from train_clause_classifier import fit_thresholds

import contractkit
from contractkit.detect.blend import SHIPPED, blend
from contractkit.detect.classifier import THRESHOLDS_FILE, presence_scaled
from contractkit.detect.taxonomy import cuad_id, load_taxonomy
from contractkit.errors import ContractKitError
from contractkit.nlp import detect, make_pipeline

OUT = Path(__file__).parent / "out" / "cuad_detection.json"
SCORED = OUT.with_name("cuad_detection_scored.json.gz")  # hits with sources, for --reuse
THRESHOLDS_OUT = OUT.with_name(THRESHOLDS_FILE)  # --write-thresholds; never into the package
PRESENCE_TEXT = "<contract>"  # the text of a contract-level prediction (cuad_metrics drops "")
CURVE_THRESHOLD = 0.001  # emit nearly every candidate, so the curve reaches CUAD's last points
# (boost, floor) pairs compared in one run; the shipped pair is among them
BLENDS = tuple(
    sorted(
        {
            (0.0, 0.0),
            (SHIPPED.boost, 0.0),
            (SHIPPED.boost, SHIPPED.floor),
            (SHIPPED.boost, 1.0),
            (1.5, SHIPPED.floor),
        }
        | {(4.0, SHIPPED.floor), (SHIPPED.boost, 0.5)}
    )
)

# (contract id, category, text, classifier score or None for a cue-only hit, cue score, the
# score the pipeline reported: the span ranker's where the model has one, else the blend)
Scored = tuple[str, str, str, float | None, float, float]


def fold_pipelines(models: Path, options: dict | None = None) -> dict[str, object]:
    """Contract id -> the pipeline whose classifier was trained without that contract (with
    the detector `options` of the run, e.g. a weight compared with the shipped one)."""
    by_contract = {}
    for fold in sorted(models.glob("fold-*")):
        config = {**(options or {}), "classifier_path": str(fold), "threshold": CURVE_THRESHOLD}
        nlp = make_pipeline(detector=config)
        for contract_id in json.loads((fold / "held_out.json").read_text()):
            by_contract[contract_id] = nlp
    return by_contract


def run(
    records: list[dict],
    engine: str,
    pipelines: dict | None,
    classifier: bool,
    options: dict | None = None,
) -> tuple[list[Scored], dict[str, float]]:
    categories = {t.id: t.cuad for t in load_taxonomy().values() if t.cuad}
    production = make_pipeline(detector={**(options or {}), "classifier": classifier})
    scored: list[Scored] = []
    seconds: Counter = Counter()
    pages = 0
    for record in records:
        start = time.perf_counter()
        try:
            document = contractkit.load(CUAD / record["pdf"], engine=engine, timeout=None)
        except ContractKitError as error:
            print(f"  {record['id'][:60]}: {error.code}")
            continue
        loaded = time.perf_counter()
        hits = detect(document, production).clauses
        seconds["ingest"] += loaded - start
        seconds["detect"] += time.perf_counter() - loaded
        pages += document.page_count
        if pipelines is not None:
            hits = detect(document, pipelines[record["id"]]).clauses
        scored += [
            (
                record["id"],
                categories[hit.type],
                hit.text,
                hit.sources.get("classifier"),
                hit.sources.get("cues", hit.score),
                hit.score,
            )
            for hit in hits
            if hit.type in categories
        ]
    return scored, {**seconds, "pages": pages}


def predictions_at(scored: list[Scored], boost: float, floor: float) -> list[Prediction]:
    return [
        (cid, category, text, cues if c is None else blend(c, cues, boost, floor))
        for cid, category, text, c, cues, *_ in scored
    ]


def reported(scored: list[Scored]) -> list[Prediction]:
    """The predictions as the pipeline scored them (rows saved before the span ranker have no
    reported score: their blend at the shipped weights is what it reported)."""
    shipped = predictions_at(scored, SHIPPED.boost, SHIPPED.floor)
    return [
        (cid, category, text, row[5] if len(row) > 5 else score)
        for row, (cid, category, text, score) in zip(scored, shipped, strict=True)
    ]


def maxima(predictions: list[Prediction], ids: list[str]) -> dict[str, dict[str, float]]:
    """Per contract and clause type, the best score (0 when nothing was emitted)."""
    best: dict[str, dict[str, float]] = {i: defaultdict(float) for i in ids}
    for cid, category, _, score in predictions:
        label = cuad_id(category)
        best[cid][label] = max(best[cid][label], score)
    return best


def cross_fitted_presence(
    predictions: list[Prediction], truth: dict, fold_of: dict[str, int]
) -> list[Prediction]:
    """One presence prediction per contract and category: its best score rescaled by the
    threshold tuned on the other folds' contracts."""
    return cross_fitted(maxima(predictions, list(truth)), truth, fold_of)


def cross_fitted(
    best: Mapping[str, Mapping[str, float]],
    truth: dict,
    fold_of: dict[str, int],
    fit: Callable[[dict, dict], dict[str, float]] = fit_thresholds,
) -> list[Prediction]:
    """`cross_fitted_presence` from each contract's score per type (`best`), the thresholds
    fitted by `fit(maxima, truth)` on the other folds' contracts."""
    out = []
    for fold in sorted(set(fold_of.values())):
        thresholds = fit({i: best[i] for i in truth if fold_of[i] != fold}, truth)
        for cid in (i for i in truth if fold_of[i] == fold):
            for category in truth[cid]:
                label = cuad_id(category)
                score = presence_scaled(best[cid][label], thresholds[label])
                out.append((cid, category, PRESENCE_TEXT, score))
    return out


def evaluate(truth: dict, predictions: list[Prediction], presence: list[Prediction]) -> dict:
    spans = span_report(truth, predictions)
    found = presence_report(truth, presence)
    rows = category_rows(spans, found, Counter(c for _, c, _, _ in predictions))
    return {
        "pooled": span_summary(spans.pooled),
        "presence_macro_f1": round(found.macro_f1, 4),
        "per_category": rows,
    }


def keyword_predictions(records: list[dict]) -> list[Prediction]:
    out: list[Prediction] = []
    for record in records:
        text = (CUAD / record["txt"]).read_text()
        out += [(record["id"], c, s, p) for c, s, p in keyword_baseline(text, record["clauses"])]
    return out


def write_thresholds(predictions: list[Prediction], truth: dict) -> Path:
    thresholds = fit_thresholds(maxima(predictions, list(truth)), truth)
    path = THRESHOLDS_OUT
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(dict(sorted(thresholds.items())), indent=2) + "\n")
    return path


def add_detector_option(parser: argparse.ArgumentParser) -> None:
    """`--detector KEY=VALUE` (repeatable): detector config values other than the shipped
    ones, for a benchmark that compares settings."""
    parser.add_argument(
        "--detector",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a detector config value other than the shipped one (e.g. unnamed_party_factor=1),"
        " to compare settings; with --out, so the shipped run's figures stay",
    )


def detector_options(args: argparse.Namespace) -> dict[str, object]:
    """The `--detector` values as the detector's config takes them (JSON values)."""
    return {key: json.loads(value) for key, value in (o.split("=", 1) for o in args.detector)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["pdfplumber", "pdfium"], default="pdfplumber")
    parser.add_argument("--contracts", type=int, default=None, help="default: all 304")
    parser.add_argument("--cv-models", type=Path, help="fold models (train_clause_classifier)")
    parser.add_argument("--no-classifier", action="store_true", help="the cue recognisers alone")
    parser.add_argument(
        "--write-thresholds",
        action="store_true",
        help=f"write the presence thresholds fitted on all out-of-fold maxima to {THRESHOLDS_OUT}",
    )
    parser.add_argument("--reuse", action="store_true", help=f"score the hits saved in {SCORED}")
    add_detector_option(parser)
    parser.add_argument("--out", type=Path, default=OUT, help=f"default {OUT}")
    args = parser.parse_args()
    options = detector_options(args)
    out = args.out
    saved = SCORED if out == OUT else out.with_name(f"{out.stem}_scored.json.gz")
    if not args.no_classifier and args.cv_models is None:
        parser.error("the classifier saw these contracts: give --cv-models or --no-classifier")
    records = cuad_records(args.contracts)
    truth = {r["id"]: r["clauses"] for r in records}
    if args.reuse:
        scored, seconds = json.loads(gzip.decompress(saved.read_bytes()))
        scored = [tuple(row) for row in scored]
    else:
        pipelines = None if args.no_classifier else fold_pipelines(args.cv_models, options)
        scored, seconds = run(records, args.engine, pipelines, not args.no_classifier, options)
        saved.parent.mkdir(exist_ok=True)
        saved.write_bytes(gzip.compress(json.dumps([scored, seconds]).encode()))
    results: dict = {
        "data": ATTRIBUTION,
        "engine": args.engine,
        "contracts": len(records),
        "detector": "cue recognisers" if args.no_classifier else "cues + classifier (5-fold CV)",
        "detector_options": options,
        "machine": f"{platform.machine()}, {platform.python_version()}, 2 cores",
        "seconds": {k: round(v, 2) for k, v in seconds.items()},
        "detection_over_ingest": round(seconds["detect"] / seconds["ingest"], 4),
    }
    if args.no_classifier:
        predictions = predictions_at(scored, 0.0, 1.0)
        results["contractkit"] = evaluate(truth, predictions, predictions)
    else:
        fold_of = {
            cid: int(fold.name.split("-")[1])
            for fold in args.cv_models.glob("fold-*")
            for cid in json.loads((fold / "held_out.json").read_text())
        }
        sweep = {}
        for boost, floor in BLENDS:
            predictions = predictions_at(scored, boost, floor)
            presence = cross_fitted_presence(predictions, truth, fold_of)
            result = evaluate(truth, predictions, presence)
            sweep[f"boost {boost}, floor {floor}"] = result
            print(
                f"boost {boost:>4}, floor {floor:>4}: AUPR {fmt(result['pooled']['aupr'])} %"
                f"  P@80 {fmt(result['pooled']['precision_at_80_recall'])} %"
                f"  presence macro F1 {fmt(result['presence_macro_f1'])} %",
                flush=True,
            )
        # as shipped: spans scored as the pipeline reported them (by the span ranker where the
        # fold model has one), presence from the blended scores, as the pipeline takes it
        shipped = predictions_at(scored, SHIPPED.boost, SHIPPED.floor)
        results["contractkit"] = evaluate(
            truth, reported(scored), cross_fitted_presence(shipped, truth, fold_of)
        )
        results["blend_sweep"] = {
            name: {"pooled": r["pooled"], "presence_macro_f1": r["presence_macro_f1"]}
            for name, r in sweep.items()
        }
        if args.write_thresholds:
            shipped = predictions_at(scored, SHIPPED.boost, SHIPPED.floor)
            print(f"wrote {write_thresholds(shipped, truth)}")
    results["keyword_baseline"] = evaluate(truth, *[keyword_predictions(records)] * 2)
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
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
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
