"""Renewal calendar: a portfolio's upcoming deadlines as a timeline and a table, each
deadline's clause on its page, and the view exported as .ics or Excel.

The deadlines are `contractkit.calendar.calendar_entries(results, as_of, within)`, the
same the `contractkit calendar` command lists: notices of non-renewal (rolled forward for
contracts that renew every year), renewals, expiries, warranty ends and notice windows,
from `as_of` on, and those without a date (to check) after them. Filters narrow them by
counterparty, contract type, kind and horizon; exports write what the table shows into
the panel's export folder, set in code (never a path typed in the page).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from contractkit.calendar import KIND_LABELS, CalendarEntry, calendar_entries, write_calendar
from contractkit.errors import ContractKitError
from contractkit.result import ClauseHit, ContractResult, ScanResults
from contractkit.review.parties import counterparty
from contractkit.safetext import escape_controls
from contractkit.textutil import shorten
from contractkit.widgets.base import ResultsPanel
from contractkit.widgets.markup import definition_list, escape, table_html
from contractkit.widgets.pages import PageCache, show_on_page
from contractkit.widgets.timeline import file_name, kind_label, timeline_png

ANY = "*"  # the filter value that keeps every deadline (names start with a letter)
NOT_NAMED = ""  # contracts whose counterparty was not found
HORIZONS = [
    ("any time", 0),
    ("30 days", 30),
    ("90 days", 90),
    ("180 days", 180),
    ("1 year", 365),
    ("2 years", 730),
]
VIEW_COLUMNS = [
    "date", "days", "kind", "file", "counterparty", "contract_type", "page", "message",
    "clause_type", "clause_text", "uid",
]  # fmt: skip
SORT_COLUMNS = ["date", "kind", "file", "counterparty", "contract_type"]
EXPORT_STEM = "contract_deadlines"  # the files the export buttons write: .ics and .xlsx
_FIXED = {"flex": "0 0 auto"}


class RenewalCalendar(ResultsPanel):
    """Upcoming deadlines of `results` from `as_of` (today by default): a timeline, a
    sortable and filterable table, the clause of the deadline picked on its page, and
    .ics / Excel exports of the view into `export_folder`."""

    def __init__(
        self,
        results: Iterable[ContractResult] = (),
        as_of: date | None = None,
        pages: PageCache | None = None,
        export_folder: str | os.PathLike[str] = ".",
    ) -> None:
        self.pages = PageCache() if pages is None else pages  # an empty cache is falsy
        self.export_folder = Path(export_folder)
        self._entries: list[CalendarEntry] = []  # every deadline from as_of on
        self.shown: list[CalendarEntry] = []  # those the table shows, in its order
        self._by_file: dict[str, ContractResult] = {}
        self._quiet = False
        self.as_of = widgets.DatePicker(value=as_of or date.today(), description="As of")
        self.horizon = widgets.Dropdown(options=HORIZONS, value=0, description="Within")
        self.checks = widgets.Checkbox(value=True, description="with deadlines to check")
        self.counterparty = widgets.Dropdown(
            description="Counterparty", style={"description_width": "initial"}
        )
        self.contract_type = widgets.Dropdown(description="Type")
        self.kind = widgets.Dropdown(description="Kind", layout={"width": "420px"})
        self.sort_by = widgets.Dropdown(options=SORT_COLUMNS, value="date", description="Sort by")
        self.descending = widgets.Checkbox(description="descending")
        self.chart = widgets.Image(format="png", layout=_FIXED)
        self.table = widgets.HTML()
        self.deadlines = widgets.Select(description="Deadline", rows=10, layout={"width": "460px"})
        self.clause_text = widgets.HTML(layout={"width": "460px"})
        self.page = widgets.Image(format="png", layout={"border": "1px solid #ccc", **_FIXED})
        self.export_ics = widgets.Button(description="Export .ics", icon="calendar")
        self.export_xlsx = widgets.Button(description="Export Excel", icon="download")
        # HTML, escaped, not Labels: ipywidgets 8 typesets a Label's `$...$` as LaTeX
        self.export_note = widgets.HTML()
        self.status = widgets.HTML()
        self.chart.add_class("contractkit-calendar-chart")
        self.table.add_class("contractkit-calendar-table")
        self.clause_text.add_class("contractkit-calendar-clause")
        self.page.add_class("contractkit-calendar-page")
        self.as_of.observe(lambda _: self.show(self.scan_results), "value")
        filters = (
            self.horizon,
            self.checks,
            self.counterparty,
            self.contract_type,
            self.kind,
            self.sort_by,
            self.descending,
        )
        for control in filters:
            control.observe(lambda _: self._redraw(), "value")
        self.deadlines.observe(lambda change: self._show_deadline(change.new), "value")
        self.export_ics.on_click(lambda _: self._export_clicked(".ics"))
        self.export_xlsx.on_click(lambda _: self._export_clicked(".xlsx"))
        super().__init__(
            [
                widgets.HBox([self.as_of, self.horizon, self.checks]),
                widgets.HBox([self.counterparty, self.contract_type, self.kind]),
                widgets.HBox([self.sort_by, self.descending]),
                self.chart,
                self.table,
                widgets.HBox(
                    [
                        widgets.VBox(
                            [self.deadlines, self.clause_text],
                            layout={"width": "470px", **_FIXED},
                        ),
                        self.page,
                    ]
                ),
                widgets.HBox([self.export_ics, self.export_xlsx, self.export_note]),
                self.status,
            ],
            results,
        )
        self.add_class("contractkit-calendar")

    # -- what is shown --------------------------------------------------------------------

    @property
    def day(self) -> date:
        """The day deadlines are counted from (the As of picker; today when cleared)."""
        return self.as_of.value or date.today()

    @property
    def view(self) -> pd.DataFrame:
        """The deadlines as the table shows them: filtered, then sorted; `days` from the
        as-of day, `file` the contract's path."""
        day = self.day
        return pd.DataFrame(
            [
                {
                    "date": e.date,
                    "days": (e.date - day).days if e.date else None,
                    "kind": e.kind,
                    "file": e.file,
                    "counterparty": counterparty(self._by_file[e.file]),
                    "contract_type": _type_of(self._by_file[e.file]),
                    "page": e.page,
                    "message": e.message,
                    "clause_type": e.clause_type,
                    "clause_text": e.clause_text,
                    "uid": e.uid,
                }
                for e in self.shown
            ],
            columns=VIEW_COLUMNS,
        ).astype({"days": "Int64", "page": "Int64"})

    @property
    def current_deadline(self) -> CalendarEntry | None:
        index = self.deadlines.value
        return None if index is None else self.shown[index]

    @property
    def current_clause(self) -> ClauseHit | None:
        """The clause the deadline picked was read from (None: it names none)."""
        entry = self.current_deadline
        return None if entry is None else _clause_of(self._by_file[entry.file], entry)

    def select(self, file: str, kind: str | None = None) -> CalendarEntry:
        """Pick the first deadline in the table of the contract whose path is or ends with
        `file` (of `kind`, when given)."""
        for index, entry in enumerate(self.shown):
            if entry.file.endswith(file) and kind in (None, entry.kind):
                self.deadlines.value = index
                return entry
        raise KeyError(f"no deadline of {file!r} ({kind or 'any kind'}) in the table")

    # -- redrawing --------------------------------------------------------------------------

    def show(self, results: ScanResults) -> None:
        self._by_file = {r.file: r for r in results}
        self._entries = calendar_entries(results, as_of=self.day)
        self._quiet = True  # one redraw after the filters' options change, not one each
        try:
            _set_options(self.counterparty, self._counterparty_options(), ANY)
            _set_options(self.contract_type, self._type_options(), ANY)
            _set_options(self.kind, self._kind_options(), ANY)
        finally:
            self._quiet = False
        self._redraw()

    def _counterparty_options(self) -> list[tuple[str, str]]:
        names = {counterparty(self._by_file[e.file]) for e in self._entries}
        named = sorted(n for n in names if n)
        return [
            ("any counterparty", ANY),
            *((n, n) for n in named),
            *([("(not named)", NOT_NAMED)] if None in names else []),
        ]

    def _type_options(self) -> list[tuple[str, str]]:
        types = sorted({_type_of(self._by_file[e.file]) for e in self._entries})
        return [("any type", ANY), *((t or "(unknown)", t) for t in types)]

    def _kind_options(self) -> list[tuple[str, str]]:
        order = list(KIND_LABELS)  # the calendar's order: notices and renewals first
        kinds = sorted(
            {e.kind for e in self._entries},
            key=lambda k: (order.index(k) if k in order else len(order), k),
        )
        return [("any deadline", ANY), *((kind_label(k), k) for k in kinds)]

    def _filtered(self) -> list[CalendarEntry]:
        """The deadlines the controls let through, in the order the table shows them."""
        within = self.horizon.value or None
        entries = calendar_entries(
            self._by_file.values(), as_of=self.day, within=within, checks=self.checks.value
        )
        keep = []
        for entry in entries:
            result = self._by_file[entry.file]
            if self.counterparty.value != ANY and (
                (counterparty(result) or NOT_NAMED) != self.counterparty.value
            ):
                continue
            if self.contract_type.value != ANY and _type_of(result) != self.contract_type.value:
                continue
            if self.kind.value != ANY and entry.kind != self.kind.value:
                continue
            keep.append(entry)
        column = self.sort_by.value
        if column == "date":  # calendar_entries' order: by date, those to check last
            if not self.descending.value:
                return keep
            return [e for e in keep if e.date][::-1] + [e for e in keep if not e.date]
        values = {
            "kind": lambda e: kind_label(e.kind),
            "file": lambda e: os.path.basename(e.file),
            "counterparty": lambda e: counterparty(self._by_file[e.file]),
            "contract_type": lambda e: _type_of(self._by_file[e.file]),
        }[column]
        present = [e for e in keep if values(e)]
        absent = [e for e in keep if not values(e)]  # blanks last, either way
        return sorted(present, key=values, reverse=self.descending.value) + absent

    def _redraw(self) -> None:
        if self._quiet:
            return
        picked = self.current_deadline.uid if self.current_deadline is not None else None
        self.shown = self._filtered()
        view = self.view
        self.table.value = table_html(_table(view)) if len(view) else _nothing_shown()
        self.chart.value = timeline_png(self.shown, self.day, self.horizon.value)
        uids = [e.uid for e in self.shown]
        self._quiet = True  # the deadline kept (or the first) is drawn once, below
        try:
            self.deadlines.options = [(_deadline_label(e), i) for i, e in enumerate(self.shown)]
            self.deadlines.value = uids.index(picked) if picked in uids else (0 if uids else None)
        finally:
            self._quiet = False
        self._show_deadline(self.deadlines.value)
        dated = sum(e.date is not None for e in self.shown)
        self.status.value = escape(
            f"{dated} deadlines from {self.day}, {len(self.shown) - dated} to check (no date)"
        )
        self.export_note.value = escape(f"into {escape_controls(self.export_folder.resolve())}")

    def _show_deadline(self, index: int | None) -> None:
        if self._quiet:
            return
        entry = None if index is None else self.shown[index]
        if entry is None:
            self.clause_text.value = ""
            show_on_page(self.page, self.pages, None, None)
            return
        result = self._by_file[entry.file]
        clause = _clause_of(result, entry)
        self.clause_text.value = _deadline_html(entry, result, clause)
        if clause is not None and clause.page is not None:
            show_on_page(self.page, self.pages, result, clause)
        else:
            _show_page(self.page, self.pages, result, entry.page)

    # -- export -------------------------------------------------------------------------------

    def export(self, suffix: str = ".ics") -> Path:
        """Write the deadlines the table shows to `contract_deadlines.ics` (one event per
        dated deadline) or `.xlsx` (every row) in the export folder; returns the file."""
        if suffix not in (".ics", ".xlsx", ".csv"):
            raise ValueError(f"unknown calendar format {suffix!r}: use .ics, .xlsx or .csv")
        self.export_folder.mkdir(parents=True, exist_ok=True)
        path = write_calendar(self.shown, self.export_folder / f"{EXPORT_STEM}{suffix}")
        dated = sum(e.date is not None for e in self.shown)
        what = f"{dated} events" if suffix == ".ics" else f"{len(self.shown)} deadlines"
        self.status.value = escape(f"exported {what} to {path.name}")
        return path

    def _export_clicked(self, suffix: str) -> None:
        try:
            self.export(suffix)
        except OSError as error:  # a button has no caller to raise to: say it on the page
            self.status.value = escape(
                f"could not export: {escape_controls(error.strerror or error)}"
            )

    def __repr__(self) -> str:
        dated = sum(e.date is not None for e in self.shown)
        return (
            f"RenewalCalendar({len(self.results)} contracts, as_of={self.day.isoformat()!r}, "
            f"{dated} deadlines and {len(self.shown) - dated} to check shown)"
        )


