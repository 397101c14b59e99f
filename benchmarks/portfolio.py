"""A portfolio of thousands of contracts: the result store, memory and the triage widget.

Builds a folder of N contracts (default 5,000) from the CUAD development PDFs
(`../shared/cuad/pdf`, 304 files): copy k of a PDF is its bytes with one PDF comment line
appended after its end (`%contractkit-portfolio copy k`), so every file has its own
sha256 (its own row in the store) while PDFium reads the same pages and text. Then, the
way a user would:
  * a cold scan into an empty store: `contractkit.scan(folder, engine="pdfium",
    cache=store)` on all cores (OCR on, as by default);
  * a warm re-scan in this process (every result read back from the store), and one as a
    fresh `contractkit scan --engine pdfium --cache STORE` command (interpreter start-up
    and the package digest included), skipped when the package on disk changed since
    this process started (the fresh command would find no stored result and read all of
    it again);
  * time, pages per second, the peak resident memory of the process tree (this process
    and its workers, summed, sampled every 0.2 s; and `ru_maxrss`), the store's size;
  * the triage widget (`PortfolioTriage`) built from the warm scan's results: its first
    render, a sort by a column, a filter by type and by text, the heatmap, the page
    controls when it has them, and the Excel export of all rows and of a filtered view.
The machine's load average is recorded before and after each step.

The folder goes to `--folder` (default /tmp/portfolio; kept between runs, rebuilt when
its files are not the expected ones), the store into it; the figures to
benchmarks/out/portfolio.json. Nothing in the package changes.

Run: .venv/bin/python benchmarks/portfolio.py [--contracts 5000] [--folder /tmp/portfolio]
     [--workers N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from contextlib import closing, contextmanager
from pathlib import Path

import psutil  # installed with IPython (the notebooks' kernel); benchmarks only

import contractkit
import contractkit.store
from contractkit.store import pipeline_version
from contractkit.widgets import PortfolioTriage

ROOT = Path(__file__).resolve().parents[1]
CUAD_PDFS = ROOT.parent / "shared" / "cuad" / "pdf"
OUT = ROOT / "benchmarks" / "out"
MB = 1 << 20


def build_folder(folder: Path, count: int) -> dict:
    """`count` unique PDFs in `folder`: the CUAD PDFs in name order, again and again, copy
    k of each with one comment line after its end. Kept when already as expected."""
    sources = sorted(CUAD_PDFS.glob("*.pdf"))
    wanted = {}
    for index in range(count):
        source = sources[index % len(sources)]
        copy = index // len(sources)
        wanted[f"{source.stem}-copy{copy:02d}.pdf"] = (source, copy)
    folder.mkdir(parents=True, exist_ok=True)
    present = {p.name for p in folder.glob("*.pdf")}
    start = time.perf_counter()
    for stale in present - set(wanted):
        (folder / stale).unlink()
    made = 0
    for name, (source, copy) in wanted.items():
        target = folder / name
        tail = f"\n%contractkit-portfolio copy {copy}\n".encode()
        if target.exists() and target.stat().st_size == source.stat().st_size + len(tail):
            continue
        target.write_bytes(source.read_bytes() + tail)
        made += 1
    size = sum((folder / name).stat().st_size for name in wanted)
    return {
        "files": count,
        "distinct_sources": min(count, len(sources)),
        "bytes": size,
        "written": made,
        "seconds": round(time.perf_counter() - start, 1),
    }


class TreeMemory:
    """The largest summed resident set of this process and its descendants, sampled (pages
    a forked worker shares with this process count twice); `start`: this process's own at
    the start (what it held before: the benchmark's, not the step's), `peak_children`: the
    descendants' alone (a fresh command's)."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.start = psutil.Process().memory_info().rss
        self.peak = 0
        self.peak_children = 0
        self.peak_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        total, processes = me.memory_info().rss, 1
        children = 0
        for process in me.children(recursive=True):
            try:
                children += process.memory_info().rss
                processes += 1
            except psutil.Error:  # a worker that just ended
                pass
        total += children
        self.peak_children = max(self.peak_children, children)
        if total > self.peak:
            self.peak, self.peak_processes = total, processes

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self) -> TreeMemory:
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()


def load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


@contextmanager
def step(figures: dict, name: str):
    """Time a step into `figures[name]` (seconds, load average before and after), its
    error (type and message) if it raised: the benchmark reports and goes on."""
    entry = {"load_before": load_average()}
    start = time.perf_counter()
    try:
        yield entry
    except Exception as error:  # a figure that could not be taken is a figure too
        entry["error"] = f"{type(error).__name__}: {str(error)[:300]}"
    entry["seconds"] = round(time.perf_counter() - start, 3)
    entry["load_after"] = load_average()
    figures[name] = entry
    print(f"  {name:<44} {entry['seconds']:9.3f} s  {entry.get('error', '')}", flush=True)


