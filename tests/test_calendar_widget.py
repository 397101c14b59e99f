"""The renewal calendar panel, driven as a reader drives it (set `.value`, `.click()`),
without a browser: the sample contracts on a fixed day, and a hostile text contract.

The issue's "three interfaces show the same deadlines": the panel's table, the
`contractkit calendar` command and the scan JSON (`contractkit scan --format jsonl`,
`ScanResults.deadlines`) list the same deadlines for the samples on the same day."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pytest
from conftest import SAMPLES
from icalendar import Calendar
from openpyxl import load_workbook
from PIL import Image

import contractkit
from contractkit.calendar import CalendarEntry
from contractkit.render import render_page
from contractkit.result import ScanResults
from contractkit.widgets import RenewalCalendar, triage_app
from contractkit.widgets.calendar import EXPORT_STEM, timeline_png
from contractkit.widgets.markup import escape

AS_OF = date(2025, 10, 1)  # the SaaS notice of non-renewal is due in 46 days
SAAS = "saas_subscription.pdf"
HARDWARE = "hardware_framework_purchase.pdf"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SLACK = 3  # pixels around a box: the 2-pixel stroke straddles its edge


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("store") / "results.sqlite"


@pytest.fixture(scope="module")
def samples(store: Path) -> ScanResults:
    """Every sample contract, scanned once into a store the commands below read back."""
    return contractkit.scan([SAMPLES], as_of=AS_OF, cache=store)


@pytest.fixture
def calendar(samples: ScanResults) -> RenewalCalendar:
    return RenewalCalendar(samples, as_of=AS_OF)


def rows(calendar: RenewalCalendar) -> list[tuple[str, str, str]]:
    """(kind, date or '', file) of each row of the table, in its order."""
    view = calendar.view
    return [
        (kind, day.isoformat() if day else "", file)
        for kind, day, file in zip(view["kind"], view["date"], view["file"], strict=True)
    ]


def run_cli(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "contractkit", *args],
        capture_output=True,
        text=True,
        timeout=900,
        check=True,
    )
    return done.stdout


def table_rows(calendar: RenewalCalendar) -> int:
    body = calendar.table.value.split("<tbody>")[-1]
    return body.count("<tr")


# -- the same deadlines everywhere --------------------------------------------------------


def test_the_table_lists_the_deadlines_of_the_command_and_the_scan_json(
    calendar, samples, store, tmp_path
):
    shown = rows(calendar)
    dated = [r for r in shown if r[1]]
    assert dated[:3] == [
        ("price_increase_notice", "2025-10-17", str(SAMPLES / SAAS)),
        ("notice_of_non_renewal", "2025-11-16", str(SAMPLES / SAAS)),
        ("renewal", "2026-01-15", str(SAMPLES / SAAS)),
    ]
    assert ("notice_of_non_renewal", "2026-12-04", str(SAMPLES / HARDWARE)) in dated
    assert len(dated) == 7 and len(shown) > len(dated)  # and deadlines to check, after them
    assert table_rows(calendar) == len(shown)

    # the command: the same rows in the same order
    csv_file = tmp_path / "deadlines.csv"
    as_of = ["--as-of", AS_OF.isoformat(), "--cache", str(store)]
    run_cli("calendar", str(SAMPLES), *as_of, "--out", str(csv_file))
    with csv_file.open(newline="", encoding="utf-8") as handle:
        command = [(r["kind"], r["date"], r["file"]) for r in csv.DictReader(handle)]
    assert command == shown

    # the scan JSON: each contract's deadlines from the day on (or to check)
    lines = run_cli("scan", str(SAMPLES), "--format", "jsonl", "--cache", str(store))
    from_json = [
        (d["kind"], d["date"] or "", result["file"])
        for result in map(json.loads, lines.splitlines())
        for d in result.get("deadlines", [])
        if d["date"] is None or d["date"] >= AS_OF.isoformat()
    ]
    assert Counter(from_json) == Counter(shown)

    # and the DataFrame
    frame = samples.deadlines
    from_frame = [
        (kind, day.isoformat() if day else "", file)
        for kind, day, file in zip(frame["kind"], frame["date"], frame["file"], strict=True)
        if day is None or day >= AS_OF
    ]
    assert Counter(from_frame) == Counter(shown)


def test_a_later_day_rolls_the_notices_forward(calendar):
    calendar.as_of.value = date(2026, 10, 1)
    dated = [r[:2] for r in rows(calendar) if r[1]]
    assert dated[0] == ("notice_of_non_renewal", "2026-11-16")
    assert all(day >= "2026-10-01" for _, day in dated)
    assert calendar.view["days"].iloc[0] == 46
    assert "from 2026-10-01" in calendar.status.value


# -- filters ---------------------------------------------------------------------------------


def test_the_filters_narrow_the_table_and_the_chart(calendar):
    everything, chart = rows(calendar), bytes(calendar.chart.value)
    assert chart.startswith(PNG_SIGNATURE)

    calendar.horizon.value = 90
    assert [r[:2] for r in rows(calendar) if r[1]] == [
        ("price_increase_notice", "2025-10-17"),
        ("notice_of_non_renewal", "2025-11-16"),
    ]
    assert bytes(calendar.chart.value) != chart
    calendar.checks.value = False
    assert len(rows(calendar)) == table_rows(calendar) == 2
    calendar.horizon.value = 0

    calendar.counterparty.value = "Halvorsen Technik GmbH"
    assert {Path(f).name for _, _, f in rows(calendar)} == {HARDWARE}
    assert len(rows(calendar)) == table_rows(calendar) == 3
    calendar.counterparty.value = "*"

    calendar.contract_type.value = "saas"
    assert {Path(f).name for _, _, f in rows(calendar)} == {SAAS}
    calendar.contract_type.value = "*"

    calendar.kind.value = "renewal"
    assert [(r[1], Path(r[2]).name) for r in rows(calendar)] == [
        ("2026-01-15", SAAS),
        ("2027-03-04", HARDWARE),
    ]
    calendar.kind.value = "*"
    calendar.checks.value = True
    assert rows(calendar) == everything

    calendar.sort_by.value = "file"
    names = [Path(f).name for _, _, f in rows(calendar)]
    assert names == sorted(names)
    calendar.descending.value = True
    assert [Path(f).name for _, _, f in rows(calendar)] == sorted(names, reverse=True)


def test_contracts_without_a_counterparty_are_a_filter_of_their_own(calendar):
    calendar.counterparty.value = ""  # (not named): the CUAD contracts
    assert rows(calendar) and all("/cuad/" in f for _, _, f in rows(calendar))


def test_a_filter_that_matches_nothing_says_so(calendar):
    calendar.counterparty.value = "Halvorsen Technik GmbH"
    calendar.kind.value = "audit_notice"
    assert calendar.view.empty and calendar.deadlines.value is None
    assert "No deadline matches" in calendar.table.value
    assert calendar.page.layout.display == "none" and calendar.clause_text.value == ""
    assert bytes(calendar.chart.value).startswith(PNG_SIGNATURE)


# -- a deadline's clause on its page -----------------------------------------------------------


def red(rgb: np.ndarray) -> np.ndarray:
    """pdfplumber's default stroke: red over the page."""
    return (rgb[..., 0] > 180) & (rgb[..., 1] < 120) & (rgb[..., 2] < 120)