# -- helpers -----------------------------------------------------------------------------


def _type_of(result: ContractResult) -> str:
    return (result.contract_type or {}).get("label") or ""


def _set_options(control: widgets.Dropdown, options: list[tuple[str, str]], default: str) -> None:
    """New options, keeping the value picked when it is still one of them."""
    keep = control.value
    control.options = options
    control.value = keep if keep in {v for _, v in options} else default


def _clause_of(result: ContractResult, entry: CalendarEntry) -> ClauseHit | None:
    """The clause whose text the deadline quotes (on the deadline's page when several)."""
    if not entry.clause_text:
        return None
    same = [c for c in result.clauses if " ".join(c.text.split()) == entry.clause_text]
    on_page = [c for c in same if c.page == entry.page]
    return (on_page or same or [None])[0]


def _show_page(
    image: widgets.Image, pages: PageCache, result: ContractResult, page: int | None
) -> None:
    """The deadline's page without a box (it rests on a date, not on a detected clause)."""
    if page is None or result.file.lower().endswith((".txt", ".docx")):
        show_on_page(image, pages, None, None)
        return
    try:
        image.value = pages.highlighted_png(result.file, page, [])
    except (ContractKitError, OSError):
        show_on_page(image, pages, None, None)
        return
    image.layout.display = None


