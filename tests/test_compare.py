"""Tracking across statements, validated on the real US-Japan and Quad series."""
from __future__ import annotations

import json
import sqlite3
from contextlib import closing
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from communique import Corpus
from communique.errors import ConfigError
from communique.compare.similarity import word_diff

from .conftest import sample


def _sql(db, sql: str) -> list[tuple]:
    """Rows of a query on a database file (storage keeps its connection to itself)."""
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()

US_JAPAN = ["2021-04-16", "2022-05-23", "2023-01-13", "2024-04-10", "2025-02-07"]


@pytest.fixture(scope="module")
def corpus(sample_db):
    c = Corpus(sample_db, readonly=True)
    yield c
    c.close()


def _dates(lineage, status=None):
    return [d["date"] for d in lineage["documents"] if (status is None and d["status"] != "dropped") or d["status"] == status]


def test_article_v_lineage_holds_every_us_japan_statement(corpus):
    [lin] = corpus.track("Article V applies to the Senkaku Islands", limit=1)
    assert lin["type"] == "AID"
    assert _dates(lin) == US_JAPAN
    docs = lin["documents"]
    assert docs[0]["status"] == "new" and all(d["status"] in ("reworded", "repeated") for d in docs[1:])
    for d in docs:
        assert "Article V" in d["evidence"] and "Senkaku" in d["evidence"]
        stored = corpus.document(d["doc"])
        assert stored.text[d["start"]:d["end"]] == d["evidence"]
    assert lin["canonical"] == docs[-1]["evidence"]  # the most recent wording
    assert any(op == "+" and "U.S.-Japan Treaty" in words for op, words in docs[-1]["changes"])


def test_status_quo_lineage_links_across_years(corpus):
    lins = corpus.track("oppose unilateral attempts to change the status quo by force or coercion", limit=3)
    best = max(lins, key=lambda x: len(_dates(x)))
    years = {d[:4] for d in _dates(best)}
    assert best["type"] == "REJECT" and len(years) >= 3
    assert {"2021", "2022", "2023"} <= years


def test_quad_statements_link_recurring_commitments(corpus):
    rows = _sql(corpus.store.path,
        "SELECT m.lineage_id, COUNT(DISTINCT d.id) FROM lineage_members m JOIN documents d ON d.id = m.doc_id"
        " WHERE d.name LIKE '%quad_joint-statement%' GROUP BY m.lineage_id HAVING COUNT(DISTINCT d.id) >= 3")
    assert len(rows) >= 5
    [asean] = [x for x in corpus.track("support for ASEAN centrality and unity", limit=5) if x["type"] == "SUPPORT"][:1]
    quad_years = {d["date"][:4] for d in asean["documents"] if "quad" in d["doc"] and d["status"] != "dropped"}
    assert quad_years >= {"2021", "2022", "2023", "2024"}


def test_dropped_marks_later_statements_of_the_series(corpus):
    lin = corpus.track("We will meet regularly", limit=5)
    quad = [x for x in lin if any("quad" in d["doc"] for d in x["documents"])]
    assert any(d["status"] == "dropped" for x in quad for d in x["documents"])
    for x in quad:
        for d in x["documents"]:
            if d["status"] == "dropped":
                assert d["evidence"] is None and d["date"] > x["first"]


def test_negation_is_never_linked_as_a_repeat(tmp_path, extractor):
    base = "---\ntitle: Joint Statement of the United States and Japan\ndate: '{date}'\nparties: [USA, JPN]\nkind: joint-statement\n---\n{body}\n"
    (tmp_path / "a.md").write_text(base.format(date="2020-01-01", body="We will impose sanctions on Belarus."), encoding="utf-8")
    (tmp_path / "b.md").write_text(base.format(date="2021-01-01", body="We will impose sanctions on Belarus."), encoding="utf-8")
    (tmp_path / "c.md").write_text(base.format(date="2022-01-01", body="We will no longer impose sanctions on Belarus."), encoding="utf-8")
    with Corpus(tmp_path / "n.db", extractor=extractor) as c:
        c.ingest([tmp_path / "a.md", tmp_path / "b.md", tmp_path / "c.md"])
        [lin] = [x for x in c.track("impose sanctions on Belarus", limit=5) if x["size"] >= 2]
        assert [d["status"] for d in lin["documents"]] == ["new", "repeated", "dropped"]
        lins = c.track("no longer impose sanctions", limit=5)
        assert any(x["size"] == 1 and x["documents"][0]["doc"] == "c" for x in lins)


def test_incremental_update_links_a_new_statement(db_copy, extractor, tmp_path):
    with Corpus(db_copy, extractor=extractor) as c:
        before = _sql(c.store.path, "SELECT COUNT(*) FROM lineages")[0][0]
        src = sample("2025-02-07_us-japan")
        p = tmp_path / "2026-01-01_us-japan_joint-statement.md"
        p.write_text(src.read_text(encoding="utf-8").replace("date: '2025-02-07'", "date: '2026-01-01'")
                     .replace("origin:", "origin: copy-"), encoding="utf-8")
        report = c.ingest([p])
        assert report.added == 1
        [lin] = c.track("Article V applies to the Senkaku Islands", limit=1)
        assert lin["documents"][-1]["date"] == "2026-01-01" and lin["documents"][-1]["status"] == "repeated"
        after = _sql(c.store.path, "SELECT COUNT(*) FROM lineages")[0][0]
        assert after - before < 40  # most acts joined existing lineages; nothing was rebuilt