def test_choosing_a_deadline_shows_its_clause_boxed_on_its_page(calendar):
    entry = calendar.select(SAAS, "notice_of_non_renewal")
    assert entry.date == date(2025, 11, 16)
    clause = calendar.current_clause
    assert "notice of non-renewal at least sixty (60) days" in clause.text
    assert escape(" ".join(clause.text.split())) in calendar.clause_text.value
    assert "Last day to give notice of non-renewal" in calendar.clause_text.value

    shown = np.asarray(Image.open(io.BytesIO(calendar.page.value)).convert("RGB")).astype(int)
    plain = np.asarray(render_page(entry.file, clause.page).original.convert("RGB")).astype(int)
    assert shown.shape == plain.shape and calendar.page.layout.display is None
    changed = (shown != plain).any(axis=2)
    assert (changed & red(shown)).sum() > 500, "the clause is boxed"
    boxes = [b.bbox for b in clause.boxes if b.page == clause.page]  # 72 dpi: 1 px a point
    ys, xs = np.nonzero(changed)
    inside = np.zeros(len(xs), dtype=bool)
    for x0, top, x1, bottom in boxes:
        inside |= (
            (xs >= x0 - SLACK) & (xs <= x1 + SLACK) & (ys >= top - SLACK) & (ys <= bottom + SLACK)
        )
    assert inside.all(), "nothing is drawn outside the clause's boxes"

    saas_page = bytes(calendar.page.value)
    calendar.select(HARDWARE, "notice_of_non_renewal")
    assert "three (3) months before the end" in calendar.current_clause.text
    assert bytes(calendar.page.value) != saas_page  # another contract's page 3

    calendar.select("software_license_audit.docx")  # a Word file has no pages
    assert calendar.page.layout.display == "none" and bytes(calendar.page.value) == b""
    assert "no page (text or Word file)" in calendar.clause_text.value


