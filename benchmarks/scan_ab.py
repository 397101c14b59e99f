"""Two checkouts' scans, one after the other, round after round: how much faster one is.

On this project's shared 2-core machine a timing moves by up to a fifth from one run to the
next, so a before/after comparison of two runs minutes apart says little about a change of
a few percent. Here each round times a `contractkit.scan` of the same CUAD PDFs
(`cuad_sample.cuad_pdfs(N)`, OCR off, no store, the pipeline loaded before the clock, as
`scan_speed.py` does) with the checkout BEFORE, then with AFTER, each in a fresh process
whose `PYTHONPATH` is that checkout, for each engine and number of workers asked for. A
round's two runs are seconds apart, so they share the machine's mood: the figure is the
median over the rounds of AFTER's time ÷ BEFORE's, with each side's median time.

    git worktree add /tmp/before <rev>
    .venv/bin/python benchmarks/scan_ab.py /tmp/before . --rounds 5 \
        [--cases pdfplumber:1,pdfium:1,pdfium:2]

With both engines on one worker (and the PDFium engine on two) it also gives, for each
checkout, the end-to-end ratios the scale issue sets targets for, as medians of the rounds'
ratios (each from runs a minute apart).

Nothing is written.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Run in the child: `scan_speed.py`'s scan, timed, and the seconds printed as JSON.
_CHILD = """
import json, sys
sys.path.insert(0, {benchmarks!r})
from cuad_sample import cuad_pdfs
from scan_speed import scan, timed
import contractkit
from contractkit.nlp import default_pipeline
paths = cuad_pdfs({contracts})
default_pipeline()
seconds = timed(lambda: scan(paths, {engine!r}, {workers}))
print(json.dumps({{"seconds": seconds, "file": contractkit.__file__}}))
"""


def timed_scan(checkout: Path, engine: str, workers: int, contracts: int) -> float:
    code = _CHILD.format(benchmarks=str(HERE), contracts=contracts, engine=engine, workers=workers)
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=checkout,  # `-c` puts the working directory first on the path
        check=True,
        capture_output=True,
        text=True,
    )
    reply = json.loads(out.stdout.strip().splitlines()[-1])
    if not Path(reply["file"]).resolve().is_relative_to(checkout):
        raise SystemExit(f"{checkout} did not provide contractkit ({reply['file']})")
    return float(reply["seconds"])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path, help="checkout whose contractkit is the baseline")
    parser.add_argument("after", type=Path, help="checkout compared with it")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--contracts", type=int, default=30)
    parser.add_argument(
        "--cases",
        default="pdfium:1,pdfium:2",
        help="comma-separated engine:workers scans (e.g. pdfplumber:1,pdfium:1,pdfium:2)",
    )
    args = parser.parse_args(argv)
    before, after = args.before.resolve(), args.after.resolve()
    cases = [(engine, int(workers)) for engine, workers in _cases(args.cases)]
    times: dict[tuple[str, int], list[tuple[float, float]]] = {case: [] for case in cases}
    for round_number in range(1, args.rounds + 1):
        for engine, workers in cases:
            old = timed_scan(before, engine, workers, args.contracts)
            new = timed_scan(after, engine, workers, args.contracts)
            times[(engine, workers)].append((old, new))
            print(
                f"round {round_number}: {engine}, {workers} worker(s): "
                f"{old:.2f} s -> {new:.2f} s ({new / old:.3f})",
                flush=True,
            )
    print(f"{args.contracts} CUAD contracts; {before} -> {after}; {args.rounds} rounds")
    for (engine, workers), pairs in times.items():
        ratio = statistics.median(new / old for old, new in pairs)
        old = statistics.median(old for old, _ in pairs)
        new = statistics.median(new for _, new in pairs)
        print(
            f"  scan {engine}, {workers} worker(s): median {old:.2f} s -> {new:.2f} s; "
            f"median ratio {ratio:.3f} ({1 / ratio:.2f}x as fast)"
        )
    # Within one checkout, the ratios the scale issue sets targets for, round by round.
    for slow, fast, what in (
        (("pdfplumber", 1), ("pdfium", 1), "pdfplumber engine ÷ pdfium engine, 1 worker"),
        (("pdfium", 1), ("pdfium", 2), "pdfium engine, 1 worker ÷ 2 workers"),
    ):
        if slow in times and fast in times:
            for side, name in ((0, "before"), (1, "after")):
                pairs = zip(times[slow], times[fast], strict=True)
                per_round = [s[side] / f[side] for s, f in pairs]
                print(
                    f"  {what}, {name}: median {statistics.median(per_round):.2f}x "
                    f"(rounds: {', '.join(f'{r:.2f}' for r in per_round)})"
                )
    return 0


def _cases(spec: str) -> list[tuple[str, str]]:
    cases = []
    for case in spec.split(","):
        engine, _, workers = case.partition(":")
        cases.append((engine, workers or "1"))
    return cases


if __name__ == "__main__":
    sys.exit(main())
