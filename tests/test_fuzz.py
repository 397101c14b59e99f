"""Fuzzing: whatever the bytes or the text, reading a contract ends in a result, and the
only failures are typed `ContractKitError`s (bounded runs: a few dozen examples each)."""

from __future__ import annotations

import io
import json
import os
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from bad_files import CONTRACT_TEXT, text_pdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import contractkit

SCHEMA = json.loads(files("contractkit.schemas").joinpath("scan-result.schema.json").read_text())
SEED_PDF = text_pdf(pages=2)
FUZZ = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Pieces of contracts, so that random text also reaches headings, clauses and attributes.
LEGAL_PIECES = [
    "1.",
    "12.3",
    "(a)",
    "ARTICLE IV",
    "Section 5 -",
    "Warranty.",
    "Governing Law.",
    "Termination",
    "twelve (12) months",
    "99.9%",
    "$1,000,000",
    "within thirty (30) days",
    "shall",
    "Supplier",
    "audit",
    "\n",
    "\n\n",
    "\f",
    "§",
    ":",
    ";",
]


def assert_a_typed_result(path: Path, **options) -> None:
    result = contractkit.analyze(path, timeout=30, **options)
    jsonschema.validate(result.to_dict(), SCHEMA)
    if result.error is not None:  # an unreadable file: its error, and nothing read from it
        assert not result.ok and result.error.code and result.file == str(path)
        assert (result.clauses, result.findings, result.presence) == ([], [], {})
        assert result.contract_type is None and result.license_audit is None
    else:  # a readable one went through every stage: typed, clauses inside the contract
        assert result.ok and result.contract_type is not None
        assert all(0 <= hit.start < hit.end for hit in result.clauses)


@st.composite
def mutated_pdfs(draw: st.DrawFn) -> bytes:
    """The seed PDF with bytes flipped, cut, or inserted (the xref and streams included)."""
    data = bytearray(SEED_PDF)
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "cut", "insert"]))
        if action == "flip":
            data[position] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[position : position + draw(st.integers(1, 512))]
        else:
            data[position:position] = draw(st.binary(min_size=1, max_size=64))
        if not data:
            break
    return bytes(data)


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
@FUZZ
@given(data=st.one_of(mutated_pdfs(), st.binary(max_size=2048).map(b"%PDF-1.7\n".__add__)))
def test_any_pdf_bytes_end_in_a_result(tmp_path, engine, data):
    path = tmp_path / "fuzzed.pdf"
    path.write_bytes(data)
    assert_a_typed_result(path, engine=engine)


@FUZZ
@given(
    text=st.one_of(
        st.text(max_size=2000),
        st.lists(st.sampled_from(LEGAL_PIECES) | st.text(max_size=12), max_size=300).map(" ".join),
        st.just(CONTRACT_TEXT * 3),
    )
)
def test_any_text_goes_through_the_language_stages(tmp_path, text):
    path = tmp_path / "fuzzed.txt"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    assert_a_typed_result(path)


# -- hostile names, cells and YAML (issue 20) ----------------------------------------------

# Any bytes a POSIX file name may hold (no "/" nor NUL): os.fsdecode gives the name Python
# uses, with lone surrogates for bytes that are not UTF-8.
NAME_BYTES = (
    st.binary(min_size=1, max_size=40)
    .map(lambda raw: raw.replace(b"/", b"_").replace(b"\x00", b"_"))
    .filter(lambda raw: raw not in (b".", b".."))
)


@settings(FUZZ, max_examples=30)
@given(raw=NAME_BYTES)
def test_any_file_name_gets_a_result_a_stored_row_and_every_output(tmp_path, raw):
    from openpyxl import Workbook

    from contractkit.cli import WRITERS
    from contractkit.spreadsheet import safe_cell
    from contractkit.store import ResultStore

    path = Path(os.fsdecode(bytes(tmp_path) + b"/" + raw + b".txt"))
    path.write_text(CONTRACT_TEXT)
    result = contractkit.analyze(path)
    assert result.ok and result.file == str(path)
    with ResultStore(tmp_path / "store.sqlite") as store:
        assert store.put(result, "pdfplumber", "k")
        assert store.get(result.sha256, "pdfplumber", "k").file == str(path)
    for write in WRITERS.values():
        out = io.StringIO()
        write([result], out)
        text = out.getvalue()
        text.encode("utf-8")  # writable to any UTF-8 file or terminal
        assert "\x1b" not in text and "\u202e" not in text
    book = Workbook()
    book.active.append([safe_cell(result.file)])
    book.save(tmp_path / "names.xlsx")


@FUZZ
@given(text=st.text(max_size=200) | st.text(alphabet=st.characters(max_codepoint=0x9F)))
def test_any_text_is_a_cell_a_spreadsheet_can_hold_and_never_a_formula(tmp_path, text):
    from openpyxl import Workbook, load_workbook

    from contractkit.spreadsheet import FORMULA_PREFIXES, safe_cell

    cell = safe_cell(text)
    assert not cell.startswith(FORMULA_PREFIXES)
    book = Workbook()
    book.active["A1"] = cell
    book.save(tmp_path / "cell.xlsx")
    assert (load_workbook(tmp_path / "cell.xlsx").active["A1"].value or "") == cell


YAML_PIECES = [
    *("&a", "*a", "&b", "*b", "[", "]", "{", "}", ": ", ", ", "- ", "\n", "  ", "!!"),
    *("!!python/name:os.system", "<<: ", "name", "rules", "x", "'", '"', "#", "|"),
]


@FUZZ
@given(
    text=st.one_of(
        st.text(max_size=300),
        st.lists(st.sampled_from(YAML_PIECES), max_size=80).map("".join),
    )
)
def test_any_yaml_is_a_playbook_or_a_playbook_error(text):
    from contractkit.review.playbook import PlaybookError, parse_playbook

    try:
        parse_playbook(text, "fuzzed.yaml")
    except PlaybookError as error:
        assert error.file == "fuzzed.yaml" and error.problem


# -- names drawn in charts: never markup (issue 20) -----------------------------------------

# What matplotlib's mathtext and TeX give a meaning to.
MARKUP_PIECES = [
    *("$", "\\frac", "\\", "^", "_", "{", "}", "%", "#", "&", "~", "\\alpha", "$$", "a"),
    *("\n", "\x1b[2J", "\u202e", "\ud8ff", "\udcff", ".pdf", " "),
]
MARKUP_NAMES = st.one_of(
    st.lists(st.sampled_from(MARKUP_PIECES), min_size=1, max_size=12).map("".join),
    NAME_BYTES.map(os.fsdecode),
)


@pytest.fixture(scope="module")
def one_result():
    folder = Path(os.environ.get("TMPDIR", "/tmp"))
    path = folder / f"contractkit-fuzz-{os.getpid()}.txt"
    path.write_text(CONTRACT_TEXT)
    try:
        return contractkit.analyze(path)
    finally:
        path.unlink()


@settings(FUZZ, max_examples=30)
@given(names=st.lists(MARKUP_NAMES, min_size=1, max_size=3))
def test_any_file_name_is_drawn_in_the_heatmap_as_written(one_result, names):
    from dataclasses import replace

    from PIL import Image

    from contractkit.widgets.heatmap import heatmap_png, presence_matrix

    results = [replace(one_result, file=f"/contracts/{name}") for name in names]
    matrix = presence_matrix(results)
    assert len(matrix) == len(names)
    with Image.open(io.BytesIO(heatmap_png(matrix))) as picture:
        assert picture.format == "PNG" and picture.width > 100
