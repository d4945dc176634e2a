"""An act's schema is described once (communique.schema, derived from model.Act): every field
of Act reaches every format and survives the store and the Parquet importer. The tests iterate
over ``dataclasses.fields(Act)``, so a field added to Act is covered without touching them.
So do a document's, a sentence's and a mention's (``dataclasses.fields(Document)`` ...)."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import sys
import typing

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique import ActFilter, Corpus
from communique.export import export_acts
from communique.ingest import read_document
from communique.model import Act, Document, Extraction, Mention, OffsetMap, Sentence
from communique.schema import (ACT_FIELDS, ACT_ROW, ACT_SQL_COLUMNS, DOCUMENT_FIELDS, DOCUMENT_SQL_COLUMNS, _kind, act_from_row,
                               act_row, act_schema, act_to_sql, document_from_record, document_record)
from communique.storage import Store

from .conftest import sample

ACT_NAMES = [f.name for f in dataclasses.fields(Act)]
TYPE_OF = {f.name: f.type for f in ACT_ROW}


def _plain(value):
    return list(value) if isinstance(value, tuple) else value


def _same_act(row: dict, act: Act) -> None:
    for name in ACT_NAMES:
        assert name in row, name
        assert row[name] == _plain(getattr(act, name)), (name, row[name], getattr(act, name))


def _stored_acts(db) -> dict[int, Act]:
    with Store(db, readonly=True) as s:
        return {act_id: a for d in s.documents() for act_id, a in s.acts_of(d["id"])}


def _export(db, fmt, out=None) -> str:
    buf, old = io.StringIO(), sys.stdout
    sys.stdout = buf
    try:
        with Corpus(db, readonly=True) as c:
            export_acts(c.store, fmt, ActFilter(), out)
    finally:
        sys.stdout = old
    return buf.getvalue()


def test_every_act_field_is_in_the_schema_with_a_type():
    for name in ACT_NAMES:
        assert name in ACT_FIELDS and TYPE_OF[name] in ("str", "int", "float", "bool", "list[str]")
        assert name in act_schema().names
        assert name == "doc" or name in ACT_SQL_COLUMNS  # the store keeps doc_id, not the name


def test_every_act_field_reaches_jsonl_csv_and_parquet_exports(sample_db, tmp_path):
    stored = _stored_acts(sample_db)
    rows = [json.loads(line) for line in _export(sample_db, "jsonl").splitlines()]
    assert len(rows) == len(stored) > 0
    for r in rows:
        _same_act(r, stored[r["act_id"]])
    table = list(csv.DictReader(io.StringIO(_export(sample_db, "csv"))))
    assert set(ACT_NAMES) <= set(table[0])
    for r in table[:50]:
        a = stored[int(r["act_id"])]
        assert r["evidence"] == a.evidence and r["actors"] == ";".join(a.actors)
    out = tmp_path / "acts.parquet"
    export_acts(Store(sample_db, readonly=True), "parquet", ActFilter(), out)
    for r in pq.read_table(out).to_pylist():
        _same_act(r, stored[r["act_id"]])


def test_every_act_field_reaches_the_cli_and_the_web_api(sample_db, capsys):
    from starlette.testclient import TestClient

    from communique.cli import main
    from communique.web import create_app

    stored = _stored_acts(sample_db)
    assert main(["acts", "--db", str(sample_db), "--format", "jsonl", "--limit", "40"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 40
    for line in lines:
        r = json.loads(line)
        _same_act(r, stored[r["act_id"]])
    client = TestClient(create_app(sample_db), base_url="http://localhost")
    api = client.get("/api/acts", params={"limit": 40}).json()
    assert len(api) == 40
    for r in api:
        _same_act(r, stored[r["act_id"]])


def test_acts_and_documents_round_trip_the_store_and_the_parquet_importer(extractor, tmp_path, monkeypatch):
    from communique import batch
    from communique.ingest.parquet import iter_extractions

    ex = extractor.extract(read_document(sample("2023-01-13_us-japan")))
    assert ex.acts
    with Store(tmp_path / "s.db") as s:
        s.write(ex, "rules")
        back = [a for _, a in s.acts_of(ex.document.id)]
        doc = s.document(ex.document.id)
    assert sorted(back, key=repr) == sorted(ex.acts, key=repr)
    assert doc == ex.document and doc.meta == ex.document.meta and doc.offsets == ex.document.offsets

    monkeypatch.setattr(batch, "_worker_extractor", lambda rules_dir: extractor)
    result = batch.extract_part([ex.document])
    batch._write_part(tmp_path / "out", "year=2023", 0, result)
    (again,) = list(iter_extractions(tmp_path / "out"))
    assert again.acts == ex.acts and again.document == ex.document and again.participants == ex.participants
    assert again.sentences == ex.sentences and again.mentions == ex.mentions


# ---- property: any act survives every conversion ------------------------------------------------

_VALUES = {
    "str": st.text(max_size=12),
    "int": st.integers(min_value=0, max_value=127),  # fits the narrowest Arrow width (int8)
    "float": st.floats(allow_nan=False, allow_infinity=False),
    "bool": st.booleans(),
    "list[str]": st.lists(st.text(max_size=6), max_size=3).map(tuple),
}
acts = st.fixed_dictionaries({n: _VALUES[TYPE_OF[n]] for n in ACT_NAMES}).map(lambda kw: Act(**kw))
DOC = Document(id="d1", name="doc-one", text="text", title="T", date="2024-01-02", parties=("USA", "JPN"),
               content_hash="h", meta={"k": [1, "two"]})


@given(acts)
def test_any_act_survives_sql_and_arrow_rows(a):
    sql = dict(zip(ACT_SQL_COLUMNS, act_to_sql(a, "d1"))) | {"name": a.doc}
    assert act_from_row(sql) == a
    (row,) = pa.Table.from_pylist([act_row(a, DOC, 7)], schema=act_schema()).to_pylist()
    assert act_from_row(row) == a
    assert row["doc_id"] == "d1" and row["parties"] == ["USA", "JPN"] and row["act_id"] == 7


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(acts, min_size=1, max_size=3))
def test_any_act_survives_the_store(tmp_path, many):
    doc = dataclasses.replace(DOC, name=many[0].doc)
    many = [dataclasses.replace(a, doc=doc.name) for a in many]
    with Store(tmp_path / "p.db") as s:
        s.write(Extraction(doc, (), tuple(many), (), ("USA",)), "rules")
        back = [a for _, a in s.acts_of(doc.id)]
        assert sorted(back, key=repr) == sorted(many, key=repr)
        assert s.document(doc.id) == doc


def test_a_document_round_trips_its_record():
    doc = read_document(sample("2022-11-14_us-china"))
    rec = json.loads(json.dumps(document_record(doc, ("USA", "CHN"))))
    back = document_from_record(rec)
    assert back == doc and back.offsets == doc.offsets and back.meta == json.loads(json.dumps(doc.meta, default=str))


@pytest.mark.parametrize("name", [f.name for f in dataclasses.fields(Act) if f.default is not dataclasses.MISSING])
def test_a_missing_field_takes_its_default(name):
    """An older Parquet file without a newer column: the field takes its default."""
    a = Act(**{n: _example(TYPE_OF[n]) for n in ACT_NAMES})
    row = {k: v for k, v in act_row(a, DOC).items() if k != name}
    default = next(f.default for f in dataclasses.fields(Act) if f.name == name)
    assert getattr(a, name) != default and getattr(act_from_row(row), name) == default


def _example(type_):
    return {"str": "x", "int": 3, "float": 0.5, "bool": True, "list[str]": ("A",)}[type_]


# ---- documents, sentences, mentions: described once too -----------------------------------------

DOC_NAMES = [f.name for f in dataclasses.fields(Document) if f.name != "raw"]  # the raw source is never serialised


def _example_value(name, hint):
    """A value for a field of Document / Sentence / Mention, never its default."""
    special = {"meta": {"k": [1, "two"], "when": "2024-01-02"}, "offsets": OffsetMap(((0, 3, 4, True), (4, 9, 1, False))),
               "date": "2024-01-02"}
    if name in special:
        return special[name]
    kind = _kind(hint)
    return {"str": f"{name}-x", "int": 3, "float": 0.25, "bool": True, "list[str]": ("USA", "JPN")}[kind]


def _instance(cls, **given):
    hints = typing.get_type_hints(cls)
    return cls(**{f.name: given.get(f.name, _example_value(f.name, hints[f.name]))
                  for f in dataclasses.fields(cls) if f.name != "raw"})


def _same_document(back: Document, doc: Document, *, stored: bool = False) -> None:
    for name in DOC_NAMES:
        want = getattr(doc, name)
        if stored and name not in DOCUMENT_SQL_COLUMNS:  # the store has no column for it: the default comes back
            want = next(f for f in dataclasses.fields(Document) if f.name == name).default
        assert getattr(back, name) == want, (name, getattr(back, name), want)


def test_every_document_field_is_in_its_record_and_survives_it():
    """Iterates over ``dataclasses.fields(Document)``: a field added to Document is covered."""
    assert set(DOC_NAMES) | {"participants"} == set(DOCUMENT_FIELDS)
    assert set(DOCUMENT_SQL_COLUMNS) == set(DOCUMENT_FIELDS) - {"line"}  # the store alone lacks the line number
    doc = _instance(Document)
    rec = document_record(doc, ("USA", "CHN"))
    assert list(rec) == list(DOCUMENT_FIELDS) and rec["participants"] == ["USA", "CHN"]
    _same_document(document_from_record(json.loads(json.dumps(rec))), doc)
    plain = document_record(doc, None, json_text=False)  # the CLI's and the web API's JSON
    assert "participants" not in plain and plain["meta"] == doc.meta and plain["offsets"] == doc.offsets.to_list()
    _same_document(document_from_record(json.loads(json.dumps(plain))), doc)


def test_every_document_sentence_and_mention_field_survives_the_store(tmp_path):
    doc = _instance(Document, id="d9", name="doc-nine", parties=("USA", "JPN"))
    sentences = (_instance(Sentence, n=0), _instance(Sentence, n=1, heading=None, lead_in=None, list_item=False))
    mentions = (_instance(Mention), _instance(Mention, start=7, sentence=None))
    with Store(tmp_path / "d.db") as s:
        s.write(Extraction(doc, sentences, (), mentions, ("USA", "FRA")), "rules")
        _same_document(s.document(doc.id), doc, stored=True)
        assert s.sentences(doc.id) == list(sentences)
        assert sorted(s.mentions(doc.id), key=repr) == sorted(mentions, key=repr)
        row = s.document_row(doc.id)  # the same record, its structured values decoded, and the store's columns
        assert {k: row[k] for k in DOCUMENT_FIELDS} == document_record(s.document(doc.id), ("USA", "FRA"), json_text=False)
        assert {"year", "rules", "ingested_at"} <= set(row) and s.document_by_id_or_name(doc.name) == row


def test_cli_show_json_is_the_document_record(capsys):
    from communique.render import document_json

    doc = read_document(sample("2022-11-14_us-china"))
    d = document_json(doc, [])
    assert set(d) == set(DOCUMENT_FIELDS) - {"participants"} | {"doc", "sentences"}
    assert d["doc"] == doc.name and {k: d[k] for k in d if k not in ("doc", "sentences")} == document_record(doc, None, json_text=False)


_ADD_FIELDS = r'''
import dataclasses, importlib, json, sys
from pathlib import Path

import communique.model as model
import communique.storage.schema as migrations

# the only edits a new field takes: the dataclass ...
def grown(cls, name, type_, default):
    return dataclasses.make_dataclass(cls.__name__, [(name, type_, dataclasses.field(default=default))], bases=(cls,), frozen=True)

model.Document = grown(model.Document, "lang", str, "")
model.Sentence = grown(model.Sentence, "indent", int, 0)
model.Mention = grown(model.Mention, "score", float, 0.0)
# ... and a migration adding its column
v = migrations.SCHEMA_VERSION + 1
migrations.MIGRATIONS[v] = """
ALTER TABLE documents ADD COLUMN lang TEXT NOT NULL DEFAULT '';
ALTER TABLE sentences ADD COLUMN indent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mentions ADD COLUMN score REAL;
"""
migrations.SCHEMA_VERSION = v
# every module deriving from them, as a fresh interpreter would import it
import communique.schema, communique.storage.store, communique.render, communique.web.app
for m in (communique.schema, communique.storage.store, communique.render, communique.web.app):
    importlib.reload(m)
from communique.schema import DOCUMENT_FIELDS, document_from_record, document_record
from communique.storage.store import Store
from communique.model import Document, Extraction, Mention, Sentence

doc = Document(id="d1", name="one", text="We will act.", date="2024-01-02", parties=("USA",), lang="fr")
assert "lang" in DOCUMENT_FIELDS, DOCUMENT_FIELDS
assert document_from_record(json.loads(json.dumps(document_record(doc, ("USA",))))).lang == "fr"
sent = Sentence(0, 0, 12, "We will act.", 0, indent=2)
mention = Mention(0, 2, "We", "USA", "state", "pronoun", 0, score=0.5)
db = Path(sys.argv[1]) / "grown.db"
with Store(db) as s:
    s.write(Extraction(doc, (sent,), (), (mention,), ("USA",)), "rules")
with Store(db, readonly=True) as s:
    back = s.document("d1")
    assert back == doc and back.lang == "fr", back
    assert s.sentences("d1") == [sent] and s.mentions("d1") == [mention]
    assert s.document_row("one")["lang"] == "fr"
assert communique.render.document_json(doc, [sent])["lang"] == "fr"
assert communique.render.document_json(doc, [sent])["sentences"][0]["indent"] == 2
from starlette.testclient import TestClient
api = TestClient(communique.web.app.create_app(db), base_url="http://localhost").get("/api/documents/one").json()
assert api["lang"] == "fr" and api["sentences"][0]["indent"] == 2, api
print("ok")
'''


def test_a_field_added_to_document_sentence_or_mention_needs_only_a_migration(tmp_path):
    """Adding ``lang`` to Document (``indent`` to Sentence, ``score`` to Mention) and a migration
    adding the columns, and nothing else: the field survives the record, the store, ``show
    --format json`` and the web API. Run in a fresh interpreter, the grown dataclasses replacing
    the real ones before the modules deriving from them are loaded again."""
    import subprocess

    r = subprocess.run([sys.executable, "-c", _ADD_FIELDS, str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr[-3000:]
