"""Attribute parsers and per-clause extractors, read as a specification of the wordings they
handle — and of the look-alikes they must leave alone."""

from __future__ import annotations

import json
import math
import re
from decimal import Decimal
from typing import Any

import pytest

from contractkit.detect.attributes import ATTRIBUTE_KEYS, EXTRACTORS, extract_attributes
from contractkit.detect.taxonomy import load_taxonomy
from contractkit.detect.values import (
    Duration,
    Frequency,
    Money,
    all_durations,
    all_jurisdictions,
    all_money,
    all_percentages,
    canonical_jurisdiction,
    parse_duration,
    parse_frequency,
    parse_jurisdiction,
    parse_money,
    parse_number,
    parse_percentage,
)

# Text that looks numeric but states no duration, percentage, money or frequency.
LOOKALIKES = [
    "Section 30",
    "99 Main Street",
    "Suite 100, Boston, MA 02110",
    "on 30 June 2024",
    "the 12th month",
    "pursuant to Rule 144",
    "Section 5.2 of the Act",
    "Article 28(3)(g) GDPR",
    "ISO 9001 certified",
    "Form 10-K",
    "at 9 a.m.",
    "Exhibit 10.2",
    "Section 4.1(a)",
    "two (2) copies",
    "100 shares of common stock",
    "$[***]",
    "[***] days",
    "one of the parties",
    "a party hereto",
    "one-time fee",
    "the twenty-first anniversary",
]


@pytest.mark.parametrize("text", LOOKALIKES)
def test_lookalikes_yield_nothing(text: str) -> None:
    assert parse_duration(text) is None
    assert parse_percentage(text) is None
    assert parse_money(text) is None
    assert parse_frequency(text) is None


# ----------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("30", 30),
        ("thirty", 30),
        ("thirty (30)", 30),
        ("30 (thirty)", 30),
        ("twenty-four", 24),
        ("twenty four", 24),
        ("one hundred twenty", 120),
        ("one hundred and eighty", 180),
        ("ninety-nine", 99),
        ("ten thousand", 10000),
        ("two million five hundred thousand", 2500000),
        ("sixty (90)", 90),  # both given: the digits win
        ("1,000", 1000),
        ("fourteen", 14),
        ("seventeen", 17),
    ],
)
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "thirty days", "lots", "Section 30"])
def test_parse_number_rejects_non_numbers(text: str) -> None:
    assert parse_number(text) is None


# ----------------------------------------------------------------------------- durations


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("thirty (30) days", 30, "day"),
        ("30 days", 30, "day"),
        ("twelve (12) months", 12, "month"),
        ("1 year", 1, "year"),
        ("one (1) calendar year", 1, "year"),
        ("48 hours", 48, "hour"),
        ("2 business days", 2, "business_day"),
        ("ten (10) working days", 10, "business_day"),
        ("ninety days'", 90, "day"),
        ("upon ninety (90) days’ prior written notice", 90, "day"),
        ("six-month", 6, "month"),
        ("a period of three years", 3, "year"),
        ("one hundred twenty (120) days", 120, "day"),
        ("one hundred and eighty (180) days", 180, "day"),
        ("sixty 90 days", 90, "day"),
        ("thirty(30) days", 30, "day"),
        ("5 (five) years", 5, "year"),
        ("(5)-year terms", 5, "year"),
        ("ninety (90)-day period", 90, "day"),
        ("twelve (12)-month period", 12, "month"),
        ("3~year periods", 3, "year"),
        ("successive 1-year terms", 1, "year"),
        ("a further one-year term", 1, "year"),
        ("an additional year", 1, "year"),
        ("three calendar months", 3, "month"),
        ("twenty-four (24) hours", 24, "hour"),
        ("thirty-six (36) months", 36, "month"),
        ("2 weeks", 2, "week"),
        ("1.5 years", 1.5, "year"),
        ("15 minutes", 15, "minute"),
        ("4 h", 4, "hour"),
        ("half an hour", 0.5, "hour"),
        ("one (1) full calendar year", 1, "year"),
        ("not less than six (6) months prior", 6, "month"),
    ],
)
def test_parse_duration(text: str, value: float, unit: str) -> None:
    assert parse_duration(text) == Duration(value, unit)


@pytest.mark.parametrize(
    ("duration", "days", "months", "hours"),
    [
        (Duration(30, "day"), 30, 1, 720),
        (Duration(90, "day"), 90, 3, 2160),
        (Duration(12, "month"), 365, 12, 8760),  # whole years of months are years
        (Duration(3, "month"), 90, 3, 2160),
        (Duration(1, "year"), 365, 12, 8760),
        (Duration(6, "month"), 180, 6, 4320),
        (Duration(48, "hour"), 2, 0.0667, 48),
        (Duration(2, "week"), 14, 0.4667, 336),
        (Duration(2, "business_day"), 2, 0.0667, 48),
        (Duration(30, "minute"), 0.0208, 0.0007, 0.5),
    ],
)
def test_duration_conversions(duration: Duration, days: float, months: float, hours: float) -> None:
    assert duration.days == days
    assert duration.months == months
    assert duration.hours == hours


def test_whole_conversions_are_ints() -> None:
    assert isinstance(Duration(3, "year").months, int)
    assert isinstance(Duration(90, "day").months, int)
    assert str(Duration(30, "day")) == "30 days"
    assert str(Duration(1, "business_day")) == "1 business day"


@pytest.mark.parametrize("text", ["the h value", "a reasonable time", "within a period", "Day 1"])
def test_parse_duration_needs_a_number_and_a_unit(text: str) -> None:
    assert parse_duration(text) is None


def test_all_durations_returns_every_match_with_its_span() -> None:
    text = "Supplier shall respond within 4 hours and resolve within two (2) business days."
    found = all_durations(text)
    assert [f.value for f in found] == [Duration(4, "hour"), Duration(2, "business_day")]
    assert [text[f.start : f.end] for f in found] == ["4 hours", "two (2) business days"]


