"""Framework purchase agreement for laptops and servers (EUR, German law).

Layout: running header and "Page N of M" footer on every page; numbering ``1.`` / ``1.1`` /
``(a)`` with hanging labels; DejaVu Sans (for the euro sign).
"""

from samplegen.model import (
    Contract,
    Party,
    Theme,
    heading,
    para,
    signature,
    span,
    table,
    title,
)
from samplegen.model import clause as c

SUPPLIER = "Halvorsen Technik GmbH"
CUSTOMER = "Nordlicht Versicherung AG"
TITLE = ("FRAMEWORK PURCHASE AGREEMENT", "FOR IT HARDWARE")

THEME = Theme(
    font="DejaVuSans",
    size=9.0,
    page_format="A4",
    margin=62,
    top=78,
    bottom=66,
    indent=24,
    header="Framework Purchase Agreement – Confidential",
    footer="Page {n} of {m}",
)

PREAMBLE = (
    title(*TITLE, clauses=(c("document_name"),)),
    para(
        "This Framework Purchase Agreement (the “Agreement”) is made on 4 March 2024",
        "(the “Effective Date”) between:",
        c("agreement_date"),
    ),
    para(
        f"{SUPPLIER}, a limited liability company incorporated under the laws of Germany,",
        "registered with the commercial register of the Local Court of Munich under HRB 214377,",
        "with its registered office at Leopoldstraße 188, 80804 Munich, Germany",
        "(the “Supplier”); and",
        c("parties"),
        label="(1)",
    ),
    para(
        f"{CUSTOMER}, a stock corporation incorporated under the laws of Germany, registered",
        "with the commercial register of the Local Court of Hamburg under HRB 90512, with its",
        "registered office at Ballindamm 27, 20095 Hamburg, Germany (the “Customer”),",
        c("parties"),
        label="(2)",
    ),
    para("each a “Party” and together the “Parties”."),
    heading("BACKGROUND"),
    para(
        "The Supplier is an authorised reseller and service partner of several manu~fac~tur~ers",
        "of enterprise notebooks, desktop computers and rack servers.",
        label="(A)",
    ),
    para(
        "The Customer wishes to purchase such hardware from time to time for its offices in",
        "Germany and Austria, and to have defective units repaired and returned under a single",
        "set of terms. The Parties therefore agree as follows:",
        label="(B)",
    ),
)

DEFINITIONS = (
    heading("1. DEFINITIONS AND INTERPRETATION"),
    para("In this Agreement the following definitions apply:", label="1.1"),
    para(
        "“Business Day” means a day other than a Saturday, Sunday or public holiday in Hamburg;",
        label="(a)",
        level=1,
    ),
    para(
        "“Call-Off Order” means an order for Products placed by the Customer under clause 2.2;",
        label="(b)",
        level=1,
    ),
    para(
        "“Defect” means any failure of a Product to conform to its specification or to be free",
        "from defects in design, material and workmanship;",
        label="(c)",
        level=1,
    ),
    para(
        "“Delivery Date” means the date on which a Product is delivered to the Delivery Address",
        "and signed for by the Customer;",
        label="(d)",
        level=1,
    ),
    para(
        "“DOA Product” (dead on arrival) means a Product that fails to power on or to complete",
        "its power-on self-test when it is first installed;",
        label="(e)",
        level=1,
    ),
    para(
        "“Products” means the notebooks, desktop computers, servers, storage devices and",
        "accessories listed in Schedule 1 (Price List), including pre-installed firmware; and",
        label="(f)",
        level=1,
    ),
    para(
        "“Storage Media” means any hard disk drive, solid-state drive or other non-volatile",
        "memory contained in or supplied with a Product.",
        label="(g)",
        level=1,
    ),
    para(
        "Headings are for convenience only. The words “including” and “in particular” do not",
        "limit the generality of the preceding words.",
        label="1.2",
    ),
)

