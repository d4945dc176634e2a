"""The command line's options that more than one command takes, each declared once
here and applied as a decorator on every command where it makes sense (``--db``, the
act filters, ``--rules``, ``--min-confidence``, ``--format``, ``--series``, ``--limit``,
``--gold``, ``--statements``, ``--seed``, ``--out`` ...), and what the commands share
to print. An option one command alone takes is declared with that command.

Where commands differ in a detail (``--format``'s choices, ``--limit``'s default, what
``--out`` names), the option is a function of that detail, as :func:`format_option` is.
Tests (tests/test_cli.py) check that an option is declared once and defined alike on
every command that takes it.
"""
from __future__ import annotations

import functools
import importlib
import json
import sys

import click

__all__ = ["DB_DEFAULT", "DB_ENV", "LibraryChoice", "actor_option", "bounds_option", "count", "db_option", "emit_json",
           "filter_options", "format_option", "gold_option", "json_option", "limit_option", "min_confidence_option",
           "narrowing_options", "note", "out_option", "party_option", "rules_option", "seed_option", "series_option", "statements_option",
           "target_option", "workers_option"]

DB_ENV = "COMMUNIQUE_DB"
DB_DEFAULT = "communique.db"
MAX_COUNT = 1_000_000


def count(low: int = 1, high: int = MAX_COUNT) -> click.IntRange:
    """A whole number from ``low`` to ``high`` (a count, a port, a size)."""
    return click.IntRange(low, high)


class LibraryChoice(click.Choice):
    """A choice among the values a library module defines (``LibraryChoice(".compare.trends",
    "PERIODS")``), read when the option is first parsed or shown: the CLI starts without
    importing that module, and the values are never typed twice."""

    def __init__(self, module: str, name: str) -> None:
        self._source = (module, name)
        super().__init__(())

    @property
    def choices(self) -> tuple[str, ...]:  # type: ignore[override]
        module, name = self._source
        return tuple(getattr(importlib.import_module(module, __package__), name))

    @choices.setter
    def choices(self, value) -> None:  # click.Choice.__init__ sets it; the module's values stand
        pass


db_option = click.option(
    "--db", metavar="FILE", default=DB_DEFAULT, envvar=DB_ENV, show_default=True, show_envvar=True,
    help="the store (an SQLite file)")

rules_option = click.option(
    "--rules", metavar="DIR", default=None,
    help="a folder of rules files overriding the packaged ones, file by file (e.g. --rules my-rules/)")

min_confidence_option = click.option(
    "--min-confidence", "min_confidence", type=float, default=None, metavar="P",
    help="only acts the deciding model is at least this sure of (0..1)")

series_option = click.option(
    "--series", metavar="S", help="define the series: statements (comma-separated ids/names) or a name pattern")

party_option = click.option("--party", help="documents issued by this party")

target_option = click.option("--target", help="acts toward this actor: a code or a name")


def actor_option(required: bool = False):
    """``--actor``: an act filter, or what a command is about (``required``: ``trends``)."""
    return click.option("--actor", required=required, help="acts by this actor: a code (USA, JPN, G7 ...) or a name")


def limit_option(default: int | None = None, *, high: int = MAX_COUNT, of: str = "rows"):
    """``--limit N``: at most N ``of`` (rows, lineages ...), from 1 to ``high``."""
    return click.option("--limit", type=count(1, high), default=default, metavar="N", show_default=default is not None,
                        help=f"at most N {of}")


def format_option(*choices: str, default: str | None = None, required: bool = False):
    """``--format`` with this command's choices; the first is the default unless ``required``."""
    if not required and default is None:
        default = choices[0]
    return click.option("--format", "format", type=click.Choice(choices), default=default, required=required,
                        show_default=not required, help="output format")


def out_option(what: str, *, metavar: str = "FILE", required: bool = False):
    """``--out``: where the command writes ``what`` (a file or, with ``metavar="DIR"``, a folder)."""
    return click.option("--out", metavar=metavar, required=required, help=what)


def workers_option(default: int, *, high: int, what: str):
    """``--workers N``: how many processes (from 1 to ``high``) share the work."""
    return click.option("--workers", type=count(1, high), default=default, metavar="N", show_default=True, help=what)


# ---- gold, statements, training: evaluate and train -------------------------------

seed_option = click.option("--seed", type=int, default=13, show_default=True,
                           help="seed of the training (and of the folds, with evaluate --cv)")


def gold_option(default: str | None = None, *, repeatable: bool = False):
    """``--gold``: one gold file or folder (required without a ``default``), or any number
    of them (``repeatable``)."""
    if repeatable:
        default = (default,) if default else ()
    return click.option("--gold", multiple=repeatable, required=not default, default=default, show_default=bool(default),
                        metavar="PATH", help="gold JSONL file or folder" + (
                            ", searched recursively (repeatable)" if repeatable else " (with --cv: searched recursively)"))


def statements_option(default: str | None = None):
    """``--statements DIR``: the folder of the statements the gold names (NAME.md for NAME.jsonl)."""
    return click.option("--statements", metavar="DIR", default=default, show_default=default is not None,
                        help="folder holding the statement of each gold file (NAME.md for NAME.jsonl)")


bounds_option = click.option("--min", "bounds", multiple=True, metavar="KEY=VALUE",
                             help="fail below this bound (e.g. acts.f1=0.8; repeatable)")
json_option = click.option("--json", "as_json", is_flag=True, help="print the figures as JSON")


# ---- the act filters ------------------------------------------------------------
# option -> ActFilter field. The command receives them as one ``filters`` ActFilter.
_FILTERS = (
    actor_option(),
    target_option,
    click.option("--type", "act_type", help="act type (COMMIT types: AID, SUPPORT, ...)"),
    click.option("--modality", help="COMMIT, REAFFIRM or ASSERT"),
    click.option("--issue", help="issue area (defense, economy, ...)"),
    party_option,
    click.option("--kind", help="document kind (joint-statement, readout, ...)"),
    click.option("--since", help="from this date (YYYY[-MM[-DD]])"),
    click.option("--until", help="up to this date (YYYY[-MM[-DD]])"),
    click.option("--commitments", is_flag=True, help="commitments only"),
    min_confidence_option,
    limit_option(),
)
_FIELDS = {"actor": "actor", "target": "target", "act_type": "type", "modality": "modality", "issue": "issue",
           "party": "party", "kind": "kind", "since": "since", "until": "until", "commitments": "commitments",
           "min_confidence": "min_confidence", "limit": "limit"}


def _filters_decorator(names: tuple[str, ...]):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapped(*args, **kwargs):
            from .storage.query import ActFilter

            kwargs["filters"] = ActFilter(**{_FIELDS[name]: kwargs.pop(name) for name in names})
            return fn(*args, **kwargs)

        for name, option in reversed(list(zip(_FIELDS, _FILTERS))):
            if name in names:
                wrapped = option(wrapped)
        return wrapped
    return decorate


def filter_options(fn):
    """The act filters (--actor ... --limit), handed to the command as ``filters``, an
    unvalidated :class:`~communique.storage.query.ActFilter` (the library validates it)."""
    return _filters_decorator(tuple(_FIELDS))(fn)


def narrowing_options(fn):
    """The act filters but --actor, --target and --limit (for a command that takes its own
    actor and target and counts every act), handed to the command as ``filters``."""
    return _filters_decorator(tuple(n for n in _FIELDS if n not in ("actor", "target", "limit")))(fn)


def emit_json(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False))


def note(text: str) -> None:
    print(f"communique: note: {text}", file=sys.stderr)