def test_the_deadline_picked_stays_picked_when_a_filter_keeps_it(calendar):
    calendar.select(HARDWARE, "renewal")
    calendar.counterparty.value = "Halvorsen Technik GmbH"
    assert calendar.current_deadline.kind == "renewal"
    assert calendar.current_deadline.file.endswith(HARDWARE)
    calendar.kind.value = "notice_of_non_renewal"  # filtered out: the first row instead
    assert calendar.current_deadline.kind == "notice_of_non_renewal"


# -- hostile text ---------------------------------------------------------------------------

MATH_NAME = r"renewal $\frac{1}$ a$x^$b <img src=x onerror=alert(2)>.txt"
SCRIPT = "<script>alert(1)</script>"
HOSTILE_TERMS = f"""SERVICES AGREEMENT

This Services Agreement is entered into as of 1 March 2024 (the "Effective Date") between \
Acme Hosting Ltd ("Supplier") and Buyer plc ("Customer").

1. Term. The initial term of this Agreement is two (2) years from the Effective Date. \
Thereafter the Agreement renews automatically for successive periods of one (1) year unless \
either party gives notice of non-renewal at least sixty (60) days before the end of the \
then-current term. {SCRIPT} $\\frac{{1}}$ costs $5 and $6.

2. Governing Law. This Agreement is governed by the laws of Ohio.
"""


def write_hostile_renewal(folder: Path) -> Path:
    """A text contract that renews (dated deadlines) with markup and TeX in its name and
    its renewal clause (also served by the dashboard's browser test)."""
    path = folder / MATH_NAME
    path.write_text(HOSTILE_TERMS, encoding="utf-8")
    return path


def test_hostile_names_and_clause_text_stay_text_and_never_become_mathtext(tmp_path):
    path = write_hostile_renewal(tmp_path)
    result = contractkit.analyze(path, as_of=AS_OF)
    calendar = RenewalCalendar([result], as_of=AS_OF)
    assert [r[:2] for r in rows(calendar)] == [
        ("notice_of_non_renewal", "2025-12-31"),
        ("renewal", "2026-03-01"),
        ("notice_of_non_renewal", "2026-12-31"),
    ]
    assert bytes(calendar.chart.value).startswith(PNG_SIGNATURE)  # drawn, not raised
    for markup in (calendar.table.value, calendar.clause_text.value):
        assert "<img" not in markup and "<script" not in markup
    assert escape(MATH_NAME) in calendar.table.value
    assert escape(SCRIPT) in calendar.clause_text.value
    assert r"$\frac{1}$" in calendar.clause_text.value  # as written, for the page to show


def test_the_timeline_draws_names_that_mathtext_would_refuse():
    from matplotlib.figure import Figure

    names = [r"$\frac{1}$.pdf", r"a$x^$b.pdf", "$$.pdf", r"\$5 $ \\ {}.pdf", "\x1b[2J\udcff.pdf"]
    with pytest.raises(ValueError):  # what a tick label would do with the first one
        figure = Figure()
        figure.add_subplot().set_yticks([0], names[:1])
        figure.savefig(io.BytesIO(), format="png")
    entries = [
        CalendarEntry(name, "renewal", date(2026, 1, i + 1), "m", None, 1, "", 0.5, f"u{i}")
        for i, name in enumerate(names)
    ]
    assert timeline_png(entries, AS_OF, 90).startswith(PNG_SIGNATURE)
    assert timeline_png([], AS_OF).startswith(PNG_SIGNATURE)  # nothing dated: still a chart


