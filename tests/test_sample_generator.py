"""The synthetic sample contracts: reproducible, and their truth files match the PDFs."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest

from contractkit.detect.taxonomy import load_taxonomy

SAMPLES = Path(__file__).resolve().parents[1] / "sample_contracts"
GENERATOR = SAMPLES / "generate.py"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
TRUTH_FILES = sorted(SAMPLES.glob("*.truth.json"))
STEMS = [p.name.removesuffix(".truth.json") for p in TRUTH_FILES]

CLAUSE_TYPES = set(load_taxonomy())
ATTRIBUTES = {
    "sla": {"uptime_pct", "response_hours", "resolution_hours", "service_credits"},
    "warranty": {"duration_months", "remedies"},
    "warranty_duration": {"duration_months"},
    "returns": {"window_days", "restocking_pct", "doa", "doa_days"},
    "audit_rights": {
        "notice_days",
        "max_per_year",
        "cost_shift_pct",
        "auditor",
        "remediation_pricing",
        "back_maintenance_months",
        "uplift_pct",
    },
    "data_erasure": {"deadline_days", "certificate", "personal_data"},
    "breach_notification": {"deadline_hours"},
    "renewal_term": {"days"},
    "notice_period_to_terminate_renewal": {"days"},
    "cap_on_liability": {"amount", "currency", "fees_multiple", "months_of_fees"},
    "delivery": {"lead_time_days"},
    "price_increase": {"cap_pct", "index"},
    "payment_terms": {"days"},
}
KEY_TYPES = {"sla", "warranty", "returns", "audit_rights", "data_erasure"}


def load_truth(stem: str) -> dict:
    return json.loads((SAMPLES / f"{stem}.truth.json").read_text(encoding="utf-8"))


def fold(text: str) -> str:
    """Join words hyphenated across a line break, then collapse whitespace."""
    return " ".join(text.replace("-\n", "").split())


def page_texts(page) -> list[str]:
    """The page's text, plus the text of each half of the page (for two-column pages)."""
    mid = page.width / 2
    halves = [page.crop((0, 0, mid, page.height)), page.crop((mid, 0, page.width, page.height))]
    return [page.extract_text(), *(half.extract_text() for half in halves)]


def text_stems() -> list[str]:
    return [s for s in STEMS if "image_only" not in load_truth(s)["layout"]]


def image_stems() -> list[str]:
    return [s for s in STEMS if "image_only" in load_truth(s)["layout"]]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    # The generator embeds Debian's DejaVu fonts (for the euro sign); the committed PDFs
    # are what every other test reads, so only regeneration needs them.
    if not FONT_DIR.is_dir():
        pytest.skip(f"{FONT_DIR} is absent (Debian package fonts-dejavu-core)")
    out = tmp_path_factory.mktemp("sample_contracts")
    subprocess.run(
        [sys.executable, str(GENERATOR), "--out", str(out)],
        check=True,
        capture_output=True,
        cwd=SAMPLES.parent,
    )
    return out


def test_committed_samples_exist():
    assert len(STEMS) >= 7
    for stem in STEMS:
        assert (SAMPLES / f"{stem}.pdf").is_file()


def test_generator_writes_the_committed_set_of_files(generated):
    committed = {p.name for p in SAMPLES.glob("*.pdf")} | {p.name for p in TRUTH_FILES}
    committed |= {p.name for p in SAMPLES.glob("*.docx")}
    assert {p.name for p in generated.iterdir()} == committed


@pytest.mark.parametrize("stem", STEMS)
def test_generator_reproduces_truth_file(generated, stem):
    name = f"{stem}.truth.json"
    assert (generated / name).read_text(encoding="utf-8") == (SAMPLES / name).read_text(
        encoding="utf-8"
    ), f"{name} differs: regenerate with `python sample_contracts/generate.py`"


def pdf_content(path: Path) -> list[tuple]:
    """What a reader sees on each page: size, every character with its place, font and
    size, the ruling lines and boxes, and each image's pixels. Not the bytes: the embedded
    font subsets change with the fontTools release that made them."""
    with pdfplumber.open(path) as pdf:
        return [
            (
                page.width,
                page.height,
                [(c["text"], c["x0"], c["top"], c["fontname"], c["size"]) for c in page.chars],
                [(e["x0"], e["top"], e["x1"], e["bottom"]) for e in page.lines + page.rects],
                [im["stream"].get_data() for im in page.images],
            )
            for page in pdf.pages
        ]


@pytest.mark.parametrize("stem", STEMS)
def test_generator_reproduces_pdf_content(generated, stem):
    name = f"{stem}.pdf"
    assert pdf_content(generated / name) == pdf_content(SAMPLES / name), (
        f"{name} differs: regenerate with `python sample_contracts/generate.py`"
    )


@pytest.mark.parametrize("name", [p.name for p in SAMPLES.glob("*.docx")])
def test_generator_reproduces_docx_bytes(generated, name):
    assert (generated / name).read_bytes() == (SAMPLES / name).read_bytes(), (
        f"{name} differs: regenerate with `python sample_contracts/generate.py`"
    )


def test_one_sample_has_a_docx_twin():
    assert [p.stem for p in SAMPLES.glob("*.docx")] == ["software_license_audit"]


