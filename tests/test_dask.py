"""Scans on a real Dask cluster (`scheduler=`): the results, the store, the order and the
per-document limits of a local batch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import dask
import pandas as pd
import pytest
from conftest import SAMPLES
from distributed import Client, LocalCluster, get_task_stream
from hostile_corpus import slow_pdf

import contractkit
from contractkit.cli import main
from contractkit.distributed import read_on_dask
from contractkit.ingest.ocr import tesseract_processes
from contractkit.result import ContractResult, ScanResults
from contractkit.workers import sharing_cores


def small_cluster(daemon: bool, workers: int) -> LocalCluster:
    """Single-threaded worker processes under nannies, as `dask worker` starts them. A
    nanny reads `distributed.worker.daemon` when it starts its worker."""
    with dask.config.set({"distributed.worker.daemon": daemon}):
        return LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0"
        )


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """Two workers, set up as the README asks (not daemonic); not the default client, which
    a scan does not need."""
    with (
        small_cluster(daemon=False, workers=2) as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def slow_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A page that takes minutes to read."""
    path = tmp_path_factory.mktemp("slow") / "slow_page.pdf"
    path.write_bytes(slow_pdf())
    return path


def exact(results: list[ContractResult]) -> list[dict]:
    return [result.to_dict(exact=True) for result in results]


def reader_threads(path: str) -> tuple[bool, str | None, int]:
    """What a Dask reader would start for a 4-page scan: shares it the cores, its OpenMP
    thread limit, how many Tesseracts at once."""
    return sharing_cores(), os.environ.get("OMP_THREAD_LIMIT"), tesseract_processes(4)


def test_readers_of_a_cluster_with_two_workers_here_run_one_tesseract_thread_each(
    client, small_portfolio, monkeypatch
):
    # Two single-threaded workers on this machine: a reader that started a Tesseract per
    # core (each with its own OpenMP threads) would put two readers' Tesseracts on each core.
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    items = [(0, str(small_portfolio / "terms.txt"))]
    [(_, seen)] = list(read_on_dask(reader_threads, items, client, 2, 60, None))
    assert seen == (True, "1", 1)


def test_a_reader_alone_on_its_machine_uses_the_cores(small_portfolio, monkeypatch):
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    with (
        small_cluster(daemon=False, workers=1) as cluster,
        Client(cluster, set_as_default=False) as alone,
    ):
        items = [(0, str(small_portfolio / "terms.txt"))]
        [(_, seen)] = list(read_on_dask(reader_threads, items, alone, 1, 60, None))
    assert seen[:2] == (False, None) and seen[2] == min(4, len(os.sched_getaffinity(0)))


def test_a_scan_on_dask_gives_the_local_results_streamed_in_input_order(client):
    paths = [p for p in sorted(SAMPLES.glob("*.pdf")) if not p.name.startswith("scanned")]
    paths += [SAMPLES / "software_license_audit.docx"]
    local = contractkit.scan(paths, workers=2)
    heard = []
    on_dask = ScanResults(
        contractkit.iter_scan(paths, scheduler=client, progress=lambda *args: heard.append(args))
    )
    assert [r.file for r in on_dask] == [str(p) for p in paths]
    assert [r.to_dict() for r in on_dask] == [r.to_dict() for r in local]
    assert exact(on_dask) == exact(local)
    assert [done for done, _, _ in heard] == list(range(1, len(paths) + 1))
    pd.testing.assert_frame_equal(on_dask.contracts, local.contracts)
    pd.testing.assert_frame_equal(on_dask.clauses, local.clauses)


def test_results_are_stored_and_a_rescan_submits_nothing(client, small_portfolio, tmp_path):
    store = tmp_path / "results.sqlite"
    address = client.scheduler.address  # a scheduler by its address, as on a real cluster
    with get_task_stream(client) as first:
        fresh = contractkit.scan([small_portfolio], scheduler=address, cache=store)
    assert len(first.data) == 3
    assert len(contractkit.scan([small_portfolio], cache=store)) == 3  # now read back locally
    with get_task_stream(client) as second:
        again = contractkit.scan([small_portfolio], scheduler=address, cache=store)
    assert second.data == []
    assert exact(again) == exact(fresh)
    assert [r.error.code if r.error else None for r in again] == ["corrupt", None, None]


