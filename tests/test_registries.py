"""Readers and exporters are chosen through registries: a reader registered for a suffix is
found under folders and read, an exporter registered for a format is offered by ``export``."""
from __future__ import annotations

import io
import re
import subprocess
import sys

import pytest

from communique import ActFilter, Corpus, iter_documents
from communique.errors import ConfigError
from communique.model import ReadFailure
from communique.export import EXPORTERS, export_acts
from communique.export.formats import Exporter
from communique.ingest import read_document
from communique.ingest.readers import READERS, Reader, document_from_text, reader_for, suffix_of
from communique.ingest.sources import SUFFIXES, expand_paths

from .conftest import sample


def test_suffixes_are_the_readers_registry():
    assert SUFFIXES == tuple(READERS) and {".md", ".txt", ".html", ".jsonl", ".jsonl.gz", ".ndjson.gz"} <= set(READERS)
    assert suffix_of(sample("2022-11-14_us-china").with_name("X.JSONL.GZ")) == ".jsonl.gz"
    assert reader_for(sample("2022-11-14_us-china").with_name("x.ndjson.gz")).many
    assert not reader_for(sample("2022-11-14_us-china")).many


def test_a_registered_reader_is_found_and_used(tmp_path, monkeypatch):
    def read_shout(path, max_bytes):
        text = path.read_text(encoding="utf-8").lower()
        return document_from_text(text, name=path.stem, origin=f"file:{path.name}", path=str(path), markdown=False)

    (tmp_path / "a.shout").write_text("THE PARTIES WILL COOPERATE ON CLIMATE.\n", encoding="utf-8")
    (tmp_path / "b.unknown").write_text("ignored", encoding="utf-8")
    (before,) = list(iter_documents([tmp_path]))  # no reader yet: the folder holds no statement
    assert isinstance(before, ReadFailure) and "holds no statement file" in before.message
    monkeypatch.setitem(READERS, ".shout", Reader(read_shout))
    assert [p.name for p in expand_paths([tmp_path])] == ["a.shout"]
    (doc,) = list(iter_documents([tmp_path]))
    assert doc.text.startswith("the parties will cooperate") and read_document(tmp_path / "a.shout").name == "a"


def test_a_registered_exporter_is_offered_and_used(sample_db, monkeypatch):
    def write_ids(rows, out):
        n = 0
        for r in rows:
            out.write(f"{r['act_id']}\n")
            n += 1
        return n

    with Corpus(sample_db, readonly=True) as c:
        with pytest.raises(ConfigError):
            export_acts(c.store, "ids", ActFilter())
        monkeypatch.setitem(EXPORTERS, "ids", Exporter(write_ids))
        buf, old = io.StringIO(), sys.stdout
        sys.stdout = buf
        try:
            n = export_acts(c.store, "ids", ActFilter(type="AID"))
        finally:
            sys.stdout = old
        assert n == len(buf.getvalue().split()) == len(list(c.store.acts(ActFilter(type="AID")))) > 0


def test_export_offers_every_registered_format(tmp_path):
    r = subprocess.run([sys.executable, "-m", "communique", "export", "--help"], capture_output=True, text=True)
    assert r.returncode == 0
    choices = re.search(r"^ +--format \[([^\]]+)\]", r.stdout, re.M).group(1)  # the option's line: [csv|jsonl|...]
    assert tuple(choices.split("|")) == tuple(EXPORTERS)