@pytest.mark.parametrize("stem", STEMS)
def test_truth_file_is_well_formed(stem):
    truth = load_truth(stem)
    assert truth["file"] == f"{stem}.pdf"
    assert truth["title"] and len(truth["parties"]) >= 2
    with pdfplumber.open(SAMPLES / truth["file"]) as pdf:
        assert truth["pages"] == len(pdf.pages)
    assert 1 <= truth["pages"] <= 5
    found = set()
    for clause in truth["clauses"]:
        assert clause["type"] in CLAUSE_TYPES
        assert 1 <= clause["page"] <= truth["pages"]
        assert clause["text"] == fold(clause["text"])
        assert set(clause["attributes"]) <= ATTRIBUTES.get(clause["type"], set())
        found.add(clause["type"])
    assert not found & set(truth["absent"])
    assert KEY_TYPES.issubset(found | set(truth["absent"]))


@pytest.mark.parametrize("stem", text_stems())
def test_truth_texts_appear_on_their_pages(stem):
    truth = load_truth(stem)
    with pdfplumber.open(SAMPLES / truth["file"]) as pdf:
        texts = [[fold(t) for t in page_texts(page)] for page in pdf.pages]
    for clause in truth["clauses"]:
        on_page = texts[clause["page"] - 1]
        assert any(clause["text"] in t for t in on_page), (clause["type"], clause["text"][:80])


@pytest.mark.parametrize("stem", text_stems())
def test_hyphenated_words_are_split_across_lines(stem):
    truth = load_truth(stem)
    with pdfplumber.open(SAMPLES / truth["file"]) as pdf:
        raw = "\n".join(text for page in pdf.pages for text in page_texts(page))
    for word in truth["hyphenated_words"]:
        splits = [word[:i] + "-\n" + word[i:] for i in range(2, len(word) - 1)]
        assert any(s in raw for s in splits), word


@pytest.mark.parametrize("stem", text_stems())
def test_running_header_and_footer(stem):
    truth = load_truth(stem)
    header, footer = truth["running_header"], truth["running_footer_pattern"]
    with pdfplumber.open(SAMPLES / truth["file"]) as pdf:
        for n, page in enumerate(pdf.pages, start=1):
            lines = page.extract_text().splitlines()
            if header:
                assert lines[0] == header
            if footer:
                assert lines[-1] == footer.format(n=n, m=len(pdf.pages))


@pytest.mark.parametrize("stem", text_stems())
def test_two_column_pages_have_two_columns(stem):
    truth = load_truth(stem)
    with pdfplumber.open(SAMPLES / truth["file"]) as pdf:
        for number in truth["two_column_pages"]:
            page = pdf.pages[number - 1]
            mid = page.width / 2
            straddling = [w for w in page.extract_words() if w["x0"] < mid < w["x1"]]
            # below the full-width title block and above the page-number footer
            body = [w for w in straddling if page.height / 3 < w["top"] < page.height * 0.9]
            assert not body, f"page {number}: words cross the gutter: {body[:3]}"


@pytest.mark.parametrize("stem", text_stems())
def test_ruled_tables_are_found_by_pdfplumber(stem):
    truth = load_truth(stem)
    with pdfplumber.open(SAMPLES / truth["file"]) as pdf:
        for table in truth["tables"]:
            found = pdf.pages[table["page"] - 1].extract_tables()
            rows = [[fold(cell or "") for cell in row] for t in found for row in t]
            assert table["header"] in rows
            for row in table["rows"]:
                assert row in rows
    assert truth["table_rows"] == [row for t in truth["tables"] for row in t["rows"]]


@pytest.mark.parametrize("stem", image_stems())
def test_scanned_pdf_has_no_text_layer(stem):
    truth = load_truth(stem)
    with pdfplumber.open(SAMPLES / truth["file"]) as pdf:
        assert len(pdf.pages) == truth["pages"]
        for page in pdf.pages:
            assert not page.chars
            assert len(page.images) >= 1


@pytest.mark.parametrize("stem", image_stems())
def test_scanned_truth_matches_its_source_text(stem, tmp_path, monkeypatch):
    """The scan is rendered from a text PDF; the truth texts must be on its pages."""
    monkeypatch.syspath_prepend(str(SAMPLES))
    from samplegen.contracts import CONTRACTS
    from samplegen.layout import render

    contract = next(c for c in CONTRACTS if c.stem == stem)
    source = tmp_path / "source.pdf"
    source.write_bytes(render(contract).pdf)
    truth = load_truth(stem)
    with pdfplumber.open(source) as pdf:
        assert len(pdf.pages) == truth["pages"]
        texts = [fold(page.extract_text()) for page in pdf.pages]
    for clause in truth["clauses"]:
        assert clause["text"] in texts[clause["page"] - 1], clause["text"][:80]


def test_hyphenation_in_at_least_two_contracts():
    assert sum(bool(load_truth(s)["hyphenated_words"]) for s in STEMS) >= 2


def test_no_stray_soft_hyphens():
    for stem in STEMS:
        assert not re.search("[\u00ad~]", (SAMPLES / f"{stem}.truth.json").read_text("utf-8"))
