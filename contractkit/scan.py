"""Batches: every input path yields exactly one `ContractResult`, errors included.

A batch hashes each file, takes unchanged ones from the result store, and reads the rest
in worker processes with a hard time limit each (`contractkit.workers`), on this machine
or on a Dask cluster (`contractkit.distributed`); results come back as JSON, are stored
as they finish, and stream out in input order. Hashing, the store and the order stay in
this process whichever reads the files."""

from __future__ import annotations

import inspect
import json
import logging
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contractkit.errors import ContractKitError
from contractkit.ingest import DEFAULT_TIMEOUT, load
from contractkit.model import Document
from contractkit.result import ContractResult, ScanResults
from contractkit.store import ResultStore, file_sha256, options_digest
from contractkit.workers import DEFAULT_MAX_MEMORY, run_limited

if TYPE_CHECKING:
    from distributed import Client
    from spacy.language import Language

    from contractkit.review.playbook import Playbook

logger = logging.getLogger(__name__)

# What a folder scan picks up; a path given explicitly is always tried, whatever its name.
CONTRACT_SUFFIXES = frozenset({".pdf", ".txt", ".docx", ".doc"})


def iter_inputs(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
) -> Iterator[str]:
    """Files as given, folders expanded recursively (sorted) to their contract files; one
    path (a folder, say) is taken as itself, not as a string of one-letter paths."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    for path in paths:
        folder = Path(path)
        if folder.is_dir():
            for child in sorted(folder.rglob("*")):
                if child.is_file() and child.suffix.lower() in CONTRACT_SUFFIXES:
                    yield str(child)
        else:
            yield str(path)


def analyze(
    path: str | os.PathLike[str],
    engine: str = "pdfplumber",
    playbook: Playbook | str | os.PathLike[str] | None = None,
    contract_type: str | None = None,
    as_of: date | None = None,
    **load_options: Any,
) -> ContractResult:
    """Load one contract, detect its clauses, review them, and return its result (never
    raises for a bad file: the error is part of the result).

    The review fills `contract_type`, `findings`, `license_audit`, the key `dates` and the
    `deadlines`; `playbook` (a shipped name, a YAML file or a Playbook) and `contract_type`
    override what the type picks; `as_of` is the day the date findings are judged on
    (today when None). `load_options` go to `load()` (e.g. `ocr=False`)."""
    name = str(path)
    try:
        document = load(path, engine=engine, **load_options)
    except ContractKitError as error:
        return ContractResult(file=name, engine=engine, sha256=file_sha256(name), error=error)
    return analyze_document(document, playbook=playbook, contract_type=contract_type, as_of=as_of)


def analyze_document(
    document: Document,
    playbook: Playbook | str | os.PathLike[str] | None = None,
    contract_type: str | None = None,
    nlp: Language | None = None,
    as_of: date | None = None,
) -> ContractResult:
    """Detect and review the clauses of a loaded contract (what `analyze` does after
    `load`); `nlp` is the pipeline to detect with (`make_pipeline(...)`; the default one
    unless given); `as_of` as for `analyze`."""
    from contractkit.detect.key_dates import extract_key_dates
    from contractkit.nlp import detect
    from contractkit.review import review_contract

    detection = detect(document, nlp)
    result = ContractResult(
        file=str(document.path),
        engine=document.engine,
        sha256=document.sha256,
        pages=document.page_count,
        clauses=detection.clauses,
        presence=detection.presence,
        warnings=document.warnings,
        dates=extract_key_dates(document.text, document.page_of),
        hidden_text=list(document.hidden_text),
    )
    return review_contract(
        result, document.text, playbook=playbook, contract_type=contract_type, as_of=as_of
    )


def scan(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], **options: Any
) -> ScanResults:
    """Analyze every contract under `paths`; the results in input order, one per input.

    The options are `iter_scan`'s. The returned list also offers `.contracts`, `.clauses`
    and `.deadlines` (sorted by date) as pandas DataFrames."""
    return ScanResults(iter_scan(paths, **options))


def iter_scan(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    engine: str = "pdfplumber",
    workers: int | None = None,
    progress: Callable[[int, int, ContractResult], None] | None = None,
    playbook: Playbook | str | os.PathLike[str] | None = None,
    contract_type: str | None = None,
    cache: ResultStore | str | os.PathLike[str] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
    scheduler: Client | str | None = None,
    as_of: date | None = None,
    **load_options: Any,
) -> Iterator[ContractResult]:
    """Analyze every contract under `paths`, streamed: each result as soon as it and those
    before it are ready (`scan` collects them).

    Every contract is read in a worker process (`workers`, all cores by default), killed
    when it runs past `timeout` seconds (`timeout` result) or holds more than `max_memory`
    bytes (`too_large`); a fresh worker takes the rest. `scheduler` reads them on a Dask
    cluster instead, under the same limits: a `distributed.Client`, a scheduler address
    (`"tcp://10.0.0.5:8786"`) or `"local"` (a cluster of `workers` processes here, for
    this scan); see `contractkit.distributed`. `progress(done, total, result)` hears of
    each result as it finishes. `cache` (a `ResultStore` or its file) returns stored
    results for unchanged files and keeps new ones as they finish. `load_options` go to
    `load()` (`max_pages`, `password`, ...); a scan given a `password` neither reads nor
    keeps stored results, so that nothing in the store depends on it. The findings for
    dates (a renewal notice due soon, an expired contract) are judged on `as_of` (today
    when None) for every result, stored ones included."""
    from contractkit.review.deadlines import refresh_date_findings

    inputs = list(iter_inputs(paths))
    if load_options.get("password"):
        cache = None
    store = ResultStore(cache) if isinstance(cache, str | os.PathLike) else cache
    if isinstance(playbook, str | os.PathLike):
        from contractkit.review import load_playbook

        playbook = load_playbook(playbook)  # read once, here: workers get rules, not a path
    key = options_key(playbook, contract_type, load_options)
    order = _InputOrder()
    to_read: list[tuple[int, str]] = []
    job = partial(
        _analyze_to_json,
        engine=engine,
        playbook=playbook,
        contract_type=contract_type,
        timeout=timeout,
        **load_options,
    )
    try:
        for index, path in enumerate(inputs):
            stored = _stored(store, path, engine, key)
            if stored is None:
                to_read.append((index, path))
                continue
            refresh_date_findings(stored, as_of)
            if progress:
                progress(index + 1 - len(to_read), len(inputs), stored)
            yield from order.add(index, stored)
        done = len(inputs) - len(to_read)
        outcomes = _read(job, to_read, workers, timeout, max_memory, scheduler)
        with closing(outcomes):
            for index, outcome in outcomes:
                result = _result(inputs[index], engine, outcome)
                # Only what the worker made is stored: a reader killed at a limit, one that
                # crashed or one whose job raised says more about this run than the file.
                if store is not None and not isinstance(outcome, ContractKitError):
                    store.put(result, engine, key)
                refresh_date_findings(result, as_of)
                done += 1
                if progress:
                    progress(done, len(inputs), result)
                yield from order.add(index, result)
    finally:
        if store is not None and store is not cache:
            store.close()


def _read(
    job: Callable[[str], str],
    items: list[tuple[int, str]],
    workers: int | None,
    timeout: float | None,
    max_memory: int | None,
    scheduler: Client | str | None,
) -> Iterator[tuple[int, str | ContractKitError]]:
    """`(index, job(path))` for each `(index, path)` as they finish, or the error that
    stopped a reader: the one step of a batch that differs between this machine's worker
    processes and a Dask cluster."""
    workers = min(workers or os.cpu_count() or 1, len(items))
    if scheduler is not None:
        from contractkit.distributed import read_on_dask

        return read_on_dask(job, items, scheduler, workers, timeout, max_memory)
    if items and multiprocessing.get_start_method() == "fork":
        from contractkit.nlp import default_pipeline

        default_pipeline()  # loaded once, here: forked workers start ready and share it
    return run_limited(job, items, workers, timeout, max_memory)


class _InputOrder:
    """Results that arrive in any order, released in input order as the gaps fill."""

    def __init__(self) -> None:
        self.waiting: dict[int, ContractResult] = {}
        self.next = 0

    def add(self, index: int, result: ContractResult) -> list[ContractResult]:
        self.waiting[index] = result
        ready = []
        while self.next in self.waiting:
            ready.append(self.waiting.pop(self.next))
            self.next += 1
        return ready


def options_key(
    playbook: Playbook | str | os.PathLike[str] | None,
    contract_type: str | None,
    load_options: dict[str, Any],
) -> str:
    """What, besides the file, the engine and the pipeline, decides a result: the load
    options, defaults filled in (so an option given at its default is the same key), and
    the playbook by its content (a YAML file may change under the same name), and with OCR
    on, the Tesseract installed. The time limit is left out: a timed-out result is never
    stored; so is a password, never digested (a scan with one does not use the store)."""
    from contractkit.review import load_playbook
    from contractkit.review.playbook import Playbook

    if playbook is not None and not isinstance(playbook, Playbook):
        playbook = load_playbook(playbook)
    from contractkit.ingest.ocr import tesseract_fingerprint

    options = {**_LOAD_DEFAULTS, **load_options}
    options.pop("timeout", None)
    options.pop("password", None)
    if options.get("ocr"):
        options["tesseract"] = tesseract_fingerprint()
    return options_digest(
        {
            "playbook": repr(playbook) if playbook is not None else None,
            "contract_type": contract_type,
            **options,
        }
    )


_LOAD_DEFAULTS = {
    name: parameter.default
    for name, parameter in inspect.signature(load).parameters.items()
    if parameter.kind is inspect.Parameter.KEYWORD_ONLY
}


def _stored(store: ResultStore | None, path: str, engine: str, key: str) -> ContractResult | None:
    sha256 = file_sha256(path) if store is not None else None
    if sha256 is None:
        return None
    result = store.get(sha256, engine, key)
    return _named(result, path) if result is not None else None


def _analyze_to_json(path: str, **options: Any) -> str:
    """What a worker sends back: the exact result JSON, never the Document."""
    return json.dumps(analyze(path, **options).to_dict(exact=True), ensure_ascii=False)


def _result(path: str, engine: str, outcome: str | ContractKitError) -> ContractResult:
    if isinstance(outcome, ContractKitError):
        outcome.path = path
        if trace := getattr(outcome, "traceback", None):  # a bug of ours, not a bad file
            logger.error("contractkit failed on %s (reported as corrupt):\n%s", path, trace)
            del outcome.traceback
        return ContractResult(file=path, engine=engine, sha256=file_sha256(path), error=outcome)
    return _named(ContractResult.from_dict(json.loads(outcome)), path)


def _named(result: ContractResult, path: str) -> ContractResult:
    """`result` under the name its input was given: the store may hold the same bytes under
    another name, and a Dask worker reads a file by its absolute path."""
    result.file = path
    if result.error:
        result.error.path = path
    return result
