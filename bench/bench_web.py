"""A bounded loopback load test of the web explorer's statement page.

    python bench/bench_web.py [--db DB] [--clients 8] [--requests 400] [--seconds 60]

Starts the server on 127.0.0.1 (a free port), sends at most --requests requests from
--clients concurrent threads for at most --seconds, and reports median and 95th
percentile latency. Traffic never leaves this machine.
"""
from __future__ import annotations

import argparse
import socket
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from common import ROOT, report  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=400)
    ap.add_argument("--seconds", type=float, default=60)
    a = ap.parse_args()
    import uvicorn

    from communique import Corpus
    from communique.web import create_app

    db = a.db
    if db is None:  # the bundled samples
        db = str(Path(tempfile.mkdtemp()) / "samples.db")
        with Corpus(db) as c:
            c.ingest([ROOT / "samples"])
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}/doc/2023-01-13_us-japan_joint-statement"
    deadline = time.time() + a.seconds
    latencies: list[float] = []
    errors = 0

    def one(_):
        nonlocal errors
        if time.time() > deadline:
            return
        with httpx.Client(timeout=30) as client:
            t = time.perf_counter()
            r = client.get(url)
            latencies.append((time.perf_counter() - t) * 1000)
            if r.status_code != 200:
                errors += 1

    with ThreadPoolExecutor(a.clients) as pool:
        list(pool.map(one, range(a.requests)))
    server.should_exit = True
    latencies.sort()
    report("web_load", {"url": "/doc/2023-01-13_us-japan_joint-statement", "clients": a.clients, "requests": len(latencies),
                        "errors": errors, "median_ms": round(statistics.median(latencies), 1),
                        "p95_ms": round(latencies[int(0.95 * len(latencies)) - 1], 1), "max_ms": round(latencies[-1], 1)})


if __name__ == "__main__":
    main()
