"""The notebook widgets, driven as a reader drives them (set `.value`, `.click()`), without a
browser: a small portfolio of real sample PDFs, a scan with nothing to read and a hostile
text contract."""

from __future__ import annotations

import dataclasses
import html
import re
import shutil
import sqlite3
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from bad_files import blank_scan_pdf
from conftest import SAMPLES
from hostile import (
    FORMULA_PAYLOAD,
    HOSTILE_NAME,
    IMG_PAYLOAD,
    write_hostile_contract,
    write_hostile_licence,
)

import contractkit
from contractkit.result import ScanResults
from contractkit.review import review_as
from contractkit.spreadsheet import FORMULA_PREFIXES
from contractkit.store import ResultStore, default_store_path
from contractkit.widgets import (
    ContractExplorer,
    LicenceAuditPanel,
    MissingClauseChecklist,
    PortfolioTriage,
    triage_app,
)
from contractkit.widgets.audit import factors_frame
from contractkit.widgets.heatmap import CHECK, MISSING, PRESENT, WEAK, presence_matrix
from contractkit.widgets.markup import escape

PDFS = ["managed_services.pdf", "poor_supplier_terms.pdf"]
SCAN = "scanned_blank_page.pdf"  # OCR finds no words: the contract with an error
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("portfolio")
    for name in PDFS:
        shutil.copy(SAMPLES / name, folder / name)
    (folder / SCAN).write_bytes(blank_scan_pdf())
    write_hostile_contract(folder)
    return folder


@pytest.fixture(scope="module")
def results(folder: Path) -> ScanResults:
    return contractkit.scan([folder])


def png(image_widget) -> bytes:
    """The picture an `ipywidgets.Image` holds (its value is a memoryview)."""
    return bytes(image_widget.value)


def result_named(results: ScanResults, name: str):
    return next(r for r in results if r.file.endswith(name))


# -- portfolio triage -------------------------------------------------------------------


def test_the_scan_button_scans_the_folder_and_fills_the_progress_bar(folder):
    triage = PortfolioTriage(folder=folder)
    triage.scan_button.click()
    assert triage.progress.value == triage.progress.max == 4
    assert [Path(r.file).name for r in triage.results] == sorted([*PDFS, SCAN, HOSTILE_NAME])
    assert triage.status.value == "4 files scanned, 1 errors"


def test_a_second_scan_of_an_unchanged_folder_reads_the_result_store(folder, tmp_path):
    store = tmp_path / "results.sqlite"
    PortfolioTriage(folder=folder, cache=store).scan()
    with sqlite3.connect(store) as db:  # mark the stored rows to see that they are read back
        marked = db.execute(
            "UPDATE results SET result = json_set(result, '$.warnings', json('[\"stored\"]'))"
        ).rowcount
    assert marked == 4  # the scan without words is an error about the file itself: kept
    triage = PortfolioTriage(folder=folder, cache=store)
    triage.scan()
    assert [r.warnings for r in triage.results] == [["stored"]] * 4
    assert triage.progress.value == triage.progress.max == 4


def test_the_triage_keeps_results_in_the_default_store_unless_told_not_to(
    folder, tmp_path, monkeypatch
):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    PortfolioTriage(folder=folder, cache=False).scan()
    assert not default_store_path().exists()
    PortfolioTriage(folder=folder).scan()
    assert default_store_path() == tmp_path / "contractkit" / "results.sqlite"
    with ResultStore(default_store_path()) as store:
        assert len(store) == 4


