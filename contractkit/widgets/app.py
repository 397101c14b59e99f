"""The triage app (notebook 04 and the Voilà dashboard): triage and explorer in tabs."""

from __future__ import annotations

import os

import ipywidgets as widgets
import traitlets

from contractkit.widgets.explorer import ContractExplorer
from contractkit.widgets.triage import PortfolioTriage


def triage_app(
    folder: str | os.PathLike[str], scan_now: bool = True
) -> tuple[widgets.Tab, PortfolioTriage, ContractExplorer]:
    """Tabs "Portfolio triage" and "Contract explorer"; what triage scans, the explorer shows."""
    triage = PortfolioTriage(folder=folder)
    explorer = ContractExplorer()
    traitlets.dlink((triage, "results"), (explorer, "results"))
    tabs = widgets.Tab([triage, explorer], titles=("Portfolio triage", "Contract explorer"))
    if scan_now:
        triage.scan()
    return tabs, triage, explorer
