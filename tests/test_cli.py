"""The command line as a user meets it: output shapes, exit codes, clean errors."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from .conftest import SAMPLES, sample


def run(*args, check=True):
    r = subprocess.run([sys.executable, "-m", "communique", *map(str, args)], capture_output=True, text=True)
    if check:
        assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    return r


def test_show_json_shape():
    r = run("show", sample("2023-01-13_us-japan_joint-statement"), "--format", "json")
    d = json.loads(r.stdout)
    assert set(d) >= {"doc", "title", "date", "parties", "kind", "source_url", "text", "sentences"}
    assert d["doc"] == "2023-01-13_us-japan_joint-statement" and d["parties"] == ["USA", "JPN"]
    for s in d["sentences"]:
        assert set(s) >= {"n", "start", "end", "text", "paragraph", "list_item", "heading"}
        assert d["text"][s["start"]:s["end"]] == s["text"]


def test_show_text_numbers_sentences():
    r = run("show", sample("2022-11-14_us-china"))
    assert "# Readout of President Joe Biden" in r.stdout and "   18    The two leaders agreed that Secretary" in r.stdout


def test_extract_jsonl_is_the_prediction_format_plus_provenance():
    r = run("extract", sample("2021-09-15_aukus"), "--format", "jsonl")
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert rows
    need = {"doc", "evidence", "type", "modality", "actors", "targets", "issues", "commitment",
            "start", "end", "sentence", "cameo", "plover", "goldstein", "quad_class", "rule"}
    for row in rows:
        assert need <= set(row) and row["doc"] == "2021-09-15_aukus_joint-statement"


def test_extract_csv_json_and_table():
    csv_rows = list(csv.DictReader(io.StringIO(run("extract", sample("2021-09-15_aukus"), "--format", "csv").stdout)))
    as_json = json.loads(run("extract", sample("2021-09-15_aukus"), "--format", "json").stdout)
    assert len(csv_rows) == len(as_json[0]["acts"]) > 0
    assert as_json[0]["participants"] == ["AUS", "GBR", "USA"]
    table = run("extract", sample("2021-09-15_aukus")).stdout
    assert "commitments" in table and "AID*" in table


def test_evaluate_uses_the_bundled_samples():
    r = run("evaluate", "--gold", "tests/data/gold/dev", "--statements", SAMPLES, "--json")
    result = json.loads(r.stdout)
    assert result["documents"] == 5 and result["acts"]["f1"] >= 0.8


def test_errors_are_one_line_messages(tmp_path):
    from communique import Corpus

    Corpus(tmp_path / "x.db").close()  # an empty store
    r = run("acts", "--db", tmp_path / "never-made.db", check=False)
    assert r.returncode == 1 and "never-made.db: database does not exist" in r.stderr
    r = run("acts", "--db", tmp_path / "x.db", "--since", "soon", check=False)
    assert r.returncode == 1 and r.stderr.startswith("communique: error: --since must be a date")
    r = run("diff", "nope", "nada", "--db", tmp_path / "x.db", check=False)
    assert r.returncode == 1 and "nope: no such statement" in r.stderr
    r = run("serve", "--db", tmp_path / "missing.db", check=False)
    assert r.returncode == 1 and "database does not exist" in r.stderr
    r = run("export", "--db", tmp_path / "x.db", "--format", "parquet", check=False)
    assert r.returncode == 1 and "--out" in r.stderr
    r = run("extract", "--rules", tmp_path / "no-rules", sample("2021-09-15_aukus"), check=False)
    assert r.returncode == 1 and "rules directory does not exist" in r.stderr


def test_library_errors_name_fields_and_the_cli_says_flags(tmp_path):
    import pytest

    from communique import ActFilter, Corpus
    from communique.cli import error_text
    from communique.errors import ConfigError

    for f, field in ((ActFilter(since="soon"), "since"), (ActFilter(until="2021-13"), "until"),
                     (ActFilter(min_confidence=1.5), "min_confidence"), (ActFilter(limit=-1), "limit"),
                     (ActFilter(type="HUG"), "type")):
        with pytest.raises(ConfigError) as e:
            f.validated()
        assert e.value.field == field and "--" not in e.value.message
    with pytest.raises(ConfigError) as e:
        ActFilter(min_confidence=2).validated()
    assert e.value.message.startswith("min_confidence must be between 0 and 1")
    assert error_text(e.value).startswith("--min-confidence must be between 0 and 1")
    assert error_text(ConfigError("chunk_size must be at least 1", field="chunk_size")) == "--chunk-size must be at least 1"
    assert error_text(ConfigError("unknown act type 'HUG'", field="type")) == "unknown act type 'HUG'"
    Corpus(tmp_path / "x.db").close()
    r = run("acts", "--db", tmp_path / "x.db", "--min-confidence", "1.5", check=False)
    assert r.returncode == 1 and r.stderr.startswith("communique: error: --min-confidence must be between 0 and 1")


def test_no_command_prints_help():
    r = run(check=False)
    assert r.returncode == 2 and "ingest" in r.stdout


RULES_COMMANDS = {"show", "extract", "evaluate", "train", "ingest", "batch", "search", "acts", "export", "trends", "serve",
                  "track"}


def test_rules_option_is_shared_and_reaches_the_rules(tmp_path, capsys):
    """--rules DIR is declared once and taken by every command that reads or extracts with rules,
    or resolves names and issues through them: a missing folder is refused by each; a folder that
    overrides a file is the rules a store records."""
    import shutil
    import sqlite3

    from communique import Corpus
    from communique.cli import cli, main
    from communique.rules import DATA_DIR, Rules

    missing = tmp_path / "no-such-rules"
    doc = str(sample("2023-01-13_us-japan_joint-statement"))
    store = str(tmp_path / "empty.db")
    Corpus(store).close()
    commands = {
        "show": ["show", doc], "extract": ["extract", doc], "ingest": ["ingest", doc, "--db", str(tmp_path / "m.db")],
        "evaluate": ["evaluate", "--gold", "tests/data/gold/dev", "--statements", str(SAMPLES)],
        "train": ["train", "--gold", "tests/data/gold/dev", "--statements", str(SAMPLES), "--out", str(tmp_path / "model")],
        "batch": ["batch", doc, "--out", str(tmp_path / "out")],
        "search": ["search", "japan", "--db", store], "acts": ["acts", "--db", store],
        "export": ["export", "--db", store, "--format", "jsonl"], "trends": ["trends", "--actor", "USA", "--db", store],
        "serve": ["serve", "--db", store, "--port", "1"],  # refused before it binds
        "track": ["track", "status quo", "--db", store],
    }
    assert set(commands) == RULES_COMMANDS
    for name, argv in commands.items():
        # with the group's settings: a command caches its help option (-h too) from its first context
        with cli.commands[name].make_context(name, argv[1:] + ["--rules", "R"], **cli.context_settings) as ctx:
            assert ctx.params["rules"] == "R", name
        assert main(argv + ["--rules", str(missing)]) == 1, name
        err = capsys.readouterr().err
        assert "rules directory does not exist" in err and "no-such-rules" in err, (name, err)
    assert not (tmp_path / "out").exists() and not (tmp_path / "model").exists()

    mine = tmp_path / "myrules"
    mine.mkdir()
    shutil.copy(DATA_DIR / "issues.yaml", mine / "issues.yaml")
    with open(mine / "issues.yaml", "a", encoding="utf-8") as fh:
        fh.write("# a local edit\n")
    assert Rules(mine).fingerprint != Rules().fingerprint
    db = tmp_path / "r.db"
    assert main(["ingest", doc, "--db", str(db), "--quiet", "--rules", str(mine)]) == 0
    with sqlite3.connect(db) as con:
        assert {r[0] for r in con.execute("SELECT rules FROM documents")} == {Rules(mine).fingerprint}


# ---- the click CLI: help texts, shared options, exit statuses ------------------------

STORE_COMMANDS = {"ingest", "search", "acts", "stats", "track", "diff", "report", "evaluate-threads", "trends", "serve",
                  "relink", "export"}
FILTERS = ("actor", "target", "act_type", "modality", "issue", "party", "kind", "since", "until", "commitments",
           "min_confidence", "limit")


def _help(args, capsys) -> str:
    from communique.cli import main

    assert main([*args, "--help"]) == 0
    return capsys.readouterr().out


def test_every_command_has_help_with_an_example(capsys):
    """Each command's help ends in an example of its use, kept as written (an indented
    line `communique NAME ...`, not the usage line)."""
    import re

    from communique.cli import cli

    names = list(cli.commands)
    assert set(names) >= {"show", "extract", "evaluate", "train", "batch"} | STORE_COMMANDS and len(names) == 17
    top = _help([], capsys)
    assert all(re.search(rf"^  {re.escape(n)} ", top, re.M) for n in names), top
    for name in names:
        text = _help([name], capsys)
        assert text.startswith(f"Usage: communique {name} "), text
        examples = re.findall(rf"^ +communique {re.escape(name)}( .*)?$", text, re.M)
        assert examples, f"communique {name} --help has no example:\n{text}"
    from communique.cli import main

    assert main(["acts", "-h"]) == 0  # -h is --help
    assert capsys.readouterr().out == _help(["acts"], capsys)


def test_shared_options_are_defined_once(monkeypatch):
    """--db, the filters, --rules and --min-confidence are each one definition, alike on
    every command that takes them; --db reads $COMMUNIQUE_DB."""
    from communique.cli import cli

    def options(name):
        return {p.name: p for p in cli.commands[name].params if isinstance(p, __import__("click").Option)}

    def same(param_name, commands):
        infos = [options(c)[param_name].to_info_dict() for c in commands]
        assert all(i == infos[0] for i in infos), (param_name, commands)
        return infos[0]

    with_db = {n for n in cli.commands if "db" in options(n)}
    assert with_db == STORE_COMMANDS
    db = same("db", sorted(with_db))
    assert db["default"] == "communique.db" and db["envvar"] == "COMMUNIQUE_DB" and db["opts"] == ["--db"]

    with_filters = {n for n in cli.commands if "since" in options(n)}
    assert with_filters == {"search", "acts", "export", "trends"}
    for f in FILTERS:
        # trends takes the filters that narrow what it counts, not --limit, with its own --actor and --target
        same(f, sorted(with_filters - ({"trends"} if f in ("actor", "target", "limit") else set())))
    assert "limit" not in options("trends")
    assert options("acts")["act_type"].opts == ["--type"]
    assert options("acts")["limit"].type.min == 1 and options("acts")["limit"].type.max == 1_000_000
    same("min_confidence", ["extract", *sorted(with_filters)])
    with_rules = {n for n in cli.commands if "rules" in options(n)}
    assert with_rules == RULES_COMMANDS
    same("rules", sorted(with_rules))
    # the filters other commands take are the filters' own options: trends's --actor (required
    # there) and --target, track's --party and --limit (its own default and bound)
    def alike(param_name, command, *ignore):
        info = {k: v for k, v in options(command)[param_name].to_info_dict().items() if k not in ignore}
        assert info == {k: v for k, v in options("acts")[param_name].to_info_dict().items() if k not in ignore}, command

    alike("actor", "trends", "required")
    assert options("trends")["actor"].required
    alike("target", "trends")
    alike("party", "track")
    alike("limit", "track", "default", "show_default", "type", "help")
    alike("limit", "diff", "help")
    same("series", ["diff", "report", "track"])
    same("seed", ["evaluate", "train"])
    from communique.batch import PARTITIONS
    from communique.compare.trends import PERIODS

    assert options("trends")["by"].type.choices == PERIODS  # the library's values, not typed again
    assert options("batch")["partition_by"].type.choices == PARTITIONS
    for name in cli.commands:  # --format: the command's choices, the first the default (export's is required)
        fmt = options(name).get("format")
        if fmt is not None:
            assert fmt.opts == ["--format"] and fmt.help == "output format"
            assert fmt.required if name == "export" else fmt.default == fmt.type.choices[0], name


def test_each_option_is_declared_once_and_shared_ones_in_options_py():
    """Every `click.option("--NAME"` appears once in the CLI's sources, and an option that
    two commands take is declared in options.py (the commands only apply it)."""
    import re
    from collections import Counter
    from pathlib import Path

    import click

    from communique import cli as cli_module
    from communique import commands, options
    from communique.cli import cli

    declared = re.compile(r"click\.option\(\s*[\"'](--[\w-]+)")
    where: dict[str, list[str]] = {}
    for module in (cli_module, commands, options):
        for name in declared.findall(Path(module.__file__).read_text(encoding="utf-8")):
            where.setdefault(name, []).append(Path(module.__file__).name)
    repeated = {name: files for name, files in where.items() if len(files) > 1}
    assert not repeated, f"options declared more than once: {repeated}"
    taken = Counter(opt for c in cli.commands.values() for p in c.params if isinstance(p, click.Option)
                    for opt in p.opts if opt.startswith("--") and opt != "--help")
    shared = {opt for opt, n in taken.items() if n > 1}
    assert shared >= {"--db", "--rules", "--actor", "--target", "--party", "--limit", "--series", "--gold", "--statements",
                      "--seed", "--format", "--min", "--json", "--out", "--workers"}
    assert {opt: where[opt] for opt in shared if where.get(opt) != ["options.py"]} == {}


def test_custom_rules_issue_reaches_the_store_commands(tmp_path, capsys):
    """A store holding acts of an issue of one's own rules (--rules DIR adds `myissue`):
    acts, search, export, trends and the explorer given the same --rules read it; without them the issue
    is unknown, said cleanly."""
    from communique import Corpus
    from communique.cli import main
    from communique.nlp.extractor import Extractor
    from communique.rules import DATA_DIR

    mine = tmp_path / "my-rules"
    mine.mkdir()
    issues = (DATA_DIR / "issues.yaml").read_text(encoding="utf-8")
    (mine / "issues.yaml").write_text(issues.replace("issues:\n", "issues:\n  myissue: [submarine*, nuclear-powered]\n", 1),
                                      encoding="utf-8")
    db = str(tmp_path / "mine.db")
    # the rules alone read the issues (the packaged model decides among the packaged issues only)
    with Corpus(db, rules=mine, extractor=Extractor(mine, learned=False)) as corpus:
        assert corpus.ingest([sample("2021-09-15_aukus")]).ok

    assert main(["acts", "--db", db, "--rules", str(mine), "--issue", "myissue", "--format", "jsonl"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert rows and all("myissue" in r["issues"] for r in rows)
    assert main(["acts", "--db", db, "--issue", "myissue"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("communique: error: unknown issue 'myissue'") and "Traceback" not in err
    assert main(["export", "--db", db, "--rules", str(mine), "--issue", "myissue", "--format", "jsonl"]) == 0
    assert [json.loads(x) for x in capsys.readouterr().out.splitlines()] == rows
    assert main(["search", "submarines", "--db", db, "--rules", str(mine), "--issue", "myissue", "--format", "jsonl"]) == 0
    hits = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert hits and all(any("myissue" in a["issues"] for a in h["acts"]) for h in hits)
    assert main(["search", "submarines", "--db", db, "--issue", "myissue"]) == 1
    assert "unknown issue 'myissue'" in capsys.readouterr().err
    assert main(["trends", "--actor", "Australia", "--db", db, "--rules", str(mine), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["actor"] == "AUS"
    # the explorer (serve --rules) reads them too
    from starlette.testclient import TestClient

    from communique.web import create_app

    web = TestClient(create_app(db, rules=str(mine)), base_url="http://localhost")
    assert web.get("/api/acts", params={"issue": "myissue"}).json() == rows
    r = TestClient(create_app(db), base_url="http://localhost").get("/api/acts", params={"issue": "myissue"})
    assert r.status_code == 400 and r.json()["field"] == "issue"


def test_db_defaults_to_the_environment(tmp_path, monkeypatch, capsys):
    from communique import Corpus
    from communique.cli import main

    Corpus(tmp_path / "env.db").close()
    monkeypatch.setenv("COMMUNIQUE_DB", str(tmp_path / "env.db"))
    assert main(["stats", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["documents"] == 0
    monkeypatch.delenv("COMMUNIQUE_DB")
    monkeypatch.chdir(tmp_path)
    assert main(["stats"]) == 1
    assert "communique.db: database does not exist" in capsys.readouterr().err


def test_exit_statuses(tmp_path, monkeypatch, capsys):
    """0 ok, 1 a library error, 2 a usage error, 70 a bug (COMMUNIQUE_DEBUG=1 raises it),
    130 an interrupt, 0 when the reader closed the pipe."""
    import pytest

    from communique import Corpus
    from communique.cli import main

    db = str(tmp_path / "x.db")
    Corpus(db).close()
    assert main(["stats", "--db", db]) == 0
    assert main(["acts", "--db", db, "--since", "soon"]) == 1
    assert capsys.readouterr().err.startswith("communique: error: --since must be a date")
    for usage in (["nope"], ["acts", "--db", db, "--format", "xml"], ["acts", "--no-such-option"], ["diff", "--db", db],
                  ["serve", "--port", "0"], ["batch", "x"], ["stats", "--db"]):
        assert main(usage) == 2, usage
        assert "Error: " in capsys.readouterr().err, usage
    assert main([]) == 2 and "Commands:" in capsys.readouterr().out

    def raising(exc):
        def stats(self):
            raise exc
        return stats

    monkeypatch.delenv("COMMUNIQUE_DEBUG", raising=False)
    monkeypatch.setattr(Corpus, "stats", raising(RuntimeError("boom")))
    assert main(["stats", "--db", db]) == 70
    assert "communique: internal error: RuntimeError: boom" in capsys.readouterr().err
    monkeypatch.setenv("COMMUNIQUE_DEBUG", "1")
    with pytest.raises(RuntimeError, match="boom"):
        main(["stats", "--db", db])
    monkeypatch.setattr(Corpus, "stats", raising(KeyboardInterrupt()))
    assert main(["stats", "--db", db]) == 130
    assert "communique: interrupted" in capsys.readouterr().err
    monkeypatch.setattr(Corpus, "stats", raising(BrokenPipeError()))
    assert main(["stats", "--db", db]) == 0



def test_ingest_batch_size_reaches_the_parser_and_keeps_the_acts(tmp_path):
    from communique import Corpus

    assert Corpus(tmp_path / "x.db", batch_size=4).extractor.batch_size == 4
    doc = str(sample("2023-01-13_us-japan_joint-statement"))
    counts = []
    for size in ([], ["--batch-size", "4"]):
        db = tmp_path / f"b{len(size)}.db"
        run("ingest", doc, "--db", str(db), "--quiet", *size)
        counts.append(json.loads(run("stats", "--db", str(db), "--format", "json").stdout)["acts"])
    assert counts[0] == counts[1] > 0
    assert run("ingest", doc, "--db", str(tmp_path / "z.db"), "--batch-size", "0", check=False).returncode == 2
