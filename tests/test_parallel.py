"""``ingest --workers N``: extraction in N processes, one writer, the same store."""
from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from communique import Corpus, read_document
from communique.errors import ConfigError
from communique.parallel import WorkerStats, extract_in_workers

from .conftest import SAMPLES

pytestmark = pytest.mark.slow


def dump(db: Path, keep_ids: bool = True) -> dict[str, list[tuple]]:
    """Every row that ingest writes, in a stable order; the ingest time left out
    (and, with ``keep_ids=False``, the row ids, which depend on the order of writing)."""
    con = sqlite3.connect(db)
    out = {}
    try:
        for table, order in (("documents", "id"), ("document_parties", "doc_id, code"), ("sentences", "doc_id, n"),
                             ("acts", "doc_id, sentence, start, \"end\", type, id"), ("act_codes", "act_id, role, code"),
                             ("mentions", "doc_id, start, id"), ("lineages", "id"), ("lineage_members", "lineage_id, act_id")):
            cur = con.execute(f"SELECT * FROM {table} ORDER BY {order}")  # noqa: S608 - fixed names
            cols = [c[0] for c in cur.description]
            drop = {"ingested_at"} | (set() if keep_ids else {"id", "act_id"})
            idx = [i for i, c in enumerate(cols) if c not in drop]
            out[table] = [tuple(r[i] for i in idx) for r in cur]
    finally:
        con.close()
    return out


def test_two_workers_give_the_same_store_as_one(sample_db, tmp_path, extractor):
    db = tmp_path / "two.db"
    with Corpus(db, extractor=extractor) as c:
        report = c.ingest([SAMPLES], workers=2)
    assert report.ok and report.added == 16 and report.workers == 2
    assert len(report.worker_peak_rss) >= 1 and all(v > 0 for v in report.worker_peak_rss.values())
    assert set(report.worker_cpu_seconds) == set(report.worker_peak_rss) and all(v > 0 for v in report.worker_cpu_seconds.values())
    one, two = dump(sample_db), dump(db)
    assert all(one[t] for t in ("documents", "sentences", "acts", "lineages"))
    for table in one:
        assert two[table] == one[table], table


def test_resumes_where_a_run_stopped(sample_db, tmp_path, extractor):
    """Documents already stored are skipped unextracted; the rest are added."""
    db = tmp_path / "resume.db"
    first = sorted(SAMPLES.glob("*.md"))[:5]
    with Corpus(db, extractor=extractor) as c:
        c.ingest(first, workers=2)
    events = []
    with Corpus(db, extractor=extractor) as c:
        report = c.ingest([SAMPLES], workers=2, on_event=lambda status, name: events.append(status))
    assert (report.unchanged, report.added) == (5, 11)
    assert sorted(events) == sorted(["unchanged"] * 5 + ["added"] * 11)  # one event per document: the progress bar
    got, want = dump(db, keep_ids=False), dump(sample_db, keep_ids=False)
    for table in ("documents", "sentences", "acts", "mentions"):
        assert got[table] == want[table], table


def test_a_bad_file_never_stops_the_run(tmp_path, extractor):
    src = tmp_path / "in"
    src.mkdir()
    for p in sorted(SAMPLES.glob("*.md"))[:3]:
        shutil.copy(p, src / p.name)
    (src / "binary.md").write_bytes(b"\x00\x01\x02" * 100)
    (src / "empty.md").write_text("")
    with Corpus(tmp_path / "bad.db", extractor=extractor) as c:
        report = c.ingest([src], workers=2)
    assert report.added == 3
    assert sorted(Path(f.path).name for f in report.failed) == ["binary.md", "empty.md"]


def _explode_in_worker(parent: int, doc):
    """Unpickled in a worker process, this document kills it (as a segfault would)."""
    if os.getpid() != parent:
        os._exit(3)
    return doc


class _Bomb:
    def __init__(self, doc) -> None:
        self.doc = doc

    def __getattr__(self, name):  # a document in the parent
        return getattr(self.__dict__["doc"], name)

    def __reduce__(self):
        return (_explode_in_worker, (os.getpid(), self.doc))


def test_a_dying_worker_fails_only_its_document():
    docs = [read_document(p) for p in sorted(SAMPLES.glob("*.md"))[:4]]
    bomb = _Bomb(docs[1])
    stats = WorkerStats()
    out = list(extract_in_workers([docs[0], bomb, docs[2], docs[3]], 2, stats=stats))
    assert [type(x).__name__ for x in out] == ["Extraction", "ReadFailure", "Extraction", "Extraction"]
    assert "worker process died" in out[1].message and out[1].path == docs[1].path
    assert [x.document.name for x in out if hasattr(x, "document")] == [docs[i].name for i in (0, 2, 3)]
    assert stats.restarts == 2  # once for the chunk, once for the document alone


def test_workers_must_be_positive(tmp_path):
    with Corpus(tmp_path / "x.db") as c, pytest.raises(ConfigError):
        c.ingest([SAMPLES], workers=0)


def test_a_worker_that_cannot_start_raises_the_reason():
    from communique.errors import ModelError

    doc = read_document(sorted(SAMPLES.glob("*.md"))[0])
    with pytest.raises(ModelError, match="no_such_model"):
        list(extract_in_workers([doc], 2, model="no_such_model"))


def test_cli_ingest_with_workers(tmp_path):
    from communique.cli import main

    src = tmp_path / "in"
    src.mkdir()
    for p in sorted(SAMPLES.glob("*.md"))[:2]:
        shutil.copy(p, src / p.name)
    db = tmp_path / "cli.db"
    assert main(["ingest", str(src), "--db", str(db), "--workers", "2", "--quiet"]) == 0
    with Corpus(db, readonly=True) as c:
        assert c.stats()["documents"] == 2
    # refused as the options are read, like every count
    assert main(["ingest", str(src), "--db", str(db), "--workers", "0"]) == 2


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="with one core OpenBLAS starts one thread anyway")
def test_a_worker_keeps_one_blas_thread():
    """N workers fill N cores; a worker whose OpenBLAS kept a thread per core made both
    workers a fifth slower (their idle BLAS threads spin). The worker's initialiser, run
    as the pool runs it (a fresh interpreter), must leave every BLAS pool at one thread."""
    import json
    import subprocess
    import sys

    code = ("import json, threadpoolctl\n"
            "from communique import parallel\n"
            "from communique.nlp.pipeline import DEFAULT_MODEL\n"
            "parallel._init(None, DEFAULT_MODEL, None)\n"
            "assert parallel._INIT_ERROR is None, parallel._INIT_ERROR\n"
            "blas = [i['num_threads'] for i in threadpoolctl.threadpool_info() if i['user_api'] == 'blas']\n"
            "print(json.dumps(blas))\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                       env={k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")})
    assert r.returncode == 0, r.stderr
    blas = json.loads(r.stdout.strip().splitlines()[-1])
    assert blas and set(blas) == {1}
