"""The triage app (notebook 04 and the Voilà dashboard): triage, explorer and the
missing-clause checklist in tabs."""

from __future__ import annotations

import os

import ipywidgets as widgets
import traitlets

from contractkit.store import ResultStore
from contractkit.widgets.checklist import MissingClauseChecklist
from contractkit.widgets.explorer import ContractExplorer
from contractkit.widgets.triage import PortfolioTriage

TAB_TITLES = ("Portfolio triage", "Contract explorer", "Checklist")


def triage_app(
    folder: str | os.PathLike[str],
    scan_now: bool = True,
    cache: ResultStore | str | os.PathLike[str] | bool = True,
) -> tuple[widgets.Tab, PortfolioTriage, ContractExplorer, MissingClauseChecklist]:
    """Tabs over one scan: what triage scans, the explorer and the checklist show, and the
    checklist follows the contract picked in the explorer (one page cache for both).
    `cache` is the triage's result store (see `PortfolioTriage`)."""
    triage = PortfolioTriage(folder=folder, cache=cache)
    explorer = ContractExplorer()
    checklist = MissingClauseChecklist(pages=explorer.pages)
    # The checklist is fed first, so it has the new results when the explorer, fed next,
    # picks its first contract and the checklist follows.
    traitlets.dlink((triage, "results"), (checklist, "results"))
    traitlets.dlink((triage, "results"), (explorer, "results"))
    explorer.contract.observe(lambda _: _follow(explorer, checklist), "value")
    tabs = widgets.Tab([triage, explorer, checklist], titles=TAB_TITLES)
    if scan_now:
        triage.scan()
    return tabs, triage, explorer, checklist


def _follow(explorer: ContractExplorer, checklist: MissingClauseChecklist) -> None:
    if explorer.current is not None:
        checklist.select(explorer.current.file)
