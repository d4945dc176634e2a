"""Command functions behind the CLI: each calls the library and prints its result."""
from __future__ import annotations

import argparse
import sys

from .registry import command, emit_json, filters_of
from .ingest import iter_documents
from .model import ReadFailure
from .render import print_failures

__all__: list[str] = []


@command("show")
def _show(a: argparse.Namespace) -> int:
    from .nlp.segment import segment
    from .render import document_json, print_document
    from .rules import Rules

    rules = Rules(a.rules)
    failures: list[ReadFailure] = []
    for item in iter_documents(a.paths):
        if isinstance(item, ReadFailure):
            failures.append(item)
            continue
        sentences = segment(item, rules)
        for w in item.meta.get("warnings", []):
            print(f"communique: warning: {w}", file=sys.stderr)
        if a.format == "json":
            emit_json(document_json(item, sentences))
        else:
            print_document(item, sentences)
    return print_failures(failures)


def _open_corpus(a: argparse.Namespace, readonly: bool = True):
    from .corpus import Corpus

    return Corpus(a.db, readonly=readonly)


@command("ingest")
def _ingest(a: argparse.Namespace) -> int:
    from .corpus import Corpus
    from .progress import ingest_progress

    if not a.paths and not a.from_parquet:
        from .errors import ConfigError

        raise ConfigError("give PATHs to ingest, or --from-parquet DIR")
    with Corpus(a.db, rules=a.rules) as corpus:
        if a.from_parquet:
            report = corpus.ingest_parquet(a.from_parquet)
        else:
            with ingest_progress(a.paths, enabled=not a.quiet) as on_event:
                report = corpus.ingest(a.paths, on_event=on_event, workers=a.workers)
    from .render import print_ingest_report

    print_ingest_report(report, a.db)
    return 0 if report.ok else 1


@command("search")
def _search(a: argparse.Namespace) -> int:
    from .render import print_search

    with _open_corpus(a) as corpus:
        rows = corpus.search(a.query, _filters_of(a, corpus))
    if a.format == "jsonl":
        for r in rows:
            emit_json({k: r[k] for k in ("doc", "date", "title", "sentence", "start", "end", "snippet", "text")} | {
                "acts": [_act_json(x) for x in r["acts"]]})
    else:
        print_search(rows, a.query)
    return 0


@command("acts")
def _acts(a: argparse.Namespace) -> int:
    from .render import print_acts_table, write_acts_csv

    with _open_corpus(a) as corpus:
        rows = corpus.store.acts(_filters_of(a, corpus))
        if a.format == "jsonl":
            for r in rows:
                emit_json(_act_json(r))
        elif a.format == "csv":
            write_acts_csv(rows, sys.stdout)
        else:
            print_acts_table(list(rows))
    return 0


@command("stats")
def _stats(a: argparse.Namespace) -> int:
    from .render import print_stats

    with _open_corpus(a) as corpus:
        stats = corpus.stats()
    if a.format == "json":
        emit_json(stats)
    else:
        print_stats(stats, a.db)
    return 0


def _filters_of(a: argparse.Namespace, corpus=None):
    """The filter options, with actor names resolved to codes (a note says so) and
    unknown codes, issues and types refused with a hint."""
    from .resolve import resolve_filter

    f = filters_of(a)
    if corpus is None:
        return f
    f, notes = resolve_filter(f, corpus.store.codes(), corpus.rules)
    for n in notes:
        print(f"communique: note: {n}", file=sys.stderr)
    return f


def _act_json(r: dict) -> dict:
    """An act row as every export writes it (communique.schema.act_record)."""
    from .schema import act_record

    return act_record(r)


@command("extract")
def _extract(a: argparse.Namespace) -> int:
    from .nlp.extractor import Extractor
    from .render import print_extraction_table, write_acts_csv

    extractor = Extractor(a.rules)
    failures: list[ReadFailure] = []
    docs = _documents_only(iter_documents(a.paths), failures)
    collected = []
    from .storage.query import ActFilter

    floor = ActFilter(min_confidence=a.min_confidence).validated().min_confidence  # the filters' own check
    for ex in extractor.extract_many(docs, errors=True):
        if isinstance(ex, ReadFailure):
            failures.append(ex)
            continue
        if floor:
            from dataclasses import replace

            ex = replace(ex, acts=tuple(x for x in ex.acts if x.confidence >= floor))
        rows = [act.prediction() for act in ex.acts]
        if a.format == "jsonl":
            for r in rows:
                emit_json(r)
        elif a.format == "table":
            print_extraction_table(ex)
        else:
            collected.append((ex, rows))
    if a.format == "json":
        emit_json([{"doc": ex.document.name, "title": ex.document.title, "date": ex.document.date,
                    "participants": list(ex.participants), "acts": rows,
                    "mentions": [m.__dict__ for m in ex.mentions]} for ex, rows in collected])
    elif a.format == "csv":
        write_acts_csv([r | {"date": ex.document.date, "title": ex.document.title} for ex, rows in collected for r in rows], sys.stdout)
    return print_failures(failures)


