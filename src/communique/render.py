"""Turning records into what people and scripts read (terminal text, JSON objects)."""
from __future__ import annotations

import sys
from dataclasses import asdict
from typing import Iterable, Sequence

from .model import Document, ReadFailure, Sentence
from .schema import ACT_TABLE_COLUMNS, document_record

__all__ = ["document_json", "print_document", "print_failures", "print_ingest_report", "print_search",
           "print_acts_table", "write_acts_csv", "print_stats", "ACT_COLUMNS"]

ACT_COLUMNS = ACT_TABLE_COLUMNS  # the compact view; communique.schema describes the record


def document_json(doc: Document, sentences: Sequence[Sentence]) -> dict:
    """A read document as ``show --format json`` prints it: its record (the one serialisation,
    :func:`communique.schema.document_record`; no participants, as nothing was extracted), its
    name as ``doc`` too (as predictions name it), and its sentences."""
    return {"doc": doc.name} | document_record(doc, None, json_text=False) | {"sentences": [asdict(s) for s in sentences]}


def print_document(doc: Document, sentences: Sequence[Sentence], out=None) -> None:
    out = out or sys.stdout  # looked up now: a default bound at import outlives a redirected stream
    print(f"# {doc.title or doc.name}", file=out)
    for key, value in (("doc", doc.name), ("date", doc.date), ("kind", doc.kind),
                       ("parties", ", ".join(doc.parties) or "(not given)"), ("source", doc.source_url or doc.path)):
        if value:
            print(f"{key:>8}: {value}", file=out)
    print(f"{'':>8}  {len(sentences)} sentences, {len(doc.text.split())} words", file=out)
    heading = None
    for s in sentences:
        if s.heading != heading and s.heading:
            print(f"\n  [{s.heading}]", file=out)
        heading = s.heading
        mark = "  - " if s.list_item else "    "
        print(f"{s.n:>5}{mark}{s.text}", file=out)
    print(file=out)


def print_failures(failures: Iterable[ReadFailure], out=None) -> int:
    """Report failed documents at the end of a run; the exit status to return."""
    out = out or sys.stderr
    failures = list(failures)
    if not failures:
        return 0
    print(f"communique: {len(failures)} document(s) failed:", file=out)
    for f in failures:
        print(f"  {f}", file=out)
    return 1


def _console():
    from rich.console import Console

    import shutil

    console = Console(soft_wrap=False)
    if not console.is_terminal:  # piped: do not squeeze tables into 80 columns
        console = Console(soft_wrap=False, width=max(shutil.get_terminal_size((160, 24)).columns, 160))
    return console


def print_ingest_report(report, db: str, out=None) -> None:
    out = out or sys.stderr
    print(f"{db}: {report.added} added, {report.updated} updated, {report.unchanged} unchanged, "
          f"{len(report.failed)} failed ({report.words:,} words in {report.seconds:.1f}s)", file=out)
    print_failures(report.failed, out)


def print_search(rows, query: str) -> None:
    import re

    from rich.markup import escape
    from rich.text import Text

    con = _console()
    if not rows:
        con.print(f"no sentence matches {escape(query)!r}")
        return
    for r in rows:
        snippet = Text("   ")
        for i, part in enumerate(re.split(r"[«»]", r["snippet"])):
            snippet.append(part, style="bold yellow" if i % 2 else "")
        con.print(f"[cyan]{r['date']}[/] [bold]{escape(r['doc'])}[/] #{r['sentence']}")
        con.print(snippet)
        for a in r["acts"]:
            con.print(f"   [green]{a['type']}[/] {a['modality']} {','.join(a['actors'])} -> {','.join(a['targets']) or '-'}")


def print_acts_table(rows) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for col in ("date", "doc", "type", "modality", "actors", "targets", "issues", "evidence"):
        table.add_column(col, overflow="fold", ratio=4 if col == "evidence" else 1,
                         min_width={"date": 10, "type": 9, "modality": 8}.get(col, 6))
    for r in rows:
        mark = "*" if r.get("commitment") else ""
        table.add_row(r.get("date") or "", escape(r["doc"]), r["type"] + mark, r["modality"], ",".join(r["actors"]),
                      ",".join(r["targets"]), ",".join(r["issues"]), escape(r["evidence"]))
    con = _console()
    con.print(table)
    con.print(f"{len(rows)} acts (* = commitment)")


def write_acts_csv(rows, out) -> None:
    import csv

    w = csv.writer(out)
    w.writerow(ACT_COLUMNS)
    for r in rows:
        w.writerow([";".join(v) if isinstance(v, (list, tuple)) else v for v in (r.get(c) for c in ACT_COLUMNS)])


def print_stats(stats: dict, db: str) -> None:
    con = _console()
    con.print(f"[bold]{db}[/]: {stats['documents']} documents, {stats['sentences']} sentences, "
              f"{stats['acts']} acts ({stats['commitments']} commitments)")
    for key in ("documents_by_year", "documents_by_kind", "documents_by_party", "acts_by_type", "acts_by_modality",
                "acts_by_issue", "top_actors", "top_targets"):
        items = stats.get(key) or {}
        con.print(f"[bold]{key.replace('_', ' ')}[/]: " + ", ".join(f"{k} {v}" for k, v in items.items()))