def _deadline_label(entry: CalendarEntry) -> str:
    when = entry.date.isoformat() if entry.date else "check"
    return f"{when} · {entry.kind} · {shorten(file_name(entry.file), 60)}"


def _deadline_html(entry: CalendarEntry, result: ContractResult, clause: ClauseHit | None) -> str:
    where = f"p.{entry.page}" if entry.page else "no page (text or Word file)"
    facts = [
        ("deadline", entry.date.isoformat() if entry.date else "no date: check"),
        ("what", kind_label(entry.kind)),
        ("how", entry.message),
        ("contract", file_name(entry.file)),
        ("counterparty", counterparty(result) or "not named"),
        ("clause", f"{entry.clause_type or '—'} · {where}"),
        ("text", entry.clause_text or "(the deadline rests on a date, not on a clause)"),
    ]
    if clause is not None and clause.section:
        facts.insert(6, ("section", clause.section))
    return definition_list(facts)


def _table(view: pd.DataFrame) -> pd.DataFrame:
    """The view's columns a reader needs, file names without their folder."""
    return pd.DataFrame(
        {
            "date": view["date"].map(lambda d: d.isoformat() if d else "check"),
            "in days": view["days"],
            "deadline": view["kind"].map(kind_label),
            "contract": view["file"].map(file_name),
            "counterparty": view["counterparty"],
            "type": view["contract_type"],
            "page": view["page"],
            "what": view["message"],
        }
    )


def _nothing_shown() -> str:
    return "<div><i>No deadline matches these filters.</i></div>"
