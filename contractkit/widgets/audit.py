"""Licence-audit panel: one licence's audit-risk score, the factors behind it as a chart and
as the clauses that say them, and the money an audit would claim for a deployment
inventory (a CSV upload, or a path)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd

from contractkit.result import AuditFactor, ContractResult
from contractkit.review.license_audit import INVENTORY_COLUMNS, contract_exposure, parse_inventory
from contractkit.scan import analyze
from contractkit.textutil import shorten
from contractkit.widgets.base import ContractPanel, contract_dropdown
from contractkit.widgets.heatmap import PLAIN_TEXT, figure_png, plain_labels
from contractkit.widgets.markup import definition_list, escape, table_html

EXPOSURE_COLUMNS = [
    "product",
    "metric",
    "licensed",
    "deployed",
    "shortfall",
    "price_basis",
    "unit_price",
    "licence_fees",
    "uplift",
    "back_maintenance",
    "audit_costs",
    "claim",
    "formula",
]
MONEY_COLUMNS = ["unit_price", "licence_fees", "uplift", "back_maintenance", "audit_costs", "claim"]


class LicenceAuditPanel(ContractPanel):
    """Pick a licence: its audit-risk score and factors, and, once an inventory is loaded,
    what an audit would claim with every step of the arithmetic.

    Lists the contracts that grant a licence (those with a `license_audit` field);
    `audit_costs` is what the vendor's audit would charge once its threshold is crossed."""

    def __init__(
        self,
        contracts: Iterable[ContractResult | str | os.PathLike[str]] = (),
        inventory: str | os.PathLike[str] | None = None,
        audit_costs: float = 0.0,
    ) -> None:
        self.inventory: list[dict[str, Any]] | None = None
        self.contract = contract_dropdown()
        self.score = widgets.HTML()
        self.chart = widgets.Image(format="png")
        self.factors = widgets.HTML()
        self.upload = widgets.FileUpload(accept=".csv", multiple=False, description="Inventory")
        self.audit_costs = widgets.FloatText(value=audit_costs, description="Audit costs")
        self.inventory_status = widgets.HTML()
        self.exposure = widgets.HTML()
        self.total = widgets.HTML()
        self.score.add_class("contractkit-audit-score")
        self.factors.add_class("contractkit-audit-factors")
        self.exposure.add_class("contractkit-audit-exposure")
        self.upload.observe(lambda change: self._uploaded(change.new), "value")
        self.audit_costs.observe(lambda _: self._show_exposure(), "value")
        super().__init__(
            [
                self.contract,
                self.score,
                widgets.HBox([self.chart, self.factors]),
                widgets.HTML(
                    "<b>Exposure</b>: a deployment inventory CSV with the columns "
                    + escape(", ".join(INVENTORY_COLUMNS))
                ),
                widgets.HBox([self.upload, self.audit_costs, self.inventory_status]),
                self.exposure,
                self.total,
            ],
            [c if isinstance(c, ContractResult) else analyze(c) for c in contracts],
        )
        if inventory is not None:
            self.load_inventory(inventory)

    def shows(self, result: ContractResult) -> bool:
        return result.license_audit is not None

    # -- the inventory ------------------------------------------------------------------

    def load_inventory(self, path: str | os.PathLike[str]) -> None:
        """Read an inventory CSV file, as an upload of it would."""
        self.load_inventory_csv(Path(path).read_bytes(), Path(path).name)

    def load_inventory_csv(self, data: bytes, name: str = "inventory.csv") -> None:
        """The upload's handler: parse the CSV bytes and price the audit (a malformed file
        is reported beside the upload button and clears the previous inventory)."""
        try:
            self.inventory = parse_inventory(data.decode("utf-8-sig"), name)
            self.inventory_status.value = escape(f"{name}: {len(self.inventory)} rows")
        except (UnicodeDecodeError, ValueError) as error:
            self.inventory = None
            self.inventory_status.value = f"<span style='color:#b00'>{escape(error)}</span>"
        self._show_exposure()

    def _uploaded(self, files: tuple[dict[str, Any], ...]) -> None:
        for file in files:
            self.load_inventory_csv(bytes(file["content"]), file["name"])

    # -- what is shown ------------------------------------------------------------------

    @property
    def exposure_table(self) -> pd.DataFrame:
        """Per product and metric what an audit would claim, and a TOTAL row (empty
        without an inventory or a licence)."""
        contract = self.current
        if self.inventory is None or contract is None:
            return pd.DataFrame(columns=EXPOSURE_COLUMNS)
        return contract_exposure(
            contract.license_audit, self.inventory, audit_costs=self.audit_costs.value
        )

    @property
    def total_claim(self) -> float:
        table = self.exposure_table
        return float(table["claim"].iloc[-1]) if len(table) else 0.0

    # -- redrawing ----------------------------------------------------------------------

    def show_contract(self, contract: ContractResult | None) -> None:
        audit = contract.license_audit if contract is not None else None
        if audit is None:
            self.score.value = "No contract that grants a licence."
            self.chart.value, self.factors.value = b"", ""
        else:
            self.score.value = (
                f"<b>Licence-audit risk {audit['score']}/100 ({escape(audit['level'])})</b>,"
                f" {len(audit['factors'])} factors"
            )
            self.chart.value = factor_chart_png(audit["factors"])
            self.factors.value = table_html(factors_frame(contract))
        self._show_exposure()

    def _show_exposure(self) -> None:
        table = self.exposure_table
        if table.empty:
            self.exposure.value = self.total.value = ""
            return
        shown = table[EXPOSURE_COLUMNS].copy()
        shown[MONEY_COLUMNS] = shown[MONEY_COLUMNS].map(lambda v: "" if pd.isna(v) else f"{v:,.2f}")
        self.exposure.value = table_html(shown)
        total = table.iloc[-1]
        self.total.value = f"<b>Total claim {self._currency()} {total['claim']:,.2f}</b>" + (
            definition_list(
                [
                    (
                        "=",
                        f"licences {total['licence_fees']:,.2f} + uplift {total['uplift']:,.2f}"
                        f" + back-maintenance {total['back_maintenance']:,.2f}"
                        f" + audit costs {total['audit_costs']:,.2f}",
                    ),
                    ("audit costs", total["formula"]),
                ]
            )
        )

    def _currency(self) -> str:
        entitlements = self.current.license_audit["entitlements"] if self.current else []
        return escape(entitlements[0]["currency"]) if entitlements else ""

    def __repr__(self) -> str:
        contract = self.current
        shown = os.path.basename(contract.file) if contract else None
        audit = (contract.license_audit or {}) if contract else {}
        return (
            f"LicenceAuditPanel({len(self.contract.options)} licences, showing={shown!r},"
            f" score={audit.get('score')}, claim={self.total_claim:,.2f})"
        )


