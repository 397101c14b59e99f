"""OCR of image-only PDF pages with Tesseract: the scanned sample, mixed PDFs, options."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytesseract
import pytest
from conftest import SAMPLES, require_tesseract
from fpdf import FPDF

import contractkit
from contractkit.cli import main
from contractkit.errors import NoTextLayer, ParseTimeout


@pytest.fixture(scope="module", autouse=True)
def _tesseract() -> None:
    require_tesseract()


SCANNED = SAMPLES / "scanned_hardware_purchase.pdf"
TRUTH = json.loads((SAMPLES / "scanned_hardware_purchase.truth.json").read_text("utf-8"))
TEXT_SAMPLE = SAMPLES / "hardware_framework_purchase.pdf"
GERMAN = (
    "Gewährleistung. Der Lieferant übernimmt für die gelieferte Ware eine Gewährleistung"
    " von vierundzwanzig Monaten ab Übergabe. Mängel sind unverzüglich schriftlich"
    " anzuzeigen; für Schäden aus grober Fahrlässigkeit haftet der Lieferant unbeschränkt."
)


@pytest.fixture(scope="module")
def scanned() -> contractkit.Document:
    return contractkit.load(SCANNED)


@pytest.fixture(scope="module")
def scanned_result(scanned) -> contractkit.ContractResult:
    from contractkit.scan import analyze_document

    return analyze_document(scanned)


def _words(text: str) -> list[str]:
    return [w.strip(".,;:()“”\"'") for w in text.split()]


def test_the_scan_is_read_by_ocr(scanned):
    assert scanned.engine == "ocr"
    assert scanned.metadata["ocr_pages"] == [1, 2]
    assert scanned.metadata["ocr_lang"] == "eng"
    assert scanned.scanned_pages == []
    assert scanned.warnings[0].startswith("pages 1, 2 read by OCR (Tesseract, eng;")


def test_ground_truth_texts_are_read_on_their_pages(scanned):
    """OCR may misread a letter or two; nearly every word of each clause is on its page."""
    for clause in TRUTH["clauses"]:
        page_words = {
            word
            for line in scanned.pages[clause["page"] - 1].body_lines
            for word in _words(line.text)
        }
        truth_words = _words(clause["text"])
        found = sum(word in page_words for word in truth_words)
        assert found >= 0.9 * len(truth_words), (clause["type"], clause["text"])


def test_ground_truth_clauses_are_detected_with_boxes_on_their_page(scanned_result):
    assert scanned_result.engine == "ocr"
    for clause in TRUTH["clauses"]:
        hits = [h for h in scanned_result.clauses if h.type == clause["type"]]
        assert any(h.page == clause["page"] and h.boxes for h in hits), clause["type"]


def test_the_scan_gives_the_clauses_of_the_text_pdf_it_was_made_from(scanned_result, tmp_path):
    """The generator renders the contract as a text PDF before rasterising it: reading
    the scan must find the same clause types with the same attributes."""
    sys.path.insert(0, str(SAMPLES))
    try:
        from samplegen.contracts import CONTRACTS
        from samplegen.layout import render
    finally:
        sys.path.remove(str(SAMPLES))
    contract = next(c for c in CONTRACTS if c.stem == SCANNED.stem)
    source = tmp_path / "source.pdf"
    source.write_bytes(render(contract).pdf)
    text_result = contractkit.analyze(source)
    assert scanned_result.present_types == text_result.present_types
    assert _attributes(scanned_result) == _attributes(text_result)


def _attributes(result: contractkit.ContractResult) -> dict[str, list]:
    found: dict[str, list] = {}
    for hit in result.clauses:
        for name, value in hit.attributes.items():
            found.setdefault(f"{hit.type}.{name}", [])
            if value not in found[f"{hit.type}.{name}"]:
                found[f"{hit.type}.{name}"].append(value)
    return {key: sorted(values, key=repr) for key, values in found.items()}


def test_word_boxes_are_inside_their_page_and_map_back_to_the_text(scanned):
    for word in scanned.words:
        page = scanned.pages[word.page - 1]
        assert 0 <= word.x0 < word.x1 <= page.width
        assert 0 <= word.top < word.bottom <= page.height
        assert scanned.text[word.start : word.end] in word.text


def test_boxes_land_on_the_scanned_ink(scanned):
    """Each truth clause's first box covers dark pixels of the page image; the same box
    moved into the blank left margin covers none."""
    pdf = pdfium.PdfDocument(SCANNED)
    scale = 100 / 72
    images = [pdf[i].render(scale=scale, grayscale=True).to_pil() for i in range(len(pdf))]
    pdf.close()
    for clause in TRUTH["clauses"]:
        start = scanned.find(clause["text"][:30])
        if start < 0:
            continue  # an OCR misreading in the first words; the text test covers it
        box = scanned.locate(start, start + 30)[0]
        image = images[box.page - 1]
        crop = image.crop([round(v * scale) for v in box.bbox])
        assert crop.getextrema()[0] < 100, clause["type"]
        margin = image.crop([2, round(box.top * scale), 2 + 20, round(box.bottom * scale)])
        assert margin.getextrema()[0] > 200


def test_running_footers_of_the_scan_are_furniture(scanned):
    for page in scanned.pages:
        footer = TRUTH["running_footer_pattern"].format(n=page.number, m=scanned.page_count)
        assert footer in [line.text for line in page.furniture]
        assert footer not in scanned.text


# -- mixed PDFs ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mixed_pdf(tmp_path_factory) -> Path:
    """Page 1 of a text sample, then page 2 of the scanned sample."""
    mixed = pdfium.PdfDocument.new()
    for source, index in ((TEXT_SAMPLE, 0), (SCANNED, 1)):
        pdf = pdfium.PdfDocument(source)
        mixed.import_pages(pdf, [index])
        pdf.close()
    path = tmp_path_factory.mktemp("mixed") / "mixed.pdf"
    mixed.save(path)
    mixed.close()
    return path


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_a_mixed_pdf_ocrs_only_its_image_pages(mixed_pdf, engine):
    doc = contractkit.load(mixed_pdf, engine=engine)
    assert doc.engine == "ocr"
    assert doc.metadata["ocr_pages"] == [2]
    text_page = contractkit.load(TEXT_SAMPLE, engine=engine).pages[0]
    assert [w.text for w in doc.pages[0].words] == [w.text for w in text_page.words]
    assert all(w.fontname != "ocr" for w in doc.pages[0].words)
    assert doc.pages[1].words and all(w.fontname == "ocr" for w in doc.pages[1].words)
    assert doc.find("This Agreement is governed by the laws of Ireland.") >= 0


def test_without_ocr_a_mixed_pdf_keeps_its_text_pages_and_warns(mixed_pdf):
    doc = contractkit.load(mixed_pdf, ocr=False)
    assert doc.engine == "pdfplumber"
    assert doc.scanned_pages == [2]
    assert doc.warnings == ["page 2 has no text layer (a scanned image); its text is missing"]


# -- options and failures --------------------------------------------------------------


def _image_only_pdf(text: str, tmp_path: Path) -> Path:
    """`text` typeset by fpdf2, rendered at 200 dpi, saved as an image-only PDF."""
    source = FPDF()
    source.add_page()
    source.set_font("Helvetica", size=12)
    source.multi_cell(0, 7, text)
    pdf = pdfium.PdfDocument(bytes(source.output()))
    image = pdf[0].render(scale=200 / 72, grayscale=True).to_pil()
    pdf.close()
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=200)
    path = tmp_path / "scan.pdf"
    path.write_bytes(buffer.getvalue())
    return path


def test_the_ocr_language_is_selectable(tmp_path):
    """German read as German gets every umlaut; read as English it loses some."""
    path = _image_only_pdf(GERMAN, tmp_path)
    umlaut_words = ("Gewährleistung", "übernimmt", "Übergabe", "Fahrlässigkeit", "für")
    read = {}
    for lang in ("deu", "eng"):
        doc = contractkit.load(path, ocr_lang=lang)
        assert doc.metadata["ocr_lang"] == lang
        read[lang] = [word for word in umlaut_words if word in _words(doc.text)]
    assert read["deu"] == list(umlaut_words)
    assert len(read["eng"]) < len(umlaut_words)


def test_a_language_without_data_gives_an_install_hint(tmp_path):
    path = _image_only_pdf(GERMAN, tmp_path)
    with pytest.raises(NoTextLayer, match=r"no fra language data.*tesseract-ocr-fra"):
        contractkit.load(path, ocr_lang="fra")


def test_a_malformed_language_is_a_usage_error():
    with pytest.raises(ValueError, match="ocr_lang"):
        contractkit.load(SCANNED, ocr_lang="eng; rm -rf")


def test_without_tesseract_the_scan_is_no_text_layer_with_an_install_hint(monkeypatch, mixed_pdf):
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    with pytest.raises(NoTextLayer, match=r"Tesseract is not installed.*apt-get install"):
        contractkit.load(SCANNED)
    doc = contractkit.load(mixed_pdf)
    assert doc.scanned_pages == [2] and doc.engine == "pdfplumber"
    assert any("brew install tesseract" in warning for warning in doc.warnings)


def test_ocr_off_is_no_text_layer():
    with pytest.raises(NoTextLayer, match=r"scan.*OCR is off"):
        contractkit.load(SCANNED, ocr=False)


def test_the_per_page_time_limit_stops_tesseract(mixed_pdf):
    with pytest.raises(ParseTimeout, match="page limit"):
        contractkit.load(SCANNED, ocr_page_timeout=0.001)
    doc = contractkit.load(mixed_pdf, ocr_page_timeout=0.001)
    assert doc.engine == "pdfplumber" and doc.pages[1].words == []
    assert doc.warnings == ["page 2: OCR stopped at the 0.001 s page limit; its text is missing"]


def test_cli_passes_the_ocr_options_through(capsys):
    assert main(["scan", str(SCANNED), "--no-ocr"]) == 0
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "no_text_layer"
    assert main(["scan", str(SCANNED), "--ocr-lang", "fra"]) == 0
    error = json.loads(capsys.readouterr().out)["error"]
    assert error["code"] == "no_text_layer" and "tesseract-ocr-fra" in error["message"]
    with pytest.raises(SystemExit):
        main(["scan", str(SCANNED), "--ocr-lang", "eng;x"])
