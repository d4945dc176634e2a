"""An act's schema is described once (communique.schema, derived from model.Act): every field
of Act reaches every format and survives the store and the Parquet importer. The tests iterate
over ``dataclasses.fields(Act)``, so a field added to Act is covered without touching them."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique import ActFilter, Corpus
from communique.export import export_acts
from communique.ingest import read_document
from communique.model import Act, Document, Extraction
from communique.schema import (ACT_FIELDS, ACT_ROW, ACT_SQL_COLUMNS, act_from_row, act_row, act_schema, act_to_sql,
                               document_from_record, document_record)
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
