"""Review reports: the CLI, the four formats, and hostile contract text kept inert."""

from __future__ import annotations

import csv
import dataclasses
import json
import os

import pytest
from conftest import AS_OF, SAMPLES
from openpyxl import load_workbook

import contractkit
from contractkit.cli import main
from contractkit.portfolio import summarise
from contractkit.report import write_report
from contractkit.review import review_as

HOSTILE = [
    '=HYPERLINK("http://x")',
    "+1",
    "@SUM(1)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def hostile_contract(tmp_path):
    # headings stand apart from their clauses, so each clause's text (a cell of its own)
    # starts with the payload
    path = tmp_path / "hostile.txt"
    path.write_text(
        "EQUIPMENT SALES AGREEMENT\n\n"
        "1. Warranty\n\n"
        '=HYPERLINK("http://x") The Supplier warrants that the Equipment will be free from'
        " defects in materials and workmanship for three (3) months from delivery.\n\n"
        "2. Returns\n\n"
        "+1 The Customer may return the Equipment within seven (7) days of delivery subject"
        " to a restocking fee of twenty percent (20%).\n\n"
        "3. Limitation of Liability\n\n"
        "@SUM(1) The Supplier's aggregate liability shall not exceed the fees paid under"
        " this Agreement.\n\n"
        "4. Governing Law\n\n"
        "<script>alert(1)</script> This Agreement shall be governed by the laws of the State"
        " of Nevada. <img src=x onerror=alert(1)>\n"
    )
    return path


def _hostile_cells_reach_the_findings(path):
    findings = contractkit.review(path).findings
    texts = " ".join(findings["evidence_text"])
    # the test means something only if the hostile text is what the findings quote
    assert texts.count('=HYPERLINK("http://x")') and "+1 The Customer" in texts
    return findings


def test_html_escapes_all_contract_text(tmp_path, hostile_contract):
    _hostile_cells_reach_the_findings(hostile_contract)
    out = tmp_path / "report.html"
    assert main(["review", str(hostile_contract), "--out", str(out)]) == 0
    page = out.read_text()
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; This Agreement shall be governed" in page
    assert "=HYPERLINK(&#34;http://x&#34;)" in page  # Jinja2's autoescape spells " so
    assert page.count("<script") == 0 and "http" not in page.split("<body>")[0]


def test_xlsx_has_a_sheet_per_table_with_filters_frozen_headers_and_no_formulas(
    tmp_path, hostile_contract
):
    _hostile_cells_reach_the_findings(hostile_contract)
    out = tmp_path / "report.xlsx"
    args = ["review", str(hostile_contract), str(SAMPLES / "software_license_audit.pdf")]
    assert main([*args, "--out", str(out)]) == 0
    book = load_workbook(out)
    assert {"contracts", "findings", "clauses", "audit_factors"} <= set(book.sheetnames)
    values = []
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref, sheet.title
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    values.append(cell.value)
                    assert not cell.value.startswith(FORMULA_STARTS), cell.value
    assert any(v.startswith("'=HYPERLINK") for v in values)
    assert any(v.startswith("'+1 The Customer") for v in values)
    assert any(v.startswith("'@SUM(1)") for v in values)


def test_csv_cells_are_neutralised(tmp_path, hostile_contract):
    out = tmp_path / "findings.csv"
    assert main(["review", str(hostile_contract), "--out", str(out)]) == 0
    rows = list(csv.DictReader(out.open(newline="", encoding="utf-8")))
    assert rows and {"rule_id", "evidence_text", "suggestion"} <= set(rows[0])
    cells = [value for row in rows for value in row.values()]
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)]
    assert any(c.startswith("'=HYPERLINK") for c in cells)


def test_json_report_holds_each_contracts_scan_json_and_the_costs(tmp_path):
    out = tmp_path / "review.json"
    path = str(SAMPLES / "poor_supplier_terms.pdf")
    assert main(["review", path, "--devices", "100", "--out", str(out)]) == 0
    data = json.loads(out.read_text())
    (contract,) = data["contracts"]
    assert contract["findings"] and contract["contract_type"]["label"] == "hardware_purchase"
    assert sum(line["amount"] for line in data["costs"]) == 24_000


def test_usage_errors_exit_2_and_unreadable_contracts_do_not(tmp_path, capsys):
    pdf = str(SAMPLES / "poor_supplier_terms.pdf")
    assert main(["review", pdf, "--out", str(tmp_path / "r.pdf")]) == 2
    assert main(["review", pdf, "--out", str(tmp_path / "r.csv"), "--playbook", "nosuch"]) == 2
    assert main(["review", pdf, "--out", str(tmp_path / "r.csv"), "--contract-type", "x"]) == 2
    assert main(["review", pdf, "--out", str(tmp_path / "r.csv"), "--inventory", "no.csv"]) == 2
    assert "nosuch" in capsys.readouterr().err
    scanned = str(SAMPLES / "scanned_hardware_purchase.pdf")
    assert main(["review", scanned, "--no-ocr", "--out", str(tmp_path / "r.html")]) == 0
    assert "no_text_layer" in (tmp_path / "r.html").read_text()


