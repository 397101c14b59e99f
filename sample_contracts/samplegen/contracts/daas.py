"""Device-as-a-service (laptop rental) agreement (EUR, German law).

Layout: ``§ 1`` numbering with bold run-in headings (``§ 9 Data Erasure. At the end of ...``)
and ``(2)``, ``(3)`` sub-paragraphs; DejaVu Sans Condensed; "N/M" page footer.
"""

from samplegen.model import Contract, Party, Theme, para, signature, span, title
from samplegen.model import clause as c

PROVIDER = "Tessaro Device Services GmbH"
CUSTOMER = "Kranich Logistik SE"
TITLE = ("DEVICE AS A SERVICE AGREEMENT", "(Rental of End-User Devices)")

THEME = Theme(
    font="DejaVuSansCondensed",
    size=9.5,
    page_format="A4",
    margin=66,
    top=72,
    bottom=62,
    hang_labels=False,
    para_gap=0.5,
    header="Tessaro DeviceFlex · Agreement No. DF-2024-0318",
    footer="{n}/{m}",
)


def section(number: int, name: str, *parts):
    """The first paragraph of a ``§``: number and run-in heading, then its text."""
    return para(*parts, label=f"§ {number}", runin=f"{name}.")


def sub(number: int, *parts):
    """A further numbered paragraph of the current ``§``."""
    return para(*parts, label=f"({number})")


PREAMBLE = (
    title(*TITLE, clauses=(c("document_name", TITLE[0]),)),
    para(
        span(
            "This Device as a Service Agreement is concluded on 12 February 2024 between"
            f" {PROVIDER}, Heilbronner Straße 150, 70191 Stuttgart, Germany (the “Provider”),"
            f" and {CUSTOMER}, Überseetor 14, 28217 Bremen, Germany (the “Customer”).",
            c("parties"),
            c("agreement_date"),
        ),
    ),
)

SERVICE = (
    section(
        1,
        "Subject Matter",
        "The Provider rents to the Customer notebooks, docking stations and accessories (the",
        "“Devices”) and provides the services described in this Agreement (together the",
        "“DeviceFlex Service”). The Devices remain the property of the Provider at all times.",
    ),
    sub(
        2,
        "The models, configurations and quantities are set out in the order forms signed by",
        "both parties. The first order form covers 1,200 notebooks of the class “Standard” and",
        "150 notebooks of the class “Performance”.",
    ),
    section(
        2,
        "Rental Fees",
        "The monthly rental fee per Device is €39.90 for the class “Standard” and €54.50 for",
        "the class “Performance”, exclusive of value added tax. The fee covers the rental,",
        "warranty, swap service, logistics and data erasure under this Agreement.",
    ),
    sub(
        2,
        "Fees are invoiced monthly in advance.",
        c(
            "payment_terms",
            "Invoices are payable within fourteen (14) days of receipt without deduction.",
            days=14,
        ),
    ),
    section(
        3,
        "Delivery and Roll-out",
        c(
            "delivery",
            "The Provider shall deliver the Devices, pre-configured with the Customer’s image"
            " and enrolled in the Customer’s device management system, to the Customer’s sites"
            " within twenty (20) days of the order.",
            lead_time_days=20,
        ),
        "Delivery includes unpacking, set-up at the workplace and disposal of packaging.",
    ),
    section(
        4,
        "Warranty during the Term",
        c(
            "warranty",
            "The Provider warrants that the Devices are free from defects throughout the"
            " Rental Term. The Provider shall remedy any defect at its own cost, at its option"
            " by repair or by replacing the Device with an equivalent or better device.",
            remedies=["repair", "replace"],
        ),
        "Statutory warranty rights of the Customer remain unaffected.",
    ),
    section(
        5,
        "Service Desk and Maintenance",
        c(
            "support_maintenance",
            "The Provider operates a service desk in German and English, available by telephone"
            " and web portal from 07:00 to 19:00 on business days. The Provider keeps the"
            " firmware and drivers of the Devices up to date and distributes security updates"
            " within seven (7) days of their release by the manu~fac~tur~er.",
        ),
    ),
    section(
        6,
        "Device Swap",
        c(
            "sla",
            "If a Device fails or is damaged, the Customer shall report this to the Provider’s"
            " service desk, which shall respond within four (4) hours during business hours."
            " The Provider shall deliver a fully configured replacement Device to the user’s"
            " workplace or home office within two (2) business days of the fault report (the"
            " “Swap Time”) and collect the defective Device at the same time.",
            response_hours=4,
        ),
    ),
    sub(
        2,
        c(
            "sla",
            "If the Swap Time is exceeded, the Customer shall receive a service credit of 50 %"
            " of the monthly fee for the affected Device for each commenced business day of"
            " delay, up to 100 % of that monthly fee.",
            service_credits=True,
        ),
    ),
    sub(
        3,
        "Accidental damage is covered for up to two (2) incidents per Device per rental year.",
        "For lost or stolen Devices the Customer pays an excess of €250.00 per Device.",
    ),
)

