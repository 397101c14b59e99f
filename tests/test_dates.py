"""Dates as contracts write them, and the key dates read from a contract's text."""

from __future__ import annotations

from datetime import date

import pytest

from contractkit.detect.date_grammar import add_months, all_dates, parse_date
from contractkit.detect.key_dates import KeyDates, extract_key_dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("June 21, 1999", date(1999, 6, 21)),
        ("Jun. 21st 1999", date(1999, 6, 21)),
        ("JUNE 21,1999", date(1999, 6, 21)),
        ("21 June 1999", date(1999, 6, 21)),
        ("made this 21st day of June, 1999 by", date(1999, 6, 21)),
        ("this 21 day of June 1999", date(1999, 6, 21)),
        ("entered into this 6th day\nof April, 1999", date(1999, 4, 6)),
        ("this first (1st) day of January, 1996", date(1996, 1, 1)),
        ("the 1s t day of March, 2018", date(2018, 3, 1)),  # a PDF's letter spacing
        ("06/21/99", date(1999, 6, 21)),
        ("6-21-1999", date(1999, 6, 21)),
        ("1999-06-21", date(1999, 6, 21)),
        ("21.06.1999", date(1999, 6, 21)),  # European: day first
        ("13/06/2001", date(2001, 6, 13)),  # no 13th month: day first
        ("1/14/02", date(2002, 1, 14)),
        ("made and effective as of1 August 2019", date(2019, 8, 1)),
        ("until March 18. 2021", date(2021, 3, 18)),
    ],
)
def test_the_date_formats_contracts_use(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "year", "month"),
    [
        ("dated _____, 2019", 2019, None),
        ("June __, 2019", 2019, 6),
        ("the ____ day of May, 2000", 2000, 5),
        ("this  day of , 2012", 2012, None),
        ("as of [  ], 2012", 2012, None),
    ],
)
def test_a_blank_date_is_unknown_not_guessed(text, year, month):
    (mention,) = all_dates(text)
    assert mention.value is None and mention.is_blank
    assert (mention.year, mention.month, mention.day) == (year, month, None)


def test_two_digit_years_pivot_at_fifty():
    assert parse_date("06/21/99") == date(1999, 6, 21)
    assert parse_date("06/21/05") == date(2005, 6, 21)
    assert parse_date("01/02/49") == date(2049, 1, 2)
    assert parse_date("01/02/50") == date(1950, 1, 2)


@pytest.mark.parametrize(
    "text", ["February 30, 2020", "13/13/99", "Section 12.01.05", "version 1.2.3", "99 Main St"]
)
def test_no_date_where_there_is_none(text):
    assert all_dates(text) == []


def test_a_mention_keeps_its_span():
    text = "This Agreement is made as of June 21, 1999 by and between"
    (mention,) = all_dates(text)
    assert text[mention.start : mention.end] == "June 21, 1999"
    assert mention.iso == "1999-06-21"


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2023, 1, 31), 1, date(2023, 2, 28)),  # one month after January 31
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # ... in a leap year
        (date(2024, 2, 29), 12, date(2025, 2, 28)),  # a year after February 29
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2021, 11, 12), 36, date(2024, 11, 12)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
    ],
)
def test_month_arithmetic_clamps_to_the_month_end(start, months, expected):
    assert add_months(start, months) == expected


def test_hostile_text_is_read_in_one_pass():
    # runs of digits, underscores and "day of" that a backtracking pattern would chew on
    hostile = ("1" * 50 + "/" + "_" * 60 + " day of " * 30 + ", 20") * 200
    assert [m.value for m in all_dates(hostile)] == [None] * len(all_dates(hostile))
    many = "The term of this Agreement runs from June 1, 2020 to July 1, 2021 and " * 2000
    assert extract_key_dates(hostile + many).expiration_date.value == "2021-07-01"