# ----------------------------------------------------------------------------- percentages


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("99.9%", 99.9),
        ("99.9 percent", 99.9),
        ("99.9 per cent", 99.9),
        ("ninety-nine point nine per cent", 99.9),
        ("ninety-nine point nine nine percent", 99.99),
        ("five percent (5%)", 5),
        ("fifteen per cent (15%)", 15),
        ("three (3%) percent", 3),
        ("ten percent (10 %)", 10),
        ("twenty-five percent", 25),
        ("12.5 %", 12.5),
        ("2,5 %", 2.5),
        ("(5%)", 5),
        ("100%", 100),
        ("five percentage points", 5),
        ("one and one-half percent (1.5%)", 1.5),
    ],
)
def test_parse_percentage(text: str, value: float) -> None:
    assert parse_percentage(text) == value


@pytest.mark.parametrize("text", ["100 percentile", "percentage of net sales", "99 problems"])
def test_parse_percentage_needs_a_number_and_a_percent_sign_or_word(text: str) -> None:
    assert parse_percentage(text) is None


def test_all_percentages_with_spans() -> None:
    text = "Availability of 99.95% per month; credits of ten percent (10%) of the monthly fee."
    found = all_percentages(text)
    assert [f.value for f in found] == [99.95, 10]
    assert text[found[1].start : found[1].end] == "ten percent (10%)"


# ----------------------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("€1,000,000", "1000000", "EUR"),
        ("EUR 250.000,00", "250000.00", "EUR"),
        ("$5 million", "5000000", "USD"),
        ("USD 10,000", "10000", "USD"),
        ("£2.5m", "2500000", "GBP"),
        ("1,000 euros", "1000", "EUR"),
        ("ten thousand dollars ($10,000)", "10000", "USD"),
        ("Ten Thousand Dollars ($10,000.00)", "10000.00", "USD"),
        ("$1,250,000.00", "1250000.00", "USD"),
        ("US$ 2 million", "2000000", "USD"),
        ("U.S. $50,000", "50000", "USD"),
        ("USD 1.5bn", "1500000000", "USD"),
        ("EUR 1.000.000", "1000000", "EUR"),
        ("2.000.000 EUR", "2000000", "EUR"),
        ("€ 500", "500", "EUR"),
        ("CHF 100'000", "100000", "CHF"),
        ("5,000 Swiss francs", "5000", "CHF"),
        ("CAD 5,000", "5000", "CAD"),
        ("C$5,000", "5000", "CAD"),
        ("GBP 10m", "10000000", "GBP"),
        ("1,000,000 pounds sterling", "1000000", "GBP"),
        ("one million dollars", "1000000", "USD"),
        ("fifty thousand U.S. dollars", "50000", "USD"),
        ("$500k", "500000", "USD"),
        ("$0.50", "0.50", "USD"),
        ("JPY 1,000,000", "1000000", "JPY"),
        ("RMB 200,000", "200000", "CNY"),
        ("Rs. 5,000", "5000", "INR"),
    ],
)
def test_parse_money(text: str, amount: str, currency: str) -> None:
    assert parse_money(text) == Money(Decimal(amount), currency)


@pytest.mark.parametrize("text", ["5 million units", "1,000 users", "Mrs. 5 Smith", "$", "USD"])
def test_parse_money_needs_a_currency(text: str) -> None:
    assert parse_money(text) is None


def test_all_money_counts_a_bracketed_restatement_once() -> None:
    text = "a fee of $10,000 (ten thousand dollars), and a cap of EUR 2 million."
    found = all_money(text)
    assert [f.value for f in found] == [
        Money(Decimal("10000"), "USD"),
        Money(Decimal("2000000"), "EUR"),
    ]
    assert text[found[1].start : found[1].end] == "EUR 2 million"


# ----------------------------------------------------------------------------- frequency


@pytest.mark.parametrize(
    ("text", "times", "period_months", "per_year"),
    [
        ("once per calendar year", 1, 12, 1),
        ("no more than twice in any 12-month period", 2, 12, 2),
        ("one time per year", 1, 12, 1),
        ("annually", 1, 12, 1),
        ("quarterly", 1, 3, 4),
        ("not more than once every six months", 1, 6, 2),
        ("no more frequently than once every twelve (12) months", 1, 12, 1),
        ("once in any twelve (12) month period", 1, 12, 1),
        ("once during any consecutive twelve month period", 1, 12, 1),
        ("not more than one (1) audit in any calendar year", 1, 12, 1),
        ("once each calendar quarter", 1, 3, 4),
        ("twice a year", 2, 12, 2),
        ("three times per year", 3, 12, 3),
        ("once per Contract Year", 1, 12, 1),
        ("once every two years", 1, 24, 0.5),
        ("once in any 24-month period", 1, 24, 0.5),
        ("every six (6) months", 1, 6, 2),
        ("semi-annually", 2, 12, 2),
        ("once a month", 1, 1, 12),
    ],
)
def test_parse_frequency(text: str, times: int, period_months: float, per_year: float) -> None:
    frequency = parse_frequency(text)
    assert frequency == Frequency(times, period_months)
    assert frequency.per_year == per_year


@pytest.mark.parametrize("text", ["at any time", "from time to time", "at all reasonable times"])
def test_unlimited_frequency(text: str) -> None:
    frequency = parse_frequency(text)
    assert frequency is not None and frequency.unlimited
    assert math.isinf(frequency.per_year)


def test_an_explicit_limit_beats_at_any_time() -> None:
    frequency = parse_frequency("may audit at any time, but not more than once per year")
    assert frequency == Frequency(1, 12)


@pytest.mark.parametrize("text", ["shall at once notify", "once the audit is complete", ""])
def test_once_without_a_period_is_not_a_frequency(text: str) -> None:
    assert parse_frequency(text) is None


# ----------------------------------------------------------------------------- jurisdictions


