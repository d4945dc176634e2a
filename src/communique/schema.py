"""Each record's schema, described once and derived from the dataclasses of :mod:`.model`.

An act row (what ``export``, ``acts --format jsonl``, the web API and batch output carry)
is the :class:`~communique.model.Act`'s own fields, its document's fields (``doc_id``,
``date``, ``title``, ``kind``, ``source_url``, ``parties``, taken from
:class:`~communique.model.Document`), its id in the store (``act_id``) and its lineage
(``lineage``, ``status``). Everything else derives from :data:`ACT_ROW` here: the CSV
columns and JSON keys (:data:`ACT_FIELDS`), the Arrow schema (:func:`act_schema`), the
columns of the store's ``acts`` table (:data:`ACT_SQL_COLUMNS`), and the conversions
between records and rows (:func:`act_to_sql`, :func:`act_from_row`, :func:`act_row_from_sql`,
:func:`act_row`, :func:`act_record`).

A document's record (:data:`DOCUMENT_ROW`) derives from
:class:`~communique.model.Document` the same way: :func:`document_record` is its one
serialisation (the store, batch output, ``show --format json``, the web API),
:func:`document_from_record` reads it back. A sentence's and a mention's columns in the store
derive from :class:`~communique.model.Sentence` and :class:`~communique.model.Mention`
(:data:`SENTENCE_ROW`, :data:`MENTION_ROW`).

Adding a field to ``Act``, ``Document``, ``Sentence`` or ``Mention`` is one edit to the
dataclass (plus a migration adding the column): it then appears in every format, in the
store and in the Parquet importer.
"""
from __future__ import annotations

import dataclasses
import json
import typing
from dataclasses import dataclass
from typing import Any, Mapping

from .model import Act, Document, Mention, OffsetMap, Sentence

__all__ = ["Field", "ACT_ROW", "ACT_FIELDS", "ACT_SQL_COLUMNS", "ACT_TABLE_COLUMNS", "DOCUMENT_FIELDS", "act_schema",
           "act_to_sql", "act_from_row", "act_row_from_sql", "act_row", "act_record", "SEARCH_FIELDS", "search_record", "DOCUMENT_ROW",
           "DOCUMENT_SQL_COLUMNS", "document_record", "document_to_sql", "document_from_record", "participants_of",
           "SENTENCE_ROW", "MENTION_ROW", "SENTENCE_SQL_COLUMNS", "MENTION_SQL_COLUMNS", "record_to_sql", "record_from_sql",
           "arrow_type"]

TYPES = ("str", "int", "float", "bool", "list[str]", "json")  # json: a structured value (a document's meta, offsets)
ALL_FORMATS = frozenset({"csv", "json", "arrow", "sql"})


@dataclass(frozen=True)
class Field:
    """One field of a record: its name, its type (one of :data:`TYPES`), where its value
    comes from (``act``, ``document`` or ``row``: the store, the lineage or the extraction;
    ``record`` for a sentence's or a mention's own fields), the formats
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
_ARROW = {"str": "string", "int": "int64", "float": "float64", "bool": "bool_", "list[str]": None, "json": "string"}


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


# A full-text search hit (``Store.search``): its sentence, where it is, and the acts resting on it.
SEARCH_FIELDS = ("doc", "date", "title", "sentence", "start", "end", "snippet", "text")


def search_record(hit: Mapping[str, Any]) -> dict[str, Any]:
    """The one serialisation of a search hit: :data:`SEARCH_FIELDS`, then its ``acts``, each
    its act record. ``search --format jsonl`` and the web API's search use it."""
    return {k: hit.get(k) for k in SEARCH_FIELDS} | {"acts": [act_record(a) for a in hit.get("acts", ())]}


# ---- documents ----------------------------------------------------------------

# Document fields no record carries: the raw source is kept only while a document is read.
_DOC_NOT_SERIALISED = ("raw",)
# Document fields the store's ``documents`` table has no column for (a JSON Lines line number
# means nothing once the document is stored).
_DOC_NOT_STORED = ("line",)


def _doc_kind(hint: Any) -> str:
    """The schema type of a Document field; ``json`` for a structured value (``meta``, ``offsets``),
    which the store and Parquet keep as JSON text."""
    if hint is dict or typing.get_origin(hint) is dict:
        return "json"
    try:
        return _kind(hint)
    except TypeError:
        return "json"


def _document_fields() -> list[Field]:
    fields = [f.name for f in dataclasses.fields(Document) if f.name not in _DOC_NOT_SERIALISED]
    # the text among the bulky fields, last (a field added to Document goes after them)
    fields.remove("text")
    fields.insert(fields.index("meta") if "meta" in fields else len(fields), "text")
    out = []
    for name in fields:
        formats = ALL_FORMATS - {"sql"} if name in _DOC_NOT_STORED else ALL_FORMATS
        out.append(Field(name, _doc_kind(_DOC_HINTS[name]), "document", formats))
        if name == "parties":  # an extraction's, not the document's own: who takes part in it
            out.append(Field("participants", "list[str]", "row"))
    return out


