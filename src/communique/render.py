"""Turning records into what people and scripts read (terminal text, JSON objects)."""
from __future__ import annotations

import sys
from typing import Iterable, Sequence

from .model import Act, Document, ReadFailure, Sentence

__all__ = ["document_json", "print_document", "print_failures", "act_row"]


def document_json(doc: Document, sentences: Sequence[Sentence]) -> dict:
    return {
        "doc": doc.name, "title": doc.title, "date": doc.date, "parties": list(doc.parties),
        "kind": doc.kind, "source_url": doc.source_url, "text": doc.text,
        "sentences": [
            {"n": s.n, "start": s.start, "end": s.end, "text": s.text, "paragraph": s.paragraph,
             "list_item": s.list_item, "heading": s.heading, "lead_in": s.lead_in}
            for s in sentences
        ],
    }


def print_document(doc: Document, sentences: Sequence[Sentence], out=sys.stdout) -> None:
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


def print_failures(failures: Iterable[ReadFailure], out=sys.stderr) -> int:
    """Report failed documents at the end of a run; the exit status to return."""
    failures = list(failures)
    if not failures:
        return 0
    print(f"communique: {len(failures)} document(s) failed:", file=out)
    for f in failures:
        print(f"  {f}", file=out)
    return 1


def act_row(act: Act) -> list[str]:
    return [act.type, act.modality, ",".join(act.actors), ",".join(act.targets),
            ",".join(act.issues), "yes" if act.commitment else "", act.cameo, act.evidence]
