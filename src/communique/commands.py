"""Command functions behind the CLI: each calls the library and prints its result."""
from __future__ import annotations

import argparse
import sys

from .cli import command, emit_json
from .ingest import iter_documents
from .model import ReadFailure
from .render import print_failures

__all__: list[str] = []


@command("show")
def _show(a: argparse.Namespace) -> int:
    from .nlp.segment import segment
    from .render import document_json, print_document
    from .rules import Rules

    rules = Rules()
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
