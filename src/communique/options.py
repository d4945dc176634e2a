"""The command line's shared options, each declared once and applied as a decorator
on every command where it makes sense (``--db``, the act filters, ``--rules``,
``--min-confidence``, ``--format``), and what the commands share to print.

A test (tests/test_cli.py) checks that an option is defined alike on every command
that takes it.
"""
from __future__ import annotations

import functools
import json
import sys

import click

__all__ = ["DB_DEFAULT", "DB_ENV", "count", "db_option", "emit_json", "filter_options", "format_option",
           "min_confidence_option", "note", "rules_option"]

DB_ENV = "COMMUNIQUE_DB"
DB_DEFAULT = "communique.db"


def count(low: int = 1, high: int = 1_000_000) -> click.IntRange:
    """A whole number from ``low`` to ``high`` (a count, a port, a size)."""
    return click.IntRange(low, high)


db_option = click.option(
    "--db", metavar="FILE", default=DB_DEFAULT, envvar=DB_ENV, show_default=True, show_envvar=True,
    help="the store (an SQLite file)")

rules_option = click.option(
    "--rules", metavar="DIR", default=None,
    help="a folder of rules files overriding the packaged ones, file by file (e.g. --rules my-rules/)")

min_confidence_option = click.option(
    "--min-confidence", "min_confidence", type=float, default=None, metavar="P",
    help="only acts the deciding model is at least this sure of (0..1)")


def format_option(*choices: str, default: str | None = None, required: bool = False):
    """``--format`` with this command's choices; the first is the default unless ``required``."""
    if not required and default is None:
        default = choices[0]
    return click.option("--format", "format", type=click.Choice(choices), default=default, required=required,
                        show_default=not required, help="output format")


# The act filters: option -> ActFilter field. The command receives them as one ``filters`` ActFilter.
_FILTERS = (
    click.option("--actor", help="acts by this actor code (USA, JPN, G7 ...)"),
    click.option("--target", help="acts toward this actor code"),
    click.option("--type", "act_type", help="act type (COMMIT types: AID, SUPPORT, ...)"),
    click.option("--modality", help="COMMIT, REAFFIRM or ASSERT"),
    click.option("--issue", help="issue area (defense, economy, ...)"),
    click.option("--party", help="documents issued by this party"),
    click.option("--kind", help="document kind (joint-statement, readout, ...)"),
    click.option("--since", help="from this date (YYYY[-MM[-DD]])"),
    click.option("--until", help="up to this date (YYYY[-MM[-DD]])"),
    click.option("--commitments", is_flag=True, help="commitments only"),
    min_confidence_option,
    click.option("--limit", type=count(), default=None, metavar="N", help="at most N rows"),
)
_FIELDS = {"actor": "actor", "target": "target", "act_type": "type", "modality": "modality", "issue": "issue",
           "party": "party", "kind": "kind", "since": "since", "until": "until", "commitments": "commitments",
           "min_confidence": "min_confidence", "limit": "limit"}


def filter_options(fn):
    """The act filters (--actor ... --limit), handed to the command as ``filters``, an
    unvalidated :class:`~communique.storage.query.ActFilter` (the library validates it)."""
    @functools.wraps(fn)
    def wrapped(*args, **kwargs):
        from .storage.query import ActFilter

        kwargs["filters"] = ActFilter(**{field: kwargs.pop(name) for name, field in _FIELDS.items()})
        return fn(*args, **kwargs)

    for option in reversed(_FILTERS):
        wrapped = option(wrapped)
    return wrapped


def emit_json(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False))


def note(text: str) -> None:
    print(f"communique: note: {text}", file=sys.stderr)
