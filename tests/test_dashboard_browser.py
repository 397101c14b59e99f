"""The Voilà dashboard in a real browser (Debian's Chromium driven by Playwright).

Voilà serves `notebooks/dashboard.ipynb` over a small portfolio (three sample PDFs, the
hostile text contract and a hostile contract that renews) on a free port of 127.0.0.1, its
deadlines counted from AS_OF and the calendar's exports going to a temporary folder. Skips
when /usr/bin/chromium is missing, unless CONTRACTKIT_REQUIRE_BROWSER=1 (set by .ci/run),
which makes that a failure.
CONTRACTKIT_SCREENSHOTS=DIR saves the screenshots there (`make screenshots`)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES
from hostile import HOSTILE_NAME, IMG_PAYLOAD, SCRIPT_PAYLOAD, write_hostile_contract
from test_calendar_widget import MATH_NAME, write_hostile_renewal

CHROMIUM = Path("/usr/bin/chromium")
# Without the networking flags Chromium keeps calling Google services on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
DASHBOARD = ROOT / "notebooks" / "dashboard.ipynb"
SERVER_START_LIMIT = 120  # seconds: Voilà, a kernel and the imports on a busy 2-core machine
RENDER_LIMIT_MS = 180_000  # the page appears once the folder is scanned
AS_OF = "2025-10-01"  # the SaaS sample's notice of non-renewal is due in 46 days


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is missing (Debian: apt-get install chromium)"
    if os.environ.get("CONTRACTKIT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"CONTRACTKIT_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_server(port: int, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_LIMIT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"voila exited with {server.returncode}:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"voila did not listen on port {port}:\n{log.read_text()}")


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the dashboard's calendar writes its exports."""
    return tmp_path_factory.mktemp("exports")


@pytest.fixture(scope="module")
def dashboard_url(tmp_path_factory: pytest.TempPathFactory, exports: Path) -> Iterator[str]:
    _require_chromium()
    folder = tmp_path_factory.mktemp("portfolio")
    for name in ("managed_services.pdf", "poor_supplier_terms.pdf", "saas_subscription.pdf"):
        shutil.copy(SAMPLES / name, folder / name)
    write_hostile_contract(folder)
    write_hostile_renewal(folder)
    port, log = _free_port(), folder.parent / "voila.log"
    with open(log, "w") as log_file:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "voila",
                str(DASHBOARD),
                "--no-browser",
                f"--port={port}",
                "--Voila.ip=127.0.0.1",
                "--show_tracebacks=True",
            ],
            cwd=DASHBOARD.parent,
            env={
                **os.environ,
                "CONTRACTKIT_DASHBOARD_FOLDER": str(folder),
                "CONTRACTKIT_DASHBOARD_AS_OF": AS_OF,
                "CONTRACTKIT_DASHBOARD_EXPORTS": str(exports),
            },
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for_server(port, server, log)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture
def page(dashboard_url: str, tmp_path: Path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1500, "height": 1100})
            page.dialogs = []
            page.on(
                "dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss())
            )
            page.goto(dashboard_url, timeout=RENDER_LIMIT_MS)
            yield page
        finally:
            browser.close()


def _screenshot(page, tmp_path: Path, name: str) -> None:
    folder = Path(os.environ.get("CONTRACTKIT_SCREENSHOTS") or tmp_path)
    page.screenshot(path=str(folder / name), full_page=True)


def _pick(select, starting_with: str) -> None:
    """Choose the first option whose label starts so (ipywidgets shows spaces as nbsp, so
    labels are matched by prefix and chosen by index); waits until the option exists."""
    from playwright.sync_api import expect

    option = select.locator("option").filter(has_text=re.compile("^" + re.escape(starting_with)))
    expect(option.first).to_be_attached()
    select.select_option(index=option.first.evaluate("option => option.index"))


