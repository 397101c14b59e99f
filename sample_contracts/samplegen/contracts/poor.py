"""A short, one-sided hardware sales agreement that omits almost every buyer protection (USD).

Layout: Courier (typewriter look), left-aligned, plain ``1.`` numbering; no header or footer.
"""

from samplegen.model import Contract, Party, Theme, para, signature, title
from samplegen.model import clause as c

SELLER = "Apex Surplus Electronics LLC"
BUYER = "Dunmore Family Dental, P.C."
TITLE = "EQUIPMENT SALES AGREEMENT"

THEME = Theme(
    font="Courier",
    size=9.5,
    leading=1.3,
    page_format="Letter",
    margin=72,
    top=72,
    bottom=72,
    align="L",
    hang_labels=False,
    heading_size=9.5,
)

CONTRACT = Contract(
    stem="poor_supplier_terms",
    contract_type="hardware_purchase",
    title=TITLE,
    parties=(SELLER, BUYER),
    theme=THEME,
    blocks=(
        title(TITLE, clauses=(c("document_name"),)),
        para(
            c(
                "parties",
                f"This Equipment Sales Agreement is between {SELLER}, a Nevada limited"
                f' liability company ("Seller"), and {BUYER}, a New Jersey professional'
                ' corporation ("Buyer").',
            ),
            c("agreement_date", "It is dated September 9, 2024."),
        ),
        para(
            "Seller agrees to sell and Buyer agrees to buy twenty-five (25)",
            "refurbished business laptops and two (2) used tower servers, as listed on",
            'Seller\'s quote no. Q-55102 (the "Equipment"). Model, condition and',
            "configuration may vary from the quote.",
            label="1.",
            runin="EQUIPMENT.",
        ),
        para(
            "The total price is USD 17,850.00, plus shipping, handling and any",
            "applicable taxes, which Seller will add to the invoice.",
            label="2.",
            runin="PRICE.",
        ),
        para(
            c(
                "payment_terms",
                "Payment in full is due upon signing of this Agreement, by wire transfer or"
                " certified check.",
                days=0,
            ),
            "Seller will not ship until payment has cleared. Deposits are non-refundable.",
            label="3.",
            runin="PAYMENT.",
        ),
        para(
            c(
                "delivery",
                "Seller will ship the Equipment as soon as practicable after payment. Shipping"
                " dates are estimates only, and Seller is not liable for any delay.",
            ),
            "Title and risk of loss pass to Buyer when the Equipment leaves Seller's dock.",
            label="4.",
            runin="DELIVERY.",
        ),
        para(
            'THE EQUIPMENT IS SOLD "AS IS" AND "WITH ALL FAULTS". SELLER MAKES NO',
            "WARRANTIES, EXPRESS OR IMPLIED, INCLUDING ANY WARRANTY OF MERCHANTABILITY OR",
            "FITNESS FOR A PARTICULAR PURPOSE. ALL SALES ARE FINAL.",
            label="5.",
            runin="CONDITION.",
        ),
        para(
            c(
                "cap_on_liability",
                "Seller's total liability for any claim relating to this Agreement shall not"
                " exceed the price paid for the Equipment.",
                fees_multiple=1,
            ),
            label="6.",
            runin="LIABILITY.",
        ),
        para(
            c(
                "governing_law",
                "This Agreement is governed by the laws of the State of Nevada.",
            ),
            "This is the entire agreement between the parties.",
            label="7.",
            runin="GOVERNING LAW.",
        ),
        signature(
            "IN WITNESS WHEREOF, the parties have signed this Agreement on the date above.",
            Party("SELLER", SELLER, "Rick Dolan", "Sales Manager"),
            Party("BUYER", BUYER, "Dr. Aisha Rahman", "Owner"),
        ),
    ),
    absent=(
        "sla",
        "warranty",
        "returns",
        "audit_rights",
        "data_erasure",
        "support_maintenance",
        "data_protection",
        "termination",
        "acceptance",
    ),
    layout=("numbering_decimal", "run_in_headings", "all_caps_headings"),
)
