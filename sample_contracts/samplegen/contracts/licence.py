"""On-premises software license with an aggressive vendor audit clause (USD, California law).

Layout: title and preamble full width, then the whole body in two columns; numbering ``1.`` /
``1.1`` with hanging labels; DejaVu Serif; page number footer.
"""

from samplegen.model import Contract, Party, Theme, columns, heading, para, signature, span, title
from samplegen.model import clause as c

LICENSOR = "Quorvant Software, Inc."
LICENSEE = "Harbor Point Logistics, LLC"
TITLE = "SOFTWARE LICENSE AGREEMENT"

THEME = Theme(
    font="DejaVuSerif",
    size=8.5,
    leading=1.28,
    page_format="Letter",
    margin=54,
    top=58,
    bottom=58,
    heading_size=8.5,
    indent=22,
    para_gap=0.35,
    footer="{n}",
)

PREAMBLE = (
    title(TITLE, "(On-Premises Enterprise Edition)", clauses=(c("document_name", TITLE),)),
    para(
        span(
            f"This Software License Agreement is made and entered into as of June 3, 2024 by"
            f" and between {LICENSOR}, a Delaware corporation with offices at 2150 North First"
            f' Street, San Jose, California 95131 ("Licensor"), and {LICENSEE}, an Ohio'
            " limited liability company with offices at 800 Superior Avenue East, Cleveland,"
            ' Ohio 44114 ("Licensee").',
            c("parties"),
            c("agreement_date"),
        ),
    ),
)

DEFINITIONS = (
    heading("1. DEFINITIONS"),
    para(
        '"Core" means a physical processor core of a server, whether or not it is enabled,',
        "virtualized or used by the Software.",
        label="1.1",
    ),
    para(
        '"Indirect Use" means access to or use of the Software, or of data managed by it,',
        "through any intermediate application, interface, middleware, robotic process or",
        "batch job, irrespective of whether the end user logs on to the Software.",
        label="1.2",
    ),
    para(
        '"List Price" means Licensor\'s list price for the relevant license or service as',
        "published by Licensor at the time of the invoice, without any discount.",
        label="1.3",
    ),
    para(
        '"Named User" means an individual authorized by Licensee to use the Software,',
        "whether or not that individual is actively using it at any given time.",
        label="1.4",
    ),
    para(
        '"Software" means Quorvant DataVault Enterprise, version 11 and all updates',
        "provided under this Agreement, in object code form, and its documentation.",
        label="1.5",
    ),
)

GRANT = (
    heading("2. LICENSE GRANT"),
    para(
        c(
            "license_grant",
            "Subject to the terms of this Agreement and payment of all fees, Licensor grants"
            " Licensee a non-exclusive, non-transferable, non-sublicensable, perpetual license"
            " to install and use the Software on servers located at the sites listed in the"
            " Order Form, solely for Licensee's internal business operations.",
        ),
        label="2.1",
    ),
    para(
        c(
            "license_metric",
            "The server components of the Software are licensed per Core and client access is"
            " licensed per Named User. Licensee shall hold a license for every Core on which"
            " the Software is installed or running, including Cores in standby, test,"
            " disaster-recovery and virtualized environments. Every individual who accesses"
            " the Software, including by Indirect Use, requires a Named User license.",
        ),
        label="2.2",
    ),
    para(
        "Licensee shall not (a) copy the Software except for one backup copy, (b) reverse",
        "engineer, decompile or disassemble it, (c) use it to provide services to third",
        "parties, or (d) remove any proprietary notice.",
        label="2.3",
    ),
    heading("3. FEES AND PAYMENT"),
    para(
        "The license fees are USD 412,500.00, being 48 Cores at USD 6,250.00 each and 250",
        "Named Users at USD 450.00 each. Annual support fees are twenty-two percent (22%) of",
        "the license fees at List Price.",
        label="3.1",
    ),
    para(
        c(
            "payment_terms",
            "All fees are payable within forty-five (45) days of the invoice date, without"
            " set-off or deduction.",
            days=45,
        ),
        label="3.2",
    ),
    para(
        c(
            "price_increase",
            "Licensor may increase the annual support fees on each anniversary of the"
            " Effective Date by up to seven percent (7%) over the fees for the preceding year.",
            cap_pct=7,
        ),
        label="3.3",
    ),
    heading("4. SUPPORT AND MAINTENANCE"),
    para(
        c(
            "support_maintenance",
            "Licensor shall provide standard support, consisting of error correction, telephone"
            " and web support during business hours and all updates and upgrades it makes"
            " generally available, for one (1) year from delivery.",
        ),
        c(
            "renewal_term",
            "Support renews automatically for successive periods of one (1) year",
            days=365,
        ),
        c(
            "notice_period_to_terminate_renewal",
            "unless either party gives written notice of non-renewal at least ninety (90) days"
            " before the end of the then-current period.",
            days=90,
        ),
        label="4.1",
    ),
    para(
        "Support must be purchased for all licenses of the Software. If support lapses,",
        "Licensee may reinstate it only by paying the support fees for the lapsed period plus",
        "a reinstatement fee of fifteen percent (15%).",
        label="4.2",
    ),
)