def store_size(store: Path) -> int:
    return sum(
        path.stat().st_size
        for path in (store, Path(f"{store}-wal"), Path(f"{store}-shm"))
        if path.exists()
    )


def store_rows(store: Path) -> int:
    if not store.exists():
        return 0
    with closing(sqlite3.connect(store)) as db:
        return db.execute("SELECT count(*) FROM results").fetchone()[0]


def timed_scan(figures: dict, name: str, folder: Path, store: Path, workers: int | None):
    rows = store_rows(store)
    with TreeMemory() as memory, step(figures, name) as entry:
        results = contractkit.scan(folder, engine="pdfium", cache=store, workers=workers)
    pages = sum(r.pages or 0 for r in results)
    entry.update(
        contracts=len(results),
        ok=sum(r.ok for r in results),
        errors=dict(Counter(r.error.code for r in results if r.error)),
        new_store_rows=store_rows(store) - rows,  # files read (not taken from the store)
        pages=pages,
        pages_per_second=round(pages / entry["seconds"], 1),
        peak_tree_mb=round(memory.peak / MB),
        peak_tree_processes=memory.peak_processes,
        benchmark_before_mb=round(memory.start / MB),
        store_mb=round(store_size(store) / MB, 1),
    )
    return results


def stored_digest(store: Path) -> str | None:
    """The package digest the store's rows were written under (the cold scan's)."""
    with closing(sqlite3.connect(store)) as db:
        rows = db.execute("SELECT DISTINCT pipeline FROM results").fetchall()
    return rows[0][0] if len(rows) == 1 else None


# A fresh `contractkit scan` whose package digest is the one given (argv[1]): what the
# command does when the package is the one the store was filled by.
PINNED_CLI = """import sys
import contractkit.store as store
digest = sys.argv.pop(1)
store.pipeline_version = lambda: digest
from contractkit.cli import main
sys.exit(main(sys.argv[1:]))
"""


def fresh_warm_scan(figures: dict, folder: Path, store: Path) -> None:
    """`contractkit scan` as a new command over the stored folder. When the package on
    disk is no longer the one the store was filled by (other work in this checkout during
    a long run), the command runs with the store's digest (`PINNED_CLI`): otherwise it
    would find no stored result and read everything again. The digest's own cost (hashing
    the package's files, once per process) is timed apart."""
    command = [sys.executable, "-m", "contractkit", "scan", str(folder), "--engine", "pdfium"]
    command += ["--cache", str(store), "--format", "jsonl", "--out", os.devnull]
    probe = "import time; from contractkit.store import pipeline_version as v; "
    probe += "s = time.perf_counter(); d = v(); print(d, time.perf_counter() - s)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    digest, seconds = done.stdout.split()
    wanted = stored_digest(store)
    name = "warm re-scan, fresh command"
    if digest != wanted:
        command[1:3] = ["-c", PINNED_CLI, wanted]
        name += " (store's digest)"
    with TreeMemory() as memory, step(figures, name) as entry:
        subprocess.run(command, check=True)
    entry.update(
        peak_tree_mb=round(memory.peak / MB),
        peak_command_mb=round(memory.peak_children / MB),
        package_digest_seconds=round(float(seconds), 2),
        package_on_disk=digest,
        store_digest=wanted,
    )


