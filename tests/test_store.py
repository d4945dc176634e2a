"""The store: idempotent ingest, whole documents only (kill -9), readers during
writes, bad files in a batch, search that never throws a traceback."""
from __future__ import annotations

import ast
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from communique import ActFilter, Corpus
from communique.storage import Store
from communique.errors import ConfigError, QueryError

from .conftest import SAMPLES, sample


def test_ingest_is_idempotent(db_copy, extractor):
    with Corpus(db_copy, extractor=extractor) as c:
        before = c.stats()
        report = c.ingest([SAMPLES])
        assert (report.added, report.updated, report.unchanged) == (0, 0, before["documents"])
        assert c.stats() == before


def test_changed_document_replaces_its_rows(db_copy, extractor, tmp_path):
    src = sample("2023-01-13_us-japan_joint-statement")
    p = tmp_path / src.name
    p.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    with Corpus(db_copy, extractor=extractor) as c:
        acts_before = c.stats()["acts"]
        p.write_text(p.read_text(encoding="utf-8") + "\nWe will impose sanctions on Belarus.\n", encoding="utf-8")
        report = c.ingest([p])
        assert report.updated == 1 and report.added == 0
        assert c.stats()["acts"] == acts_before + 1
        assert c.acts(ActFilter(type="SANCTION", target="BLR"))
        with closing(sqlite3.connect(db_copy)) as con:
            n_docs = con.execute("SELECT COUNT(*) FROM documents WHERE name = ?", (src.stem,)).fetchone()[0]
        assert n_docs == 1


def test_filters(sample_db):
    with Corpus(sample_db, readonly=True) as c:
        reqs = c.acts(ActFilter(type="REQUEST", target="CHN"))
        assert reqs and all(r["type"] == "REQUEST" and "CHN" in r["targets"] for r in reqs)
        jp = c.acts(ActFilter(party="JPN", since="2023", until="2023-01", commitments=True))
        assert jp and {r["doc"] for r in jp} == {"2023-01-13_us-japan_joint-statement"}
        assert all(r["commitment"] for r in jp)
        aid = c.acts(ActFilter(issue="defense", type="AID", actor="USA"))
        assert any("Article V" in r["evidence"] for r in aid)
        with pytest.raises(ConfigError):
            c.acts(ActFilter(since="last year"))
        with pytest.raises(ConfigError):
            c.acts(ActFilter(type="BOMB"))


def test_search_ranks_and_filters(sample_db):
    with Corpus(sample_db, readonly=True) as c:
        rows = c.search('"status quo"')
        assert rows and all("status quo" in r["text"].lower() for r in rows)
        assert all("«" in r["snippet"] for r in rows)
        assert c.search("sanction*", ActFilter(type="SANCTION"))
        both = c.search("Senkaku AND Article")
        assert {r["doc"][:10] for r in both} >= {"2023-01-13", "2024-04-10"}
        without = c.search("Senkaku NOT Article")
        assert without and all("article" not in r["text"].lower() for r in without)
        recent = c.search("Ukraine", ActFilter(since="2024"))
        assert recent and all(r["date"] >= "2024" for r in recent)


@pytest.mark.parametrize("query", ['"unclosed', "AND OR", "NEAR(", "((", "a:b:c", "*"])
def test_malformed_search_is_a_clean_error(sample_db, query):
    with Corpus(sample_db, readonly=True) as c:
        with pytest.raises(QueryError) as e:
            c.search(query)
        assert "search" in str(e.value) or "query" in str(e.value)


def test_empty_unicode_and_long_queries(sample_db):
    with Corpus(sample_db, readonly=True) as c:
        with pytest.raises(QueryError):
            c.search("   ")
        with pytest.raises(QueryError):
            c.search("alliance " * 500)
        assert c.search("Löfven") or c.search("Sweden")
        assert c.search("日本") == []


def test_hostile_values_are_bound_not_formatted(db_copy):
    hostile = "USA') OR 1=1; DROP TABLE acts; --"
    with Corpus(db_copy) as c:
        assert c.acts(ActFilter(actor=hostile)) == []
        assert c.acts(ActFilter(party=hostile, kind=hostile)) == []
        with pytest.raises(QueryError):
            c.search(hostile)
        assert c.stats()["acts"] > 0