AUDIT = (
    heading("5. VERIFICATION AND AUDIT"),
    para(
        c(
            "audit_rights",
            "Licensor may, itself and through its own personnel, audit Licensee's installation,"
            " de~ploy~ment and use of the Software up to twice (2) in any calendar year, with or"
            " without prior notice.",
            notice_days=0,
            max_per_year=2,
            auditor="self",
        ),
        "Licensee shall give Licensor full access to its premises, systems, records and",
        "personnel and shall cooperate fully with the audit.",
        label="5.1",
    ),
    para(
        c(
            "audit_rights",
            "Licensee shall install and run on its systems the measurement scripts and tools"
            " provided by Licensor and deliver their complete and un~modi~fied output within"
            " seven (7) days of request. Licensor may also run such scripts remotely through"
            " any network connection made available for support.",
        ),
        label="5.2",
    ),
    para(
        c(
            "audit_rights",
            "If an audit reveals that Licensee has installed, deployed or used the Software"
            " beyond the licenses purchased, Licensee shall within fifteen (15) days purchase"
            " licenses for the shortfall at Licensor's then-current List Price, pay support"
            " fees at List Price for the shortfall for the thirty-six (36) months preceding the"
            " audit, and pay an additional uplift of twenty-five percent (25%) on the total"
            " amount so calculated.",
            remediation_pricing="list",
            back_maintenance_months=36,
            uplift_pct=25,
        ),
        label="5.3",
    ),
    para(
        c(
            "audit_rights",
            "If the shortfall exceeds two percent (2%) of the licenses purchased, Licensee"
            " shall also reimburse all costs of the audit, including the time of Licensor's"
            " personnel at Licensor's standard daily rates and their travel expenses.",
            cost_shift_pct=2,
        ),
        label="5.4",
    ),
    para(
        c(
            "termination",
            "If Licensee does not pay the amounts due under Section 5.3 when due, or refuses to"
            " cooperate with an audit, Licensor may terminate all licenses granted under this"
            " Agreement with immediate effect by written notice, whereupon Licensee shall"
            " cease all use of the Software and certify the deletion of all copies.",
        ),
        label="5.5",
    ),
)

