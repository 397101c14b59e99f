"""Hostile files, names and paths (issue 20): each gets a clear, bounded outcome, and
nothing the user has is destroyed.

Everything runs real code on real files: FIFOs made with os.mkfifo, /dev/zero, names
that are not UTF-8, damaged SQLite stores, the CLI through `main()` or a subprocess.
Where a regression would hang (a FIFO read), the test runs under a limit (`alarm`, a
subprocess timeout) that turns the hang into a failure; no test measures wall-clock time.
"""

from __future__ import annotations

import csv
import html
import io
import json
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from bad_files import CONTRACT_TEXT, minimal_docx, text_pdf, zip_bytes
from conftest import SAMPLES, WARRANTY, require_tesseract
from hostile_corpus import ESCAPE_FOLDER, NOT_UTF8_NAME, write_hostile_paths
from openpyxl import load_workbook

import contractkit
from contractkit import workers
from contractkit.cli import main
from contractkit.errors import (
    CorruptFile,
    FileNotFound,
    ParseTimeout,
    TooLarge,
    UnsupportedFormat,
)
from contractkit.files import atomic_open, atomic_path
from contractkit.result import AuditFactor
from contractkit.review.license_audit import parse_inventory, read_inventory
from contractkit.review.playbook import PlaybookError, load_playbook, parse_playbook
from contractkit.spreadsheet import safe_cell
from contractkit.store import ResultStore, file_sha256

ROOT = Path(__file__).resolve().parents[1]
BILLION_LAUGHS = "\n".join(
    [f"name: lol\nrules: []\na0: &a0 [{', '.join(['lol'] * 9)}]"]
    + [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
)


class Hung(BaseException):
    """Not an OSError (TimeoutError is one, and readers catch OSError): a hang stays one."""


@contextmanager
def alarm(seconds: int) -> Iterator[None]:
    """A hang (a blocking FIFO open, an endless read) fails the test instead."""

    def hung(*_: object) -> None:
        raise Hung(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "contractkit", *args],
        capture_output=True,
        cwd=ROOT,
        timeout=timeout,  # a hang is a failure, not a stuck test run
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, frozenset[str | None]]:
    return write_hostile_paths(tmp_path_factory.mktemp("hostile-paths"))


# -- 1. names that are not UTF-8 or hold escapes; 2. FIFOs and devices ---------------------


def test_every_hostile_path_gets_its_result_line_with_a_store_and_again_from_it(
    hostile, tmp_path, caplog
):
    store = tmp_path / "results.sqlite"
    paths = list(hostile)
    for attempt in ("read", "stored"):
        with alarm(300):
            results = contractkit.scan(paths, workers=2, cache=store, timeout=60)
        assert [r.file for r in results] == [str(p) for p in paths], attempt
        for result, expected in zip(results, hostile.values(), strict=True):
            assert (result.error.code if result.error else None) in expected, result.file
    # the valid ones (with the odd names) were stored and read back
    assert len(ResultStore(store)) == sum(None in e for e in hostile.values())
    assert "moved it aside" not in caplog.text


def test_a_fifo_and_a_device_are_refused_without_reading(hostile):
    fifo = next(p for p in hostile if p.name == "pipe.pdf")
    with alarm(60):
        for path in (fifo, Path("/dev/zero")):
            with pytest.raises(UnsupportedFormat, match=r"not a regular file \(a (FIFO|char)"):
                contractkit.load(path)
            assert file_sha256(path) is None
            result = contractkit.analyze(path)
            assert result.error.code == "unsupported" and result.sha256 is None


def test_the_cli_shows_hostile_names_escaped_and_keeps_them_exact_in_json(hostile, capsys):
    paths = [str(p) for p in hostile]
    assert main(["scan", *paths, "--format", "table", "--no-cache", "--timeout", "60"]) == 0
    table = capsys.readouterr().out
    assert "\x1b" not in table and "\u202e" not in table and "\x07" not in table
    assert "not-utf8-\\xff\\xfe.txt: 0 pages" in table
    assert "clear-\\x1b[2J-\\x07.txt: 0 pages" in table
    assert "pipe.pdf: unsupported: not a regular file (a FIFO)" in table
    assert main(["scan", *paths, "--no-cache", "--timeout", "60"]) == 0
    out = capsys.readouterr().out
    out.encode("utf-8")  # every line can be written as UTF-8
    assert "\x1b" not in out and "\u202e" not in out
    names = [json.loads(line)["file"] for line in out.splitlines()]
    assert names == paths  # the exact names, a non-UTF-8 one as Python names it
    assert os.fsencode(names[0]).endswith(b"not-utf8-\xff\xfe.txt")


