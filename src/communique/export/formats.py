"""Act tables in the formats analysts' tools read. Every row keeps communique's
provenance: the document, the evidence text and its character offsets, the rule."""
from __future__ import annotations

import re

import csv
import json
import sys
from pathlib import Path
from dataclasses import dataclass
from typing import IO, Any, Callable, Iterable, Iterator

from ..errors import ConfigError
from ..schema import ACT_FIELDS, act_record, act_schema
from ..storage import ActFilter, Store

__all__ = ["FORMATS", "EXPORTERS", "Exporter", "exporter", "ACT_FIELDS", "GDELT_FIELDS", "export_acts", "gdelt_rows", "plover_records", "act_rows"]

GDELT_FIELDS = ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name",
                "Actor1CountryCode", "Actor2Code", "Actor2Name", "Actor2CountryCode", "IsRootEvent", "EventCode",
                "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources",
                "NumArticles", "SOURCEURL", "CommuniqueActId", "CommuniqueDoc", "CommuniqueModality",
                "CommuniqueCommitment", "CommuniqueEvidence", "CommuniqueEvidenceStart", "CommuniqueEvidenceEnd",
                "CommuniqueRule", "CommuniqueConfidence")
ISSUE_TO_PLOVER_CONTEXT = {
    "defense": "military", "nonproliferation": "cbrn", "territory": "territory", "conflict": "military",
    "economy": "economic", "technology": "technology", "space": "technology", "energy": "natural_resource",
    "climate": "environment", "health": "health", "rights": "human_rights", "multilateral": "diplomatic",
    "development": "economic", "people": "diplomatic", "food": "human_security",
}


def act_rows(store: Store, f: ActFilter) -> Iterator[dict[str, Any]]:
    for r in store.acts(f):
        yield act_record(r)


def _is_state(code: str) -> bool:
    return len(code) == 3 and code.isalpha() and code.isupper()


