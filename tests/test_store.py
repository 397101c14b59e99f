"""The result store: unchanged files are read once; what is read back is what was parsed."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from importlib import import_module
from pathlib import Path

import pandas as pd
from conftest import GOVERNING_LAW, WARRANTY

import contractkit
from contractkit import workers
from contractkit.cli import main
from contractkit.ingest import DEFAULT_MAX_PAGES
from contractkit.result import ContractResult
from contractkit.store import ResultStore, default_store_path, pipeline_version, tree_digest

scan_module = import_module("contractkit.scan")  # `contractkit.scan` is also the function


def stored_rows(path: Path) -> list[dict]:
    with sqlite3.connect(path) as db:
        return [json.loads(row[0]) for row in db.execute("SELECT result FROM results")]


def test_a_result_rebuilds_exactly_from_its_json(reviewed_samples):
    for result in reviewed_samples.values():
        record = json.loads(json.dumps(result.to_dict(exact=True)))
        rebuilt = ContractResult.from_dict(record)
        assert rebuilt.to_dict(exact=True) == result.to_dict(exact=True)
        assert rebuilt.to_dict() == result.to_dict()
        assert repr(rebuilt.clauses) == repr(result.clauses)
        assert type(rebuilt.error) is type(result.error)


def test_results_read_back_keep_one_copy_of_each_repeated_explanation(reviewed_samples):
    """A portfolio's clauses repeat a few hundred explanations thousands of times: results
    read back from JSON (the store's, a worker's) share one copy of each text in memory."""
    rebuilt = [
        ContractResult.from_dict(json.loads(json.dumps(r.to_dict(exact=True))))
        for r in reviewed_samples.values()
    ]
    clauses = [c for result in rebuilt for c in result.clauses]
    first: dict[str, str] = {}
    for clause in clauses:
        assert first.setdefault(clause.explanation, clause.explanation) is clause.explanation
    assert len(first) < len(clauses)  # there were repeats to share


def test_a_rescan_reads_the_store_and_gives_the_same_results(small_portfolio, tmp_path):
    store = tmp_path / "results.sqlite"
    fresh = contractkit.scan([small_portfolio], cache=store)
    assert len(stored_rows(store)) == 3  # errors about the file itself are kept too
    with sqlite3.connect(store) as db:  # mark the stored rows to see that they are read back
        db.execute("UPDATE results SET result = json_set(result, '$.warnings', json('[\"S\"]'))")
    again = contractkit.scan([small_portfolio], cache=store)
    assert [r.warnings for r in again] == [["S"]] * 3
    for read, parsed in zip(again, fresh, strict=True):
        read.warnings = parsed.warnings
        assert read.to_dict(exact=True) == parsed.to_dict(exact=True)
    pd.testing.assert_frame_equal(again.contracts, fresh.contracts)
    pd.testing.assert_frame_equal(again.clauses, fresh.clauses)


def test_a_changed_file_is_read_again_and_a_copy_is_not(tmp_path):
    store = ResultStore(tmp_path / "results.sqlite")
    contract = tmp_path / "a.txt"
    contract.write_text(WARRANTY)
    first = contractkit.scan([contract], cache=store)[0]
    contract.write_text(WARRANTY + "\n\n" + GOVERNING_LAW)
    changed = contractkit.scan([contract], cache=store)[0]
    assert changed.sha256 != first.sha256 and len(store) == 2
    assert changed.has("governing_law") and not first.has("governing_law")
    copy = tmp_path / "copy.txt"
    shutil.copy(contract, copy)
    copied = contractkit.scan([copy], cache=store)[0]
    assert len(store) == 2
    assert copied.file == str(copy) and copied.sha256 == changed.sha256


def test_options_that_change_a_result_are_part_of_its_key(small_portfolio, tmp_path):
    store = ResultStore(tmp_path / "results.sqlite")
    terms = small_portfolio / "terms.txt"
    detected = contractkit.scan([terms], cache=store)[0]
    as_saas = contractkit.scan([terms], cache=store, contract_type="saas")[0]
    assert as_saas.contract_type["label"] == "saas" != detected.contract_type["label"]
    as_two_pages = contractkit.scan([terms], cache=store, max_pages=2)[0]
    assert as_two_pages.error is None
    assert len(store) == 3  # the same result under another key: max_pages is an option
    long_pdf = contractkit.scan([small_portfolio / "saas.pdf"], cache=store, max_pages=2)[0]
    assert long_pdf.error.code == "too_large"
    assert len(store) == 3  # a limit's outcome is not stored


def test_a_file_over_the_memory_limit_is_read_again_under_a_higher_one(
    small_portfolio, tmp_path, monkeypatch
):
    store = ResultStore(tmp_path / "results.sqlite")
    terms = small_portfolio / "terms.txt"
    with monkeypatch.context() as patch:
        patch.setattr(workers, "MEMORY_POLL", 0)  # look before the worker can reply
        [limited] = contractkit.scan([terms], cache=store, workers=1, max_memory=1 << 20)
    assert limited.error.code == "too_large" and len(store) == 0
    [read] = contractkit.scan([terms], cache=store, workers=1)
    assert read.error is None and read.has("warranty") and len(store) == 1


def test_an_exception_in_our_code_is_logged_and_not_stored(
    small_portfolio, tmp_path, monkeypatch, caplog
):
    store = ResultStore(tmp_path / "results.sqlite")
    terms = small_portfolio / "terms.txt"

    def broken(*args, **kwargs):
        raise RuntimeError("a bug in the pipeline")

    with monkeypatch.context() as patch:
        patch.setattr(scan_module, "analyze", broken)  # forked workers inherit the patch
        [failed] = contractkit.scan([terms], cache=store, workers=1)
    assert failed.error.code == "corrupt" and len(store) == 0
    assert "Traceback" not in failed.error.message
    [logged] = [r for r in caplog.records if r.name == "contractkit.scan"]
    assert logged.levelname == "ERROR" and str(terms) in logged.getMessage()
    assert "Traceback" in logged.getMessage() and "a bug in the pipeline" in logged.getMessage()
    [read] = contractkit.scan([terms], cache=store, workers=1)
    assert read.error is None and len(store) == 1


def test_timeouts_and_missing_files_are_not_stored(small_portfolio, tmp_path):
    store = ResultStore(tmp_path / "results.sqlite")
    results = contractkit.scan(
        [small_portfolio / "saas.pdf", tmp_path / "gone.pdf"], cache=store, timeout=1e-9
    )
    assert [r.error.code for r in results] == ["timeout", "not_found"]
    assert len(store) == 0


def test_no_password_reaches_the_store(bad_files, small_portfolio, tmp_path):
    path, password = tmp_path / "results.sqlite", "s3cret"
    encrypted, terms = bad_files["encrypted"], small_portfolio / "terms.txt"
    with ResultStore(path) as store:
        contractkit.scan([terms], cache=store, workers=1)  # the store is in use
        for _ in range(2):  # the second time too: nothing stored stands in for it
            [opened] = contractkit.scan([encrypted], cache=store, workers=1, password=password)
            assert opened.error is None and opened.has("warranty")
        assert len(store) == 1
        [locked] = contractkit.scan([encrypted], cache=store, workers=1)
        assert locked.error.code == "encrypted"
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("results.sqlite*"))
    for secret in (password, hashlib.sha256(password.encode()).hexdigest()):
        assert secret.encode() not in stored and secret.encode("utf-16-le") not in stored


def test_the_pipeline_version_follows_every_file_of_the_package(tmp_path):
    package = Path(contractkit.__file__).parent
    assert pipeline_version.__wrapped__() == tree_digest(package)  # (uncached: read now)
    copy = tmp_path / "contractkit"
    shutil.copytree(package / "review", copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = tree_digest(copy)
    playbook = copy / "playbooks" / "saas.yaml"
    playbook.write_text(playbook.read_text() + "\n# a changed playbook\n")
    changed = tree_digest(copy)
    assert changed != before
    playbook.rename(copy / "playbooks" / "saas_renamed.yaml")  # a renamed file counts too
    assert tree_digest(copy) not in (before, changed)


def test_the_command_line_uses_the_user_cache_unless_told_otherwise(
    small_portfolio, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert default_store_path() == tmp_path / "cache" / "contractkit" / "results.sqlite"
    terms = str(small_portfolio / "terms.txt")
    assert main(["scan", terms, "--no-cache", "--format", "table"]) == 0
    assert not default_store_path().exists()
    assert main(["scan", terms, "--format", "table"]) == 0
    assert len(stored_rows(default_store_path())) == 1
    store = tmp_path / "elsewhere.sqlite"
    assert main(["scan", terms, "--cache", str(store), "--format", "table"]) == 0
    assert len(stored_rows(store)) == 1
    assert capsys.readouterr().out.count("terms.txt:") == 3


def test_options_left_at_their_defaults_share_the_stored_results(small_portfolio, tmp_path):
    store, terms = tmp_path / "results.sqlite", small_portfolio / "terms.txt"
    contractkit.scan([terms], cache=store)
    assert main(["scan", str(terms), "--cache", str(store), "--timeout", "9"]) == 0
    contractkit.scan([terms], cache=store, max_pages=DEFAULT_MAX_PAGES)
    assert len(stored_rows(store)) == 1


def test_review_uses_the_store_too(small_portfolio, tmp_path):
    store = tmp_path / "results.sqlite"
    fresh = contractkit.review([small_portfolio], cache=store)
    assert len(stored_rows(store)) == 3
    again = contractkit.review([small_portfolio], cache=store)
    for name, table in fresh.tables().items():
        pd.testing.assert_frame_equal(again.tables()[name], table, obj=name)
