"""Review reports: .xlsx, .csv, .json and a self-contained .html page.

Every format totals the cost of gaps per contract and for the portfolio, from the same
`cost_totals()`: JSON has `total`, the Excel costs sheet and the CSV Total rows, and the
HTML page shows the totals as money ("€24,000"; Excel formats its money cells so too).

Contract text is untrusted. The HTML page is a Jinja2 template with autoescape on (every
value is escaped as text; `templates/report.html.j2`), and every
spreadsheet or CSV text cell through `safe_cell`, which keeps cells that start with
=, +, -, @, tab or carriage return from running as formulas and escapes the control
characters a spreadsheet cannot hold; every CSV field is quoted (a reader splitting on
another separator still sees one cell). Every report is written whole or not at all: to a
temporary file beside it, then moved over it (`contractkit.files.atomic_path`).
"""

from __future__ import annotations

import csv
import json
import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import pandas as pd

from contractkit.files import atomic_open, atomic_path
from contractkit.review.costs import excel_money_format, format_money
from contractkit.safetext import cell_text, json_line
from contractkit.spreadsheet import safe_cell
from contractkit.textutil import shorten

if TYPE_CHECKING:
    from contractkit.portfolio import ReviewResults

FORMATS = (".xlsx", ".csv", ".json", ".html")
# how the HTML report names a finding kind where the id alone would mislead
KIND_LABELS = {"check": "check (unsure, not missing)"}


def write_report(review: ReviewResults, out: str | os.PathLike[str]) -> Path:
    """Write the report whose format the suffix of `out` names; ValueError for others."""
    path = Path(out)
    writers = {".xlsx": write_xlsx, ".csv": write_csv, ".json": write_json, ".html": write_html}
    if path.suffix.lower() not in writers:
        raise ValueError(f"{path}: unknown report format; use one of {', '.join(FORMATS)}")
    writers[path.suffix.lower()](review, path)
    return path


def _amount(value: Any) -> int | float:
    """An amount as a plain number: int when whole (numpy scalars and floats included)."""
    number = float(value)
    return int(number) if number.is_integer() else number


def cost_totals(review: ReviewResults) -> dict[str, Any]:
    """The cost of gaps totalled: `{"amount", "currency", "contracts": [{"file", "amount",
    "currency"}]}`, one entry per reviewed contract in input order (unreadable contracts
    have no cost lines and no entry). A review has one cost model, so one currency."""
    costs = review.costs
    currencies = [c for c in dict.fromkeys(costs["currency"]) if c] if not costs.empty else []
    if len(currencies) > 1:
        raise ValueError(f"cost lines in several currencies: {', '.join(currencies)}")
    currency = currencies[0] if currencies else ""
    contracts = [
        {"file": file, "amount": _amount(lines["amount"].sum()), "currency": currency}
        for file, lines in costs.groupby("file", sort=False)
    ]
    return {
        "amount": _amount(sum(c["amount"] for c in contracts)),
        "currency": currency,
        "contracts": contracts,
    }