def gdelt_rows(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """One GDELT 2.0-style event row per (actor, target) pair of each act; an act with no
    target gives rows with an empty Actor2. Tone and geography are not derivable here."""
    for r in rows:
        raw = r.get("date") if isinstance(r.get("date"), str) else ""
        m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", raw)  # a date stored before validation is left out
        date = raw.replace("-", "") if m else ""
        year = int(m.group(1)) if m else None
        month = int(m.group(2)) if m and m.group(2) else 1
        day = int(m.group(3)) if m and m.group(3) else 1
        code = r["cameo"] or ""
        for i, a1 in enumerate(r["actors"] or [""]):
            for j, a2 in enumerate(r["targets"] or [""]):
                yield {
                    "GLOBALEVENTID": f"{r['act_id']}-{i}-{j}", "SQLDATE": date.ljust(8, "0") if date else "",
                    "MonthYear": date[:6] if len(date) >= 6 else "", "Year": year or "",
                    "FractionDate": round(year + ((month - 1) * 30 + day) / 365, 4) if year else "",
                    "Actor1Code": a1, "Actor1Name": a1, "Actor1CountryCode": a1 if _is_state(a1) else "",
                    "Actor2Code": a2, "Actor2Name": a2, "Actor2CountryCode": a2 if _is_state(a2) else "",
                    "IsRootEvent": 1 if r["sentence"] == 0 else 0, "EventCode": code,
                    "EventBaseCode": code[:3], "EventRootCode": code[:2], "QuadClass": r["quad_class"],
                    "GoldsteinScale": r["goldstein"], "NumMentions": 1, "NumSources": 1, "NumArticles": 1,
                    "SOURCEURL": r.get("source_url") or "", "CommuniqueActId": r["act_id"], "CommuniqueDoc": r["doc"],
                    "CommuniqueModality": r["modality"], "CommuniqueCommitment": int(bool(r["commitment"])),
                    "CommuniqueEvidence": r["evidence"], "CommuniqueEvidenceStart": r["start"],
                    "CommuniqueEvidenceEnd": r["end"], "CommuniqueRule": r["rule"],
                    "CommuniqueConfidence": r["confidence"],
                }


def plover_records(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """PLOVER-style event records (see docs/formats.md for every field).

    ``event`` is the PLOVER event type. PURSUE, which PLOVER lacks, becomes AGREE where it is
    a promise (PLOVER codes stated intentions to act as AGREE); a present PURSUE has no PLOVER
    event, so ``event`` is empty and ``event_note`` says why. ``mode`` is the event type's own
    mode where the CAMEO code gives one (a phone call, a visit, a withdrawal), else PLOVER's
    auxiliary mode (negation, future); a stated present act has none, and ``mode`` is empty."""
    for r in rows:
        event, note = r.get("plover") or "", ""
        if not event:
            if r["type"] == "PURSUE" and r["modality"] in ("COMMIT", "REAFFIRM"):
                event = "AGREE"
            else:
                note = f"{r['type']} has no PLOVER event type: a stated policy of the actors' own"
        mode = _PLOVER_MODES.get((event, r["cameo"])) or (
            "negation" if r.get("negated") else "future" if r["modality"] == "COMMIT" else "")
        contexts = sorted({ISSUE_TO_PLOVER_CONTEXT[i] for i in r["issues"] if i in ISSUE_TO_PLOVER_CONTEXT})
        yield {
            "id": f"communique-{r['act_id']}", "date": r.get("date"), "event": event, "mode": mode,
            **({"event_note": note} if note else {}),
            "context": contexts, "actor": r["actors"], "recipient": r["targets"],
            "source": {"doc": r["doc"], "title": r.get("title"), "url": r.get("source_url"), "kind": r.get("kind")},
            "text_info": {"text": r["evidence"], "start": r["start"], "end": r["end"], "sentence": r["sentence"]},
            "communique": {"type": r["type"], "modality": r["modality"], "commitment": r["commitment"],
                           "cameo": r["cameo"], "goldstein": r["goldstein"], "quad_class": r["quad_class"], "rule": r["rule"],
                           "confidence": r["confidence"]},
        }


# PLOVER's event modes that a CAMEO code decides (PLOVER manual's CAMEO crosswalk)
_PLOVER_MODES = {
    ("CONSULT", "041"): "phone", ("CONSULT", "042"): "visit", ("CONSULT", "043"): "visit",
    ("CONSULT", "044"): "third-party", ("CONSULT", "045"): "third-party",
    ("ACCUSE", "111"): "disapprove", ("ACCUSE", "112"): "allege", ("ACCUSE", "090"): "investigate",
    ("RETREAT", "080"): "", ("RETREAT", "087"): "ceasefire", ("RETREAT", "0874"): "withdraw",
    ("SANCTION", "161"): "discontinue", ("SANCTION", "162"): "discontinue", ("SANCTION", "164"): "expel",
    ("MOBILIZE", "150"): "troops", ("MOBILIZE", "152"): "troops", ("MOBILIZE", "154"): "troops",
}


def _cell(v: Any) -> Any:
    return ";".join(v) if isinstance(v, (list, tuple)) else v


def _write_csv(rows: Iterable[dict[str, Any]], fields: tuple[str, ...], out: IO[str]) -> int:
    w = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
    w.writeheader()
    n = 0
    for r in rows:
        w.writerow({k: _cell(r.get(k)) for k in fields})
        n += 1
    return n


def _write_jsonl(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for r in rows:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_parquet(rows: Iterable[dict[str, Any]], path: Path, fields: tuple[str, ...] = ACT_FIELDS, batch: int = 5000) -> int:
    """Stream rows into a Parquet file, written under a temporary name and moved into place."""

    schema = act_schema() if fields == ACT_FIELDS else None
    tmp = path.with_name(path.name + ".tmp")
    writer = None
    n = 0
    buf: list[dict[str, Any]] = []
    try:
        for r in rows:
            buf.append({k: r.get(k) for k in fields})
            if len(buf) >= batch:
                writer = _flush(buf, writer, tmp, schema)
                n += len(buf)
                buf = []
        if buf or writer is None:
            writer = _flush(buf, writer, tmp, schema)
            n += len(buf)
    finally:
        if writer is not None:
            writer.close()
    tmp.replace(path)
    return n


def _flush(buf, writer, tmp, schema):
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(buf, schema=schema)
    if writer is None:
        writer = pq.ParquetWriter(tmp, table.schema)
    writer.write_table(table)
    return writer


@dataclass(frozen=True)
class Exporter:
    """How acts are written in one format: ``write(rows, out)`` gives the row count; ``out`` is
    a text stream, or, for a ``binary`` format, the path to write."""

    write: Callable[[Iterable[dict[str, Any]], Any], int]
    binary: bool = False


EXPORTERS: dict[str, Exporter] = {}
"""Format name -> its exporter; each registers itself with :func:`exporter`. ``export
--format`` offers these names."""


def exporter(name: str, *, binary: bool = False):
    """Register the decorated function as the exporter of format ``name``."""
    def wrap(fn):
        EXPORTERS[name] = Exporter(fn, binary)
        return fn
    return wrap


@exporter("csv")
def _csv(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    return _write_csv(rows, ACT_FIELDS, out)


@exporter("jsonl")
def _jsonl(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    return _write_jsonl(rows, out)


@exporter("parquet", binary=True)
def _parquet(rows: Iterable[dict[str, Any]], out: Path) -> int:
    return write_parquet(rows, out)


@exporter("gdelt")
def _gdelt(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    return _write_csv(gdelt_rows(rows), GDELT_FIELDS, out)


@exporter("plover")
def _plover(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    return _write_jsonl(plover_records(rows), out)


FORMATS = tuple(EXPORTERS)


def export_acts(store: Store, fmt: str, f: ActFilter, out: str | Path | None = None) -> int:
    """Write the selected acts in ``fmt`` to ``out`` (a path) or standard output; the row count."""
    if fmt not in EXPORTERS:
        raise ConfigError(f"unknown export format {fmt!r} (one of {', '.join(EXPORTERS)})", field="format")
    exp = EXPORTERS[fmt]
    rows = act_rows(store, f)
    if exp.binary:
        if not out:
            raise ConfigError(f"out (a file) is required for {fmt} (it is a binary format)", field="out")
        return exp.write(rows, Path(out))
    target = Path(out) if out else None
    fh = open(target.with_name(target.name + ".tmp"), "w", encoding="utf-8", newline="") if target else sys.stdout
    try:
        n = exp.write(rows, fh)
    finally:
        if target:
            fh.close()
    if target:
        target.with_name(target.name + ".tmp").replace(target)
    return n
