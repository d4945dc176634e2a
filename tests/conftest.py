"""Shared fixtures: the bundled real statements, one extractor per session, one
ingested store per session."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DATA = Path(__file__).resolve().parent / "data"
GOLD = DATA / "gold" / "dev"
SHARED = ROOT.parent / "shared"


def sample(name: str) -> Path:
    matches = sorted(SAMPLES.glob(f"{name}*.md"))
    assert matches, f"no bundled sample {name}"
    return matches[0]


@pytest.fixture(scope="session")
def extractor():
    from communique.nlp.extractor import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def rules_extractor():
    """The rules alone, with no trained model deciding: for tests of the rules' grammar."""
    from communique.nlp.extractor import Extractor

    return Extractor(learned=False)


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory, extractor) -> Path:
    """The bundled samples ingested once into a fresh store."""
    from communique import Corpus

    db = tmp_path_factory.mktemp("store") / "samples.db"
    with Corpus(db, extractor=extractor) as corpus:
        report = corpus.ingest([SAMPLES])
    assert report.ok and report.added == len(list(SAMPLES.glob("*.md")))
    return db


def sample_store_with(sample_db: Path, folder: Path, files: dict[str, str], extractor) -> Path:
    """A copy of the samples store in ``folder`` with ``files`` (name -> text) written there
    and ingested too."""
    from communique import Corpus

    db = folder / "store.db"
    shutil.copy(sample_db, db)
    paths = []
    for name, text in files.items():
        paths.append(folder / name)
        paths[-1].write_text(text, encoding="utf-8")
    with Corpus(db, extractor=extractor) as c:
        assert c.ingest(paths).added == len(paths)
    return db


@pytest.fixture()
def db_copy(sample_db, tmp_path) -> Path:
    """A private copy of the sample store, for tests that write."""
    target = tmp_path / "copy.db"
    shutil.copy(sample_db, target)
    return target


def pytest_collection_modifyitems(config, items):
    """A browser test is a slow test: ``make test-fast`` (``-m "not slow"``) leaves it out."""
    for item in items:
        if item.get_closest_marker("browser") is not None and item.get_closest_marker("slow") is None:
            item.add_marker(pytest.mark.slow)