@pytest.mark.parametrize(
    ("text", "jurisdiction"),
    [
        ("governed by the laws of the State of New York", "New York"),
        ("THE INTERNAL LAWS OF THE STATE OF DELAWARE", "Delaware"),
        ("the laws of the Commonwealth of Pennsylvania", "Pennsylvania"),
        ("governed by the laws of England and Wales", "England and Wales"),
        ("This Agreement is governed by English law.", "England and Wales"),
        ("the laws of England (English common and statutory law)", "England"),
        ("the laws of the Federal Republic of Germany, excluding the CISG", "Germany"),
        ("governed by German law", "Germany"),
        ("governed by Swiss law", "Switzerland"),
        ("laws of the Province of Ontario and the federal laws of Canada", "Ontario"),
        ("the laws of Ontario, Canada", "Ontario"),
        ("governed by Delaware law", "Delaware"),
        ("the laws of West Virginia", "West Virginia"),
        ("the laws of the State of Washington", "Washington"),
        ("the laws of the People's Republic of China", "People's Republic of China"),
        ("shall be governed by the laws of PRC", "People's Republic of China"),
        ("the laws of Hong Kong", "Hong Kong"),
        ("the substantive laws of the Netherlands", "Netherlands"),
        (
            "the laws of the United States and, to the extent not inconsistent, the laws of the "
            "Commonwealth of Kentucky",
            "Kentucky",
        ),
        ("the laws of the State of Israel, and the courts of Tel-Aviv", "Israel"),
        (
            "Any action shall be brought in the courts of California; this Agreement is governed "
            "by the laws of the State of Texas.",
            "Texas",
        ),
    ],
)
def test_parse_jurisdiction(text: str, jurisdiction: str) -> None:
    assert parse_jurisdiction(text) == jurisdiction


@pytest.mark.parametrize(
    "text",
    [
        "governed by the laws of the [***]",
        "the Parties shall comply with all applicable laws",
        "governed by the law governing the Distributor Agreement",
    ],
)
def test_parse_jurisdiction_does_not_guess(text: str) -> None:
    assert parse_jurisdiction(text) is None


def test_jurisdiction_names_and_aliases() -> None:
    assert canonical_jurisdiction("PRC") == "People's Republic of China"
    assert canonical_jurisdiction("Federal Republic of Germany") == "Germany"
    assert canonical_jurisdiction("new  york") == "New York"
    assert canonical_jurisdiction("Atlantis") is None
    assert [f.value for f in all_jurisdictions("New Mexico, not Mexico")] == [
        "New Mexico",
        "Mexico",
    ]


# ----------------------------------------------------------------------------- extractors


def test_every_attribute_key_is_snake_case_with_its_unit() -> None:
    unitless_ok = {  # not quantities of time or percent: flags, labels, counts, money
        "service_credits", "remedies", "doa", "frequency_unlimited", "auditor",
        "self_certification", "remediation_pricing", "back_maintenance", "certificate",
        "personal_data",
        "auto_renew", "amount", "currency", "fees_multiple", "index", "jurisdiction",
        "deemed_acceptance", "metric", "max_per_year", "pct",
    }  # fmt: skip
    for keys in ATTRIBUTE_KEYS.values():
        for key in keys:
            assert re.fullmatch(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*", key), key
            # The unit is a whole word of the key: uptime_pct, notice_days, months_of_fees.
            has_unit = re.search(r"(?:^|_)(?:days|months|hours|pct)(?:_|$)", key)
            assert key in unitless_ok or has_unit, key


def test_dispatch_is_a_registry_not_an_if_chain() -> None:
    assert set(EXTRACTORS) == set(ATTRIBUTE_KEYS)
    assert {
        "sla", "warranty", "returns", "audit_rights", "data_erasure", "breach_notification",
        "renewal_term", "notice_period_to_terminate_renewal", "warranty_duration",
        "cap_on_liability", "price_increase", "payment_terms", "governing_law",
    } <= set(EXTRACTORS)  # fmt: skip


def test_each_extractor_lives_in_the_module_of_its_taxonomy_family() -> None:
    taxonomy = load_taxonomy()
    for clause_type, extractor in EXTRACTORS.items():
        module = extractor.__module__.rsplit(".", 1)[1]
        assert module == taxonomy[clause_type].family, (clause_type, extractor.__module__)


def test_unknown_types_have_no_attributes() -> None:
    assert extract_attributes("no_such_type", "thirty (30) days") == {}
    assert extract_attributes("parties", "Acme Inc. and Beta LLC") == {}


def _check(clause_type: str, text: str, expected: dict[str, Any]) -> None:
    attributes = extract_attributes(clause_type, text)
    assert set(attributes) <= set(ATTRIBUTE_KEYS[clause_type])
    for key, value in expected.items():
        assert attributes.get(key) == value, (key, attributes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Service will be available 99.9% of the time in any calendar month. Severity 1 "
            "incidents: response within 15 minutes and resolution within 4 hours. If "
            "Availability falls below the target, Customer receives Service Credits of 10% of "
            "the monthly fees.",
            {"uptime_pct": 99.9, "response_hours": 0.25, "resolution_hours": 4,
             "service_credits": True},
        ),
        (
            "Provider shall respond to Priority 1 calls within one (1) hour and restore service "
            "within eight (8) hours.",
            {"response_hours": 1, "resolution_hours": 8, "service_credits": False},
        ),
        (
            "Monthly Uptime Percentage of at least ninety-nine point nine five percent.",
            {"uptime_pct": 99.95},
        ),
    ],
)  # fmt: skip
def test_sla(text: str, expected: dict[str, Any]) -> None:
    _check("sla", text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Supplier warrants that the Products will be free from defects in materials and "
            "workmanship for a period of twelve (12) months from the date of delivery. Supplier "
            "shall, at its option, repair or replace the defective Product or refund the price.",
            {"duration_months": 12, "remedies": ["repair", "replace", "refund"]},
        ),
        (
            "Consultant warrants that the Services will be performed in a professional manner "
            "for ninety (90) days after performance and will re-perform any nonconforming "
            "Services.",
            {"duration_months": 3, "remedies": ["re-perform"]},
        ),
        (
            "Vendor provides a one-year limited warranty on all hardware.",
            {"duration_months": 12},
        ),
        (
            # A notice window is not the warranty period.
            "Customer shall notify Supplier within 10 days of discovery of any defect.",
            {"duration_months": None, "remedies": []},
        ),
    ],
)
def test_warranty(text: str, expected: dict[str, Any]) -> None:
    _check("warranty", text, expected)


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("Changepoint warrants that the Software will perform in substantial accordance with "
         "the Documentation for a period of one hundred twenty (120) days after delivery.", 4),
        ("ITS Products are warranted free from defects of material or workmanship for 3 years "
         "after shipment from the manufacturer.", 36),
        # CUAD counts a time limit for inspection or rejection as a warranty duration.
        ("The Distributor shall have thirty (30) days upon receipt of each shipment to inspect "
         "and test the Products.", 1),
        ("Google warrants that the Products will for a period of [ * ] be free from any defect.",
         None),
    ],
)  # fmt: skip
def test_warranty_duration(text: str, months: float | None) -> None:
    _check("warranty_duration", text, {"duration_months": months})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Customer may return any Product within thirty (30) days of delivery for a refund, "
            "subject to a restocking fee of fifteen percent (15%). Products that are dead on "
            "arrival (DOA) must be reported within 7 days of delivery and will be replaced.",
            {"window_days": 30, "restocking_pct": 15, "doa": True, "doa_days": 7},
        ),
        (
            "Buyer may reject non-conforming goods by written notice within 14 days after "
            "receipt; an RMA number is required.",
            {"window_days": 14, "doa": False, "restocking_pct": None},
        ),
    ],
)
def test_returns(text: str, expected: dict[str, Any]) -> None:
    _check("returns", text, expected)


