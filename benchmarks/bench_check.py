"""Time per document for the offline check of both seeds (median of repeated runs,
after start-up), and peak memory. Run: .venv/bin/python benchmarks/bench_check.py"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from narrative_check import check  # noqa: E402

SEEDS = sorted((ROOT / "eval" / "datasets" / "seeds").glob("*.txt"))


def main(repeat: int = 30) -> None:
    t0 = time.perf_counter()
    check(SEEDS[0])  # start-up: imports, catalogue, regex compilation
    print(f"first run (includes start-up): {(time.perf_counter() - t0) * 1000:.1f} ms")
    for path in SEEDS:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            report = check(path)
            times.append(time.perf_counter() - start)
        tracemalloc.start()
        check(path)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        print(f"{path.name}: median {statistics.median(times) * 1000:.1f} ms, min {min(times) * 1000:.1f} ms "
              f"over {repeat} runs; {lines} lines, {len(report.tables)} tables, {len(report.claims)} claims; "
              f"peak traced memory {peak / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
