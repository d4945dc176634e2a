"""A batch run's Parquet output as an ingest source (``ingest --from-parquet``).

``communique batch`` writes ``OUT/year=YYYY/part-NNNNN.{docs,acts}.parquet`` (or
``kind=KIND/...``, or the parts at the top with ``--partition-by none``); this
module reads them back as :class:`~communique.model.Extraction` records, which
:meth:`communique.Corpus.ingest_parquet` stores without extracting again.
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterator

from ..errors import InputError
from ..model import Extraction, Mention, Sentence
from ..schema import act_from_row, document_from_record, participants_of

__all__ = ["read_parts", "iter_extractions"]


def _docs_files(out: Path) -> list[Path]:
    """The parts' docs files, however the run was partitioned (year=, kind=, or none)."""
    return sorted(out.glob("*=*/part-*.docs.parquet")) + sorted(out.glob("part-*.docs.parquet"))


def read_parts(out: str | Path) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Documents and their acts from a batch output folder, as Parquet rows."""
    import pyarrow.parquet as pq

    for docs_path in _docs_files(Path(out)):
        acts_path = docs_path.with_name(docs_path.name.replace(".docs.", ".acts."))
        acts_by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
        if acts_path.exists():
            for r in pq.read_table(acts_path).to_pylist():
                acts_by_doc[r["doc_id"]].append(r)
        for d in pq.read_table(docs_path).to_pylist():
            yield d, acts_by_doc.get(d["id"], [])


def iter_extractions(folder: str | Path) -> Iterator[Extraction]:
    """Every document of a batch output folder with its sentences, acts and mentions."""
    folder = Path(folder)
    if not folder.is_dir() or not _docs_files(folder):
        raise InputError("no batch output here (expected year=YYYY/part-NNNNN.docs.parquet or the like)", path=str(folder))
    for d, acts in read_parts(folder):
        doc = document_from_record(d)
        sentences = tuple(Sentence(**s) for s in json.loads(d["sentences"]))
        mentions = tuple(Mention(**m) for m in json.loads(d["mentions"]))
        records = tuple(act_from_row(a) for a in acts)
        yield Extraction(doc, sentences, records, mentions, participants_of(d))
