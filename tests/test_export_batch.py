"""Exports in every format, and batch runs on a local Dask cluster: Parquet by year,
resumable, failures reported, loadable into the store."""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time

import pyarrow.parquet as pq
import pytest

from communique import ActFilter, Corpus
from communique.export import export_acts
from communique.export.formats import ACT_FIELDS, GDELT_FIELDS

from .conftest import DATA


def _capture(store, fmt, f=ActFilter()):
    buf = io.StringIO()
    old = sys.stdout
    sys.stdout = buf
    try:
        n = export_acts(store, fmt, f)
    finally:
        sys.stdout = old
    return n, buf.getvalue()


def test_csv_and_jsonl_carry_every_field_and_provenance(sample_db):
    with Corpus(sample_db, readonly=True) as c:
        total = c.stats()["acts"]
        n, text = _capture(c.store, "csv")
        rows = list(csv.DictReader(io.StringIO(text)))
        assert n == total == len(rows) and tuple(rows[0]) == ACT_FIELDS
        n, text = _capture(c.store, "jsonl", ActFilter(type="AID", actor="USA"))
        for line in text.splitlines():
            r = json.loads(line)
            doc = c.document(r["doc_id"])
            assert doc.text[r["start"]:r["end"]] == r["evidence"] and r["rule"]


def test_parquet_written_atomically(sample_db, tmp_path):
    out = tmp_path / "acts.parquet"
    with Corpus(sample_db, readonly=True) as c:
        n = export_acts(c.store, "parquet", ActFilter(commitments=True), out)
    t = pq.read_table(out)
    assert t.num_rows == n > 0 and set(t.column("commitment").to_pylist()) == {True}
    assert not list(tmp_path.glob("*.tmp"))


def test_gdelt_columns(sample_db):
    with Corpus(sample_db, readonly=True) as c:
        _, text = _capture(c.store, "gdelt", ActFilter(type="REQUEST", target="CHN"))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and tuple(rows[0]) == GDELT_FIELDS
    from communique import Rules

    cameo = Rules().cameo
    for r in rows:
        assert r["Actor2Code"] == "CHN" and r["EventRootCode"] == r["EventCode"][:2] == "02"
        assert len(r["SQLDATE"]) == 8 and r["QuadClass"] == "1"
        assert float(r["GoldsteinScale"]) == cameo[r["EventCode"]]["goldstein"]
        assert int(r["CommuniqueEvidenceEnd"]) > int(r["CommuniqueEvidenceStart"])


def test_plover_records(sample_db):
    with Corpus(sample_db, readonly=True) as c:
        _, text = _capture(c.store, "plover", ActFilter(type="AID"))
    recs = [json.loads(x) for x in text.splitlines()]
    assert recs and all(r["event"] == "AID" for r in recs)
    assert any(r["mode"] == "future" for r in recs) and any("military" in r["context"] for r in recs)
    r = recs[0]
    assert {"id", "date", "event", "mode", "context", "actor", "recipient", "source", "text_info"} <= set(r)
    assert {"text", "start", "end"} <= set(r["text_info"])


