"""Segmentation: headings, the section outline and the clauses a lawyer reads.

Read top to bottom, this is the spec of `contractkit.segment`: which lines are headings
(and which only look like one), how sections nest, what a clause is, and how it holds
up on real contracts.
"""

from __future__ import annotations

import json
import re
import time
from datetime import datetime, timezone
from itertools import pairwise
from pathlib import Path

import pytest
from conftest import CUAD, SAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

import contractkit
from contractkit.model import Document
from contractkit.segment import Outline, segment
from contractkit.segment.headings import Candidate, recognise
from contractkit.segment.outline import CLAUSE_KINDS, SECTION_KINDS
from contractkit.textutil import FoldedSpaces, normalize_space


def text_document(text: str) -> Document:
    return Document(path=None, engine="text", pages=[], text=text)


def outline_of(text: str) -> Outline:
    return segment(text_document(text))


def clause_with(outline: Outline, needle: str):
    offset = outline.document.text.index(needle)
    clause = outline.clause_at(offset)
    assert clause is not None, f"no clause holds {needle!r}"
    return clause


# -- headings: every style, and what is not a heading ----------------------------------


@pytest.mark.parametrize(
    ("line", "number", "title", "level", "kind"),
    [
        ("1. Definitions", "1", "Definitions", 1, "section"),
        ("1.1 Provision of Services", "1.1", "Provision of Services", 2, "section"),
        ("1.1.1 Scope", "1.1.1", "Scope", 3, "section"),
        ("12.2(a) the Vendor shall keep records.", "12.2(a)", "", 3, "section"),
        ("(a) the Vendor shall keep records;", "(a)", "", None, "item"),
        ("(i) at the time of disclosure;", "(i)", "", None, "item"),
        ("(A) Hardware.", "(A)", "Hardware", None, "item"),
        ("ARTICLE IV", "IV", "", 1, "article"),
        ("Article 4 - Confidentiality", "4", "Confidentiality", 1, "article"),
        ("Section 5. Payment", "5", "Payment", 1, "section"),
        ("SECTION 5.2 AUDIT RIGHTS", "5.2", "AUDIT RIGHTS", 2, "section"),
        ("§ 3 Term", "3", "Term", 1, "section"),
        ("Clause 7 Liability", "7", "Liability", 1, "section"),
        ("Schedule 2 – Service Levels", "2", "Service Levels", 0, "part"),
        ("EXHIBIT A", "A", "", 0, "part"),
        ("Annex I", "I", "", 0, "part"),
        ("Appendix", None, "", 0, "part"),
        ("Attachment 1: Pricing", "1", "Pricing", 0, "part"),
    ],
)
def test_numbered_headings_and_parts(line, number, title, level, kind):
    match = recognise(Candidate(line))
    assert match is not None
    assert (match.number, match.title, match.level, match.kind) == (number, title, level, kind)
    assert match.reason  # every match says why it fired


@pytest.mark.parametrize(
    ("line", "bold", "reason"),
    [
        ("CONFIDENTIALITY", None, "all caps"),
        ("LIMITATION OF LIABILITY", None, "all caps"),
        ("Limitation of Liability", None, "title case"),
        ("Payment terms", True, "bold"),  # sentence case needs the bold to count
    ],
)
def test_unnumbered_headings(line, bold, reason):
    match = recognise(Candidate(line, bold=bold))
    assert match is not None and match.kind == "heading"
    assert match.title == line and match.number is None
    assert match.reason == reason


def test_an_unnumbered_heading_needs_body_after_it():
    assert recognise(Candidate("CONFIDENTIALITY", followed_by_body=False)) is None


def test_plain_title_case_is_body_text_when_the_style_is_known():
    # From a PDF we know the line is neither bold nor larger: Title Case alone is not
    # enough ("To EKR To PPI" above an address table).
    assert recognise(Candidate("Limitation of Liability", bold=False, size_ratio=1.0)) is None
    assert recognise(Candidate("Limitation of Liability", bold=True, size_ratio=1.0))


@pytest.mark.parametrize(
    ("line", "number", "title", "body_starts"),
    [
        ("Audit Rights. Licensee shall keep complete records.", None, "Audit Rights", "Licensee"),
        ("12.2 Audit. The Vendor may audit once a year.", "12.2", "Audit", "The Vendor"),
        ("3.1 Limitation of liability. Neither party ...", "3.1", "Limitation of liability", "Ne"),
        ("1. DEFINITIONS As used in this Agreement:", "1", "DEFINITIONS", "As used"),
    ],
)
def test_run_in_headings(line, number, title, body_starts):
    match = recognise(Candidate(line))
    assert match is not None
    assert (match.number, match.title) == (number, title)
    assert line[match.body :].startswith(body_starts)


