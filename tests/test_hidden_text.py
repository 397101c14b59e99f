"""Text a reader cannot see does not decide the review (issue 20, first half).

Each attack is built as a real file (fpdf2 PDFs, python-docx documents) the way a supplier
could send it; both PDF engines read it. The control for every attack is the same clause
printed visibly: it must be detected, or the test would pass for the wrong reason.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
import matplotlib
import pytest
from docx.shared import RGBColor
from fpdf import FPDF
from fpdf.enums import TextMode
from PIL import Image

from contractkit import analyze, load
from contractkit.ingest.visibility import (
    CLIPPED,
    FORMAT_CHARACTERS,
    INVISIBLE,
    OFF_PAGE,
    SAME_COLOUR,
    TINY,
    hides_characters,
    strip_invisible,
)
from contractkit.widgets.explorer import ContractExplorer

ENGINES = ("pdfplumber", "pdfium")
SAMPLES = Path(__file__).parent.parent / "sample_contracts"
UNICODE_FONT = os.path.join(
    os.path.dirname(matplotlib.__file__), "mpl-data/fonts/ttf/DejaVuSans.ttf"
)

BASE = [
    "SOFTWARE AS A SERVICE AGREEMENT",
    "1. Services. The Provider shall make the hosted Service available to the Customer.",
    "2. Fees. The Customer shall pay the subscription fees monthly in advance.",
    "3. Term. This Agreement starts on the Effective Date and runs for one year.",
    "4. Governing Law. This Agreement is governed by the laws of England.",
]
# The clauses a supplier might want a review to count without the customer reading them.
PLANTED = {
    "sla": "5. Service Levels. The Provider shall make the Service available 99.9% of the "
    "time each month, and shall credit 10% of the monthly fee for each missed level.",
    "limitation_of_liability": "6. Limitation of Liability. The Provider's aggregate "
    "liability shall not exceed the fees paid in the twelve months before the claim.",
    "data_protection": "7. Data Protection. The Provider shall process Customer personal "
    "data only on documented instructions and in accordance with the GDPR.",
}


def _pdf(path: Path, planted: str | None) -> Path:
    """The base contract, and the planted clauses written the way `planted` says:
    None (left out), "visible", "invisible" (render mode 3), "white", "off_page", "tiny",
    "clipped"."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    y = 80
    for line in BASE:
        pdf.text(60, y, line)
        y += 24
    for clause in PLANTED.values() if planted else ():
        for part in (clause[:90], clause[90:]):
            if planted == "visible":
                pdf.text(60, y, part)
            elif planted == "invisible":
                with pdf.local_context(text_mode=TextMode.INVISIBLE):
                    pdf.text(60, y, part)
            elif planted == "white":
                with pdf.local_context(text_color=(255, 255, 255)):
                    pdf.text(60, y, part)
            elif planted == "off_page":
                pdf.text(-2000, y, part)
            elif planted == "tiny":
                with pdf.local_context(font_size=0.4):
                    pdf.text(60, y, part)
            elif planted == "clipped":  # drawn inside a 1 pt clip in the page's corner
                pdf._out("q 0 0 1 1 re W n")
                pdf.text(60, y, part)
                pdf._out("Q")
            y += 14
        y += 10
    pdf.output(str(path))
    return path


def _missing(result) -> set[str]:
    return {f.clause_type for f in result.findings if f.kind == "missing_clause"}


@pytest.fixture(scope="module")
def base_results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hidden")
    out = {}
    for planted in (None, "visible"):
        path = _pdf(folder / f"{planted}.pdf", planted)
        out[planted] = {engine: analyze(path, engine=engine) for engine in ENGINES}
    return out


