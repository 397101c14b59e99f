"""The contract calendar: a portfolio's deadlines, sorted by date, as a table or a file.

`calendar_entries(results, as_of, within)` gathers the deadlines of scanned contracts
(`ContractResult.deadlines`) and, for contracts that renew automatically, rolls the notice
of non-renewal forward to the next one on or after `as_of` (a contract signed in 2015
that renews every year has a deadline this year too). Each `CalendarEntry` carries its
clause text and page, so every exported deadline can be traced to what the contract says.

Exports: `.ics` (iCalendar, written with the `icalendar` library: one all-day event per
dated deadline, the arithmetic and the clause text in its description, an alarm some days
before, a UID derived from the contract and the deadline so that importing a new export
updates the events instead of duplicating them), `.csv` (every field quoted, cells that a
spreadsheet would run as formulas neutralised) and `.xlsx`. Deadlines without a date (to
check) are rows of the CSV, Excel and table, not events.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from contractkit.files import atomic_path
from contractkit.result import ContractResult, Deadline
from contractkit.review.deadlines import next_notice
from contractkit.spreadsheet import safe_cell
from contractkit.textutil import shorten

__all__ = [
    "ALARM_DAYS",
    "CALENDAR_COLUMNS",
    "FORMATS",
    "CalendarEntry",
    "calendar_entries",
    "write_calendar",
]

ALARM_DAYS = 14  # the reminder before each deadline
FORMATS = (".ics", ".csv", ".xlsx")
UID_DOMAIN = "contractkit"
CALENDAR_COLUMNS = [
    "date", "kind", "file", "clause_type", "message", "page", "clause_text", "score", "uid",
]  # fmt: skip
KIND_LABELS = {
    "notice_of_non_renewal": "Last day to give notice of non-renewal",
    "renewal": "Automatic renewal",
    "expiry": "Contract expires",
    "warranty_end": "Warranty ends",
    "price_increase_notice": "Price-increase notice window",
    "termination_notice": "Termination-for-convenience notice",
    "audit_notice": "Audit notice period",
}
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    """One deadline of one contract, with the clause text and page it was read from."""

    file: str
    kind: str
    date: date | None
    message: str
    clause_type: str | None
    page: int | None
    clause_text: str
    score: float
    uid: str

    @property
    def title(self) -> str:
        """One line for a calendar: what is due and for which contract (no control
        characters, at most 160 characters, whatever the file name holds)."""
        label = KIND_LABELS.get(self.kind, self.kind.replace("_", " ").capitalize())
        return one_line(f"{label}: {Path(self.file).name}", 160)

    def row(self) -> dict[str, object]:
        return {
            "date": self.date,
            "kind": self.kind,
            "file": self.file,
            "clause_type": self.clause_type,
            "message": self.message,
            "page": self.page,
            "clause_text": self.clause_text,
            "score": self.score,
            "uid": self.uid,
        }


def one_line(text: str, limit: int) -> str:
    """`text` without control characters or line breaks, cut to `limit` characters."""
    return shorten(_CONTROL.sub(" ", text), limit)


def _uid(result: ContractResult, kind: str, day: date | None, message: str) -> str:
    """The same contract (by its bytes, else its path) and deadline give the same UID in
    every export; a deadline on another day is another event."""
    who = result.sha256 or os.path.abspath(result.file)
    what = day.isoformat() if day else message
    digest = hashlib.sha256(f"{who}|{kind}|{what}".encode()).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


def _entry(result: ContractResult, deadline: Deadline) -> CalendarEntry:
    clauses = [result.clauses[i] for i in deadline.evidence if i < len(result.clauses)]
    text = " ".join(clauses[0].text.split()) if clauses else ""
    page = deadline.page or (clauses[0].page if clauses else None)
    return CalendarEntry(
        file=result.file,
        kind=deadline.kind,
        date=deadline.day,
        message=deadline.message,
        clause_type=deadline.clause_type,
        page=page,
        clause_text=text,
        score=deadline.score,
        uid=_uid(result, deadline.kind, deadline.day, deadline.message),
    )


def calendar_entries(
    results: Iterable[ContractResult],
    as_of: date | None = None,
    within: int | None = None,
    checks: bool = True,
) -> list[CalendarEntry]:
    """The portfolio's deadlines from `as_of` (today when None) on, within `within` days
    when given, sorted by date; the next notice of non-renewal of each auto-renewing
    contract is added when the stored ones have passed. `checks` keeps the deadlines that
    have no date (what to check), after the dated ones."""
    day = as_of or date.today()
    last = day + timedelta(days=within) if within is not None else None
    entries: dict[str, CalendarEntry] = {}
    for result in results:
        if not result.ok:
            continue
        deadlines = list(result.deadlines)
        if result.dates is not None and (due := next_notice(result.dates, day)) is not None:
            notify_by, _end, how = due
            template = next(
                (d for d in deadlines if d.kind == "notice_of_non_renewal" and d.date), None
            )
            if template is not None:
                deadlines.append(
                    Deadline(
                        "notice_of_non_renewal",
                        notify_by.isoformat(),
                        how,
                        template.clause_type,
                        template.evidence,
                        template.page,
                        template.score,
                    )
                )
        for deadline in deadlines:
            when = deadline.day
            if when is None and not checks:
                continue
            if when is not None and (when < day or (last is not None and when > last)):
                continue
            entry = _entry(result, deadline)
            entries.setdefault(entry.uid, entry)
    return sorted(entries.values(), key=lambda e: (e.date is None, e.date or day, e.file, e.kind))


# ---------------------------------------------------------------------------- files


def write_calendar(
    entries: list[CalendarEntry], out: str | os.PathLike[str], alarm_days: int = ALARM_DAYS
) -> Path:
    """Write `entries` to `out` by its suffix: .ics, .csv or .xlsx (ValueError otherwise);
    the file appears whole or not at all."""
    path = Path(out)
    suffix = path.suffix.lower()
    writers = {".ics": _ics_bytes, ".csv": _csv_bytes, ".xlsx": _xlsx_bytes}
    if suffix not in FORMATS:
        raise ValueError(f"unknown calendar format {suffix or '(none)'}: use .ics, .csv or .xlsx")
    data = writers[suffix](entries, alarm_days)
    with atomic_path(path) as temporary:
        temporary.write_bytes(data)
    return path


def _description(entry: CalendarEntry) -> str:
    where = f"p.{entry.page}" if entry.page else "text"
    lines = [entry.message, "", f"Contract: {entry.file}", f"Clause ({where}): {entry.clause_text}"]
    return "\n".join(lines)


def _ics_bytes(entries: list[CalendarEntry], alarm_days: int) -> bytes:
    from icalendar import Alarm, Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//contractkit//contract calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Contract deadlines")
    stamp = datetime.now(timezone.utc).replace(microsecond=0)
    for entry in entries:
        if entry.date is None:
            continue
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.date)
        event.add("dtend", entry.date + timedelta(days=1))
        event.add("summary", entry.title)
        event.add("description", _description(entry))
        event.add("categories", [entry.kind])
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", entry.title)
        alarm.add("trigger", timedelta(days=-alarm_days))
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return safe_cell(value)


def _csv_bytes(entries: list[CalendarEntry], _alarm_days: int) -> bytes:
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow(CALENDAR_COLUMNS)
    for entry in entries:
        row = entry.row()
        writer.writerow([_text(row[c]) for c in CALENDAR_COLUMNS])
    return buffer.getvalue().encode("utf-8")


def _xlsx_bytes(entries: list[CalendarEntry], _alarm_days: int) -> bytes:
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "deadlines"
    sheet.append(CALENDAR_COLUMNS)
    for entry in entries:
        row = entry.row()
        cells: list[object] = []
        for column in CALENDAR_COLUMNS:
            value = row[column]
            keep = value is None or isinstance(value, date | int | float)
            cells.append(value if keep else safe_cell(value))
        sheet.append(cells)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for (cell,) in sheet.iter_rows(min_row=2, min_col=1, max_col=1):
        cell.number_format = "yyyy-mm-dd"
    sheet.auto_filter.ref = sheet.dimensions
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def format_table(entries: list[CalendarEntry], width: int = 180) -> str:
    """The deadlines as a terminal table: date, kind, contract, page, what to do."""
    lines = [f"{'date':<10}  {'kind':<22}  {'contract':<28}  {'page':>4}  what"]
    for entry in entries:
        when = entry.date.isoformat() if entry.date else "check"
        name = one_line(Path(entry.file).name, 28)
        page = str(entry.page or "")
        room = max(20, width - 72)
        lines.append(
            f"{when:<10}  {entry.kind:<22}  {name:<28}  {page:>4}  {one_line(entry.message, room)}"
        )
    return "\n".join(lines)
