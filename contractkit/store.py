"""The result store: a contract read once is not read again until it or the pipeline changes.

One SQLite row per (file sha256, engine, pipeline version, options digest) holding the
result's exact JSON (`ContractResult.to_dict(exact=True)`), so a stored result rebuilds
into the very result a fresh scan returns.

Why SQLite and not DuckDB: it is in the standard library (no extra dependency), every
result is written in its own transaction to a single file, and in WAL mode a committed
transaction survives the writer being killed (SIGKILL mid-scan leaves a store that opens
cleanly with every finished result in it), while readers never block the writer. The
workload is key lookups and single-row inserts, not analytics, which is what SQLite is
for; the DataFrames are built from the results, not queried from the store.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from functools import cache
from pathlib import Path

from contractkit.result import ContractResult

SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    sha256 TEXT NOT NULL,
    engine TEXT NOT NULL,
    pipeline TEXT NOT NULL,
    options TEXT NOT NULL,
    result TEXT NOT NULL,
    stored_at REAL NOT NULL,
    PRIMARY KEY (sha256, engine, pipeline, options)
)
"""
# Outcomes that say more about the run than about the file: read it again next time. A
# limit's outcome (time, memory, size) may change with the limit, and the memory limit
# is not part of the key; a batch does not store what a worker failed with either (a
# crash, an exception in our code: see `contractkit.scan`).
NOT_STORED = frozenset({"timeout", "too_large", "not_found"})
HASH_BLOCK = 1 << 20


def default_store_path() -> Path:
    """`$XDG_CACHE_HOME/contractkit/results.sqlite` (`~/.cache/...` when unset)."""
    cache_home = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache_home) / "contractkit" / "results.sqlite"


@cache
def pipeline_version() -> str:
    """A digest of `contractkit.__version__` and every file of the installed package (code,
    taxonomy, playbooks, the trained model): any change to how results are made changes it,
    and with it every store key, so stale results are never read back."""
    import contractkit

    root = Path(contractkit.__file__).parent
    digest = hashlib.sha256(contractkit.__version__.encode())
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def file_sha256(path: str | os.PathLike[str]) -> str | None:
    """The sha256 of the file's bytes, read block by block; None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while block := handle.read(HASH_BLOCK):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def options_digest(options: dict) -> str:
    """A short digest of the analysis options (no secret such as a password is kept)."""
    canonical = json.dumps(options, sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


class ResultStore:
    """Results keyed by what determines them. Safe to share between processes: SQLite
    serialises the writers; each `put` is one transaction."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_store_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL mode: a commit survives the process being killed (not power loss).
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(SCHEMA)

    def get(self, sha256: str, engine: str, options: str) -> ContractResult | None:
        row = self._db.execute(
            "SELECT result FROM results WHERE sha256=? AND engine=? AND pipeline=? AND options=?",
            (sha256, engine, pipeline_version(), options),
        ).fetchone()
        return ContractResult.from_dict(json.loads(row[0])) if row else None

    def put(self, result: ContractResult, engine: str, options: str) -> bool:
        """Keep `result` (one transaction); False when it is not worth keeping."""
        if result.sha256 is None or (result.error and result.error.code in NOT_STORED):
            return False
        record = json.dumps(result.to_dict(exact=True), ensure_ascii=False)
        # Autocommit: the INSERT is its own transaction, in the store whole or not at all.
        self._db.execute(
            "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?)",
            (result.sha256, engine, pipeline_version(), options, record, time.time()),
        )
        return True

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM results").fetchone()[0]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ResultStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