def test_a_run_in_heading_reads_as_written():
    match = recognise(Candidate("12.2 Audit. The Vendor may audit once a year."))
    assert match is not None and match.heading == "12.2 Audit"


@pytest.mark.parametrize(
    "line",
    [
        "30 days after the notice, the Vendor may terminate.",
        "$5,000.00 shall be paid on signature.",
        "10.5% of the annual fees.",
        "1.5 million units per year.",
        "2019. The parties met.",
        "January 1, 2020",
        "U.S. Government End Users.",
        "Section 5 of this Agreement shall survive termination.",
        "Exhibit A attached hereto sets out the prices.",
        "Schedule 1 sets out the fees.",
        "the Vendor shall (a) deliver and (b) install the Software.",
        "Acme Corp. shall deliver the Products.",
        "ACME SOFTWARE CORPORATION",
        "This Agreement is governed by the laws of New York.",
        "Time is of the essence.",
        "Termination.",  # Title Case with a final period on its own line: a sentence end
        "By: John Smith",
        "WHEREAS:",
        "San Francisco, California 94105",
        "Monthly Availability | Service credit",  # a table row
        "AGREEMENT (the",
    ],
)
def test_not_headings(line):
    assert recognise(Candidate(line)) is None


# -- the outline ------------------------------------------------------------------------

CONTRACT = """MASTER SERVICES AGREEMENT

This Agreement is made on 1 May 2024 between Acme Inc. (the "Supplier") and Beta Ltd. \
(the "Customer").

ARTICLE 1
DEFINITIONS

1.1 "Affiliate" means any entity that controls, or is controlled by, a party.

1.2 "Services" means the services described in Schedule 1.

ARTICLE 2
SERVICES

2.1 Provision. The Supplier shall provide the Services:
(a) with reasonable skill and care;
(b) in accordance with the Service Levels; and
(c) in compliance with applicable law.

2.2 Audit Rights. The Customer may audit the Supplier once a year on thirty (30) days'
notice, as set out in Section
5.2 of the Service Description.

(a) The Supplier shall keep complete records.

(i) Records shall be kept for six (6) years.

(ii) Records shall be kept in English.

(b) Each party shall bear its own costs of an audit.

2.3 Payment. The Customer shall pay (a) the fees; and (b) the expenses, within thirty
(30) days of invoice.

IN WITNESS WHEREOF the parties have signed this Agreement.

By: ____________________
Name: John Smith
Title: Chief Executive Officer

SCHEDULE 1
SERVICES

1. Hosting. The Supplier hosts the Software in the EU.

2. Support. The Supplier answers tickets within four (4) hours.
"""


@pytest.fixture(scope="module")
def contract() -> Outline:
    return outline_of(CONTRACT)


def test_a_clause_knows_its_heading_path(contract):
    clause = clause_with(contract, "Records shall be kept for six")
    assert clause.heading_path == ("ARTICLE 2 SERVICES", "2.2 Audit Rights", "(a)", "(i)")
    assert clause.section == "2.2 Audit Rights"  # the nearest heading with a title
    assert clause.number == "(i)" and clause.kind == "list_item"


def test_numbering_depth_decides_nesting(contract):
    by_heading = {s.heading: s for s in contract.sections}
    article = by_heading["ARTICLE 2 SERVICES"]
    audit = by_heading["2.2 Audit Rights"]
    assert audit.parent is article and article.parent is None
    assert [c.heading for c in audit.children] == ["(a)", "(b)"]
    item_a = audit.children[0]
    assert [c.heading for c in item_a.children] == ["(i)", "(ii)"]  # (i) below (a)
    assert (article.level, audit.level, item_a.level) == (1, 2, 3)
    assert article.kind == "article" and audit.kind == "clause"


def test_a_split_heading_line_is_one_heading(contract):
    # "ARTICLE 1" and "DEFINITIONS" on two lines: one section, titled.
    article = next(s for s in contract.sections if s.number == "1" and s.kind != "schedule")
    assert article.heading == "ARTICLE 1 DEFINITIONS"
    assert article.kind == "definitions"