def test_the_cli_writes_its_lines_for_hostile_names_in_a_subprocess(hostile):
    folder = next(iter(hostile)).parent
    done = run_cli("scan", os.fsdecode(folder), "--format", "table", "--timeout", "60")
    assert done.returncode == 0, done.stderr.decode()
    assert b"Traceback" not in done.stderr and b"\x1b" not in done.stdout
    assert b"not-utf8-\\xff\\xfe.txt: 0 pages" in done.stdout


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".json", ".html"])
def test_reports_hold_hostile_names_and_text(hostile, tmp_path, suffix):
    valid = [p for p, e in hostile.items() if None in e]
    out = tmp_path / f"report{suffix}"
    assert main(["review", *map(str, valid), "--out", str(out), "--no-cache"]) == 0
    if suffix == ".xlsx":
        sheet = load_workbook(out)["contracts"]
        files = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert any("not-utf8-\\xff\\xfe.txt" in f for f in files)
        assert any(
            ESCAPE_FOLDER.replace("\x1b", "\\x1b").replace("\u202e", "\\u202e") in f for f in files
        )
        clauses = load_workbook(out)["clauses"]
        texts = [" ".join(map(str, row)) for row in clauses.iter_rows(values_only=True)]
        assert any("\\x1b]0;pwned\\x07" in t for t in texts)
    else:
        text = out.read_text(encoding="utf-8")
        assert "\x1b" not in text and "\x00" not in text
        if suffix == ".json":
            names = [c["file"] for c in json.loads(text)["contracts"]]
            assert names == [str(p) for p in valid]


# -- 3. control characters in contract text; atomic outputs ---------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\x00b", "a\\x00b"),
        ("\x1b[2Jclear", "\\x1b[2Jclear"),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("\x00=cmd", "\\x00=cmd"),
        ("evil\u202etxt.exe", "evil\\u202etxt.exe"),
        (NOT_UTF8_NAME, "not-utf8-\\xff\\xfe.txt"),
        ("line\nbreak\ttab", "line\nbreak\ttab"),
        ("\ufffe\uffff", "\\ufffe\\uffff"),
    ],
)
def test_a_cell_holds_only_what_a_spreadsheet_can(text, shown, tmp_path):
    assert safe_cell(text) == shown
    from openpyxl import Workbook

    book = Workbook()
    book.active.append([safe_cell(text)])
    book.save(tmp_path / "cell.xlsx")
    assert load_workbook(tmp_path / "cell.xlsx").active["A1"].value == shown


