"""Notebook and Voilà widgets over scan results: one file per widget, a small shared base.

Widgets depend on the library, never the reverse; notebooks only assemble them.

    from contractkit.widgets import ContractExplorer, PortfolioTriage, triage_app
    triage_app("sample_contracts")      # triage and explorer in tabs, linked
"""

from contractkit.widgets.app import triage_app
from contractkit.widgets.base import ResultsPanel
from contractkit.widgets.explorer import ContractExplorer
from contractkit.widgets.triage import PortfolioTriage

__all__ = ["ContractExplorer", "PortfolioTriage", "ResultsPanel", "triage_app"]