def test_definitions_are_one_clause_each(contract):
    definitions = [c for c in contract.clauses if c.kind == "definition"]
    assert [c.term for c in definitions] == ["Affiliate", "Services"]
    assert definitions[0].text.startswith('1.1 "Affiliate" means')
    assert all(c.section == "ARTICLE 1 DEFINITIONS" for c in definitions)


def test_items_that_are_sentences_are_clauses_of_their_own(contract):
    audit = [c for c in contract.clauses if "2.2 Audit Rights" in c.heading_path]
    assert [c.number for c in audit] == ["2.2", "(a)", "(i)", "(ii)", "(b)"]


def test_items_that_continue_a_sentence_stay_in_its_clause(contract):
    # "The Supplier shall provide the Services: (a) ...; (b) ...; and (c) ...": one
    # sentence, one clause, as a lawyer quotes it.
    clause = clause_with(contract, "(b) in accordance with the Service Levels")
    assert clause.number == "2.1" and clause.section == "2.1 Provision"
    assert clause.text.endswith("(c) in compliance with applicable law.")
    assert not any(s.parent and s.parent.heading == "2.1 Provision" for s in contract.sections)


def test_a_list_inside_a_sentence_stays_in_its_clause(contract):
    clause = clause_with(contract, "The Customer shall pay (a) the fees")
    assert clause.number == "2.3" and "(b) the expenses" in clause.text
    assert clause.text.endswith("days of invoice.")


def test_a_reference_wrapped_onto_a_new_line_is_not_a_heading(contract):
    clause = clause_with(contract, "5.2 of the Service Description")
    assert clause.number == "2.2" and clause.text.startswith("2.2 Audit Rights.")


def test_the_signature_block_is_a_section(contract):
    signature = next(s for s in contract.sections if s.kind == "signature")
    clauses = [c for c in contract.clauses if c.parent is signature]
    assert clauses[0].text.startswith("IN WITNESS WHEREOF")
    assert {c.kind for c in clauses} == {"signature"}
    assert any(c.text.startswith("By:") and "Name: John Smith" in c.text for c in clauses)


def test_schedules_are_top_level_and_restart_numbering(contract):
    schedule = next(s for s in contract.sections if s.kind == "schedule")
    assert schedule.parent is None and schedule in contract.top
    assert schedule.heading == "SCHEDULE 1 SERVICES"
    hosting = clause_with(contract, "hosts the Software")
    assert hosting.heading_path == ("SCHEDULE 1 SERVICES", "1. Hosting")


def test_the_preamble_takes_the_title(contract):
    first = contract.clauses[0]
    assert first.kind == "heading" and first.parent.kind == "preamble"
    assert clause_with(contract, "This Agreement is made").section == "MASTER SERVICES AGREEMENT"


def test_kinds_are_from_the_documented_sets(contract):
    assert {s.kind for s in contract.sections} <= set(SECTION_KINDS)
    assert {c.kind for c in contract.clauses} <= set(CLAUSE_KINDS)


def test_sections_contain_their_clauses_and_children(contract):
    for section in contract.sections:
        for child in section.children:
            assert section.start <= child.start and child.end <= section.end
    for clause in contract.clauses:
        assert clause.parent.start <= clause.start and clause.end <= clause.parent.end
        assert clause.text == contract.document.text[clause.start : clause.end]


def test_clauses_tile_the_text_in_order(contract):
    clauses = contract.clauses
    assert all(a.end <= b.start for a, b in pairwise(clauses))
    gaps = [contract.document.text[a.end : b.start] for a, b in pairwise(clauses)]
    assert all(not gap.strip() for gap in gaps)  # nothing but whitespace between clauses


def test_clause_lookup(contract):
    text = contract.document.text
    audit = text.index("2.2 Audit Rights")
    assert contract.clause_at(audit).number == "2.2"
    assert contract.clause_at(text.index("\n\n(a) The Supplier") + 1) is None  # between
    found = contract.clauses_in(audit, text.index("(b) Each party"))
    assert [c.number for c in found] == ["2.2", "(a)", "(i)", "(ii)"]
    assert contract.boxes(found[0]) == []  # plain text has no pages


