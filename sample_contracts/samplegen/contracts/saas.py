"""SaaS subscription agreement with a GDPR data processing addendum as Schedule 1 (EUR, Dutch law).

Layout: ruled tables of service levels (uptime / service credit, severity / response /
resolution); numbering ``ARTICLE I`` (two-line centred headings) / ``Section 1.1`` with
inline labels and run-in headings; Helvetica (core font, so amounts are written "EUR").
"""

from samplegen.model import (
    Contract,
    PageBreak,
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

PROVIDER = "Aurelian Cloud Solutions B.V."
CUSTOMER = "Fennick Home & Garden GmbH"
TITLE = "SOFTWARE-AS-A-SERVICE SUBSCRIPTION AGREEMENT"

THEME = Theme(
    font="Helvetica",
    size=9.5,
    page_format="A4",
    margin=60,
    top=60,
    bottom=60,
    heading_size=10,
    heading_align="C",
    hang_labels=False,
    footer="- {n} -",
)


def section(number: str, runin: str, *parts, **kw):
    """A ``Section x.y Heading.`` paragraph."""
    return para(*parts, label=f"Section {number}", runin=runin, **kw)


def dpa_clause(number: str, runin: str, *parts):
    """A numbered paragraph of the Data Processing Addendum (``1. Heading.``)."""
    return para(*parts, label=f"{number}.", runin=runin)


def article(number: str, name: str):
    return heading(f"ARTICLE {number}", name)


PREAMBLE = (
    title(TITLE, clauses=(c("document_name"),)),
    para(
        span(
            'This Software-as-a-Service Subscription Agreement (the "Agreement") is entered into'
            ' as of 15 January 2024 (the "Effective Date") by and between'
            f" {PROVIDER}, a private limited company organised under the laws of the"
            " Netherlands, with its registered office at Keizersgracht 412, 1016 GC Amsterdam"
            f' ("Provider"), and {CUSTOMER}, a limited liability company organised under the'
            " laws of Germany, with its registered office at Hohenzollernring 58, 50672 Cologne"
            ' ("Customer").',
            c("parties"),
            c("agreement_date"),
        ),
    ),
    para(
        "Provider operates a hosted retail merchandising platform. Customer wishes to use that",
        "platform for its stores and online shop. The parties therefore agree as follows.",
    ),
)

DEFINITIONS = (
    article("I", "DEFINITIONS"),
    section(
        "1.1",
        "Definitions.",
        "Capitalised terms have the meanings given below or where they are first used.",
    ),
    para(
        '"Availability" means the percentage of minutes in a calendar month during which the',
        "production instance of the Service responds to requests at Provider's internet gateway,",
        "excluding Scheduled Maintenance.",
        label="(a)",
        level=1,
    ),
    para(
        '"Customer Data" means all data, including personal data, that Customer or its Users',
        "submit to, store in or generate with the Service.",
        label="(b)",
        level=1,
    ),
    para(
        '"Incident" means any failure of the Service to operate in accordance with the',
        "Documentation, classified by severity under Section 6.2.",
        label="(c)",
        level=1,
    ),
    para(
        '"Scheduled Maintenance" means maintenance of up to four (4) hours per calendar month,',
        "announced at least five (5) business days in advance and performed between 22:00 and",
        "06:00 CET.",
        label="(d)",
        level=1,
    ),
    para(
        '"Service" means Provider\'s "Aurelian Merch Cloud" platform, including its application',
        'programming inter~faces and the related documentation (the "Documentation").',
        label="(e)",
        level=1,
    ),
    para(
        '"Users" means Customer\'s employees and contractors authorised by Customer to use',
        "the Service.",
        label="(f)",
        level=1,
    ),
)

COMMERCIAL = (
    article("II", "SUBSCRIPTION"),
    section(
        "2.1",
        "Access Right.",
        c(
            "license_grant",
            "Subject to this Agreement, Provider grants Customer a non-exclusive,"
            " non-transferable right during the Subscription Term to access and use the Service"
            " for its internal business purposes for up to two hundred and fifty (250) Users.",
        ),
    ),
    section(
        "2.2",
        "Hosting.",
        "Provider shall host the Service on infrastructure located in the European Economic",
        "Area and operated by Provider or its sub-processors. Provider shall not move the",
        "Service or Customer Data outside the European Economic Area without Customer's prior",
        "written consent.",
    ),
    article("III", "FEES AND PAYMENT"),
    section(
        "3.1",
        "Fees.",
        "Customer shall pay an annual subscription fee of EUR 86,400.00 (eighty-six thousand",
        "four hundred euros), invoiced annually in advance, plus value added tax.",
    ),
    section(
        "3.2",
        "Payment.",
        c(
            "payment_terms",
            "Invoices are payable within thirty (30) days of the invoice date.",
            days=30,
        ),
        "Overdue amounts bear interest at the statutory commercial rate.",
    ),
    section(
        "3.3",
        "Price Adjustment.",
        c(
            "price_increase",
            "Provider may increase the fees with effect from the start of any renewal term by"
            " giving at least ninety (90) days' written notice, provided that any increase"
            " shall not exceed five percent (5%) of the fees for the preceding year.",
            cap_pct=5,
        ),
    ),
    article("IV", "TERM AND TERMINATION"),
    section(
        "4.1",
        "Term.",
        "The initial subscription term is twenty-four (24) months from the Effective Date (the",
        '"Initial Term").',
        c(
            "renewal_term",
            "Thereafter the Agreement renews automatically for successive renewal terms of one"
            " (1) year each",
            days=365,
        ),
        c(
            "notice_period_to_terminate_renewal",
            "unless either party gives notice of non-renewal at least sixty (60) days before"
            " the end of the then-current term.",
            days=60,
        ),
        '(The Initial Term and all renewal terms, the "Subscription Term".)',
    ),
    section(
        "4.2",
        "Termination for Cause.",
        c(
            "termination",
            "Either party may terminate this Agreement by written notice if the other party"
            " commits a material breach and fails to cure it within thirty (30) days of written"
            " notice describing the breach.",
        ),
    ),
    section(
        "4.3",
        "Transition.",
        c(
            "post_termination_services",
            "For thirty (30) days after the end of the Subscription Term, Provider shall keep"
            " the Service available to Customer in read-only mode so that Customer can export"
            " Customer Data using the standard export functions.",
        ),
    ),
)

SERVICE_LEVELS = (
    article("V", "SERVICE LEVELS"),
    section(
        "5.1",
        "Availability.",
        c(
            "sla",
            "Provider shall make the Service available 99.9% of the time in each calendar"
            " month, measured at Provider's internet gateway and excluding Scheduled"
            " Maintenance.",
            uptime_pct=99.9,
        ),
    ),
    section(
        "5.2",
        "Service Credits.",
        c(
            "sla",
            "If Availability in a calendar month falls below 99.9%, Customer shall be entitled"
            " to a service credit, calculated as a percentage of the monthly portion of the"
            " annual fee, in accordance with Table 1.",
            service_credits=[
                {"below_pct": 99.9, "credit_pct": 5},
                {"below_pct": 99.5, "credit_pct": 10},
                {"below_pct": 99.0, "credit_pct": 25},
            ],
        ),
    ),
    para("Table 1 - Availability and service credits", align="L"),
    table(
        ("Monthly Availability", "Service credit (% of monthly fee)"),
        [
            ("Below 99.9% but at least 99.5%", "5%"),
            ("Below 99.5% but at least 99.0%", "10%"),
            ("Below 99.0%", "25%"),
        ],
        widths=(0.55, 0.45),
    ),
    section(
        "5.3",
        "Claims.",
        "Customer shall claim service credits in writing within thirty (30) days after the end",
        "of the month concerned. Service credits are set off against the next invoice and shall",
        "not exceed twenty-five percent (25%) of the monthly fee in any month.",
    ),
    article("VI", "SUPPORT"),
    section(
        "6.1",
        "Support Services.",
        c(
            "support_maintenance",
            "Provider shall provide support in English and German by telephone, e-mail and web"
            " portal, twenty-four hours a day, seven days a week for Severity 1 Incidents and"
            " from 08:00 to 18:00 CET on business days for all other Incidents, and shall"
            " provide all updates and new releases of the Service at no additional charge.",
        ),
    ),
    section(
        "6.2",
        "Response and Resolution Times.",
        c(
            "sla",
            "Provider shall respond to and resolve Incidents within the times set out in"
            " Table 2, measured from the time the Incident is reported. For Severity 1"
            " Incidents, Provider shall respond within thirty (30) minutes and resolve the"
            " Incident or provide a workaround within four (4) hours.",
            response_hours=0.5,
            resolution_hours=4,
        ),
    ),
    para("Table 2 - Incident response and resolution times", align="L"),
    table(
        ("Severity", "Response time", "Resolution time"),
        [
            ("Severity 1 (Service unavailable)", "30 minutes", "4 hours"),
            ("Severity 2 (major function impaired)", "2 hours", "1 business day"),
            ("Severity 3 (minor function impaired)", "8 business hours", "5 business days"),
            ("Severity 4 (question or cosmetic defect)", "2 business days", "next release"),
        ],
        widths=(0.46, 0.27, 0.27),
    ),
    section(
        "6.3",
        "Warranty.",
        c(
            "warranty",
            "Provider warrants that the Service will perform materially in accordance with the"
            " Docu~men~ta~tion during the Subscription Term. If it does not, Provider shall correct"
            " the non-conformity without undue delay or, if it fails to do so within thirty (30)"
            " days, Customer may terminate this Agreement and receive a refund of the prepaid"
            " fees for the remainder of the Subscription Term.",
            remedies=["repair", "refund"],
        ),
    ),
)

PROTECTION_AND_LIABILITY = (
    article("VII", "DATA PROTECTION AND SECURITY"),
    section(
        "7.1",
        "Data Processing.",
        c(
            "data_protection",
            "Provider shall process personal data contained in Customer Data only on behalf of"
            " Customer and in accordance with the Data Processing Addendum in Schedule 1, which"
            " forms part of this Agreement.",
        ),
    ),
    section(
        "7.2",
        "Security.",
        "Provider shall maintain an information security management system certified under",
        "ISO/IEC 27001 and shall encrypt Customer Data in transit and at rest.",
    ),
    article("VIII", "CONFIDENTIALITY"),
    section(
        "8.1",
        "Confidential Information.",
        c(
            "confidentiality",
            "Each party shall hold the other party's Confidential Information in confidence,"
            " use it only to perform this Agreement and disclose it only to its employees and"
            " advisers who need to know it and are bound by equivalent obligations.",
        ),
    ),
    article("IX", "LIMITATION OF LIABILITY"),
    section(
        "9.1",
        "Exclusion.",
        c(
            "limitation_of_liability",
            "Neither party shall be liable for any indirect, incidental, special or"
            " consequential damages, or for loss of profits, revenue or goodwill, however"
            " caused.",
        ),
    ),
    section(
        "9.2",
        "Cap.",
        c(
            "cap_on_liability",
            "Each party's total aggregate liability arising out of or in connection with this"
            " Agreement shall not exceed the fees paid or payable by Customer in the twelve (12)"
            " months preceding the event giving rise to the claim.",
            months_of_fees=12,
        ),
    ),
    section(
        "9.3",
        "Exceptions.",
        "Sections 9.1 and 9.2 do not apply to liability for wilful misconduct or gross",
        "negligence, to breaches of Article VII or to any liability that cannot be limited by",
        "law.",
    ),
    article("X", "GENERAL"),
    section(
        "10.1",
        "Governing Law.",
        c(
            "governing_law",
            "This Agreement shall be governed by the laws of the Netherlands. The competent"
            " courts of Amsterdam shall have exclusive jurisdiction.",
        ),
    ),
    section(
        "10.2",
        "Force Majeure.",
        c(
            "force_majeure",
            "Neither party shall be liable for any failure or delay in performing its"
            " obligations caused by events beyond its reasonable control, including natural"
            " disasters, war, terrorism, epidemics and failures of public utilities or"
            " networks, provided that this Section shall not excuse Customer's payment"
            " obligations.",
        ),
    ),
    section(
        "10.3",
        "Entire Agreement.",
        "This Agreement, including its Schedule, constitutes the entire agreement between the",
        "parties on its subject matter and supersedes all prior proposals and understandings.",
    ),
)

DPA = (
    PageBreak(),
    heading("SCHEDULE 1", "DATA PROCESSING ADDENDUM"),
    para(
        "This Addendum sets out the terms on which Provider, as processor, processes personal",
        "data on behalf of Customer, as controller, under Article 28 of Regulation (EU) 2016/679",
        '(the "GDPR"). Terms defined in the GDPR have the same meaning in this Addendum.',
    ),
    dpa_clause(
        "1",
        "Subject Matter and Duration.",
        "Provider processes contact, account and order data of Customer's employees, Users and",
        "end customers for the purpose of providing the Service, for the Subscription Term.",
    ),
    dpa_clause(
        "2",
        "Instructions.",
        "Provider shall process personal data only on documented instructions from Customer,",
        "including this Agreement, and shall ensure that persons authorised to process it are",
        "bound by confidentiality.",
    ),
    dpa_clause(
        "3",
        "Sub-processors.",
        c(
            "subprocessors",
            "Provider may engage the sub-processors listed in Annex A. Provider shall notify"
            " Customer of any intended addition or replacement of a sub-processor at least"
            " thirty (30) days in advance, and Customer may object to the change on reasonable"
            " data protection grounds within fourteen (14) days of the notice.",
        ),
        "If the parties cannot resolve an objection, Customer may terminate the affected part",
        "of the Service without penalty.",
    ),
    dpa_clause(
        "4",
        "Personal Data Breaches.",
        c(
            "breach_notification",
            "Provider shall notify Customer without undue delay, and in any event within 48"
            " hours, after becoming aware of a personal data breach affecting Customer Data.",
            deadline_hours=48,
        ),
        "The notification shall describe the nature of the breach, the categories and",
        "approximate number of data subjects concerned and the measures taken.",
    ),
    dpa_clause(
        "5",
        "Audits.",
        c(
            "audit_rights",
            "Customer may, once per calendar year and on at least thirty (30) days' written"
            " notice, have an independent auditor bound by confidentiality inspect Provider's"
            " compliance with this Addendum, at Customer's cost.",
            notice_days=30,
            max_per_year=1,
            auditor="independent",
        ),
    ),
    dpa_clause(
        "6",
        "Return and Deletion.",
        c(
            "data_erasure",
            "Upon termination or expiry of the Agreement, Provider shall, at Customer's choice,"
            " return all personal data to Customer in a commonly used, machine-readable format"
            " and delete all remaining copies within thirty (30) days after the end of the"
            " Subscription Term, unless Union or Member State law requires storage. Provider"
            " shall confirm the deletion by a deletion certificate signed by an authorised"
            " officer.",
            deadline_days=30,
            certificate=True,
            personal_data=True,
        ),
    ),
    heading("Annex A - Sub-processors", level=2),
    para(
        "Helix Datacenters N.V. (hosting, Amsterdam and Frankfurt am Main); Postwise Mail GmbH",
        "(transactional e-mail, Berlin); Tallyfy Support Services Ltd (second-level support,",
        "Dublin).",
    ),
    signature(
        "IN WITNESS WHEREOF, the parties have executed this Agreement, including Schedule 1, by"
        " their duly authorised representatives as of the Effective Date.",
        Party("PROVIDER", PROVIDER, "Maarten de Vries", "Chief Executive Officer"),
        Party("CUSTOMER", CUSTOMER, "Sabine Lorenz", "Chief Information Officer"),
    ),
)

CONTRACT = Contract(
    stem="saas_subscription",
    contract_type="saas",
    title=TITLE,
    parties=(PROVIDER, CUSTOMER),
    theme=THEME,
    blocks=PREAMBLE + DEFINITIONS + COMMERCIAL + SERVICE_LEVELS + PROTECTION_AND_LIABILITY + DPA,
    absent=("returns", "indemnification"),
    layout=("numbering_article_section", "run_in_headings", "definitions"),
)