AUDIT_CASES = [
    (
        "Licensor may, at its expense and no more than once in any twelve (12) month period, "
        "upon at least thirty (30) days' prior written notice, audit Licensee's use of the "
        "Software through an independent auditor. If the audit reveals an underpayment in "
        "excess of five percent (5%), Licensee shall reimburse Licensor for the reasonable "
        "costs of the audit.",
        {"notice_days": 30, "max_per_year": 1, "cost_shift_pct": 5, "auditor": "independent",
         "back_maintenance": False, "uplift_pct": None},
    ),
    (
        "Vendor may audit Customer with or without prior written notice. Any shortfall shall "
        "be purchased at Vendor's then-current list price plus a 25% uplift, together with "
        "back maintenance for up to twelve (12) months. Licensee shall bear the costs of the "
        "audit if it reveals underpaid fees of 5% or more.",
        {"notice_days": 0, "remediation_pricing": "list", "uplift_pct": 25,
         "back_maintenance": True, "back_maintenance_months": 12, "cost_shift_pct": 5},
    ),
    (
        "Oracle may audit your use of the Programs upon 45 days' written notice. The audit may "
        "cover the preceding thirty-six (36) months.",
        {"notice_days": 45, "lookback_months": 36},
    ),
    (
        "Customer may conduct a self-audit and certify compliance in writing. Any additional "
        "licences shall be purchased at the prices set forth in this Agreement.",
        {"self_certification": True, "auditor": None, "remediation_pricing": "contract",
         "notice_days": None},
    ),
    (
        "Company shall have the right, at any time, to inspect the books and records of "
        "Distributor.",
        {"notice_days": 0, "frequency_unlimited": True, "max_per_year": None},
    ),
    (
        "Licensor may, at any time during the Term, upon reasonable notice, audit Licensee.",
        {"notice_days": None, "frequency_unlimited": True},
    ),
    (
        "Licensor may audit no more than twice per calendar year, on ten (10) business days' "
        "notice, during normal business hours.",
        {"max_per_year": 2, "notice_days": 10},
    ),
    (
        "Licensee shall pay for unlicensed use at list price less the discount in the Order "
        "Form.",
        {"remediation_pricing": "contract"},
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), AUDIT_CASES)
def test_audit_rights(text: str, expected: dict[str, Any]) -> None:
    _check("audit_rights", text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Within thirty (30) days after termination, Processor shall delete all Personal "
            "Data and certify the deletion in writing to Controller.",
            {"deadline_days": 30, "certificate": True, "personal_data": True},
        ),
        (
            "Upon request, Recipient shall promptly return or destroy all Confidential "
            "Information.",
            {"deadline_days": None, "certificate": False, "personal_data": False},
        ),
        (
            "Supplier shall, no later than ninety (90) days following the end of the "
            "provision of Services, erase all copies, including backups.",
            {"deadline_days": 90},
        ),
    ],
)
def test_data_erasure(text: str, expected: dict[str, Any]) -> None:
    _check("data_erasure", text, expected)


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("Processor shall notify Controller without undue delay and in any event within 48 "
         "hours after becoming aware of a Personal Data Breach.", 48),
        ("The Supplier shall report any Security Incident to the Customer within two (2) "
         "business days.", 48),
        ("Vendor will inform Customer of a security breach within seventy-two (72) hours.", 72),
        ("Vendor shall notify Customer promptly of any breach.", None),
    ],
)  # fmt: skip
def test_breach_notification(text: str, hours: float | None) -> None:
    _check("breach_notification", text, {"deadline_hours": hours})


