"""The ``communique`` command: a thin layer over the library.

Each command parses its options, calls one library function, prints the result,
and turns a :class:`~communique.errors.CommuniqueError` into a one-line message.
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

from . import __version__
from .errors import CommuniqueError
from .registry import COMMANDS as _COMMANDS
from .registry import command, emit_json, filters_of as _filters  # noqa: F401  (kept importable from here)

__all__ = ["main"]


# A library error names the field at fault (``since``, ``min_confidence``); the CLI says
# the flag. A field is its flag unless listed here.
_FLAGS: dict[str, str] = {"query": "QUERY", "paths": "PATH"}


def flag_of(field: str) -> str:
    """The command-line flag of a library field: ``min_confidence`` -> ``--min-confidence``."""
    return _FLAGS.get(field) or "--" + field.replace("_", "-")


def error_text(e: CommuniqueError) -> str:
    """An error as the CLI prints it: a message that opens with the field's name opens with its flag."""
    if e.field and e.message.startswith(e.field + " "):
        import copy

        e = copy.copy(e)
        e.message = flag_of(e.field) + e.message[len(e.field):]
    return str(e)


def _db_default() -> str:
    return os.environ.get("COMMUNIQUE_DB", "communique.db")


def _count(low: int = 1, high: int = 1_000_000):
    """An argparse type: a whole number from ``low`` to ``high``."""
    def parse(text: str) -> int:
        try:
            n = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a whole number, not {text!r}") from None
        if not low <= n <= high:
            raise argparse.ArgumentTypeError(f"must be from {low:,} to {high:,}, not {text}")
        return n
    return parse


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
    _add_min_confidence(p)
    p.add_argument("--limit", type=_count(), default=None, help="at most N rows (1 to 1,000,000)")


def _add_rules(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", metavar="DIR", default=None,
                   help="a folder of rules files overriding the packaged ones, file by file (e.g. --rules my-rules/)")


def _add_min_confidence(p: argparse.ArgumentParser) -> None:
    p.add_argument("--min-confidence", dest="min_confidence", type=float, default=None, metavar="P",
                   help="only acts the deciding model is at least this sure of (0..1)")


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
    _add_rules(p)

    p = sub.add_parser("extract", help="extract the acts of statements")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=("table", "jsonl", "json", "csv"), default="table")
    _add_rules(p)
    _add_min_confidence(p)

    p = sub.add_parser("evaluate", help="score the extractor against gold acts (or cross-validate the model)")
    p.add_argument("--gold", required=True, help="gold JSONL file or folder (with --cv: searched recursively)")
    p.add_argument("--cv", type=int, default=0, metavar="K",
                   help="cross-validate: train on K-1 folds of the gold documents, score the held-out fold")
    p.add_argument("--seed", type=int, default=13, help="seed of the folds and the training (with --cv)")
    p.add_argument("--report", help="write the cross-validation figures as JSON to this file (with --cv)")
    p.add_argument("paths", nargs="*", metavar="PATH", help="statements (default: those beside the gold, by name)")
    p.add_argument("--statements", help="folder holding the statements named in the gold")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--min", action="append", default=[], metavar="KEY=VALUE", help="fail below this bound")
    _add_rules(p)

    p = sub.add_parser("train", help="rebuild the trained act model from gold statements")
    p.add_argument("--gold", action="append", help="gold folder or file, searched recursively (repeatable; default data/gold)")
    p.add_argument("--statements", default="data/statements", help="folder holding NAME.md for each gold NAME.jsonl")
    p.add_argument("--out", help="folder for acts_model.json and acts_model.npz (default: the packaged rules data)")
    p.add_argument("--seed", type=int, default=13)
    _add_rules(p)

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
    p.add_argument("--batch-size", type=_count(1, 10_000), default=32)
    p.add_argument("--workers", type=_count(1, 64), default=1,
                   help="extract in N processes (one writer; the same store as one worker), e.g. --workers 2")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    _add_rules(p)

    p = sub.add_parser("search", help="full-text search over stored sentences",
                       description="A query starting with '-' goes after '--', options first: "
                                   "communique search --db s.db -- -japan")
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
    p.add_argument("--limit", type=_count(1, 1000), default=5)
    p.add_argument("--series", help="the series whose later statements may drop it: statements (comma-separated) or a name pattern")
    p.add_argument("--format", choices=("table", "json"), default="table")

    p = sub.add_parser("diff", help="what statement B adds, drops, rewords and repeats from A (by default the previous of its series)")
    p.add_argument("a", help="the earlier statement: doc id, name or file (alone: the later one, compared with its series' previous)")
    p.add_argument("b", nargs="?", help="the later statement")
    p.add_argument("--series", help="define the series: statements (comma-separated ids/names) or a name pattern")
    p.add_argument("--db", default=_db_default())
    p.add_argument("--limit", type=_count(), default=None, help="at most N entries per group in the table")
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
    p.add_argument("--port", type=_count(1, 65535), default=8000)
    p.add_argument("--allow-host", action="append", default=[], metavar="HOST",
                   help="also answer requests for this Host (default: the bound address and localhost only)")

    p = sub.add_parser("relink", help="rebuild every commitment lineage from the stored acts")
    p.add_argument("--db", default=_db_default())

    p = sub.add_parser("export", help="export acts for analysts' tools")
    p.add_argument("--db", default=_db_default())
    from .export.formats import EXPORTERS  # the formats are the exporters' registry

    p.add_argument("--format", choices=tuple(EXPORTERS), required=True)
    p.add_argument("--out", help="output file (default: standard output; required for parquet)")
    _add_filters(p)

    p = sub.add_parser("batch", help="extract a whole archive on a Dask cluster into Parquet")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--out", required=True)
    p.add_argument("--workers", type=_count(1, 256), default=2)
    p.add_argument("--scheduler", help="address of an existing Dask scheduler")
    p.add_argument("--partition-by", dest="partition_by", choices=("year", "kind", "none"), default="year",
                   help="output folders year=YYYY/ (default), kind=KIND/, or none (parts at the top)")
    p.add_argument("--chunk-size", type=_count(1, 100_000), default=200, help="documents per task")
    _add_rules(p)
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
        print(f"communique: error: {error_text(e)}", file=sys.stderr)
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