def test_picking_contracts_changes_the_page_and_the_checklist_and_hostile_text_stays_text(
    page, tmp_path
):
    from playwright.sync_api import expect

    table = page.locator(".contractkit-triage-table table")
    expect(table).to_be_visible(timeout=RENDER_LIMIT_MS)  # scanned and rendered
    expect(table).to_contain_text(HOSTILE_NAME)  # the file name's markup shown as text
    _screenshot(page, tmp_path, "dashboard_triage.png")

    page.get_by_role("tab", name="Contract explorer").click()
    explorer = page.locator(".contractkit-explorer")
    contract = explorer.get_by_label("Contract", exact=True)
    clause = explorer.get_by_label("Clause", exact=True)
    picture = page.locator("img.contractkit-page")
    expect(picture).to_be_hidden()  # the first contract is the hostile text contract
    _pick(contract, "managed_services.pdf")
    expect(picture).to_be_visible()
    first_clause_src = picture.get_attribute("src")
    _pick(clause, "sla")
    expect(picture).not_to_have_attribute("src", first_clause_src)
    managed_src = picture.get_attribute("src")
    _screenshot(page, tmp_path, "dashboard_explorer.png")
    _pick(contract, "poor_supplier_terms.pdf")
    expect(picture).not_to_have_attribute("src", managed_src)

    # the checklist follows the contract picked in the explorer
    page.get_by_role("tab", name="Checklist").click()
    summary = page.locator(".contractkit-checklist-summary")
    checklist = page.locator(".contractkit-checklist")
    expect(summary).to_contain_text("hardware_purchase")
    expect(checklist.locator("button.mod-danger").first).to_contain_text("Quality warranty")
    expect(page.locator(".contractkit-cost-total")).to_contain_text("EUR 24,000")
    checklist.get_by_role("button", name=re.compile("Limitation of liability")).click()
    evidence_picture = page.locator("img.contractkit-checklist-page")
    expect(evidence_picture).to_be_visible()  # the clause boxed on its page
    _screenshot(page, tmp_path, "dashboard_checklist.png")
    page.get_by_role("tab", name="Contract explorer").click()
    _pick(contract, "managed_services.pdf")
    page.get_by_role("tab", name="Checklist").click()
    expect(summary).to_contain_text("managed_services")
    # its services warranty and support terms leave no gap with a cost line
    expect(page.locator(".contractkit-cost-total")).to_contain_text("EUR 0 ")
    page.get_by_role("tab", name="Contract explorer").click()

    _pick(contract, "hostile")
    expect(picture).to_be_hidden()  # a text contract has no page: the kernel has switched
    _pick(clause, "governing_law")
    clause_text = page.locator(".contractkit-clause-text")
    expect(clause_text).to_contain_text(SCRIPT_PAYLOAD)
    expect(clause_text).to_contain_text(IMG_PAYLOAD)
    page.get_by_role("tab", name="Checklist").click()
    checklist.get_by_role("button", name=re.compile("Governing law")).click()
    evidence = page.locator(".contractkit-checklist-evidence")
    expect(evidence).to_contain_text(SCRIPT_PAYLOAD)  # shown as text, in the checklist too
    expect(evidence).to_contain_text(IMG_PAYLOAD)
    assert page.locator('img[src="x"]').count() == 0
    assert clause_text.locator("script").count() == 0
    assert evidence.locator("script").count() == 0
    page.wait_for_load_state("networkidle")  # a failed <img src=x> would have fired by now
    assert page.dialogs == []


def test_the_calendar_tab_lists_the_deadlines_with_each_clause_on_its_page(page, tmp_path, exports):
    from icalendar import Calendar
    from playwright.sync_api import expect

    expect(page.locator(".contractkit-triage-table table")).to_be_visible(timeout=RENDER_LIMIT_MS)
    page.get_by_role("tab", name="Renewal calendar").click()
    calendar = page.locator(".contractkit-calendar")
    rows = page.locator(".contractkit-calendar-table table tbody tr")
    expect(rows).to_have_count(11)  # 7 dated deadlines from AS_OF, then 4 to check
    expect(rows.nth(0)).to_contain_text("2025-10-17")
    expect(rows.nth(1)).to_contain_text("2025-11-16")
    expect(rows.nth(1)).to_contain_text("Last day to give notice of non-renewal")
    expect(rows.nth(2)).to_contain_text(MATH_NAME)  # as text: no markup, no typeset TeX
    expect(rows.nth(7)).to_contain_text("check")
    expect(page.locator("img.contractkit-calendar-chart")).to_be_visible()

    picture = page.locator("img.contractkit-calendar-page")
    clause = page.locator(".contractkit-calendar-clause")
    expect(picture).to_be_visible()  # the first deadline's clause on its page
    expect(clause).to_contain_text("Price Adjustment")
    first_src = picture.get_attribute("src")
    deadline = calendar.get_by_label("Deadline", exact=True)
    _pick(deadline, "2025-11-16")
    expect(clause).to_contain_text("notice of non-renewal at least sixty (60) days")
    expect(picture).not_to_have_attribute("src", first_src)  # the same page, another box
    _screenshot(page, tmp_path, "dashboard_calendar.png")
    _pick(deadline, "2025-12-31")  # the hostile contract: a text file has no page
    expect(picture).to_be_hidden()
    expect(clause).to_contain_text(SCRIPT_PAYLOAD)
    assert clause.locator("script").count() == 0

    _pick(calendar.get_by_label("Within", exact=True), "90")
    expect(rows).to_have_count(6)  # 2 dated deadlines within 90 days, 4 to check
    calendar.get_by_role("button", name="Export .ics").click()
    expect(calendar).to_contain_text("exported 2 events to contract_deadlines.ics")
    ics = exports / "contract_deadlines.ics"
    events = list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    assert [e.decoded("DTSTART").isoformat() for e in events] == ["2025-10-17", "2025-11-16"]
    assert sorted(p.name for p in exports.iterdir()) == ["contract_deadlines.ics"]
    assert page.locator('img[src="x"]').count() == 0
    assert page.dialogs == []