RENEWAL = (
    "The initial term of this Agreement shall be for a period of five (5) years and shall "
    "thereafter automatically renew for additional two (2) year terms unless a party provides "
    "notice of non-renewal no less than 6 months prior to the expiration of the then-current "
    "term."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (RENEWAL, {"days": 730, "auto_renew": True}),
        ("This Agreement shall automatically be renewed for successive one (1) year increments "
         "unless either party requests otherwise at least ninety (90) days prior to the "
         "anniversary date.", {"days": 365, "auto_renew": True}),
        ("Thereafter, this agreement will renew automatically from year to year unless "
         "cancelled by either Party giving 60 days notice.", {"days": 365, "auto_renew": True}),
        ("After the Initial Term, this Agreement shall continue on a month to month basis until "
         "terminated upon thirty (30) days prior written notice.", {"days": 30}),
        ("The term of this Agreement may be extended for an additional two year period with the "
         "written consent of both parties.", {"days": 730, "auto_renew": False}),
        ("Distributor shall have the option to renew this Agreement for an additional Three (3) "
         "year period.", {"days": 1095, "auto_renew": False}),
    ],
)  # fmt: skip
def test_renewal_term(text: str, expected: dict[str, Any]) -> None:
    _check("renewal_term", text, expected)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        (RENEWAL, 180),
        ("unless either party gives notice of non-renewal at least ninety (90) days before the "
         "expiration of the Initial Term", 90),
        ("This Agreement shall automatically continue until either party gives the other at "
         "least six (6) months prior written notice of termination.", 180),
        ("unless the Company provides 90 days' notice of termination", 90),
        ("notifies the other party at least sixty 90 days prior to the expiration", 90),
        ("written notification at least six (6) weeks prior to the renewal date", 42),
        ("the Agreement will automatically renew for successive one-year terms", None),
    ],
)  # fmt: skip
def test_notice_period_to_terminate_renewal(text: str, days: float | None) -> None:
    _check("notice_period_to_terminate_renewal", text, {"days": days})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IN NO EVENT SHALL EITHER PARTY'S AGGREGATE LIABILITY EXCEED THE FEES PAID OR PAYABLE "
         "BY CUSTOMER IN THE TWELVE (12) MONTHS PRECEDING THE EVENT GIVING RISE TO THE CLAIM.",
         {"fees_multiple": 1, "months_of_fees": 12, "amount": None}),
        ("Supplier's total liability shall not exceed the greater of (a) €1,000,000 and (b) "
         "two (2) times the annual fees.",
         {"amount": Decimal("1000000"), "currency": "EUR", "fees_multiple": 2,
          "months_of_fees": 12}),
        ("Each party's liability is limited to 150% of the fees paid under this Agreement.",
         {"fees_multiple": 1.5}),
        ("Licensor's liability shall not exceed five hundred thousand dollars ($500,000).",
         {"amount": Decimal("500000"), "currency": "USD"}),
    ],
)  # fmt: skip
def test_cap_on_liability(text: str, expected: dict[str, Any]) -> None:
    _check("cap_on_liability", text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Supplier may increase the Fees once per year by no more than the lesser of 3% or the "
         "change in the Consumer Price Index (CPI).", {"cap_pct": 3, "index": "CPI"}),
        ("Price increases shall not exceed five percent (5%) per annum.",
         {"cap_pct": 5, "index": None}),
        ("Fees will be adjusted annually in line with the Retail Prices Index.",
         {"index": "RPI", "cap_pct": None}),
    ],
)  # fmt: skip
def test_price_increase(text: str, expected: dict[str, Any]) -> None:
    _check("price_increase", text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Customer shall pay each undisputed invoice within sixty (60) days of receipt. Late "
         "payments bear interest at 1.5% per month.", {"days": 60, "late_interest_pct": 18}),
        ("Payment terms are net 30 days from the date of invoice.", {"days": 30}),
        ("All invoices are payable Net 45.", {"days": 45}),
        ("Overdue amounts bear interest at 8% per annum.", {"late_interest_pct": 8, "days": None}),
    ],
)  # fmt: skip
def test_payment_terms(text: str, expected: dict[str, Any]) -> None:
    _check("payment_terms", text, expected)


@pytest.mark.parametrize(
    ("text", "jurisdiction"),
    [
        ("This Agreement shall be governed by the laws of the State of New York.", "New York"),
        ("This Agreement shall be governed by and construed in accordance with the laws of "
         "Delaware, without regard to its conflict of laws principles.", "Delaware"),
        ("This Agreement is governed by the laws of England and Wales.", "England and Wales"),
        ("Governed by the laws of Germany, excluding the CISG.", "Germany"),
        ("This Agreement shall be governed by laws of the Province of Ontario.", "Ontario"),
    ],
)  # fmt: skip
def test_governing_law(text: str, jurisdiction: str) -> None:
    _check("governing_law", text, {"jurisdiction": jurisdiction})


@pytest.mark.parametrize(
    ("clause_type", "text", "expected"),
    [
        ("termination", "Either party may terminate this Agreement if the other party fails to "
         "cure a material breach within thirty (30) days after written notice.",
         {"cure_days": 30}),
        ("termination_for_convenience", "Customer may terminate this Agreement for convenience "
         "upon ninety (90) days' prior written notice.", {"notice_days": 90}),
        ("acceptance", "Customer shall complete acceptance testing within fifteen (15) business "
         "days; failing notice of rejection, the Deliverable shall be deemed accepted.",
         {"window_days": 15, "deemed_acceptance": True}),
        ("subprocessors", "Processor shall give Controller at least thirty (30) days' notice of "
         "any new Sub-processor.", {"notice_days": 30}),
        ("insurance", "Supplier shall maintain professional liability insurance of at least "
         "$5,000,000 per claim.", {"amount": Decimal("5000000"), "currency": "USD"}),
        ("license_metric", "Licensed per named user.", {"metric": "named_user"}),
        ("business_continuity", "Recovery Time Objective: 4 hours; Recovery Point Objective: "
         "1 hour.", {"rto_hours": 4, "rpo_hours": 1}),
        ("non_compete", "For a period of two (2) years after termination, Seller shall not "
         "compete with Buyer.", {"duration_months": 24}),
    ],
)  # fmt: skip
def test_other_extractors(clause_type: str, text: str, expected: dict[str, Any]) -> None:
    _check(clause_type, text, expected)


SAMPLE_CLAUSE = (
    "Licensor may audit once per year on thirty (30) days' notice; liability shall not exceed "
    "$1,250,000.50 or two (2) times the fees paid in the preceding 12 months. Supplier warrants "
    "the Products for 12 months and will repair or replace them; returns within 30 days incur "
    "a 15% restocking fee. Fees may rise by 3% (CPI). Governed by the laws of Ontario."
)


@pytest.mark.parametrize("clause_type", sorted(EXTRACTORS))
def test_extracted_attributes_are_json_native(clause_type: str) -> None:
    attributes = extract_attributes(clause_type, SAMPLE_CLAUSE)
    assert json.loads(json.dumps(attributes)) == attributes


def test_money_amounts_become_numbers_in_attributes() -> None:
    attributes = extract_attributes("cap_on_liability", SAMPLE_CLAUSE)
    assert attributes["amount"] == 1250000.5 and isinstance(attributes["amount"], float)
    assert attributes["currency"] == "USD"
    whole = extract_attributes("insurance", "insurance of at least $5,000,000 per claim")
    assert whole["amount"] == 5000000 and isinstance(whole["amount"], int)


