"""The store heals: a run killed at any point and rerun gives the store a clean run
gives, lineages included; lineages are rebuilt on demand (`communique relink`);
concurrent writers creating a new database wait instead of failing; prefix queries
match words as written."""
from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from communique import Corpus
from communique.cli import main
from communique.storage import Store

from .conftest import ROOT, SAMPLES

FILES = sorted(SAMPLES.glob("*us-japan*.md"))  # five statements of one series: their acts form lineages across them


def dump(db: Path) -> dict:
    """Everything a store holds that a rerun must reproduce (not the ingest timestamps)."""
    con = sqlite3.connect(db)
    q = lambda sql: [tuple(r) for r in con.execute(sql)]  # noqa: E731
    out = {
        "documents": q("SELECT id, name, date, content_hash, text FROM documents ORDER BY id"),
        "sentences": q('SELECT doc_id, n, start, "end" FROM sentences ORDER BY doc_id, n'),
        "acts": q('SELECT id, doc_id, sentence, start, "end", type, modality, actors, targets FROM acts ORDER BY id'),
        "lineages": q("SELECT id, type, canonical, first, last, size FROM lineages ORDER BY id"),
        "members": q("SELECT lineage_id, act_id, status FROM lineage_members ORDER BY lineage_id, act_id"),
    }
    con.close()
    return out


@pytest.fixture(scope="module")
def clean(tmp_path_factory, extractor) -> dict:
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    with Corpus(db, extractor=extractor) as c:
        assert c.ingest(FILES).added == len(FILES)
    d = dump(db)
    assert d["lineages"] and any(size > 1 for *_, size in d["lineages"])
    return d


def _count(db: Path, table: str) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


@pytest.mark.parametrize("kill_when", ["first document stored", "all documents stored"])
def test_a_sigkill_during_ingest_then_a_rerun_gives_the_clean_store(tmp_path, extractor, clean, kill_when):
    db = tmp_path / "k.db"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen([sys.executable, "-m", "communique", "ingest", *map(str, FILES), "--db", str(db), "--quiet"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    target = 1 if kill_when == "first document stored" else len(FILES)
    deadline = time.monotonic() + 120
    while _count(db, "documents") < target and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stored = _count(db, "documents")
    assert stored >= target
    with Corpus(db, extractor=extractor) as c:
        report = c.ingest(FILES)
    assert report.ok and report.added == len(FILES) - stored
    assert dump(db) == clean


@pytest.mark.parametrize("stop_at", [0, 2, 4, "linking"])
def test_a_run_stopped_at_any_write_then_rerun_gives_the_clean_store(tmp_path, extractor, clean, monkeypatch, stop_at):
    """The same, at every step deterministically: the run dies inside the write of
    document ``stop_at`` (its transaction never commits) or just before linking."""
    db = tmp_path / "s.db"
    real_write, writes = Store.write, []

    def dying_write(self, ex, rules):
        if len(writes) == stop_at:
            raise KeyboardInterrupt  # as a kill: nothing after this point runs
        writes.append(ex.document.name)
        return real_write(self, ex, rules)

    monkeypatch.setattr(Store, "write", dying_write)
    if stop_at == "linking":
        monkeypatch.setattr(Corpus, "update_lineages", lambda self, *a, **k: (_ for _ in ()).throw(KeyboardInterrupt))
    with pytest.raises(KeyboardInterrupt):
        with Corpus(db, extractor=extractor) as c:
            c.ingest(FILES)
    monkeypatch.undo()
    with Corpus(db, extractor=extractor) as c:
        report = c.ingest(FILES)
    assert report.ok
    if stop_at == "linking":  # every document was stored: the rerun finds them unchanged and links their acts
        assert report.unchanged == len(FILES) and report.added == 0
    assert dump(db) == clean


def test_relink_rebuilds_lineages_on_demand(db_copy, capsys):
    before = dump(db_copy)
    con = sqlite3.connect(db_copy)
    con.execute("DELETE FROM lineage_members")
    con.execute("DELETE FROM lineages")
    con.commit()
    con.close()
    assert main(["relink", "--db", str(db_copy)]) == 0
    assert "relinked" in capsys.readouterr().err
    assert dump(db_copy) == before


_WRITER = textwrap.dedent("""
    import sys, time
    from communique.model import Document, Extraction
    from communique.storage import Store
    db, n, start = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    time.sleep(max(0.0, start - time.time()))
    with Store(db) as s:
        for k in range(3):
            d = Document(id=f"d{n}-{k}", name=f"d{n}-{k}", text="We will cooperate.", content_hash=str(k))
            s.write(Extraction(d, (), (), (), ()), "rules")
""")


def test_concurrent_writers_creating_a_new_store_all_succeed(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    for trial in range(3):
        db = tmp_path / f"race{trial}.db"
        start = time.time() + 1.5  # all processes open the new database at the same instant
        procs = [subprocess.Popen([sys.executable, "-c", _WRITER, str(db), str(n), str(start)], env=env,
                                  stderr=subprocess.PIPE, text=True) for n in range(4)]
        errors = [p.communicate()[1] for p in procs]
        assert all(p.returncode == 0 for p in procs), errors
        with Store(db, readonly=True) as s:
            assert s.stats()["documents"] == 12


def test_prefix_queries_match_words_as_written(sample_db):
    with Corpus(sample_db, readonly=True) as c:
        for prefix in ("cooperat", "denucleariz"):
            rows = c.search(prefix + "*")
            assert rows, prefix
            assert all(prefix in r["text"].lower() for r in rows)
        assert len(c.search("cooperat*", limit=500)) >= len(c.search("cooperation*", limit=500))
        dashed = c.search("-japan")  # a word, not an option or a column filter
        assert dashed and all("japan" in r["text"].lower() for r in dashed)


def test_search_dash_dash_query_on_the_command_line(sample_db, capsys):
    assert main(["search", "--db", str(sample_db), "--format", "jsonl", "--limit", "3", "--", "-japan"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(rows) == 3 and all("japan" in r["text"].lower() for r in rows)


def test_cli_limits_names_and_issues(sample_db, capsys):
    for bad in (["acts", "--limit", "0"], ["acts", "--limit", "100000000000000000000000"], ["acts", "--limit", "x"]):
        assert main([*bad, "--db", str(sample_db)]) == 2
    assert main(["acts", "--db", str(sample_db), "--actor", "United States", "--format", "jsonl", "--limit", "5"]) == 0
    out = capsys.readouterr()
    assert "'United States' is USA" in out.err and all("USA" in json.loads(x)["actors"] for x in out.out.splitlines())
    assert main(["acts", "--db", str(sample_db), "--issue", "defence", "--limit", "2", "--format", "jsonl"]) == 0
    assert "is defense" in capsys.readouterr().err
    assert main(["acts", "--db", str(sample_db), "--actor", "Untied States"]) == 1
    assert "did you mean USA" in capsys.readouterr().err
    assert main(["acts", "--db", str(sample_db), "--issue", "cheese"]) == 1
    assert "one of defense" in capsys.readouterr().err
    assert main(["acts", "--db", str(sample_db), "--type", "HUG"]) == 1
    assert "one of ACCUSE" in capsys.readouterr().err