PACKAGE = Path(__file__).parent.parent / "src" / "communique"
_SQL_TEXT = re.compile(r"\b(SELECT|INSERT INTO|DELETE FROM|UPDATE \w+ SET|WHERE|EXISTS \(|ORDER BY|GROUP BY|JOIN|MATCH)\b|[=<>] \?")
_SQL_START = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA|WITH|DROP|ALTER|REPLACE|BEGIN|VACUUM)\s")
# lower-case SQL, by its shape (a bare "with" or "update" starts English sentences too)
_SQL_START_LOWER = re.compile(r"^\s*(select\s.+\sfrom\s|insert\s+(or\s+\w+\s+)?into\s|update\s+\w+\s+set\s|delete\s+from\s|"
                              r"create\s+(virtual\s+)?(table|index|view|trigger)\s|pragma\s+\w+|drop\s+(table|index|view)\s|"
                              r"with\s+\w+\s+as\s*\()", re.S)
_DB_CALLS = {"execute", "executemany", "executescript", "_conn", "cursor"}


def _is_sql(text: str) -> bool:
    return bool(_SQL_START.match(text) or _SQL_START_LOWER.match(text))


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _interpolated_sql(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, expression) of every value interpolated into an f-string that reads as SQL."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
            if _SQL_TEXT.search(text):
                out += [(node.lineno, ast.unparse(v.value)) for v in node.values if isinstance(v, ast.FormattedValue)]
    return out


