"""Run every benchmark in turn (the long ones read ../shared/corpus and say so when absent)."""
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
for script in ("bench_throughput.py", "bench_ingest.py all", "bench_workers.py --quiet", "bench_search.py", "bench_lineage.py",
               "bench_batch.py", "bench_web.py", "bench_linear.py", "bench_fuzz.py"):
    name, *args = script.split()
    print(f"== {script}", flush=True)
    subprocess.run([sys.executable, str(HERE / name), *args], check=False)
