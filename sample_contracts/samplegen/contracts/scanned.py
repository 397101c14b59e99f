"""A short equipment purchase agreement, published as an image-only scan (EUR, Irish law).

Layout: ``Clause N – Heading`` headings and ``N.N`` hanging paragraphs; DejaVu Serif;
"Page N of M" footer.  ``generate.py`` renders it at 200 dpi to grayscale images, so the
published PDF has no text layer.
"""

from samplegen.model import Contract, Party, Theme, heading, para, signature, span, title
from samplegen.model import clause as c

SUPPLIER = "Lindqvist Datateknik AB"
BUYER = "Marren Engineering Ltd"
TITLE = "EQUIPMENT PURCHASE AGREEMENT"

THEME = Theme(
    font="DejaVuSerif",
    size=10,
    leading=1.3,
    page_format="A4",
    margin=72,
    top=72,
    bottom=68,
    indent=26,
    footer="Page {n} of {m}",
)

CONTRACT = Contract(
    stem="scanned_hardware_purchase",
    contract_type="hardware_purchase",
    title=TITLE,
    parties=(SUPPLIER, BUYER),
    theme=THEME,
    image_only=True,
    blocks=(
        title(TITLE, clauses=(c("document_name"),)),
        para(
            span(
                f"This Agreement is made on 22 April 2024 between {SUPPLIER}, Lilla Bommen 5,"
                f" 411 04 Gothenburg, Sweden (the “Supplier”) and {BUYER}, Unit 7, Sandyford"
                " Business Park, Dublin 18, Ireland (the “Buyer”).",
                c("parties"),
                c("agreement_date"),
            ),
        ),
        heading("Clause 1 – Goods and Price"),
        para(
            "The Supplier shall sell and the Buyer shall buy forty (40) engineering",
            "workstations and four (4) storage servers as specified in the Annex (the",
            "“Goods”) for a total price of €96,480.00, exclusive of VAT.",
            label="1.1",
        ),
        para(
            c(
                "payment_terms",
                "The Buyer shall pay the price within thirty (30) days of delivery and receipt"
                " of a correct invoice.",
                days=30,
            ),
            label="1.2",
        ),
        heading("Clause 2 – Delivery"),
        para(
            c(
                "delivery",
                "The Supplier shall deliver the Goods DAP Dublin (Incoterms® 2020) within"
                " twenty-one (21) days of this Agreement.",
                lead_time_days=21,
            ),
            "Partial deliveries require the Buyer’s consent.",
            label="2.1",
        ),
        heading("Clause 3 – Warranty"),
        para(
            span(
                "The Supplier warrants that the Goods will be free from defects in materials"
                " and workmanship for a period of 24 months from delivery.",
                c("warranty_duration", duration_months=24),
            ),
            "During that period the Supplier shall repair or replace defective Goods free of",
            "charge within five (5) working days of notification.",
            c("warranty", duration_months=24, remedies=["repair", "replace"]),
            label="3.1",
        ),
        heading("Clause 4 – Returns"),
        para(
            c(
                "returns",
                "Goods that are dead on arrival may be returned within seven (7) days of"
                " delivery for immediate replacement. Other Goods in unopened packaging may be"
                " returned within 14 days of delivery, subject to a restocking fee of 15% of"
                " their price.",
                doa=True,
                doa_days=7,
                window_days=14,
                restocking_pct=15,
            ),
            label="4.1",
        ),
        heading("Clause 5 – Data on Returned Drives"),
        para(
            c(
                "data_erasure",
                "The Supplier shall erase all data on any drive returned to it, including"
                " personal data, in accordance with NIST SP 800-88 within ten (10) days of"
                " receipt and shall send the Buyer a certificate of erasure.",
                deadline_days=10,
                certificate=True,
                personal_data=True,
            ),
            label="5.1",
        ),
        heading("Clause 6 – Acceptance"),
        para(
            c(
                "acceptance",
                "The Buyer shall inspect and test the Goods within ten (10) working days of"
                " delivery and shall either accept them in writing or notify the Supplier of any"
                " defect found.",
            ),
            "Goods are deemed accepted if the Buyer does neither within that period or puts",
            "them into productive use.",
            label="6.1",
        ),
        heading("Clause 7 – Termination"),
        para(
            c(
                "termination",
                "Either party may terminate this Agreement by written notice if the other party"
                " materially breaches it and does not remedy the breach within fifteen (15) days"
                " of a written request to do so.",
            ),
            label="7.1",
        ),
        heading("Clause 8 – Liability and Law"),
        para(
            c(
                "limitation_of_liability",
                "Neither party is liable for loss of profit or for indirect or consequential loss.",
            ),
            c(
                "cap_on_liability",
                "The Supplier’s total liability under this Agreement shall not exceed the total"
                " price of the Goods.",
                fees_multiple=1,
            ),
            label="8.1",
        ),
        para(
            c("governing_law", "This Agreement is governed by the laws of Ireland."),
            "The courts of Ireland shall have exclusive jurisdiction.",
            label="8.2",
        ),
        signature(
            "IN WITNESS WHEREOF, the parties have executed this Agreement on the date first"
            " written above.",
            Party("SUPPLIER", SUPPLIER, "Erik Lindqvist", "Chief Executive Officer"),
            Party("BUYER", BUYER, "Siobhan Marren", "Operations Director"),
        ),
    ),
    absent=("sla", "audit_rights"),
    layout=("numbering_clause",),
)