def _cell(value: Any) -> Any:
    """A value a spreadsheet shows as itself: numbers stay numbers, the rest is safe text."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    return safe_cell(value)


# the money columns of each sheet, formatted as money in the report's currency
MONEY_COLUMNS = {"contracts": ("cost_of_gaps",), "costs": ("per_device", "amount")}


def write_xlsx(review: ReviewResults, path: Path) -> None:
    """One sheet per table, with filters on the header row and the header frozen; the costs
    sheet ends, below its filtered lines, with a Total row per contract and one for all."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    totals = cost_totals(review)
    book = Workbook()
    book.remove(book.active)
    for name, table in review.tables().items():
        sheet = book.create_sheet(name)
        columns = [str(c) for c in table.columns]
        sheet.append(columns)
        for row in table.itertuples(index=False):
            sheet.append([_cell(v) for v in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.auto_filter.ref = sheet.dimensions  # the table only, not the totals below
        sheet.freeze_panes = "A2"
        if name == "costs":
            _append_cost_totals(sheet, columns, totals)
        for column in MONEY_COLUMNS.get(name, ()):
            if column in columns:
                _format_money(sheet, columns.index(column) + 1, totals["currency"])
    with atomic_path(path) as temporary:
        book.save(temporary)


def _append_cost_totals(sheet: Any, columns: list[str], totals: dict[str, Any]) -> None:
    from openpyxl.styles import Font

    rows = [
        {"file": c["file"], "label": "Total", "amount": c["amount"]} for c in totals["contracts"]
    ]
    rows.append({"file": "all contracts", "label": "Total", "amount": totals["amount"]})
    sheet.append([])
    for row in rows:
        row |= {"line": "total", "currency": totals["currency"]}
        sheet.append([_cell(row.get(c)) for c in columns])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)


def _format_money(sheet: Any, column: int, currency: str) -> None:
    cells = [row[0] for row in sheet.iter_rows(min_row=2, min_col=column, max_col=column)]
    numbers = [c for c in cells if isinstance(c.value, int | float)]
    cents = any(not float(c.value).is_integer() for c in numbers)
    for cell in numbers:
        cell.number_format = excel_money_format(currency, cents)


def write_csv(review: ReviewResults, path: Path) -> None:
    """The findings table (one row per finding, with file and evidence), spreadsheet-safe,
    then the cost of gaps in the same columns plus `amount` and `currency`: a row of kind
    `cost` per cost line that applies (`rule_id` the line, `message` its label, `source`
    the findings that trigger it), a `total` row per contract and a last `total` row for
    all contracts (its `file` empty). Amounts are plain numbers."""
    table = review.findings
    columns = [*table.columns, "amount", "currency"]
    totals = cost_totals(review)
    rows: list[dict[str, Any]] = table.to_dict("records")
    costs = review.costs
    for contract in totals["contracts"]:
        for line in costs[(costs["file"] == contract["file"]) & costs["applies"]].itertuples():
            rows.append(
                {
                    "file": line.file,
                    "kind": "cost",
                    "rule_id": line.line,
                    "message": line.label,
                    "source": f"triggered by {line.triggered_by}",
                    "amount": _amount(line.amount),
                    "currency": line.currency,
                }
            )
        rows.append({**contract, "kind": "total", "message": "Total cost of gaps"})
    rows.append(
        {
            "kind": "total",
            "message": "Total cost of gaps, all contracts",
            "amount": totals["amount"],
            "currency": totals["currency"],
        }
    )
    with atomic_open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if (v := _cell(row.get(c))) is None else v for c in columns])


def write_json(review: ReviewResults, path: Path) -> None:
    """Each contract's scan JSON (with findings and licence audit), costs, their `total`
    (`cost_totals()`: per contract and for all) and exposure."""

    def records(table: pd.DataFrame) -> list[dict[str, Any]]:
        # Python values, not pandas' JSON: it cannot encode a file name that is not UTF-8.
        return [{k: _json_value(v) for k, v in row.items()} for row in table.to_dict("records")]

    data = {
        "contracts": [r.to_dict() for r in review.results],
        "costs": records(review.costs),
        "total": cost_totals(review),
        "exposure": records(review.exposure),
    }
    with atomic_open(path, "w", encoding="utf-8") as handle:
        handle.write(json_line(data, indent=1))


def _json_value(value: Any) -> Any:
    """A table cell as JSON has it: missing values null, numpy scalars plain."""
    if isinstance(value, list | dict | str):
        return value
    if value is None or pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else value


_STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:70em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.3em .5em;
vertical-align:top;text-align:left}th{background:#f3f3f3}.high{color:#a00;font-weight:bold}
.medium{color:#a60}.low{color:#555}.check{color:#1565c0;font-weight:bold}
blockquote{margin:.3em 0;color:#444;border-left:3px solid #ccc;
padding-left:.6em}h2{border-top:2px solid #ddd;padding-top:.8em}
"""


def _text(value: Any) -> str:
    """A value as the page shows it (escaped by the template): control characters and
    bytes of a non-UTF-8 name made visible, nothing for None."""
    return "" if value is None else cell_text(value)


@cache
def _template() -> jinja2.Template:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("contractkit", "templates"),
        autoescape=True,  # every value is contract text until proven otherwise
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["text"] = _text
    return environment.get_template("report.html.j2")


def _table(table: pd.DataFrame, columns: list[str], foot: dict[str, Any] | None = None) -> dict:
    """A table for the template; `foot` (column -> value) is a bold last row, e.g. a total."""
    return {"rows": [row for _, row in table.iterrows()], "columns": columns, "foot": foot}


def _money(table: pd.DataFrame, columns: list[str], currency: str) -> pd.DataFrame:
    """`table` with its `columns` written as money in `currency` ("€24,000")."""
    return table.assign(
        **{
            c: [None if pd.isna(v) else format_money(v, currency) for v in table[c]]
            for c in columns
        }
    )


def _found(result: Any) -> list[dict[str, Any]]:
    """The checklist's other half: each clause type found, with its best-scored snippet."""
    best: dict[str, Any] = {}
    for hit in result.clauses:
        if result.has(hit.type) and hit.score > getattr(best.get(hit.type), "score", 0):
            best[hit.type] = hit
    return [
        {"kind": kind, "page": hit.page, "text": shorten(hit.text, 240)}
        for kind, hit in sorted(best.items())
    ]


def _contract_section(result: Any, costs: pd.DataFrame, total: dict[str, Any] | None) -> dict:
    section: dict[str, Any] = {"name": os.path.basename(result.file), "error": result.error}
    if result.error:
        return section
    findings = [
        {
            "finding": f,
            "kind_label": KIND_LABELS.get(f.kind, f.kind),
            "quotes": [
                {"page": result.clauses[i].page, "text": shorten(result.clauses[i].text, 240)}
                for i in f.cited[:3]
            ],
        }
        for f in result.findings
    ]
    section.update(
        kind=result.contract_type or {},
        findings=findings,
        checks=sum(f.kind == "check" for f in result.findings),
        found=_found(result),
        audit=result.license_audit,
        costs=None,
    )
    applied = costs[costs["applies"]] if not costs.empty else costs
    if not applied.empty and total is not None:
        money = _money(applied, ["per_device", "amount"], total["currency"])
        foot = {"label": "Total", "amount": format_money(total["amount"], total["currency"])}
        section["costs"] = _table(money, ["label", "per_device", "devices", "amount"], foot)
    return section


def write_html(review: ReviewResults, path: Path) -> None:
    """One self-contained page (`templates/report.html.j2`): summary (with the total cost
    of gaps), per-contract checklist with evidence snippets and each contract's cost of
    gaps with its total."""
    totals = cost_totals(review)
    contracts = review.contracts.assign(file=review.contracts["file"].map(os.path.basename))
    summary = _table(
        _money(contracts, ["cost_of_gaps"], totals["currency"]),
        [
            "file",
            "contract_type",
            "findings",
            "high",
            "checks",
            "audit_score",
            "audit_level",
            "cost_of_gaps",
            "error",
        ],
        {"file": "Total", "cost_of_gaps": format_money(totals["amount"], totals["currency"])},
    )
    by_file = {c["file"]: c for c in totals["contracts"]}
    sections = [
        _contract_section(r, review.costs[review.costs["file"] == r.file], by_file.get(r.file))
        for r in review.results
    ]
    exposure = None
    if not review.exposure.empty:
        exposure = _table(
            review.exposure.fillna(""),
            [
                "file",
                "product",
                "metric",
                "licensed",
                "deployed",
                "shortfall",
                "unit_price",
                "claim",
                "formula",
            ],
        )
    page = _template().render(style=_STYLE, summary=summary, exposure=exposure, contracts=sections)
    with atomic_open(path, "w", encoding="utf-8") as handle:
        handle.write(page)