def test_letters_that_are_roman_numerals():
    # "(i)" after "(h)" is the ninth letter; after a numbered item it is a numeral.
    items = "\n\n".join(f"({c}) Item {c}." for c in "abcdefghij")
    outline = outline_of(f"1. Scope. The Supplier shall:\n\n{items}\n\n(i) Not a letter.")
    scope = outline.sections[0]
    assert [s.number for s in scope.children] == [f"({c})" for c in "abcdefghij"]
    assert outline.sections[-1].parent.number == "(j)"  # the last "(i)" is a numeral


def test_decimal_items_with_a_letter():
    outline = outline_of("12.2 Audit. Text.\n\n12.2(a) First item.\n\n(b) Second item.")
    audit, first, second = outline.sections
    assert first.parent is audit and second.parent is audit


def test_a_numbered_list_inside_a_section_is_not_a_new_section():
    outline = outline_of(
        "1.0 Purpose\n\n1.1 The Supplier sells Devices.\n\n2.0 Definitions\n\n"
        "2.1 Devices. The following are Devices:\n\n1. Hearing aids worn in the ear.\n\n"
        "2. Headsets for call centres.\n\n"
        "2.2 Software. The firmware.\n\n3.0 Licence\n\n3.1 Grant. A licence."
    )
    tree = {s.heading: s.parent.heading if s.parent else None for s in outline.sections}
    assert tree["1."] == tree["2."] == "2.1 Devices"
    assert tree["2.2 Software"] == "2.0 Definitions"  # "2.0" numbers section 2
    assert tree["3.0 Licence"] is None and tree["3.1 Grant"] == "3.0 Licence"
    assert clause_with(outline, "Headsets for").kind == "list_item"


def test_an_unnumbered_heading_does_not_swallow_numbered_sections():
    outline = outline_of(
        "RECITALS\n\nA. The Customer wants services.\n\nAGREEMENT\n\n"
        "The parties agree as follows:\n\n1. Services. The Supplier shall provide them.\n\n"
        "2. Fees. The Customer shall pay."
    )
    fees = clause_with(outline, "The Customer shall pay")
    assert fees.heading_path == ("2. Fees",)


def test_unnumbered_subheadings_nest_in_the_numbered_section():
    outline = outline_of(
        "5. WARRANTIES\n\nPerformance Warranty\n\nThe Supplier warrants performance.\n\n"
        "6. LIABILITY\n\nLiability is capped."
    )
    warranty = clause_with(outline, "warrants performance")
    assert warranty.heading_path == ("5. WARRANTIES", "Performance Warranty")
    assert clause_with(outline, "capped").heading_path == ("6. LIABILITY",)


def test_definitions_without_numbers():
    outline = outline_of(
        "This Agreement uses defined terms.\n\nDefinitions\n\n"
        '"Affiliate" means a controlled entity.\n\n'
        "“Business Day” shall mean a day on which banks are open;\n\n"
        '"Fees", "Charges" and "Costs" have the respective meanings given in Schedule 2.'
    )
    definitions = [c for c in outline.clauses if c.kind == "definition"]
    assert [c.term for c in definitions] == ["Affiliate", "Business Day", "Fees"]
    assert outline.sections[-1].kind == "definitions"


def test_text_without_line_breaks_is_split_at_items():
    # Plain text extracted with paragraphs run together (as in some CUAD files).
    outline = outline_of(
        "The Parties agree as follows: 1. Services. 1.1 Provision of Services. "
        "(a) Provider agrees to provide the Services. (b) Recipient may assign its rights. "
        "1.2 Standard of Service. Provider shall act in good faith."
    )
    assert [c.number for c in outline.clauses] == [None, "1", "1.1", "(a)", "(b)", "1.2"]
    assert clause_with(outline, "Recipient may").heading_path == (
        "1. Services",
        "1.1 Provision of Services",
        "(b)",
    )


def test_runs_of_spaces_separate_paragraphs_in_flattened_text():
    outline = outline_of(
        "This Agreement is made between Alpha and Beta.    WHEREAS, Alpha makes widgets;    "
        "NOW, THEREFORE, the parties agree:    ARTICLE I - DEFINITIONS   1.1 Widget - "
        "a device made by Alpha."
    )
    assert [c.text[:9] for c in outline.clauses] == [
        "This Agre",
        "WHEREAS, ",
        "NOW, THER",
        "ARTICLE I",
        "1.1 Widge",
    ]


def test_a_page_number_left_in_the_text_is_not_a_paragraph_break():
    outline = outline_of("The Supplier shall deliver the Products to the\n- 2 -\nCustomer's site.")
    assert len(outline.clauses) == 1


