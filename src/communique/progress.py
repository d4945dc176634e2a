"""A rich progress bar for long ingests: rate and ETA, quiet when not a terminal."""
from __future__ import annotations

import contextlib
import gzip
import sys
from pathlib import Path
from typing import Callable, Iterator

from .ingest import expand_paths
from .ingest.readers import reader_for
from .model import ReadFailure

__all__ = ["ingest_progress", "estimate_total"]


def estimate_total(paths) -> int:
    """Documents under ``paths``: files, plus lines of JSON Lines files."""
    total = 0
    for p in expand_paths(paths):
        if isinstance(p, ReadFailure):
            total += 1
            continue
        if reader_for(p).many:  # a bulk file: one document a line
            opener = gzip.open if p.name.lower().endswith(".gz") else open
            try:
                with opener(p, "rb") as fh:  # type: ignore[operator]
                    total += sum(1 for line in fh if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total


@contextlib.contextmanager
def ingest_progress(paths, enabled: bool = True) -> Iterator[Callable[[str, str], None]]:
    if not enabled or not sys.stderr.isatty():
        yield lambda status, name: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    total = estimate_total([Path(p) for p in paths])
    columns = (TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
               TimeElapsedColumn(), TimeRemainingColumn(), TextColumn("{task.fields[name]}"))
    with Progress(*columns, transient=False) as progress:
        task = progress.add_task("ingest", total=total, rate="", name="")

        def on_event(status: str, name: str) -> None:
            elapsed = progress.tasks[0].elapsed or 1e-9
            done = progress.tasks[0].completed + 1
            progress.update(task, advance=1, rate=f"{done / elapsed:.1f} docs/s", name=name[-40:])

        yield on_event
