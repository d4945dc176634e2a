"""Extraction in worker processes, results in order: ``ingest --workers N``.

The parent reads the documents and is the store's only writer; each worker
process builds one :class:`~communique.nlp.extractor.Extractor` and extracts
chunks of documents. Results come back in submission order, so the store is the
same as with one worker (same rows, same ids), and at most ``4 * workers`` chunks
are in flight, so memory stays bounded whatever the size of the input.

A document the rules fail on comes back as a :class:`~communique.model.ReadFailure`
(as with one worker). A worker that dies (a crash, the out-of-memory killer) takes
its chunk with it: the pool is restarted and that chunk's documents are retried one
at a time, so only the document at fault is reported failed.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from typing import Iterable, Iterator

from .errors import CommuniqueError, ConfigError
from .model import Document, Extraction, ReadFailure

__all__ = ["WorkerStats", "extract_in_workers", "CHUNK"]

# Documents per task: small enough that the workers finish together, large enough
# for nlp.pipe to batch sentences. A document's acts do not depend on the documents
# batched with it (tests/test_rules_pure.py checks it), so any chunking gives the
# same store.
CHUNK = 8

_EXTRACTOR = None  # one per worker process, built by _init
_INIT_ERROR: BaseException | None = None  # raised by the first task (a missing model, bad rules)


@dataclass
class WorkerStats:
    """What the workers did, per worker process: peak resident memory (bytes) and
    CPU time (seconds, model loading included)."""

    peak_rss: dict[int, int] = field(default_factory=dict)
    restarts: int = 0
    cpu_seconds: dict[int, float] = field(default_factory=dict)

    def record(self, pid: int, usage: tuple[int, float]) -> None:
        rss, cpu = usage
        self.peak_rss[pid] = max(self.peak_rss.get(pid, 0), rss)
        self.cpu_seconds[pid] = max(self.cpu_seconds.get(pid, 0.0), cpu)


def _init(rules_dir: str | None, model: str, batch_size: int | None) -> None:
    global _EXTRACTOR, _INIT_ERROR
    try:
        from .nlp.extractor import Extractor

        _EXTRACTOR = Extractor(rules_dir, model=model, batch_size=batch_size)
        _EXTRACTOR.coder  # load the pipeline and compile the rules now, not inside the first task
        _one_native_thread()
    except Exception as e:  # noqa: BLE001 - a failed initializer would break the pool unexplained
        _INIT_ERROR = e


def _one_native_thread() -> None:
    """Limit this worker's BLAS (and OpenMP) pools to one thread.

    N workers already keep N cores busy. Left alone, each worker's OpenBLAS starts a
    thread per core, and the idle ones spin for the others' cores: two workers on two
    cores took a fifth longer each than one alone (measured on this project's
    extraction; with one thread each they take the time one process does). Dask's
    nanny sets the same limit for ``batch`` workers. Called after the model is loaded,
    since threadpoolctl only sees libraries already loaded."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1)


def _usage() -> tuple[int, float]:
    """This process's peak resident memory (bytes) and CPU time so far (seconds)."""
    try:
        import resource

        u = resource.getrusage(resource.RUSAGE_SELF)
        return u.ru_maxrss * 1024, u.ru_utime + u.ru_stime
    except (ImportError, OSError):
        return 0, 0.0


def _extract_chunk(docs: list[Document]) -> tuple[list[Extraction | ReadFailure], int, tuple[int, float]]:
    if _INIT_ERROR is not None:
        raise _INIT_ERROR
    assert _EXTRACTOR is not None, "worker not initialised"
    out = list(_EXTRACTOR.extract_many(docs, chunk=CHUNK, errors=True))
    return out, os.getpid(), _usage()


def extract_in_workers(docs: Iterable[Document], workers: int, *, rules_dir: str | None = None, model: str | None = None,
                       batch_size: int | None = None, stats: WorkerStats | None = None) -> Iterator[Extraction | ReadFailure]:
    """Extract ``docs`` in ``workers`` processes; yield results in the input's order."""
    from .nlp.pipeline import DEFAULT_MODEL

    if workers < 1:
        raise ConfigError("workers must be at least 1", field="workers")
    stats = stats if stats is not None else WorkerStats()
    init = (rules_dir, model or DEFAULT_MODEL, batch_size)
    ctx = multiprocessing.get_context("spawn")  # no inherited store connection, threads or locks
    it = iter(docs)
    window = 4 * workers  # chunks in flight: enough to keep every worker busy, few enough to bound memory
    pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init, initargs=init)
    in_flight: deque[tuple[list[Document], Future | None]] = deque()
    succeeded = finished = False
    try:
        while True:
            broken = False
            while len(in_flight) < window and not broken:
                chunk = list(islice(it, CHUNK))
                if not chunk:
                    break
                try:
                    in_flight.append((chunk, pool.submit(_extract_chunk, chunk)))
                except BrokenProcessPool:  # a worker died since the last result
                    in_flight.append((chunk, None))
                    broken = True
            if not in_flight:
                finished = True
                return
            chunk, fut = in_flight[0]
            if not broken:
                try:
                    results, pid, usage = fut.result()  # type: ignore[union-attr]
                except BrokenProcessPool:
                    broken = True
            if not broken:
                in_flight.popleft()
                succeeded = True
                stats.record(pid, usage)
                yield from results
                continue
            # a worker died: every chunk in flight is lost; retry their documents one
            # at a time, alone in the pool, so that a second death names its document
            lost = [d for c, _ in in_flight for d in c]
            in_flight.clear()
            pool = _restart(pool, stats, workers, ctx, init)
            deaths = 0
            for d in lost:
                try:
                    results, pid, usage = pool.submit(_extract_chunk, [d]).result()
                except BrokenProcessPool:
                    deaths += 1
                    if not succeeded and deaths >= 2:
                        raise CommuniqueError(
                            "the extraction worker processes die as they start; from a script, start the run "
                            "under `if __name__ == \"__main__\":` (they are spawned: they import the main module)") from None
                    yield ReadFailure(d.path or d.name, "extraction failed: the worker process died", d.line)
                    pool = _restart(pool, stats, workers, ctx, init)
                    continue
                succeeded = True
                stats.record(pid, usage)
                yield from results
    finally:
        # after the last result the idle workers exit on their own, while this process
        # goes on (their interpreters take a while to tear a pipeline down)
        pool.shutdown(wait=not finished, cancel_futures=True)


def _restart(pool: ProcessPoolExecutor, stats: WorkerStats, workers: int, ctx, init) -> ProcessPoolExecutor:
    """A fresh pool in place of one a dead worker has broken."""
    stats.restarts += 1
    pool.shutdown(wait=True, cancel_futures=True)
    return ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init, initargs=init)