def test_python_api_returns_dataframes_ready_for_pandas():
    result = contractkit.review([SAMPLES / "poor_supplier_terms.pdf"])
    assert list(result.contracts["contract_type"]) == ["hardware_purchase"]
    assert {"kind", "clause_type", "severity", "rule_id", "page", "evidence_text"} <= set(
        result.findings.columns
    )
    assert list(result.clauses["index"]) == list(range(len(result.clauses)))
    assert result.audit_factors.empty  # an equipment sale grants no licence


def test_checks_are_counted_and_reported_apart_from_missing_clauses(reviewed_samples, tmp_path):
    """A contract whose returns terms the detector is unsure of: the summary counts one
    check more and no missing clause, and every format shows the check with the text to
    read."""
    sample = reviewed_samples["hardware_framework_purchase.pdf"]
    before = sum(f.kind == "check" for f in sample.findings)  # its borderline acceptance
    unsure = dataclasses.replace(sample, presence={**sample.presence, "returns": 0.3}, findings=[])
    review_as(unsure, dict(unsure.contract_type), as_of=AS_OF)  # no date finding on that day
    summary = summarise([unsure, reviewed_samples["poor_supplier_terms.pdf"]])
    counts = summary.contracts.set_index(summary.contracts["file"].map(os.path.basename))
    assert counts.loc[
        "hardware_framework_purchase.pdf", ["checks", "missing_clauses"]
    ].tolist() == [before + 1, 0]
    assert counts.loc["poor_supplier_terms.pdf", "checks"] == 0
    checks = summary.findings[summary.findings["kind"] == "check"]
    (row,) = checks[checks["clause_type"] == "returns"].itertuples()
    best = max((c for c in unsure.clauses if c.type == "returns"), key=lambda c: c.score)
    opening = " ".join(best.text.split())[:40]
    assert row.page == best.page and row.evidence_text.startswith(opening)

    write_report(summary, tmp_path / "r.html")
    page = (tmp_path / "r.html").read_text()
    assert f"{before + 1} to check" in page and "check (unsure, not missing)" in page
    assert f"p.{best.page}: {opening}" in page
    write_report(summary, tmp_path / "r.csv")
    rows = list(csv.DictReader((tmp_path / "r.csv").open(newline="", encoding="utf-8")))
    assert "hw.returns.required" in [r["rule_id"] for r in rows if r["kind"] == "check"]
    assert not [
        r
        for r in rows
        if r["kind"] == "missing_clause" and r["file"].endswith("hardware_framework_purchase.pdf")
    ]
    write_report(summary, tmp_path / "r.xlsx")
    sheet = load_workbook(tmp_path / "r.xlsx")["contracts"]
    header = [c.value for c in sheet[1]]
    assert [r[header.index("checks")].value for r in sheet.iter_rows(min_row=2)] == [before + 1, 0]
    write_report(summary, tmp_path / "r.json")
    data = json.loads((tmp_path / "r.json").read_text())
    kinds = [f["kind"] for f in data["contracts"][0]["findings"]]
    assert kinds == ["check"] * (before + 1)


@pytest.fixture(scope="module")
def two_contract_review(tmp_path_factory):
    """Two contracts whose gaps cost something (€24,000 for the sample at 100 devices), one
    without gaps and one that cannot be read: the totals must add the lines of each and of
    all."""
    sale = tmp_path_factory.mktemp("costs") / "equipment_sale.txt"
    sale.write_text(
        "EQUIPMENT SALES AGREEMENT\n\n1. Warranty\nThe Supplier warrants that the Equipment"
        " will be free from defects in materials and workmanship for three (3) months from"
        " delivery.\n\n2. Governing Law\nThis Agreement shall be governed by the laws of"
        " the State of Nevada.\n"
    )
    paths = [
        SAMPLES / "poor_supplier_terms.pdf",
        sale,
        SAMPLES / "hardware_framework_purchase.pdf",
        SAMPLES / "missing.pdf",
    ]
    result = contractkit.review(paths, devices=100, cache=None)
    applied = result.costs[result.costs["applies"]]
    assert applied["file"].nunique() == 2 and len(applied) >= 3
    return result


