"""A three-page PDF whose layout traps are known exactly: running header and footer,
a two-column page, a word hyphenated across lines, a ruled table with wrapped cells."""

from __future__ import annotations

from datetime import datetime, timezone

from fpdf import FPDF

FIXED_DATE = datetime(2026, 1, 1, tzinfo=timezone.utc)

HEADER = "Globex Supply Agreement - Confidential"
LEFT_COLUMN = [
    "1. Scope. The Supplier shall deliver the Products listed in the order form.",
    "2. Delivery. Delivery takes place within ten (10) business days of the order.",
    "3. Acceptance. The Customer may reject non-conforming Products within 14 days.",
]
RIGHT_COLUMN = [
    "4. Warranty. The Supplier warrants the Products for twelve (12) months.",
    "5. Returns. Dead-on-arrival units are replaced within five (5) business days.",
    "6. Erasure. Returned drives are wiped to NIST SP 800-88 and a certificate issued.",
]
# Page 2: a paragraph whose line break falls inside "manufacturer".
HYPHEN_LINES = [
    "7. Spare Parts. The Supplier shall keep spare parts available from the original manu-",
    "facturer for at least five (5) years after the last delivery under this Agreement.",
]
TABLE = [
    ("Severity", "Response time", "Resolution time"),
    ("Severity 1 (critical outage of the whole service)", "30 minutes", "4 hours"),
    ("Severity 2", "2 hours", "1 business day"),
]
CLOSING = "8. Governing Law. This Agreement is governed by the laws of Germany."


class _LayoutPDF(FPDF):
    def header(self) -> None:
        self.set_font("Helvetica", size=8)
        self.set_xy(20, 8)
        self.cell(0, 5, HEADER)

    def footer(self) -> None:
        self.set_font("Helvetica", size=8)
        self.set_xy(20, -12)
        self.cell(0, 5, f"Page {self.page_no()} of 3")


def layout_pdf() -> bytes:
    pdf = _LayoutPDF(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_auto_page_break(False)
    _two_column_page(pdf)
    _hyphen_and_table_page(pdf)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.set_xy(20, 30)
    pdf.multi_cell(170, 5, CLOSING)
    return bytes(pdf.output())


def _two_column_page(pdf: FPDF) -> None:
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=14)
    pdf.set_xy(20, 25)
    pdf.cell(170, 8, "SUPPLY AGREEMENT", align="C")
    pdf.set_font("Helvetica", size=10)
    for x, paragraphs in ((20, LEFT_COLUMN), (110, RIGHT_COLUMN)):
        pdf.set_xy(x, 45)
        for paragraph in paragraphs:
            pdf.set_x(x)
            pdf.multi_cell(80, 5, paragraph)
            pdf.ln(4)


def _hyphen_and_table_page(pdf: FPDF) -> None:
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.set_xy(20, 30)
    for line in HYPHEN_LINES:
        pdf.set_x(20)
        pdf.cell(170, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(60)
    with pdf.table(col_widths=(80, 45, 45), width=170, line_height=5) as table:
        for row in TABLE:
            cells = table.row()
            for value in row:
                cells.cell(value)
