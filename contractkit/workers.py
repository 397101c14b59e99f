"""Worker processes with a hard time limit per item.

`concurrent.futures` cannot stop a running task, and a PDF library stuck in one page (in
C or in a long pure-Python loop between two checks of the in-process `Deadline`) never
returns. Here each worker runs one item at a time; the parent watches the clock, kills a
worker whose item runs past its limit (SIGKILL works whatever the worker is doing),
reports the item as timed out and starts a fresh worker for the rest of the batch. A
worker that dies on its own (a crash in C code, the OOM killer) is reported and replaced
the same way. On Linux the parent also watches each worker's resident memory: one that
grows past `max_memory` (a decompression bomb) is killed and its item reported too large.

Workers take their item over a pipe and send back only `job(item)`, a small picklable
value (the result's JSON), so nothing large crosses or piles up in the parent.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from multiprocessing.connection import Connection, wait
from typing import Any

from contractkit.errors import ContractKitError, CorruptFile, ParseTimeout, TooLarge

# After the limit, time for the worker's own `Deadline` to report a cleaner timeout.
KILL_GRACE = 1.0
DEFAULT_MAX_MEMORY = 2 << 30  # bytes resident per worker (the pipeline itself takes ~250 MB)
MEMORY_POLL = 0.2  # seconds between two looks at the workers' memory
PR_SET_PDEATHSIG = 1  # prctl(2)
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _serve(job: Callable[[Any], Any], conn: Connection) -> None:
    """A worker's life: items in, `job(item)` out, until the parent says stop or is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _die_with_parent()
    while True:
        try:
            task = conn.recv()
        except EOFError:  # the parent is gone
            return
        if task is None:  # the batch is done
            return
        index, item = task
        try:
            outcome = job(item)
        except Exception as error:  # a bug, not a bad file: report it, keep serving
            outcome = CorruptFile(f"reading failed: {type(error).__name__}: {error}")
        try:
            conn.send((index, outcome))
        except OSError:  # the parent was killed while this item was read
            return


def _die_with_parent() -> None:
    """On Linux, have the kernel kill this worker when the parent dies (even by SIGKILL),
    rather than let it finish a long document nobody will read."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the worker stops at its next item
        pass


class _Worker:
    def __init__(self, context: multiprocessing.context.BaseContext, job: Callable) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(job, child), daemon=True)
        self.process.start()
        child.close()
        self.index: int | None = None
        self.deadline = float("inf")

    def give(self, index: int, item: Any, time_limit: float | None) -> None:
        self.index = index
        self.deadline = time.monotonic() + time_limit + KILL_GRACE if time_limit else float("inf")
        self.conn.send((index, item))

    def resident_bytes(self) -> int:
        """Resident memory from /proc (0 where there is no /proc: the check is off)."""
        try:
            with open(f"/proc/{self.process.pid}/statm") as statm:
                return int(statm.read().split()[1]) * PAGE_SIZE
        except (OSError, IndexError, ValueError):
            return 0

    def kill(self) -> None:
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
            self.process.kill()
            self.process.join()


def run_limited(
    job: Callable[[Any], Any],
    items: Iterable[tuple[int, Any]],
    workers: int,
    time_limit: float | None,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
) -> Iterator[tuple[int, Any | ContractKitError]]:
    """`(index, job(item))` for each `(index, item)`, as they finish, on `workers` processes.

    An item still running `time_limit` seconds after it started yields a `ParseTimeout`,
    one whose worker outgrew `max_memory` bytes a `TooLarge`, one whose worker died a
    `CorruptFile`; the batch goes on."""
    context = multiprocessing.get_context()
    queue = deque(items)
    busy: list[_Worker] = []
    idle: list[_Worker] = []
    try:
        while queue or busy:
            while queue and len(busy) < workers:
                worker = idle.pop() if idle else _Worker(context, job)
                worker.give(*queue.popleft(), time_limit)
                busy.append(worker)
            _wait_for_any(busy, max_memory)
            for worker in list(busy):
                outcome = _outcome(worker, time_limit, max_memory)
                if outcome is None:
                    continue
                busy.remove(worker)
                if worker.process.is_alive():
                    idle.append(worker)
                yield outcome
    finally:  # also when the caller stops early: no worker outlives the batch
        for worker in busy:
            worker.kill()
        for worker in idle:
            worker.stop()


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
