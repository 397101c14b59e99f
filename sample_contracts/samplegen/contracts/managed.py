"""Managed IT services agreement (GBP, English law).

Layout: unnumbered ALL-CAPS bold headings and unnumbered paragraphs; Times (core font);
"Page N" footer.
"""

from samplegen.model import Contract, Party, Theme, heading, para, signature, title
from samplegen.model import clause as c

SUPPLIER = "Corvid Managed IT Services Ltd"
CUSTOMER = "Pembrook Health Partners Limited"
TITLE = "MANAGED IT SERVICES AGREEMENT"

THEME = Theme(
    font="Times",
    size=10.5,
    leading=1.25,
    page_format="A4",
    margin=70,
    top=66,
    bottom=64,
    heading_size=10.5,
    para_gap=0.55,
    footer="Page {n}",
)

PREAMBLE = (
    title(TITLE, clauses=(c("document_name"),)),
    para(
        c(
            "agreement_date",
            "THIS AGREEMENT is dated 1 July 2024.",
        ),
    ),
    para(
        c(
            "parties",
            f"PARTIES: (1) {SUPPLIER}, incorporated and registered in England and Wales with"
            " company number 09384412, whose registered office is at 14 Temple Row,"
            ' Birmingham B2 5JR (the "Supplier"); and (2) ' + CUSTOMER + ", incorporated"
            " and registered in England and Wales with company number 05521867, whose"
            ' registered office is at 3 Quay Street, Bristol BS1 4DB (the "Customer").',
        ),
    ),
    heading("BACKGROUND"),
    para(
        "The Customer operates a group of private clinics and wishes to outsource the operation",
        "of its IT infrastructure to the Supplier, which has experience of providing managed IT",
        "services to healthcare providers. The parties have agreed that the Supplier will",
        "provide those services on the terms of this agreement.",
    ),
)

SERVICES = (
    heading("SERVICES"),
    para(
        "The Supplier shall provide the managed services described in the Service Description",
        "in Schedule 1, including a service desk, monitoring and management of the Customer's",
        'servers, network and cloud tenant, patch management and backup (the "Services"), from',
        '1 August 2024 (the "Service Commencement Date").',
        # a warranty of the services' quality in the labelling guide's sense (like "in a
        # workmanlike manner"), with no period stated
        c(
            "warranty",
            "The Supplier shall perform the Services with reasonable skill and care and in"
            " accordance with good industry practice.",
        ),
    ),
    heading("SERVICE LEVELS"),
    para(
        c(
            "sla",
            "The Supplier shall ensure that each Core System is available at least 99.5% of the"
            " time in each calendar month, excluding planned maintenance agreed in advance with"
            " the Customer.",
            uptime_pct=99.5,
        ),
    ),
    para(
        c(
            "sla",
            "For Priority 1 incidents the Supplier shall respond within one (1) hour and restore"
            " the affected service within four (4) hours, at any time of day or night.",
            response_hours=1,
            resolution_hours=4,
        ),
        "For Priority 2 incidents the Supplier shall respond within two (2) hours and restore",
        "the service within eight (8) hours during the Support Hours of 07:00 to 20:00 on any",
        "working day. Priority 3 incidents shall be resolved by the end of the next working day.",
    ),
    para(
        c(
            "sla",
            "If the Supplier fails to meet a Service Level in any month, it shall credit the"
            " Customer with the service credits set out in Schedule 2, up to a maximum of 15% of"
            " the monthly Charges.",
            service_credits=True,
        ),
        "Service credits are a price adjustment reflecting the reduced value of the Services",
        "and are without prejudice to the Customer's other rights and remedies.",
    ),
    heading("SUPPORT AND MAINTENANCE"),
    para(
        c(
            "support_maintenance",
            "The Supplier shall keep all equipment and software within the scope of the"
            " Services under the manu~fac~tur~er's support, apply critical security patches"
            " within fourteen (14) days of their release and other patches within the monthly"
            " maintenance window, and maintain an accurate configuration management database.",
        ),
    ),
    heading("CHARGES AND PAYMENT"),
    para(
        "The Customer shall pay the monthly charge of £18,750.00 (exclusive of VAT) set out in",
        'Schedule 3 (the "Charges"), invoiced monthly in arrears.',
        c(
            "payment_terms",
            "The Customer shall pay each valid invoice within thirty (30) days of receipt.",
            days=30,
        ),
    ),
    heading("PRICE REVIEW"),
    para(
        c(
            "price_increase",
            "The Supplier may increase the Charges once in each Contract Year, with effect from"
            " the anniversary of the Service Commencement Date, by giving not less than sixty"
            " (60) days' written notice. Any increase shall not exceed the percentage increase"
            " in the Consumer Prices Index (CPI) published by the Office for National Statistics"
            " for the twelve months ending on the preceding 31 March.",
            index="CPI",
        ),
    ),
)