def test_a_sentence_broken_by_a_page_break_stays_one_clause():
    outline = outline_of("The Supplier shall deliver the Products to the\n\ncustomer's site.")
    assert len(outline.clauses) == 1


# -- layout: bold headings and clause boxes from a PDF ----------------------------------


def _styled_pdf() -> bytes:
    from fpdf import FPDF

    # (each cell below the last: fpdf2's default puts the next cell to its right, which
    # ran the body text off the page, where a reader cannot see it)
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=timezone.utc))
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(170, 5, new_x="LMARGIN", new_y="NEXT", text="The parties agree as follows.")
    pdf.ln(4)
    for title, body in [
        ("Payment terms", "The Customer shall pay all invoices within thirty (30) days."),
        ("Service Levels", "The Supplier shall meet the availability target of 99.9%."),
    ]:
        pdf.set_font("Helvetica", style="B", size=10)
        pdf.multi_cell(170, 5, new_x="LMARGIN", new_y="NEXT", text=title)
        pdf.set_font("Helvetica", size=10)
        pdf.multi_cell(170, 5, new_x="LMARGIN", new_y="NEXT", text=body)
        pdf.ln(4)
    pdf.multi_cell(170, 5, new_x="LMARGIN", new_y="NEXT", text="Plain Title Case Line")
    pdf.multi_cell(170, 5, new_x="LMARGIN", new_y="NEXT", text="Continues the paragraph above.")
    return bytes(pdf.output())


