"""What detection costs beside parsing, and what the IT clause model adds to it.

On 30 CUAD PDFs (`cuad_sample.cuad_pdfs(30)`), in one run: the pdfplumber engine's `load()`
(parse and layout), then detection of the loaded documents (`detect`: tokenisation,
sentences, outline, cue recognisers, classifiers, blend, attributes) with the shipped
pipeline and with the IT model switched off (`it_classifier: False`, the detector before
issue 14), each pipeline warmed up on one document first and timed over all of them twice,
the faster pass kept. Reports detection as a share of the load time (the budget is 15 %) and
the ratio of the two detectors. OCR is off, as the bare libraries read no image.
`--classifier DIR` also times the shipped pipeline with another CUAD model in its place (a
fold model of `train_clause_classifier.py --fold-models`, e.g. a CNN candidate's).

Run: .venv/bin/python benchmarks/detection_cost.py   (about 2 minutes)
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from cuad_sample import cuad_pdfs

from contractkit import load
from contractkit.nlp import detect, make_pipeline


def timed_detection(documents: list, nlp) -> float:
    detect(documents[0], nlp)  # warm-up: lazy model loads, caches
    passes = []
    for _ in range(2):
        start = time.perf_counter()
        for document in documents:
            detect(document, nlp)
        passes.append(time.perf_counter() - start)
    return min(passes)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cuad", type=int, default=30, help="number of CUAD contracts")
    parser.add_argument("--classifier", type=Path, help="another CUAD model's folder to time")
    args = parser.parse_args(argv)
    paths = cuad_pdfs(args.cuad)
    start = time.perf_counter()
    documents = [load(path, engine="pdfplumber", ocr=False) for path in paths]
    parse = time.perf_counter() - start
    pages = sum(d.page_count or 0 for d in documents)
    shipped = timed_detection(documents, make_pipeline())
    before = timed_detection(documents, make_pipeline(detector={"it_classifier": False}))
    print(
        f"{len(documents)} CUAD PDFs, {pages} pages; {platform.machine()}, Python "
        f"{platform.python_version()}"
    )
    print(f"load(), pdfplumber engine          {parse:7.1f} s")
    print(f"detection, shipped (CUAD + IT)     {shipped:7.1f} s = {shipped / parse:.1%} of load")
    print(f"detection, without the IT model    {before:7.1f} s = {before / parse:.1%} of load")
    print(f"IT model's cost: detection x {shipped / before:.2f}")
    if args.classifier:
        other = timed_detection(
            documents, make_pipeline(detector={"classifier_path": str(args.classifier)})
        )
        name = f"detection, CUAD model {args.classifier.name}"
        print(f"{name:<34} {other:7.1f} s = {other / parse:.1%} of load")
        print(f"that model's cost: detection x {other / shipped:.2f} the shipped pipeline's")


if __name__ == "__main__":
    sys.exit(main())