def test_a_name_that_is_not_utf8_or_holds_controls_is_shown_escaped(tmp_path):
    raw = os.fsencode(tmp_path) + b"/renewal \xff\x1b[2J.txt"  # not UTF-8, a terminal escape
    with open(raw, "w", encoding="utf-8") as handle:
        handle.write(HOSTILE_TERMS)
    result = contractkit.analyze(os.fsdecode(raw), as_of=AS_OF)
    calendar = RenewalCalendar([result], as_of=AS_OF)
    assert len(calendar.view) == 3
    shown = [calendar.table.value, calendar.clause_text.value]
    shown += [label for label, _ in calendar.deadlines.options]
    for text in shown:  # what the page receives: UTF-8, no escape sequence
        text.encode("utf-8")
        assert "\x1b" not in text
    assert "renewal \\xff\\x1b[2J.txt" in calendar.table.value  # the bytes, as escapes
    assert bytes(calendar.chart.value).startswith(PNG_SIGNATURE)


# -- export --------------------------------------------------------------------------------


def test_export_writes_what_the_table_shows_into_the_export_folder_only(
    samples, tmp_path, monkeypatch
):
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    folder = tmp_path / "exports"
    calendar = RenewalCalendar(samples, as_of=AS_OF, export_folder=folder)
    calendar.horizon.value = 365
    shown = [r for r in rows(calendar) if r[1]]

    calendar.export_ics.click()
    ics = folder / f"{EXPORT_STEM}.ics"
    events = list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    assert [e.decoded("DTSTART").isoformat() for e in events] == [day for _, day, _ in shown]
    assert {str(e["SUMMARY"]).split(": ")[-1] for e in events} == {SAAS}
    assert calendar.status.value == f"exported {len(shown)} events to {EXPORT_STEM}.ics"

    calendar.export_xlsx.click()
    sheet = load_workbook(folder / f"{EXPORT_STEM}.xlsx")["deadlines"]
    assert sheet.max_row - 1 == len(calendar.view)  # every row, those to check included

    assert sorted(p.name for p in folder.iterdir()) == [f"{EXPORT_STEM}.ics", f"{EXPORT_STEM}.xlsx"]
    assert list(cwd.iterdir()) == []  # nothing beside the kernel's working folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cwd", "exports"]
    # the folder is set in code: the page offers no box to type a server path into
    assert not [w for w in _descendants(calendar) if isinstance(w, widgets.Text)]
    # and no Label, whose `$...$` ipywidgets 8 would typeset: the status line is escaped HTML
    assert not [w for w in _descendants(calendar) if isinstance(w, widgets.Label)]


def test_an_export_that_cannot_be_written_is_reported_on_the_page(samples, tmp_path):
    blocked = tmp_path / "a file"
    blocked.write_text("")
    calendar = RenewalCalendar(samples, as_of=AS_OF, export_folder=blocked)
    calendar.export_ics.click()  # no exception escapes the button
    assert calendar.status.value.startswith("could not export")
    with pytest.raises(ValueError, match="unknown calendar format"):
        calendar.export(".exe")


def _descendants(widget: widgets.Widget) -> list[widgets.Widget]:
    found = [widget]
    for child in getattr(widget, "children", ()):
        found += _descendants(child)
    return found


# -- in the app ----------------------------------------------------------------------------


def test_the_app_shows_the_calendar_of_what_triage_scans_on_its_day(store, tmp_path):
    folder = tmp_path / "portfolio"
    folder.mkdir()
    for name in (SAAS, HARDWARE):
        shutil.copy(SAMPLES / name, folder / name)
    tabs, triage, explorer, _, calendar = triage_app(
        folder, cache=store, as_of=AS_OF, export_folder=tmp_path / "exports"
    )
    assert tabs.titles[-1] == "Renewal calendar" and tabs.children[-1] is calendar
    assert calendar.results == triage.results and calendar.pages is explorer.pages
    assert calendar.day == AS_OF
    assert calendar.export_folder == triage.export_folder == tmp_path / "exports"
    assert [(r[0], r[1], Path(r[2]).name) for r in rows(calendar)][:2] == [
        ("price_increase_notice", "2025-10-17", SAAS),
        ("notice_of_non_renewal", "2025-11-16", SAAS),
    ]
    # triage's findings are judged on the same day: the SaaS notice is due in 46 days
    saas = next(r for r in triage.results if r.file.endswith(SAAS))
    assert any(
        f.message.startswith("Auto-renewal: notice of non-renewal is due by 2025-11-16")
        for f in saas.findings
    )
    table = triage.view.set_index(triage.view["file"].map(lambda f: Path(f).name))
    assert table.loc[SAAS, "high_findings"] >= 1
    assert repr(calendar) == (
        "RenewalCalendar(2 contracts, as_of='2025-10-01', 7 deadlines and 3 to check shown)"
    )
