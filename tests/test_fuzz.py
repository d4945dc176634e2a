"""Nothing a user feeds it breaks a run or loses data: generated hostile input (see
tests/hostile.py) mixed with real statements. No traceback and no swallowed crash,
every good document stored, every failure a one-line ``path[:line]: problem``, and no
file holding the run up for 10 s. A few hundred in the default run; 10,000 under
``slow`` (``pytest -m slow``; `make test` runs it too)."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time

import pytest

from communique import Corpus
from communique.storage import ActFilter

from .conftest import ROOT
from .hostile import generate

MAX_GAP = 10.0  # seconds between two documents' results: no file may hold the run up longer


def run_mix(mix, extractor, db):
    gaps, last = [0.0], [time.perf_counter()]

    def on_event(status, name):
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    with Corpus(db, extractor=extractor) as c:
        report = c.ingest([mix.folder, *mix.extra_paths], on_event=on_event)
        names = {r["name"] for r in c.store.documents(ActFilter())}
        con = sqlite3.connect(db)
        unlinked = con.execute(
            "SELECT COUNT(*) FROM acts a WHERE NOT EXISTS (SELECT 1 FROM lineage_members m WHERE m.act_id = a.id)").fetchone()[0]
        con.close()
    return report, names, max(gaps), unlinked


def check(mix, report, names, gap, unlinked):
    crashes = [str(f) for f in report.failed if "extraction failed" in f.message]
    assert crashes == []  # an exception caught around a document is still a crash
    assert all("\n" not in str(f) and f.path for f in report.failed)
    missing = mix.good - names
    assert not missing, sorted(missing)[:10]
    assert gap < MAX_GAP, gap
    assert unlinked == 0
    assert report.failed  # the hostile files were refused, each by name


def test_a_few_hundred_hostile_files_with_good_statements(tmp_path, extractor):
    mix = generate(tmp_path / "in", 300, seed=13, good=20)
    report, names, gap, unlinked = run_mix(mix, extractor, tmp_path / "f.db")
    check(mix, report, names, gap, unlinked)
    assert len(mix.good) >= 20 + 6
    assert {"front-matter", "encoding", "jsonl-types", "fifo", "dev-zero", "gzip-big-line"} <= set(mix.classes)


def test_cli_on_hostile_files_exits_1_with_one_line_per_failure(tmp_path):
    mix = generate(tmp_path / "in", 60, seed=7, good=3, big_line=8 * 2**20)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    r = subprocess.run([sys.executable, "-m", "communique", "ingest", str(mix.folder), *map(str, mix.extra_paths),
                        "--db", str(tmp_path / "c.db"), "--quiet"], capture_output=True, text=True, env=env, timeout=600)
    assert r.returncode == 1, r.stderr[-2000:]
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr
    assert "d0-fifo.md" in r.stderr and "FIFO" in r.stderr and "character device" in r.stderr
    with Corpus(tmp_path / "c.db", readonly=True) as c:
        assert mix.good <= {d["name"] for d in c.documents()}


def test_an_empty_folder_is_a_failure_with_a_message(tmp_path, extractor):
    (tmp_path / "empty").mkdir()
    with Corpus(tmp_path / "e.db", extractor=extractor) as c:
        report = c.ingest([tmp_path / "empty"])
    assert not report.ok and "holds no statement file" in str(report.failed[0])


@pytest.mark.slow
def test_ten_thousand_hostile_files_with_a_hundred_good_statements(tmp_path, extractor, seed=1):
    """One seed here (about 5 minutes on 2 cores); bench/bench_fuzz.py runs two, with a 1 GiB line."""
    mix = generate(tmp_path / "in", 10_000, seed=seed, good=100)
    report, names, gap, unlinked = run_mix(mix, extractor, tmp_path / "f.db")
    check(mix, report, names, gap, unlinked)
    assert {f"good-{seed}-{k:03d}" for k in range(100)} <= names
