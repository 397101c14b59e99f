"""How long the contract explorer and the missing-clause checklist take to switch contracts
on results already scanned.

The sample contracts are scanned once (not timed). Then each panel shows each readable
contract in turn, as picking it in its Contract dropdown does (explorer: clause list,
clause-type table, first clause's text and highlighted page; checklist: the playbook's
checklist, the first gap's evidence and page, the cost of gaps), twice round:
  * first visit: the page is rendered by pdfplumber (cold page cache);
  * revisit: the page comes from the explorer's page cache (what "switching between
    already-scanned contracts" costs once they have been seen).
Target: about 0.1 s per switch.

Run: .venv/bin/python benchmarks/widget_switch.py [FOLDER] [--rounds N]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time

import contractkit
from contractkit.widgets import ContractExplorer, ContractPanel, MissingClauseChecklist


def switch_times(panel: ContractPanel, indexes: list[int]) -> list[float]:
    times = []
    for index in indexes:
        started = time.perf_counter()
        panel.contract.value = index
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="sample_contracts")
    parser.add_argument("--rounds", type=int, default=3, help="revisit rounds")
    args = parser.parse_args()

    results = contractkit.scan([args.folder])
    readable = [i for i, r in enumerate(results) if r.ok]
    print(f"{len(readable)} readable contracts of {len(results)}, {args.folder}")
    print(
        f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    unreadable = [i for i, r in enumerate(results) if not r.ok]
    for panel in (ContractExplorer(results), MissingClauseChecklist(results)):
        # Start from a contract outside the timed first visits so each is a real change: an
        # unreadable one if there is one (nothing rendered), else the last readable one, which
        # the first round then leaves out (its page is already rendered).
        start = unreadable[0] if unreadable else readable[-1]
        panel.contract.value = start
        first = switch_times(panel, [i for i in readable if i != start])
        again = [t for _ in range(args.rounds) for t in switch_times(panel, readable)]
        for name, times in (("first visit", first), ("revisit", again)):
            print(
                f"{type(panel).__name__:<22} {name:<12} median {statistics.median(times):.3f} s,"
                f" max {max(times):.3f} s over {len(times)} switches"
            )


if __name__ == "__main__":
    main()