def test_contractkit_store_moves_the_default_store(folder, tmp_path, monkeypatch):
    """What `make test` relies on to keep notebook 04 and the dashboard out of the user's
    store: CONTRACTKIT_STORE names the default store file."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("CONTRACTKIT_STORE", str(tmp_path / "elsewhere.sqlite"))
    PortfolioTriage(folder=folder).scan()
    assert not (tmp_path / "cache").exists()
    with ResultStore(tmp_path / "elsewhere.sqlite") as store:
        assert len(store) == 4


def test_the_table_lists_every_contract_with_its_counterparty_type_and_risk(results):
    triage = PortfolioTriage(results)
    view = triage.view
    # every column of the view is in the table the reader sees and can be sorted by
    assert list(triage.sort_by.options) == list(view.columns)
    header = triage.table.value.split("</thead>")[0]
    assert all(f">{column}<" in header for column in view.columns), header
    assert len(view) == 4
    scanned = view[view["file"].str.endswith(SCAN)].iloc[0]
    assert scanned["error"] == "no_text_layer" and scanned["clauses"] == 0
    assert pd.isna(scanned["high_findings"])
    managed = view[view["file"].str.endswith("managed_services.pdf")].iloc[0]
    assert managed["clauses"] == len(result_named(results, "managed_services.pdf").clauses)
    poor = view[view["file"].str.endswith("poor_supplier_terms.pdf")].iloc[0]
    assert poor["counterparty"] == "Apex Surplus Electronics LLC"  # the "Seller"
    assert poor["contract_type"] == "hardware_purchase"
    assert poor["high_findings"] == 3  # no warranty, no returns, no data erasure
    assert pd.isna(poor["audit_score"])  # no licence granted, no audit score
    assert "managed_services.pdf" in triage.table.value


def test_licences_carry_their_audit_score_and_sort_by_risk():
    licence = contractkit.analyze(SAMPLES / "software_license_audit.pdf")
    saas = contractkit.analyze(SAMPLES / "saas_subscription.pdf")
    triage = PortfolioTriage([saas, licence])
    triage.sort_by.value = "audit_score"
    triage.descending.value = True
    view = triage.view
    assert list(view["audit_score"]) == [
        licence.license_audit["score"],
        saas.license_audit["score"],
    ]
    assert view["audit_score"][0] > view["audit_score"][1]
    assert view["counterparty"][0] == "Quorvant Software, Inc."  # the "Licensor"


def test_the_table_sorts_and_filters_as_the_controls_say(results):
    triage = PortfolioTriage(results)
    triage.sort_by.value = "clauses"
    triage.descending.value = True
    counts = list(triage.view["clauses"])
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
    triage.search.value = "SERVICES"  # case-insensitive part of a file name
    assert [Path(f).name for f in triage.view["file"]] == ["managed_services.pdf"]
    assert "poor_supplier_terms.pdf" not in triage.table.value
    triage.search.value = "apex surplus"  # part of a counterparty
    assert [Path(f).name for f in triage.view["file"]] == ["poor_supplier_terms.pdf"]
    triage.search.value = ""
    triage.contract_type.value = "managed_services"
    assert [Path(f).name for f in triage.view["file"]] == ["managed_services.pdf"]
    triage.contract_type.value = "any type"
    triage.errors_only.value = True
    assert list(triage.view["error"]) == ["no_text_layer"]


def test_the_heatmap_marks_which_contract_has_which_clause_type(results):
    matrix = presence_matrix(results)
    assert SCAN not in matrix.index  # nothing was read
    assert matrix.loc["managed_services.pdf", "sla"] == PRESENT
    assert matrix.loc["poor_supplier_terms.pdf", "sla"] == MISSING
    # present, but its delivery terms fail the hardware playbook (no delivery planning)
    assert matrix.loc["poor_supplier_terms.pdf", "delivery"] == WEAK
    assert matrix.loc["managed_services.pdf", "data_erasure"] == WEAK  # erasure too late
    assert matrix.loc[HOSTILE_NAME, "governing_law"] == PRESENT
    triage = PortfolioTriage(results)
    everything = png(triage.heatmap)
    assert everything.startswith(PNG_SIGNATURE)
    triage.search.value = "poor"
    assert png(triage.heatmap).startswith(PNG_SIGNATURE) and png(triage.heatmap) != everything


def test_export_writes_the_current_view_to_excel_with_formulas_neutralised(results, tmp_path):
    triage = PortfolioTriage(results, export_path=tmp_path / "view.xlsx")
    triage.errors_only.value = False
    triage.search.value = "hostile"
    triage.export_button.click()
    book = openpyxl.load_workbook(tmp_path / "view.xlsx")
    contracts = list(book["contracts"].values)
    assert contracts[0][:3] == ("file", "counterparty", "contract_type")
    assert [Path(row[0]).name for row in contracts[1:]] == [HOSTILE_NAME]
    clause_texts = [row[5] for row in list(book["clauses"].values)[1:]]
    assert "'" + FORMULA_PAYLOAD + " The Supplier" in " ".join(clause_texts)
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                assert not str(cell.value or "").startswith(FORMULA_PREFIXES), cell.coordinate
    assert triage.status.value.startswith("exported 1 contracts")


def many(results: ScanResults, copies: int) -> list:
    """`copies` of every result, each under a name of its own (`07-managed_services.pdf`)."""
    return [
        dataclasses.replace(r, file=str(Path(r.file).with_name(f"{k:02d}-{Path(r.file).name}")))
        for k in range(copies)
        for r in results
    ]


def table_files(triage: PortfolioTriage) -> list[str]:
    """The file column of the table as the reader sees it (names unescaped)."""
    cells = re.findall(r"<tr>\s*<td>(.*?)</td>", triage.table.value, flags=re.S)
    return [Path(html.unescape(cell)).name for cell in cells]


def test_a_small_portfolio_shows_every_contract_and_no_page_controls(results):
    triage = PortfolioTriage(results)
    assert triage.pages == 1 and triage.pager.layout.display == "none"
    assert len(table_files(triage)) == len(results) == len(triage.page_view)


def test_a_large_portfolio_is_paged_after_sorting_and_filtering_every_contract(results):
    portfolio = many(results, 6)  # 24 contracts, pages of 5
    triage = PortfolioTriage(portfolio, page_size=5)
    assert triage.pages == 5 and triage.pager.layout.display == "flex"
    assert table_files(triage) == [Path(f).name for f in triage.view["file"][:5]]
    assert triage.previous_page.disabled and not triage.next_page.disabled
    assert "contracts 1–5 of 24" in triage.page_note.value
    # the sort orders all 24, then the page shows its five of them
    triage.sort_by.value = "clauses"
    triage.descending.value = True
    counts = sorted((len(r.clauses) for r in portfolio), reverse=True)
    assert list(triage.page_view["clauses"]) == counts[:5]
    triage.next_page.click()
    assert triage.page.value == 2 and list(triage.page_view["clauses"]) == counts[5:10]
    assert table_files(triage) == [Path(f).name for f in triage.view["file"][5:10]]
    triage.page.value = 5  # the last page: the four left
    assert list(triage.page_view["clauses"]) == counts[20:]
    assert "contracts 21–24 of 24" in triage.page_note.value and triage.next_page.disabled
    triage.next_page.click()  # nothing after the last page
    assert triage.page.value == 5
    # a filter applies to every contract and starts again at the first page
    triage.search.value = "poor_supplier"
    assert triage.page.value == 1 and triage.pages == 2
    first_page = table_files(triage)
    assert len(triage.view) == 6 and len(first_page) == 5
    triage.next_page.click()
    names = {f"{k:02d}-poor_supplier_terms.pdf" for k in range(6)}
    assert len(table_files(triage)) == 1 and {*first_page, *table_files(triage)} == names
    triage.search.value = ""
    triage.errors_only.value = True  # six contracts fit on two pages; the scans only
    assert triage.pages == 2 and "contracts 1–5 of 6" in triage.page_note.value
    triage.search.value = "/00-"  # one page: the controls go away
    assert triage.pages == 1 and triage.pager.layout.display == "none"
    assert table_files(triage) == [f"00-{SCAN}"]


def test_the_heatmap_draws_the_contracts_of_the_page(results):
    portfolio = many(results, 3)  # 12 contracts, 9 readable
    triage = PortfolioTriage(portfolio, page_size=4)
    first = png(triage.heatmap)
    on_page = set(triage.page_view["file"])
    expected = presence_matrix([r for r in portfolio if r.file in on_page])
    assert len(expected) <= 4
    from contractkit.widgets.heatmap import heatmap_png

    assert first == heatmap_png(expected)
    triage.next_page.click()
    on_page = set(triage.page_view["file"])
    assert png(triage.heatmap) == heatmap_png(
        presence_matrix([r for r in portfolio if r.file in on_page])
    )


def test_the_export_holds_every_filtered_contract_not_only_the_page(results, tmp_path):
    portfolio = many(results, 6)
    triage = PortfolioTriage(portfolio, page_size=5)
    triage.search.value = "hostile"  # 6 contracts, 2 pages
    triage.sort_by.value = "file"
    target = triage.export(tmp_path / "paged.xlsx")
    book = openpyxl.load_workbook(target)
    contracts = list(book["contracts"].values)
    assert contracts[0] == tuple(triage.view.columns)
    assert [Path(row[0]).name for row in contracts[1:]] == [
        f"{k:02d}-{HOSTILE_NAME}" for k in range(6)
    ]
    assert all(isinstance(row[5], int) for row in contracts[1:])  # pages: numbers
    assert all(row[7] is None for row in contracts[1:])  # no error: an empty cell
    hostile = result_named(results, HOSTILE_NAME)
    clauses = list(book["clauses"].values)[1:]
    assert len(clauses) == 6 * len(hostile.clauses)
    assert "'" + FORMULA_PAYLOAD + " The Supplier" in " ".join(row[5] for row in clauses)
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
    assert triage.status.value.startswith("exported 6 contracts")


def test_hostile_names_are_escaped_on_every_page(results):
    triage = PortfolioTriage(many(results, 3), page_size=2)
    for page in range(1, triage.pages + 1):
        triage.page.value = page
        assert_shown_as_text(triage.table.value)
    triage.search.value = "hostile"
    triage.page.value = 2
    assert "hostile &lt;img src=x onerror=alert(2)&gt;.txt" in triage.table.value


# -- contract explorer ------------------------------------------------------------------


def test_picking_a_contract_lists_its_clauses_by_type_with_confidence(results):
    explorer = ContractExplorer(results)
    explorer.select("managed_services.pdf")
    managed = result_named(results, "managed_services.pdf")
    labels = [label for label, _ in explorer.clauses.options]
    assert len(labels) == len(managed.clauses)
    types = [label.split(" · ")[0] for label in labels]
    assert types == sorted(types)
    sla = re.compile(r"sla · 0\.\d\d · p\.1 · uptime_pct=99\.5")  # type · score · page · values
    assert any(sla.match(label) for label in labels)
    assert "<td>sla</td>" in explorer.clause_types.value  # one row per type


def test_clicking_a_clause_shows_its_page_with_the_clause_boxed_and_its_text(results):
    explorer = ContractExplorer(results)
    explorer.select("managed_services.pdf")
    by_label = dict(explorer.clauses.options)
    sla = next(v for label, v in by_label.items() if "uptime_pct=99.5" in label)
    explorer.clauses.value = sla
    first_picture = png(explorer.page)
    assert first_picture.startswith(PNG_SIGNATURE) and explorer.page.layout.display is None
    hit = explorer.current_clause
    assert hit.type == "sla" and hit.page == 1
    assert f"sla {hit.score:.2f}" in explorer.clause_text.value  # the displaCy span label
    assert "uptime_pct=99.5" in explorer.clause_text.value
    other = next(v for label, v in by_label.items() if " · p.3" in label)
    explorer.clauses.value = other
    assert png(explorer.page).startswith(PNG_SIGNATURE) and png(explorer.page) != first_picture


def test_contracts_without_pages_hide_the_picture_and_errors_say_why(results):
    explorer = ContractExplorer(results)
    explorer.select(SCAN)
    assert explorer.clauses.options == () and explorer.page.layout.display == "none"
    assert "no_text_layer" in explorer.clause_text.value
    explorer.select(HOSTILE_NAME)
    assert explorer.current_clause is not None and explorer.page.layout.display == "none"


def test_going_back_to_a_contract_reuses_its_rendered_pages(results):
    explorer = ContractExplorer(results)
    explorer.select("managed_services.pdf")
    explorer.select("poor_supplier_terms.pdf")
    rendered = len(explorer.pages)
    picture = png(explorer.page)
    explorer.select("managed_services.pdf")
    explorer.select("poor_supplier_terms.pdf")
    assert len(explorer.pages) == rendered == 2
    assert png(explorer.page) == picture


def test_the_explorer_accepts_paths_and_analyzes_them(folder):
    explorer = ContractExplorer([folder / "poor_supplier_terms.pdf"])
    assert explorer.current.file.endswith("poor_supplier_terms.pdf")
    assert explorer.current_clause is not None


# -- hostile text -------------------------------------------------------------------------


def assert_shown_as_text(markup: str) -> None:
    """No element but the widget's own: the payloads' tags arrive as `&lt;` text."""
    assert "<img" not in markup and "<script" not in markup


def test_hostile_contract_text_is_escaped_in_every_html_widget(results):
    explorer = ContractExplorer(results)
    explorer.select(HOSTILE_NAME)
    texts = []
    for _, index in explorer.clauses.options:
        explorer.clauses.value = index
        texts.append(explorer.clause_text.value)
        assert_shown_as_text(explorer.clause_text.value)
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in text for text in texts)
    assert any("&lt;img" in text for text in texts)
    assert_shown_as_text(explorer.clause_types.value)
    triage = PortfolioTriage(results)
    assert_shown_as_text(triage.table.value)
    assert "hostile &lt;img src=x onerror=alert(2)&gt;.txt" in triage.table.value
    assert IMG_PAYLOAD not in triage.table.value


# -- missing-clause checklist -------------------------------------------------------------


def test_the_checklist_marks_each_playbook_clause_present_weak_or_missing(results):
    checklist = MissingClauseChecklist(results)
    checklist.select("poor_supplier_terms.pdf")
    assert checklist.reviewed.contract_type["playbook"] == "hardware_purchase"  # auto
    states = checklist.states
    assert states["warranty"] == states["returns"] == states["data_erasure"] == MISSING
    assert states["delivery"] == WEAK  # present, but no lead time stated
    assert states["limitation_of_liability"] == PRESENT
    assert list(states)[:4] == ["limitation_of_liability", "warranty", "returns", "data_erasure"]
    button = checklist.item("warranty")
    assert button.button_style == "danger" and "(required)" in button.description
    assert checklist.item("delivery").button_style == "warning"
    assert checklist.item("limitation_of_liability").button_style == "success"


def test_clicking_an_item_shows_its_clause_on_its_page_or_what_to_ask_for(results):
    checklist = MissingClauseChecklist(results)
    checklist.select("poor_supplier_terms.pdf")
    checklist.item("limitation_of_liability").click()
    hit = checklist.reviewed.clauses[checklist.items[0].evidence[0]]
    assert hit.type in ("limitation_of_liability", "cap_on_liability", "uncapped_liability")
    assert f"<b>page</b> {hit.page}" in checklist.evidence.value
    assert hit.text.split()[0] in checklist.evidence.value
    liability_page = png(checklist.page)
    assert liability_page.startswith(PNG_SIGNATURE) and checklist.page.layout.display is None
    checklist.item("delivery").click()
    assert "lead_time_days" in checklist.evidence.value  # the weak term and its finding
    assert "Ask for a committed lead time" in checklist.evidence.value
    assert png(checklist.page).startswith(PNG_SIGNATURE)
    checklist.item("warranty").click()
    assert "No Quality warranty clause found (required)" in checklist.evidence.value
    assert checklist.page.layout.display == "none"  # nothing to point at


def test_the_checklist_shares_the_explorers_page_cache(results):
    explorer = ContractExplorer(results)
    checklist = MissingClauseChecklist(results, pages=explorer.pages)
    explorer.select("poor_supplier_terms.pdf")
    rendered = len(explorer.pages)
    checklist.select("poor_supplier_terms.pdf")
    checklist.item("limitation_of_liability").click()
    assert checklist.pages is explorer.pages and len(explorer.pages) == rendered == 1


def test_another_playbook_or_contract_type_changes_the_checklist_not_the_result(results):
    checklist = MissingClauseChecklist(results)
    checklist.select("poor_supplier_terms.pdf")
    analyzed = result_named(results, "poor_supplier_terms.pdf")
    findings_before = list(analyzed.findings)
    checklist.playbook.value = "saas"
    assert checklist.reviewed.contract_type["playbook"] == "saas"
    assert checklist.reviewed.contract_type["label"] == "hardware_purchase"  # still detected
    assert "sla" in checklist.states and "returns" not in checklist.states
    checklist.playbook.value = "auto"
    checklist.contract_type.value = "managed_services"
    assert checklist.reviewed.contract_type["playbook"] == "managed_services"
    assert checklist.reviewed.contract_type["overridden"] is True
    assert analyzed.findings == findings_before and analyzed.contract_type["playbook"] == (
        "hardware_purchase"
    )


def test_the_cost_of_gaps_is_24000_euros_at_100_devices_and_follows_the_controls(results):
    checklist = MissingClauseChecklist(results)
    checklist.select("poor_supplier_terms.pdf")
    assert checklist.devices.value == 100
    assert checklist.total_cost == 24_000  # 100 × (90 + 70 + 80): issue 4's example
    assert "EUR 24,000" in checklist.cost_total.value
    checklist.devices.value = 250
    assert checklist.total_cost == 60_000 and "EUR 60,000</b> for 250 devices" in (
        checklist.cost_total.value
    )
    checklist.per_device["no_delivery_planning"].value = 100.0
    assert checklist.total_cost == 250 * (90 + 70 + 100)
    checklist.select("managed_services.pdf")  # warranty and support stated: no cost line
    assert checklist.total_cost == 0 and "EUR 0</b>" in checklist.cost_total.value


def test_an_unreadable_contract_has_no_checklist_and_says_why(results):
    checklist = MissingClauseChecklist(results)
    checklist.select(SCAN)
    assert checklist.items == [] and checklist.checklist.children == ()
    assert "no_text_layer" in checklist.summary.value and checklist.total_cost == 0


# -- licence-audit panel -------------------------------------------------------------------

INVENTORY = SAMPLES / "inventory_example.csv"


@pytest.fixture(scope="module")
def licences() -> ScanResults:
    return contractkit.scan(
        [SAMPLES / "software_license_audit.pdf", SAMPLES / "saas_subscription.pdf"]
    )


def test_the_audit_panel_shows_the_score_and_a_chart_of_the_factors(licences):
    panel = LicenceAuditPanel(licences)
    panel.select("software_license_audit.pdf")
    audit = panel.current.license_audit
    assert f"Licence-audit risk {audit['score']}/100 ({audit['level']})" in panel.score.value
    assert png(panel.chart).startswith(PNG_SIGNATURE)
    chart = png(panel.chart)
    table = factors_frame(panel.current)
    assert list(table["factor"]) == [
        f.id for f in sorted(audit["factors"], key=lambda f: -f.points)
    ]
    assert "with or without prior notice" in table.set_index("factor").loc["no_notice", "clause"]
    assert "<td>no_notice</td>" in panel.factors.value
    panel.select("saas_subscription.pdf")
    assert png(panel.chart) != chart


def test_the_audit_panel_lists_only_contracts_that_grant_a_licence(results):
    panel = LicenceAuditPanel(results)
    assert panel.contract.options == ()  # hardware, services and a scanned file
    assert panel.current is None and panel.total_claim == 0
    assert panel.chart.value == b"" and panel.factors.value == ""  # no chart, no factor table


def test_the_uploaded_inventory_prices_the_audit_as_the_review_engine_does(licences):
    panel = LicenceAuditPanel(licences, audit_costs=10_000)
    panel.select("software_license_audit.pdf")
    assert panel.exposure_table.empty and panel.total.value == ""
    panel.load_inventory_csv(INVENTORY.read_bytes(), "inventory_example.csv")
    engine = contractkit.review(
        SAMPLES / "software_license_audit.pdf", inventory=INVENTORY, audit_costs=10_000
    ).exposure
    assert panel.total_claim == engine["claim"].iloc[-1] == pytest.approx(109_320)
    assert "Total claim USD 109,320.00" in panel.total.value
    assert "licences 52,000.00 + uplift 13,000.00 + back-maintenance 34,320.00" in (
        panel.total.value
    )
    assert "8 × 6,500.00 = 52,000.00" in panel.exposure.value  # each row's arithmetic
    assert "12.12 % &gt; 2 % threshold" in panel.total.value
    panel.audit_costs.value = 0
    assert panel.total_claim == pytest.approx(99_320)


def test_a_malformed_inventory_is_reported_not_raised(licences):
    panel = LicenceAuditPanel(licences, inventory=INVENTORY)
    assert panel.total_claim > 0
    panel.load_inventory_csv(b"product,licensed\nDV,3\n", "<b>bad</b>.csv")
    assert panel.inventory is None and panel.total_claim == 0
    assert "&lt;b&gt;bad&lt;/b&gt;.csv: missing column(s) metric, deployed" in (
        panel.inventory_status.value
    )


def test_the_upload_widget_hands_its_file_to_the_handler(licences):
    """What the browser sends on upload (ipywidgets 8's value: name, type, size, content)."""
    panel = LicenceAuditPanel(licences)
    panel.select("software_license_audit.pdf")
    data = INVENTORY.read_bytes()
    panel.upload.set_state(
        {
            "value": [
                {
                    "name": "deployed.csv",
                    "type": "text/csv",
                    "size": len(data),
                    "last_modified": 0,
                    "content": memoryview(data),
                }
            ]
        }
    )
    assert panel.total_claim > 0 and "deployed.csv: 2 rows" in panel.inventory_status.value


# -- the app ------------------------------------------------------------------------------


def test_the_app_feeds_what_triage_scans_to_the_explorer_and_the_checklist(folder):
    tabs, triage, explorer, checklist, calendar = triage_app(folder, scan_now=False)
    assert tabs.titles == ("Portfolio triage", "Contract explorer", "Checklist", "Renewal calendar")
    assert explorer.results == checklist.results == calendar.results == []
    triage.scan()
    assert explorer.results == triage.results == checklist.results == calendar.results
    assert explorer.current is not None and checklist.current is explorer.current
    readable = [r for r in triage.results if r.ok]  # e.g. the triage filtered to readable ones
    triage.results = readable
    assert explorer.results == checklist.results == calendar.results == readable
    assert SCAN not in {Path(r.file).name for r in explorer.results}
    assert repr(explorer).startswith("ContractExplorer(3 contracts, showing=")


def test_the_checklist_follows_the_contract_picked_in_the_explorer(folder):
    _, _, explorer, checklist, _ = triage_app(folder)
    explorer.select("poor_supplier_terms.pdf")
    assert checklist.current.file.endswith("poor_supplier_terms.pdf")
    assert checklist.states["warranty"] == MISSING
    explorer.select("managed_services.pdf")
    assert checklist.current.file.endswith("managed_services.pdf")
    assert checklist.states["data_erasure"] == WEAK
    assert checklist.pages is explorer.pages


# -- hostile text in the review panels ---------------------------------------------------------


def test_hostile_contract_text_is_escaped_in_the_checklist(results):
    checklist = MissingClauseChecklist(results)
    checklist.select(HOSTILE_NAME)
    shown = []
    for clause_type in checklist.buttons:
        checklist.item(clause_type).click()
        shown.append(checklist.evidence.value)
        assert_shown_as_text(checklist.evidence.value)
    assert_shown_as_text(checklist.summary.value)
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in text for text in shown)
    assert any("&lt;img" in text for text in shown)  # displaCy wraps each token