def test_inspect_does_not_send_escape_sequences_to_the_terminal(hostile, capsys):
    controls = next(p for p in hostile if p.name == "controls.txt")
    assert main(["inspect", str(controls)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out and "\x00" not in out
    assert "1. Warranty.\\x1b[2J\\x1b]0;pwned\\x07 The Supplier \\u202e" in out


def test_an_output_is_replaced_whole_or_left_as_it_was(tmp_path):
    target = tmp_path / "report.csv"
    target.write_text("the old report")
    target.chmod(0o640)
    with pytest.raises(RuntimeError), atomic_open(target, "w") as handle:
        handle.write("half a report")
        raise RuntimeError("the writer failed half-way")
    assert target.read_text() == "the old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]  # no temporary left
    with atomic_path(target) as temporary:
        assert temporary.parent == tmp_path and temporary.suffix == ".csv"
        temporary.write_text("the new report")
        assert target.read_text() == "the old report"  # not touched until complete
    assert target.read_text() == "the new report"
    assert target.stat().st_mode & 0o777 == 0o640  # the file keeps its mode
    new = tmp_path / "new.csv"
    with atomic_open(new, "w") as handle:
        handle.write("x")
    assert new.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# -- 4. an output that is an input ---------------------------------------------------------


def test_scan_refuses_to_write_over_its_input(tmp_path, capsys):
    contract = tmp_path / "c.pdf"
    contract.write_bytes(text_pdf())
    before = contract.read_bytes()
    link = tmp_path / "link.pdf"
    link.symlink_to(contract)
    hard = tmp_path / "hard.pdf"
    os.link(contract, hard)
    for out in (contract, link, hard, Path(os.path.relpath(contract))):
        assert main(["scan", str(contract), "--out", str(out), "--no-cache"]) == 2
        assert "is the input" in capsys.readouterr().err
        assert contract.read_bytes() == before
    # a folder's file counts as an input too
    assert main(["scan", str(tmp_path), "--out", str(contract), "--no-cache"]) == 2
    assert contract.read_bytes() == before


def test_show_and_review_refuse_to_write_over_an_input(tmp_path, capsys):
    contract = tmp_path / "c.pdf"
    contract.write_bytes((SAMPLES / "saas_subscription.pdf").read_bytes())
    before = contract.read_bytes()
    assert main(["show", str(contract), "--type", "sla", "--out", str(contract)]) == 2
    assert "writing it would destroy it" in capsys.readouterr().err
    assert contract.read_bytes() == before
    inventory = tmp_path / "inventory.csv"
    inventory.write_text("product,metric,deployed,unit_price\nDB,core,4,100\n")
    assert (
        main(["review", str(contract), "--inventory", str(inventory), "--out", str(inventory)]) == 2
    )
    assert "is the input" in capsys.readouterr().err
    assert inventory.read_text().startswith("product,metric")


def test_scan_and_show_out_in_a_subprocess_exit_non_zero_and_destroy_nothing(tmp_path):
    contract = tmp_path / "c.pdf"
    contract.write_bytes(text_pdf())
    before = contract.read_bytes()
    done = run_cli("scan", str(contract), "--out", str(contract), "--no-cache")
    assert done.returncode == 2 and b"is the input" in done.stderr
    done = run_cli("show", str(contract), "--type", "sla", "--out", str(contract))
    assert done.returncode == 2 and b"is the input" in done.stderr
    assert contract.read_bytes() == before


# -- 5. a damaged result store ------------------------------------------------------------


def _scan_into(store: Path, folder: Path) -> list:
    return contractkit.scan([folder], cache=store, workers=1)


@pytest.fixture
def contracts(tmp_path) -> Path:
    folder = tmp_path / "contracts"
    folder.mkdir()
    (folder / "a.txt").write_text(WARRANTY)
    (folder / "b.txt").write_text(CONTRACT_TEXT)
    return folder


def _aside(store: Path) -> list[Path]:
    """The damaged stores moved aside (not their -wal and -shm files)."""
    found = store.parent.glob(f"{store.name}.corrupt-*")
    return sorted(p for p in found if not p.name.endswith(("-wal", "-shm")))


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_store_is_moved_aside_and_the_scan_goes_on(contracts, tmp_path, caplog, damage):
    store = tmp_path / "results.sqlite"
    if damage == "truncated":  # other results first, so that this scan's lie at the end
        ResultStore(store).close()
        with sqlite3.connect(store) as db:
            db.executemany(
                "INSERT INTO results VALUES (?, 'e', 'p', 'o', ?, 0)",
                [(str(n), "x" * 3000) for n in range(50)],
            )
    fresh = _scan_into(store, contracts)
    with sqlite3.connect(store) as db:  # everything in the main file, no WAL beside it
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    if damage == "garbage":
        store.write_bytes(os.urandom(8192))
    else:
        with open(store, "r+b") as handle:
            handle.truncate(store.stat().st_size // 2)
    damaged = store.read_bytes()
    with caplog.at_level(logging.WARNING, logger="contractkit.store"):
        again = _scan_into(store, contracts)
    assert [r.to_dict() for r in again] == [r.to_dict() for r in fresh]
    [aside] = _aside(store)
    assert aside.read_bytes() == damaged  # kept for a look, not deleted
    assert f"moved it aside to {aside}" in caplog.text
    with ResultStore(store) as new:
        assert len(new) == 2  # a new store, with this scan's results


def test_the_cli_warns_about_a_damaged_store_on_stderr(contracts, tmp_path):
    store = tmp_path / "results.sqlite"
    store.write_bytes(b"not a database" * 100)
    done = run_cli("scan", str(contracts), "--cache", str(store), "--format", "table")
    assert done.returncode == 0 and b"Traceback" not in done.stderr
    assert b"is damaged" in done.stderr and str(_aside(store)[0]).encode() in done.stderr
    assert done.stdout.count(b"clause hits") == 2


def test_a_bad_row_is_dropped_and_its_file_read_again(contracts, tmp_path, caplog):
    store = tmp_path / "results.sqlite"
    fresh = _scan_into(store, contracts)
    with sqlite3.connect(store) as db:
        db.execute("UPDATE results SET result = '{not json' WHERE rowid = 1")
        db.execute('UPDATE results SET result = \'{"schema_version": "1"}\' WHERE rowid = 2')
    again = _scan_into(store, contracts)
    assert [r.to_dict() for r in again] == [r.to_dict() for r in fresh]
    assert caplog.text.count("dropped a result store row") == 2
    assert not _aside(store)
    with sqlite3.connect(store) as db:  # the rows were written again, whole
        rows = [json.loads(r) for (r,) in db.execute("SELECT result FROM results")]
    assert len(rows) == 2 and all("clauses" in r for r in rows)


# -- 6. YAML: alias bombs, recursive aliases, Python tags ----------------------------------


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        (BILLION_LAUGHS, 8, "more than 100000 values once its aliases are expanded"),
        ("name: x\nrules: &r [*r]\n", 2, "alias *r refers to itself"),
        ("name: x\nrules:\n- &m {id: a, x: *m}\n", 3, "alias *m refers to itself"),
        ("name: !!python/name:os.system x\nrules: []\n", 1, "python/name:os.system' is not"),
        ("name: x\nrules: !!python/object/apply:os.system [ls]\n", 2, "is not allowed"),
        ("name: x\nsource: 2024-13-45\nrules: []\n", 2, "month must be in 1..12"),
        ("name: [unclosed\n", 2, "not valid YAML"),
    ],
)
def test_every_yaml_problem_is_a_playbook_error_with_file_and_line(tmp_path, text, line, problem):
    path = tmp_path / "mine.yaml"
    path.write_text(text)
    with pytest.raises(PlaybookError) as caught:
        load_playbook(path)
    assert caught.value.file == str(path) and caught.value.line == line
    assert problem in str(caught.value)


def test_the_alias_bomb_is_refused_by_its_bound(tmp_path):
    assert len(BILLION_LAUGHS.encode()) < 600  # stands for 9**9 = 387 million strings
    path = tmp_path / "bomb.yaml"
    path.write_text(BILLION_LAUGHS)
    out = tmp_path / "r.json"
    contract = str(SAMPLES / "saas_subscription.pdf")
    # before the bound, this ran for minutes in 1.4 GB: the timeout turns that into a failure
    done = run_cli("review", contract, "--playbook", str(path), "--out", str(out), "--no-cache")
    assert done.returncode == 2 and b"Traceback" not in done.stderr
    assert f"{path}:8: not valid YAML".encode() in done.stderr
    assert not (tmp_path / "r.json").exists()


def test_aliases_within_the_bound_still_work():
    playbook = parse_playbook(
        "name: mine\nrules:\n"
        "- id: a.sla\n  clause_type: sla\n  presence: required\n  severity: high\n"
        "  reason: &why Because.\n  suggestion: *why\n"
    )
    assert playbook.rules[0].suggestion == "Because."


def test_a_playbook_that_is_a_fifo_or_a_device_is_refused(tmp_path):
    fifo = tmp_path / "playbook.yaml"
    os.mkfifo(fifo)
    with alarm(60):
        for path in (fifo, Path("/dev/zero")):
            with pytest.raises(PlaybookError, match="not a regular file"):
                load_playbook(path)


def test_a_cost_model_is_read_with_the_same_bounded_loader(tmp_path):
    from contractkit.review.costs import load_cost_model

    bomb = tmp_path / "costs.yaml"
    bomb.write_text(BILLION_LAUGHS)
    with pytest.raises(ValueError, match=r"costs.yaml:8: not valid YAML: .*aliases"):
        load_cost_model(bomb)


# -- 7. CSV quoting, non-finite numbers, time limits ----------------------------------------


def _all_quoted(text: str) -> bool:
    rows = list(csv.reader(io.StringIO(text)))
    again = io.StringIO()
    csv.writer(again, quoting=csv.QUOTE_ALL).writerows(rows)
    return again.getvalue() == text and len(rows) > 1


def test_every_csv_field_is_quoted(hostile, tmp_path, capsys):
    controls = next(p for p in hostile if p.name == "controls.txt")
    assert main(["scan", str(controls), "--format", "csv", "--no-cache"]) == 0
    scanned = capsys.readouterr().out
    assert _all_quoted(scanned)
    cells = [cell for row in csv.reader(io.StringIO(scanned), delimiter=";") for cell in row]
    assert not any(cell.startswith("=") for cell in cells)  # a ;-reader sees no formula
    out = tmp_path / "review.csv"
    assert main(["review", str(controls), "--out", str(out), "--no-cache"]) == 0
    with open(out, encoding="utf-8", newline="") as handle:
        assert _all_quoted(handle.read())


@pytest.mark.parametrize("value", ["1e400", "nan", "inf", "-inf", "NaN"])
def test_an_inventory_with_a_non_finite_number_is_refused(tmp_path, value):
    text = f"product,metric,deployed,unit_price\nDB,core,{value},100\n"
    with pytest.raises(ValueError, match=r"deployed .* is not a finite number"):
        parse_inventory(text, "inventory.csv")
    path = tmp_path / "inventory.csv"
    path.write_text(text.replace(f",{value},100", f",4,{value}"))
    with pytest.raises(ValueError, match=r"inventory.csv: unit_price .* is not a finite number"):
        read_inventory(path)


@pytest.mark.parametrize("value", ["nan", "inf", "0", "-1", "NaN"])
def test_a_time_limit_must_be_finite_and_positive(value, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["scan", str(SAMPLES / "saas_subscription.pdf"), "--timeout", value])
    assert caught.value.code == 2
    assert "--timeout: must be a finite number of seconds above 0" in capsys.readouterr().err
    with pytest.raises(ValueError, match="timeout must be a finite number"):
        contractkit.load(SAMPLES / "saas_subscription.pdf", timeout=float(value))
    with pytest.raises(ValueError, match="timeout must be a finite number"):
        contractkit.scan([SAMPLES / "saas_subscription.pdf"], timeout=float(value), cache=None)


def test_audit_costs_must_be_a_finite_amount(capsys):
    with pytest.raises(SystemExit):
        main(["review", "x.pdf", "--out", "r.json", "--audit-costs", "nan"])
    assert "--audit-costs: must be a finite amount" in capsys.readouterr().err


# -- a user's taxonomy: the bounded loader, errors with file and line -----------------------

TAXONOMY_HEAD = "version: 1\nfamilies:\n  service_levels: Service levels\n"
TAXONOMY_ENTRY = """\
  - id: sla
    name: SLA
    description: Service levels.
    family: service_levels
    cuad: null
    granularity: sentence
    attributes: [uptime_pct]
    cues:
      phrases: {phrases}
"""
# Nine levels of nine aliases: 9^9 strings once expanded, a few hundred bytes written.
TAXONOMY_BOMB = (
    TAXONOMY_HEAD
    + "bombs:\n"
    + "  a0: &a0 ["
    + ", ".join(["lol"] * 9)
    + "]\n"
    + "".join(f"  a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]\n" for n in range(1, 10))
    + "clause_types:\n"
    + TAXONOMY_ENTRY.format(phrases="*a9")
)


def _taxonomy_error(path: str) -> str:
    from contractkit.detect.taxonomy import TaxonomyError, load_taxonomy

    try:
        load_taxonomy(path)
    except TaxonomyError as error:
        return str(error)
    return "loaded"


def test_an_alias_bomb_taxonomy_is_refused_by_the_bound(tmp_path):
    path = tmp_path / "bomb-taxonomy.yaml"
    path.write_text(TAXONOMY_BOMB)
    # in a worker under time and memory limits: walking the expanded lists (the error's
    # repr of them, before) takes minutes and gigabytes
    limit = _resident_bytes() + (512 << 20)
    [(_, said)] = list(workers.run_limited(_taxonomy_error, [(0, str(path))], 1, 60, limit))
    assert isinstance(said, str), said
    assert said.startswith(f"{path}:10: not valid YAML") and "alias bomb" in said  # at a5


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        (TAXONOMY_HEAD + "clause_types:\n  - &a [*a]\n", 5, "refers to itself"),
        (TAXONOMY_HEAD + "clause_types: !!python/object/apply:os.system [ls]\n", 4, "tag"),
        (TAXONOMY_HEAD + "clause_types: !custom [1]\n", 4, "tag '!custom' is not allowed"),
        (TAXONOMY_HEAD + "clause_types: [\n", 5, "not valid YAML"),
        (  # an entry's problem: the line the entry starts on
            TAXONOMY_HEAD
            + "clause_types:\n"
            + TAXONOMY_ENTRY.format(phrases="[uptime]")
            + TAXONOMY_ENTRY.format(phrases="[Uptime]").replace("id: sla", "id: other"),
            14,
            "must be lowercase",
        ),
    ],
)
def test_every_taxonomy_problem_names_file_and_line(tmp_path, text, line, problem):
    path = tmp_path / "taxonomy.yaml"
    path.write_text(text)
    said = _taxonomy_error(str(path))
    assert said.startswith(f"{path}:{line}: "), said
    assert problem in said


