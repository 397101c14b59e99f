"""`contractkit scan`: one schema-valid result per input, whatever the input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from conftest import SAMPLES, SHARED, require_tesseract

import contractkit
from contractkit.cli import main
from contractkit.spreadsheet import safe_cell

SCHEMA = json.loads(files("contractkit.schemas").joinpath("scan-result.schema.json").read_text())


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "contractkit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
    )


def test_the_packaged_schema_is_the_shared_spec():
    shared = SHARED / "spec" / "scan-result.schema.json"
    if not shared.exists():
        pytest.skip("../shared/spec is not beside the repository")
    assert json.loads(shared.read_text()) == SCHEMA


def test_every_input_yields_exactly_one_valid_line_errors_included(bad_files):
    inputs = [str(p) for p in bad_files.values()] + [str(SAMPLES / "saas_subscription.pdf")]
    done = run_cli("scan", *inputs, "--format", "jsonl")
    # every input has its line; the missing one (and only it) makes the exit code 1
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        f"contractkit scan: {bad_files['not_found']}: no such file or folder"
    ]
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["file"] for line in lines] == inputs
    for line in lines:
        jsonschema.validate(line, SCHEMA)
    codes = {line["file"]: (line["error"] or {}).get("code") for line in lines}
    for code, path in bad_files.items():
        if code not in {"too_large", "timeout"}:  # need limits below the defaults
            assert codes[str(path)] == code
    saas = lines[-1]
    assert saas["error"] is None and saas["pages"] == 4 and saas["engine"] == "pdfplumber"
    assert {"sla", "data_erasure", "audit_rights"} <= {c["type"] for c in saas["clauses"]}


def test_folders_are_scanned_recursively(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.txt").write_text("This Agreement is governed by Ohio law.")
    (tmp_path / "a" / "notes.md").write_text("not a contract")
    (tmp_path / "top.txt").write_text("Payment is due within 30 days of invoice.")
    results = contractkit.scan([tmp_path])
    assert [Path(r.file).name for r in results] == ["deep.txt", "top.txt"]


def test_the_pdfium_engine_is_selectable_and_workers_keep_the_order():
    paths = [str(SAMPLES / "saas_subscription.pdf"), str(SAMPLES / "poor_supplier_terms.pdf")]
    results = contractkit.scan(paths, engine="pdfium", workers=2)
    assert [r.file for r in results] == paths
    assert {r.engine for r in results} == {"pdfium"}


def test_a_batch_offers_contracts_and_clauses_as_dataframes(tmp_path):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7 truncated")
    paths = [SAMPLES / "saas_subscription.pdf", tmp_path / "broken.pdf"]
    results = contractkit.scan(paths)
    contracts, clauses = results.contracts, results.clauses
    assert list(contracts["file"]) == [str(p) for p in paths]
    assert list(contracts["error"].fillna("")) == ["", "corrupt"]
    assert set(clauses["file"]) == {str(paths[0])}
    assert len(clauses) == contracts["clauses"].sum() == len(results[0].clauses)
    assert {"sla", "audit_rights", "data_erasure"} <= set(clauses["type"])


def test_usage_errors_exit_with_2(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["scan", "--format", "xml", "x.pdf"])
    assert exited.value.code == 2
    assert main([]) == 2


def test_table_format_summarises_each_file(capsys):
    assert main(["scan", str(SAMPLES / "poor_supplier_terms.pdf"), "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("poor_supplier_terms.pdf: 1 pages,")


def test_csv_export_neutralises_formulas_from_contract_text(tmp_path, capsys):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        "SUPPLY AGREEMENT\n\n"
        '=HYPERLINK("http://evil.example","x") The Supplier warrants that the Products '
        "will be free from defects in materials and workmanship for twelve (12) months.\n"
    )
    out = tmp_path / "out.csv"
    assert main(["scan", str(hostile), "--format", "csv", "--out", str(out)]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text())))
    texts = [row[6] for row in rows[1:]]
    assert any("HYPERLINK" in text for text in texts)
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_spreadsheet_cells_never_start_a_formula(value):
    assert safe_cell(value) == "'" + value


def test_results_show_as_escaped_html_in_notebooks(tmp_path):
    path = tmp_path / "xss.txt"
    path.write_text("<script>alert(1)</script> The Supplier warrants the Products for 12 months.")
    html = contractkit.analyze(path)._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_demo_runs_over_the_samples(capsys):
    require_tesseract()
    assert main(["demo", str(SAMPLES)]) == 0
    out = capsys.readouterr().out
    assert "scanned_hardware_purchase.pdf: 2 pages" in out  # read by OCR
    assert "saas_subscription.pdf: 4 pages" in out


def test_show_draws_the_clause_on_its_page(tmp_path, capsys):
    out = tmp_path / "sla.png"
    saas = str(SAMPLES / "saas_subscription.pdf")
    assert main(["show", saas, "--type", "sla", "--out", str(out), "--resolution", "40"]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "page 2, sla" in capsys.readouterr().out
    poor = str(SAMPLES / "poor_supplier_terms.pdf")
    assert main(["show", poor, "--type", "sla", "--out", str(out)]) == 1


def test_inspect_prints_the_outline_with_pages(capsys):
    assert main(["inspect", str(SAMPLES / "hardware_framework_purchase.pdf")]) == 0
    out = capsys.readouterr().out
    assert out.startswith(str(SAMPLES / "hardware_framework_purchase.pdf") + ": 4 pages")
    assert "p.4" in out and "Warranty" in out


def test_a_missing_file_is_one_clear_line_and_exit_1_not_a_traceback(tmp_path):
    missing = str(tmp_path / "missing.pdf")
    done = run_cli("show", missing, "--type", "sla", "--out", str(tmp_path / "x.png"))
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"contractkit show: {missing}: no such file or folder\n"


@pytest.mark.parametrize(
    "command",
    [
        ["inspect"],
        ["show", "--type", "sla", "--out", "x.png"],
        ["demo"],
        ["review", "--out", "r.xlsx", "--no-cache"],
        ["scan", "--no-cache"],
    ],
)
def test_every_command_exits_1_with_one_line_for_a_missing_path(command, tmp_path, capsys):
    missing = str(tmp_path / "missing.pdf")
    name, *options = command
    options = [str(tmp_path / o) if o.endswith((".png", ".xlsx")) else o for o in options]
    assert main([name, missing, *options]) == 1
    captured = capsys.readouterr()
    (line,) = captured.err.splitlines()
    assert line.startswith(f"contractkit {name}: {missing}: no such") and "Traceback" not in line
    if name == "scan":  # the batch still has its result line for the input
        assert json.loads(captured.out)["error"]["code"] == "not_found"
    else:
        assert captured.out == "" and not (tmp_path / "r.xlsx").exists()


def test_a_batch_with_a_missing_path_reviews_nothing_and_a_scan_reads_the_rest(tmp_path, capsys):
    missing, poor = str(tmp_path / "missing.pdf"), str(SAMPLES / "poor_supplier_terms.pdf")
    out = tmp_path / "r.json"
    assert main(["review", poor, missing, "--out", str(out), "--no-cache"]) == 1
    assert not out.exists()
    capsys.readouterr()
    assert main(["scan", poor, missing, "--no-cache", "--format", "table"]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("poor_supplier_terms.pdf: 1 pages")
    assert captured.err == f"contractkit scan: {missing}: no such file or folder\n"


def test_inspect_of_an_unreadable_contract_exits_1_with_its_error(bad_files, capsys):
    assert main(["inspect", str(bad_files["corrupt"])]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"contractkit inspect: {bad_files['corrupt']}: corrupt: ")
