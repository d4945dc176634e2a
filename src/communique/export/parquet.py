"""Loading a batch run's Parquet output into the store (``ingest --from-parquet``)."""
from __future__ import annotations

import json
from pathlib import Path

from ..batch import read_parts
from ..errors import InputError
from ..model import Act, Document, Extraction, Mention, OffsetMap, Sentence

__all__ = ["ingest_parquet"]


def ingest_parquet(corpus, folder: str | Path):
    from ..corpus import IngestReport

    folder = Path(folder)
    if not folder.is_dir() or not any(folder.glob("year=*/part-*.docs.parquet")):
        raise InputError("no batch output here (expected year=YYYY/part-NNNNN.docs.parquet)", path=str(folder))
    import time

    started = time.perf_counter()
    report = IngestReport()
    fingerprint = corpus.rules.fingerprint
    for d, acts in read_parts(folder):
        doc = Document(id=d["id"], name=d["name"], text=d["text"], title=d["title"] or "", date=d["date"],
                       source_url=d["source_url"], kind=d["kind"], parties=tuple(d["parties"] or ()), origin=d["origin"] or "",
                       path=d["path"], line=d["line"], content_hash=d["content_hash"], meta=json.loads(d["meta"]),
                       offsets=OffsetMap.from_list(json.loads(d["offsets"])))
        status = corpus.store.status(doc, fingerprint)
        if status == "unchanged":
            report.unchanged += 1
            continue
        sentences = tuple(Sentence(**s) for s in json.loads(d["sentences"]))
        mentions = tuple(Mention(**m) for m in json.loads(d["mentions"]))
        records = tuple(Act(doc=a["doc"], sentence=a["sentence"], start=a["start"], end=a["end"], evidence=a["evidence"],
                            type=a["type"], modality=a["modality"], actors=tuple(a["actors"]), targets=tuple(a["targets"]),
                            issues=tuple(a["issues"]), commitment=a["commitment"], cameo=a["cameo"], plover=a["plover"] or "",
                            goldstein=a["goldstein"], quad_class=a["quad_class"], rule=a["rule"], predicate=a["predicate"] or "",
                            negated=bool(a["negated"]), confidence=float(a.get("confidence", 1.0))) for a in acts)
        corpus.add(Extraction(doc, sentences, records, mentions, tuple(d["participants"] or ())), link=False)
        report.added += status == "new"
        report.updated += status == "changed"
        report.words += len(doc.text.split())
    corpus.update_lineages()
    report.seconds = time.perf_counter() - started
    return report
