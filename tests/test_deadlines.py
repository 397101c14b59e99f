"""Deadlines from key dates and clauses, and the review findings for dates that matter now."""

from __future__ import annotations

import json
from datetime import date
from importlib.resources import files

import jsonschema
import pytest

from contractkit.detect.key_dates import KeyDate, KeyDates, Renewal
from contractkit.result import ClauseHit, ContractResult, Finding, ScanResults
from contractkit.review.deadlines import (
    contract_deadlines,
    date_findings,
    next_notice,
    refresh_date_findings,
)

SCHEMA = json.loads(files("contractkit.schemas").joinpath("scan-result.schema.json").read_text())
TERM = "The term of this Agreement is three (3) years from the Effective Date."
RENEWS = (
    "Thereafter it renews automatically for successive periods of one (1) year unless either "
    "party gives notice of non-renewal at least ninety (90) days before the end of the term."
)


def _result(
    expiry: KeyDate | None,
    renewal: Renewal | None = None,
    clauses: list[ClauseHit] | None = None,
    presence: dict[str, float] | None = None,
) -> ContractResult:
    dates = KeyDates(
        agreement_date=KeyDate("2021-11-12", "made as of November 12, 2021", 1, "preamble", 0.9),
        effective_date=KeyDate("2021-11-12", "made as of November 12, 2021", 1, "defined", 0.9),
        expiration_date=expiry,
        renewal=renewal,
    )
    clauses = clauses or [
        ClauseHit("expiration_date", TERM, 0.9, 0, len(TERM)),
        ClauseHit("renewal_term", RENEWS, 0.9, 100, 100 + len(RENEWS)),
    ]
    presence = presence or {"expiration_date": 0.9, "renewal_term": 0.9}
    return ContractResult("c.pdf", "pdfium", pages=3, clauses=clauses, presence=presence,
                          dates=dates)  # fmt: skip


def _three_years(value: str | None = "2024-11-12") -> KeyDate:
    basis = "3 years from the effective date 2021-11-12" if value else "check: 3 years from Launch"
    return KeyDate(value, TERM, 2, basis, 0.75)


def _auto(notice_text: str = RENEWS, days: float | None = 90, term: float | None = 12) -> Renewal:
    return Renewal(True, term, None, days, notice_text, 2)


def test_the_notice_deadline_carries_its_arithmetic_in_words():
    result = _result(_three_years(), _auto())
    notices = [d for d in contract_deadlines(result) if d.kind == "notice_of_non_renewal"]
    first, second = notices
    assert first.date == "2024-08-14"
    assert first.message == (
        "term ends 2024-11-12 (3 years from the effective date 2021-11-12); 90 days' notice → "
        "notify by 2024-08-14"
    )
    assert first.clause_type == "notice_period_to_terminate_renewal"
    assert first.evidence == (1,)  # the renewal clause that says it
    # the next one, after the first renewal
    assert second.date == "2025-08-14"
    assert second.message.startswith("renewal term 1 ends 2025-11-12 (2024-11-12 + 12 months)")


def test_notice_in_months_is_counted_in_calendar_months():
    text = RENEWS.replace("ninety (90) days", "three (3) months")
    expiry = KeyDate("2024-05-31", TERM, 2, "stated: May 31, 2024", 0.9)
    result = _result(expiry, _auto(text, days=90))
    (first, _) = [d for d in contract_deadlines(result) if d.kind == "notice_of_non_renewal"]
    assert first.date == "2024-02-29"  # three months before May 31 in a leap year
    assert "3 months' notice → notify by 2024-02-29" in first.message


def test_an_unknown_end_gives_a_check_never_a_guess():
    result = _result(_three_years(None), _auto())
    deadlines = contract_deadlines(result)
    assert all(d.date is None for d in deadlines)
    notice = next(d for d in deadlines if d.kind == "notice_of_non_renewal")
    assert notice.message.startswith("check: 90 days' notice of non-renewal")
    assert "the end of the term is not known (3 years from Launch)" in notice.message
    expiry = next(d for d in deadlines if d.kind == "expiry")
    assert expiry.message.startswith("check: the end of the term could not be computed")


def test_business_days_notice_is_a_check():
    text = RENEWS.replace("ninety (90) days", "thirty (30) business days")
    result = _result(_three_years(), _auto(text, days=30))
    notice = next(d for d in contract_deadlines(result) if d.kind == "notice_of_non_renewal")
    assert notice.date is None and "business days" in notice.message


def test_at_most_the_stated_renewals_are_rolled_forward():
    renewal = Renewal(True, 12, 1, 90, RENEWS, 2)
    dates = _result(_three_years(), renewal).dates
    assert next_notice(dates, date(2025, 8, 15)) is None  # the one renewal's notice has passed
    assert next_notice(dates, date(2025, 8, 1))[0] == date(2025, 8, 14)