def _sql_outside_storage(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, what) of every SQL statement, database call or sqlite3 import in a module."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and _is_sql(node.value):
            out.append((node.lineno, node.value[:60]))
        elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant) \
                and _is_sql(str(node.values[0].value)):
            out.append((node.lineno, ast.unparse(node)[:60]))
        elif isinstance(node, ast.Attribute) and node.attr in _DB_CALLS:
            out.append((node.lineno, "." + node.attr))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] + ([node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
            if "sqlite3" in names:
                out.append((node.lineno, "import sqlite3"))
    return out


def test_no_sql_is_built_from_user_input():
    """Every f-string of the whole package that reads as SQL interpolates only fixed
    fragments (aliases, ORDER BY choices from a fixed map, one of two index names), never values."""
    fixed = {"alias", "where", "order_sql", "fts"}
    seen = {(path.relative_to(PACKAGE).as_posix(), line, expr) for path, tree in _modules() for line, expr in _interpolated_sql(tree)}
    assert not {x for x in seen if x[2] not in fixed}, sorted(x for x in seen if x[2] not in fixed)
    assert len(seen) >= 8  # the filters' and search's SQL was looked at
    # and the scan sees what it guards against
    assert _interpolated_sql(ast.parse('q = f"SELECT * FROM acts WHERE type = {user}"')) == [(1, "user")]


def test_no_sql_outside_storage():
    """Storage alone speaks SQL: no statement, no execute(), no sqlite3 and no reach into
    the store's connection anywhere else in the package."""
    found = {(path.relative_to(PACKAGE).as_posix(), line, what) for path, tree in _modules()
             if path.relative_to(PACKAGE).parts[0] != "storage" for line, what in _sql_outside_storage(tree)}
    assert not found, sorted(found)
    assert len({p for p, _ in _modules() if p.relative_to(PACKAGE).parts[0] == "storage"}) >= 3  # it did look there
    for bad in ('store._conn.execute("x")', 'rows = db.execute(q)', 'import sqlite3', 'Q = """\n  SELECT id FROM acts"""',
                'q = f"DELETE FROM {t}"', 'q = "select id from acts where type = ?"', 'q = f"update acts set x = {v}"',
                'q = "with t as (select 1) select * from t"'):
        assert _sql_outside_storage(ast.parse(bad)), bad
    for prose in ('h = "with the group\'s settings, select one"', 'h = "update the store: select the rows from a file"'):
        assert not _sql_outside_storage(ast.parse(prose)), prose  # English is not SQL


def test_store_connection_is_private(sample_db):
    with Store(sample_db, readonly=True) as s:
        assert not hasattr(s, "conn")


def test_ingest_of_a_folder_with_broken_files(tmp_path, extractor):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.md").write_text("", encoding="utf-8")
    (tmp_path / "in" / "binary.md").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "in" / "broken.md").write_text("---\ntitle: [x\n---\nbody\n", encoding="utf-8")
    (tmp_path / "in" / "good.md").write_text(sample("2022-11-14_us-china").read_text(encoding="utf-8"), encoding="utf-8")
    with Corpus(tmp_path / "s.db", extractor=extractor) as c:
        report = c.ingest([tmp_path / "in"])
        assert report.added == 1 and len(report.failed) == 3
        assert {Path(f.path).name for f in report.failed} == {"empty.md", "binary.md", "broken.md"}
        assert c.stats()["documents"] == 1
    r = subprocess.run([sys.executable, "-m", "communique", "ingest", str(tmp_path / "in"), "--db", str(tmp_path / "t.db"), "--quiet"],
                       capture_output=True, text=True)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "1 added" in r.stderr and "3 failed" in r.stderr and "broken.md:" in r.stderr


def _kill_midway(db: Path, folder: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "communique", "ingest", str(folder), "--db", str(db), "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:
        time.sleep(0.2)
        try:
            with sqlite3.connect(db, timeout=1) as conn:
                n = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        except sqlite3.Error:
            n = 0
        if n >= 3:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


@pytest.mark.slow
def test_kill_9_midway_then_rerun_leaves_every_document_once(tmp_path):
    db = tmp_path / "k.db"
    _kill_midway(db, SAMPLES)
    with sqlite3.connect(db) as conn:
        partial = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        # no half document: every stored document has its sentences, and acts point at stored documents
        assert conn.execute("SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc_id = d.id)").fetchone()[0] == 0
    assert 3 <= partial < len(list(SAMPLES.glob("*.md")))
    r = subprocess.run([sys.executable, "-m", "communique", "ingest", str(SAMPLES), "--db", str(db), "--quiet"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    with sqlite3.connect(db) as conn:
        names = [row[0] for row in conn.execute("SELECT name FROM documents")]
        orphans = conn.execute("SELECT COUNT(*) FROM acts a WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = a.doc_id)").fetchone()[0]
    assert sorted(names) == sorted(p.stem for p in SAMPLES.glob("*.md"))
    assert orphans == 0
    assert f"{partial} unchanged" in r.stderr


@pytest.mark.slow
def test_a_reader_can_query_while_an_ingest_writes(tmp_path):
    db = tmp_path / "rw.db"
    Corpus(db).close()  # create the schema
    proc = subprocess.Popen([sys.executable, "-m", "communique", "ingest", str(SAMPLES), "--db", str(db), "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seen = set()
    try:
        with Corpus(db, readonly=True) as reader:
            while proc.poll() is None:
                seen.add(reader.stats()["documents"])
                time.sleep(0.1)
    finally:
        proc.wait()
    assert proc.returncode == 0
    assert len(seen) >= 2  # the reader saw the store grow, and never blocked or failed


def test_a_document_that_names_no_parties_is_found_by_the_parties_read_for_it(tmp_path, extractor):
    # White House records carry no parties: a --party filter found none of their acts
    wh = Path(__file__).resolve().parent / "data" / "wh_issuers.jsonl"
    with Corpus(tmp_path / "wh.db", extractor=extractor) as c:
        c.ingest([wh])
        usa = {r["doc"] for r in c.acts(ActFilter(party="USA"))}
        can = {r["doc"] for r in c.acts(ActFilter(party="CAN"))}
    assert "2021-02-10-remarks-by-president-biden-on-the-administrations-response-to-the-coup-in-burma" in usa
    assert "2025-02-01-fact-sheet-president-donald-j-trump-imposes-tariffs-on-imports-from-canada-mexico-and-china" in usa
    # Canada issues the G7's statement, not the tariffs fact sheet about its imports
    assert can == {"2024-06-03-g7-leaders-statement-on-gaza"}
