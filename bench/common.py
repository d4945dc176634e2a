"""Shared helpers for the benchmarks: where the corpus is, what machine this is, and
how results are printed and kept (bench/results/*.json)."""
from __future__ import annotations

import json
import os
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("COMMUNIQUE_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
RESULTS = Path(__file__).resolve().parent / "results"


def need_corpus() -> None:
    if not CORPUS.exists():
        print(f"benchmark skipped: the shared corpus is absent ({CORPUS}); set COMMUNIQUE_SHARED to its parent folder")
        sys.exit(0)


def machine() -> dict:
    mem = 0
    try:
        with open("/proc/meminfo") as fh:
            mem = int(fh.readline().split()[1]) // 1024
    except OSError:
        pass
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"cpus": os.cpu_count(), "cpu": cpu, "memory_mib": mem, "python": platform.python_version(), "platform": platform.platform()}


def peak_rss_mib() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run_child(script: str, *args: str) -> dict:
    """Run ``script --one ARGS`` in a fresh process (so its peak RSS is its own) and return
    the JSON object on its last line; exit with its error output if it failed."""
    import subprocess

    out = subprocess.run([sys.executable, script, "--one", *args], capture_output=True, text=True)
    if out.returncode:
        print(out.stderr[-3000:])
        raise SystemExit(1)
    return json.loads(out.stdout.strip().splitlines()[-1])


def report(name: str, figures: dict, quiet: bool = False) -> None:
    figures = {"benchmark": name, "when": time.strftime("%Y-%m-%d %H:%M:%S"), "machine": machine(), **figures}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    if not quiet:
        print(json.dumps(figures, indent=2))
