"""Portfolio triage: scan a folder, sort and filter its contracts, see which clauses each
has, and export what is on screen to Excel."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from contractkit.result import ContractResult, ScanResults, shorten
from contractkit.scan import iter_inputs, scan
from contractkit.spreadsheet import safe_cell
from contractkit.widgets.base import ResultsPanel
from contractkit.widgets.heatmap import heatmap_png, presence_matrix
from contractkit.widgets.markup import table_html

COLUMNS = ["file", "contract_type", "parties", "pages", "clauses", "error"]


class PortfolioTriage(ResultsPanel):
    """A folder's contracts as a table (sort, filter, export) and a clause-presence heatmap."""

    def __init__(
        self,
        results: Iterable[ContractResult] = (),
        folder: str | os.PathLike[str] = "",
        engine: str = "pdfplumber",
        export_path: str | os.PathLike[str] = "triage.xlsx",
    ) -> None:
        self.engine = engine
        self.folder = widgets.Text(value=str(folder), description="Folder")
        self.scan_button = widgets.Button(description="Scan", icon="search")
        self.progress = widgets.IntProgress(value=0, min=0, max=1, description="Scanned")
        self.search = widgets.Text(
            description="Filter", placeholder="part of a file name", continuous_update=False
        )
        self.errors_only = widgets.Checkbox(description="only files with errors")
        self.sort_by = widgets.Dropdown(options=COLUMNS, value="file", description="Sort by")
        self.descending = widgets.Checkbox(description="descending")
        self.table = widgets.HTML()
        self.heatmap = widgets.Image(format="png")
        self.export_path = widgets.Text(value=str(export_path), description="Excel file")
        self.export_button = widgets.Button(description="Export view", icon="download")
        self.status = widgets.Label()
        self.table.add_class("contractkit-triage-table")
        self.scan_button.on_click(lambda _: self.scan())
        self.export_button.on_click(lambda _: self.export())
        for control in (self.search, self.errors_only, self.sort_by, self.descending):
            control.observe(lambda _: self.show(self.scan_results), "value")
        super().__init__(
            [
                widgets.HBox([self.folder, self.scan_button, self.progress]),
                widgets.HBox([self.search, self.errors_only, self.sort_by, self.descending]),
                self.table,
                self.heatmap,
                widgets.HBox([self.export_path, self.export_button]),
                self.status,
            ],
            results,
        )

    def scan(self, folder: str | os.PathLike[str] | None = None) -> ScanResults:
        """Scan `folder` (default: the Folder box), advancing the progress bar per file."""
        folder = self.folder.value if folder is None else str(folder)
        self.folder.value = folder
        self.progress.value, self.progress.max = 0, max(len(list(iter_inputs([folder]))), 1)
        results = scan([folder], engine=self.engine, progress=self._advance)
        self.results = list(results)
        self.status.value = f"{len(results)} files scanned, {sum(not r.ok for r in results)} errors"
        return results

    def _advance(self, done: int, total: int, result: ContractResult) -> None:
        self.progress.value = done

    @property
    def view(self) -> pd.DataFrame:
        """The contracts as the table shows them: filtered, then sorted."""
        frame = contracts_frame(self.results)
        if self.search.value:
            frame = frame[frame["file"].str.contains(self.search.value, case=False, regex=False)]
        if self.errors_only.value:
            frame = frame[frame["error"].notna()]
        return frame.sort_values(
            self.sort_by.value, ascending=not self.descending.value, na_position="last"
        ).reset_index(drop=True)

    def show(self, results: ScanResults) -> None:
        view = self.view
        self.table.value = table_html(view)
        shown = [r for r in results if r.file in set(view["file"])]
        self.heatmap.value = heatmap_png(presence_matrix(shown))

    def export(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Write the current view (contracts sheet) and its clauses to an .xlsx file."""
        target = Path(self.export_path.value if path is None else path)
        files = set(self.view["file"])
        clauses = self.scan_results.clauses
        clauses = clauses[clauses["file"].isin(files)].assign(
            attributes=lambda f: f["attributes"].map(lambda a: json.dumps(a, ensure_ascii=False))
        )
        with pd.ExcelWriter(target, engine="openpyxl") as writer:
            _spreadsheet_safe(self.view).to_excel(writer, sheet_name="contracts", index=False)
            _spreadsheet_safe(clauses).to_excel(writer, sheet_name="clauses", index=False)
        self.status.value = f"exported {len(files)} contracts to {target}"
        return target

    def __repr__(self) -> str:
        return f"PortfolioTriage({len(self.results)} contracts, {len(self.view)} shown)"


def contracts_frame(results: Iterable[ContractResult]) -> pd.DataFrame:
    """One row per contract with the columns of the triage table."""
    frame = pd.DataFrame(
        [
            {
                "file": r.file,
                "contract_type": (r.contract_type or {}).get("label"),
                "parties": _parties(r),
                "pages": r.pages,
                "clauses": len(r.clauses),
                "error": r.error.code if r.error else None,
            }
            for r in results
        ],
        columns=COLUMNS,
    )
    return frame


def _parties(result: ContractResult) -> str | None:
    """The best-scored `parties` clause, shortened: who the contract is between."""
    hits = [c for c in result.clauses if c.type == "parties"]
    return shorten(max(hits, key=lambda c: c.score).text, 100) if hits else None


def _spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.map(lambda value: safe_cell(value) if isinstance(value, str) else value)
