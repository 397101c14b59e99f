"""Ingestion of the sample contracts against their ground truth, with both engines."""

from __future__ import annotations

import json
from functools import cache

import pdfplumber
import pytest
from conftest import SAMPLES, sample_truths

import contractkit
from contractkit.errors import NoTextLayer
from contractkit.textutil import normalize_space

ENGINES = ["pdfplumber", "pdfium"]
TEXT_SAMPLES = [t for t in sample_truths() if "scanned" not in t["file"]]
SCANNED_SAMPLES = [t for t in sample_truths() if "scanned" in t["file"]]
CUAD_SAMPLES = [
    json.loads(line) for line in (SAMPLES / "cuad" / "labels.jsonl").read_text().splitlines()
]


@cache
def loaded(file: str, engine: str) -> contractkit.Document:
    return contractkit.load(SAMPLES / file, engine=engine)


def params(truths: list[dict]) -> list:
    return [pytest.param(t, e, id=f"{t['file']}-{e}") for t in truths for e in ENGINES]


@pytest.mark.parametrize(("truth", "engine"), params(TEXT_SAMPLES))
def test_every_truth_clause_is_in_the_text_on_its_page(truth, engine):
    doc = loaded(truth["file"], engine)
    assert doc.page_count == truth["pages"]
    for clause in truth["clauses"]:
        start = doc.find(clause["text"])
        assert start >= 0, clause["text"]
        assert doc.page_of(start) == clause["page"], clause["text"]


@pytest.mark.parametrize(("truth", "engine"), params(TEXT_SAMPLES))
def test_clause_boxes_cover_the_drawn_text(truth, engine):
    """Cropping the page at a clause's first box gives back that clause's first words."""
    doc = loaded(truth["file"], engine)
    with pdfplumber.open(SAMPLES / truth["file"]) as pdf:
        for clause in truth["clauses"]:
            start = doc.find(clause["text"])
            end = start + len(clause["text"]) // 3
            box = doc.locate(start, end)[0]
            drawn = pdf.pages[box.page - 1].crop(box.bbox, strict=False).extract_text()
            first_word = doc.text[start:end].split()[0]
            assert first_word in drawn, (clause["text"], drawn)


@pytest.mark.parametrize(("truth", "engine"), params(TEXT_SAMPLES))
def test_running_headers_and_footers_are_not_in_the_text(truth, engine):
    doc = loaded(truth["file"], engine)
    if truth["running_header"]:
        assert truth["running_header"] not in doc.text
        assert any(line.kind == "header" for page in doc.pages for line in page.furniture)
    pattern = truth["running_footer_pattern"]
    if pattern:
        for page in doc.pages:
            footer = pattern.format(n=page.number, m=doc.page_count)
            assert footer in [line.text for line in page.furniture]
            assert f"\n{footer}\n" not in doc.text


@pytest.mark.parametrize(("truth", "engine"), params(TEXT_SAMPLES))
def test_hyphenated_words_read_whole(truth, engine):
    doc = loaded(truth["file"], engine)
    for word in truth["hyphenated_words"]:
        assert f"{word[:3]}-\n" not in doc.text
        places = [len(doc.locate(m, m + len(word))) for m in _occurrences(doc.text, word)]
        assert 2 in places, f"{word} is one word of the text drawn on two lines"


def _occurrences(text: str, word: str) -> list[int]:
    found, start = [], text.find(word)
    while start >= 0:
        found.append(start)
        start = text.find(word, start + 1)
    return found


@pytest.mark.parametrize(("truth", "engine"), params(TEXT_SAMPLES))
def test_table_rows_read_cell_by_cell(truth, engine):
    doc = loaded(truth["file"], engine)
    for row in truth["table_rows"]:
        assert " | ".join(row) in doc.text


@pytest.mark.parametrize(("truth", "engine"), params(TEXT_SAMPLES))
def test_two_column_pages_read_left_column_first(truth, engine):
    doc = loaded(truth["file"], engine)
    for number in truth["two_column_pages"]:
        on_page = [c for c in truth["clauses"] if c["page"] == number and doc.find(c["text"]) >= 0]
        by_text = sorted(on_page, key=lambda c: doc.find(c["text"]))
        lefts = [doc.locate(doc.find(c["text"]), doc.find(c["text"]) + 1)[0].x0 for c in by_text]
        middle = doc.pages[number - 1].width / 2
        sides = [x < middle for x in lefts]
        assert sides == sorted(sides, reverse=True), "all left-column clauses come first"


@pytest.mark.parametrize(("truth", "engine"), params(SCANNED_SAMPLES))
def test_scanned_sample_is_reported_as_such_without_ocr(truth, engine):
    """With OCR (the default) it is read: tests/test_ocr.py."""
    with pytest.raises(NoTextLayer, match="scan"):
        contractkit.load(SAMPLES / truth["file"], engine=engine, ocr=False)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("record", CUAD_SAMPLES, ids=lambda r: r["id"][:30])
def test_real_cuad_contracts_contain_their_annotated_clauses(record, engine):
    doc = contractkit.load(SAMPLES / "cuad" / record["pdf"], engine=engine)
    spans = [s for spans in record["clauses"].values() for s in spans if "<omitted>" not in s]
    found = [s for s in spans if doc.find(s) >= 0]
    # CUAD's text comes from another extractor, with page numbers and footers inside spans
    # that cross a page break: most annotated spans must still be found verbatim.
    assert len(found) >= 0.75 * len(spans)
    assert all(doc.page_of(doc.find(s)) is not None for s in found)


def test_both_engines_read_the_samples_alike():
    for truth in TEXT_SAMPLES:
        texts = [normalize_space(loaded(truth["file"], e).text) for e in ENGINES]
        assert texts[0] == texts[1], truth["file"]