DOCUMENT_ROW: tuple[Field, ...] = tuple(_document_fields())
"""A document's record: every field of :class:`~communique.model.Document` (but its raw
source), and the ``participants`` of its extraction."""
DOCUMENT_FIELDS: tuple[str, ...] = tuple(f.name for f in DOCUMENT_ROW)
"""A document's serialised fields (batch output adds ``sentences`` and ``mentions``; the store
adds ``year``, ``rules`` and ``ingested_at`` and has no ``line``)."""
DOCUMENT_SQL_COLUMNS: tuple[str, ...] = tuple(f.name for f in DOCUMENT_ROW if "sql" in f.formats)
"""The columns a document is inserted with into the store's ``documents`` table (the store adds its own)."""
_DOC_BY_NAME = {f.name: f for f in DOCUMENT_ROW}
_DOC_FIELDS = {f.name: f for f in dataclasses.fields(Document)}
# structured values: to plain JSON values and back (``meta`` is a plain dict already)
_TO_JSON = {"offsets": lambda m: m.to_list()}
_FROM_JSON = {"offsets": OffsetMap.from_list}


def document_record(doc: Document, participants: tuple[str, ...] | list[str] | None = (), *,
                    json_text: bool = True) -> dict[str, Any]:
    """The one serialisation of a document: every field of :data:`DOCUMENT_ROW`, in order, as
    plain values (lists for its codes). The store and Parquet files keep its structured values
    (``meta``, ``offsets``) as JSON text (``json_text``); the CLI's JSON and the web API as JSON
    values (``json_text=False``). ``participants=None``: not known (a document not extracted),
    left out."""
    out: dict[str, Any] = {}
    for f in DOCUMENT_ROW:
        if f.name == "participants":
            if participants is not None:
                out["participants"] = list(participants)
            continue
        value = getattr(doc, f.name)
        if f.type == "list[str]":
            value = list(value)
        elif f.type == "json":
            text = json.dumps(_TO_JSON.get(f.name, lambda v: v)(value), default=str)
            value = text if json_text else json.loads(text)  # a date in meta as its text, either way
        out[f.name] = value
    return out


def document_to_sql(doc: Document, participants: tuple[str, ...] | list[str] = ()) -> dict[str, Any]:
    """A document's values for :data:`DOCUMENT_SQL_COLUMNS`: lists and structured values as JSON text."""
    rec = document_record(doc, participants)
    return {n: json.dumps(rec[n]) if _DOC_BY_NAME[n].type == "list[str]" else rec[n] for n in DOCUMENT_SQL_COLUMNS}


def _codes(value: Any) -> tuple[str, ...]:
    return tuple(json.loads(value) if isinstance(value, str) else value or ())


def _has_default(f: dataclasses.Field) -> bool:
    return f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING


def document_from_record(r: Mapping[str, Any]) -> Document:
    """A :class:`Document` from :func:`document_record`'s fields (a store row, a Parquet row or a
    JSON object; lists and structured values as JSON text or as values). A missing or null value
    takes the field's default (the store has no ``line``; an older file lacks a newer field)."""
    keys = r.keys()
    values: dict[str, Any] = {}
    for f in DOCUMENT_ROW:
        if f.source != "document":
            continue
        value = r[f.name] if f.name in keys or not _has_default(_DOC_FIELDS[f.name]) else None  # KeyError: a required field
        if value is None and _has_default(_DOC_FIELDS[f.name]):
            continue
        if f.type == "json":
            value = _FROM_JSON.get(f.name, lambda v: v)(json.loads(value) if isinstance(value, str) else value)
        elif f.type == "list[str]":
            value = _codes(value)
        elif f.type != "str":
            value = _cast(value, f.type)  # a flag stored as 0 / 1 is a bool again
        values[f.name] = value
    return Document(**values)


def participants_of(r: Mapping[str, Any]) -> tuple[str, ...]:
    return _codes(r["participants"])


# ---- sentences and mentions ---------------------------------------------------------

def _flat_fields(cls: type) -> tuple[Field, ...]:
    hints = typing.get_type_hints(cls)
    return tuple(Field(f.name, _kind(hints[f.name]), "record") for f in dataclasses.fields(cls))


SENTENCE_ROW: tuple[Field, ...] = _flat_fields(Sentence)
"""A sentence's fields (:class:`~communique.model.Sentence`): the store's ``sentences`` columns but ``doc_id``."""
MENTION_ROW: tuple[Field, ...] = _flat_fields(Mention)
"""A mention's fields (:class:`~communique.model.Mention`): the store's ``mentions`` columns but ``doc_id``."""
SENTENCE_SQL_COLUMNS: tuple[str, ...] = tuple(f.name for f in SENTENCE_ROW)
MENTION_SQL_COLUMNS: tuple[str, ...] = tuple(f.name for f in MENTION_ROW)
_ROWS = {Sentence: SENTENCE_ROW, Mention: MENTION_ROW}


def record_to_sql(record: Sentence | Mention) -> tuple:
    """A sentence's or mention's values for its table's columns (:data:`SENTENCE_SQL_COLUMNS`,
    :data:`MENTION_SQL_COLUMNS`)."""
    return tuple(_sql_value(getattr(record, f.name), f.type) for f in _ROWS[type(record)])


def record_from_sql(cls: type, r: Mapping[str, Any]):
    """A :class:`Sentence` or :class:`Mention` from a store row; a null value takes the field's
    default (a column a migration added)."""
    fields = {f.name: f for f in dataclasses.fields(cls)}
    values = {}
    for f in _ROWS[cls]:
        value = r[f.name]
        if value is None and _has_default(fields[f.name]):
            continue
        values[f.name] = _cast(value, f.type) if value is not None else None
    return cls(**values)