def test_an_auto_renewal_notice_due_within_90_days_is_a_high_finding():
    result = _result(_three_years(), _auto())
    (high,) = date_findings(result, date(2024, 6, 1))
    assert (high.kind, high.severity) == ("risk", "high")
    assert "notice of non-renewal is due by 2024-08-14 (74 days after 2024-06-01)" in high.message
    assert high.evidence == (1,)
    assert date_findings(result, date(2024, 5, 1)) == []  # 105 days away: not yet
    # a year on, the next term's deadline is the one that counts
    (later,) = date_findings(result, date(2025, 7, 1))
    assert "due by 2025-08-14" in later.message


def test_an_evergreen_contract_without_termination_for_convenience():
    perpetual = KeyDate("perpetual", "This Agreement continues until terminated.", 2,
                        "runs until terminated (no end date)", 0.7)  # fmt: skip
    result = _result(perpetual)
    (evergreen,) = date_findings(result, date(2024, 6, 1))
    assert evergreen.clause_type == "termination_for_convenience"
    assert evergreen.message.startswith("Evergreen contract (runs until terminated)")
    result.presence["termination_for_convenience"] = 0.9
    assert date_findings(result, date(2024, 6, 1)) == []
    # renewing without limit and with no notice period found: no way out either
    unstoppable = _result(_three_years(), _auto("It renews automatically each year.", days=None))
    (evergreen,) = date_findings(unstoppable, date(2024, 1, 1))
    assert "renews automatically without limit" in evergreen.message
    # notice of non-renewal is a way out: no finding
    assert date_findings(_result(_three_years(), _auto()), date(2024, 1, 1)) == []


def test_an_expired_contract_still_in_the_portfolio():
    result = _result(_three_years())
    (expired,) = date_findings(result, date(2025, 1, 1))
    assert expired.rule_id == "dates.expired"
    assert expired.message.startswith("Expired on 2024-11-12")
    assert date_findings(result, date(2024, 11, 12)) == []  # its last day: not yet expired


def test_date_findings_follow_the_day_and_leave_the_playbooks_alone():
    result = _result(_three_years(), _auto())
    playbook = Finding("missing_clause", "sla", "low", "No SLA", (), rule_id="sla.required")
    result.findings = [playbook]
    refresh_date_findings(result, date(2024, 6, 1))
    assert [f.rule_id for f in result.findings] == ["dates.renewal_notice_due", "sla.required"]
    refresh_date_findings(result, date(2024, 1, 1))
    assert [f.rule_id for f in result.findings] == ["sla.required"]


def test_deadlines_go_into_the_scan_json_and_back():
    result = _result(_three_years(), _auto())
    result.deadlines = contract_deadlines(result)
    data = result.to_dict(exact=True)
    jsonschema.validate(data, SCHEMA)
    assert data["deadlines"][0]["date"] == "2024-08-14"
    back = ContractResult.from_dict(json.loads(json.dumps(data)))
    assert back.dates == result.dates and back.deadlines == result.deadlines


def test_a_portfolios_deadlines_as_a_dataframe_sorted_by_date():
    a = _result(_three_years(), _auto())
    b = _result(KeyDate("2023-01-31", TERM, 1, "stated: January 31, 2023", 0.9))
    b.file = "b.pdf"
    for r in (a, b):
        r.deadlines = contract_deadlines(r)
    frame = ScanResults([a, b]).deadlines
    assert list(frame["date"]) == sorted(frame["date"])
    assert frame.iloc[0][["file", "kind"]].tolist() == ["b.pdf", "expiry"]
    assert frame.iloc[0]["evidence_text"] == TERM


@pytest.mark.parametrize(
    ("clause_type", "text", "attributes", "kind", "expected"),
    [
        ("termination_for_convenience",
         "Either party may terminate this Agreement for convenience on sixty (60) days' notice.",
         {"notice_days": 60}, "termination_notice", "2024-09-13"),
        ("warranty", "Supplier warrants Products for twelve (12) months from the Effective Date.",
         {"duration_months": 12}, "warranty_end", "2022-11-12"),
        ("warranty", "Supplier warrants the Products for twelve (12) months from delivery.",
         {"duration_months": 12}, "warranty_end", None),
        ("audit_rights", "Licensor may audit once a year on thirty (30) days' notice.",
         {"notice_days": 30}, "audit_notice", None),
        ("price_increase", "Prices may increase at each renewal on ninety (90) days' notice.",
         {}, "price_increase_notice", "2024-08-14"),
    ],
)  # fmt: skip
def test_clause_deadlines(clause_type, text, attributes, kind, expected):
    hit = ClauseHit(clause_type, text, 0.9, 500, 500 + len(text), attributes=attributes)
    result = _result(_three_years(), clauses=[hit], presence={clause_type: 0.9})
    (deadline,) = [d for d in contract_deadlines(result) if d.kind == kind]
    assert deadline.date == expected and deadline.evidence == (0,)
    if expected is None:
        assert deadline.message.startswith("check:")
