"""Dates as contracts write them, and the key dates read from a contract's text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import contractkit
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


# Dates of every shape, written whole or with blanks, between stretches of other text (section
# numbers, sums, long runs that keep one date's anchor out of another's reach).
_DAY = st.sampled_from(["21", "1", "06", "21st", "1s t", "(1st)", "__", "[ ]", "45"])
_MONTH = st.sampled_from(["June", "JUN.", "sept", "September", "of", "__", "", "13", "06"])
_YEAR = st.sampled_from(["1999", "2021", "99", "05", "19__", "20_", "____", "A.D. 2000"])
_GAP = st.sampled_from([" ", "", ", ", ".", " day of ", "/", "-", "\n", "      ", " \n \n "])
_WORDED = st.tuples(
    st.sampled_from(["", "this ", "the ", "made as of"]), _DAY, _GAP, _MONTH, _GAP, _YEAR
).map("".join)
_NUMBER = st.sampled_from(["6", "06", "13", "21", "45", "1999"])
_SEPARATOR = st.sampled_from(["/", "-", "."])
_NUMERIC = st.tuples(_NUMBER, _SEPARATOR, _NUMBER, _SEPARATOR, _YEAR).map("".join)
_DATE = st.one_of(_WORDED, _NUMERIC)
_OTHER = st.sampled_from(
    ["Section 12.3 ", "$20,000 ", "(a) ", "x" * 150, "word " * 30, "_" * 45, "2019", " "]
)
_WORDS = st.sampled_from(["", "The term begins on ", "word " * 40])
TEXT_WITH_DATES = st.one_of(
    st.tuples(_WORDS, _DATE, _WORDS).map("".join),  # one date, alone
    st.lists(st.one_of(_DATE, _OTHER), max_size=12).map("".join),
)
SAMPLES = Path(__file__).resolve().parents[1] / "sample_contracts"


def _plain_scan(text: str) -> list[tuple[int, int, str | None]]:
    """The dates the grammar's one pattern finds run over every character."""
    from contractkit.detect.date_grammar import _DATE_RE

    return [(m.start(), m.end(), m.lastgroup) for m in _DATE_RE.finditer(text)]


def _anchored_scan(text: str) -> list[tuple[int, int, str | None]]:
    from contractkit.detect.date_grammar import _date_matches

    return [(m.start(), m.end(), m.lastgroup) for m in _date_matches(text)]


@settings(max_examples=300, deadline=None)
@given(TEXT_WITH_DATES)
def test_dates_are_looked_for_only_near_a_year_a_blank_or_a_slash_and_none_is_lost(text):
    assert _anchored_scan(text) == _plain_scan(text)


def test_running_the_date_grammar_only_near_its_anchors_loses_no_date_of_a_contract():
    paths = [p for p in sorted(SAMPLES.glob("**/*.pdf")) if not p.name.startswith("scanned")]
    texts = [contractkit.load(p, engine="pdfium", ocr=False).text for p in paths]
    assert sum(len(_plain_scan(t)) for t in texts) > 10
    for text in texts:
        assert _anchored_scan(text) == _plain_scan(text)


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


# ------------------------------------------------------------------ issue 16: more wordings

