"""Ingestion: a contract file becomes a Document that knows where every character sits."""

from __future__ import annotations

import codecs
import hashlib
import logging
import random
import subprocess
import sys

import pytest
from bad_files import image_pdf, text_pdf
from hypothesis import given, settings
from hypothesis import strategies as st
from layout_pdf import HEADER, HYPHEN_LINES, LEFT_COLUMN, RIGHT_COLUMN, TABLE

import contractkit
from contractkit.errors import ERROR_CLASSES, ContractKitError, EncryptedPDF, UnsupportedFormat

ENGINES = ["pdfplumber", "pdfium"]


# -- the document model ----------------------------------------------------------


def test_pages_have_numbers_and_sizes(layout_doc):
    assert [p.number for p in layout_doc.pages] == [1, 2, 3]
    assert all(p.width == pytest.approx(595.28, abs=0.1) for p in layout_doc.pages)
    assert all(p.height == pytest.approx(841.89, abs=0.1) for p in layout_doc.pages)


def test_words_carry_boxes_fonts_and_offsets(layout_doc):
    title = layout_doc.pages[0].body_lines[0]
    assert title.text == "SUPPLY AGREEMENT"
    assert title.bold and title.size == pytest.approx(14, abs=0.5)
    for word in layout_doc.words:
        assert layout_doc.text[word.start : word.end] in word.text
        assert 0 <= word.x0 < word.x1 <= layout_doc.pages[word.page - 1].width
        assert 0 <= word.top < word.bottom <= layout_doc.pages[word.page - 1].height


def test_any_span_maps_back_to_page_and_boxes(layout_doc):
    sentence = "Delivery takes place within ten (10) business days of the order."
    start = layout_doc.find(sentence)
    assert start >= 0
    end = start + len(layout_doc.text[start:].split("order.")[0]) + len("order.")
    boxes = layout_doc.locate(start, end)
    assert [b.page for b in boxes] == [1, 1]  # the sentence wraps onto a second line
    first, second = boxes
    assert second.x0 == pytest.approx(20 * 72 / 25.4, abs=4)  # left column at 20 mm + padding
    assert first.x0 > second.x0  # the span starts after "2. Delivery."
    assert second.top > first.bottom - 1
    assert layout_doc.page_of(start) == 1


def test_locate_is_empty_for_text_outside_any_word(layout_doc):
    assert layout_doc.locate(len(layout_doc.text), len(layout_doc.text) + 5) == []


def test_the_sha256_is_of_the_file_bytes(layout_file):
    doc = contractkit.load(layout_file)
    assert doc.sha256 == hashlib.sha256(layout_file.read_bytes()).hexdigest()


# -- reading order -----------------------------------------------------------------


def test_two_columns_are_read_column_by_column(layout_doc):
    positions = [layout_doc.find(p) for p in LEFT_COLUMN + RIGHT_COLUMN]
    assert all(pos >= 0 for pos in positions)
    assert positions == sorted(positions), "left column first, then the right column"


def test_running_headers_and_page_numbers_leave_the_text_but_stay_in_the_model(layout_doc):
    assert HEADER not in layout_doc.text
    assert "Page 1 of 3" not in layout_doc.text
    furniture = [(line.page, line.kind) for p in layout_doc.pages for line in p.furniture]
    assert (1, "header") in furniture and (3, "header") in furniture
    assert {(n, "page_number") for n in (1, 2, 3)} <= set(furniture)


def test_words_hyphenated_across_lines_are_rejoined(layout_doc):
    assert "original manufacturer for at least" in layout_doc.text
    assert "manu-" not in layout_doc.text
    start = layout_doc.find("manufacturer")
    boxes = layout_doc.locate(start, start + len("manufacturer"))
    assert len(boxes) == 2, "one word, two places on the page"


def test_real_hyphens_are_kept(layout_doc):
    assert "Dead-on-arrival" in layout_doc.text
    assert "non-conforming" in layout_doc.text


def test_table_rows_keep_their_cells_in_order(layout_doc):
    for row in TABLE:
        assert " | ".join(row) in layout_doc.text
    table = layout_doc.pages[1].tables[0]
    assert len(table.rows) == len(TABLE)
    assert all(len(row) == 3 for row in table.rows)


def test_paragraphs_are_separated_by_a_blank_line(layout_doc):
    assert "\n\n2. Delivery." in layout_doc.text
    assert HYPHEN_LINES[0].split()[0] + " Spare Parts" in layout_doc.text


def test_both_engines_produce_the_same_text(layout_file):
    texts = {engine: contractkit.load(layout_file, engine=engine).text for engine in ENGINES}
    assert texts["pdfplumber"] == texts["pdfium"]


# -- plain text ------------------------------------------------------------------------


def test_text_files_load_without_pages(tmp_path):
    path = tmp_path / "contract.txt"
    path.write_text("MASTER AGREEMENT\r\n\r\n1. Term. Twelve months.\n", encoding="utf-8")
    doc = contractkit.load(path)
    assert doc.engine == "text" and doc.pages == []
    assert doc.text == "MASTER AGREEMENT\n\n1. Term. Twelve months.\n"
    assert doc.locate(0, 5) == [] and doc.page_of(0) is None