def test_a_taxonomy_that_is_a_fifo_a_device_or_too_large_is_refused(tmp_path):
    from contractkit.safeyaml import MAX_FILE_BYTES

    fifo = tmp_path / "taxonomy.yaml"
    os.mkfifo(fifo)
    large = tmp_path / "large.yaml"
    large.write_text(TAXONOMY_HEAD + "# " + "x" * MAX_FILE_BYTES + "\n")
    with alarm(60):  # opening a FIFO for reading would wait for a writer
        assert "not a regular file (a FIFO)" in _taxonomy_error(str(fifo))
        assert "not a regular file (a character device)" in _taxonomy_error("/dev/zero")
    assert "byte limit" in _taxonomy_error(str(large))


# -- names and text in charts are never markup ----------------------------------------------

MATH_NAME = "a $\\frac$ b $x^2_{1}$ \\alpha 100% #1 & ~.txt"


@pytest.mark.parametrize("usetex", [False, True])  # True: the user's rcParams ask for TeX
def test_a_file_name_with_mathtext_is_drawn_as_written_in_the_dashboard(tmp_path, usetex):
    import matplotlib

    from contractkit.widgets.audit import factor_chart_png
    from contractkit.widgets.triage import PortfolioTriage

    path = tmp_path / MATH_NAME
    path.write_text(WARRANTY)
    plain = tmp_path / "plain.txt"
    plain.write_text(WARRANTY)
    results = contractkit.scan([path, plain], cache=None)
    with matplotlib.rc_context({"text.usetex": usetex}):  # no TeX is installed here
        triage = PortfolioTriage(results, cache=False)
        factors = [AuditFactor("$\\frac$ {x}^_", 3, "m"), AuditFactor("plain", 5, "m")]
        chart = factor_chart_png(factors)
    assert bytes(triage.heatmap.value).startswith(b"\x89PNG")
    assert html.escape(MATH_NAME) in triage.table.value  # the table too, escaped for HTML
    assert chart.startswith(b"\x89PNG")