COMMERCIAL = (
    heading("2. SCOPE AND CALL-OFF ORDERS"),
    para(
        "This Agreement sets out the terms on which the Supplier shall sell and the Customer may",
        "purchase Products. It does not oblige the Customer to purchase any minimum quantity.",
        label="2.1",
    ),
    para(
        "The Customer may place Call-Off Orders in writing or through the Supplier’s ordering",
        "portal. A Call-Off Order becomes binding when the Supplier confirms it or when two (2)",
        "Business Days have passed without the Supplier rejecting it.",
        label="2.2",
    ),
    para(
        "These terms prevail over any terms printed on or referred to in an order confirmation,",
        "delivery note or invoice of the Supplier, even if the Customer does not object to them.",
        label="2.3",
    ),
    heading("3. PRICES AND PAYMENT"),
    para(
        "The prices for the Products are set out in Schedule 1 and are stated in euros exclusive",
        "of value added tax. By way of example, a standard notebook (configuration NB-14-PRO)",
        "costs €1,184.00 and a two-socket rack server (configuration SRV-2U-G5) costs €9,870.00.",
        label="3.1",
    ),
    para(
        "Prices are fixed for the first twelve months after the Effective Date.",
        c(
            "price_increase",
            "Thereafter the Supplier may adjust the prices once per calendar year on three months’"
            " written notice, provided that no adjustment exceeds the change in the German"
            " consumer price index (Verbraucherpreisindex, CPI) over the preceding twelve months.",
            index="CPI",
        ),
        label="3.2",
    ),
    para(
        "The Supplier shall invoice each Call-Off Order upon delivery.",
        c(
            "payment_terms",
            "The Customer shall pay each undisputed invoice within thirty (30) days of receipt.",
            days=30,
        ),
        "Disputed amounts may be withheld until the dispute is resolved.",
        label="3.3",
    ),
    heading("4. DELIVERY"),
    para(
        c(
            "delivery",
            "The Supplier shall deliver the Products DDP (Incoterms® 2020) to the address stated"
            " in the Call-Off Order (the “Delivery Address”) within fourteen (14) days of the"
            " Call-Off Order for configurations marked as stock items in Schedule 1, and within"
            " thirty (30) days for all other configurations.",
            lead_time_days=14,
        ),
        label="4.1",
    ),
    para(
        "Each delivery shall be accompanied by a delivery note stating the Call-Off Order number,",
        "the serial number of every Product and the number of packages.",
        label="4.2",
    ),
    para(
        c(
            "liquidated_damages",
            "If the Supplier fails to deliver by the agreed date, the Supplier shall pay the"
            " Customer liquidated damages of 0.5 % of the price of the delayed Products for each"
            " commenced week of delay, up to a maximum of 5 % of that price.",
        ),
        "The Customer’s right to claim further damages and to withdraw from the Call-Off Order",
        "after a reasonable grace period remains unaffected; liquidated damages paid shall be",
        "credited against such damages.",
        label="4.3",
        runin="Late Delivery.",
    ),
    heading("5. ACCEPTANCE"),
    para(
        c(
            "acceptance",
            "The Customer shall inspect delivered Products within five (5) Business Days of the"
            " Delivery Date for visible damage, missing items and conformity with the delivery"
            " note, and shall notify the Supplier of any discrepancy within that period.",
        ),
        "Hidden Defects may be notified at any time after they are discovered.",
        label="5.1",
    ),
)