@pytest.mark.parametrize("engine", ENGINES)
def test_the_planted_clauses_count_when_printed(base_results, engine):
    """The control: printed, the planted clauses are found, so the attack below would work
    if hidden text were read."""
    printed, without = base_results["visible"][engine], base_results[None][engine]
    for clause_type in PLANTED:
        assert printed.has(clause_type), clause_type
    assert _missing(printed) < _missing(without)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("planted", "reason"),
    [
        ("invisible", INVISIBLE.format(mode=3)),
        ("white", SAME_COLOUR),
        ("off_page", OFF_PAGE),
        ("tiny", TINY),
        ("clipped", CLIPPED),
    ],
)
def test_hidden_clauses_do_not_change_the_review_and_are_reported(
    base_results, tmp_path, engine, planted, reason
):
    path = _pdf(tmp_path / f"{planted}.pdf", planted)
    document = load(path, engine=engine, ocr=False)
    result = analyze(path, engine=engine)
    without = base_results[None][engine]

    assert "available 99.9%" not in document.text and "GDPR" not in document.text
    for clause_type in PLANTED:
        assert not result.has(clause_type), clause_type
    assert _missing(result) == _missing(without)
    # reported: where it sits, why, and as a high risk finding naming the page
    assert {h.reason for h in document.hidden_text} == {reason}
    assert all(h.page == 1 for h in document.hidden_text)
    assert any("99.9%" in h.text for h in document.hidden_text)
    assert any(w.startswith("page 1: text hidden from the reader") for w in result.warnings)
    (risk,) = [f for f in result.findings if f.clause_type == "hidden_text"]
    assert risk.kind == "risk" and risk.pages == (1,)
    assert risk.severity == ("medium" if planted == "tiny" else "high")
    assert result.to_dict()["hidden_text"][0]["page"] == 1


@pytest.mark.parametrize("engine", ENGINES)
def test_hidden_text_is_boxed_where_it_was_written(tmp_path, engine):
    document = load(_pdf(tmp_path / "invisible.pdf", "invisible"), engine=engine, ocr=False)
    first = min(document.hidden_text, key=lambda h: h.bbox[1])
    x0, top, _x1, bottom = first.bbox
    # fpdf2 wrote the first planted line at x = 60 pt on the baseline y = 80 + 5 * 24 pt
    assert abs(x0 - 60) < 2 and top < 200 < bottom + 3


def test_the_ocr_layer_of_a_searchable_scan_is_read(tmp_path):
    """Invisible text over an image is what OCR software adds to a scan: the reader sees
    the words in the image, so they are the contract's text."""
    picture = tmp_path / "scan.png"
    Image.new("RGB", (400, 60), (250, 250, 245)).save(picture)
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.image(str(picture), x=50, y=60, w=400, h=60)
    pdf.set_font("Helvetica", size=10)
    with pdf.local_context(text_mode=TextMode.INVISIBLE):
        pdf.text(60, 95, "The Supplier warrants that the Software is free from defects.")
    path = tmp_path / "searchable.pdf"
    pdf.output(str(path))
    for engine in ENGINES:
        document = load(path, engine=engine, ocr=False)
        assert "free from defects" in document.text
        assert document.hidden_text == []


def test_light_text_on_a_dark_band_is_visible(tmp_path):
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.text(60, 60, "MASTER SERVICES AGREEMENT")
    pdf.set_fill_color(20, 20, 80)
    pdf.rect(50, 80, 400, 30, style="F")
    with pdf.local_context(text_color=(255, 255, 255)):
        pdf.text(60, 100, "SCHEDULE 2: SERVICE LEVELS")
    path = tmp_path / "band.pdf"
    pdf.output(str(path))
    for engine in ENGINES:
        document = load(path, engine=engine, ocr=False)
        assert "SCHEDULE 2: SERVICE LEVELS" in document.text
        assert document.hidden_text == []


@pytest.mark.parametrize("engine", ENGINES)
def test_zero_width_characters_do_not_break_words(tmp_path, engine):
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.add_font("DejaVu", fname=UNICODE_FONT)
    pdf.set_font("DejaVu", size=10)
    pdf.text(60, 80, "Licensor may au\u200bdit the use of the li\u200bcensed Software once a year.")
    pdf.text(60, 100, "Each party shall comply with applicable law.")
    path = tmp_path / "zero_width.pdf"
    pdf.output(str(path))
    document = load(path, engine=engine, ocr=False)
    assert "may audit the use of the licensed Software" in document.text
    assert "\u200b" not in document.text
    reported = [h for h in document.hidden_text if h.reason == FORMAT_CHARACTERS]
    assert [h.text for h in reported] == ["au⟨U+200B⟩dit", "li⟨U+200B⟩censed"]


def test_invisible_characters_are_told_from_ordinary_ones():
    assert hides_characters("au\u200bdit") and hides_characters("li\u202ecense")
    assert not hides_characters("manu\u00adfacturer")  # a soft hyphen is a hyphenation point
    assert not hides_characters("\ufeffAgreement")  # a byte-order mark before a word
    assert strip_invisible("a\u200bb\x1b[31mc\nd\te\x00") == "ab[31mc\nd\te"


