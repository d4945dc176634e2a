"""The commands of the ``communique`` CLI (click): each parses its options, calls the
library and renders the result. ``cli`` gathers them (:data:`ALL`) into the group.

The options several commands take are declared once, in :mod:`communique.options`.
A command returns its exit status: 0, or 1 when some input failed.
"""
from __future__ import annotations

import sys

import click

from .batch import PARTITIONS  # the batch output's layouts
from .evaluate import GOLD_DIR, STATEMENTS_DIR
from .export.formats import EXPORTERS  # the export formats are the exporters' registry
from .ingest import iter_documents
from .model import ReadFailure
from .options import (LibraryChoice, actor_option, bounds_option, count, db_option, emit_json, filter_options,
                      format_option, gold_option, json_option, limit_option, min_confidence_option, narrowing_options, note,
                      out_option, party_option, rules_option, seed_option, series_option, statements_option, target_option,
                      workers_option)
from .render import print_failures

__all__ = ["ALL"]

# Example lines sit in each help text's last paragraph, after "\b" so click keeps the line breaks.


@click.command("show")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@format_option("text", "json")
@rules_option
def show(paths, format, rules) -> int:
    """Print a parsed document: metadata and numbered sentences.

    \b
    Example:
      communique show samples/2021-09-15_aukus_joint-statement.md --format json
    """
    from .nlp.segment import segment
    from .render import document_json, print_document
    from .rules import Rules

    rules = Rules(rules)
    failures: list[ReadFailure] = []
    for item in iter_documents(paths):
        if isinstance(item, ReadFailure):
            failures.append(item)
            continue
        sentences = segment(item, rules)
        for w in item.meta.get("warnings", []):
            print(f"communique: warning: {w}", file=sys.stderr)
        if format == "json":
            emit_json(document_json(item, sentences))
        else:
            print_document(item, sentences)
    return print_failures(failures)


@click.command("extract")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@format_option("table", "jsonl", "json", "csv")
@rules_option
@min_confidence_option
def extract(paths, format, rules, min_confidence) -> int:
    """Extract the acts of statements.

    \b
    Example:
      communique extract samples/2021-09-15_aukus_joint-statement.md --format jsonl
    """
    from .nlp.extractor import Extractor
    from .render import print_extraction_table, write_acts_csv

    extractor = Extractor(rules)
    failures: list[ReadFailure] = []
    docs = _documents_only(iter_documents(paths), failures)
    collected = []
    for ex in extractor.extract_many(docs, errors=True, min_confidence=min_confidence):
        if isinstance(ex, ReadFailure):
            failures.append(ex)
            continue
        rows = [act.prediction() for act in ex.acts]
        if format == "jsonl":
            for r in rows:
                emit_json(r)
        elif format == "table":
            print_extraction_table(ex)
        else:
            collected.append((ex, rows))
    if format == "json":
        emit_json([{"doc": ex.document.name, "title": ex.document.title, "date": ex.document.date,
                    "participants": list(ex.participants), "acts": rows,
                    "mentions": [m.__dict__ for m in ex.mentions]} for ex, rows in collected])
    elif format == "csv":
        write_acts_csv([r | {"date": ex.document.date, "title": ex.document.title} for ex, rows in collected for r in rows],
                       sys.stdout)
    return print_failures(failures)


def _documents_only(items, failures: list):
    for item in items:
        if isinstance(item, ReadFailure):
            failures.append(item)
        else:
            yield item


def _bounds(result: dict, bounds) -> int:
    """Print the bounds (``--min acts.f1=0.8``) the result falls below; 1 if any."""
    from .evaluate import check_bounds

    failed = check_bounds(result, list(bounds))
    if failed:
        print("below bound: " + "; ".join(failed))
        return 1
    return 0


@click.command("evaluate")
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@gold_option()
@click.option("--cv", type=int, default=0, metavar="K",
              help="cross-validate: train on K-1 folds of the gold documents, score the held-out fold")
