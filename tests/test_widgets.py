"""The notebook widgets, driven as a reader drives them (set `.value`, `.click()`), without a
browser: a small portfolio of real sample PDFs, a scan with nothing to read and a hostile
text contract."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
import traitlets
from bad_files import blank_scan_pdf
from conftest import SAMPLES
from hostile import FORMULA_PAYLOAD, HOSTILE_NAME, IMG_PAYLOAD, write_hostile_contract

import contractkit
from contractkit.result import ScanResults
from contractkit.spreadsheet import FORMULA_PREFIXES
from contractkit.widgets import ContractExplorer, PortfolioTriage, triage_app
from contractkit.widgets.heatmap import MISSING, PRESENT, presence_matrix

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


def test_the_table_lists_every_contract_with_its_clause_count_and_error(results):
    triage = PortfolioTriage(results)
    view = triage.view
    assert list(view.columns) == ["file", "contract_type", "parties", "pages", "clauses", "error"]
    assert len(view) == 4
    scanned = view[view["file"].str.endswith(SCAN)].iloc[0]
    assert scanned["error"] == "no_text_layer" and scanned["clauses"] == 0
    managed = view[view["file"].str.endswith("managed_services.pdf")].iloc[0]
    assert managed["clauses"] == len(result_named(results, "managed_services.pdf").clauses)
    assert "managed_services.pdf" in triage.table.value


def test_the_table_sorts_and_filters_as_the_controls_say(results):
    triage = PortfolioTriage(results)
    triage.sort_by.value = "clauses"
    triage.descending.value = True
    counts = list(triage.view["clauses"])
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
    triage.search.value = "SERVICES"  # case-insensitive part of a file name
    assert [Path(f).name for f in triage.view["file"]] == ["managed_services.pdf"]
    assert "poor_supplier_terms.pdf" not in triage.table.value
    triage.search.value = ""
    triage.errors_only.value = True
    assert list(triage.view["error"]) == ["no_text_layer"]


def test_the_heatmap_marks_which_contract_has_which_clause_type(results):
    matrix = presence_matrix(results)
    assert SCAN not in matrix.index  # nothing was read
    assert matrix.loc["managed_services.pdf", "sla"] == PRESENT
    assert matrix.loc["poor_supplier_terms.pdf", "sla"] == MISSING
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
    assert contracts[0][:3] == ("file", "contract_type", "parties")
    assert [Path(row[0]).name for row in contracts[1:]] == [HOSTILE_NAME]
    clause_texts = [row[5] for row in list(book["clauses"].values)[1:]]
    assert "'" + FORMULA_PAYLOAD + " The Supplier" in " ".join(clause_texts)
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                assert not str(cell.value or "").startswith(FORMULA_PREFIXES), cell.coordinate
    assert triage.status.value.startswith("exported 1 contracts")


# -- contract explorer ------------------------------------------------------------------


def test_picking_a_contract_lists_its_clauses_by_type_with_confidence(results):
    explorer = ContractExplorer(results)
    explorer.select("managed_services.pdf")
    managed = result_named(results, "managed_services.pdf")
    labels = [label for label, _ in explorer.clauses.options]
    assert len(labels) == len(managed.clauses)
    types = [label.split(" · ")[0] for label in labels]
    assert types == sorted(types)
    assert any(label.startswith("sla · 0.84 · p.1 · uptime_pct=99.5") for label in labels)
    assert "<td>sla</td>" in explorer.clause_types.value  # one row per type


def test_clicking_a_clause_shows_its_page_with_the_clause_boxed_and_its_text(results):
    explorer = ContractExplorer(results)
    explorer.select("managed_services.pdf")
    by_label = dict(explorer.clauses.options)
    sla = next(v for label, v in by_label.items() if label.startswith("sla · 0.84"))
    explorer.clauses.value = sla
    first_picture = png(explorer.page)
    assert first_picture.startswith(PNG_SIGNATURE) and explorer.page.layout.display is None
    hit = explorer.current_clause
    assert hit.type == "sla" and hit.page == 1
    assert "sla 0.84" in explorer.clause_text.value  # the displaCy span label
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


# -- the app ------------------------------------------------------------------------------


def test_the_app_feeds_what_triage_scans_to_the_explorer(folder):
    tabs, triage, explorer = triage_app(folder, scan_now=False)
    assert tabs.titles == ("Portfolio triage", "Contract explorer")
    assert explorer.results == []
    triage.scan()
    assert explorer.results == triage.results and explorer.current is not None
    assert isinstance(triage, traitlets.HasTraits)
    assert repr(explorer).startswith("ContractExplorer(4 contracts, showing=")
