"""The contract calendar: deadlines of a portfolio as a table, .ics, .csv and .xlsx."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import date, timedelta

import pytest
from conftest import SAMPLES
from icalendar import Calendar
from openpyxl import load_workbook

from contractkit.calendar import calendar_entries, write_calendar
from contractkit.detect.key_dates import KeyDate, KeyDates, Renewal
from contractkit.result import ClauseHit, ContractResult
from contractkit.review.deadlines import contract_deadlines

TERM = "The term of this Agreement is three (3) years from the Effective Date."
RENEWS = (
    "Thereafter it renews automatically for successive periods of one (1) year unless either "
    "party gives notice of non-renewal at least ninety (90) days before the end of the term."
)
HOSTILE = (
    "=cmd|' /C calc'!A0 <script>alert(1)</script>\r\nEND:VEVENT\nBEGIN:VEVENT\n"
    "SUMMARY:pwned\nDTSTART:20300101\nEND:VEVENT\nEND:VCALENDAR\n" + RENEWS
)


def _contract(file: str = "acme.pdf", renewal_text: str = RENEWS) -> ContractResult:
    term = KeyDate("2024-11-12", TERM, 2, "3 years from the effective date 2021-11-12", 0.75)
    dates = KeyDates(expiration_date=term, renewal=Renewal(True, 12, None, 90, renewal_text, 3))
    clauses = [
        ClauseHit("expiration_date", TERM, 0.9, 0, len(TERM)),
        ClauseHit("renewal_term", renewal_text, 0.9, 100, 100 + len(renewal_text)),
    ]
    result = ContractResult(file, "pdfium", sha256="ab" * 32, pages=3, clauses=clauses,
                            presence={"renewal_term": 0.9}, dates=dates)  # fmt: skip
    result.deadlines = contract_deadlines(result)
    return result


def _events(path) -> list:
    calendar = Calendar.from_ical(path.read_bytes())
    return list(calendar.walk("VEVENT"))


def test_deadlines_from_as_of_sorted_and_rolled_forward():
    entries = calendar_entries([_contract()], as_of=date(2027, 1, 1))
    # the stored notices (2024, 2025) have passed: the next one is rolled forward
    assert [(e.date, e.kind) for e in entries] == [(date(2027, 8, 14), "notice_of_non_renewal")]
    assert entries[0].message == (
        "renewal term 3 ends 2027-11-12 (2026-11-12 + 12 months); 90 days' notice → notify by "
        "2027-08-14"
    )
    soon = calendar_entries([_contract()], as_of=date(2024, 8, 1), within=30)
    assert [(e.date, e.kind) for e in soon] == [(date(2024, 8, 14), "notice_of_non_renewal")]


def test_ics_round_trips_with_stable_uids_an_alarm_and_the_clause(tmp_path):
    entries = calendar_entries([_contract()], as_of=date(2024, 1, 1))
    first = write_calendar(entries, tmp_path / "a.ics")
    second = write_calendar(calendar_entries([_contract()], as_of=date(2024, 1, 1)),
                            tmp_path / "b.ics")  # fmt: skip
    events = _events(first)
    assert [str(e["UID"]) for e in events] == [str(e["UID"]) for e in _events(second)]
    assert len({str(e["UID"]) for e in events}) == len(events) == 3
    notice = next(e for e in events if e.decoded("DTSTART") == date(2024, 8, 14))
    assert str(notice["SUMMARY"]) == "Last day to give notice of non-renewal: acme.pdf"
    description = str(notice["DESCRIPTION"])
    assert "90 days' notice → notify by 2024-08-14" in description
    assert f"Clause (p.3): {RENEWS}" in description
    (alarm,) = notice.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(days=-14)
    assert str(alarm["ACTION"]) == "DISPLAY"


def test_hostile_contract_text_stays_inert_in_every_export(tmp_path):
    name = '=HYPERLINK("x")\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:pwned.pdf'
    result = _contract(file=name, renewal_text=HOSTILE)
    entries = calendar_entries([result], as_of=date(2024, 1, 1))
    events = _events(write_calendar(entries, tmp_path / "c.ics"))
    assert len(events) == len([e for e in entries if e.date]) == 3
    for event in events:
        summary = str(event["SUMMARY"])
        assert "\n" not in summary and "\r" not in summary
        assert summary.endswith('=HYPERLINK("x") END:VEVENT BEGIN:VEVENT SUMMARY:pwned.pdf')
        assert event.decoded("DTSTART") < date(2030, 1, 1)
    notice = next(e for e in events if "non-renewal" in str(e["SUMMARY"]))
    assert HOSTILE.replace("\r\n", "\n").split("\n")[0] in str(notice["DESCRIPTION"])

    write_calendar(entries, tmp_path / "c.csv")
    with (tmp_path / "c.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(entries)
    for row in rows:
        assert not row["file"].startswith(("=", "+", "-", "@"))
        assert row["file"].startswith("'=HYPERLINK")
    assert any(row["clause_text"].startswith("'=cmd|") for row in rows)
    assert (tmp_path / "c.csv").read_text(encoding="utf-8").startswith('"date","kind"')

    write_calendar(entries, tmp_path / "c.xlsx")
    sheet = load_workbook(tmp_path / "c.xlsx")["deadlines"]
    cells = [c.value for row in sheet.iter_rows(min_row=2) for c in row]
    assert not [v for v in cells if isinstance(v, str) and v.startswith("=")]


def test_every_exported_deadline_is_traceable_to_its_clause_and_page(tmp_path):
    entries = calendar_entries([_contract()], as_of=date(2024, 1, 1))
    write_calendar(entries, tmp_path / "d.csv")
    with (tmp_path / "d.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["date"] for r in rows] == ["2024-08-14", "2024-11-12", "2025-08-14"]
    for row in rows:
        assert row["clause_text"] in (TERM, RENEWS) and row["page"] in ("2", "3")
        assert row["message"]
    write_calendar(entries, tmp_path / "d.xlsx")
    sheet = load_workbook(tmp_path / "d.xlsx")["deadlines"]
    header = [c.value for c in sheet[1]]
    first = [c.value for c in sheet[2]]
    assert first[header.index("date")].date() == date(2024, 8, 14)
    assert first[header.index("clause_text")] == RENEWS


def test_an_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match=r"use \.ics, \.csv or \.xlsx"):
        write_calendar([], tmp_path / "x.txt")


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "contractkit", *args], capture_output=True, text=True, timeout=600
    )


def test_calendar_command_on_the_samples(tmp_path):
    samples = [str(SAMPLES / "hardware_framework_purchase.pdf"),
               str(SAMPLES / "saas_subscription.pdf")]  # fmt: skip
    options = ["--engine", "pdfium", "--no-cache", "--workers", "2", "--as-of", "2026-01-01"]
    table = run_cli("calendar", *samples, *options)
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split()[:3] == ["date", "kind", "contract"]
    dated = [line.split()[0] for line in lines[1:] if line[:1].isdigit()]
    assert dated == sorted(dated) and dated[0] == "2026-01-15"
    assert any("notify by 2026-12-04" in line for line in lines)  # 3 months before 2027-03-04

    out = tmp_path / "deadlines.ics"
    done = run_cli("calendar", *samples, *options, "--within", "365", "--out", str(out))
    assert done.returncode == 0, done.stderr
    events = _events(out)
    starts = sorted(e.decoded("DTSTART") for e in events)
    assert starts == [date(2026, 1, 15), date(2026, 11, 16), date(2026, 12, 4)]
    for event in events:
        assert "Clause (p." in str(event["DESCRIPTION"])


def test_calendar_command_usage_errors(tmp_path):
    wrong = run_cli("calendar", str(SAMPLES / "saas_subscription.pdf"), "--out", "x.txt")
    assert wrong.returncode == 2 and "use one of .ics, .csv, .xlsx" in wrong.stderr
    missing = run_cli("calendar", str(tmp_path / "nope.pdf"))
    assert missing.returncode == 1 and "no such file or folder" in missing.stderr
    bad_day = run_cli("calendar", str(SAMPLES / "saas_subscription.pdf"), "--as-of", "soon")
    assert bad_day.returncode == 2 and "YYYY-MM-DD" in bad_day.stderr
