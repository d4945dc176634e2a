"""Each record's schema, described once and derived from the dataclasses of :mod:`.model`.

An act row (what ``export``, ``acts --format jsonl``, the web API and batch output carry)
is the :class:`~communique.model.Act`'s own fields, its document's fields (``doc_id``,
``date``, ``title``, ``kind``, ``source_url``, ``parties``, taken from
:class:`~communique.model.Document`), its id in the store (``act_id``) and its lineage
(``lineage``, ``status``). Everything else derives from :data:`ACT_ROW` here: the CSV
columns and JSON keys (:data:`ACT_FIELDS`), the Arrow schema (:func:`act_schema`), the
columns of the store's ``acts`` table (:data:`ACT_SQL_COLUMNS`), and the conversions
between records and rows (:func:`act_to_sql`, :func:`act_from_row`, :func:`act_row_from_sql`,
:func:`act_row`, :func:`act_record`). A document's (de)serialisation is
:func:`document_record` / :func:`document_from_record`.

Adding a field to ``Act`` is one edit to the dataclass (plus a migration adding the
column): it then appears in every format, in the store and in the Parquet importer.
"""
from __future__ import annotations

import dataclasses
import json
import typing
from dataclasses import dataclass
from typing import Any, Mapping

from .model import Act, Document, OffsetMap

__all__ = ["Field", "ACT_ROW", "ACT_FIELDS", "ACT_SQL_COLUMNS", "ACT_TABLE_COLUMNS", "DOCUMENT_FIELDS", "act_schema",
           "act_to_sql", "act_from_row", "act_row_from_sql", "act_row", "act_record", "document_record",
           "document_from_record", "arrow_type"]

TYPES = ("str", "int", "float", "bool", "list[str]")
ALL_FORMATS = frozenset({"csv", "json", "arrow", "sql"})


@dataclass(frozen=True)
class Field:
    """One field of a record: its name, its type (one of :data:`TYPES`), where its value
    comes from (``act``, ``document`` or ``row``: the store or the lineage), the formats
    that carry it (``csv``, ``json``, ``arrow``; ``sql`` when the ``acts`` table holds it)
    and, where it is narrower than the type says, its Arrow width."""

    name: str
    type: str
    source: str
    formats: frozenset[str] = ALL_FORMATS
    arrow: str | None = None


def _kind(hint: Any) -> str:
    """The schema type of a dataclass annotation."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    origin = typing.get_origin(hint)
    if origin in (tuple, list):
        return "list[str]"
    if args and origin is not None and origin not in (tuple, list):  # X | None
        return _kind(args[0])
    for t in (bool, int, float, str):  # bool before int: a bool is an int
        if hint is t:
            return t.__name__
    raise TypeError(f"no schema type for {hint!r}")


_ACT_HINTS = typing.get_type_hints(Act)
_DOC_HINTS = typing.get_type_hints(Document)

# Arrow widths narrower than the type's default (int64), as the Parquet files have always had them.
_ARROW_WIDTH = {"sentence": "int32", "quad_class": "int8"}
# The exports' column order, kept as it has always been: ``negated`` after ``commitment``.
# A field added to Act needs no entry: it goes after the Act's other fields.
_AFTER = {"negated": "commitment"}
# Document fields an act row carries: row name -> Document field
_DOC_IN_ROW = {"doc_id": "id", "date": "date", "title": "title", "kind": "kind", "source_url": "source_url",
               "parties": "parties"}


def _act_fields() -> list[Field]:
    names = [f.name for f in dataclasses.fields(Act) if f.name != "doc"]
    for name, after in _AFTER.items():
        names.remove(name)
        names.insert(names.index(after) + 1, name)
    return [Field(n, _kind(_ACT_HINTS[n]), "act", arrow=_ARROW_WIDTH.get(n)) for n in names]


ACT_ROW: tuple[Field, ...] = (
    Field("act_id", "int", "row", ALL_FORMATS - {"sql"}),
    Field("doc", "str", "act", ALL_FORMATS - {"sql"}),  # the document's name; the store keeps doc_id
    *(Field(name, _kind(_DOC_HINTS[attr]), "document", ALL_FORMATS - {"sql"} | ({"sql"} if name == "doc_id" else set()))
      for name, attr in _DOC_IN_ROW.items()),
    *_act_fields(),
    Field("lineage", "str", "row", ALL_FORMATS - {"sql"}),
    Field("status", "str", "row", ALL_FORMATS - {"sql"}),
)
_BY_NAME = {f.name: f for f in ACT_ROW}

ACT_FIELDS: tuple[str, ...] = tuple(f.name for f in ACT_ROW)
"""The columns of CSV exports and the keys of JSON ones, in order."""
ACT_SQL_COLUMNS: tuple[str, ...] = tuple(f.name for f in ACT_ROW if "sql" in f.formats)
"""The columns an act is inserted with into the store's ``acts`` table (its ``id`` is the store's)."""
ACT_TABLE_COLUMNS = ("doc", "date", "title", "sentence", "start", "end", "type", "modality", "actors", "targets", "issues",
                     "commitment", "cameo", "plover", "goldstein", "quad_class", "evidence", "rule", "confidence")
"""The compact CSV of ``acts --format csv`` and ``extract --format csv``: a chosen view for a
spreadsheet, not the record (``export --format csv`` carries every field)."""

_LISTS = tuple(f.name for f in ACT_ROW if f.type == "list[str]")
_BOOLS = tuple(f.name for f in ACT_ROW if f.type == "bool")
_ARROW = {"str": "string", "int": "int64", "float": "float64", "bool": "bool_", "list[str]": None}


def arrow_type(f: Field):
    import pyarrow as pa

    if f.type == "list[str]":
        return pa.list_(pa.string())
    return getattr(pa, f.arrow or _ARROW[f.type])()


def act_schema():
    """The Arrow schema of act rows (Parquet exports and batch output)."""
    import pyarrow as pa

    return pa.schema([(f.name, arrow_type(f)) for f in ACT_ROW if "arrow" in f.formats])


def _sql_value(value: Any, type_: str) -> Any:
    if type_ == "list[str]":
        return json.dumps(list(value))
    if type_ == "bool":
        return int(value)
    return value


def act_to_sql(act: Act, doc_id: str) -> tuple:
    """An act's values for :data:`ACT_SQL_COLUMNS`."""
    values = {"doc_id": doc_id}
    return tuple(values[n] if n in values else _sql_value(getattr(act, n), _BY_NAME[n].type) for n in ACT_SQL_COLUMNS)


