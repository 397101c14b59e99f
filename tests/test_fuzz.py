"""Fuzzing: whatever the bytes or the text, reading a contract ends in a result, and the
only failures are typed `ContractKitError`s (bounded runs: a few dozen examples each)."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from bad_files import CONTRACT_TEXT, text_pdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import contractkit
from contractkit.errors import ContractKitError

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
    assert result.error is None or isinstance(result.error, ContractKitError)
    jsonschema.validate(result.to_dict(), SCHEMA)


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