_HEAD = 'This Agreement is effective as of June 21, 2021 (the "Effective Date").\n\n'


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        # the stated alternative of "the later of" / "the earlier of" (CUAD answers it)
        ("The term of this Agreement commences on the Effective Date and shall continue in effect "
         "until the later of (a) the third (3rd) anniversary of the Effective Date, or (b) the "
         "completion of the Services and delivery of all deliverables.", "2024-06-21"),
        ("The term of this Agreement will begin on July 1, 2021 and will end the later of (i) "
         "June 30, 2023 or (ii) Supplier's delivery of all Units ordered.", "2023-06-30"),
        ("This Agreement shall expire on the earlier of (i) two (2) years from the date hereof, or "
         "(ii) the closing of the Merger.", "2023-06-21"),
        # the alternatives listed after a colon
        ("This Agreement shall remain in effect until the earlier of the following events:\n(a) "
         "the fifth (5th) anniversary of this Agreement; and\n(b) Buyer ceasing to hold any "
         "Shares.", "2026-06-21"),
        # an anniversary counted in years
        ("This Agreement shall extend until the four (4) year anniversary of the Effective Date.",
         "2025-06-21"),
        ("The Term ends on the 3-year anniversary of the Effective Date.", "2024-06-21"),
        # a number in words whose digits a PDF wrapped onto the next line; "extend for an
        # initial term" is the term, not a renewal
        ("This Agreement shall be in full force and effect commencing on the Effective Date and "
         "shall extend for an initial term of two\n(2) years.", "2023-06-21"),
        # a form's "Term:" field counted from the date of the Agreement
        ("Term: twelve (12) months from the date of the Agreement, renewable by mutual consent.",
         "2022-06-21"),
        # a confirmation's "Termination Date:" field
        ("Trade Date: 14 June 2021\nTermination Date: 1 April 2024\nCalculation Amount: USD "
         "1,000,000", "2024-04-01"),
        # the length said of the term, not of another period; its start stated after it
        ("The production period shall be for a period of two (2) months commencing on July 1, "
         "2021, and the remaining term of this Agreement shall be for a period of twenty-four "
         "(24) months to commence on the launch date of September 1, 2021.", "2023-09-01"),
    ],
)  # fmt: skip
def test_more_wordings_of_the_end_of_term(sentence, value):
    assert extract_key_dates(_HEAD + sentence).expiration_date.value == value


@pytest.mark.parametrize(
    "sentence",
    [
        # "the earlier of" with no stated alternative: no date, and not 'perpetual' either
        "This Agreement shall continue in force until the earlier to occur of (i) the Owner no "
        "longer owning any Receivables, and (ii) the delivery of a notice of termination.",
        # another thing's term, whose wording comes first
        "The warranty term for each Product shall be two (2) years from its delivery.",
        # an anniversary without a number: a price change, not the end
        "On each anniversary of the Effective Date the fees shall increase by three percent.",
        # a renewal's length, not the term
        "This Agreement shall be extended for successive terms of one (1) year each.",
        # a Termination Date named, not dated
        "Supplier shall return all materials within thirty (30) days after the date of "
        'termination (the "Termination Date").',
    ],
)
def test_look_alikes_of_the_end_of_term_give_no_date(sentence):
    expiry = extract_key_dates(_HEAD + sentence).expiration_date
    assert expiry is None or not (expiry.value or "")[:1].isdigit()


def test_a_term_counted_from_such_an_event_is_a_check_but_such_date_is_known():
    event = (
        "This Agreement shall continue until the termination of the Alliance Agreement; "
        "provided that if a Termination Election is made, this Agreement shall terminate "
        "thirty-six (36) months after such Termination Election."
    )
    expiry = extract_key_dates(_HEAD + event).expiration_date
    assert expiry.value is None and expiry.basis.startswith("check: 36 months")
    known = "The term of this Agreement shall be five (5) years from such Effective Date."
    assert extract_key_dates(_HEAD + known).expiration_date.value == "2026-06-21"


def test_the_length_of_term_is_counted_to_the_same_day():
    # CUAD's answers, 84 contracts to 1, end a term of N years on the same day N years on
    text = (
        _HEAD
        + "The term of this Agreement shall begin on January 1, 2020 and continue for five (5) "
        "years."
    )
    assert extract_key_dates(text).expiration_date.value == "2025-01-01"


def test_an_amendment_made_effective_after_the_agreement_it_amends():
    text = (
        "This amendment to Section 4 (Term) of the Supply Agreement is made effective March 3, "
        "2020 by and between Acme, Inc. and Beta LLC."
    )
    dates = extract_key_dates(text)
    assert dates.agreement_date.value == "2020-03-03"
    assert dates.effective_date.value == "2020-03-03"
    # a date said of the other agreement is still not this one's
    other = (
        "Pursuant to Section 4 of the Supply Agreement dated May 1, 2015, the parties enter "
        "into this Amendment as of March 3, 2020."
    )
    assert extract_key_dates(other).agreement_date.value == "2020-03-03"


