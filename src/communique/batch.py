"""Batch extraction of a whole archive on a Dask cluster, into Parquet partitioned
Hive-style by year (the default), by document kind, or not at all.

The driver streams documents (bulk JSON Lines included) and cuts each partition's
documents, in reading order, into parts of ``chunk_size``; each part is one task.
Workers build their Extractor once (cached on the worker) and return the part's
rows; the driver writes ``year=YYYY/part-NNNNN.{docs,acts}.parquet`` (``kind=KIND/...``,
or ``part-NNNNN...`` at the top with ``partition_by="none"``) under temporary names
and moves them into place, so a part is whole or absent. A rerun skips parts that
exist: after a crash or a killed worker, only the missing ones are done.

Run it from a script or the CLI; a script that starts a LocalCluster needs the
``if __name__ == "__main__":`` guard.
"""
from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .errors import ConfigError
from .ingest import iter_documents
from .ingest.parquet import read_parts  # noqa: F401  (re-exported: reading parts back is an ingest source)
from .model import Document, ReadFailure
from .schema import DOCUMENT_FIELDS, act_record, act_row, act_schema, document_record

__all__ = ["BatchReport", "run_batch", "extract_part", "read_parts", "PARTITIONS"]

PARTITIONS = ("year", "kind", "none")  # what the output folders split on

DOC_FIELDS = DOCUMENT_FIELDS + ("sentences", "mentions")


@dataclass
class BatchReport:
    parts_written: int = 0
    parts_skipped: int = 0
    documents: int = 0
    words: int = 0
    acts: int = 0
    failed: list[ReadFailure] = field(default_factory=list)
    seconds: float = 0.0
    workers: int = 0
    peak_rss: dict[int, int] = field(default_factory=dict)  # worker pid -> peak resident bytes

    def as_dict(self) -> dict[str, Any]:
        return {"parts_written": self.parts_written, "parts_skipped": self.parts_skipped, "documents": self.documents,
                "words": self.words, "acts": self.acts, "failed": [str(f) for f in self.failed],
                "seconds": round(self.seconds, 2), "workers": self.workers,
                "peak_rss_mib": {str(k): round(v / 2**20, 1) for k, v in self.peak_rss.items()}}


def _year(doc: Document) -> str:
    return doc.date[:4] if doc.date and doc.date[:4].isdigit() else "undated"


def _partition(doc: Document, by: str) -> str:
    """The folder of a document's parts: ``year=2023``, ``kind=joint-statement``, or "" (none).
    A kind is made safe for a folder name; the files keep the exact value in their ``kind`` column."""
    if by == "none":
        return ""
    if by == "kind":
        return "kind=" + (re.sub(r"[^A-Za-z0-9._-]+", "_", doc.kind or "").strip("._") or "unknown")
    return f"year={_year(doc)}"


def _layouts(out: Path) -> set[str]:
    """How the parts already in ``out`` are partitioned."""
    found = {p.parent.name.split("=", 1)[0] for p in out.glob("*=*/part-*.docs.parquet")}
    return found | ({"none"} if any(out.glob("part-*.docs.parquet")) else set())


def _worker_extractor(rules_dir: str | None):
    """One Extractor per worker process and rules configuration."""
    from .nlp.extractor import Extractor

    try:
        from distributed import get_worker

        holder = get_worker()
    except (ImportError, ValueError):
        return Extractor(rules_dir)  # not on a Dask worker: nothing to keep it on
    cache = getattr(holder, "_communique_extractors", None)
    if cache is None:
        cache = {}
        holder._communique_extractors = cache
    if rules_dir not in cache:
        cache[rules_dir] = Extractor(rules_dir)
    return cache[rules_dir]


def extract_part(docs: list[Document], rules_dir: str | None = None) -> dict[str, Any]:
    """The task: extract one part's documents; rows for the docs and acts tables, and failures."""
    import os

    extractor = _worker_extractor(rules_dir)
    doc_rows, act_rows, failures = [], [], []
    for ex in extractor.extract_many(docs, errors=True):
        if isinstance(ex, ReadFailure):
            failures.append(str(ex))
            continue
        d = ex.document
        doc_rows.append(document_record(d, ex.participants) | {
            "sentences": json.dumps([asdict(s) for s in ex.sentences]),
            "mentions": json.dumps([asdict(m) for m in ex.mentions]),
        })
        act_rows.extend(act_row(a, d, i) for i, a in enumerate(ex.acts))
    rss = 0
    try:  # peak resident memory of this worker, for the benchmarks
        import resource

        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    except (ImportError, OSError):
        pass
    return {"docs": doc_rows, "acts": act_rows, "failures": failures, "pid": os.getpid(), "peak_rss": rss}


def _part_paths(out: Path, partition: str, k: int) -> tuple[Path, Path]:
    base = out / partition if partition else out
    return base / f"part-{k:05d}.docs.parquet", base / f"part-{k:05d}.acts.parquet"