def test_relative_paths_are_read_from_the_clients_directory(client, small_portfolio, monkeypatch):
    monkeypatch.chdir(small_portfolio)  # not the workers' directory
    results = contractkit.scan(["terms.txt", "gone.pdf"], scheduler=client)
    assert [r.file for r in results] == ["terms.txt", "gone.pdf"]
    assert results[0].has("warranty")
    assert results[1].error.code == "not_found"


def test_bad_files_get_the_same_typed_results_as_locally(client, bad_files):
    paths = list(bad_files.values())
    local = contractkit.scan(paths, workers=2, max_pages=10)
    on_dask = contractkit.scan(paths, scheduler=client, max_pages=10)
    assert exact(on_dask) == exact(local)
    # `slow.pdf` is slow only under a tiny time limit; `long.pdf` is above max_pages
    expected = [None if code == "timeout" else code for code in bad_files]
    assert [r.error.code if r.error else None for r in on_dask] == expected


def test_a_page_that_never_ends_is_killed_on_its_worker_and_the_batch_goes_on(
    client, small_portfolio, slow_page
):
    after = small_portfolio / "terms.txt"
    results = contractkit.scan([slow_page, after, slow_page], scheduler=client, timeout=2)
    # killed by the bound it reaches first, as in a local batch (test_batch_limits): the time
    # limit, or the memory limit when PDFium's look at what the page shows has built its
    # millions of text objects first (a quiet machine gets there within the 2 s)
    codes = [r.error.code if r.error else None for r in results]
    assert codes[1] is None and {codes[0], codes[2]} <= {"timeout", "too_large"}
    assert results[0].sha256 == results[2].sha256 is not None
    assert results[1].has("warranty")


def test_a_reader_past_the_memory_limit_is_killed(client, slow_page):
    # The pipeline alone holds more than 64 MB: the reader is killed at the first look.
    result = contractkit.scan([slow_page], scheduler=client, timeout=60, max_memory=64 << 20)[0]
    assert result.error.code == "too_large"
    assert "memory limit" in result.error.message


def test_daemonic_workers_fail_the_scan_with_the_fix(small_portfolio):
    with (
        small_cluster(daemon=True, workers=1) as cluster,
        Client(cluster, set_as_default=False) as daemonic,
        pytest.raises(RuntimeError, match="DASK_DISTRIBUTED__WORKER__DAEMON=False"),
    ):
        contractkit.scan([small_portfolio / "terms.txt"], scheduler=daemonic)


def test_the_command_line_scans_on_a_local_cluster(small_portfolio, capsys):
    terms, broken = str(small_portfolio / "terms.txt"), str(small_portfolio / "broken.pdf")
    args = ["scan", terms, broken, "--scheduler", "local", "--workers", "1", "--no-cache"]
    assert main(args) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["file"] for line in lines] == [terms, broken]
    assert [line["error"]["code"] if line["error"] else None for line in lines] == [None, "corrupt"]


def test_review_on_a_cluster_by_its_address_writes_the_local_report(
    client, small_portfolio, tmp_path
):
    reports = {where: tmp_path / f"{where}.json" for where in ("local", "dask")}
    review = ["review", str(small_portfolio), "--no-cache", "--out"]
    assert main([*review, str(reports["local"]), "--workers", "2"]) == 0
    assert main([*review, str(reports["dask"]), "--scheduler", client.scheduler.address]) == 0
    assert reports["dask"].read_text() == reports["local"].read_text()


def test_importing_contractkit_does_not_import_dask():
    code = "import sys, contractkit.cli; print({'dask', 'distributed'} & set(sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "set()"
