"""How fast a scan is, against the PDF libraries alone, and how much memory it takes.

On N CUAD contracts (`cuad_sample.cuad_pdfs(N)`, default 30), one after the other:
  * bare pdfplumber: `extract_words()` on every page (what the engine builds on);
  * bare pypdfium2: the text of every page;
  * each engine's `load()` alone (parse + layout; pdfplumber's right after the bare
    library), and the detection and review of the loaded documents alone (the same work
    whatever the engine);
  * `contractkit.scan` with each engine on 1 worker and on all cores (no store; the
    pipeline loaded beforehand, as a long-running process would have it);
  * a warm re-scan: `contractkit scan` as a fresh command over the same files, every
    result already in the store (interpreter start-up included);
  * last, the pdfium scan on a Dask `LocalCluster` of as many single-threaded workers as cores,
    started beforehand (as a standing cluster is); its readers load the pipeline inside
    the timing, as they do for a cluster's first scan;
  * peak resident memory of the parent and of the largest worker.
Then pages per second and the ratios the scale issue sets targets for. `--repeat N` measures
it all N times, round after round (the documents held for detection in a last set of rounds,
so that they swell no scan's memory), and keeps each measurement's shortest time: on a
shared machine whose timings move by a fifth from run to run, the least disturbed run of
each is what the code costs. OCR is off throughout: the bare libraries read no image, and
two of the 553 pages of the default sample are scans that Tesseract would take seconds each
over (`ocr_agreement.py` measures OCR).

Run: .venv/bin/python benchmarks/scan_speed.py [--cuad N] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
from cuad_sample import cuad_pdfs

import contractkit
from contractkit.model import Document
from contractkit.nlp import default_pipeline
from contractkit.scan import analyze_document


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def bare_pdfplumber(paths: list[Path]) -> None:
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_words()
                page.close()


def bare_pdfium(paths: list[Path]) -> None:
    for path in paths:
        pdf = pdfium.PdfDocument(path)
        for page in pdf:
            page.get_textpage().get_text_range()
        pdf.close()


def load_each(paths: list[Path], engine: str) -> Iterator[Document]:
    for path in paths:
        yield contractkit.load(path, engine=engine, ocr=False)


def consume(documents: Iterator[Document]) -> None:
    """Load and drop: this process's peak memory is the scans', not 30 documents'."""
    deque(documents, maxlen=0)


def analyze_all(documents: list[Document]) -> None:
    for document in documents:
        analyze_document(document)


def scan(paths: list[Path], engine: str, workers: int, **options) -> None:
    results = contractkit.scan(
        paths, engine=engine, workers=workers, timeout=None, ocr=False, **options
    )
    failed = [r.file for r in results if not r.ok]
    assert not failed, failed


def scan_on_dask(paths: list[Path], workers: int) -> float:
    from contractkit.distributed import local_cluster

    with local_cluster(workers) as client:  # started before the clock, as a standing cluster
        return timed(lambda: scan(paths, "pdfium", workers, scheduler=client))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cuad", type=int, default=30, help="number of CUAD contracts")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="measure everything this many times, round after round, and keep each "
        "measurement's shortest time (a busy machine only ever adds time)",
    )
    args = parser.parse_args()
    paths = cuad_pdfs(args.cuad)
    cores = os.cpu_count() or 1
    default_pipeline()
    seconds: dict[str, float] = {}

    def keep(what: str, value: float) -> None:
        seconds[what] = min(value, seconds.get(what, value))

    for _ in range(args.repeat):
        keep("bare pdfplumber", timed(lambda: bare_pdfplumber(paths)))
        keep(
            "load pdfplumber (parse + layout)",
            timed(lambda: consume(load_each(paths, "pdfplumber"))),
        )
        keep("bare pypdfium2 text", timed(lambda: bare_pdfium(paths)))
        for engine in ("pdfplumber", "pdfium"):
            for workers in sorted({1, cores}):
                keep(
                    f"scan {engine}, {workers} worker(s)",
                    timed(lambda e=engine, w=workers: scan(paths, e, w)),
                )
        with tempfile.TemporaryDirectory() as folder:
            store = Path(folder) / "results.sqlite"
            scan(paths, "pdfium", cores, cache=store)
            command = [sys.executable, "-m", "contractkit", "scan", *map(str, paths)]
            command += ["--engine", "pdfium", "--no-ocr", "--cache", str(store)]
            command += ["--out", os.devnull]
            keep(
                "warm re-scan (fresh command)",
                timed(lambda c=command: subprocess.run(c, check=True)),
            )
    # The scans' peak memory, before this process holds documents of its own.
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    for _ in range(args.repeat):
        start = time.perf_counter()
        documents = list(load_each(paths, "pdfium"))
        keep("load pdfium (parse + layout)", time.perf_counter() - start)
        keep("detection + review (pdfium's)", timed(lambda d=documents: analyze_all(d)))
        del documents
    # Last: a closing cluster's processes would slow whatever came next.
    for _ in range(args.repeat):
        keep(f"scan pdfium, Dask LocalCluster, {cores}", scan_on_dask(paths, cores))
    pages = sum(len(pdfium.PdfDocument(p)) for p in paths)
    print(f"{len(paths)} CUAD contracts, {pages} pages, {cores} cores")
    for what, value in seconds.items():
        print(f"  {what:<38} {value:7.1f} s {pages / value:8.1f} pages/s")
    plumber_1 = seconds["scan pdfplumber, 1 worker(s)"]
    pdfium_1 = seconds["scan pdfium, 1 worker(s)"]
    shared = seconds["detection + review (pdfium's)"]
    bare = seconds["bare pdfplumber"]
    load_plumber = seconds["load pdfplumber (parse + layout)"]
    loads = load_plumber / seconds["load pdfium (parse + layout)"]
    print(f"  scan pdfplumber / bare pdfplumber       {plumber_1 / bare:.2f}×")
    print(f"  load pdfplumber / bare pdfplumber       {load_plumber / bare:.2f}×")
    print(f"  scan pdfplumber / scan pdfium           {plumber_1 / pdfium_1:.1f}×")
    print(f"  load pdfplumber / load pdfium           {loads:.1f}×")
    print(f"  scan pdfplumber / detection + review    {plumber_1 / shared:.1f}× (pdfium's ceiling)")
    for engine in ("pdfplumber", "pdfium"):
        one = seconds[f"scan {engine}, 1 worker(s)"]
        every = seconds[f"scan {engine}, {cores} worker(s)"]
        print(f"  {engine}: {cores} workers vs 1               {one / every:.2f}×")
    on_dask = seconds[f"scan pdfium, Dask LocalCluster, {cores}"]
    local = seconds[f"scan pdfium, {cores} worker(s)"]
    print(f"  pdfium: Dask LocalCluster / local workers  {on_dask / local:.2f}× the time")
    print(f"  peak memory: parent {parent:.0f} MB, largest worker {worker:.0f} MB")


if __name__ == "__main__":
    main()