@seed_option
@click.option("--report", metavar="FILE", help="write the cross-validation figures as JSON to this file (with --cv)")
@statements_option()
@json_option
@bounds_option
@rules_option
def evaluate(paths, gold, cv, seed, report, statements, as_json, bounds, rules) -> int:
    """Score the extractor against gold acts (or cross-validate the model).

    The statements are PATHs, or --statements DIR; by default those beside the gold, by name
    (with --cv: --statements DIR, else the first PATH, else data/statements).

    \b
    Examples:
      communique evaluate --gold tests/data/gold/dev --statements samples --min acts.f1=0.8
      communique evaluate --cv 5 --gold data/gold --statements data/statements
    """
    if cv:
        return _cross_validate(paths, gold, cv, seed, report, statements, as_json, bounds, rules)
    from .evaluate import evaluate_extractor, format_report
    from .nlp.extractor import Extractor

    result, seen = evaluate_extractor(lambda: Extractor(rules), gold, paths, statements)
    if seen:
        note(f"{len(seen)} of these {result['documents']} documents were in the act model's training data; "
             "their figures say nothing of unseen text (use --cv for that)")
    if as_json:
        emit_json(result)
    else:
        print(format_report(result))
    return _bounds(result, bounds)


def _cross_validate(paths, gold, k, seed, report, statements, as_json, bounds, rules) -> int:
    import json
    from pathlib import Path

    from .evaluate import cv_means, cv_statements
    from .learn import TrainConfig, folds_report
    from .training import cross_validate_gold

    cv = cross_validate_gold([gold], cv_statements(paths, statements), k, TrainConfig(seed=seed), rules=rules)
    if report:
        Path(report).write_text(json.dumps(cv, indent=1) + "\n", encoding="utf-8")
    if as_json:
        emit_json(cv)
    else:
        print(folds_report(cv))
    return _bounds(cv_means(cv), bounds)


@click.command("train")
@gold_option(GOLD_DIR, repeatable=True)
@statements_option(default=STATEMENTS_DIR)
@out_option("folder for acts_model.json and acts_model.npz (default: the packaged rules data)", metavar="DIR")
@seed_option
@rules_option
def train(gold, statements, out, seed, rules) -> int:
    """Rebuild the trained act model from gold statements.

    \b
    Example:
      communique train --gold data/gold --statements data/statements --out my-model/
    """
    import time

    from .learn import TrainConfig
    from .training import train_model

    started = time.perf_counter()
    model = train_model(list(gold), statements, out, TrainConfig(seed=seed), rules=rules)
    print(f"act model {model.version}: {len(model.meta['documents'])} gold documents, {model.meta['examples']} sentences, "
          f"gold {model.meta['gold']}, seed {seed}; trained in {time.perf_counter() - started:.0f} s")
    return 0


@click.command("evaluate-threads")
@click.argument("threads")
@db_option
@click.option("--rebuild", is_flag=True, help="rebuild the lineages first (writes to the store)")
@json_option
@bounds_option
def evaluate_threads(threads, db, rebuild, as_json, bounds) -> int:
    """Score a store's lineages against hand-made commitment threads.

    THREADS is a JSONL file, one thread a line: thread, members [{doc, evidence}].

    \b
    Example:
      communique evaluate-threads tests/data/threads/us-japan.jsonl --db demo.db --min bcubed.f1=0.6
    """
    from .compare.threads import format_threads_report, load_threads, score_with_baseline, store_predictions

    threads = load_threads(threads)
    with _open_corpus(db, readonly=not rebuild) as corpus:
        if rebuild:
            corpus.update_lineages(rebuild=True)
        preds = store_predictions(corpus.store, {m["doc"] for t in threads for m in t["members"]})
    result = score_with_baseline(threads, preds)  # the figures, and under "baseline" those of linking nothing
    if as_json:
        emit_json(result)
    else:
        print(format_threads_report(result))
    return _bounds(result, bounds)