def widget_figures(figures: dict, results, export_folder: Path) -> None:
    """The triage widget over `results`: each step as a user meets it (a control's change
    redraws the panel before the assignment returns; `table_seconds`: when the table, drawn
    before the heatmap and sent to the page as it is set, had its new rows)."""
    widget: dict = {}
    figures["triage widget"] = widget
    export_folder.mkdir(parents=True, exist_ok=True)
    with TreeMemory() as memory:
        with step(widget, "construct + first render") as entry:
            triage = PortfolioTriage(results, export_folder=export_folder, cache=False)
        if "error" in entry:
            return
        entry.update(
            rows=len(triage.view),
            table_html_kb=round(len(triage.table.value) / 1024, 1),
            heatmap_png_kb=round(len(bytes(triage.heatmap.value)) / 1024, 1),
        )
        paged = hasattr(triage, "page")
        table_set: list[float] = []
        triage.table.observe(lambda _: table_set.append(time.perf_counter()), "value")

        @contextmanager
        def change(name: str):
            table_set.clear()
            with step(widget, name) as entry:
                begun = time.perf_counter()
                yield entry
            if table_set:
                entry["table_seconds"] = round(table_set[-1] - begun, 3)

        with change("sort by high_findings") as entry:
            triage.sort_by.value = "high_findings"
        with change("sort descending") as entry:
            triage.descending.value = True
        entry["first_rows"] = list(triage.view["high_findings"].head(3).astype(str))
        if paged:
            with change("next page") as entry:
                triage.page.value = min(triage.page.value + 1, triage.page.max)
            with change("last page") as entry:
                triage.page.value = triage.page.max
        common = Counter(r.contract_type["label"] for r in results if r.contract_type)
        with change("filter by type") as entry:
            triage.contract_type.value = common.most_common(1)[0][0]
        entry.update(type=triage.contract_type.value, rows=len(triage.view))
        with change("filter by text") as entry:
            triage.search.value = "services"
        entry["rows"] = len(triage.view)
        with change("clear the filters") as entry:
            triage.contract_type.value = "any type"
            triage.search.value = ""
        entry["rows"] = len(triage.view)
        from contractkit.widgets.heatmap import heatmap_png, presence_matrix

        if paged:
            with step(widget, "heatmap of one page (heatmap_png)") as entry:
                on_page = set(triage.page_view["file"])
                shown = [r for r in results if r.file in on_page]
                entry["png_kb"] = round(len(heatmap_png(presence_matrix(shown))) / 1024, 1)
        else:  # what the unpaged widget drew on every change
            with step(widget, "heatmap of every contract (heatmap_png)") as entry:
                entry["png_kb"] = round(len(heatmap_png(presence_matrix(results))) / 1024, 1)
        with step(widget, "export, every row") as entry:
            target = triage.export(export_folder / "all.xlsx")
            entry["xlsx_mb"] = round(target.stat().st_size / MB, 1)
        entry["rows"] = len(triage.view)
        triage.search.value = "services"
        with step(widget, "export, filtered by text") as entry:
            target = triage.export(export_folder / "services.xlsx")
            entry["xlsx_mb"] = round(target.stat().st_size / MB, 2)
        entry["rows"] = len(triage.view)
    widget["paged"] = paged
    widget["peak_tree_mb"] = round(memory.peak / MB)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contracts", type=int, default=5000, help="portfolio size")
    parser.add_argument("--folder", type=Path, default=Path("/tmp/portfolio"))
    parser.add_argument("--workers", type=int, default=None, help="default: all cores")
    parser.add_argument("--out", type=Path, default=None, help="the JSON of figures")
    parser.add_argument(
        "--reuse-store",
        action="store_true",
        help="no folder build or cold scan: the warm re-scans and the widget over the store"
        " an earlier run left in --folder, under the package digest it was written with",
    )
    parser.add_argument("--no-widget", action="store_true", help="scans only")
    args = parser.parse_args()
    folder = args.folder.resolve()
    contracts = folder / "contracts"
    store = folder / "store.sqlite"
    out = args.out or OUT / f"portfolio-{args.contracts}.json"
    figures: dict = {
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "machine": f"{os.cpu_count()}-core {platform.machine()},"
        f" Python {platform.python_version()}",
        "memory_total_mb": round(psutil.virtual_memory().total / MB),
        "package_digest": pipeline_version(),
        "load_average_start": load_average(),
    }
    print(f"{args.contracts} contracts in {contracts}", flush=True)
    if args.reuse_store:
        # The cold scan's store, read back under the digest it was written with.
        digest = stored_digest(store)
        figures["reused_store"] = {"digest": digest, "store_mb": round(store_size(store) / MB, 1)}
        contractkit.store.pipeline_version = lambda: digest
    else:
        figures["folder"] = build_folder(contracts, args.contracts)
        for path in (store, Path(f"{store}-wal"), Path(f"{store}-shm")):
            path.unlink(missing_ok=True)
        timed_scan(figures, "cold scan", contracts, store, args.workers)
        # The largest resident sets: the cold scan's, before the widget's work.
        figures["ru_maxrss_mb"] = {
            "self": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "largest_child": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
        }
    fresh_warm_scan(figures, contracts, store)
    results = timed_scan(figures, "warm re-scan, this process", contracts, store, args.workers)
    if not args.no_widget:
        widget_figures(figures, results, folder / "exports")
    figures["load_average_end"] = load_average()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n")
    print(json.dumps(figures, indent=1, ensure_ascii=False))
    print(f"figures in {out}")


if __name__ == "__main__":
    main()
