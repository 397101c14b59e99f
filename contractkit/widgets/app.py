"""The triage app (notebook 04 and the Voilà dashboard): triage, explorer, the
missing-clause checklist and the renewal calendar in tabs."""

from __future__ import annotations

import os
from datetime import date

import ipywidgets as widgets
import traitlets

from contractkit.store import ResultStore
from contractkit.widgets.calendar import RenewalCalendar
from contractkit.widgets.checklist import MissingClauseChecklist
from contractkit.widgets.explorer import ContractExplorer
from contractkit.widgets.triage import PortfolioTriage

TAB_TITLES = ("Portfolio triage", "Contract explorer", "Checklist", "Renewal calendar")


def triage_app(
    folder: str | os.PathLike[str],
    scan_now: bool = True,
    cache: ResultStore | str | os.PathLike[str] | bool = True,
    as_of: date | None = None,
    export_folder: str | os.PathLike[str] = ".",
) -> tuple[widgets.Tab, PortfolioTriage, ContractExplorer, MissingClauseChecklist, RenewalCalendar]:
    """Tabs over one scan: what triage scans, the explorer, the checklist and the renewal
    calendar show, and the checklist follows the contract picked in the explorer (one page
    cache for the three). `cache` is the triage's result store (see `PortfolioTriage`).
    `as_of` is the day the date findings (a renewal notice due soon, an expired contract)
    are judged on and the calendar counts from (today when None): fix it for output that
    does not change with the calendar day. The triage's and the calendar's export buttons
    write into `export_folder`."""
    triage = PortfolioTriage(folder=folder, cache=cache, export_folder=export_folder, as_of=as_of)
    explorer = ContractExplorer()
    checklist = MissingClauseChecklist(pages=explorer.pages)
    calendar = RenewalCalendar(as_of=as_of, pages=explorer.pages, export_folder=export_folder)
    # The checklist is fed first, so it has the new results when the explorer, fed next,
    # picks its first contract and the checklist follows.
    traitlets.dlink((triage, "results"), (checklist, "results"))
    traitlets.dlink((triage, "results"), (explorer, "results"))
    traitlets.dlink((triage, "results"), (calendar, "results"))
    explorer.contract.observe(lambda _: _follow(explorer, checklist), "value")
    tabs = widgets.Tab([triage, explorer, checklist, calendar], titles=TAB_TITLES)
    if scan_now:
        triage.scan()
    return tabs, triage, explorer, checklist, calendar


def _follow(explorer: ContractExplorer, checklist: MissingClauseChecklist) -> None:
    if explorer.current is not None:
        checklist.select(explorer.current.file)