def test_diff_reports_what_2023_adds_and_drops(corpus):
    d = corpus.diff("2022-05-23_us-japan_joint-statement_strengthening-free-open-international-order",
                    "2023-01-13_us-japan_joint-statement")
    added = [e["b"]["evidence"] for g in d["issues"].values() for e in g["added"]]
    dropped = [e["a"]["evidence"] for g in d["issues"].values() for e in g["dropped"]]
    reworded = [e for g in d["issues"].values() for e in g["reworded"]]
    assert any("counterstrike" in x for x in added)
    assert "counterstrike" not in " ".join(dropped)
    assert any("Security Council" in x for x in dropped)
    assert reworded and all(e["changes"] for e in reworded)
    assert d["totals"]["added"] == len(added) and "defense" in d["issues"]


def test_trends_counts_and_goldstein(corpus):
    t = corpus.trends("USA", "CHN", "year")
    by = [r for r in t["rows"] if r["direction"] == "by"]
    assert by and sum(r["acts"] for r in by) == len(corpus.acts(actor="USA", target="CHN"))
    for r in by:
        assert 0 <= r["commitment_share"] <= 1 and -10 <= r["mean_goldstein"] <= 10
    q = corpus.trends("JPN", by="quarter")
    assert all("-Q" in r["period"] for r in q["rows"] if r["period"] != "undated")


def test_trends_count_only_the_acts_the_filters_keep(corpus):
    from communique import ActFilter

    where = ActFilter(issue="climate", commitments=True, since="2022", until="2023")
    t = corpus.trends("USA", by="year", where=where)
    by = {r["period"]: r for r in t["rows"] if r["direction"] == "by"}
    assert by and set(by) <= {"2022", "2023"}
    for period, r in by.items():
        same = corpus.acts(actor="USA", issue="climate", commitments=True, since=period, until=period)
        assert r["acts"] == len(same) and r["commitment_share"] == 1.0
    assert t["filters"] == {"issue": "climate", "since": "2022", "until": "2023", "commitments": True}
    # a type narrows each period to that type, and the whole count is the acts query's
    s = corpus.trends("JPN", where=ActFilter(type="SUPPORT"))
    assert all(set(r["types"]) == {"SUPPORT"} for r in s["rows"])
    assert sum(r["acts"] for r in s["rows"] if r["direction"] == "by") == len(corpus.acts(actor="JPN", type="SUPPORT"))
    with pytest.raises(ConfigError, match="since"):
        corpus.trends("USA", where=ActFilter(since="2022-13"))


def test_cli_track_json_shape(sample_db, tmp_path):
    import shutil

    db = tmp_path / "t.db"
    shutil.copy(sample_db, db)
    r = subprocess.run([sys.executable, "-m", "communique", "track", "Article V applies to the Senkaku Islands", "--db", str(db),
                        "--format", "json", "--limit", "1"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    lin = out["lineages"][0]
    assert set(lin) >= {"id", "canonical", "first", "last", "type", "actors", "targets", "documents"}
    assert set(lin["documents"][0]) >= {"doc", "date", "title", "status", "evidence", "start", "end"}


def test_cli_track_is_read_only(db_copy):
    """track opens the store read-only and never relinks: acts left unlinked stay so, the file is untouched."""
    import hashlib
    import os

    with closing(sqlite3.connect(db_copy)) as con, con:
        con.execute("DELETE FROM lineage_members")
        con.execute("DELETE FROM lineages")
    with closing(sqlite3.connect(db_copy)) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = hashlib.sha256(db_copy.read_bytes()).hexdigest()
    os.chmod(db_copy, 0o444)
    try:
        r = subprocess.run([sys.executable, "-m", "communique", "track", "Article V applies to the Senkaku Islands",
                            "--db", str(db_copy), "--format", "json"], capture_output=True, text=True)
    finally:
        os.chmod(db_copy, 0o644)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == {"lineages": []}  # nothing linked, and track did not link it
    assert hashlib.sha256(db_copy.read_bytes()).hexdigest() == before
    assert _sql(db_copy, "SELECT COUNT(*) FROM lineages") == [(0,)]


@given(st.lists(st.sampled_from(["we", "will", "defend", "Japan", "the", "Senkaku", "Islands", "firmly"]), max_size=12),
       st.lists(st.sampled_from(["we", "will", "defend", "Japan", "the", "Senkaku", "Islands", "firmly"]), max_size=12))
def test_word_diff_rebuilds_both_wordings(a, b):
    ops = word_diff(" ".join(a), " ".join(b))
    assert " ".join(w for op, w in ops if op in "=+").split() == b
    assert len(" ".join(w for op, w in ops if op in "=-").split()) == len(a)