def test_an_effective_date_defined_as_such_date():
    text = (
        'This Agreement is entered into as of June 12, 2019 (the "Execution Date").\n\n'
        "The term of this Agreement shall become effective upon acceptance of the filing by the "
        'FDA no later than September 2, 2019 (such date, the "Effective Date").'
    )
    assert extract_key_dates(text).effective_date.value == "2019-09-02"
    counted = (
        "This Distributor Agreement is made by Acme and Beta.\n\nINITIAL PERIOD: April 15, "
        "2000 through October 15, 2000 (6 Months from the Effective Date)"
    )
    assert extract_key_dates(counted).effective_date is None


def test_a_commencement_date_for_the_contract_and_no_other_date():
    text = (
        "OUTSOURCING AGREEMENT\n\n1.4 Contract Term. The commencement date for this contract "
        "will be 16th June 2004. The initial term of the contracted agreement is 5 years from "
        "the commencement date."
    )
    dates = extract_key_dates(text)
    assert dates.effective_date.value == "2004-06-16"
    assert dates.agreement_date.value == "2004-06-16"
    assert dates.agreement_date.basis == "no agreement date stated: the effective date"
    assert dates.expiration_date.value == "2009-06-16"
    made = "This Agreement is made as of May 1, 2004.\n\n" + text
    assert extract_key_dates(made).agreement_date.value == "2004-05-01"


_WITNESS = (
    "IN WITNESS WHEREOF, the parties have executed this Agreement as of the Effective Date.\n\n"
)


def test_signature_dates_written_above_their_label():
    text = (
        _WITNESS + "By: /s/ Victor Bozzo By: /s/ Chris Gardner\nChief Executive Officer VP "
        "Finance\nTitle Title\n4/24/2018 04/25/2018\nDate Date\n\nTERMS AND CONDITIONS\n"
    )
    assert extract_key_dates(text).agreement_date.value == "2018-04-25"
    assert extract_key_dates(_WITNESS + "January 22, 2020 (Date)\n/s/ A. Smith").agreement_date
    unlabelled = _WITNESS + "By: /s/ Victor Bozzo\n\nPrices valid from 4/24/2018 to 4/25/2018\n"
    assert extract_key_dates(unlabelled).agreement_date is None


def test_a_signature_date_under_a_rule_of_dashes():
    text = (
        "3. Indemnity. MMI shall indemnify Dragon.\n\nMMI\n\n\\s\\ John Dick General Manager\n"
        "- -----------------------------------------\n19 Jan. 1998\n"
    )
    assert extract_key_dates(text).agreement_date.value == "1998-01-19"
    # past the head (where a date on its own line dates the contract), with no signature
    body = "Supplier shall deliver the goods on time. " * 80
    table = body + "\n\nPrice list\n- -----------------------------------------\n19 Jan. 1998\n"
    assert extract_key_dates(table).agreement_date is None


def test_a_signature_block_ends_at_an_appendix():
    text = (
        _WITNESS + "/s/ S. Jaskolski /s/ J. Pollard\nDirector Director\n\nDated: December 14, "
        "2015 Dated: December 14, 2015\n\nAPPENDIX A\n\nContract Identification FT18150\n\n"
        "Date: November 01, 2016\nSupersedes Appendix Dated: November 01, 2015\n"
    )
    assert extract_key_dates(text).agreement_date.value == "2015-12-14"


def test_a_record_date_is_not_the_date_the_contract_is_made():
    text = (
        "AGENCY AGREEMENT\n\nMay 14, 2014\n\nKeefe, Bruyette & Woods, Inc.\n\nLadies and "
        "Gentlemen:\n\nThe Bank is offering shares to depositors with Qualifying Deposits as of "
        "February 28, 2013."
    )
    assert extract_key_dates(text).agreement_date.value == "2014-05-14"
    made = 'This AGENCY AGREEMENT (the "Agreement") as of May 14, 2014 is between A and B.'
    assert extract_key_dates(made).agreement_date.value == "2014-05-14"


def test_a_body_date_naming_a_term_is_not_a_signature_date():
    text = (
        "Information shall be exchanged under the Agreement for Exchange of Confidential "
        'Information executed by IBM on August 3, 2001 (the "AECI").\n\n'
        + _WITNESS
        + "By: /s/ Jane Doe\nCustomer Authorized Signature\n"
    )
    assert extract_key_dates(text).agreement_date is None