def _line_sums(review):
    return {f: int(t["amount"].sum()) for f, t in review.costs.groupby("file", sort=False)}


def test_json_report_totals_the_cost_lines_per_contract_and_for_all(two_contract_review, tmp_path):
    write_report(two_contract_review, tmp_path / "r.json")
    data = json.loads((tmp_path / "r.json").read_text())
    total = data["total"]
    by_file = {c["file"]: c["amount"] for c in total["contracts"]}
    lines: dict[str, int] = {}
    for line in data["costs"]:
        lines[line["file"]] = lines.get(line["file"], 0) + line["amount"]
    assert by_file == lines == _line_sums(two_contract_review)
    assert total["amount"] == sum(line["amount"] for line in data["costs"]) > 0
    assert total["currency"] == "EUR"
    assert by_file[str(SAMPLES / "poor_supplier_terms.pdf")] == 24_000


def test_xlsx_costs_sheet_ends_with_total_rows_formatted_as_money(two_contract_review, tmp_path):
    write_report(two_contract_review, tmp_path / "r.xlsx")
    sheet = load_workbook(tmp_path / "r.xlsx")["costs"]
    header = [c.value for c in sheet[1]]
    col = {name: header.index(name) for name in header}
    rows = [r for r in sheet.iter_rows(min_row=2) if any(c.value is not None for c in r)]
    lines = [r for r in rows if r[col["line"]].value != "total"]
    totals = [r for r in rows if r[col["line"]].value == "total"]
    sums: dict[str, int] = {}
    for r in lines:
        sums[r[col["file"]].value] = sums.get(r[col["file"]].value, 0) + r[col["amount"]].value
    *per_contract, portfolio = totals
    assert {r[col["file"]].value: r[col["amount"]].value for r in per_contract} == sums
    assert portfolio[col["file"]].value == "all contracts"
    assert (
        portfolio[col["amount"]].value
        == sum(sums.values())
        == sum(_line_sums(two_contract_review).values())
    )
    assert all(r[col["label"]].value == "Total" for r in totals)
    # the filter covers the lines, not the totals below them
    assert sheet.auto_filter.ref.endswith(str(len(lines) + 1))
    for r in [*lines, *totals]:
        assert r[col["amount"]].number_format == '"€"#,##0'
    contracts = load_workbook(tmp_path / "r.xlsx")["contracts"]
    index = [c.value for c in contracts[1]].index("cost_of_gaps")
    assert contracts.cell(2, index + 1).number_format == '"€"#,##0'


def test_csv_has_cost_rows_and_total_rows_that_add_up(two_contract_review, tmp_path):
    write_report(two_contract_review, tmp_path / "r.csv")
    rows = list(csv.DictReader((tmp_path / "r.csv").open(newline="", encoding="utf-8")))
    costs = [r for r in rows if r["kind"] == "cost"]
    totals = [r for r in rows if r["kind"] == "total"]
    sums: dict[str, float] = {}
    for r in costs:
        sums[r["file"]] = sums.get(r["file"], 0) + float(r["amount"])
    *per_contract, portfolio = totals
    # a contract without gaps has no cost rows and a total of 0
    assert {r["file"]: float(r["amount"]) for r in per_contract} == {
        f: sums.get(f, 0) for f in _line_sums(two_contract_review)
    }
    assert portfolio["file"] == "" and float(portfolio["amount"]) == sum(sums.values())
    assert float(portfolio["amount"]) == sum(_line_sums(two_contract_review).values())
    assert {r["currency"] for r in costs + totals} == {"EUR"}
    # findings rows carry no amount; no cell starts a formula
    assert all(r["amount"] == "" for r in rows if r["kind"] not in ("cost", "total"))
    assert not [v for r in rows for v in r.values() if v.startswith(FORMULA_STARTS)]


def test_html_shows_the_totals_as_money(two_contract_review, tmp_path):
    write_report(two_contract_review, tmp_path / "r.html")
    page = (tmp_path / "r.html").read_text()
    total = sum(_line_sums(two_contract_review).values())
    assert f"<th>€{total:,}</th>" in page  # the summary's total
    assert "<th>€24,000</th>" in page  # poor_supplier_terms' own cost table
    assert ">24000<" not in page and f">{total}<" not in page


def test_money_is_written_with_its_currency():
    from contractkit.review.costs import excel_money_format, format_money

    assert format_money(24000, "EUR") == "€24,000"
    assert format_money(1234.5, "USD") == "$1,234.50"
    assert format_money(0, "EUR") == "€0"
    assert format_money(1000, "SEK") == "1,000 SEK"
    assert excel_money_format("GBP") == '"£"#,##0'
    assert excel_money_format("SEK", cents=True) == '#,##0.00 "SEK"'