@pytest.fixture(scope="module", params=["pdfplumber", "pdfium"])
def styled(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Outline:
    path = tmp_path_factory.mktemp("styled") / "styled.pdf"
    path.write_bytes(_styled_pdf())
    return segment(contractkit.load(path, engine=request.param))


def test_bold_lines_are_headings(styled):
    headings = [s.heading for s in styled.sections if s.kind == "section"]
    assert headings == ["Payment terms", "Service Levels"]
    assert clause_with(styled, "availability target").section == "Service Levels"


def test_plain_title_case_in_a_pdf_is_not_a_heading(styled):
    assert "Plain Title Case Line" not in [s.heading for s in styled.sections]


def test_clause_boxes_come_from_the_layout(styled):
    clause = clause_with(styled, "availability target")
    boxes = styled.boxes(clause)
    assert boxes and all(box.page == 1 for box in boxes)
    assert all(box.x1 > box.x0 and box.bottom > box.top for box in boxes)


# -- real contracts (CUAD) --------------------------------------------------------------


def _cuad_text(name: str) -> Document:
    path = CUAD / "txt" / name
    if not path.exists():
        pytest.skip("../shared/cuad is not beside the repository")
    return contractkit.load(path)


@pytest.mark.parametrize(
    ("name", "needle", "heading_path"),
    [
        (
            "ABILITYINC_06_15_2020-EX-4.25-SERVICES_AGREEMENT.txt",
            "Provider shall maintain complete and accurate records",
            ("1. Services", "1.2 Standard of Service", "(b)"),
        ),
        (
            "EMERALDHEALTHTHERAPEUTICSINC_06_10_2020-EX-4.5-CONSULTING_AGREEMENT_-_DR._GAETANO"
            "_MORELLO_N.D._INC..txt",
            "annual fee",
            ("3. Fees", "3.1 Fee"),
        ),
        (
            "SONUSCORP_03_12_1997-EX-10.11-SPONSORSHIP_AGREEMENT.txt",
            "This  Agreement is governed by",
            ("1. INTERPRETATION", "1.7 Governing Law"),
        ),
    ],
)
def test_known_heading_paths_in_cuad_contracts(name, needle, heading_path):
    document = _cuad_text(name)
    clause = segment(document).clause_at(document.text.index(needle))
    assert clause is not None and clause.heading_path == heading_path


def test_cuad_definitions_are_one_clause_each():
    document = _cuad_text(
        "VERTICALNETINC_04_01_2002-EX-10.19-MAINTENANCE_AND_SUPPORT_AGREEMENT.txt"
    )
    outline = segment(document)
    clause = outline.clause_at(document.text.index('"Business Day" means'))
    assert (clause.kind, clause.term, clause.number) == ("definition", "Business Day", "1.2")
    assert clause.text.endswith("federal holiday.")


def test_cuad_annotations_fall_inside_one_clause():
    # Every annotated span of one contract, in CUAD's own text.
    labels = CUAD / "labels.jsonl"
    if not labels.exists():
        pytest.skip("../shared/cuad is not beside the repository")
    record = next(
        json.loads(line)
        for line in labels.read_text().splitlines()
        if line.startswith('{"id": "ABILITYINC_06_15_2020')
    )
    document = contractkit.load(CUAD / record["txt"])
    outline = segment(document)
    spans = [s for spans in record["clauses"].values() for s in spans if "<omitted>" not in s]
    for span in spans:
        start = document.text.index(span)
        assert len(outline.clauses_in(start, start + len(span))) == 1, span[:60]


# -- ground truth of the sample contracts ------------------------------------------------


def _truth_cases() -> list[tuple[Path, dict]]:
    cases = []
    for path in sorted(SAMPLES.glob("*.truth.json")):
        truth = json.loads(path.read_text())
        if "text layer" in truth.get("notes", "") or "scanned" in truth["file"]:
            continue  # image-only PDFs have no text to segment
        cases.append((SAMPLES / truth["file"], truth))
    return cases


@pytest.mark.parametrize(("pdf", "truth"), _truth_cases(), ids=lambda v: getattr(v, "name", ""))
def test_sample_clauses_fall_inside_one_clause_under_their_heading(pdf, truth):
    document = contractkit.load(pdf)
    outline = segment(document)
    for expected in truth["clauses"]:
        start = document.find(expected["text"])
        assert start >= 0, expected["text"][:60]
        end = _end_of(document.text, start, expected["text"])
        found = outline.clauses_in(start, end)
        assert len(found) == 1, f"{expected['type']} split over {len(found)} clauses"
        if expected["heading"]:
            path = " / ".join(found[0].heading_path).lower()
            assert expected["heading"].lower() in path, (expected["heading"], path)


def _end_of(text: str, start: int, needle: str) -> int:
    """End offset of `needle` found at `start`, comparing with whitespace folded."""
    want = len(normalize_space(needle))
    end = start
    while len(normalize_space(text[start:end])) < want:
        end += 1
    return end


# -- speed ------------------------------------------------------------------------------


def test_segmentation_time_grows_linearly_with_the_contract():
    """A hundred pages segment into their clauses and sentences, and four times the text
    takes about four times as long, not sixteen (what a quadratic step, e.g. a backtracking
    pattern, would give). Ratios of the best of three runs, so a busy machine does not
    decide; the bound (8x) sits halfway between linear and quadratic."""
    from contractkit.segment.sentences import sentence_starts

    section = (
        "{n}.{k} Audit {k}. The Supplier shall keep records of the Services and shall "
        "(a) permit audits on thirty (30) days' notice; and (b) comply with Sec. 4 of the "
        "U.S. Code.\n\n(a) The Customer may audit once a year. Costs are borne by Acme Inc. "
        "The audit shall not disrupt the Supplier's business.\n\n"
    )

    def contract(sections: int) -> str:
        return "".join(
            f"{n}. SECTION {n}\n\n" + "".join(section.format(n=n, k=k) for k in range(1, 7))
            for n in range(1, sections + 1)
        )

    def best_time(text: str) -> float:
        times = []
        for _ in range(3):
            started = time.perf_counter()
            outline_of(text)
            sentence_starts(text)
            times.append(time.perf_counter() - started)
        return min(times)

    small, large = contract(45), contract(180)
    assert len(large) > 300_000  # about a hundred pages
    outline, starts = outline_of(large), sentence_starts(large)
    assert len(outline.clauses) > 1000 and len(starts) > 2000
    assert [c.heading_path[0] for c in outline.clauses[:1]] == ["1. SECTION 1"]
    assert best_time(large) < 8 * best_time(small)


@given(st.text(alphabet="ab. \n\t\u00a0", max_size=40))
@settings(max_examples=300, deadline=None)
def test_folded_spaces_keep_every_word_where_it_was(text):
    # The cue patterns read the folded text and report offsets into the original one.
    folding = FoldedSpaces(text)
    assert folding.folded == re.sub(r"\s+", " ", text)
    for i, char in enumerate(folding.folded):
        j = folding.original(i)
        if char == " ":
            assert text[j].isspace() and (j == 0 or not text[j - 1].isspace())
        else:
            assert text[j] == char and folding.to_folded(j) == i
    assert folding.to_folded(len(text)) == len(folding.folded)
    assert folding.original_offsets() == [folding.original(i) for i in range(len(folding.folded))]