# -- the dashboard's export box names a file in the export folder, never a path -----------


@pytest.fixture
def triage_with_a_contract(tmp_path):
    from contractkit.widgets.triage import PortfolioTriage

    contract = tmp_path / "contract.txt"
    contract.write_text(WARRANTY)
    exports = tmp_path / "exports"
    return PortfolioTriage(contractkit.scan([contract], cache=None), export_folder=exports)


@pytest.mark.parametrize(
    "typed",
    [
        "../outside.xlsx",
        "{tmp}/outside.xlsx",
        "sub/inside.xlsx",
        "..",
        ".hidden.xlsx",
        "esc-\x1b[2J.xlsx",
        "",
        "link.xlsx",  # a link in the export folder to a file outside it
    ],
)
def test_the_export_box_never_writes_outside_the_export_folder(
    triage_with_a_contract, tmp_path, typed
):
    triage = triage_with_a_contract
    triage.export_folder.mkdir()
    outside = tmp_path / "outside.xlsx"
    (triage.export_folder / "link.xlsx").symlink_to(outside)
    before = sorted(tmp_path.rglob("*"))
    triage.export_path.value = typed.format(tmp=tmp_path)
    triage.export_button.click()
    assert sorted(tmp_path.rglob("*")) == before  # nothing written anywhere
    assert not outside.exists()
    assert triage.status.value.startswith("not exported:"), triage.status.value
    assert "\x1b" not in triage.status.value


