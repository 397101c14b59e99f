"""Batches survive their worst files: hard per-document limits, streaming, and a scan
killed half-way that resumes from the result store."""

from __future__ import annotations

import json
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SAMPLES
from hostile_corpus import CORPUS_LIMITS, slow_pdf, write_hostile_corpus

import contractkit
from contractkit.scan import iter_inputs

TERMS = "1. Warranty. The Supplier warrants the Products for twelve (12) months from delivery."


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, frozenset[str | None]]:
    return write_hostile_corpus(tmp_path_factory.mktemp("hostile"))


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_a_hostile_corpus_gets_one_typed_result_per_input_in_one_batch(corpus, engine, capfd):
    results = contractkit.scan(list(corpus), engine=engine, workers=2, **CORPUS_LIMITS)
    assert [r.file for r in results] == [str(p) for p in corpus]
    for result, expected in zip(results, corpus.values(), strict=True):
        assert (result.error.code if result.error else None) in expected, result.file
    assert "Traceback" not in capfd.readouterr().err  # the workers' stderr included


def test_one_path_is_a_batch_of_what_it_holds(small_portfolio):
    names = ["broken.pdf", "saas.pdf", "terms.txt"]
    for one in (small_portfolio, str(small_portfolio)):
        assert [Path(p).name for p in iter_inputs(one)] == names
    [result] = contractkit.scan(str(small_portfolio / "terms.txt"), workers=1)
    assert result.has("warranty")


def test_a_page_that_never_ends_is_killed_and_the_batch_goes_on(tmp_path):
    slow = tmp_path / "slow_page.pdf"
    slow.write_bytes(slow_pdf())
    after = tmp_path / "after.txt"
    after.write_text(TERMS)
    results = contractkit.scan([slow, after, slow], workers=1, timeout=2)
    # killed by the time limit, or by the memory limit when PDFium's look at what the page
    # shows (ingest/visibility.py) has built millions of text objects first: bounded either way
    codes = [r.error.code if r.error else None for r in results]
    assert codes[1] is None and {codes[0], codes[2]} <= {"timeout", "too_large"}
    assert results[0].sha256 == results[2].sha256 is not None
    assert results[1].has("warranty")  # read by the worker that replaced the killed one


def test_results_stream_as_they_finish_and_return_in_input_order(tmp_path):
    slow = tmp_path / "slow_page.pdf"
    slow.write_bytes(slow_pdf())
    quick = tmp_path / "quick.txt"
    quick.write_text(TERMS)
    finished = []
    results = contractkit.scan(
        [slow, quick], workers=2, timeout=3, progress=lambda *args: finished.append(args)
    )
    assert [Path(result.file).name for _, _, result in finished] == ["quick.txt", "slow_page.pdf"]
    assert [(done, total) for done, total, _ in finished] == [(1, 2), (2, 2)]
    assert [Path(r.file).name for r in results] == ["slow_page.pdf", "quick.txt"]


def test_a_scan_killed_mid_way_leaves_a_sound_store_and_resumes_from_it(tmp_path):
    folder = tmp_path / "contracts"
    folder.mkdir()
    for pdf in sorted(SAMPLES.glob("*.pdf")):
        shutil.copy(pdf, folder)
    inputs = sorted(str(p) for p in folder.glob("*.pdf"))
    store = tmp_path / "results.sqlite"
    command = [sys.executable, "-m", "contractkit", "scan", str(folder), "--cache", str(store)]
    scan = subprocess.Popen([*command, "--workers", "1"], stdout=subprocess.DEVNULL)
    while stored_count(store) == 0:
        assert scan.poll() is None, "the scan ended before anything was stored"
        time.sleep(0.05)
    scan.send_signal(signal.SIGKILL)
    scan.wait()

    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        kept = db.execute("SELECT count(*) FROM results").fetchone()[0]
        assert 1 <= kept < len(inputs), "killed mid-way"
        # mark what the killed scan stored, to see it come back
        db.execute("UPDATE results SET result = json_set(result, '$.warnings', json('[\"kept\"]'))")

    done = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["file"] for line in lines] == inputs
    assert sum(line["warnings"] == ["kept"] for line in lines) == kept
    assert stored_count(store) == len(inputs)


def stored_count(store: Path) -> int:
    if not store.exists():
        return 0
    with sqlite3.connect(store) as db:
        try:
            return db.execute("SELECT count(*) FROM results").fetchone()[0]
        except sqlite3.OperationalError:  # the table is not created yet
            return 0
