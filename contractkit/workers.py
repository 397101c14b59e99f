"""Worker processes with a hard time limit per item.

`concurrent.futures` cannot stop a running task, and a PDF library stuck in one page (in
C or in a long pure-Python loop between two checks of the in-process `Deadline`) never
returns. Here each worker runs one item at a time; the parent watches the clock, kills a
worker whose item runs past its limit (SIGKILL works whatever the worker is doing),
reports the item as timed out and starts a fresh worker for the rest of the batch. A
worker that dies on its own (a crash in C code, the OOM killer) is reported and replaced
the same way. On Linux the parent also watches each worker's resident memory: one that
grows past `max_memory` (a decompression bomb) is killed and its item reported too large.

Each worker leads its own process group, and a worker is killed with its group: a program
it started (Tesseract reading a scanned page) dies with it rather than run on as an orphan.
Workers of a batch that reads several documents at once run Tesseract on one thread each
(`OMP_THREAD_LIMIT=1`, unless the environment sets it) and read a scan's pages one after
another (`sharing_cores()`): its OpenMP threads, or a pool of Tesseracts, would otherwise
fight the other workers for the cores. A document read alone has the cores to itself (OCR
spreads its pages over them: `contractkit.ingest.ocr`).

Workers take their item over a pipe and send back only `job(item)`, a small picklable
value (the result's JSON), so nothing large crosses or piles up in the parent. A batch
(`run_limited`) starts its workers and stops them at its end; a host handed one item at a
time (a Dask worker, `contractkit.distributed`) keeps a `WorkerPool` for all of them.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from multiprocessing.connection import Connection, wait
from typing import Any

from contractkit.errors import ContractKitError, CorruptFile, ParseTimeout, TooLarge
from contractkit.limits import check_bytes, check_seconds

# After the limit, time for the worker's own `Deadline` to report a cleaner timeout.
KILL_GRACE = 1.0
DEFAULT_MAX_MEMORY = 2 << 30  # bytes resident per worker (the pipeline itself takes ~250 MB)
MEMORY_POLL = 0.2  # seconds between two looks at the workers' memory
PR_SET_PDEATHSIG = 1  # prctl(2)
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_sharing_cores = False  # in a worker: other workers of its batch read at the same time


def sharing_cores() -> bool:
    """True in a worker while other workers of its batch read too: what it starts should
    then keep to one core (False in any other process)."""
    return _sharing_cores


def _serve(job: Callable[[Any], Any], conn: Connection, warm: Callable[[], Any] | None) -> None:
    """A worker's life: `warm()` and word that it is done, if asked; then items in,
    `job(item)` out, until the parent says stop or is gone."""
    global _sharing_cores
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    with suppress(OSError):  # a group of its own: killed with whatever it starts
        os.setpgid(0, 0)
    _die_with_parent()
    omp_limit = os.environ.get("OMP_THREAD_LIMIT")  # the user's, if set, always holds
    if warm is not None:
        warm()
        conn.send(None)
    while True:
        try:
            task = conn.recv()
        except EOFError:  # the parent is gone
            return
        if task is None:  # the batch is done
            return
        index, item, shared = task
        _sharing_cores = shared
        if omp_limit is None:
            if shared:
                os.environ["OMP_THREAD_LIMIT"] = "1"
            else:
                os.environ.pop("OMP_THREAD_LIMIT", None)
        try:
            outcome = job(item)
        except Exception as error:  # a bug, not a bad file: report it, keep serving
            outcome = CorruptFile(f"reading failed: {type(error).__name__}: {error}")
            # For the developer, not the result: the batch logs it (`contractkit.scan`).
            outcome.traceback = traceback.format_exc()
        try:
            conn.send((index, outcome))
        except OSError:  # the parent was killed while this item was read
            return


def _die_with_parent() -> None:
    """On Linux, have the kernel kill this worker when the parent dies (even by SIGKILL),
    rather than let it finish a long document nobody will read. Strictly, when the
    parent's thread that started it ends: a pool shared by threads may find one dead."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the worker stops at its next item
        pass


class _Worker:
    def __init__(
        self,
        context: multiprocessing.context.BaseContext,
        job: Callable,
        warm: Callable[[], Any] | None = None,
    ) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(job, child, warm), daemon=True)
        forks = context.get_start_method() == "fork"
        if forks:
            # The worker's garbage collections then skip what it inherits (the pipeline, its
            # vocabulary and caches): fewer objects to walk, and pages shared with this
            # process are not copied for the collector's bookkeeping (Python's gc.freeze docs).
            gc.freeze()
        try:
            self.process.start()
        finally:
            if forks:
                gc.unfreeze()  # this process collects as before
        child.close()
        if warm is not None:  # ready: its start-up is not counted against its first item
            self.conn.recv()
        self.index: int | None = None
        self.deadline = float("inf")

    def give(self, index: int, item: Any, time_limit: float | None, shared: bool = False) -> None:
        """Start `item`; `shared`: other workers read at the same time (one OpenMP thread)."""
        self.index = index
        self.deadline = time.monotonic() + time_limit + KILL_GRACE if time_limit else float("inf")
        self.conn.send((index, item, shared))

    def resident_bytes(self) -> int:
        """Resident memory from /proc (0 where there is no /proc: the check is off)."""
        try:
            with open(f"/proc/{self.process.pid}/statm") as statm:
                return int(statm.read().split()[1]) * PAGE_SIZE
        except (OSError, IndexError, ValueError):
            return 0

    def kill(self) -> None:
        """SIGKILL to the worker's process group (it and what it started), then to it."""
        _kill_group(self.process.pid)
        self.process.kill()
        self.process.join()
        self.conn.close()

    def stop(self) -> None:
        # Said, not signalled by closing the pipe: workers forked later hold copies of
        # this end, so the worker would never read EOF.
        with suppress(OSError):  # unless it is gone already
            self.conn.send(None)
        self.conn.close()
        self.process.join(timeout=5)
        if self.process.is_alive():
            _kill_group(self.process.pid)
            self.process.kill()
            self.process.join()


