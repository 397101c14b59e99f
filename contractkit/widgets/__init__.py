"""Notebook and Voilà widgets over scan results: one file per widget, a small shared base.

Widgets depend on the library, never the reverse; notebooks only assemble them.

    from contractkit.widgets import MissingClauseChecklist, LicenceAuditPanel, triage_app
    tabs, triage, explorer, checklist, calendar = triage_app("sample_contracts")  # linked
"""

from contractkit.widgets.app import triage_app
from contractkit.widgets.audit import LicenceAuditPanel
from contractkit.widgets.base import ContractPanel, ResultsPanel
from contractkit.widgets.calendar import RenewalCalendar
from contractkit.widgets.checklist import MissingClauseChecklist
from contractkit.widgets.explorer import ContractExplorer
from contractkit.widgets.triage import PortfolioTriage

__all__ = [
    "ContractExplorer",
    "ContractPanel",
    "LicenceAuditPanel",
    "MissingClauseChecklist",
    "PortfolioTriage",
    "RenewalCalendar",
    "ResultsPanel",
    "triage_app",
]
