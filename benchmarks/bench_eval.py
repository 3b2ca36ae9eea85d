"""Offline eval throughput: cases per second over eval/datasets.

    .venv/bin/python benchmarks/bench_eval.py [--repeat 3] [PATHS...]

Runs the offline extractor only (no baseline, no log) and prints the best of the
repeats, so the figure does not include one-off import and cache warm-up.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from narrative_check.config import Config
from narrative_check.evaluation import find_cases, run_eval

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "eval" / "datasets")])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cases = find_cases(args.paths)
    run_eval(cases[:2], Config(extractor="offline"))  # warm-up: imports, concept catalogue
    best = None
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        run = run_eval(cases, Config(extractor="offline"))
        elapsed = time.perf_counter() - t0
        best = elapsed if best is None else min(best, elapsed)
    assert best is not None
    print(f"offline eval: {len(cases)} cases in {best:.2f} s = {len(cases) / best:.1f} cases/s "
          f"(best of {args.repeat}; F1 {run.overall.f1:.3f})")


if __name__ == "__main__":
    main()