CONTRACT = """MASTER SERVICES AGREEMENT

This Master Services Agreement (the "Agreement") is made and entered into this 12th day of
November, 2021 (the "Effective Date") by and between Acme Corp. and Beta Ltd.

1. Services. Supplier shall provide the services.

9. Term. The term of this Agreement shall commence on the Effective Date and shall continue
for a period of three (3) years (the "Initial Term"). Thereafter this Agreement shall
automatically renew for successive periods of one (1) year each, unless either party gives
written notice of non-renewal at least ninety (90) days prior to the end of the then-current
term.
"""


def test_key_dates_of_a_contract():
    dates = extract_key_dates(CONTRACT, lambda offset: 1 if offset < 200 else 2)
    assert dates.agreement_date.value == "2021-11-12"
    assert dates.effective_date.value == "2021-11-12"
    assert dates.effective_date.basis == "defined as the Effective Date"
    expiry = dates.expiration_date
    assert expiry.value == "2024-11-12"
    assert expiry.basis == "3 years from the effective date 2021-11-12"
    assert "three (3) years" in expiry.text and expiry.page == 2
    renewal = dates.renewal
    assert renewal.auto_renew is True
    assert renewal.term_months == 12
    assert renewal.notice_days == 90
    assert "non-renewal" in renewal.text


@pytest.mark.parametrize(
    ("sentence", "value", "basis"),
    [
        ("The Initial Term shall commence upon the Effective Date and shall expire on March 31, "
         "2011.", "2011-03-31", "stated: March 31, 2011"),
        ("This Agreement shall continue until December 31, 2025 unless terminated earlier.",
         "2025-12-31", "stated: December 31, 2025"),
        ("The initial term shall end on the fifth anniversary of the Effective Date.",
         "2026-06-21", "anniversary 5 from the effective date 2021-06-21"),
        ("This Agreement shall remain in effect for three (3) years from the Effective Date.",
         "2024-06-21", "3 years from the effective date 2021-06-21"),
        ("This Agreement shall continue until terminated by either party in accordance with "
         "Section 12.", "perpetual", "runs until terminated (no end date)"),
        ("This Agreement shall continue in full force and effect indefinitely.", "perpetual",
         "runs until terminated (no end date)"),
    ],
)  # fmt: skip
def test_expiration_given_computed_or_perpetual(sentence, value, basis):
    text = f'This Agreement is effective as of June 21, 2021 (the "Effective Date").\n\n{sentence}'
    expiry = extract_key_dates(text).expiration_date
    assert (expiry.value, expiry.basis) == (value, basis)


def test_a_term_counted_from_an_undated_event_is_a_check_not_a_guess():
    text = (
        'This Agreement is effective as of June 21, 2021 (the "Effective Date").\n\n'
        "The initial term of this Agreement will begin on the Effective Date and end twelve (12) "
        "months after the Launch."
    )
    expiry = extract_key_dates(text).expiration_date
    assert expiry.value is None
    assert expiry.basis.startswith("check: 12 months from Launch")


def test_what_outlives_the_term_is_not_the_term():
    text = (
        "This Agreement is made as of June 21, 2021.\n\nDuring the Term of this Agreement and for "
        "a period of two (2) years thereafter, Supplier shall keep records."
    )
    assert extract_key_dates(text).expiration_date is None


def test_a_blank_agreement_date_is_stated_but_unknown():
    dates = extract_key_dates("This Agreement is made as of _____________, 2019 by and between")
    assert dates.agreement_date.value is None
    assert dates.agreement_date.text.startswith("This Agreement is made as of")


def test_another_agreements_date_is_not_this_ones():
    text = (
        "FIRST AMENDMENT\n\nThis First Amendment to the Supply Agreement dated April 1, 2017 is "
        "entered into as of June 22, 2018 by Cerus and Fenwal."
    )
    assert extract_key_dates(text).agreement_date.value == "2018-06-22"


def test_key_dates_round_trip_through_their_json():
    dates = extract_key_dates(CONTRACT)
    assert KeyDates.from_dict(dates.to_dict()) == dates
    assert KeyDates.from_dict(None) == KeyDates()
