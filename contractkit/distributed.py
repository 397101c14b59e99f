"""Batches on a Dask cluster (`dask.distributed`): `iter_scan(..., scheduler=...)`.

Only the reading moves: the client hashes, consults the result store and orders the
results as for a local batch (`contractkit.scan`); each file to read becomes one task.

Dask cannot stop a running task, so a task does not read its document itself: it hands it
to a reader process of its Dask worker (`contractkit.workers.WorkerPool`), which is killed
past the time or memory limit exactly as on one machine (`timeout`, `too_large`, a crash
is `corrupt`). The readers outlive their task, so the spaCy pipeline loads once per Dask
worker thread, not once per file; the client stops them at the end of the scan.

Python's multiprocessing refuses children to a daemonic process, and a Dask worker under
a nanny is one by default: the workers need `distributed.worker.daemon: False` (the
`"local"` cluster is started so; `DASK_DISTRIBUTED__WORKER__DAEMON=False dask worker ...`
elsewhere, or `dask worker --no-nanny`). A daemonic worker fails the scan with that hint
rather than failing every file. Files are read by path on the workers.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import TYPE_CHECKING, Any

from contractkit.errors import ContractKitError
from contractkit.workers import WorkerPool

if TYPE_CHECKING:
    from distributed import Client, Future

LOCAL = "local"  # the scheduler that starts a cluster on this machine for one scan
DAEMONIC_WORKER = (
    "contractkit reads each document in a child process of the Dask worker (so that it "
    "can be killed at its time or memory limit), and this worker is a daemonic process, "
    "which may not have children: start the workers with "
    "DASK_DISTRIBUTED__WORKER__DAEMON=False (or `distributed.worker.daemon: false` in the "
    "Dask config), or with `dask worker --no-nanny`"
)


def read_on_dask(
    job: Callable[[str], Any],
    items: list[tuple[int, str]],
    scheduler: Client | str,
    workers: int,
    time_limit: float | None,
    max_memory: int | None,
) -> Iterator[tuple[int, Any | ContractKitError]]:
    """`(index, job(path))` for each `(index, path)`, as the tasks finish, on the cluster
    of `scheduler` (a `Client`, an address, or `LOCAL` for `workers` processes here); the
    limits and the failed items as `contractkit.workers.WorkerPool.run`.

    Nothing connects when there is nothing to read. A task that fails (not a document: a
    misconfigured worker, a lost cluster) raises here; the tasks left are cancelled."""
    if not items:
        return
    try:
        from distributed import as_completed
    except ImportError as error:  # an optional dependency
        raise ImportError('scans on Dask need it: pip install "contractkit[dask]"') from error

    with _connect(scheduler, workers) as client:
        pending = _submit(client, job, items, time_limit, max_memory)
        try:
            # as_completed is told the loop: this client may not be the default one
            waiting = as_completed([future for _, future in pending.values()], loop=client.loop)
            for future in waiting:
                index, _ = pending.pop(future.key)
                yield index, future.result()
        finally:
            client.cancel([future for _, future in pending.values()])
            client.run(stop_readers)


def _submit(
    client: Client,
    job: Callable[[str], Any],
    items: list[tuple[int, str]],
    time_limit: float | None,
    max_memory: int | None,
) -> dict[str, tuple[int, Future]]:
    """One task per item, in input order (Dask runs the earlier first); {task key: (index,
    future)}, the only reference to each future: dropped once its result is read, the
    cluster forgets the result too."""
    futures = client.map(
        read_document,
        [os.path.abspath(path) for _, path in items],  # workers do not share our directory
        job=job,
        time_limit=time_limit,
        max_memory=max_memory,
        crowded_hosts=crowded_hosts(client),
        pure=False,  # the same file twice in a batch is read twice, as locally
    )
    return {future.key: (index, future) for future, (index, _) in zip(futures, items, strict=True)}


def crowded_hosts(client: Client) -> frozenset[str]:
    """The hosts where the cluster runs more than one task at a time: a reader there shares
    the cores with the others (one Tesseract thread each, `contractkit.workers.sharing_cores`)
    instead of starting one Tesseract per core, which would put several on each core."""
    threads: dict[str, int] = {}
    for worker in client.scheduler_info()["workers"].values():
        threads[worker["host"]] = threads.get(worker["host"], 0) + worker["nthreads"]
    return frozenset(host for host, count in threads.items() if count > 1)


def read_document(
    path: str,
    job: Callable[[str], Any],
    time_limit: float | None,
    max_memory: int | None,
    crowded_hosts: frozenset[str] = frozenset(),
) -> Any | ContractKitError:
    """The task: `job(path)` in a reader process of this Dask worker, under the limits."""
    from distributed import get_worker
    from distributed.comm import get_address_host

    if multiprocessing.current_process().daemon:
        raise RuntimeError(DAEMONIC_WORKER)
    shared = get_address_host(get_worker().address) in crowded_hosts
    [(_, outcome)] = _READERS.run([(0, (job, path))], 1, time_limit, max_memory, shared)
    return outcome


def stop_readers() -> None:
    """Run on every worker at the end of a scan: a shared cluster is not left holding a
    pipeline per worker thread."""
    _READERS.close()


def _apply(task: tuple[Callable[[str], Any], str]) -> Any:
    """What a reader runs: the scan's job comes with each path, so one reader serves
    scans with any options."""
    job, path = task
    return job(path)


def _load_pipeline() -> None:
    from contractkit.nlp import default_pipeline

    default_pipeline()


# This Dask worker's readers. Spawned, not forked: a Dask worker runs threads (its event
# loop among them), and a fork would copy the locks they hold and the scheduler's sockets.
# So each loads the pipeline itself, before its first document and outside its limit.
_READERS = WorkerPool(_apply, multiprocessing.get_context("spawn"), warm=_load_pipeline)


def _connect(scheduler: Client | str, workers: int) -> AbstractContextManager[Client]:
    """A client for `scheduler`; closed at the end unless it was given."""
    from distributed import Client

    if isinstance(scheduler, Client):
        return nullcontext(scheduler)
    if scheduler == LOCAL:
        return local_cluster(workers)
    return Client(scheduler, set_as_default=False)


@contextmanager
def local_cluster(workers: int) -> Iterator[Client]:
    """A cluster of `workers` single-threaded worker processes on this machine, for one
    scan. Non-daemonic for as long as it runs: a nanny reads the setting each time it
    (re)starts its worker."""
    import dask
    from distributed import Client, LocalCluster

    with (
        dask.config.set({"distributed.worker.daemon": False}),
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address="127.0.0.1:0",  # a free port, for this machine only
        ) as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        yield client
