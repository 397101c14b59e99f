"""Word contracts (.docx): numbering, tables, tracked changes, comments, and the sample twin."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from bad_files import LEGACY_DOC
from conftest import SAMPLES
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

import contractkit
from contractkit.errors import CorruptFile, EncryptedPDF, UnsupportedFormat
from contractkit.numbering import format_number
from contractkit.segment import segment

TWIN = "software_license_audit"
W = nsdecls("w")

# A list definition like a drafter's template: "1." / "1.1" / "(a)" / "(i)", level 0 linked
# to the Heading 1 style, so headings are numbered by their style alone.
NUMBERING = f"""
<w:abstractNum {W} w:abstractNumId="77">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading1"/>
    <w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="%1.%2"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>
    <w:lvlText w:val="(%3)"/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/>
    <w:lvlText w:val="(%4)"/></w:lvl>
</w:abstractNum>"""
NUM = f'<w:num {W} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'
RESTART = (
    f'<w:num {W} w:numId="78"><w:abstractNumId w:val="77"/>'
    '<w:lvlOverride w:ilvl="2"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
)


def _numbered(document, text: str, level: int, num_id: str = "77") -> None:
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def _raw_paragraph(document, body_xml: str) -> None:
    document.element.body.append(parse_xml(f"<w:p {W}>{body_xml}</w:p>"))


def _save(document, path: Path) -> Path:
    document.save(path)
    return path


@pytest.fixture(scope="module")
def contract_docx(tmp_path_factory) -> Path:
    """A small contract exercising numbering, a table, tracked changes and a comment."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING))
    numbering.append(parse_xml(NUM))
    numbering.append(parse_xml(RESTART))
    # Word links the style back to the list, so the style alone numbers a heading.
    heading_style = document.styles["Heading 1"].element
    heading_style.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W}><w:numId w:val="77"/></w:numPr>')
    )
    document.add_paragraph("MASTER SUPPLY AGREEMENT")
    document.add_paragraph("Definitions", style="Heading 1")
    _numbered(document, "In this Agreement:", 1)
    _numbered(document, '"Goods" means the products listed in the Order;', 2)
    _numbered(document, '"Order" means a purchase order of the Buyer;', 2)
    _numbered(document, "a sub-point of the Order definition;", 3)
    document.add_paragraph("Warranty", style="Heading 1")
    _numbered(document, "The Supplier warrants the Goods for twelve (12) months.", 1)
    _numbered(document, "a list that restarts its letters", 2, num_id="78")
    document.add_paragraph("Service Levels", style="Heading 1")
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(
        table.rows,
        [("Service", "Uptime", "Credit"), ("Hosting", "99.9%", ""), ("Support", "", "5%")],
        strict=True,
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    table.rows[2].cells[0].add_paragraph("(24/7)")
    _raw_paragraph(
        document,
        "<w:r><w:t xml:space='preserve'>Payment is due within </w:t></w:r>"
        "<w:del w:id='1' w:author='Buyer'><w:r><w:delText>sixty (60)</w:delText></w:r></w:del>"
        "<w:ins w:id='2' w:author='Buyer'><w:r><w:t>thirty (30)</w:t></w:r></w:ins>"
        "<w:r><w:t xml:space='preserve'> days of the invoice.</w:t></w:r>",
    )
    _raw_paragraph(
        document,
        "<w:pPr><w:rPr><w:del w:id='3' w:author='Buyer'/></w:rPr></w:pPr>"
        "<w:del w:id='4' w:author='Buyer'><w:r><w:delText>A clause struck out.</w:delText></w:r>"
        "</w:del>",
    )
    commented = document.add_paragraph("The Buyer may audit the Supplier once a year.")
    document.add_comment(commented.runs, text="Legal: too weak, ask for twice", author="Legal")
    return _save(document, tmp_path_factory.mktemp("docx") / "contract.docx")


@pytest.fixture(scope="module")
def loaded(contract_docx) -> contractkit.Document:
    return contractkit.load(contract_docx)


def test_a_docx_is_a_page_less_text_document(loaded):
    assert loaded.engine == "text" and loaded.metadata == {"format": "docx"}
    assert loaded.pages == [] and loaded.locate(0, 10) == [] and loaded.page_of(0) is None
    with pytest.raises(ValueError, match="only PDF documents"):
        loaded.to_image(1)


def test_automatic_numbering_is_in_the_text(loaded):
    paragraphs = loaded.text.split("\n\n")
    assert paragraphs[:7] == [
        "MASTER SUPPLY AGREEMENT",
        "1. Definitions",
        "1.1 In this Agreement:",
        '(a) "Goods" means the products listed in the Order;',
        '(b) "Order" means a purchase order of the Buyer;',
        "(i) a sub-point of the Order definition;",
        "2. Warranty",
    ]
    assert "2.1 The Supplier warrants" in loaded.text
    assert "(a) a list that restarts its letters" in loaded.text  # startOverride
    assert "3. Service Levels" in loaded.text


def test_numbered_headings_make_the_outline(loaded):
    paths = {" > ".join(c.heading_path) for c in segment(loaded).clauses}
    assert any(path.startswith("2. Warranty") for path in paths), paths


def test_tables_are_read_row_by_row_like_pdf_tables(loaded):
    # Empty cells leave no separator, and a cell's second paragraph stays in its cell,
    # as in a ruled PDF table.
    assert "\n\nService | Uptime | Credit\nHosting | 99.9%\nSupport (24/7) | 5%\n\n" in loaded.text


def test_tracked_changes_read_as_accepted_and_comments_are_left_out(loaded):
    assert "Payment is due within thirty (30) days of the invoice." in loaded.text
    assert "sixty" not in loaded.text and "struck out" not in loaded.text
    assert "The Buyer may audit the Supplier once a year." in loaded.text
    assert "Legal: too weak" not in loaded.text


def test_a_docx_is_scanned_with_sections_for_locations(contract_docx):
    result = contractkit.analyze(contract_docx)
    assert result.ok and result.engine == "text" and result.pages == 0
    warranty = [hit for hit in result.clauses if hit.type == "warranty"]
    assert warranty and all(hit.page is None and hit.boxes == [] for hit in warranty)
    assert any((hit.section or "").startswith("2. Warranty") for hit in warranty)


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (3, "decimal", "3"),
        (3, "lowerLetter", "c"),
        (28, "lowerLetter", "bb"),
        (4, "upperLetter", "D"),
        (14, "lowerRoman", "xiv"),
        (1994, "upperRoman", "MCMXCIV"),
        (7, "decimalZero", "07"),
        (2, "none", ""),
    ],
)
def test_word_number_formats(value, fmt, shown):
    assert format_number(value, fmt) == shown


