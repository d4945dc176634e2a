"""The Python API over a store: ``Corpus("communique.db").ingest([...])``.

    >>> from communique import Corpus
    >>> corpus = Corpus("communique.db")
    >>> report = corpus.ingest(["samples/"])
    >>> corpus.acts(ActFilter(type="REQUEST", target="CHN", since="2021"))
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from threadpoolctl import threadpool_limits

from .errors import ConfigError
from .ingest import iter_documents
from .model import Document, Extraction, ReadFailure
from .rules import Rules
from .storage import ActFilter, Store

__all__ = ["Corpus", "IngestReport"]


@dataclass
class IngestReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[ReadFailure] = field(default_factory=list)
    words: int = 0
    seconds: float = 0.0
    workers: int = 1
    worker_peak_rss: dict[int, int] = field(default_factory=dict)  # bytes, per worker process (workers > 1)
    worker_cpu_seconds: dict[int, float] = field(default_factory=dict)  # per worker process (workers > 1)

    @property
    def ok(self) -> bool:
        return not self.failed

    def as_dict(self) -> dict[str, Any]:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged,
                "failed": [str(f) for f in self.failed], "words": self.words, "seconds": round(self.seconds, 2)}


class Corpus:
    """A store of statements and their acts. The extractor is built on first ingest."""

    def __init__(self, path: str | Path = "communique.db", *, rules: Rules | str | None = None,
                 readonly: bool = False, extractor=None, batch_size: int | None = None) -> None:
        self.store = Store(path, readonly=readonly)
        self.rules = rules if isinstance(rules, Rules) else Rules(rules)
        self._extractor = extractor
        self._batch_size = batch_size  # sentences the parser takes at a time (None: the extractor's default)

    @property
    def extractor(self):
        if self._extractor is None:
            from .nlp.extractor import Extractor

            self._extractor = Extractor(self.rules, batch_size=self._batch_size)
        return self._extractor

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- writing ------------------------------------------------------------
    def ingest(self, paths: Iterable[str | Path], *, on_event: Callable[[str, str], None] | None = None,
               workers: int = 1) -> IngestReport:
        """Read, extract and store; unchanged documents are skipped without extraction.
        ``on_event(status, name)`` is called once per document (for progress bars).

        With ``workers`` > 1 the extraction runs in that many processes while this
        one reads and writes: the store is the same as with one worker."""
        if workers < 1:
            raise ConfigError("workers must be at least 1", field="workers")
        report = IngestReport(workers=workers)
        fingerprint = self.rules.fingerprint
        statuses: dict[str, str] = {}
        emit = on_event or (lambda status, name: None)
        started = time.perf_counter()

        def pending() -> Iterator[Document]:
            for item in iter_documents(paths):
                if isinstance(item, ReadFailure):
                    report.failed.append(item)
                    emit("failed", item.path)
                    continue
                status = self.store.status(item, fingerprint)
                if status == "unchanged":
                    report.unchanged += 1
                    emit("unchanged", item.name)
                    continue
                statuses[item.id] = status
                yield item

        if workers > 1:
            from .parallel import WorkerStats, extract_in_workers

            ex = self._extractor  # a caller's extractor: its rules, model and batch size
            stats = WorkerStats(report.worker_peak_rss, cpu_seconds=report.worker_cpu_seconds)
            rules = ex.rules if ex is not None else self.rules
            results = extract_in_workers(
                pending(), workers, rules_dir=str(rules.directory) if rules.directory else None,
                model=ex.model if ex is not None else None, batch_size=ex.batch_size if ex is not None else self._batch_size, stats=stats)
        else:
            results = self.extractor.extract_many(pending(), errors=True)
        stems: dict[str, frozenset[str]] = {}  # each act's words for the lineage pass, stemmed as it is written
        with threadpool_limits(limits=1):  # the model's products are small; OpenBLAS's idle threads would spin
            self._write_all(results, report, fingerprint, statuses, stems, emit)
        # Always: acts outside every lineage (a run killed before linking) are linked now.
        self.update_lineages(stems=stems)
        report.seconds = time.perf_counter() - started
        return report

    def _write_all(self, results, report: IngestReport, fingerprint: str, statuses: dict[str, str],
                   stems: dict[str, frozenset[str]], emit) -> None:
        from .compare.similarity import content_stems

        for result in results:
            if isinstance(result, ReadFailure):
                report.failed.append(result)
                emit("failed", result.path)
                continue
            self.store.write(result, fingerprint)
            for act in result.acts:
                if act.evidence not in stems:
                    stems[act.evidence] = content_stems(act.evidence)
            if statuses.get(result.document.id) == "changed":
                report.updated += 1
            else:
                report.added += 1
            report.words += len(result.document.text.split())
            emit("added", result.document.name)

    def ingest_parquet(self, folder: str | Path, *, on_event: Callable[[str, str], None] | None = None) -> IngestReport:
        """Store a batch run's Parquet output (``communique batch --out FOLDER``)
        without extracting again; unchanged documents are skipped."""
        from .ingest.parquet import iter_extractions

        report = IngestReport()
        fingerprint = self.rules.fingerprint
        emit = on_event or (lambda status, name: None)
        started = time.perf_counter()
        for ex in iter_extractions(folder):
            status = self.store.status(ex.document, fingerprint)
            if status == "unchanged":
                report.unchanged += 1
                emit("unchanged", ex.document.name)
                continue
            self.store.write(ex, fingerprint)
            report.added += status == "new"
            report.updated += status == "changed"
            report.words += len(ex.document.text.split())
            emit("added", ex.document.name)
        self.update_lineages()
        report.seconds = time.perf_counter() - started
        return report

    def update_lineages(self, rebuild: bool = False, *, stems: dict[str, frozenset[str]] | None = None):
        """Link new acts into lineages (all of them with ``rebuild``); ``stems``: evidence
        texts already stemmed (see :func:`~communique.compare.update_lineages`)."""
        from .compare import update_lineages

        return update_lineages(self.store, rebuild=rebuild, stems=stems)

    def track(self, query: str, *, party: str | None = None, limit: int = 5, series: str | None = None) -> list[dict[str, Any]]:
        from .compare import find_lineages

        return find_lineages(self.store, query, party=party, limit=limit, series=series)

    def diff(self, a: str | None, b: str, *, series: str | None = None) -> dict[str, Any]:
        """What ``b`` adds, drops, rewords, repeats from ``a`` (None: the previous statement of its series)."""
        from .compare import diff_documents

        return diff_documents(self.store, a, b, series=series)

    def series(self, doc: str, *, series: str | None = None) -> list[dict[str, Any]]:
        """The statements of ``doc``'s series (same issuers, same track; ``series`` defines one)."""
        from .compare import series_of
        from .errors import NotFoundError

        row = self.store.document_row(doc)
        if row is None:
            raise NotFoundError("no such statement in the store (give a doc id, a name, or the file)", path=doc)
        return series_of(self.store, row["id"], series)

    def evaluate_threads(self, threads: str | Path) -> dict[str, Any]:
        """Score the stored lineages against a threads file (as ``shared/eval/score_threads.py``)."""
        from .compare.threads import load_threads, score_threads, store_predictions

        gold = load_threads(threads)
        return score_threads(gold, store_predictions(self.store, {m["doc"] for t in gold for m in t["members"]}))

    def report(self, doc: str, *, series: str | None = None, base_url: str = "") -> dict[str, Any]:
        """A summit report on ``doc``: its commitments by issue and type, each with its status
        against the previous statement of the series (see :func:`communique.report.summit_report`)."""
        from .report import summit_report

        return summit_report(self.store, doc, series=series, base_url=base_url)

    def trends(self, actor: str, target: str | None = None, by: str = "year", where: ActFilter | None = None
               ) -> dict[str, Any]:
        """Acts of ``actor`` (toward ``target``) per period; ``where`` narrows the acts counted
        (see :func:`communique.compare.trends`)."""
        from .compare import trends

        return trends(self.store, actor, target, by, where)

    def add(self, extraction: Extraction, *, link: bool = True) -> None:
        """Store an extraction made elsewhere (a batch run's Parquet, a notebook)."""
        self.store.write(extraction, self.rules.fingerprint)
        if link:
            self.update_lineages()

    # ---- reading ------------------------------------------------------------
    def documents(self, f: ActFilter | None = None, **kw) -> list[dict[str, Any]]:
        return self.store.documents(f or ActFilter(**kw))

    def document(self, ref: str) -> Document | None:
        return self.store.document(ref)

    def acts(self, f: ActFilter | None = None, **kw) -> list[dict[str, Any]]:
        return list(self.store.acts(f or ActFilter(**kw)))

    def search(self, query: str, f: ActFilter | None = None, **kw) -> list[dict[str, Any]]:
        return self.store.search(query, f or ActFilter(**kw))

    def stats(self) -> dict[str, Any]:
        return self.store.stats()