def _write_part(out: Path, partition: str, k: int, result: dict[str, Any]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    docs_path, acts_path = _part_paths(out, partition, k)
    docs_path.parent.mkdir(parents=True, exist_ok=True)
    acts = [act_record(r) for r in result["acts"]]
    tmp_a = acts_path.with_name(acts_path.name + ".tmp")
    tmp_d = docs_path.with_name(docs_path.name + ".tmp")
    pq.write_table(pa.Table.from_pylist(acts, schema=act_schema()), tmp_a)
    pq.write_table(pa.Table.from_pylist(result["docs"]) if result["docs"] else pa.table({f: pa.array([], pa.string()) for f in DOC_FIELDS}), tmp_d)
    tmp_a.replace(acts_path)
    tmp_d.replace(docs_path)  # the docs file last: its presence marks the part done


def _parts(paths: Iterable[str | Path], chunk_size: int, failures: list[ReadFailure],
           by: str = "year") -> Iterator[tuple[str, int, list[Document]]]:
    """Deterministic parts: each partition's documents in reading order, ``chunk_size`` at a time."""
    buffers: dict[str, list[Document]] = defaultdict(list)
    counters: dict[str, int] = defaultdict(int)
    for item in iter_documents(paths):
        if isinstance(item, ReadFailure):
            failures.append(item)
            continue
        y = _partition(item, by)
        buffers[y].append(item)
        if len(buffers[y]) >= chunk_size:
            yield y, counters[y], buffers.pop(y)
            counters[y] += 1
    for y, docs in sorted(buffers.items()):
        yield y, counters[y], docs


def run_batch(paths: Iterable[str | Path], out: str | Path, *, workers: int = 2, scheduler: str | None = None,
              chunk_size: int = 200, rules_dir: str | None = None, max_in_flight: int | None = None,
              on_part: Callable[[str, int, int], None] | None = None, partition_by: str = "year") -> BatchReport:
    """Extract everything under ``paths`` into ``out``, its folders split by ``partition_by``
    (one of :data:`PARTITIONS`); returns what was done. ``on_part(partition, k, n)`` is
    called as each part is written or found done (``partition``: "year=2023", or "")."""
    from distributed import Client, LocalCluster, as_completed

    if chunk_size < 1:
        raise ConfigError("chunk_size must be at least 1", field="chunk_size")
    if rules_dir is not None:
        from .rules import Rules

        Rules(rules_dir)  # a missing folder is said here, not by every worker
    if partition_by not in PARTITIONS:
        raise ConfigError(f"partition_by must be one of {', '.join(PARTITIONS)}, not {partition_by!r}", field="partition_by")
    out = Path(out)
    other = _layouts(out) - {partition_by} if out.is_dir() else set()
    if other:
        raise ConfigError(f"partition_by {partition_by} differs from the parts already in {out} (by {', '.join(sorted(other))}):"
                          " resume with the same, or write to another folder", field="partition_by")
    out.mkdir(parents=True, exist_ok=True)
    report = BatchReport()
    started = time.perf_counter()
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    report.workers = len(client.scheduler_info().get("workers", {})) or workers
    limit = max_in_flight or max(2, 2 * report.workers)
    peaks: dict[int, int] = {}
    try:
        pending = as_completed()
        in_flight: dict[Any, tuple[str, int, int]] = {}

        def drain(until: int) -> None:
            while len(in_flight) > until:
                fut = next(pending)
                part, k, n = in_flight.pop(fut)
                result = fut.result()
                _write_part(out, part, k, result)
                report.parts_written += 1
                report.documents += len(result["docs"])
                report.words += sum(len(d["text"].split()) for d in result["docs"])
                report.acts += len(result["acts"])
                report.failed.extend(ReadFailure(f, "extraction failed") for f in result["failures"])
                peaks[result["pid"]] = max(peaks.get(result["pid"], 0), result["peak_rss"])
                if on_part:
                    on_part(part, k, n)

        for part, k, docs in _parts(paths, chunk_size, report.failed, partition_by):
            if all(p.exists() for p in _part_paths(out, part, k)):
                report.parts_skipped += 1
                if on_part:
                    on_part(part, k, len(docs))
                continue
            fut = client.submit(extract_part, docs, rules_dir, pure=False, retries=2)
            in_flight[fut] = (part, k, len(docs))
            pending.add(fut)
            drain(limit)  # bounded: never more than `limit` parts in memory
        drain(0)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if report.failed:
        with open(out / "_failures.jsonl", "a", encoding="utf-8") as fh:
            for f in report.failed:
                fh.write(json.dumps({"path": f.path, "line": f.line, "message": f.message}) + "\n")
    report.seconds = time.perf_counter() - started
    report.peak_rss = peaks
    return report