@pytest.fixture(scope="module")
def batch_input(tmp_path_factory):
    d = tmp_path_factory.mktemp("bulk")
    (d / "ungd.jsonl").write_text((DATA / "ungd_sample.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    good = (DATA / "ungd_sample.jsonl").read_text(encoding="utf-8").splitlines()[0]
    (d / "corrupt.jsonl").write_text(good.replace('"JPN_78_2023"', '"JPN_78_2023b"') + "\n{\"id\": \"x\", \"text\": \n", encoding="utf-8")
    return [d, DATA / "wh_sample.jsonl.gz"]


@pytest.mark.slow
def test_batch_writes_parquet_by_year_and_resumes(batch_input, tmp_path):
    from communique.batch import run_batch

    out = tmp_path / "out"
    report = run_batch(batch_input, out, workers=1, chunk_size=2)
    assert report.documents == 10 and report.parts_skipped == 0
    assert {p.name for p in out.iterdir() if p.is_dir()} == {"year=2021", "year=2023"}
    assert len(report.failed) == 1 and report.failed[0].line == 2 and "corrupt.jsonl" in report.failed[0].path
    assert (out / "_failures.jsonl").exists()
    parts = sorted(out.glob("year=*/part-*.docs.parquet"))
    assert len(parts) == report.parts_written
    assert sum(pq.read_table(p).num_rows for p in parts) == 10
    assert sum(pq.read_table(str(p).replace(".docs.", ".acts.")).num_rows for p in parts) == report.acts
    # a lost part is redone, and only it
    victim = parts[1]
    victim.unlink()
    again = run_batch(batch_input, out, workers=1, chunk_size=2)
    assert again.parts_written == 1 and again.parts_skipped == len(parts) - 1
    assert victim.exists() and not list(out.glob("**/*.tmp"))


@pytest.mark.slow
def test_killed_run_then_rerun_completes_the_missing_parts(batch_input, tmp_path):
    out = tmp_path / "killed"
    cmd = [sys.executable, "-m", "communique", "batch", *map(str, batch_input), "--out", str(out), "--workers", "1", "--chunk-size", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline and len(list(out.glob("year=*/part-*.docs.parquet"))) < 2:
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGKILL)  # the driver and its workers, mid-run
    proc.wait()
    done_before = {p.name for p in out.glob("year=*/part-*.docs.parquet")}
    assert 2 <= len(done_before) < 10
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert r.returncode == 1  # the corrupt line is still reported
    assert f"{10 - len(done_before)} parts written, {len(done_before)} already done" in r.stderr
    assert len(list(out.glob("year=*/part-*.docs.parquet"))) == 10


@pytest.mark.slow
def test_ingest_from_parquet_matches_direct_ingest(batch_input, tmp_path, extractor):
    from communique.batch import run_batch

    out = tmp_path / "out"
    run_batch(batch_input, out, workers=1, chunk_size=3)
    with Corpus(tmp_path / "from-parquet.db") as c:
        report = c.ingest_parquet(out)
        assert report.added == 10
        via_batch = sorted((a["doc"], a["start"], a["type"]) for a in c.acts())
        assert c.ingest_parquet(out).unchanged == 10
    with Corpus(tmp_path / "direct.db", extractor=extractor) as c:
        c.ingest(batch_input)
        direct = sorted((a["doc"], a["start"], a["type"]) for a in c.acts())
    assert via_batch == direct


def test_partition_by_cuts_parts_by_year_kind_or_none(batch_input, tmp_path):
    """Which folder each document's part goes to, without a cluster: year=, kind= (made safe
    for a folder name) or the top; and a rerun must keep the layout the folder already has."""
    from communique.batch import PARTITIONS, _partition, _parts, run_batch
    from communique.errors import ConfigError
    from communique.ingest import iter_documents
    from communique.model import Document

    docs = [d for d in iter_documents(batch_input) if isinstance(d, Document)]
    assert len(docs) == 10 and PARTITIONS == ("year", "kind", "none")
    for by in PARTITIONS:
        parts = list(_parts(batch_input, 3, [], by))
        assert sorted(d.id for _, _, ds in parts for d in ds) == sorted(d.id for d in docs)
        for folder, _, ds in parts:
            assert {_partition(d, by) for d in ds} == {folder}
        folders = {f for f, _, _ in parts}
        if by == "year":
            assert folders == {f"year={d.date[:4]}" for d in docs}
        elif by == "kind":
            assert folders == {"kind=" + (d.kind or "unknown") for d in docs} and len(folders) >= 2
        else:
            assert folders == {""}
    odd = Document(id="x", name="x", text="t", kind="joint statement/../x")
    assert _partition(odd, "kind") == "kind=joint_statement_.._x" and "/" not in _partition(odd, "kind")
    assert _partition(Document(id="y", name="y", text="t"), "kind") == "kind=unknown"

    with pytest.raises(ConfigError) as e:
        run_batch(batch_input, tmp_path / "o", partition_by="month")
    assert e.value.field == "partition_by"
    out = tmp_path / "out"
    (out / "year=2023").mkdir(parents=True)
    (out / "year=2023" / "part-00000.docs.parquet").write_bytes(b"")
    with pytest.raises(ConfigError, match="differs from the parts already"):
        run_batch(batch_input, out, partition_by="none")


@pytest.mark.slow
@pytest.mark.parametrize("by", ["kind", "none"])
def test_batch_partitioned_by_kind_or_none_loads_like_by_year(batch_input, tmp_path, by):
    from communique.batch import run_batch

    out = tmp_path / by
    report = run_batch(batch_input, out, workers=1, chunk_size=3, partition_by=by)
    assert report.documents == 10
    if by == "none":
        assert not [p for p in out.iterdir() if p.is_dir()] and len(list(out.glob("part-*.docs.parquet"))) == report.parts_written
    else:
        assert {p.name.split("=")[0] for p in out.iterdir() if p.is_dir()} == {"kind"}
    by_year = tmp_path / "year"
    run_batch(batch_input, by_year, workers=1, chunk_size=3)
    rows = {}
    for name, folder in ((by, out), ("year", by_year)):
        with Corpus(tmp_path / f"{name}.db") as c:
            assert c.ingest_parquet(folder).added == 10
            rows[name] = sorted((a["doc"], a["start"], a["type"], a["evidence"]) for a in c.acts())
    assert rows[by] == rows["year"] and rows[by]
