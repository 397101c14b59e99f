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
import logging
import os
import sqlite3
import time
from functools import cache
from pathlib import Path

from contractkit.files import open_regular
from contractkit.result import ContractResult
from contractkit.safetext import display_name, json_line

logger = logging.getLogger(__name__)

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
    """`$CONTRACTKIT_STORE` when set (`make test` points it at a temporary file), else
    `$XDG_CACHE_HOME/contractkit/results.sqlite` (`~/.cache/...` when unset)."""
    if os.environ.get("CONTRACTKIT_STORE"):
        return Path(os.environ["CONTRACTKIT_STORE"])
    cache_home = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache_home) / "contractkit" / "results.sqlite"


@cache
def pipeline_version() -> str:
    """A digest of every file of the installed package (code with its `__version__`,
    taxonomy, playbooks, the trained models): any change to how results are made changes it,
    and with it every store key, so stale results are never read back."""
    return tree_digest(Path(__file__).resolve().parent)


def tree_digest(root: Path) -> str:
    """A digest of the names and bytes of every file under `root` (caches aside)."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def file_sha256(path: str | os.PathLike[str]) -> str | None:
    """The sha256 of the file's bytes, read block by block; None when it cannot be read or
    is no regular file (a FIFO would block the batch, /dev/zero never end: not read)."""
    digest = hashlib.sha256()
    try:
        with open_regular(path) as (handle, _):
            while block := handle.read(HASH_BLOCK):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def options_digest(options: dict) -> str:
    """A short digest of the analysis options (no secret such as a password is kept)."""
    canonical = json.dumps(options, sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


# SQLite's primary result codes for damage: SQLITE_CORRUPT, SQLITE_NOTADB ("file is not a
# database"). Others (locked, busy, read-only, full disk) are not the store's fault.
_DAMAGE_CODES = (11, 26)


def _is_damage(error: sqlite3.DatabaseError) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _DAMAGE_CODES
    return type(error) is sqlite3.DatabaseError  # before Python 3.11: not OperationalError


class ResultStore:
    """Results keyed by what determines them. Safe to share between processes: SQLite
    serialises the writers; each `put` is one transaction.

    A damaged store (not a database, truncated, malformed pages) is moved aside to
    `<name>.corrupt-<timestamp>` (`moved_aside`), a new one started and a warning logged
    saying where: results are a cache, a batch never stops for them. A row that does not
    rebuild into a result is dropped (that file is read again)."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_store_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.moved_aside: Path | None = None
        self._db: sqlite3.Connection | None = None
        try:
            self._open()
        except sqlite3.DatabaseError as error:
            if not _is_damage(error):
                raise
            self._start_again(error)

    def _open(self) -> None:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            # NORMAL in WAL mode: a commit survives the process being killed (not power loss).
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(SCHEMA)
            db.execute("SELECT sha256, engine, pipeline, options, result FROM results LIMIT 1")
        except BaseException:
            db.close()
            raise
        self._db = db

    def _start_again(self, error: sqlite3.DatabaseError) -> None:
        """Move the damaged store (and its WAL files, which belong to it) aside; open a new one."""
        if self._db is not None:
            self._db.close()
            self._db = None
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        number = 1
        while aside.exists():
            number += 1
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{number}")
        os.replace(self.path, aside)
        for suffix in ("-wal", "-shm"):
            side = Path(f"{self.path}{suffix}")
            if side.exists():
                os.replace(side, Path(f"{aside}{suffix}"))
        self.moved_aside = aside
        logger.warning(
            "contractkit: the result store %s is damaged (%s); moved it aside to %s and"
            " started a new one",
            display_name(self.path),
            error,
            display_name(aside),
        )
        self._open()

    def _execute(self, sql: str, parameters: tuple = ()) -> list[tuple]:
        """The rows of `sql`; damage found on the way moves the store aside and runs it
        again on the new one."""
        try:
            return self._db.execute(sql, parameters).fetchall()
        except sqlite3.DatabaseError as error:
            if not _is_damage(error):
                raise
            self._start_again(error)
        return self._db.execute(sql, parameters).fetchall()

    def get(self, sha256: str, engine: str, options: str) -> ContractResult | None:
        key = (sha256, engine, pipeline_version(), options)
        where = "sha256=? AND engine=? AND pipeline=? AND options=?"
        rows = self._execute(f"SELECT result FROM results WHERE {where}", key)
        if not rows:
            return None
        try:
            return ContractResult.from_dict(json.loads(rows[0][0]))
        except Exception as error:  # not a row this release wrote: read the file again
            logger.warning(
                "contractkit: dropped a result store row that does not read back (%s: %s)",
                type(error).__name__,
                error,
            )
            self._execute(f"DELETE FROM results WHERE {where}", key)
            return None

    def put(self, result: ContractResult, engine: str, options: str) -> bool:
        """Keep `result` (one transaction); False when it is not worth keeping."""
        if result.sha256 is None or (result.error and result.error.code in NOT_STORED):
            return False
        # Lone surrogates (a file name that is not UTF-8) escaped: SQLite takes UTF-8 only.
        record = json_line(result.to_dict(exact=True))
        # Autocommit: the INSERT is its own transaction, in the store whole or not at all.
        self._execute(
            "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?)",
            (result.sha256, engine, pipeline_version(), options, record, time.time()),
        )
        return True

    def __len__(self) -> int:
        return self._execute("SELECT count(*) FROM results")[0][0]

    def close(self) -> None:
        if self._db is not None:
            self._db.close()

    def __enter__(self) -> ResultStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
