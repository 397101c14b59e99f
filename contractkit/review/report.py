"""Review reports: .xlsx, .csv, .json and a self-contained .html page.

Contract text is untrusted. Every HTML value goes through `html.escape`, and every
spreadsheet or CSV text cell through `safe_cell`, which keeps cells that start with
=, +, -, @, tab or carriage return from running as formulas.
"""

from __future__ import annotations

import csv
import html
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from contractkit.cli import safe_cell
from contractkit.review.evidence import snippet

if TYPE_CHECKING:
    from contractkit.review import ReviewResults

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


def _cell(value: Any) -> Any:
    """A value a spreadsheet shows as itself: numbers stay numbers, the rest is safe text."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    return safe_cell(value)


def write_xlsx(review: ReviewResults, path: Path) -> None:
    """One sheet per table, with filters on the header row and the header frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for name, table in review.tables().items():
        sheet = book.create_sheet(name)
        sheet.append([str(c) for c in table.columns])
        for row in table.itertuples(index=False):
            sheet.append([_cell(v) for v in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.auto_filter.ref = sheet.dimensions
        sheet.freeze_panes = "A2"
    book.save(path)


def write_csv(review: ReviewResults, path: Path) -> None:
    """The findings table (one row per finding, with file and evidence), spreadsheet-safe."""
    table = review.findings
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(table.columns)
        for row in table.itertuples(index=False):
            writer.writerow(["" if (v := _cell(value)) is None else v for value in row])


def write_json(review: ReviewResults, path: Path) -> None:
    """Each contract's scan JSON (with findings and licence audit), costs and exposure."""

    def records(table: pd.DataFrame) -> list[dict[str, Any]]:
        return json.loads(table.to_json(orient="records", force_ascii=False))

    data = {
        "contracts": [r.to_dict() for r in review.results],
        "costs": records(review.costs),
        "exposure": records(review.exposure),
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


_STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:70em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.3em .5em;
vertical-align:top;text-align:left}th{background:#f3f3f3}.high{color:#a00;font-weight:bold}
.medium{color:#a60}.low{color:#555}.check{color:#1565c0;font-weight:bold}
blockquote{margin:.3em 0;color:#444;border-left:3px solid #ccc;
padding-left:.6em}h2{border-top:2px solid #ddd;padding-top:.8em}
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _table(table: pd.DataFrame, columns: list[str]) -> str:
    head = "".join(f"<th>{_e(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_e(row[c])}</td>" for c in columns) + "</tr>"
        for _, row in table.iterrows()
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _found(result: Any) -> str:
    """The checklist's other half: each clause type found, with its best-scored snippet."""
    best: dict[str, Any] = {}
    for hit in result.clauses:
        if result.has(hit.type) and hit.score > getattr(best.get(hit.type), "score", 0):
            best[hit.type] = hit
    rows = "".join(
        f"<tr><td>✓ {_e(kind)}</td><td>{_e(hit.page)}</td><td>{_e(snippet(hit.text))}</td></tr>"
        for kind, hit in sorted(best.items())
    )
    return (
        "<details><summary>Clauses found</summary><table><thead><tr><th>clause type</th>"
        f"<th>page</th><th>evidence</th></tr></thead><tbody>{rows}</tbody></table></details>"
    )


def _contract_section(result: Any, costs: pd.DataFrame) -> str:
    name = _e(os.path.basename(result.file))
    if result.error:
        error = f"{_e(result.error.code)} — {_e(result.error.message)}"
        return f"<h2>{name}</h2><p>Not reviewed: {error}</p>"
    kind = result.contract_type or {}
    parts = [
        f"<h2>{name}</h2><p>Type <b>{_e(kind.get('label'))}</b> (score {_e(kind.get('score'))};"
        f" {_e(kind.get('explanation'))}) · playbook {_e(kind.get('playbook'))}"
        f" · {len(result.findings)} findings</p>"
    ]
    checks = sum(f["kind"] == "check" for f in result.findings)
    if checks:
        parts.append(
            f"<p class='check'>{checks} to check: the detector is unsure whether the contract"
            " has these clauses; look at the quoted text before asking the supplier.</p>"
        )
    items = []
    for f in result.findings:
        quotes = "".join(
            f"<blockquote>p.{_e(result.clauses[i].page)}: {_e(snippet(result.clauses[i].text))}"
            "</blockquote>"
            for i in f["evidence"][:3]
        )
        items.append(
            f"<li><span class='{_e(f['severity'])}'>{_e(f['severity'])}</span>"
            f" · <span class='{_e(f['kind'])}'>{_e(KIND_LABELS.get(f['kind'], f['kind']))}</span>"
            f" · <code>{_e(f['rule_id'])}</code><br>{_e(f['message'])}"
            f"<br><i>Ask for:</i> {_e(f['suggestion'])}{quotes}</li>"
        )
    parts.append(f"<ol>{''.join(items)}</ol>" if items else "<p>No findings.</p>")
    parts.append(_found(result))
    audit = result.license_audit
    if audit:
        factors = "".join(
            f"<li>+{_e(f['points'])}: {_e(f['message'])}</li>" for f in audit["factors"]
        )
        parts.append(
            f"<p>Licence-audit exposure <b>{_e(audit['score'])}/100 ({_e(audit['level'])})</b></p>"
            f"<ul>{factors}</ul>"
        )
    applied = costs[costs["applies"]] if not costs.empty else costs
    if not applied.empty:
        parts.append(
            "<p>Cost of gaps:</p>"
            + _table(applied, ["label", "per_device", "devices", "amount", "currency"])
        )
    return "".join(parts)


def write_html(review: ReviewResults, path: Path) -> None:
    """One self-contained page: summary, per-contract checklist with evidence snippets."""
    summary = _table(
        review.contracts.assign(file=review.contracts["file"].map(os.path.basename)),
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
    )
    sections = "".join(
        _contract_section(r, review.costs[review.costs["file"] == r.file]) for r in review.results
    )
    exposure = ""
    if not review.exposure.empty:
        exposure = "<h2>Licence-audit exposure in money</h2>" + _table(
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
    page = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<title>contractkit review</title>"
        f"<style>{_STYLE}</style></head><body><h1>Contract review</h1>{summary}"
        f"{exposure}{sections}</body></html>"
    )
    path.write_text(page, encoding="utf-8")