def _documents_only(items, failures: list):
    for item in items:
        if isinstance(item, ReadFailure):
            failures.append(item)
        else:
            yield item


@command("train")
def _train(a: argparse.Namespace) -> int:
    import time

    from .training import train_model

    started = time.perf_counter()
    model = train_model(a.gold or ["data/gold"], a.statements, a.out, _config(a.seed), rules=a.rules)
    print(f"act model {model.version}: {len(model.meta['documents'])} gold documents, {model.meta['examples']} sentences, "
          f"gold {model.meta['gold']}, seed {a.seed}; trained in {time.perf_counter() - started:.0f} s")
    return 0


def _config(seed: int):
    from .learn import TrainConfig

    return TrainConfig(seed=seed)


def _cross_validate(a: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from .evaluate import check_bounds
    from .learn import folds_report
    from .training import cross_validate_gold

    statements = a.statements or (a.paths[0] if a.paths else "data/statements")
    cv = cross_validate_gold([a.gold], statements, a.cv, _config(a.seed), rules=a.rules)
    if a.report:
        Path(a.report).write_text(json.dumps(cv, indent=1) + "\n", encoding="utf-8")
    if a.json:
        emit_json(cv)
    else:
        print(folds_report(cv))
    means: dict[str, dict[str, float]] = {}  # {"acts": {"f1": mean}, ...}: the shape check_bounds reads
    for key, s in cv["summary"].items():
        record, figure = key.split(".")
        means.setdefault(record, {})[figure] = s["mean"]
    failed = check_bounds(means, a.min)
    if failed:
        print("below bound: " + "; ".join(failed))
        return 1
    return 0


@command("evaluate")
def _evaluate(a: argparse.Namespace) -> int:
    from .evaluate import check_bounds, format_report, load_gold, score
    from .ingest import read_document
    from .nlp.extractor import Extractor
    from pathlib import Path

    if a.cv:
        return _cross_validate(a)
    gold = load_gold([a.gold])
    if not gold:
        from .errors import InputError

        raise InputError("no gold sentences found", path=a.gold)
    found = _statements_for(gold, a.paths, a.statements, Path(a.gold))
    missing = sorted(set(gold) - set(found))
    if missing:
        from .errors import InputError

        raise InputError(f"no statement file for gold document(s): {', '.join(missing)}; give their paths or --statements DIR")
    extractor = Extractor(a.rules)
    preds = [act.prediction() for ex in extractor.extract_many(read_document(found[n]) for n in sorted(gold)) for act in ex.acts]
    result = score(gold, preds)
    seen = set(gold) & set(extractor.act_model.meta.get("documents", ())) if extractor.act_model else set()
    if seen:
        print(f"communique: note: {len(seen)} of these {len(gold)} documents were in the act model's training data; "
              "their figures say nothing of unseen text (use --cv for that)", file=sys.stderr)
    if a.json:
        emit_json(result)
    else:
        print(format_report(result))
    failed = check_bounds(result, a.min)
    if failed:
        print("below bound: " + "; ".join(failed))
        return 1
    return 0


def _statements_for(gold: dict, paths, statements_dir, gold_path):
    """Map each gold document name to its statement file."""
    from pathlib import Path

    from .ingest import expand_paths
    from .ingest.sources import STATEMENT_SUFFIXES

    candidates = list(paths or [])
    if statements_dir:
        candidates.append(statements_dir)
    if not candidates:  # beside the gold, then the bundled samples
        base = gold_path if gold_path.is_dir() else gold_path.parent
        candidates = [p for p in (base.parent.parent / "corpus" / "statements", base / "statements", Path("samples"))
                      if p.exists()]
    found = {}
    for p in expand_paths(candidates):
        if isinstance(p, ReadFailure):
            continue
        if p.stem in gold and p.suffix.lower() in STATEMENT_SUFFIXES:
            found.setdefault(p.stem, p)
    return found


@command("evaluate-threads")
def _evaluate_threads(a: argparse.Namespace) -> int:
    from .compare.threads import format_threads_report, load_threads, score_threads, store_predictions
    from .evaluate import check_bounds

    threads = load_threads(a.threads)
    with _open_corpus(a, readonly=not a.rebuild) as corpus:
        if a.rebuild:
            corpus.update_lineages(rebuild=True)
        preds = store_predictions(corpus.store, {m["doc"] for t in threads for m in t["members"]})
    result = score_threads(threads, preds)
    baseline = score_threads(threads, [p | {"lineage": None} for p in preds])
    if a.json:
        emit_json(result | {"baseline": baseline})
    else:
        print(format_threads_report(result, baseline))
    failed = check_bounds(result, a.min)
    if failed:
        print("below bound: " + "; ".join(failed))
        return 1
    return 0


@command("track")
def _track(a: argparse.Namespace) -> int:
    from .render import print_lineages

    with _open_corpus(a) as corpus:  # a query: read-only; lineages are linked on ingest and by `relink`
        lineages = corpus.track(a.query, party=a.party, limit=a.limit, series=a.series)
    if a.format == "json":
        emit_json({"lineages": [_lineage_json(x) for x in lineages]})
    else:
        print_lineages(lineages, a.query)
    return 0


def _lineage_json(x: dict) -> dict:
    keys = ("id", "canonical", "first", "last", "type", "actors", "targets")
    docs = [{k: d.get(k) for k in ("doc", "date", "title", "status", "evidence", "start", "end")}
            | {k: d[k] for k in ("changes", "attribution_changes", "continued_in") if d.get(k)} for d in x["documents"]]
    return {k: x[k] for k in keys} | {"documents": docs}


@command("diff")
def _diff(a: argparse.Namespace) -> int:
    from .render import print_diff

    with _open_corpus(a) as corpus:
        result = corpus.diff(a.a, a.b, series=a.series) if a.b else corpus.diff(None, a.a, series=a.series)
    if a.format == "json":
        emit_json(result)
    else:
        print_diff(result, a.limit)
    return 0


@command("report")
def _report(a: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from .report import report_html, report_markdown

    with _open_corpus(a) as corpus:
        rep = corpus.report(a.doc, series=a.series, base_url=a.base_url)
    text = (report_html(rep) if a.format == "html" else report_markdown(rep) if a.format == "md"
            else json.dumps(rep, ensure_ascii=False, indent=1))
    if a.out:
        Path(a.out).write_text(text, encoding="utf-8")
        print(f"communique: wrote the report on {rep['doc']['name']} to {a.out}", file=sys.stderr)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


@command("trends")
def _trends(a: argparse.Namespace) -> int:
    from .render import print_trends, write_trends_csv

    from .storage import ActFilter

    with _open_corpus(a) as corpus:
        f = _resolved(ActFilter(actor=a.actor, target=a.target), corpus)
        result = corpus.trends(f.actor, f.target, a.by)
    if a.format == "json":
        emit_json(result)
    elif a.format == "csv":
        write_trends_csv(result, sys.stdout)
    else:
        print_trends(result)
    return 0


def _resolved(f, corpus):
    from .resolve import resolve_filter

    f, notes = resolve_filter(f, corpus.store.codes(), corpus.rules)
    for n in notes:
        print(f"communique: note: {n}", file=sys.stderr)
    return f


@command("relink")
def _relink(a: argparse.Namespace) -> int:
    with _open_corpus(a, readonly=False) as corpus:
        r = corpus.update_lineages(rebuild=True)
        n = corpus.store.lineage_count()
    print(f"communique: relinked {r.linked + r.created} acts into {n} lineages in {r.seconds:.1f}s -> {a.db}", file=sys.stderr)
    return 0


@command("serve")
def _serve(a: argparse.Namespace) -> int:
    import uvicorn

    from .web import create_app

    app = create_app(a.db, allowed_hosts=[a.host, *a.allow_host])
    if a.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"communique: warning: serving on {a.host}, reachable beyond this machine; requests are answered only for "
              f"the Host names {', '.join([a.host, *a.allow_host, 'localhost'])} (add others with --allow-host NAME)",
              file=sys.stderr)
    print(f"communique: serving {a.db} read-only at http://{a.host}:{a.port}/", file=sys.stderr)
    uvicorn.run(app, host=a.host, port=a.port, log_level="warning")
    return 0


@command("export")
def _export(a: argparse.Namespace) -> int:
    from .export import export_acts

    with _open_corpus(a) as corpus:
        n = export_acts(corpus.store, a.format, _filters_of(a, corpus), a.out)
    if a.out:
        print(f"communique: wrote {n} rows to {a.out}", file=sys.stderr)
    return 0


@command("batch")
def _batch(a: argparse.Namespace) -> int:
    from .batch import run_batch

    done = {"docs": 0}

    def on_part(partition: str, k: int, n: int) -> None:
        done["docs"] += n
        where = f"{partition}/" if partition else ""
        print(f"communique: part {where}{k:05d} done ({done['docs']} documents so far)", file=sys.stderr)

    report = run_batch(a.paths, a.out, workers=a.workers, scheduler=a.scheduler, chunk_size=a.chunk_size, rules_dir=a.rules,
                       on_part=on_part, partition_by=a.partition_by)
    r = report.as_dict()
    print(f"communique: {r['parts_written']} parts written, {r['parts_skipped']} already done, {r['documents']} documents, "
          f"{r['acts']} acts, {len(report.failed)} failed in {r['seconds']}s on {r['workers']} workers -> {a.out}", file=sys.stderr)
    return print_failures(report.failed)