def print_extraction_table(ex) -> None:
    """A statement's acts for people: commitments first, then the rest in text order."""
    from rich.markup import escape
    from rich.table import Table

    con = _console()
    d = ex.document
    con.print(f"\n[bold]{escape(d.title or d.name)}[/] ({d.date or 'undated'}, {d.kind or 'statement'}; "
              f"participants {', '.join(ex.participants) or '?'}): {len(ex.acts)} acts, "
              f"{sum(a.commitment for a in ex.acts)} commitments")
    table = Table(header_style="bold")
    for col in ("#", "type", "modality", "actors", "targets", "issues", "cameo", "evidence"):
        table.add_column(col, overflow="fold", ratio=5 if col == "evidence" else 1)
    acts = sorted(ex.acts, key=lambda a: (not a.commitment, a.sentence, a.start))
    for a in acts:
        table.add_row(str(a.sentence), a.type + ("*" if a.commitment else ""), a.modality, ",".join(a.actors),
                      ",".join(a.targets), ",".join(a.issues), a.cameo, escape(a.evidence))
    con.print(table)


def _changes_text(changes):
    from rich.text import Text

    t = Text()
    for op, words in changes:
        style = {"-": "red strike", "+": "green bold", "=": ""}[op]
        t.append(("[-" + words + "-]" if op == "-" else "{+" + words + "+}" if op == "+" else words) + " ", style=style)
    return t


def print_lineages(lineages, query: str) -> None:
    from rich.markup import escape

    con = _console()
    if not lineages:
        con.print(f"no lineage matches {escape(query)!r}")
        return
    for x in lineages:
        con.print(f"\n[bold]{x['id']}[/] {x['type']} by {','.join(x['actors'])}"
                  f"{' toward ' + ','.join(x['targets']) if x['targets'] else ''}: {x['first']} .. {x['last']}, "
                  f"{sum(d['status'] not in ('dropped', 'continued') for d in x['documents'])} statements")
        for d in x["documents"]:
            status = {"new": "[cyan]new[/]", "repeated": "[green]repeated[/]", "reworded": "[yellow]reworded[/]",
                      "dropped": "[red]dropped[/]", "continued": "[blue]continued[/]"}[d["status"]]
            con.print(f"  {d['date']}  {status:<22} {escape(d['doc'])}")
            if d["status"] == "reworded" and d.get("changes"):
                con.print("      ", _changes_text(d["changes"]))
            elif d["evidence"]:
                con.print(f"       {escape(d['evidence'])}")
            elif d.get("continued_in"):
                con.print(f"       [dim]continues in lineage {d['continued_in']['lineage']}:[/] {escape(d['continued_in']['evidence'])}")
            if d.get("attribution_changes"):
                con.print("       [dim]attribution:[/]", _changes_text(d["attribution_changes"]))


def print_diff(result, limit=None) -> None:
    from rich.markup import escape

    con = _console()
    a, b = result["a"], result["b"]
    t = result["totals"]
    con.print(f"[bold]{escape(b['doc'])}[/] ({b['date']}) against [bold]{escape(a['doc'])}[/] ({a['date']}): "
              f"{t['added']} added, {t['dropped']} dropped, {t['reworded']} reworded, {t['repeated']} repeated")
    for issue, groups in result["issues"].items():
        if not any(groups.values()):
            continue
        con.print(f"\n[bold underline]{issue}[/]")
        for kind, style in (("added", "green"), ("dropped", "red"), ("reworded", "yellow"), ("repeated", "dim")):
            for e in groups[kind][:limit]:
                act = e.get("b") or e.get("a")
                head = f"  [{style}]{kind:<9}[/] {act['type']:<9} "
                if kind == "reworded":
                    con.print(head, _changes_text(e["changes"]))
                else:
                    con.print(head + escape(act["evidence"]))
                if e.get("attribution_changes"):
                    con.print("            [dim]attribution:[/]", _changes_text(e["attribution_changes"]))


def print_trends(result) -> None:
    con = _console()
    rows = result["rows"]
    target = f" toward {result['target']}" if result["target"] else ""
    narrowed = ", ".join(f"{k}={v}" for k, v in result.get("filters", {}).items())
    con.print(f"[bold]{result['actor']}[/]{target}, by {result['by']}" + (f" (only acts with {narrowed})" if narrowed else ""))
    if not rows:
        con.print("no acts")
        return
    peak = max(r["acts"] for r in rows)
    for r in rows:
        bar = "#" * max(1, round(30 * r["acts"] / peak))
        types = " ".join(f"{k}:{v}" for k, v in sorted(r["types"].items(), key=lambda kv: -kv[1])[:4])
        con.print(f"  {r['period']:<8} {r['direction']:<6} {r['acts']:>5} {bar:<30} commit {r['commitment_share']:.0%}"
                  f"  goldstein {r['mean_goldstein']:+.1f}  {types}")


def write_trends_csv(result, out) -> None:
    import csv

    w = csv.writer(out)
    types = sorted({t for r in result["rows"] for t in r["types"]})
    w.writerow(["period", "direction", "acts", "commitment_share", "mean_goldstein", *types])
    for r in result["rows"]:
        w.writerow([r["period"], r["direction"], r["acts"], r["commitment_share"], r["mean_goldstein"],
                    *[r["types"].get(t, 0) for t in types]])