@pytest.mark.parametrize("clause_type", sorted(EXTRACTORS))
@pytest.mark.parametrize("text", ["", *LOOKALIKES[:8]])
def test_extractors_state_no_numbers_for_lookalikes(clause_type: str, text: str) -> None:
    numeric = {
        key: value
        for key, value in extract_attributes(clause_type, text).items()
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)
    }
    assert numeric == {}


# ----------------------------------------------------------------------------- real wordings
# Sentences from the labelled IT contracts (../shared/it-labels, CUAD texts), shortened and with
# party names made generic, each beside a look-alike that must not give the value.


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        # Priority lists: the fastest response wins.
        ("PRIORITY 1: Response in under fifteen (15) minutes for instances in which the "
         "Application is down. PRIORITY 2: Response in under one (1) hour during technical "
         "support desk hours.", 0.25),
        # A table read row by row: the header names the column, the cells follow.
        ("Severity Level Time to Respond Escalation Time Comments 1 15 minutes 1 hour 2 30 "
         "minutes 2 hours 3 1 hour 4 hours", 0.25),
        ("Initial Reaction Time (IRT) 30 minutes 2 hours 4 hours 8 hours Projected Resolution "
         "Time (PRT) 1 day 3 days 7 days", 0.5),
        # Column-aligned text with runs of spaces between the label and the time.
        ('"Initial Response" (defined                -   Continuous efforts (24x7) with       '
         "              below) within 30 minutes after the Problem is reported", 0.5),
        # The label after the time.
        ("24 x 7 emergency phone support and 1-business-day email response on non-critical "
         "issues.", 24),
        ("+ 4 hours: Response from the support centre + 10 hours: application problem "
         "detected", 4),
        # Hours of cover before the response time in the same row.
        ("Availability Response Time emergency 24 hours, 7 days a week 4 hours", 4),
        ("Supplier will allocate resources to address the problem within two (2) business "
         "hours.", 2),
        ("Supplier shall respond to Vehicle breakdowns within two hours of receiving "
         "notification of the breakdown.", 2),
        ("Supplier shall respond to all requests for support within fifteen (15) minutes after "
         "receiving a request for assistance.", 0.25),
        # Look-alikes: hours of cover, a resolution time, a reporting interval, a duty that is
        # only "responsible".
        ("Help desk support available twenty-four (24) hours a day, seven (7) days a week via "
         "toll-free telephone number.", None),
        ("Supplier shall make the application running within 24 hours after response.", None),
        ("Diagnosis commences as soon as reasonably practicable; status reports every 24 hours "
         "with an assessment.", None),
        ("Customer is responsible for reporting errors within five (5) days.", None),
    ],
)  # fmt: skip
def test_sla_response_hours_from_real_wordings(text: str, hours: float | None) -> None:
    _check("sla", text, {"response_hours": hours})


@pytest.mark.parametrize(
    ("text", "credits"),
    [
        ("Should Supplier not achieve the agreed Service Levels contained in the Service Level "
         "Agreement, a monthly rebate will be applied as per the Rebate Table.", True),
        ("If Supplier fails to achieve a responsiveness of at least 95% for any machine type, a "
         "penalty of 2% will be applied to that Work Center's monthly total material cost.",
         True),
        ("In the event of the Company failing to change a tyre identified on the monthly "
         "inspection, issue a credit note to the Customer equal to two weeks Maintenance "
         "Charge for the Vehicle concerned.", True),
        ("The Provider shall refund to the Company a pro rata portion of the Service Fee for any "
         "period in excess of two (2) weeks during which the Provider fails to provide the "
         "Services.", True),
        ("If Supplier fails to Deliver at least 95% of an accepted Purchase Order, the next step "
         "in the Discount scheme set forth in Exhibit F shall be applied to such Product.", True),
        ("In the case of a claim relating to the Power Performance Warranty, Operator shall "
         "make a payment to Owner in an amount to be calculated pursuant to Section 2.6.", True),
        # Look-alikes: no money for a missed level.
        ("If the delay is more than thirty (30) days following the confirmed Delivery Date, "
         "Buyer may cancel the Purchase Order(s) without penalty.", False),
        ("Any Maintenance Fees paid in advance will be refunded to Customer.", False),
        ("Buyer may reduce subsequent Purchase Orders and take credits for the amount of "
         "excess Product received against the minimum purchase obligation.", False),
        ("Supplier will respond to Priority 1 calls within one (1) hour.", False),
        # A licence and maintenance agreement: penalties are a topic of the annual review.
        ("On the anniversary of this AGREEMENT, the parties shall enter into discussions and "
         "negotiations for the purposes of reviewing the maintenance service level terms, "
         "including the maintenance fee; the response, processing and resolution times; the "
         "penalties that may be payable by Supplier for failing to comply with such times.",
         False),
    ],
)  # fmt: skip
def test_sla_service_credits_from_real_wordings(text: str, credits: bool) -> None:
    assert bool(extract_attributes("sla", text)["service_credits"]) is credits


@pytest.mark.parametrize(
    ("text", "auditor"),
    [
        ("Such books and records shall be open for inspection by an independent certified "
         "public accountant reasonably acceptable to Licensee.", "independent"),
        ("Any audit shall be conducted by an independent certified public accountant jointly "
         "selected by the parties; Licensor may cause an audit to be made of the books.",
         "independent"),
        ("Licensor may audit Licensee's use through its independent auditors.", "independent"),
        ("Licensor may audit Licensee, itself or through an independent auditor.", "either"),
        ("Contractor shall permit the Company and its agents, representatives, auditors and "
         "designees to visit, inspect and have full access to books and records.", "either"),
        ("Supplier agrees to allow Customer, directly or indirectly, to audit Supplier's "
         "business records.", "either"),
        ("Customer shall have the right to perform (through its external auditor) audit "
         "procedures over Supplier's internal controls.", "either"),
        ("Customer and its auditors (including internal audit staff and external auditors) "
         "shall have the right to review such records.", "either"),
        ("Licensor shall have the right, upon reasonable prior written notice, to examine, copy "
         "and audit such records.", "self"),
        ("The Company shall permit the inspection and copying of such records by the "
         "University or its agents during regular business hours.", "self"),
        ("All such records shall be made available for the Owner's inspection upon request at "
         "all reasonable times.", "self"),
        ("Supplier shall provide Customer reasonable access to all production records.", "self"),
        ("Licensor may, itself and through its own personnel, audit Licensee's installation.",
         "self"),
        # Look-alikes: a heading that says "Independent", a duty to keep records.
        ("5.2 Independent Audits. Upon reasonable prior written notice, Owner shall have the "
         "right to audit all books and records of Operator.", "self"),
        ("Licensee shall keep complete and accurate records for three (3) years.", None),
    ],
)  # fmt: skip
def test_auditor_from_real_wordings(text: str, auditor: str | None) -> None:
    _check("audit_rights", text, {"auditor": auditor})


