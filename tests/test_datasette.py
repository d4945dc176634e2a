"""The store in Datasette, driven through Datasette's own test client."""
from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import tomllib
from pathlib import Path

import pytest

datasette_app = pytest.importorskip("datasette.app")

from communique.storage import datasette as plugin  # noqa: E402

from .conftest import ROOT  # noqa: E402


@pytest.fixture()
def ds(sample_db, tmp_path):
    """Datasette serving the sample store and an unrelated database, with the plugin
    registered as its entry point registers it once communique is installed."""
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE acts (id INTEGER PRIMARY KEY, type TEXT)")
    con.commit()
    con.close()
    with _registered():
        yield datasette_app.Datasette([str(sample_db), str(other)])


@contextlib.contextmanager
def _registered():
    from datasette.plugins import pm

    registered = any(getattr(p, "__name__", "") == plugin.__name__ for p in pm.get_plugins())
    if not registered:
        pm.register(plugin, name="communique-test")
    try:
        yield
    finally:
        if not registered:
            pm.unregister(name="communique-test")


def test_the_facet_time_limit_is_raised_for_a_store_unless_set(sample_db, tmp_path):
    """Array facets need more than Datasette's default 200 ms on a store of hundreds of
    statements; a limit the user set stays, and a database that is no store is left alone."""
    other = tmp_path / "plain.db"
    sqlite3.connect(other).close()

    def limit(files, **settings):
        d = datasette_app.Datasette([str(f) for f in files], settings=settings or None)
        asyncio.run(d.invoke_startup())
        return d.setting("facet_time_limit_ms")

    with _registered():
        assert limit([sample_db]) == plugin.FACET_TIME_LIMIT_MS > 200
        assert limit([sample_db], facet_time_limit_ms=500) == 500
        assert limit([other]) == 200


def get(ds, path: str):
    async def go():
        return await ds.client.get(path)

    r = asyncio.run(go())
    assert r.status_code == 200, (path, r.status_code, r.text[:500])
    return r


def test_the_entry_point_names_the_plugin():
    eps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["entry-points"]["datasette"]
    assert eps == {"communique": plugin.__name__}
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert any(x.startswith("datasette==") for x in extras["datasette"])
    assert any(x.startswith("datasette==") for x in extras["dev"])


def test_titles_and_descriptions(ds, sample_db):
    name = Path(sample_db).stem
    meta = get(ds, "/-/metadata.json").json()
    assert meta["title"] == "communique"
    tables = meta["databases"][name]["tables"]
    assert tables["acts"]["title"] == "Acts" and tables["documents"]["title"] == "Statements"
    assert "other" not in meta["databases"]  # another database is left alone
    page = get(ds, f"/{name}/acts").text
    assert "Acts" in page and "evidence span" in page


def test_column_descriptions_name_only_real_act_types_and_modalities():
    """The act-type vocabulary is the model's; a description once named a type that does not exist."""
    import re

    from communique.model import ACT_TYPES, MODALITIES

    cols = plugin.metadata("x")["databases"]["x"]["tables"]["acts"]["columns"]
    assert set(re.findall(r"\b[A-Z]{3,}\b", cols["type"])) == set(ACT_TYPES)
    assert set(re.findall(r"\b[A-Z]{3,}\b", cols["modality"])) == set(MODALITIES)


def test_full_text_search_uses_the_index(ds, sample_db):
    name = Path(sample_db).stem
    con = sqlite3.connect(sample_db)
    want = con.execute("SELECT COUNT(*) FROM sentences_fts WHERE sentences_fts MATCH '\"status quo\"'").fetchone()[0]
    con.close()
    assert want > 0
    r = get(ds, f'/{name}/sentences.json?_search="status quo"&_shape=objects&_size=max').json()
    assert len(r["rows"]) == want
    assert all("status quo" in row["text"].lower() for row in r["rows"])


def test_facets_on_acts_and_statements(ds, sample_db):
    name = Path(sample_db).stem
    acts = get(ds, f"/{name}/acts.json?_size=0").json()["facet_results"]
    assert {"type", "modality", "actors", "targets", "issues"} <= set(acts)
    types = {f["value"]: f["count"] for f in acts["type"]["results"]}
    con = sqlite3.connect(sample_db)
    assert types == dict(con.execute("SELECT type, COUNT(*) FROM acts GROUP BY type ORDER BY 2 DESC LIMIT 30").fetchall())
    actors = {f["value"] for f in acts["actors"]["results"]}
    assert {"USA", "JPN"} <= actors
    docs = get(ds, f"/{name}/documents.json?_size=0").json()["facet_results"]
    assert {"kind", "year", "parties"} <= set(docs)
    years = {f["value"]: f["count"] for f in docs["year"]["results"]}
    assert years == dict(con.execute("SELECT year, COUNT(*) FROM documents GROUP BY year").fetchall())
    con.close()


def test_acts_by_party_and_year(ds, sample_db):
    name = Path(sample_db).stem
    rows = get(ds, f"/{name}/acts_by_party_and_year.json?party=jpn&year=2023&type=&_shape=objects").json()["rows"]
    assert rows and all(r["date"].startswith("2023") for r in rows)
    con = sqlite3.connect(sample_db)
    want = con.execute("SELECT COUNT(*) FROM acts a JOIN documents d ON d.id = a.doc_id WHERE d.year = 2023 AND "
                       "a.doc_id IN (SELECT doc_id FROM document_parties WHERE code = 'JPN')").fetchone()[0]
    con.close()
    assert len(rows) == want


def test_the_statement_text_is_readable(ds, sample_db):
    name = Path(sample_db).stem
    con = sqlite3.connect(sample_db)
    doc_id, text = con.execute("SELECT id, text FROM documents WHERE name LIKE '2023-01-13%'").fetchone()
    con.close()
    page = get(ds, f"/{name}/documents/{doc_id}").text
    assert 'class="communique-text"' in page and "white-space: pre-wrap" in page
    para = next(p for p in text.split("\n") if len(p) > 200 and "&" not in p and "'" not in p and '"' not in p)
    assert para in page  # the whole paragraph, not a truncated cell


def test_metadata_file_for_datasette_without_the_plugin(sample_db):
    import json
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "communique.storage.datasette", str(sample_db)],
                       capture_output=True, text=True, check=True)
    meta = json.loads(r.stdout)
    assert meta["databases"][Path(sample_db).stem]["tables"]["sentences"]["fts_table"] == "sentences_fts"