def test_non_utf8_text_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Gewährleistung: zwölf Monate.".encode("latin-1"))
    doc = contractkit.load(path)
    assert doc.text == "Gewährleistung: zwölf Monate."
    assert doc.warnings == ["not UTF-8; decoded as cp1252"]


CONTRACT_TEXT = (
    "LIEFERVERTRAG / SUPPLY AGREEMENT\n\n1. Price. €1,200 per unit (“Price”); the Supplier’s"
    " liability — capped.\n2. Gewährleistung: zwölf Monate; Geschäftsführer Müller, naïve café.\n"
)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_text_with_a_byte_order_mark_is_read_in_its_encoding(tmp_path, encoding):
    path = tmp_path / "contract.txt"
    data = CONTRACT_TEXT.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    path.write_bytes(data)
    doc = contractkit.load(path)
    assert doc.text == CONTRACT_TEXT
    assert doc.warnings == []  # a mark is not a guess


def test_utf16_without_a_mark_and_cp1252_text_are_read_with_a_warning(tmp_path):
    path = tmp_path / "contract.txt"
    path.write_bytes(CONTRACT_TEXT.encode("utf-16-le"))
    doc = contractkit.load(path)
    assert doc.text == CONTRACT_TEXT and doc.warnings == ["not UTF-8; decoded as utf_16_le"]
    path.write_bytes(CONTRACT_TEXT.encode("cp1252"))
    doc = contractkit.load(path)
    assert doc.text == CONTRACT_TEXT and doc.warnings == ["not UTF-8; decoded as cp1252"]
    path.write_bytes("Price: €100 – “net”".encode("cp1252"))  # too short for a detector
    assert contractkit.load(path).text == "Price: €100 – “net”"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Договор поставки. Поставщик гарантирует качество товара двенадцать месяцев.", "cp1251"),
        ("Smlouva o dodávce. Dodavatel ručí za vady zboží po dobu dvanácti měsíců.", "cp1250"),
    ],
)
def test_other_single_byte_encodings_are_detected(tmp_path, text, encoding):
    path = tmp_path / "contract.txt"
    path.write_bytes(text.encode(encoding))
    doc = contractkit.load(path)
    assert doc.text == text and doc.metadata["encoding"] == encoding


@pytest.mark.parametrize("prefix", [b"", codecs.BOM_UTF16_LE, codecs.BOM_UTF8])
def test_binary_data_named_txt_is_still_rejected(tmp_path, prefix):
    path = tmp_path / "blob.txt"
    path.write_bytes(prefix + random.Random(15).randbytes(20_000))
    with pytest.raises(UnsupportedFormat, match="binary data") as raised:
        contractkit.load(path)
    assert raised.value.code == "unsupported"


# -- bad input: one typed error per failure mode ------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("code", sorted(ERROR_CLASSES))
def test_every_error_code_comes_from_a_real_bad_file(bad_files, code, engine):
    options = {"max_pages": 10} if code == "too_large" else {}
    if code == "timeout":
        options = {"timeout": 1e-9}
    with pytest.raises(ContractKitError) as caught:
        contractkit.load(bad_files[code], engine=engine, **options)
    assert caught.value.code == code
    assert isinstance(caught.value, ERROR_CLASSES[code])
    assert caught.value.message and caught.value.path == str(bad_files[code])


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("truncated.pdf", "corrupt"),
        ("zero_pages.pdf", "empty"),
        ("blank_pages.pdf", "empty"),
        ("whitespace.txt", "empty"),
        ("broken.docx", "corrupt"),
        ("zipped.docx", "unsupported"),
    ],
)
def test_more_broken_files(bad_files, name, code, engine):
    with pytest.raises(ContractKitError) as caught:
        contractkit.load(bad_files["empty"].parent / name, engine=engine)
    assert caught.value.code == code


@pytest.mark.parametrize("engine", ENGINES)
def test_the_right_password_opens_an_encrypted_pdf(bad_files, engine):
    doc = contractkit.load(bad_files["encrypted"], engine=engine, password="s3cret")
    assert "free from defects in materials and workmanship" in doc.text
    with pytest.raises(EncryptedPDF, match="password given does not open it"):
        contractkit.load(bad_files["encrypted"], engine=engine, password="wrong")


@pytest.mark.parametrize("engine", ENGINES)
def test_the_document_does_not_keep_the_password(bad_files, engine):
    doc = contractkit.load(bad_files["encrypted"], engine=engine, password="s3cret")
    assert "s3cret" not in repr(doc) and "s3cret" not in repr(doc.metadata)
    assert "s3cret" not in repr(vars(doc))
    assert doc.to_image(1, resolution=20, password="s3cret").original.size[0] > 0