def _open_corpus(db: str, readonly: bool = True, rules: str | None = None):
    """The store at ``db``, read with the rules of ``rules`` (a folder; None: the packaged ones)."""
    from .corpus import Corpus
    from .rules import Rules

    return Corpus(db, readonly=readonly, rules=Rules(rules))  # the rules first: a missing folder opens no store


@click.command("ingest")
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@db_option
@click.option("--from-parquet", "from_parquet", metavar="DIR", help="load a batch run's Parquet output")
@click.option("--batch-size", type=count(1, 10_000), default=None, metavar="N",
              help="sentences the parser takes at a time (default 128; less uses less memory)")
@workers_option(1, high=64, what="extract in N processes (one writer; the same store as one worker), e.g. --workers 2")
@click.option("--quiet", is_flag=True, help="no progress bar")
@rules_option
def ingest(paths, db, from_parquet, batch_size, workers, quiet, rules) -> int:
    """Read, extract and store statements (files, folders, globs, .jsonl(.gz)).

    Unchanged documents are skipped: a second run, or one after an interruption, resumes.

    \b
    Examples:
      communique ingest samples/ --db demo.db --workers 2
      communique ingest --from-parquet out/ --db demo.db
    """
    from .corpus import Corpus
    from .progress import ingest_progress
    from .render import print_ingest_report

    if not paths and not from_parquet:
        from .errors import ConfigError

        raise ConfigError("give PATHs to ingest, or --from-parquet DIR")
    with Corpus(db, rules=rules, batch_size=batch_size) as corpus:
        if from_parquet:
            report = corpus.ingest_parquet(from_parquet)
        else:
            with ingest_progress(paths, enabled=not quiet) as on_event:
                report = corpus.ingest(paths, on_event=on_event, workers=workers)
    print_ingest_report(report, db)
    return 0 if report.ok else 1


def _resolved(f, corpus):
    """The filters with actor names resolved to codes (a note says so); unknown codes,
    issues and types are refused with a hint."""
    from .resolve import resolve_filter

    f, notes = resolve_filter(f, corpus.store.codes(), corpus.rules)
    for n in notes:
        note(n)
    return f


@click.command("search")
@click.argument("query")
@db_option
@filter_options
@rules_option
@format_option("table", "jsonl")
def search(query, db, filters, rules, format) -> int:
    """Full-text search over stored sentences (FTS5: "phrases", prefix*, AND / OR / NOT).

    A query starting with '-' goes after '--', options first.

    \b
    Examples:
      communique search '"status quo" AND force' --db demo.db --party JPN
      communique search --db demo.db -- -japan
    """
    from .render import print_search
    from .schema import search_record  # the one serialisation of a search hit

    with _open_corpus(db, rules=rules) as corpus:
        rows = corpus.search(query, _resolved(filters, corpus))
    if format == "jsonl":
        for r in rows:
            emit_json(search_record(r))
    else:
        print_search(rows, query)
    return 0


@click.command("acts")
@db_option
@filter_options
@rules_option
@format_option("table", "jsonl", "csv")
def acts(db, filters, rules, format) -> int:
    """Structured queries over stored acts.

    \b
    Example:
      communique acts --db demo.db --type REQUEST --target CHN --since 2021
    """
    from .render import print_acts_table, write_acts_csv
    from .schema import act_record  # the one serialisation of an act row

    with _open_corpus(db, rules=rules) as corpus:
        rows = corpus.store.acts(_resolved(filters, corpus))
        if format == "jsonl":
            for r in rows:
                emit_json(act_record(r))
        elif format == "csv":
            write_acts_csv(rows, sys.stdout)
        else:
            print_acts_table(list(rows))
    return 0


@click.command("stats")
@db_option
@format_option("table", "json")
def stats(db, format) -> int:
    """What the store holds.

    \b
    Example:
      communique stats --db demo.db --format json
    """
    from .render import print_stats

    with _open_corpus(db) as corpus:
        result = corpus.stats()
    if format == "json":
        emit_json(result)
    else:
        print_stats(result, db)
    return 0