def factors_frame(contract: ContractResult) -> pd.DataFrame:
    """One row per audit-risk factor, most points first: what was found and the clause
    (page and text) that says it."""
    rows = []
    for factor in contract.license_audit["factors"]:
        hit = contract.clauses[factor.cited[0]] if factor.cited else None
        rows.append(
            {
                "factor": factor.id,
                "points": factor.points,
                "page": hit.page if hit else None,
                "clause": shorten(hit.text, 300) if hit else "",
            }
        )
    frame = pd.DataFrame(rows, columns=["factor", "points", "page", "clause"])
    return frame.sort_values("points", ascending=False, kind="stable").astype({"page": "Int64"})


def factor_chart_png(factors: Sequence[AuditFactor]) -> bytes:
    """Points per factor as a horizontal bar chart, most points on top (PNG)."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    ordered = sorted(factors, key=lambda f: f.points)
    with rc_context({"text.usetex": False}):  # no TeX, whatever the user's rcParams
        figure = Figure(figsize=(4.6, 0.6 + 0.24 * max(len(ordered), 1)), dpi=100)
        axes = figure.add_subplot()
        rows = range(len(ordered))
        axes.barh(rows, [f.points for f in ordered], color="#c62828")
        # factor names come from YAML: drawn as written, never parsed as mathtext
        axes.set_yticks(rows, plain_labels(f.id for f in ordered), **PLAIN_TEXT)
        axes.set_xlabel("points (score = sum, at most 100)", fontsize=8, **PLAIN_TEXT)
        axes.tick_params(labelsize=7)
        figure.tight_layout()
        return figure_png(figure)