def test_hostile_contract_text_is_escaped_in_the_audit_panel(tmp_path):
    licence = contractkit.analyze(write_hostile_licence(tmp_path))
    panel = LicenceAuditPanel([licence], inventory=INVENTORY)
    assert panel.current is licence and len(panel.current.license_audit["factors"]) > 3
    for markup in (panel.factors.value, panel.score.value, panel.exposure.value):
        assert_shown_as_text(markup)
    assert IMG_PAYLOAD.replace("<", "&lt;").replace(">", "&gt;") in panel.factors.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in panel.factors.value


def test_an_unsure_clause_shows_as_check_with_the_likeliest_text_on_its_page(results):
    """The detector is unsure about the SLA (presence between the playbook's check floor
    and 0.5): the checklist shows "unsure — check" in its own colour, not missing, and its
    page shows the likeliest SLA text; the heatmap agrees."""
    sample = result_named(results, "managed_services.pdf")
    unsure = dataclasses.replace(sample, presence={**sample.presence, "sla": 0.3}, findings=[])
    review_as(unsure, dict(sample.contract_type))
    checklist = MissingClauseChecklist([unsure])
    assert checklist.states["sla"] == CHECK
    button = checklist.item("sla")
    assert button.button_style not in {
        checklist.item(t).button_style for t, s in checklist.states.items() if s != CHECK
    }
    assert "unsure — check" in button.description and "(required)" in button.description
    assert "1 to check" in checklist.summary.value
    button.click()
    best = unsure.best("sla")
    assert "No Service levels (SLA) clause found with confidence" in checklist.evidence.value
    assert f"<b>page</b> {best.page}" in checklist.evidence.value
    assert escape(best.text.split()[0]) in checklist.evidence.value
    assert png(checklist.page).startswith(PNG_SIGNATURE) and checklist.page.layout.display is None
    matrix = presence_matrix([unsure, result_named(results, "poor_supplier_terms.pdf")])
    assert matrix.loc["managed_services.pdf", "sla"] == CHECK
    assert matrix.loc["poor_supplier_terms.pdf", "sla"] == MISSING