@click.command("track")
@click.argument("query")
@db_option
@party_option
@limit_option(5, high=1000, of="lineages")
@series_option
@rules_option
@format_option("table", "json")
def track(query, db, party, limit, series, rules, format) -> int:
    """Follow a commitment across statements. QUERY: words of the commitment, or a lineage id.

    Read-only: lineages are linked on ingest and by `relink`.

    \b
    Example:
      communique track "Article V applies to the Senkaku Islands" --db demo.db --format json
    """
    from .compare.lineage import lineage_record  # the one serialisation of a lineage
    from .render import print_lineages

    from .storage import ActFilter

    with _open_corpus(db, rules=rules) as corpus:
        party = _resolved(ActFilter(party=party), corpus).party if party else None  # "Japan" is JPN
        lineages = corpus.track(query, party=party, limit=limit, series=series)
    if format == "json":
        emit_json({"lineages": [lineage_record(x) for x in lineages]})
    else:
        print_lineages(lineages, query)
    return 0


@click.command("diff")
@click.argument("a")
@click.argument("b", required=False)
@series_option
@db_option
@limit_option(of="entries per group in the table")
@format_option("table", "json")
def diff(a, b, series, db, limit, format) -> int:
    """What statement B adds, drops, rewords and repeats from A (by issue).

    A and B are doc ids, names or files. Given alone, the statement is B, compared with
    the previous statement of its series.

    \b
    Examples:
      communique diff 2022-05-23_us-japan_joint-statement_strengthening-free-open-international-order 2023-01-13_us-japan_joint-statement --db demo.db
      communique diff 2023-01-13_us-japan_joint-statement --db demo.db
    """
    from .render import print_diff

    with _open_corpus(db) as corpus:
        result = corpus.diff(a, b, series=series) if b else corpus.diff(None, a, series=series)
    if format == "json":
        emit_json(result)
    else:
        print_diff(result, limit)
    return 0


@click.command("report")
@click.argument("doc")
@db_option
@format_option("html", "md", "json")
@out_option("output file (default: standard output)")
@series_option
@click.option("--base-url", default="http://127.0.0.1:8000", show_default=True,
              help="the explorer that evidence links point to")
def report(doc, db, format, out, series, base_url) -> int:
    """A summit report on a statement: commitments by issue, status against the series' previous.

    DOC: the statement's doc id, name or file.

    \b
    Example:
      communique report 2023-01-13_us-japan_joint-statement --db demo.db --out report.html
    """
    import json
    from pathlib import Path

    from .report import report_html, report_markdown

    with _open_corpus(db) as corpus:
        rep = corpus.report(doc, series=series, base_url=base_url)
    text = (report_html(rep) if format == "html" else report_markdown(rep) if format == "md"
            else json.dumps(rep, ensure_ascii=False, indent=1))
    if out:
        Path(out).write_text(text, encoding="utf-8")
        print(f"communique: wrote the report on {rep['doc']['name']} to {out}", file=sys.stderr)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


@click.command("trends")
@actor_option(required=True)
@target_option
@click.option("--by", type=LibraryChoice(".compare.trends", "PERIODS"), default="year", show_default=True,
              help="the period acts are counted by")
@narrowing_options
@db_option
@rules_option
@format_option("table", "json", "csv")
def trends(actor, target, by, filters, db, rules, format) -> int:
    """Acts of an actor per period, optionally only some of them (--type, --issue, --since ...).

    \b
    Examples:
      communique trends --actor USA --target CHN --by quarter --db demo.db
      communique trends --actor USA --issue climate --commitments --since 2022 --db demo.db
    """
    import dataclasses

    from .render import print_trends, write_trends_csv

    with _open_corpus(db, rules=rules) as corpus:
        f = _resolved(dataclasses.replace(filters, actor=actor, target=target), corpus)
        result = corpus.trends(f.actor, f.target, by, where=f)
    if format == "json":
        emit_json(result)
    elif format == "csv":
        write_trends_csv(result, sys.stdout)
    else:
        print_trends(result)
    return 0