WARRANTY_AND_SERVICE = (
    heading("6. WARRANTY"),
    para(
        span(
            "The Supplier warrants that each Product will be free from Defects for thirty-six"
            " (36) months from its Delivery Date (the “Warranty Period”).",
            c("warranty_duration", duration_months=36),
        ),
        "If a Defect appears during the Warranty Period, the Supplier shall, at its option,",
        "repair or replace the defective Product free of charge, including parts, labour and",
        "transport. If the Supplier fails to remedy the Defect within the times set out in",
        "clause 7, or if a second repair attempt fails, the Customer may return the Product and",
        "the Supplier shall refund the price paid for it.",
        c("warranty", duration_months=36, remedies=["repair", "replace", "refund"]),
        label="6.1",
        runin="Warranty.",
    ),
    para(
        "The warranty does not cover Defects caused by accident, misuse, unauthorised",
        "modification or the use of consumables not approved by the manu~fac~tur~er.",
        "Rechargeable batteries are warranted for twelve months from the Delivery Date.",
        label="6.2",
        runin="Exclusions.",
    ),
    para(
        "Where a manu~fac~tur~er offers a longer or more extensive warranty for a Product, the",
        "Supplier shall pass the benefit of that warranty on to the Customer and shall handle",
        "any claim under it on the Customer’s behalf.",
        label="6.3",
        runin="Manufacturer Warranties.",
    ),
    heading("7. REPAIR SERVICE LEVELS"),
    para(
        c(
            "sla",
            "The Supplier shall perform warranty repairs on-site at the Customer’s premises on a"
            " next-business-day basis. The Supplier shall acknowledge each fault report within"
            " four (4) business hours and shall restore the affected Product to full working"
            " order within twenty-four (24) hours of the fault report (the “Resolution Time”).",
            response_hours=4,
            resolution_hours=24,
        ),
        label="7.1",
        runin="Service Levels.",
    ),
    para(
        "Where a Product cannot be repaired within the Resolution Time, the Supplier shall",
        "provide an equivalent loan unit until the repair has been completed.",
        label="7.2",
        runin="Loan Units.",
    ),
    para(
        c(
            "sla",
            "For each commenced Business Day by which the Resolution Time is exceeded, the"
            " Supplier shall credit the Customer €50.00 per affected notebook and €250.00 per"
            " affected server against the next invoice.",
            service_credits=True,
        ),
        label="7.3",
        runin="Service Credits.",
    ),
    heading("8. RETURNS, RMA AND DEAD-ON-ARRIVAL PRODUCTS"),
    para(
        c(
            "returns",
            "The Customer may report a DOA Product within fourteen (14) days of the Delivery"
            " Date. The Supplier shall ship a new replacement unit within two (2) Business Days"
            " of the report, without first requiring the defective unit to be returned or"
            " diagnosed.",
            doa=True,
            doa_days=14,
        ),
        label="8.1",
        runin="Dead on Arrival.",
    ),
    para(
        c(
            "returns",
            "The Customer may return any Product within thirty (30) days of its Delivery Date"
            " against a return merchandise authorisation (“RMA”) number, which the Supplier"
            " shall issue within one (1) Business Day of the request. No restocking fee applies"
            " to DOA Products or to Products returned because of a Defect (0 %); for all other"
            " returns the Supplier may charge a restocking fee of 10 % of the net price of the"
            " returned Product.",
            window_days=30,
            restocking_pct=10,
        ),
        label="8.2",
        runin="Returns.",
    ),
    para(
        "The Supplier shall bear the cost and risk of return shipments of DOA Products and",
        "defective Products and shall collect them from the Delivery Address.",
        label="8.3",
        runin="Return Shipping.",
    ),
)

