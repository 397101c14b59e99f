"""Portfolio triage: scan a folder, sort and filter its contracts by type, counterparty and
risk, see which clauses each has (and which are weak), and export what is on screen to Excel.

A large portfolio is shown a page at a time (`PAGE_SIZE` contracts: a 5,000-row HTML table
is megabytes to send and draw on every change, and a heatmap of 5,000 rows is taller than
any picture can be): the filters and the sort apply to every contract, the page controls
pick which rows of the result the table and the heatmap show, and the export writes all of
the filtered rows. A portfolio that fits on one page shows no page controls.

The page may be served (Voilà) to whoever reaches it, so what is typed in it never names
a place on the server: the "Excel file" box takes a file name only, and the export lands in
the panel's `export_folder`, set in code. `export(path)` called from code writes where the
code says.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from contractkit.files import atomic_path
from contractkit.result import ContractResult, ScanResults
from contractkit.review.contract_type import CONTRACT_TYPES
from contractkit.review.parties import counterparty
from contractkit.safetext import escape_controls
from contractkit.scan import iter_inputs, scan
from contractkit.spreadsheet import safe_cell
from contractkit.store import ResultStore, default_store_path
from contractkit.widgets.base import ResultsPanel
from contractkit.widgets.heatmap import heatmap_png, presence_matrix
from contractkit.widgets.markup import escape, table_html

COLUMNS = [
    "file",
    "counterparty",
    "contract_type",
    "high_findings",
    "audit_score",
    "pages",
    "clauses",
    "error",
]
ANY_TYPE = "any type"
PAGE_SIZE = 50  # contracts per page: the table and its heatmap redraw within a second


class PortfolioTriage(ResultsPanel):
    """A folder's contracts as a table (sort, filter, export) and a clause-state heatmap."""

    def __init__(
        self,
        results: Iterable[ContractResult] = (),
        folder: str | os.PathLike[str] = "",
        engine: str = "pdfplumber",
        export_path: str | os.PathLike[str] = "triage.xlsx",
        cache: ResultStore | str | os.PathLike[str] | bool = True,
        export_folder: str | os.PathLike[str] | None = None,
        as_of: date | None = None,
        page_size: int = PAGE_SIZE,
    ) -> None:
        """`cache`: the result store that scans read unchanged files from and keep new
        results in (a `ResultStore` or its file; True: the CLI's default store; False:
        read every file). The export button writes the file named in the "Excel file" box
        (`export_path`'s name at first) into `export_folder`: by default the folder of
        `export_path` (the current folder for a bare name). `as_of`: the day scans judge
        date findings on (a renewal notice due soon, an expired contract; today when None).
        `page_size`: contracts per page of the table and the heatmap."""
        if page_size < 1:
            raise ValueError(f"page_size must be at least 1, not {page_size}")
        self.engine = engine
        self.cache = cache
        self.as_of = as_of
        self.page_size = page_size
        self._frame: pd.DataFrame | None = None  # contracts_frame(results), made once per scan
        self._frame_of: list[ContractResult] | None = None
        self._view: pd.DataFrame | None = None  # what the filters and the sort leave
        export_path = Path(export_path)
        self.export_folder = Path(export_path.parent if export_folder is None else export_folder)
        self.folder = widgets.Text(value=str(folder), description="Folder")
        self.scan_button = widgets.Button(description="Scan", icon="search")
        self.progress = widgets.IntProgress(value=0, min=0, max=1, description="Scanned")
        self.search = widgets.Text(
            description="Filter",
            placeholder="file or counterparty",
            continuous_update=False,
        )
        self.contract_type = widgets.Dropdown(
            options=[ANY_TYPE, *CONTRACT_TYPES], value=ANY_TYPE, description="Type"
        )
        self.errors_only = widgets.Checkbox(description="only files with errors")
        self.sort_by = widgets.Dropdown(options=COLUMNS, value="file", description="Sort by")
        self.descending = widgets.Checkbox(description="descending")
        self.previous_page = widgets.Button(
            icon="chevron-left", tooltip="previous page", layout=widgets.Layout(width="3em")
        )
        self.page = widgets.BoundedIntText(
            value=1, min=1, max=1, description="Page", layout=widgets.Layout(width="10em")
        )
        self.next_page = widgets.Button(
            icon="chevron-right", tooltip="next page", layout=widgets.Layout(width="3em")
        )
        self.page_note = widgets.HTML()
        self.pager = widgets.HBox(
            [self.previous_page, self.page, self.next_page, self.page_note],
            layout=widgets.Layout(display="none"),
        )
        self.table = widgets.HTML()
        self.heatmap = widgets.Image(format="png")
        self.export_path = widgets.Text(
            value=export_path.name, description="Excel file", placeholder="name.xlsx"
        )
        self.export_button = widgets.Button(description="Export view", icon="download")
        self.export_note = widgets.HTML(escape(f"into {self.export_folder.resolve()}"))
        self.status = widgets.HTML()  # HTML, escaped: a Label's text is typeset as LaTeX
        self.table.add_class("contractkit-triage-table")
        self.scan_button.on_click(lambda _: self.scan())
        self.export_button.on_click(lambda _: self._export_clicked())
        filters = (self.search, self.contract_type, self.errors_only, self.sort_by, self.descending)
        for control in filters:
            control.observe(lambda _: self.show(self.scan_results), "value")
        self._paging = False  # show() setting the page bounds: not a reader's page change
        self.page.observe(lambda _: self._paging or self._show_page(), "value")
        self.previous_page.on_click(lambda _: self.turn(-1))
        self.next_page.on_click(lambda _: self.turn(1))
        super().__init__(
            [
                widgets.HBox([self.folder, self.scan_button, self.progress]),
                widgets.HBox([self.search, self.contract_type, self.errors_only]),
                widgets.HBox([self.sort_by, self.descending]),
                self.pager,
                self.table,
                self.heatmap,
                widgets.HBox([self.export_path, self.export_button, self.export_note]),
                self.status,
            ],
            results,
        )

    def scan(self, folder: str | os.PathLike[str] | None = None) -> ScanResults:
        """Scan `folder` (default: the Folder box), advancing the progress bar per file."""
        folder = self.folder.value if folder is None else str(folder)
        self.folder.value = folder
        self.progress.value, self.progress.max = 0, max(len(list(iter_inputs([folder]))), 1)
        results = scan(
            [folder],
            engine=self.engine,
            progress=self._advance,
            cache=self._store(),
            as_of=self.as_of,
        )
        self.results = list(results)
        self.status.value = f"{len(results)} files scanned, {sum(not r.ok for r in results)} errors"
        return results

    def export_target(self) -> Path:
        """Where the export button writes: the name in the "Excel file" box (`.xlsx` added
        when missing) in `export_folder`; ValueError for anything but a plain file name."""
        name = self.export_path.value.strip()
        if not name.lower().endswith(".xlsx"):
            name += ".xlsx"
        separators = {"/", os.sep, os.altsep or "/", "\\"}
        if (
            name.startswith(".")
            or any(sep in name for sep in separators)
            or escape_controls(name) != name
        ):
            raise ValueError(
                f"{escape_controls(name)!r} is not a file name: type a name such as"
                " portfolio.xlsx (exports go into the export folder)"
            )
        target = self.export_folder / name
        if target.resolve().parent != self.export_folder.resolve():  # a link out of it
            raise ValueError(f"{name!r} leads out of the export folder")
        return target

    def _store(self) -> ResultStore | str | os.PathLike[str] | None:
        if self.cache is True:
            return default_store_path()
        return self.cache or None

    def _advance(self, done: int, total: int, result: ContractResult) -> None:
        self.progress.value = done

    def _contracts(self) -> pd.DataFrame:
        """`contracts_frame(results)`, made again only when `results` is another list (or
        its length changed): filters, sorts and pages of 5,000 contracts reuse it."""
        results = self.results
        if self._frame is None or self._frame_of is not results or len(self._frame) != len(results):
            self._frame, self._frame_of = contracts_frame(results), results
        return self._frame

    @property
    def view(self) -> pd.DataFrame:
        """The contracts as the table shows them: filtered, then sorted (every page)."""
        frame = self._contracts()
        if self.search.value:
            said = frame["file"] + " " + frame["counterparty"].fillna("")
            frame = frame[said.str.contains(self.search.value, case=False, regex=False)]
        if self.contract_type.value != ANY_TYPE:
            frame = frame[frame["contract_type"] == self.contract_type.value]
        if self.errors_only.value:
            frame = frame[frame["error"].notna()]
        return frame.sort_values(
            self.sort_by.value, ascending=not self.descending.value, na_position="last"
        ).reset_index(drop=True)

    @property
    def pages(self) -> int:
        """How many pages the filtered contracts fill (one when there are none)."""
        view = self._view if self._view is not None else self.view
        return max(1, -(-len(view) // self.page_size))

    @property
    def page_view(self) -> pd.DataFrame:
        """The rows of `view` on the current page: what the table shows."""
        view = self._view if self._view is not None else self.view
        start = (self.page.value - 1) * self.page_size
        return view.iloc[start : start + self.page_size].reset_index(drop=True)

    def turn(self, pages: int) -> None:
        """Go `pages` pages on (back when negative), within the first and the last."""
        self.page.value = min(max(self.page.value + pages, 1), self.pages)

    def show(self, results: ScanResults) -> None:
        """Filter and sort every contract, then show the first page of them."""
        self._view = self.view
        self._paging = True
        try:
            self.page.max = self.pages
            self.page.value = 1
        finally:
            self._paging = False
        self._show_page()

    def _show_page(self) -> None:
        """The table and the heatmap of the current page; the page controls when there is
        more than one page."""
        view, rows = self._view, self.page_view
        self.table.value = table_html(rows)
        first = (self.page.value - 1) * self.page_size
        self.page_note.value = escape(
            f"contracts {first + 1:,}–{first + len(rows):,} of {len(view):,}"
        )
        self.previous_page.disabled = self.page.value <= 1
        self.next_page.disabled = self.page.value >= self.pages
        self.pager.layout.display = "none" if self.pages == 1 else "flex"
        on_page = set(rows["file"])
        shown = [r for r in self.results if r.file in on_page]  # in folder order
        self.heatmap.value = heatmap_png(presence_matrix(shown))

    def export(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Write the current view, every page of it (contracts sheet), and its clauses to an
        .xlsx file: `path` when code gives one, else `export_target()` (the box's name in
        the export folder)."""
        if path is None:
            self.export_folder.mkdir(parents=True, exist_ok=True)
            target = self.export_target()
        else:
            target = Path(path)
        view = self.view
        files = set(view["file"])
        clauses = ScanResults(r for r in self.results if r.file in files).clauses
        clauses = clauses.assign(
            attributes=lambda f: f["attributes"].map(lambda a: json.dumps(a, ensure_ascii=False))
        )
        with atomic_path(target) as temporary:
            write_xlsx(temporary, {"contracts": view, "clauses": clauses})
        self.status.value = escape(f"exported {len(files)} contracts to {target}")
        return target

    def _export_clicked(self) -> None:
        """The button: export, or say in the status line why not."""
        try:
            self.export()
        except (ValueError, OSError) as error:
            self.status.value = escape(f"not exported: {escape_controls(error)}")

    def __repr__(self) -> str:
        return f"PortfolioTriage({len(self.results)} contracts, {len(self.view)} shown)"


def contracts_frame(results: Iterable[ContractResult]) -> pd.DataFrame:
    """One row per contract with the columns of the triage table: the supplier-side party,
    the type, the risk (high-severity findings, licence-audit score 0–100 where a licence is
    granted) and what was read."""
    frame = pd.DataFrame(
        [
            {
                "file": r.file,
                "counterparty": counterparty(r),
                "contract_type": (r.contract_type or {}).get("label"),
                "high_findings": sum(f.severity == "high" for f in r.findings) if r.ok else None,
                "audit_score": (r.license_audit or {}).get("score"),
                "pages": r.pages,
                "clauses": len(r.clauses),
                "error": r.error.code if r.error else None,
            }
            for r in results
        ],
        columns=COLUMNS,
    )
    # nullable integers: a contract without a licence has no audit score, not a float NaN
    return frame.astype({"high_findings": "Int64", "audit_score": "Int64"})


def write_xlsx(path: str | os.PathLike[str], sheets: dict[str, pd.DataFrame]) -> None:
    """Each frame as a sheet (bold header, no index), row by row in openpyxl's write-only
    mode (the 400,000 clauses of 5,000 contracts take a minute, not three); text cells go
    through `safe_cell`, missing values stay empty."""
    book = Workbook(write_only=True)
    for name, frame in sheets.items():
        sheet = book.create_sheet(name)
        header = []
        for column in frame.columns:
            cell = WriteOnlyCell(sheet, value=safe_cell(column))
            cell.font = Font(bold=True)
            header.append(cell)
        sheet.append(header)
        values = frame.astype(object).where(frame.notna(), None)
        for row in values.itertuples(index=False, name=None):
            sheet.append([_cell(value) for value in row])
    book.save(path)


def _cell(value: object) -> object:
    if isinstance(value, str):
        return safe_cell(value)
    return value.item() if hasattr(value, "item") else value  # numpy numbers as Python's