@click.command("serve")
@db_option
@rules_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=count(1, 65535), default=8000, metavar="PORT", show_default=True)
@click.option("--allow-host", "allow_host", multiple=True, metavar="HOST",
              help="also answer requests for this Host (default: the bound address and localhost only)")
def serve(db, rules, host, port, allow_host) -> int:
    """The web explorer over a store (read-only).

    \b
    Example:
      communique serve --db demo.db --port 8000
    """
    import uvicorn

    from .web import create_app

    app = create_app(db, allowed_hosts=[host, *allow_host], rules=rules)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"communique: warning: serving on {host}, reachable beyond this machine; requests are answered only for "
              f"the Host names {', '.join([host, *allow_host, 'localhost'])} (add others with --allow-host NAME)",
              file=sys.stderr)
    print(f"communique: serving {db} read-only at http://{host}:{port}/", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="warning")
    return 0


@click.command("relink")
@db_option
def relink(db) -> int:
    """Rebuild every commitment lineage from the stored acts.

    \b
    Example:
      communique relink --db demo.db
    """
    with _open_corpus(db, readonly=False) as corpus:
        r = corpus.update_lineages(rebuild=True)
        n = corpus.store.lineage_count()
    print(f"communique: relinked {r.linked + r.created} acts into {n} lineages in {r.seconds:.1f}s -> {db}", file=sys.stderr)
    return 0


@click.command("export")
@db_option
@format_option(*EXPORTERS, required=True)
@out_option("output file (default: standard output; required for parquet)", metavar="PATH")
@filter_options
@rules_option
def export(db, format, out, filters, rules) -> int:
    """Export acts for analysts' tools.

    \b
    Example:
      communique export --db demo.db --format gdelt --out acts-gdelt.csv
    """
    from .export import export_acts

    with _open_corpus(db, rules=rules) as corpus:
        n = export_acts(corpus.store, format, _resolved(filters, corpus), out)
    if out:
        print(f"communique: wrote {n} rows to {out}", file=sys.stderr)
    return 0


@click.command("batch")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@out_option("the folder of Parquet parts", metavar="DIR", required=True)
@workers_option(2, high=256, what="Dask worker processes to start (without --scheduler)")
@click.option("--scheduler", metavar="ADDRESS", help="address of an existing Dask scheduler")
@click.option("--partition-by", "partition_by", type=click.Choice(PARTITIONS), default="year",
              show_default=True, help="output folders year=YYYY/, kind=KIND/, or none (parts at the top)")
@click.option("--chunk-size", type=count(1, 100_000), default=200, metavar="N", show_default=True, help="documents per task")
@rules_option
def batch(paths, out, workers, scheduler, partition_by, chunk_size, rules) -> int:
    """Extract a whole archive on a Dask cluster into Parquet.

    \b
    Example:
      communique batch archive/ --out parts/ --workers 2 --partition-by year
    """
    from .batch import run_batch

    done = {"docs": 0}

    def on_part(partition: str, k: int, n: int) -> None:
        done["docs"] += n
        where = f"{partition}/" if partition else ""
        print(f"communique: part {where}{k:05d} done ({done['docs']} documents so far)", file=sys.stderr)

    result = run_batch(paths, out, workers=workers, scheduler=scheduler, chunk_size=chunk_size, rules_dir=rules,
                       on_part=on_part, partition_by=partition_by)
    r = result.as_dict()
    print(f"communique: {r['parts_written']} parts written, {r['parts_skipped']} already done, {r['documents']} documents, "
          f"{r['acts']} acts, {len(result.failed)} failed in {r['seconds']}s on {r['workers']} workers -> {out}",
          file=sys.stderr)
    return print_failures(result.failed)


# The commands in the order the help lists them.
ALL: tuple[click.Command, ...] = (show, extract, evaluate, train, ingest, search, acts, stats, track, diff, report,
                                  evaluate_threads, trends, serve, relink, export, batch)