WARRANTY_AND_LIABILITY = (
    heading("6. LIMITED WARRANTY"),
    para(
        span(
            'Licensor warrants that for ninety (90) days from delivery (the "Warranty Period")'
            " the Software will perform substantially in accordance with its docu~men~ta~tion and"
            " the media on which it is delivered will be free from defects in materials and"
            " workmanship.",
            c("warranty", duration_months=3),
            c("warranty_duration", duration_months=3),
        ),
        label="6.1",
    ),
    para(
        # replacement and refund for non-conforming items: a returns clause in the labelling
        # guide's sense as well as the warranty's remedy
        span(
            "Licensor's sole obligation and Licensee's exclusive remedy for breach of this"
            " warranty shall be for Licensor to use commercially reasonable efforts to correct"
            " the nonconformity or replace the media or, if Licensor is unable to do so,"
            " to terminate the license for the nonconforming Software and refund the license"
            " fees paid for it.",
            c("warranty", remedies=["repair", "replace", "refund"]),
            c("returns"),
        ),
        label="6.2",
    ),
    para(
        "EXCEPT AS SET FORTH IN THIS SECTION 6, THE SOFTWARE IS PROVIDED WITHOUT WARRANTY OF",
        "ANY KIND, AND LICENSOR DISCLAIMS ALL IMPLIED WARRANTIES, INCLUDING WARRANTIES OF",
        "MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE.",
        label="6.3",
        align="L",
    ),
    heading("7. INDEMNIFICATION"),
    para(
        c(
            "indemnification",
            "Licensor shall defend Licensee against any third-party claim alleging that the"
            " Software infringes a United States patent, copyright or trademark, and shall pay"
            " any damages finally awarded, provided that Licensee promptly notifies Licensor"
            " and gives it sole control of the defense.",
        ),
        label="7.1",
    ),
    heading("8. LIMITATION OF LIABILITY"),
    para(
        c(
            "limitation_of_liability",
            "IN NO EVENT SHALL LICENSOR BE LIABLE FOR ANY INDIRECT, SPECIAL, INCIDENTAL OR"
            " CONSEQUENTIAL DAMAGES, INCLUDING LOST PROFITS OR LOST DATA, EVEN IF ADVISED OF"
            " THE POSSIBILITY OF SUCH DAMAGES.",
        ),
        label="8.1",
        align="L",
    ),
    para(
        c(
            "cap_on_liability",
            "LICENSOR'S AGGREGATE LIABILITY UNDER THIS AGREEMENT SHALL NOT EXCEED THE LICENSE"
            " FEES PAID BY LICENSEE FOR THE SOFTWARE GIVING RISE TO THE CLAIM.",
            fees_multiple=1,
        ),
        "No limitation applies to Licensee's payment obligations, including under Section 5.",
        label="8.2",
        align="L",
    ),
    heading("9. TERM AND TERMINATION"),
    para(
        c(
            "termination",
            "Either party may terminate this Agreement if the other party materially breaches"
            " it and fails to cure the breach within thirty (30) days after written notice.",
        ),
        "Sections 5, 6.3, 8 and 10 survive any termination.",
        label="9.1",
    ),
    heading("10. GENERAL"),
    para(
        c(
            "confidentiality",
            "Each party shall protect the other party's con~fi~den~tial information with at least"
            " reasonable care and use it only for the purposes of this Agreement.",
        ),
        "The Software and the results of any audit are Licensor's confidential information.",
        label="10.1",
    ),
    para(
        c(
            "governing_law",
            "This Agreement shall be governed by the laws of the State of California, without"
            " regard to its conflict of laws principles.",
        ),
        "The state and federal courts in Santa Clara County, California shall have exclusive",
        "jurisdiction.",
        label="10.2",
    ),
    para(
        "This Agreement and the Order Form are the entire agreement of the parties and may",
        "be amended only in a writing signed by both parties.",
        label="10.3",
    ),
    para("[Remainder of page intentionally left blank. Signature page follows.]", align="C"),
)

SIGNATURES = (
    signature(
        "IN WITNESS WHEREOF, the parties have executed this Software License Agreement by their"
        " duly authorized officers as of the date first written above.",
        Party("LICENSOR", LICENSOR, "Daniel R. Whitcombe", "VP, Global License Compliance"),
        Party("LICENSEE", LICENSEE, "Teresa Okafor", "Chief Financial Officer"),
    ),
)

CONTRACT = Contract(
    stem="software_license_audit",
    contract_type="software_license",
    title=TITLE,
    parties=(LICENSOR, LICENSEE),
    theme=THEME,
    blocks=(
        *PREAMBLE,
        columns(*DEFINITIONS, *GRANT, *AUDIT, *WARRANTY_AND_LIABILITY),
        *SIGNATURES,
    ),
    absent=("sla", "data_erasure", "data_protection"),
    layout=("numbering_decimal", "definitions"),
    docx_twin=True,
)