DATA_AND_LIABILITY = (
    heading("9. DATA ON RETURNED STORAGE MEDIA"),
    para(
        "Returned Storage Media may contain personal data and confidential information of the",
        "Customer. The Supplier shall, and shall procure that its subcontractors and the relevant",
        "manu~fac~tur~er shall, treat such data as confidential and process it only to the extent",
        "necessary to perform the repair, replacement or return.",
        label="9.1",
        runin="Principle.",
    ),
    para(
        c(
            "data_erasure",
            "Before any Storage Media leaves the Supplier’s custody or is reused, re~fur~bished or"
            " resold, the Supplier shall sanitise it using a Purge method in accor~dance with"
            " NIST Special Publication 800-88 Rev. 1 (Guidelines for Media Sani~ti~za~tion) or,"
            " where the media is defective and cannot be purged, destroy it phys~i~cal~ly. The"
            " Supplier shall complete the erasure within twenty-one (21) days of receiving the"
            " Storage Media and shall provide the Customer promptly with a cer~tif~i~cate of"
            " erasure listing the serial number of each Storage Media, the method used and the"
            " date of erasure.",
            deadline_days=21,
            certificate=True,
            personal_data=True,
        ),
        label="9.2",
        runin="Data Erasure.",
    ),
    para(
        "The Customer may retain any defective Storage Media that is replaced under warranty;",
        "the Supplier shall not make the replacement conditional on the return of such media.",
        label="9.3",
        runin="Retention of Drives.",
    ),
    heading("10. LIABILITY"),
    para(
        c(
            "limitation_of_liability",
            "The Supplier shall be liable without limitation for damage caused intentionally or"
            " by gross negligence, for injury to life, body or health and under the German"
            " Product Liability Act (Produkthaftungsgesetz).",
        ),
        label="10.1",
    ),
    para(
        "In all other cases of a breach of material contractual obligations, liability is",
        "limited to the foreseeable damage typical for this type of contract.",
        c(
            "cap_on_liability",
            "The total liability of either Party arising out of or in connection with this"
            " Agreement in any contract year shall not exceed €2,500,000.",
            amount=2500000,
            currency="EUR",
        ),
        label="10.2",
    ),
    heading("11. TERM AND TERMINATION"),
    para(
        "This Agreement commences on the Effective Date and continues for an initial term of",
        "three (3) years.",
        c(
            "renewal_term",
            "It shall then renew automatically for successive periods of twelve (12) months",
            days=365,
        ),
        c(
            "notice_period_to_terminate_renewal",
            "unless either Party gives written notice of non-renewal at least three (3) months"
            " before the end of the then-current term.",
            days=90,
        ),
        label="11.1",
    ),
    para(
        c(
            "termination",
            "Either Party may terminate this Agreement for cause with immediate effect by"
            " written notice if the other Party materially breaches it and fails to remedy the"
            " breach within thirty (30) days of receiving notice of it.",
        ),
        label="11.2",
    ),
    para(
        "Termination does not affect Call-Off Orders already confirmed, which shall be completed",
        "under this Agreement, nor the obligations under clauses 6 to 9, which survive.",
        label="11.3",
    ),
    heading("12. CONFIDENTIALITY"),
    para(
        c(
            "confidentiality",
            "Each Party shall keep confidential all information of the other Party that is marked"
            " as confidential or should reasonably be understood to be confidential, and shall"
            " use it only for the purposes of this Agreement, during the term and for five (5)"
            " years thereafter.",
        ),
        label="12.1",
    ),
    heading("13. GOVERNING LAW AND JURISDICTION"),
    para(
        c(
            "governing_law",
            "This Agreement is governed by the laws of the Federal Republic of Germany, excluding"
            " the United Nations Convention on Contracts for the International Sale of Goods"
            " (CISG).",
        ),
        "The courts of Munich shall have exclusive jurisdiction.",
        label="13.1",
    ),
    signature(
        "IN WITNESS WHEREOF, the Parties have caused this Agreement to be executed by their duly"
        " authorised representatives on the dates set out below.",
        Party("SUPPLIER", SUPPLIER, "Dr. Katrin Halvorsen", "Managing Director"),
        Party("CUSTOMER", CUSTOMER, "Jens Overbeck", "Head of IT Procurement"),
    ),
)

PRICE_LIST = (
    heading("SCHEDULE 1 – PRICE LIST"),
    para(
        "Unit prices in euros, exclusive of value added tax, delivered DDP to any Delivery Address",
        "in Germany or Austria. Stock items are subject to the lead time in clause 4.1.",
    ),
    table(
        ("Item", "Configuration", "Unit price (EUR)", "Stock item"),
        [
            ("NB-14-PRO", "Notebook 14″, 32 GB RAM, 1 TB SSD, LTE modem", "1,184.00", "Yes"),
            ("NB-16-WS", "Mobile workstation 16″, 64 GB RAM, 2 TB SSD", "2,615.00", "No"),
            ("DT-SFF-5", "Desktop, small form factor, 16 GB RAM, 512 GB SSD", "742.00", "Yes"),
            (
                "SRV-1U-G5",
                "Rack server 1U, one socket, 128 GB RAM, 4 × 1.92 TB SSD",
                "6,410.00",
                "No",
            ),
            (
                "SRV-2U-G5",
                "Rack server 2U, two sockets, 512 GB RAM, 8 × 3.84 TB SSD",
                "9,870.00",
                "No",
            ),
            ("DOCK-TB4", "Docking station with two display outputs", "189.00", "Yes"),
        ],
        widths=(0.15, 0.55, 0.17, 0.13),
    ),
)

CONTRACT = Contract(
    stem="hardware_framework_purchase",
    contract_type="hardware_purchase",
    title=" ".join(TITLE),
    parties=(SUPPLIER, CUSTOMER),
    theme=THEME,
    blocks=(
        PREAMBLE + DEFINITIONS + COMMERCIAL + WARRANTY_AND_SERVICE + DATA_AND_LIABILITY + PRICE_LIST
    ),
    absent=("audit_rights", "breach_notification", "termination_for_convenience"),
    layout=("numbering_decimal", "run_in_headings", "definitions"),
)
