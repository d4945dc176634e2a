"""Small house rules: one version, errors that name the rules file and key, the
README's Python example runs as written."""
from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

import communique
from communique.cli import main
from communique.errors import RulesError
from communique.rules import DATA_DIR, Rules

from .conftest import ROOT, SAMPLES


def test_version_is_the_package_metadata_and_pyproject(capsys):
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert communique.__version__ == version("communique") == declared
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"communique {declared}"


def test_version_is_written_once_in_the_source():
    hits = [p for p in (ROOT / "src").rglob("*.py") if re.search(r"__version__\s*=\s*['\"]\d+\.\d+", p.read_text())]
    assert hits == []


def _override(tmp_path, name: str, drop: str) -> Path:
    d = tmp_path / "rules"
    d.mkdir()
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    kept = re.sub(rf"(?ms)^{drop}:.*?(?=^\S)", "", text)
    assert kept != text
    (d / name).write_text(kept, encoding="utf-8")
    return d


@pytest.mark.parametrize("name, key", [("lexicon.yaml", "light_verbs"), ("actors.yaml", "organisations"),
                                       ("modality.yaml", "cue_verbs")])
def test_an_override_missing_a_key_names_the_file_and_key(tmp_path, name, key):
    from communique.nlp.gazetteer import Gazetteer
    from communique.nlp.lexicon import Lexicon

    rules = Rules(_override(tmp_path, name, key))
    with pytest.raises(RulesError) as e:
        Lexicon.from_rules(rules)
        Gazetteer(rules)
    assert e.value.path.endswith(name) and key in e.value.message


def test_the_cli_reports_a_missing_key_in_one_line(tmp_path, capsys):
    rules = _override(tmp_path, "lexicon.yaml", "light_verbs")
    code = main(["extract", str(SAMPLES / sorted(os.listdir(SAMPLES))[0]), "--rules", str(rules)])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "lexicon.yaml" in err and "light_verbs" in err and "internal error" not in err


def test_words_missing_list_is_an_attribute_error_and_a_rules_error():
    from communique.nlp.lexicon import Lexicon

    words = Lexicon.from_rules(Rules()).words
    assert not hasattr(words, "no_such_list")
    assert getattr(words, "no_such_list", None) is None
    with pytest.raises(RulesError, match="no_such_list"):
        words.no_such_list
    assert copy.copy(words).goal_nouns == words.goal_nouns  # copy probes dunders: AttributeError, not RulesError


def _readme_python() -> str:
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    assert blocks, "the README has a Python example"
    return "\n".join(blocks)


@pytest.mark.slow
def test_the_readme_python_example_runs(tmp_path):
    """Run as written, in a temporary copy holding the samples it names."""
    shutil.copytree(SAMPLES, tmp_path / "samples")
    shutil.copytree(ROOT / "tests" / "data" / "threads", tmp_path / "tests" / "data" / "threads")
    (tmp_path / "example.py").write_text(_readme_python(), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    r = subprocess.run([sys.executable, "example.py"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    assert (tmp_path / "communique.db").exists()
    assert re.search(r"^[A-Z_]+ (COMMIT|REAFFIRM|ASSERT) \(", r.stdout, re.M)


def test_slow_tests_are_marked_and_make_test_fast_skips_them():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r'^test-fast:.*\n\t.*pytest.*-m "not slow"', makefile, re.M)
    assert re.search(r"^test:.*\n\t\$\(PY\) -m pytest -q\n", makefile, re.M)  # `make test` still runs all
    marked = [p.name for p in (ROOT / "tests").glob("test_*.py") if "pytest.mark.slow" in p.read_text()]
    assert {"test_export_batch.py", "test_parallel.py", "test_store.py"} <= set(marked)