# -- what is not a .docx ------------------------------------------------------------


def test_legacy_doc_is_unsupported_with_a_conversion_hint(tmp_path):
    for name in ("old.doc", "renamed.pdf.bin"):
        path = tmp_path / name
        path.write_bytes(LEGACY_DOC)
        with pytest.raises(UnsupportedFormat, match=r"legacy Word \(\.doc\).*convert-to docx"):
            contractkit.load(path)


def test_a_malformed_list_level_is_a_corrupt_file(tmp_path):
    document = docx.Document()
    _numbered(document, "a paragraph whose list level is not a number", 0)
    document.paragraphs[-1]._p.pPr.numPr.ilvl.set(qn("w:val"), "first")
    with pytest.raises(CorruptFile, match="cannot be parsed"):
        contractkit.load(_save(document, tmp_path / "bad_level.docx"))


def test_a_password_protected_docx_is_encrypted_not_legacy(tmp_path):
    # Word stores a protected .docx in an OLE2 file with an "EncryptedPackage" stream.
    path = tmp_path / "protected.docx"
    path.write_bytes(LEGACY_DOC + "EncryptedPackage".encode("utf-16-le") + bytes(64))
    with pytest.raises(EncryptedPDF, match="Word document is encrypted"):
        contractkit.load(path)


def test_the_content_decides_not_the_name(contract_docx, tmp_path):
    renamed = tmp_path / "contract.pdf"
    renamed.write_bytes(contract_docx.read_bytes())
    assert contractkit.load(renamed).metadata == {"format": "docx"}


# -- the sample twin ------------------------------------------------------------------


def _attributes(result: contractkit.ContractResult) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for hit in result.clauses:
        for name, value in hit.attributes.items():
            found.setdefault(f"{hit.type}.{name}", set()).add(repr(value))
    return found


def test_the_docx_sample_gives_the_clauses_of_its_pdf_twin():
    from_docx = contractkit.analyze(SAMPLES / f"{TWIN}.docx")
    from_pdf = contractkit.analyze(SAMPLES / f"{TWIN}.pdf")
    assert from_docx.ok and from_docx.engine == "text"
    assert from_docx.present_types == from_pdf.present_types
    assert _attributes(from_docx) == _attributes(from_pdf)
    assert from_docx.contract_type["label"] == from_pdf.contract_type["label"]


def test_the_docx_sample_numbers_come_from_numbering_xml():
    document = docx.Document(io.BytesIO((SAMPLES / f"{TWIN}.docx").read_bytes()))
    runs_text = "\n".join(p.text for p in document.paragraphs)
    assert "5.2" not in runs_text and "VERIFICATION AND AUDIT" in runs_text
    text = contractkit.load(SAMPLES / f"{TWIN}.docx").text
    assert "\n\n5. VERIFICATION AND AUDIT\n\n5.1 " in text and "\n\n5.2 " in text
