"""OCR on the cores (issue 19): a document read alone spreads its scanned pages over one
Tesseract per core, each on one thread; a batch worker reads its pages one after another;
no Tesseract outlives its worker. A stand-in `tesseract` on the command path logs how it
was started (as in test_hostile_paths.py), then runs the real one."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from conftest import SAMPLES, require_tesseract
from fpdf import FPDF

import contractkit
from contractkit import workers
from contractkit.ingest.ocr import tesseract_processes

SCANNED = SAMPLES / "scanned_hardware_purchase.pdf"
MARKERS = ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]
CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


@pytest.fixture
def shim(tmp_path, monkeypatch) -> Path:
    """A `tesseract` that logs `start` (its parent, its pid, OMP_THREAD_LIMIT) and `end`
    around the real one; with `hang` in its folder it sleeps instead, and with `barrier`
    it waits (20 s at most) until a second one has started, logging `alone` if none did."""
    require_tesseract()
    log = tmp_path / "tesseract.log"
    started = tmp_path / "started"
    started.mkdir()
    real = subprocess.run(["which", "tesseract"], capture_output=True, text=True).stdout.strip()
    script = tmp_path / "tesseract"
    script.write_text(
        "#!/bin/sh\n"
        f'case "$1" in --*) exec {real} "$@";; esac\n'
        f'echo "start ppid=$PPID pid=$$ omp=${{OMP_THREAD_LIMIT:-none}}" >> {log}\n'
        f'if [ -e "{tmp_path}/hang" ]; then exec sleep 600; fi\n'
        f'if [ -e "{tmp_path}/barrier" ]; then\n'
        f"  touch {started}/$$; n=0\n"
        f'  while [ "$(ls {started} | wc -l)" -lt 2 ]; do\n'
        f'    n=$((n + 1)); if [ "$n" -gt 200 ]; then echo alone >> {log}; break; fi\n'
        "    sleep 0.1\n"
        "  done\n"
        "fi\n"
        f'{real} "$@"; code=$?\n'
        f'echo "end ppid=$PPID pid=$$" >> {log}\n'
        "exit $code\n"
    )
    script.chmod(0o755)
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(script))
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    return log


def _lines(log: Path) -> list[dict[str, str]]:
    rows = []
    for line in log.read_text().splitlines():
        kind, *fields = line.split()
        rows.append({"kind": kind, **dict(field.split("=", 1) for field in fields)})
    return rows


@pytest.fixture(scope="module")
def long_scan(tmp_path_factory) -> Path:
    """A five-page image-only PDF, one marker word per page."""
    source = FPDF()
    source.set_font("Helvetica", size=14)
    for number, marker in enumerate(MARKERS, start=1):
        source.add_page()
        source.multi_cell(0, 9, f"Section {number}. {marker}. The Supplier shall deliver.")
    pdf = pdfium.PdfDocument(bytes(source.output()))
    images = [pdf[i].render(scale=150 / 72, grayscale=True).to_pil() for i in range(len(pdf))]
    pdf.close()
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", resolution=150, save_all=True, append_images=images[1:])
    path = tmp_path_factory.mktemp("long") / "long_scan.pdf"
    path.write_bytes(buffer.getvalue())
    return path


def test_a_long_scan_read_alone_has_every_page_read_in_order(shim, long_scan):
    document = contractkit.load(long_scan, engine="pdfium")
    assert document.engine == "ocr"
    assert document.metadata["ocr_pages"] == [1, 2, 3, 4, 5]
    for page, marker in zip(document.pages, MARKERS, strict=True):
        assert marker in [word.text.strip(".") for word in page.words], (page.number, marker)
        assert all(word.page == page.number for word in page.words)
    starts = [row for row in _lines(shim) if row["kind"] == "start"]
    assert len(starts) == 5
    # several Tesseracts at once, each on one thread
    expected = "1" if tesseract_processes(5) > 1 else "none"
    assert {row["omp"] for row in starts} == {expected}


@pytest.mark.skipif((CORES or 1) < 2, reason="one core: one Tesseract at a time")
def test_the_pages_of_a_document_read_alone_are_read_at_the_same_time(shim, long_scan):
    (shim.parent / "barrier").touch()  # the first Tesseract waits for a second one
    document = contractkit.load(long_scan, engine="pdfium")
    assert document.metadata["ocr_pages"] == [1, 2, 3, 4, 5]
    assert "alone" not in shim.read_text()
    assert tesseract_processes(5) == min(5, CORES)
    assert tesseract_processes(1) == 1


def test_the_user_setting_of_omp_thread_limit_holds(shim, long_scan, monkeypatch):
    monkeypatch.setenv("OMP_THREAD_LIMIT", "2")
    contractkit.load(long_scan, engine="pdfium")
    assert {row["omp"] for row in _lines(shim) if row["kind"] == "start"} == {"2"}


def test_a_batch_worker_reads_its_pages_one_after_another_on_one_thread(shim, tmp_path):
    copies = []
    for n in range(2):
        copies.append(tmp_path / f"scan{n}.pdf")
        copies[-1].write_bytes(SCANNED.read_bytes())
    results = contractkit.scan(copies, engine="pdfium", workers=2, cache=None)
    assert [r.engine for r in results] == ["ocr", "ocr"]
    rows = _lines(shim)
    assert [row["omp"] for row in rows if row["kind"] == "start"] == ["1"] * 4
    by_worker: dict[str, list[str]] = {}
    for row in rows:
        by_worker.setdefault(row["ppid"], []).append(row["kind"])
    for kinds in by_worker.values():  # never two Tesseracts of one worker at once
        assert kinds == ["start", "end"] * (len(kinds) // 2), kinds


def _sharing(_: object) -> tuple[bool, int]:
    return workers.sharing_cores(), tesseract_processes(8)


def test_only_a_worker_of_a_shared_batch_keeps_to_one_tesseract():
    assert workers.sharing_cores() is False
    shared = {o for _, o in workers.run_limited(_sharing, [(n, n) for n in range(4)], 2, 30)}
    assert shared == {(True, 1)}
    [(_, alone)] = workers.run_limited(_sharing, [(0, 0)], 1, 30)
    assert alone == (False, min(8, CORES))


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    with open(f"/proc/{pid}/stat") as stat:  # a zombie is gone too
        return stat.read().rsplit(")", 1)[1].split()[0] == "Z"


def test_a_killed_worker_reading_a_scan_alone_leaves_no_tesseract(shim, long_scan):
    (shim.parent / "hang").touch()
    [result] = contractkit.scan([long_scan], engine="pdfium", workers=2, timeout=3, cache=None)
    assert result.error.code == "timeout"
    pids = [int(row["pid"]) for row in _lines(shim) if row["kind"] == "start"]
    assert len(pids) == tesseract_processes(5)
    try:
        deadline = time.monotonic() + 10
        while not all(_gone(pid) for pid in pids) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert all(_gone(pid) for pid in pids), "a Tesseract outlived its worker"
    finally:
        for pid in pids:
            if not _gone(pid):
                os.kill(pid, signal.SIGKILL)