@pytest.mark.parametrize(
    ("text", "per_year"),
    [
        ("Such inspection shall not be made more than once each calendar year.", 1),
        ("In January of each calendar year Supplier shall allow Customer the right to audit "
         "during normal business hours all relevant records.", 1),
        ("On reasonable notice, each party shall have the right to examine said books and "
         "records; provided that such examination will be made no more than twice in any given "
         "twelve month period.", 2),
        ("Customer Audits may be conducted once a year, upon at least ten (10) business days "
         "advance notice.", 1),
        ("In no event shall audits be made more frequently than semiannually.", 2),
        ("Licensor may audit Licensee's records once annually on thirty (30) days' notice.", 1),
        # Look-alikes: periodic reports and reconciliations are not audits.
        ("The Customer itself may also audit the Supplier's records for operational risk "
         "assessment, regulatory requirements and annual reporting.", None),
        ("Supplier will provide a monthly report to Customer. Customer shall have the right to "
         "audit all relevant records.", None),
        ("Quarterly reconciliation of payments shall be conducted within thirty (30) days. "
         "Customer may inspect the records of the Company.", None),
    ],
)  # fmt: skip
def test_audit_frequency_from_real_wordings(text: str, per_year: float | None) -> None:
    _check("audit_rights", text, {"max_per_year": per_year})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Licensor may upon no less than thirty (30) days prior written notice to the Company "
         "have the right to inspect the records of the Company.", {"notice_days": 30}),
        ("The Company shall permit the inspection of such records upon ten (10) business days' "
         "written notice to the Company.", {"notice_days": 10}),
        ("Any audit shall be conducted during regular business hours, with at least forty-five "
         "(45) calendar days prior written notice.", {"notice_days": 45}),
        ("If any such inspection reveals an underpayment of more than five percent (5%) for the "
         "period under audit, Licensee shall reimburse Licensor for the reasonable cost of the "
         "examination.", {"cost_shift_pct": 5}),
        ("If the audit reveals that Licensee has underpaid by more than five percent (5%), "
         "Licensee shall bear the costs of the audit.", {"cost_shift_pct": 5}),
        ("Licensor may audit through its designated representatives.", {"auditor": "either"}),
        ("If any audit discloses that a party owes royalties in excess of 5% of royalties paid "
         "during any accounting period, the audited party shall pay the audit costs.",
         {"cost_shift_pct": 5}),
        ("All costs of such inspection shall be paid by Licensor, provided that if any such "
         "inspection shall reveal an error in the amount equal to five percent (5%) or more of "
         "such payment, such costs shall be borne by the Company.", {"cost_shift_pct": 5}),
        # Look-alikes: a termination notice beside a vague audit notice; records on request.
        ("Either party may terminate this Agreement upon thirty (30) days' written notice. "
         "Licensor may audit Licensee's records upon reasonable notice.", {"notice_days": None}),
        ("All such records shall be made available for the Owner's inspection upon request at "
         "all reasonable times.", {"notice_days": None}),
        ("Late payments bear interest at five percent (5%) per annum. Licensor may audit the "
         "records.", {"cost_shift_pct": None}),
    ],
)  # fmt: skip
def test_audit_terms_from_real_wordings(text: str, expected: dict[str, Any]) -> None:
    _check("audit_rights", text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Within 30 (thirty) days after any termination, Licensee shall deliver to Licensor, at "
         "the latter's expense, (adequately packaged and insured for safe delivery) or, at "
         "Licensor's request, destroy, all copies of Licensor's proprietary information.",
         {"deadline_days": 30, "certificate": False}),
        ("Within fifteen (15) days after termination or expiration of this Agreement for any "
         "reason, Customer shall return the original and all copies of the Licensed Materials "
         "in its possession or control (including any copies in the possession of other Users) "
         "and shall certify in writing that all such copies have been so returned and/or "
         "deleted from all computer records.", {"deadline_days": 15, "certificate": True}),
        ("Vendor shall return or destroy, as directed by Customer, all copies of the Client "
         "Data in Vendor's possession within ten (10) business days and deliver to Customer "
         "written certification of such return or destruction.",
         {"deadline_days": 10, "certificate": True, "personal_data": True}),
        ("Processor shall irretrievably delete all personal data within thirty (30) days after "
         "the end of the Services.", {"deadline_days": 30, "personal_data": True}),
        # The time to certify is not the time to delete.
        ("Upon request, Recipient shall promptly return or destroy the Information and provide "
         "written certification within fifteen (15) business days that such Information has "
         "been returned or destroyed.", {"deadline_days": None, "certificate": True}),
        # Look-alikes in the same section: a cure period, a termination date.
        ("The other Party fails to remedy such breach within 30 days after being requested in "
         "writing to do so. Upon any termination, Reseller shall transfer to Supplier all "
         "reports.", {"deadline_days": None}),
        ("Such termination date shall be within 60 days of the date such notice is delivered. "
         "Operator will promptly deliver all books and records of Owner.",
         {"deadline_days": None}),
    ],
)  # fmt: skip
def test_data_erasure_deadline_from_real_wordings(text: str, expected: dict[str, Any]) -> None:
    _check("data_erasure", text, expected)