END_OF_TERM = (
    section(
        7,
        "Term and Renewal",
        "The rental term of each Device is thirty-six (36) months from its delivery (the",
        "“Rental Term”).",
        c(
            "renewal_term",
            "The Rental Term of a Device is extended by twelve months at a time",
            days=365,
        ),
        c(
            "notice_period_to_terminate_renewal",
            "unless either party gives three (3) months’ notice before the end of the Rental Term.",
            days=90,
        ),
    ),
    sub(
        2,
        c(
            "termination",
            "Either party may terminate this Agreement for good cause without notice, in"
            " particular if the other party is in material breach and fails to remedy the"
            " breach within thirty (30) days of a written warning.",
        ),
    ),
    section(
        8,
        "Return of Devices",
        c(
            "returns",
            "At the end of the Rental Term the Provider shall collect the Devices from the"
            " Customer’s sites at its own cost, providing packaging. The Customer shall make the"
            " Devices available for collection within thirty (30) days of the end of the Rental"
            " Term; Devices not made available within that period will be invoiced at their"
            " residual value.",
            window_days=30,
        ),
    ),
    sub(
        2,
        "Normal wear and tear is not charged. Damage beyond normal wear and tear is charged",
        "in accordance with the damage price list in Annex 2.",
    ),
    section(
        9,
        "Data Erasure",
        c(
            "data_erasure",
            "At the end of the Rental Term, and whenever a Device is swapped or returned for"
            " any other reason, the Provider shall erase all data on the Device, including"
            " personal data, in accordance with NIST SP 800-88 Rev. 1 (Purge) within fourteen"
            " (14) days of receipt of the Device. Storage media that cannot be erased shall be"
            " destroyed in accordance with DIN 66399, security level H-4 or E-4.",
            deadline_days=14,
            personal_data=True,
        ),
    ),
    sub(
        2,
        c(
            "data_erasure",
            "The Provider shall issue an erasure certificate for each Device, stating its serial"
            " number, the erasure method and standard applied, the date and the responsible"
            " technician, and shall deliver the certificates to the Customer in electronic form"
            " within the period set out in paragraph 1.",
            certificate=True,
        ),
    ),
    sub(
        3,
        c(
            "data_protection",
            "To the extent the Provider processes personal data when handling Devices, it does"
            " so as processor on behalf of the Customer under the data processing agreement in"
            " Annex 3 (Article 28 GDPR).",
        ),
    ),
)

GENERAL = (
    section(
        10,
        "Liability",
        c(
            "limitation_of_liability",
            "The Provider is liable without limitation for intent and gross negligence and for"
            " injury to life, body or health. For slight negligence the Provider is liable only"
            " for breach of material contractual obligations and limited to the foreseeable"
            " damage typical for the contract.",
        ),
    ),
    sub(
        2,
        c(
            "cap_on_liability",
            "In the cases of slight negligence, the Provider’s liability is limited to"
            " €500,000 per contract year.",
            amount=500000,
            currency="EUR",
        ),
    ),
    section(
        11,
        "Confidentiality",
        c(
            "confidentiality",
            "The parties shall treat as confidential all business and technical information of"
            " the other party that becomes known to them in performing this Agreement, for the"
            " term and three (3) years thereafter.",
        ),
    ),
    section(
        12,
        "Governing Law; Place of Jurisdiction",
        c(
            "governing_law",
            "This Agreement is governed by the laws of the Federal Republic of Germany.",
        ),
        "Place of jurisdiction is Stuttgart.",
    ),
    signature(
        "IN WITNESS WHEREOF, the parties have signed this Agreement by their authorised"
        " representatives.",
        Party("PROVIDER", PROVIDER, "Marco Tessaro", "Managing Director"),
        Party("CUSTOMER", CUSTOMER, "Friederike Albers", "Vice President IT Services"),
    ),
)

CONTRACT = Contract(
    stem="device_as_a_service",
    contract_type="daas_rental",
    title=TITLE[0],
    parties=(PROVIDER, CUSTOMER),
    theme=THEME,
    blocks=PREAMBLE + SERVICE + END_OF_TERM + GENERAL,
    absent=("audit_rights", "price_increase", "termination_for_convenience"),
    layout=("numbering_paragraph_sign", "run_in_headings"),
)