_ACT_DEFAULTS = {f.name: f.default for f in dataclasses.fields(Act) if f.default is not dataclasses.MISSING}


def _cast(value: Any, type_: str) -> Any:
    if type_ == "list[str]":
        return tuple(json.loads(value) if isinstance(value, str) else value or ())
    if type_ == "bool":
        return bool(value)
    if type_ == "int":
        return int(value)
    if type_ == "float":
        return float(value)
    return value


def act_from_row(r: Mapping[str, Any]) -> Act:
    """An :class:`Act` from a store row (``doc`` as ``name`` or ``doc``) or a Parquet/JSON row.
    A missing or null value takes the field's default (an older file, a nullable column)."""
    keys = r.keys()
    values = {}
    for f in dataclasses.fields(Act):
        if f.name == "doc":
            values["doc"] = r["name"] if "name" in keys else r["doc"]
            continue
        value = r[f.name] if f.name in keys else None
        type_ = _BY_NAME[f.name].type
        if value is None:
            value = _ACT_DEFAULTS.get(f.name, "" if type_ == "str" else None)
        values[f.name] = _cast(value, type_) if value is not None else None
    return Act(**values)


def act_row_from_sql(r: Mapping[str, Any]) -> dict[str, Any]:
    """A store row as an act row: JSON lists decoded, flags as booleans, ``id`` as ``act_id``."""
    d = dict(r)
    for key in _LISTS:
        if key in d and isinstance(d[key], str):
            d[key] = json.loads(d[key])
    for key in _BOOLS:
        if key in d:
            d[key] = bool(d[key])
    d["act_id"] = d.pop("id")
    return d


def act_row(act: Act, doc: Document, act_id: int | None = None, **row: Any) -> dict[str, Any]:
    """The act row of an act of ``doc`` (batch output): every field of :data:`ACT_ROW`."""
    out: dict[str, Any] = {}
    for f in ACT_ROW:
        if f.source == "act":
            value = getattr(act, f.name)
        elif f.source == "document":
            value = getattr(doc, _DOC_IN_ROW[f.name])
        else:
            value = act_id if f.name == "act_id" else row.get(f.name)
        out[f.name] = list(value) if f.type == "list[str]" and value is not None else value
    return out


def act_record(r: Mapping[str, Any]) -> dict[str, Any]:
    """The one serialisation of an act row: every field of :data:`ACT_ROW`, in order. CSV, JSON
    Lines and Parquet exports, ``acts``/``search --format jsonl`` and the web API's acts use it."""
    return {k: r.get(k) for k in ACT_FIELDS}


# ---- documents -----------------------------------------------------------------

DOCUMENT_FIELDS = ("id", "name", "title", "date", "kind", "source_url", "origin", "path", "line", "parties", "participants",
                   "content_hash", "text", "meta", "offsets")
"""A document's serialised fields (batch output adds ``sentences`` and ``mentions``; the store
adds ``year``, ``rules`` and ``ingested_at`` and has no ``line``)."""


def document_record(doc: Document, participants: tuple[str, ...] | list[str] = ()) -> dict[str, Any]:
    """A document as plain values: lists for its codes, ``meta`` and ``offsets`` as JSON text."""
    return {
        "id": doc.id, "name": doc.name, "title": doc.title, "date": doc.date, "kind": doc.kind,
        "source_url": doc.source_url, "origin": doc.origin, "path": doc.path, "line": doc.line,
        "parties": list(doc.parties), "participants": list(participants), "content_hash": doc.content_hash,
        "text": doc.text, "meta": json.dumps(doc.meta, default=str), "offsets": json.dumps(doc.offsets.to_list()),
    }


def _codes(value: Any) -> tuple[str, ...]:
    return tuple(json.loads(value) if isinstance(value, str) else value or ())


def document_from_record(r: Mapping[str, Any]) -> Document:
    """A :class:`Document` from :func:`document_record`'s fields (a store row or a Parquet row;
    lists as JSON text or as lists)."""
    keys = r.keys()
    return Document(
        id=r["id"], name=r["name"], text=r["text"], title=r["title"] or "", date=r["date"], source_url=r["source_url"],
        kind=r["kind"], parties=_codes(r["parties"]), origin=r["origin"] or "", path=r["path"],
        line=r["line"] if "line" in keys else None, content_hash=r["content_hash"], meta=json.loads(r["meta"]),
        offsets=OffsetMap.from_list(json.loads(r["offsets"])),
    )


def participants_of(r: Mapping[str, Any]) -> tuple[str, ...]:
    return _codes(r["participants"])