@pytest.mark.parametrize("engine", ENGINES)
def test_a_scanned_page_inside_a_text_pdf_is_reported(tmp_path, engine):
    path = tmp_path / "mixed.pdf"
    path.write_bytes(image_pdf(pages=1, with_text_page=True))
    doc = contractkit.load(path, engine=engine, ocr=False)
    assert doc.scanned_pages == [2]
    assert doc.warnings == ["page 2 has no text layer (a scanned image); its text is missing"]


def test_the_file_header_decides_not_the_name(tmp_path):
    path = tmp_path / "contract.txt"
    path.write_bytes(text_pdf())
    assert contractkit.load(path).engine == "pdfplumber"


def test_an_unknown_engine_is_a_usage_error(tmp_path):
    with pytest.raises(ValueError, match="unknown engine"):
        contractkit.load(tmp_path / "x.pdf", engine="tesseract")


def test_errors_serialise_to_the_schema_shape(bad_files):
    with pytest.raises(ContractKitError) as caught:
        contractkit.load(bad_files["not_pdf"])
    assert caught.value.to_dict() == {
        "code": "not_pdf",
        "message": "the file does not start with a PDF header (%PDF-); it looks like HTML",
    }


def test_any_span_can_be_drawn_where_it_sits(layout_file, tmp_path):
    doc = contractkit.load(layout_file)
    start = doc.find("manufacturer")
    boxes = [b.bbox for b in doc.locate(start, start + len("manufacturer")) if b.page == 2]
    image = doc.to_image(2, resolution=50).draw_rects(boxes)
    width, height = image.original.size
    assert width == pytest.approx(595.28 * 50 / 72, abs=1)
    assert height == pytest.approx(841.89 * 50 / 72, abs=1)
    text_file = tmp_path / "contract.txt"
    text_file.write_text("A plain-text contract.")
    with pytest.raises(ValueError, match="only PDF documents"):
        contractkit.load(text_file).to_image(1)


@pytest.mark.parametrize(
    ("printed", "read"),
    [("terms\u037e", "terms;"), ("\ufb01nal", "final"), ("e\u0301", "\u00e9"), ("plain", "plain")],
)
def test_word_text_is_canonical_unicode(printed, read):
    from contractkit.ingest.layout import normalize_word

    assert normalize_word(printed) == read


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.sampled_from(
                [*"aeZ09;-.(", *"\u00e9\u0301\ufb01\u037e\u200b\u202e\u00ad\x00\x1b\x7f\t "]
            ),
            max_size=6,
        ),
        max_size=8,
    )
)
def test_layout_keeps_each_word_as_normalize_word_reads_it(texts):
    """Plain printable ASCII words skip the normalisation: every word still comes out as
    `normalize_word` reads it, an emptied one is dropped, and a word broken by an invisible
    character is reported as hidden."""
    from contractkit.ingest.layout import RawPage, _layout_page, normalize_word
    from contractkit.ingest.visibility import hides_characters
    from contractkit.model import Word

    words = [Word(t, 1, 10.0, 10.0 + 30 * i, 30.0, 20.0 + 30 * i) for i, t in enumerate(texts)]
    raw = RawPage(1, 600.0, 800.0, words, [], 0.0)
    page = _layout_page(raw)
    kept = [w.text for line in page.lines for w in line.words]
    assert kept == [normalize_word(t) for t in texts if normalize_word(t)]
    assert len(raw.hidden) == sum(map(hides_characters, texts))


# -- library hygiene -------------------------------------------------------------------


@pytest.mark.parametrize("level", [None, "INFO"])
def test_importing_the_pdfplumber_engine_leaves_pdfminer_logging_alone(level):
    code = (
        "import logging\n"
        + (f"logging.getLogger('pdfminer').setLevel(logging.{level})\n" if level else "")
        + "before = logging.getLogger('pdfminer').level\n"
        "import contractkit, contractkit.ingest.pdfplumber_engine, contractkit.render\n"
        "assert logging.getLogger('pdfminer').level == before, logging.getLogger('pdfminer')\n"
        "print(before)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ("20" if level else "0")


def test_pdfminer_glitches_are_quiet_in_our_calls_only(tmp_path, caplog):
    import pdfplumber
    from hostile_corpus import one_page_pdf

    path = tmp_path / "unknown_font.pdf"  # pdfminer warns: no FontBBox for /Nope
    path.write_bytes(
        one_page_pdf(
            b"BT /F1 12 Tf 72 700 Td (Warranty) Tj ET BT /Nope 12 Tf 72 600 Td (twelve) Tj ET"
        )
    )
    pdfminer = logging.getLogger("pdfminer")
    level, filters = pdfminer.level, list(pdfminer.filters)
    with caplog.at_level(logging.WARNING):
        for engine in ENGINES:
            assert "Warranty" in contractkit.load(path, engine=engine, ocr=False).text
        contractkit.load(path).to_image(1)
        assert not [r for r in caplog.records if r.name.startswith("pdfminer")]
        with pdfplumber.open(path) as pdf:  # the application's own pdfminer use still logs
            pdf.pages[0].extract_words()
        assert [r for r in caplog.records if r.name.startswith("pdfminer.")]
    assert (pdfminer.level, pdfminer.filters) == (level, filters)
