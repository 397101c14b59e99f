"""Batches: every input path yields exactly one `ContractResult`, errors included."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contractkit.errors import ContractKitError
from contractkit.ingest import load
from contractkit.model import Document
from contractkit.result import ContractResult, ScanResults

if TYPE_CHECKING:
    from contractkit.review.playbook import Playbook

# What a folder scan picks up; a path given explicitly is always tried, whatever its name.
CONTRACT_SUFFIXES = frozenset({".pdf", ".txt", ".docx", ".doc"})


def iter_inputs(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """Files as given, folders expanded recursively (sorted) to their contract files."""
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
    **load_options: Any,
) -> ContractResult:
    """Load one contract, detect its clauses, review them, and return its result (never
    raises for a bad file: the error is part of the result).

    The review fills `contract_type`, `findings` and `license_audit`; `playbook` (a shipped
    name, a YAML file or a Playbook) and `contract_type` override what the type picks."""
    name = str(path)
    try:
        document = load(path, engine=engine, **load_options)
    except ContractKitError as error:
        return ContractResult(file=name, engine=engine, sha256=_sha256_or_none(name), error=error)
    return analyze_document(document, playbook=playbook, contract_type=contract_type)


def analyze_document(
    document: Document,
    playbook: Playbook | str | os.PathLike[str] | None = None,
    contract_type: str | None = None,
) -> ContractResult:
    """Detect and review the clauses of a loaded contract (what `analyze` does after
    `load`)."""
    from contractkit.detect.pipeline import detect
    from contractkit.review import review_contract

    detection = detect(document)
    result = ContractResult(
        file=str(document.path),
        engine=document.engine,
        sha256=document.sha256,
        pages=document.page_count,
        clauses=detection.clauses,
        presence=detection.presence,
        warnings=document.warnings,
    )
    return review_contract(result, document.text, playbook=playbook, contract_type=contract_type)


def scan(
    paths: Iterable[str | os.PathLike[str]],
    engine: str = "pdfplumber",
    workers: int = 1,
    progress: Callable[[int, int, ContractResult], None] | None = None,
    playbook: Playbook | str | os.PathLike[str] | None = None,
    contract_type: str | None = None,
    **load_options: Any,
) -> ScanResults:
    """Analyze every contract under `paths`, in input order, on `workers` processes;
    `load_options` go to `load()` (e.g. `ocr=False`, `ocr_lang="eng+deu"`).

    The returned list also offers `.contracts` and `.clauses` as pandas DataFrames."""
    inputs = list(iter_inputs(paths))
    job = partial(
        analyze, engine=engine, playbook=playbook, contract_type=contract_type, **load_options
    )
    results = ScanResults()
    if workers > 1 and len(inputs) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for result in pool.map(job, inputs):
                results.append(result)
                if progress:
                    progress(len(results), len(inputs), result)
        return results
    for path in inputs:
        results.append(job(path))
        if progress:
            progress(len(results), len(inputs), results[-1])
    return results


def _sha256_or_none(path: str) -> str | None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()
