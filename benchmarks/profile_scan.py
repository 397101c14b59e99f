"""Where a scan's time goes: cProfile over `analyze()` of CUAD PDFs, summed by stage.

On `cuad_sample.cuad_pdfs(N)` (30 by default), in this process (no workers, no store, OCR
off as the bare libraries read no image): each PDF loaded with `--engine`, detected,
reviewed (key dates and deadlines included) and its result turned into JSON, under cProfile.
The pipeline is loaded and warmed on one document first. Prints the cumulative time of each
stage of the flow (ingest → segment → detect → review → result), indented where one stage
holds another, as a share of the whole, then the functions that take the most time of their
own. cProfile adds a cost per Python call, so shares of Python-heavy stages come out larger
than without it; compare stages within one run.

Run: .venv/bin/python benchmarks/profile_scan.py [--engine pdfium] [--contracts 30]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import platform
import pstats
from collections.abc import Sequence
from pathlib import Path

from cuad_sample import cuad_pdfs

from contractkit.nlp import default_pipeline
from contractkit.scan import analyze

ROOT = f"{Path(__file__).resolve().parents[1]}/"
# (depth, stage, file path suffix, function name): cumulative time of that function. Nested
# stages are parts of the one above them at lower depth.
STAGES: tuple[tuple[int, str, str, str], ...] = (
    (0, "load (ingest)", "contractkit/ingest/__init__.py", "load"),
    (1, "PDFium: pages, words, boxes", "contractkit/ingest/pdfium_engine.py", "_read_page"),
    (1, "pdfplumber: pages, words, boxes", "contractkit/ingest/pdfplumber_engine.py", "_read_page"),
    (1, "hidden-text check", "contractkit/ingest/visibility.py", "hidden_text"),
    (1, "layout: lines, tables, paragraphs", "contractkit/ingest/layout.py", "build_document"),
    (0, "detect (spaCy pipeline, hits)", "contractkit/nlp.py", "detect"),
    (1, "tokenizer", "spacy/tokenizer.pyx", "__call__"),
    (1, "sentences", "contractkit/segment/sentences.py", "__call__"),
    (1, "segmentation: outline", "contractkit/segment/__init__.py", "__call__"),
    (1, "clause detector", "contractkit/detect/pipeline.py", "__call__"),
    (2, "cue recognisers (body)", "contractkit/detect/pipeline.py", "_body_evidence"),
    (2, "classifiers and blend", "contractkit/detect/blend.py", "blended"),
    (3, "classifier inputs and scores", "contractkit/detect/classifier.py", "score"),
    (3, "span ranker", "contractkit/detect/span_ranker.py", "probabilities"),
    (2, "attributes", "contractkit/detect/pipeline.py", "_attributes"),
    (1, "hits: boxes and sections", "contractkit/nlp.py", "_hit"),
    (0, "key dates", "contractkit/detect/key_dates.py", "extract_key_dates"),
    (
        0,
        "review (type, playbook, audit, deadlines)",
        "contractkit/review/__init__.py",
        "review_contract",
    ),
    (0, "result as JSON", "contractkit/result.py", "to_dict"),
)


def stage_times(stats: pstats.Stats) -> list[tuple[int, str, float]]:
    """Each stage's cumulative seconds (summed over every function matching it)."""
    raw = stats.stats  # type: ignore[attr-defined]
    out = []
    for depth, name, suffix, function in STAGES:
        seconds = sum(
            cumulative
            for (path, _, func), (_, _, _, cumulative, _) in raw.items()
            if func == function and path.replace("\\", "/").endswith(suffix)
        )
        out.append((depth, name, seconds))
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["pdfium", "pdfplumber"], default="pdfium")
    parser.add_argument("--contracts", type=int, default=30)
    parser.add_argument("--top", type=int, default=15, help="functions by own time")
    args = parser.parse_args(argv)
    paths = cuad_pdfs(args.contracts)
    default_pipeline()
    analyze(paths[0], engine=args.engine, ocr=False)  # warm-up: lazy loads, caches
    profile = cProfile.Profile()
    profile.enable()
    for path in paths:
        json.dumps(analyze(path, engine=args.engine, ocr=False).to_dict())
    profile.disable()
    stats = pstats.Stats(profile)
    total = stats.total_tt  # type: ignore[attr-defined]
    print(
        f"{len(paths)} CUAD PDFs, {args.engine} engine, under cProfile: {total:.1f} s;"
        f" {platform.machine()}, Python {platform.python_version()}"
    )
    for depth, name, seconds in stage_times(stats):
        if seconds:
            label = "  " * depth + name
            print(f"  {label:48} {seconds:7.2f} s {seconds / total:6.1%}")
    print(f"\nfunctions by own time (top {args.top}):")
    rows = sorted(stats.stats.items(), key=lambda item: -item[1][2])  # type: ignore[attr-defined]
    for (path, line, function), (_, calls, own, _, _) in rows[: args.top]:
        where = f"{path.rsplit('site-packages/', 1)[-1].removeprefix(ROOT)}:{line}"
        print(f"  {own:6.2f} s {calls:9} calls  {function}  ({where})")


if __name__ == "__main__":
    main()
