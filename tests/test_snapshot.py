"""The samples store is what it was when last recorded (tests/snapshot.py): a change meant to
keep behaviour keeps the same acts, search results and lineages."""
from __future__ import annotations

import json

import pytest

from .snapshot import SNAPSHOT, snapshot

RERECORD = "if the change is meant to change them, re-record: python tests/snapshot.py (and say so in the commit)"


@pytest.fixture(scope="module")
def now(sample_db):
    from communique import Corpus

    with Corpus(sample_db, readonly=True) as c:
        return json.loads(json.dumps(snapshot(c)))


@pytest.fixture(scope="module")
def then():
    return json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_the_same_acts_document_by_document(now, then):
    changed = sorted(d for d in set(now["documents"]) | set(then["documents"])
                     if now["documents"].get(d) != then["documents"].get(d))
    assert not changed, f"acts changed in {changed}; {RERECORD}"
    assert now["acts"] == then["acts"]


def test_the_same_search_results(now, then):
    assert now["search"] == then["search"], RERECORD


def test_the_same_lineages(now, then):
    assert now["lineages"] == then["lineages"], RERECORD


def test_the_snapshot_notices_a_changed_act(sample_db, tmp_path):
    """The comparison can fail: one act's type changed in a copy of the store changes the record."""
    import shutil

    from communique import Corpus

    copy = tmp_path / "changed.db"
    shutil.copy(sample_db, copy)
    with Corpus(copy, readonly=True) as c:
        before = json.loads(json.dumps(snapshot(c)))
    _retype(copy)
    with Corpus(copy, readonly=True) as c:
        after = json.loads(json.dumps(snapshot(c)))
    assert before["documents"] != after["documents"]


def _retype(db) -> None:
    import sqlite3

    con = sqlite3.connect(db)  # a test may reach under the store to fake a change
    with con:
        con.execute("UPDATE acts SET type = CASE type WHEN 'SUPPORT' THEN 'REJECT' ELSE 'SUPPORT' END "
                    "WHERE rowid = (SELECT min(rowid) FROM acts)")
    con.close()