def _kill_group(pid: int | None) -> None:
    """SIGKILL the process group a worker leads (see `_serve`), if there is one."""
    if pid is None or not hasattr(os, "killpg"):
        return
    # Also after the worker itself is gone: its group lives on while a member does, and its
    # id cannot be taken by a new process meanwhile.
    with suppress(OSError):  # not (yet) a group leader, or the group is gone
        os.killpg(pid, signal.SIGKILL)


def run_limited(
    job: Callable[[Any], Any],
    items: Iterable[tuple[int, Any]],
    workers: int,
    time_limit: float | None,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
) -> Iterator[tuple[int, Any | ContractKitError]]:
    """`(index, job(item))` for each `(index, item)`, as they finish, on `workers` processes
    started for this batch and stopped at its end (`WorkerPool.run` says what an item
    that fails yields)."""
    pool = WorkerPool(job)
    try:
        yield from pool.run(items, workers, time_limit, max_memory)
    finally:
        pool.close()


class WorkerPool:
    """Workers kept between batches, for a host that is handed its items one at a time (a
    Dask worker thread gets one document per task): each item goes to a worker that has
    already loaded the pipeline instead of a new process. Threads may share a pool: each
    batch takes idle workers under a lock and gives back those still alive.

    `warm`, if given, runs in each new worker before its first item (e.g. loading the
    pipeline, seconds in a spawned worker), outside that item's time limit."""

    def __init__(
        self,
        job: Callable[[Any], Any],
        context: multiprocessing.context.BaseContext | None = None,
        warm: Callable[[], Any] | None = None,
    ) -> None:
        self.job = job
        self.context = context or multiprocessing.get_context()
        self.warm = warm
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()

    def run(
        self,
        items: Iterable[tuple[int, Any]],
        workers: int,
        time_limit: float | None,
        max_memory: int | None = DEFAULT_MAX_MEMORY,
        shared: bool | None = None,
    ) -> Iterator[tuple[int, Any | ContractKitError]]:
        """`(index, job(item))` for each `(index, item)`, as they finish, at most `workers`
        at a time. `shared`: whether other processes read documents on this machine's cores
        at the same time (`sharing_cores()` in the workers); by default, when `workers > 1`.

        An item still running `time_limit` seconds after it started yields a `ParseTimeout`,
        one whose worker outgrew `max_memory` bytes a `TooLarge`, one whose worker died a
        `CorruptFile`, one whose job raised a `CorruptFile` with the exception's
        `traceback` (text) attached; the batch goes on. `time_limit` is None or a finite
        number of seconds above 0, `max_memory` None or bytes above 0 (ValueError)."""
        time_limit = check_seconds(time_limit, "timeout")
        max_memory = check_bytes(max_memory, "max_memory")
        if shared is None:
            shared = workers > 1
        queue = deque(items)
        busy: list[_Worker] = []

        def fill() -> None:
            while queue and len(busy) < workers:
                worker = self._take()
                worker.give(*queue.popleft(), time_limit, shared)
                busy.append(worker)

        try:
            while queue or busy:
                fill()
                _wait_for_any(busy, max_memory)
                finished = []
                for worker in list(busy):
                    outcome = _outcome(worker, time_limit, max_memory)
                    if outcome is None:
                        continue
                    busy.remove(worker)
                    if worker.process.is_alive():
                        with self._lock:
                            self._idle.append(worker)
                    finished.append(outcome)
                fill()  # the next items first: workers read on while the caller handles these
                yield from finished
        finally:  # also when the caller stops early: no item outlives its batch
            for worker in busy:
                worker.kill()

    def close(self) -> None:
        """Stop the idle workers (those busy in a batch are stopped by the batch)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()

    def _take(self) -> _Worker:
        """An idle worker still alive (one may have died idle: see `_die_with_parent`), or
        a new one."""
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.process.is_alive():
                    return worker
                worker.kill()
        return _Worker(self.context, self.job, self.warm)


def _wait_for_any(busy: list[_Worker], max_memory: int | None) -> None:
    soonest = min(worker.deadline for worker in busy)
    if max_memory:
        soonest = min(soonest, time.monotonic() + MEMORY_POLL)
    timeout = None if soonest == float("inf") else max(0.0, soonest - time.monotonic())
    wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=timeout)


def _outcome(
    worker: _Worker, time_limit: float | None, max_memory: int | None
) -> tuple[int, Any] | None:
    """What `worker` has to say now: its reply, its death, its timeout, its excess memory,
    or None (still running)."""
    index = worker.index
    if worker.conn.poll():
        try:
            return worker.conn.recv()
        except (EOFError, OSError):
            pass  # it died while replying: fall through to the death
    if not worker.process.is_alive():
        worker.kill()
        code = worker.process.exitcode
        return index, CorruptFile(f"the reader crashed (exit code {code}) on this file")
    if time.monotonic() > worker.deadline:
        worker.kill()
        return index, ParseTimeout(f"reading took longer than the {time_limit:g} s limit")
    if max_memory and worker.resident_bytes() > max_memory:
        worker.kill()
        return index, TooLarge(f"reading needed more than the {max_memory >> 20} MB memory limit")
    return None
