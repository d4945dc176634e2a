"""The command registry, and what the command functions share with the parser.

``cli`` builds the parser and dispatches; ``commands`` registers its functions here
with :func:`command`. Both import this module and neither imports the other's
internals back, so there is no ``cli`` <-> ``commands`` cycle.
"""
from __future__ import annotations

import argparse
import json
from typing import Callable

__all__ = ["COMMANDS", "command", "emit_json", "filters_of"]

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def command(name: str):
    def wrap(fn):
        COMMANDS[name] = fn
        return fn
    return wrap


def emit_json(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False))


def filters_of(a: argparse.Namespace):
    """The act filters of a command's options (see ``cli._add_filters``)."""
    from .storage.query import ActFilter

    return ActFilter(
        actor=a.actor, target=a.target, type=a.act_type, modality=a.modality, issue=a.issue,
        party=a.party, kind=a.kind, since=a.since, until=a.until,
        commitments=a.commitments, limit=a.limit, min_confidence=getattr(a, "min_confidence", None),
    )