@pytest.mark.parametrize(
    ("text", "certificate"),
    [
        ("Supplier shall keep records of all Confidential Information destruction completed "
         "and provide such records to Customer upon demand.", True),
        ("In lieu of delivering all of the foregoing, the delivering Party may confirm in "
         "writing that it has destroyed all of the foregoing.", True),
        ("If requested by the Customer, Supplier shall destroy any relevant information and "
         "certify in writing that it has done so.", True),
        ("Any materials furnished by a disclosing party will be promptly returned, accompanied "
         "by all copies thereof, or certified as destroyed upon request.", True),
        # Look-alikes: a return without proof; keeping records of the services.
        ("The receiving party will promptly return all Confidential Information furnished "
         "hereunder and all copies thereof.", False),
        ("Supplier shall keep accurate records of the Services and return all Confidential "
         "Information on termination.", False),
    ],
)  # fmt: skip
def test_data_erasure_certificate_from_real_wordings(text: str, certificate: bool) -> None:
    _check("data_erasure", text, {"certificate": certificate})


@pytest.mark.parametrize(
    ("text", "personal"),
    [
        ("Each Party shall deliver to the other Party all records and data (including backup "
         "tapes) received, computed, developed, processed and stored by it hereunder.", True),
        ("Vendor shall promptly return all Customer Information to Customer upon expiration or "
         "termination of this Agreement.", True),
        ("Upon request, Supplier must promptly return all XYZ data, physical and written "
         "records.", True),
        ("Subject to the privacy and data protection policies of the Custodian, the Custodian "
         "will deliver the Receivable Files to the successor custodian.", True),
        # Look-alikes: data the reseller generated; personal information only in the
        # definition of Confidential Information; a sentence starting with "Data".
        ("Reseller shall transfer to Supplier all data, reports and any other information "
         "generated by Reseller.", False),
        ('"Confidential Information" includes personal information and customer lists. Upon '
         "request, the Recipient shall return or destroy all Confidential Information.", False),
        ("Licensee shall return the Documentation. Data sheets are not confidential.", False),
    ],
)  # fmt: skip
def test_data_erasure_personal_data_from_real_wordings(text: str, personal: bool) -> None:
    _check("data_erasure", text, {"personal_data": personal})


@pytest.mark.parametrize(
    ("text", "days"),
    [
        # A claim window for a repair/replace/re-perform remedy.
        ("In the event of any breach of the foregoing warranty, and provided that Customer "
         "reports such breach in writing within 90 days following the date of performance of "
         "the Services, Supplier shall promptly repair, replace or re-perform the Services so as "
         "to correct the non-compliance as promptly as practicable (within 30 days to the extent "
         "technically feasible).", 90),
        # An inspection or test window, the time before the act.
        ("Within one hundred twenty (120) days after delivery of the Software, Customer shall "
         "test the Software for conformance with the Documentation. Upon receipt of written "
         "notice, Supplier shall have fifteen (15) days to correct the defect.", 120),
        ("Each of the Deliverables shall be deemed accepted unless Customer delivers a "
         "Nonconformance Notice within thirty (30) business days of the delivery of such "
         "Deliverable.", 30),
        ("Goods that do not conform may not be rejected after said 30-day period except for a "
         "latent defect.", 30),
        # "Returned during the warranty period": the defect warranty's period.
        ("Supplier warrants that for a period of one (1) year from the Effective Date the "
         "Application will perform substantially as described in the Documentation. Supplier "
         "warrants the Application media is free from material defects in materials and "
         "workmanship under normal use for ninety (90) days from the applicable Order Form. "
         "Supplier shall replace defective media, provided that Customer returns such "
         "defective media during the warranty period.", 90),
        # Look-alikes: the supplier's time to fix, a lead time, a named period.
        ("Supplier, at its own expense, shall modify, repair, adjust or replace the Software to "
         "make it Operative within fifteen (15) calendar days after the date of Customer's "
         "deficiency notice.", None),
        ("Within 5 business days following the receipt of each Order, Supplier shall "
         "acknowledge receipt of such Order. Supplier will not accept Returned Product.", None),
        ("In the case of a claim relating to the Power Performance Warranty for a One-Month "
         "Power Performance Period, Operator will repair or replace the System.", None),
    ],
)  # fmt: skip
def test_returns_window_from_real_wordings(text: str, days: int | None) -> None:
    _check("returns", text, {"window_days": days})


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("Supplier warrants that for a period of one (1) year from the Effective Date the "
         "Application will perform substantially as described in the Documentation.", 12),
        ("Licensor warrants that (ii) for a period of ninety (90) days after delivery, the "
         "Software will perform in all material respects in accordance with its documentation.",
         3),
        ("The media on which the Software is distributed will be free from defects in materials "
         "and workmanship under normal use, for a period of one hundred twenty (120) days after "
         "delivery of the Software.", 4),
        # No period stated: the time to claim under the warranty is its duration.
        ("Supplier warrants that the Services will be provided in accordance with industry "
         "standards. In the event of any breach of the foregoing warranty, and provided that "
         "Customer reports such breach in writing within 90 days following the date of "
         "performance of the Services, Supplier shall re-perform the Services.", 3),
        # Look-alikes: a time to fix, a notice to terminate.
        ("Supplier warrants that the Services will be performed in a workmanlike manner and "
         "will correct any nonconformity within thirty (30) days.", None),
        ("Supplier warrants the Products. Either party may terminate this Agreement on ninety "
         "(90) days' written notice.", None),
    ],
)  # fmt: skip
def test_warranty_duration_from_real_wordings(text: str, months: float | None) -> None:
    _check("warranty", text, {"duration_months": months})


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("Supplier shall notify Customer immediately (within 24 hours or as soon thereafter as "
         "practicable) following discovery of any suspected breach or compromise of the "
         "security of nonpublic personal information.", 24),
        # "Immediately", "promptly", "in a timely manner" state no number.
        ("Each of the parties, as Recipient, shall immediately give notice to the other party of "
         "any unauthorized use or disclosure of Discloser's Confidential Information.", None),
        ("If Recipient becomes aware of any loss or unauthorized disclosure of Confidential "
         "Information, Recipient will promptly notify Discloser.", None),
        ("Supplier shall report all suspected viruses to the Customer in a timely manner.", None),
        # Look-alike: a cure period after notice of a breach of contract.
        ("Either party may terminate this Agreement if the other fails to cure a breach within "
         "thirty (30) days after notice.", None),
    ],
)  # fmt: skip
def test_breach_notification_from_real_wordings(text: str, hours: float | None) -> None:
    _check("breach_notification", text, {"deadline_hours": hours})
