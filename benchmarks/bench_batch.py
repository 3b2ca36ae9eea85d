"""Batch throughput: documents per minute with 1 and 2 worker processes.

    python benchmarks/bench_batch.py              # the shared documents repeated to >= 50
    python benchmarks/bench_batch.py --min 100 --jobs 1 2 4

The documents are those of ../shared (corpus, corpus/wild, documents), copied as many
times as it takes to reach ``--min`` (a copy is the same work as the original). The
time runs from starting the worker pool to the last report, so it includes the
workers' start-up.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from narrative_check.batch import KNOWN_SUFFIXES, check_many  # noqa: E402

SHARED = Path(os.environ.get("NARRATIVE_CHECK_SHARED") or ROOT.parent / "shared")


def documents() -> list[Path]:
    return sorted(p for sub in ("corpus", "corpus/wild", "documents") for p in (SHARED / sub).iterdir()
                  if p.is_file() and p.suffix.lower() in KNOWN_SUFFIXES and p.name != "README.md")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--min", type=int, default=50, help="at least this many documents (default 50)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    originals = documents()
    if not originals:
        sys.exit(f"no documents in {SHARED}")
    copies = -(-args.min // len(originals))
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as folder:
        for k in range(copies):
            for doc in originals:
                shutil.copy(doc, Path(folder) / f"{k:02d}-{doc.name}")
        total = len(originals) * copies
        kinds = Counter(p.suffix.lower() for p in originals)
        print(f"{total} documents ({copies} copies of {len(originals)}: "
              + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) + ")")
        for jobs in args.jobs:
            started = time.perf_counter()
            outcomes = list(check_many([folder], jobs=jobs))
            wall = time.perf_counter() - started
            failed = Counter(o.error for o in outcomes if o.error)
            per_doc = statistics.median(o.seconds for o in outcomes)
            print(f"jobs {jobs}: {len(outcomes)} documents in {wall:.1f} s -> {len(outcomes) / wall * 60:.1f} "
                  f"documents/minute (median {per_doc:.2f} s per document in its worker"
                  + (f"; not checked: {dict(failed)}" if failed else "") + ")", flush=True)


if __name__ == "__main__":
    main()