RISK = (
    heading("DATA PROTECTION"),
    para(
        c(
            "data_protection",
            "The Supplier shall process Customer Personal Data only as processor on the"
            " documented instructions of the Customer and in accordance with the UK GDPR and"
            " the Data Protection Act 2018, and shall implement appropriate technical and"
            " organisational measures to protect it, taking into account that it includes"
            " health data of patients.",
        ),
    ),
    para(
        c(
            "breach_notification",
            "The Supplier shall notify the Customer without undue delay, and in any case within"
            " twenty-four (24) hours, after becoming aware of a Personal Data Breach.",
            deadline_hours=24,
        ),
    ),
    para(
        c(
            "data_erasure",
            "On expiry or termination of this agreement, the Supplier shall at the Customer's"
            " choice return all Customer Data (including Customer Personal Data) to the Customer"
            " and then securely erase it from all systems and backups within sixty (60) days,"
            " and shall certify in writing to the Customer that it has done so.",
            deadline_days=60,
            certificate=True,
            personal_data=True,
        ),
    ),
    heading("INSURANCE"),
    para(
        c(
            "insurance",
            "The Supplier shall maintain, during the term and for six (6) years thereafter,"
            " professional indemnity insurance of not less than £5,000,000 for each claim,"
            " public liability insurance of not less than £10,000,000 and cyber liability"
            " insurance of not less than £2,000,000, with reputable insurers, and shall produce"
            " evidence of cover on request.",
        ),
    ),
    heading("LIMITATION OF LIABILITY"),
    para(
        c(
            "limitation_of_liability",
            "Nothing in this agreement limits or excludes either party's liability for death"
            " or personal injury caused by negligence, for fraud or fraudulent"
            " misrepre~sen~ta~tion, or for any other liability which cannot be limited or"
            " excluded by law.",
        ),
    ),
    para(
        c(
            "cap_on_liability",
            "Subject to the preceding paragraph, each party's total liability arising under or"
            " in connection with this agreement in each Contract Year shall not exceed 125% of"
            " the Charges paid or payable in that Contract Year.",
            fees_multiple=1.25,
        ),
    ),
)

TERM = (
    heading("TERM AND TERMINATION"),
    para(
        "This agreement starts on the date above and continues for an initial term of three",
        "(3) years from the Service Commencement Date.",
        c(
            "renewal_term",
            "It shall then continue for successive periods of one (1) year",
            days=365,
        ),
        c(
            "notice_period_to_terminate_renewal",
            "unless either party gives the other at least six (6) months' written notice to"
            " terminate it at the end of the initial term or of any successive period.",
            days=180,
        ),
    ),
    para(
        c(
            "termination_for_convenience",
            "The Customer may terminate this agreement for convenience at any time after the"
            " first Contract Year by giving the Supplier not less than ninety (90) days' written"
            " notice, subject to payment of the early termination charge in Schedule 3.",
        ),
    ),
    para(
        c(
            "termination",
            "Either party may terminate this agreement with immediate effect by written notice"
            " if the other party commits a material breach which is irremediable or is not"
            " remedied within thirty (30) days of being notified of it, or becomes insolvent.",
        ),
    ),
    heading("EXIT ASSISTANCE"),
    para(
        c(
            "post_termination_services",
            'For up to six (6) months after termination or expiry (the "Exit Period"), the'
            " Supplier shall provide the assistance the Customer reasonably requires to"
            " migrate the Services to the Customer or a replacement supplier, including"
            " continuing to provide the Services, handing over documentation, credentials and"
            " configuration data, and knowledge transfer, at the rates in Schedule 3.",
        ),
    ),
    heading("CONFIDENTIALITY"),
    para(
        c(
            "confidentiality",
            "Each party shall keep the other party's confidential information secret, shall"
            " use it only to exercise its rights and perform its obligations under this"
            " agreement, and shall disclose it only to those of its employees, subcontractors"
            " and advisers who need to know it and are bound by equivalent obligations.",
        ),
    ),
    heading("FORCE MAJEURE"),
    para(
        c(
            "force_majeure",
            "Neither party shall be in breach of this agreement nor liable for delay in"
            " performing its obligations if the delay results from events beyond its reasonable"
            " control, provided that the Supplier's disaster recovery obligations in Schedule 1"
            " continue to apply.",
        ),
        "If such an event continues for more than sixty (60) days, either party may terminate",
        "this agreement by giving thirty (30) days' written notice.",
    ),
    heading("SUBCONTRACTING"),
    para(
        "The Supplier shall not subcontract any part of the Services that involves access to",
        "Customer Personal Data without the Customer's prior written consent, and remains",
        "responsible for all acts and omissions of its subcontractors.",
    ),
    heading("GOVERNING LAW"),
    para(
        c(
            "governing_law",
            "This agreement and any dispute or claim arising out of or in connection with it"
            " shall be governed by and construed in accordance with the law of England and"
            " Wales, and the courts of England and Wales shall have exclusive jurisdiction.",
        ),
    ),
    signature(
        "IN WITNESS WHEREOF this agreement has been entered into on the date stated at the"
        " beginning of it.",
        Party("Signed for and on behalf of", SUPPLIER, "Alistair Crowe", "Director"),
        Party("Signed for and on behalf of", CUSTOMER, "Dr Helen Marsh", "Chief Operating Officer"),
    ),
)

CONTRACT = Contract(
    stem="managed_services",
    contract_type="managed_services",
    title=TITLE,
    parties=(SUPPLIER, CUSTOMER),
    theme=THEME,
    blocks=PREAMBLE + SERVICES + RISK + TERM,
    absent=("returns", "audit_rights"),
    layout=("unnumbered_headings", "all_caps_headings"),
)