def test_the_export_box_writes_the_named_file_into_the_export_folder(triage_with_a_contract):
    triage = triage_with_a_contract
    triage.export_path.value = "portfolio"  # .xlsx added
    triage.export_button.click()
    written = triage.export_folder / "portfolio.xlsx"
    assert load_workbook(written)["contracts"].max_row == 2
    assert triage.status.value == html.escape(f"exported 1 contracts to {written}")
    assert str(triage.export_folder.resolve()) in triage.export_note.value


def test_an_export_path_set_in_code_keeps_its_folder(tmp_path):
    from contractkit.widgets.triage import PortfolioTriage

    triage = PortfolioTriage([], export_path=tmp_path / "view.xlsx")
    assert (triage.export_folder, triage.export_path.value) == (tmp_path, "view.xlsx")
    assert PortfolioTriage([]).export_folder == Path(".")


# -- 8. a Word file without numbering.xml; corrupt errors say why ---------------------------


def test_a_minimal_docx_without_numbering_loads(tmp_path):
    path = tmp_path / "minimal.docx"
    path.write_bytes(minimal_docx(WARRANTY))
    assert contractkit.load(path).text == WARRANTY
    assert contractkit.analyze(path).has("warranty")


@pytest.mark.parametrize(
    "members",
    [
        {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:"},
        {"[Content_Types].xml": "", "word/document.xml": ""},
        {"word/document.xml": "<x/>"},
    ],
)
def test_every_corrupt_word_file_says_why(tmp_path, members):
    path = tmp_path / "broken.docx"
    path.write_bytes(zip_bytes(members))
    result = contractkit.analyze(path)
    assert result.error.code == "corrupt"
    detail = result.error.message.partition(": ")[2]
    assert detail.strip(), result.error.message


def test_a_word_zip_bomb_with_false_sizes_is_refused_by_what_it_inflates_to(tmp_path):
    from hostile_corpus import docx_bomb

    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(docx_bomb(512 << 20, declared=4096))  # half a GB declared as 4 kB
    # under a memory limit a full inflation passes: the check stops at the size limit
    limit = _resident_bytes() + (256 << 20)
    with pytest.raises(TooLarge, match=r"unpacks to more than 210 MB \(its parts declare 4,"):
        contractkit.load(bomb, timeout=120, max_memory=limit)
    result = contractkit.analyze(bomb)
    assert result.error.code == "too_large"


def test_a_word_part_whose_size_is_false_but_small_is_corrupt(tmp_path):
    from hostile_corpus import docx_bomb

    path = tmp_path / "lies.docx"
    path.write_bytes(docx_bomb(2 << 20, declared=4096))  # 2 MB: under the limit, CRC wrong
    with pytest.raises(CorruptFile, match="CRC"):
        contractkit.load(path)


def test_a_word_part_compressed_as_word_never_does_is_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as archive:  # bzip2: unbounded reads
        archive.writestr("word/document.xml", "<x/>")
    path = tmp_path / "bzip2.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(UnsupportedFormat, match="ZIP method 12"):
        contractkit.load(path)


def test_a_file_that_cannot_be_read_is_a_typed_result(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    path = tmp_path / "locked.txt"
    path.write_text(WARRANTY)
    path.chmod(0)
    with pytest.raises(CorruptFile, match="cannot be read: Permission denied"):
        contractkit.load(path)
    with pytest.raises(FileNotFound):
        contractkit.load(tmp_path / "missing.txt")


# -- 9. worker process groups, Tesseract ----------------------------------------------------


def _start_a_child_and_hang(pid_file: str) -> None:
    """A job that starts a program (as OCR starts Tesseract) and never returns."""
    child = subprocess.Popen(["sleep", "600"])
    Path(pid_file).write_text(str(child.pid))
    time.sleep(600)


def _gone(pid: int) -> bool:
    """The process is gone or a zombie waiting for its (new) parent to reap it."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rpartition(")")[2].split()[0] == "Z"
    except FileNotFoundError:
        return True


def _wait_until_gone(pid: int, attempts: int = 100) -> bool:
    for _ in range(attempts):  # the kernel delivers SIGKILL at once; a bounded wait
        if _gone(pid):
            return True
        time.sleep(0.1)
    return False


def test_a_killed_worker_takes_the_programs_it_started_with_it(tmp_path):
    pid_file = tmp_path / "child.pid"
    [(index, outcome)] = list(
        workers.run_limited(_start_a_child_and_hang, [(0, str(pid_file))], 1, 1.0)
    )
    assert index == 0 and outcome.code == "timeout"
    child = int(pid_file.read_text())
    try:
        assert _wait_until_gone(child), "the worker's child outlived it"
    finally:
        if not _gone(child):
            os.kill(child, signal.SIGKILL)


def _environment_of_job(_: object) -> str | None:
    return os.environ.get("OMP_THREAD_LIMIT")


def test_tesseract_gets_one_thread_only_when_workers_share_the_cores(monkeypatch):
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    items = [(n, n) for n in range(4)]
    assert {o for _, o in workers.run_limited(_environment_of_job, items, 2, 30)} == {"1"}
    assert [o for _, o in workers.run_limited(_environment_of_job, items[:1], 1, 30)] == [None]
    monkeypatch.setenv("OMP_THREAD_LIMIT", "3")  # the user's setting holds
    assert {o for _, o in workers.run_limited(_environment_of_job, items, 2, 30)} == {"3"}


def _note_start(folder: str) -> int:
    started = Path(folder) / "started"
    with started.open("a") as log:
        log.write("x")
    return len(started.read_text())


def test_a_worker_starts_its_next_item_before_the_caller_has_handled_the_last(tmp_path):
    """One worker, a caller that takes its time over each outcome (a result parsed and
    stored): the worker is already reading the next item meanwhile, not waiting for it."""
    items = [(n, str(tmp_path)) for n in range(3)]
    started_while_handled = []
    for index, outcome in workers.run_limited(_note_start, items, 1, 30):
        assert outcome == index + 1
        if index < 2:  # the item after this one is given before this one reaches the caller
            for _ in range(100):  # a bounded wait for the worker to log it
                if len((tmp_path / "started").read_text()) > index + 1:
                    break
                time.sleep(0.05)
            started_while_handled.append(len((tmp_path / "started").read_text()) > index + 1)
    assert started_while_handled == [True, True]


@pytest.fixture
def tesseract_shim(tmp_path, monkeypatch) -> Path:
    """A `tesseract` that logs what it was started with (its folder's mode, its image's,
    OMP_THREAD_LIMIT, its pid) and then is the real one, or, for HANG_FILE, hangs."""
    require_tesseract()
    log = tmp_path / "tesseract.log"
    shim = tmp_path / "tesseract"
    real = subprocess.run(["which", "tesseract"], capture_output=True, text=True).stdout.strip()
    shim.write_text(
        "#!/bin/sh\n"
        'case "$1" in --*) exec ' + real + ' "$@";; esac\n'
        f'echo "$(stat -c %a "$(dirname "$1")") '
        f'omp=${{OMP_THREAD_LIMIT:-none}} pid=$$ arg=$1" >> {log}\n'
        f'if [ -e "{tmp_path}/hang" ]; then exec sleep 600; fi\n'
        f'exec {real} "$@"\n'
    )
    shim.chmod(0o755)
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(shim))
    return log


SCANNED = SAMPLES / "scanned_hardware_purchase.pdf"


def test_ocr_keeps_the_page_image_private_and_removes_it(tesseract_shim, monkeypatch):
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    document = contractkit.load(SCANNED, engine="pdfium")
    assert document.engine == "ocr"
    from contractkit.ingest.ocr import tesseract_processes

    lines = tesseract_shim.read_text().splitlines()
    omp = "1" if tesseract_processes(2) > 1 else "none"  # its 2 pages at once, 1 thread each
    assert lines and all(line.startswith(f"700 omp={omp}") for line in lines), lines
    images = [Path(line.rpartition("arg=")[2]) for line in lines]
    assert not any(image.parent.exists() for image in images)  # removed with its folder


def test_a_killed_ocr_worker_leaves_no_tesseract_behind(tesseract_shim, tmp_path):
    (tmp_path / "hang").touch()
    copies = []
    for n in range(2):
        copies.append(tmp_path / f"scan{n}.pdf")
        copies[-1].write_bytes(SCANNED.read_bytes())
    results = contractkit.scan(copies, engine="pdfium", workers=2, timeout=3, cache=None)
    assert [r.error.code for r in results] == ["timeout", "timeout"]
    lines = tesseract_shim.read_text().splitlines()
    assert len(lines) == 2 and all("omp=1" in line for line in lines), lines
    pids = [int(line.split("pid=")[1].split()[0]) for line in lines]
    try:
        assert all(_wait_until_gone(pid) for pid in pids), "Tesseract outlived its worker"
    finally:
        for pid in pids:
            if not _gone(pid):
                os.kill(pid, signal.SIGKILL)


# -- 10. load()/analyze() under the batch's hard limits --------------------------------------


def _resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_load_and_analyze_take_the_batchs_hard_time_limit(tmp_path):
    from hostile_corpus import slow_pdf

    slow = tmp_path / "slow_page.pdf"
    slow.write_bytes(slow_pdf(1_000_000))  # one page of about two minutes
    with pytest.raises(ParseTimeout, match="2 s limit") as caught:
        contractkit.load(slow, timeout=2, max_memory=8 << 30)  # checked between pages: not enough
    assert caught.value.path == str(slow)
    result = contractkit.analyze(slow, timeout=2, max_memory=8 << 30)
    assert result.error.code == "timeout" and result.file == str(slow)


def test_load_takes_the_batchs_memory_limit(tmp_path):
    from hostile_corpus import bomb_pdf

    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(bomb_pdf(1 << 30))
    limit = _resident_bytes() + (256 << 20)  # the worker starts as a copy of this process
    with pytest.raises(TooLarge, match="memory limit"):
        contractkit.load(bomb, timeout=120, max_memory=limit)


def test_load_in_a_worker_gives_the_same_document_and_typed_errors(hostile, tmp_path):
    controls = next(p for p in hostile if p.name == "controls.txt")
    here = contractkit.load(controls)
    there = contractkit.load(controls, max_memory=4 << 30)
    assert there.text == here.text and there.sha256 == here.sha256
    fifo = next(p for p in hostile if p.name == "pipe.pdf")
    with alarm(120), pytest.raises(UnsupportedFormat, match="not a regular file"):
        contractkit.load(fifo, max_memory=4 << 30)
    with pytest.raises(ValueError, match="max_memory"):
        contractkit.load(controls, max_memory=float("nan"))