def _with_zero_width(source: Path, target: Path) -> Path:
    """A copy of a Word document with a zero-width space inside every "audit" and "licen"."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                for word in ("audit", "Audit", "licen", "Licen"):
                    text = text.replace(word, word[:2] + "\u200b" + word[2:])
                data = text.encode("utf-8")
            copy.writestr(item, data)
    return target


def test_zero_width_characters_do_not_lower_the_licence_audit_score(tmp_path):
    """The issue's attack: the aggressive licence's audit-risk score fell 71 -> 8."""
    clean = analyze(SAMPLES / "software_license_audit.docx")
    broken_words = _with_zero_width(SAMPLES / "software_license_audit.docx", tmp_path / "zw.docx")
    attacked = analyze(broken_words)
    assert clean.license_audit is not None and clean.has("audit_rights")
    assert attacked.has("audit_rights")
    assert attacked.license_audit["score"] == clean.license_audit["score"]
    assert any(f.clause_type == "hidden_text" for f in attacked.findings)


def test_hidden_and_white_runs_of_a_word_document_are_left_out(tmp_path):
    document = docx.Document()
    document.add_paragraph("1. Services. The Provider shall host the Service.")
    paragraph = document.add_paragraph("2. Support. ")
    hidden = paragraph.add_run(PLANTED["sla"])
    hidden.font.hidden = True
    paragraph.add_run("Support is provided by e-mail.")
    white = document.add_paragraph().add_run(PLANTED["limitation_of_liability"])
    white.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    path = tmp_path / "hidden.docx"
    document.save(path)

    loaded = load(path)
    assert "99.9%" not in loaded.text and "aggregate liability" not in loaded.text
    assert "2. Support. Support is provided by e-mail." in loaded.text
    reasons = {h.reason for h in loaded.hidden_text}
    assert SAME_COLOUR in reasons and any("hidden" in r for r in reasons)
    result = analyze(path)
    assert not result.has("sla")
    assert any(f.clause_type == "hidden_text" for f in result.findings)


def test_the_explorer_draws_hidden_text_where_it_sits(tmp_path):
    result = analyze(_pdf(tmp_path / "invisible.pdf", "invisible"), engine="pdfium")
    explorer = ContractExplorer([result])
    hidden_options = [value for _label, value in explorer.clauses.options if value < 0]
    assert len(hidden_options) == len(result.hidden_text)
    explorer.clauses.value = hidden_options[0]
    shown = explorer.current_hidden_text
    assert shown is result.hidden_text[0]
    assert "left out of detection and review" in explorer.clause_text.value
    picture = Image.open(io.BytesIO(explorer.page.value)).convert("RGB")
    x0, top, x1, bottom = (round(v) for v in shown.bbox)  # 72 dpi: one pixel per point
    magenta = {
        (x, y)
        for x in range(picture.width)
        for y in range(picture.height)
        if (lambda p: p[0] > 150 and p[1] < 80 and p[2] > 150)(picture.getpixel((x, y)))
    }
    assert magenta, "the hidden text's box is drawn"
    assert all(x0 - 4 <= x <= x1 + 4 and top - 4 <= y <= bottom + 4 for x, y in magenta)
    if folder := os.environ.get("CONTRACTKIT_SCREENSHOTS"):  # `make screenshots`: README picture
        picture.crop((0, 0, picture.width, 360)).save(Path(folder) / "hidden_text_on_page.png")


@pytest.mark.parametrize("engine", ENGINES)
def test_a_line_drawn_twice_with_one_copy_clipped_is_read_once_and_not_reported(tmp_path, engine):
    """Browsers printing a page draw the lines at a page's edge twice, one copy cut away by
    the clip: the reader sees the words once, and nothing is hidden."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.text(60, 80, "The Supplier shall keep the Services available.")
    line = "Each party shall comply with applicable export control laws."
    pdf.text(60, 100, line)
    pdf._out("q 0 0 1 1 re W n")
    pdf.text(60, 120, line)
    pdf._out("Q")
    path = tmp_path / "tiles.pdf"
    pdf.output(str(path))
    document = load(path, engine=engine, ocr=False)
    assert document.text.count("export control") == 1
    assert document.hidden_text == [] and not document.warnings
