"""The ``communique`` command: a thin layer over the library.

Each command parses its options, calls one library function, prints the result,
and turns a :class:`~communique.errors.CommuniqueError` into a one-line message.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Callable, Sequence

from . import __version__
from .errors import CommuniqueError

__all__ = ["main"]

_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def command(name: str):
    def wrap(fn):
        _COMMANDS[name] = fn
        return fn
    return wrap


def _db_default() -> str:
    return os.environ.get("COMMUNIQUE_DB", "communique.db")


def _add_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--actor", help="acts by this actor code (USA, JPN, G7 ...)")
    p.add_argument("--target", help="acts toward this actor code")
    p.add_argument("--type", dest="act_type", help="act type (COMMIT types: AID, SUPPORT, ...)")
    p.add_argument("--modality", help="COMMIT, REAFFIRM or ASSERT")
    p.add_argument("--issue", help="issue area (defense, economy, ...)")
    p.add_argument("--party", help="documents issued by this party")
    p.add_argument("--kind", help="document kind (joint-statement, readout, ...)")
    p.add_argument("--since", help="from this date (YYYY[-MM[-DD]])")
    p.add_argument("--until", help="up to this date (YYYY[-MM[-DD]])")
    p.add_argument("--commitments", action="store_true", help="commitments only")
    p.add_argument("--limit", type=int, default=None, help="at most N rows")


def _filters(a: argparse.Namespace) -> dict:
    from .storage.query import ActFilter

    return ActFilter(
        actor=a.actor, target=a.target, type=a.act_type, modality=a.modality, issue=a.issue,
        party=a.party, kind=a.kind, since=a.since, until=a.until,
        commitments=a.commitments, limit=a.limit,
    )


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="communique",
        description="Turn diplomatic statements into structured, source-linked acts and track them over time.",
    )
    ap.add_argument("--version", action="version", version=f"communique {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("show", help="print a parsed document: metadata and numbered sentences")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=("text", "json"), default="text")

    p = sub.add_parser("extract", help="extract the acts of statements")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=("table", "jsonl", "json", "csv"), default="table")
    p.add_argument("--rules", help="a folder of rules files overriding the packaged ones")

    p = sub.add_parser("evaluate", help="score the extractor against gold acts")
    p.add_argument("--gold", required=True, help="gold JSONL file or folder")
    p.add_argument("paths", nargs="*", metavar="PATH", help="statements (default: those beside the gold, by name)")
    p.add_argument("--statements", help="folder holding the statements named in the gold")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--min", action="append", default=[], metavar="KEY=VALUE", help="fail below this bound")

    p = sub.add_parser("evaluate-threads", help="score a store's lineages against hand-made commitment threads")
    p.add_argument("threads", help="threads JSONL file (one thread a line: thread, members [{doc, evidence}])")
    p.add_argument("--db", default=_db_default())
    p.add_argument("--rebuild", action="store_true", help="rebuild the lineages first (writes to the store)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--min", action="append", default=[], metavar="KEY=VALUE", help="fail below this bound (bcubed.f1=0.8)")

    p = sub.add_parser("ingest", help="read, extract and store statements")
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--db", default=_db_default())
    p.add_argument("--from-parquet", dest="from_parquet", help="load a batch run's Parquet output")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--quiet", action="store_true", help="no progress bar")

    p = sub.add_parser("search", help="full-text search over stored sentences")
    p.add_argument("query")
    p.add_argument("--db", default=_db_default())
    _add_filters(p)
    p.add_argument("--format", choices=("table", "jsonl"), default="table")

    p = sub.add_parser("acts", help="structured queries over stored acts")
    p.add_argument("--db", default=_db_default())
    _add_filters(p)
    p.add_argument("--format", choices=("table", "jsonl", "csv"), default="table")

    p = sub.add_parser("stats", help="what the store holds")
    p.add_argument("--db", default=_db_default())
    p.add_argument("--format", choices=("table", "json"), default="table")

    p = sub.add_parser("track", help="follow a commitment across statements")
    p.add_argument("query", help="words of the commitment, or a lineage id")
    p.add_argument("--db", default=_db_default())
    p.add_argument("--party")
    p.add_argument("--limit", type=int, default=5)
    p.add_argument("--series", help="the series whose later statements may drop it: statements (comma-separated) or a name pattern")
    p.add_argument("--format", choices=("table", "json"), default="table")

    p = sub.add_parser("diff", help="what statement B adds, drops, rewords and repeats from A (by default the previous of its series)")
    p.add_argument("a", help="the earlier statement: doc id, name or file (alone: the later one, compared with its series' previous)")
    p.add_argument("b", nargs="?", help="the later statement")
    p.add_argument("--series", help="define the series: statements (comma-separated ids/names) or a name pattern")
    p.add_argument("--db", default=_db_default())
    p.add_argument("--limit", type=int, default=None, help="at most N entries per group in the table")
    p.add_argument("--format", choices=("table", "json"), default="table")

    p = sub.add_parser("report", help="a summit report on a statement: commitments by issue, status against the series' previous")
    p.add_argument("doc", help="the statement: doc id, name or file")
    p.add_argument("--db", default=_db_default())
    p.add_argument("--format", choices=("html", "md", "json"), default="html")
    p.add_argument("--out", help="output file (default: standard output)")
    p.add_argument("--series", help="define the series: statements (comma-separated ids/names) or a name pattern")
    p.add_argument("--base-url", default="http://127.0.0.1:8000", help="the explorer that evidence links point to")

    p = sub.add_parser("trends", help="acts of an actor per period")
    p.add_argument("--actor", required=True)
    p.add_argument("--target")
    p.add_argument("--by", choices=("year", "quarter", "month"), default="year")
    p.add_argument("--db", default=_db_default())
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")

    p = sub.add_parser("serve", help="the web explorer over a store")
    p.add_argument("--db", default=_db_default())
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)

    p = sub.add_parser("export", help="export acts for analysts' tools")
    p.add_argument("--db", default=_db_default())
    p.add_argument("--format", choices=("csv", "jsonl", "parquet", "gdelt", "plover"), required=True)
    p.add_argument("--out", help="output file (default: standard output; required for parquet)")
    _add_filters(p)

    p = sub.add_parser("batch", help="extract a whole archive on a Dask cluster into Parquet")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--out", required=True)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--scheduler", help="address of an existing Dask scheduler")
    p.add_argument("--partition-by", choices=("year",), default="year")
    p.add_argument("--chunk-size", type=int, default=200, help="documents per task")
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    if not args.command:
        ap.print_help()
        return 2
    from . import commands  # noqa: F401  (registers the command functions)

    try:
        return _COMMANDS[args.command](args)
    except CommuniqueError as e:
        print(f"communique: error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("communique: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # a bug: say so plainly; COMMUNIQUE_DEBUG=1 shows the traceback
        if os.environ.get("COMMUNIQUE_DEBUG"):
            raise
        print(f"communique: internal error: {type(e).__name__}: {e} (set COMMUNIQUE_DEBUG=1 for details, "
              "and please report it)", file=sys.stderr)
        return 70


def emit_json(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False))
