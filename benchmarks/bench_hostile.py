"""Seconds and peak memory of the real command on each hostile input of
tests/test_hostile.py (built here, in a temporary folder), each in a child process.
Target: every case under 20 s and 1 GB on this machine, with a report or a clear
error. Run: .venv/bin/python benchmarks/bench_hostile.py"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import hostile_inputs as h  # noqa: E402

SEED = ROOT / "eval" / "datasets" / "seeds" / "000_02797f1f3cd467d2.txt"


def _big_text(folder: Path) -> Path:
    path = folder / "big.txt"
    text = SEED.read_text(encoding="utf-8")
    path.write_text(text * (19 * 2**20 // len(text.encode("utf-8"))), encoding="utf-8")
    return path


CASES = {
    "xlsx, one figure at XFD1048576": lambda d: h.xlsx_far_cell(d),
    "xlsx, styled empty cell far away": lambda d: h.xlsx_styled_far_cell(d),
    "xlsx, 300,000 cells": lambda d: h.xlsx_many_cells(d, 1000, 300),
    "xlsx, 90,000 cells (under the limits)": lambda d: h.xlsx_many_cells(d, 300, 300),
    "docx, 128 MB of paragraphs": lambda d: h.docx_paragraphs(d, 2_000_000),
    "docx, 100,000 paragraphs (under the size limit)": lambda d: h.docx_paragraphs(d, 100_000, text="本部门。"),
    "docx, 6,000 parts": lambda d: h.docx_paragraphs(d, 10, extra_parts=6000),
    "text, 2000 x 2000 table": lambda d: h.text_table(d, 2000, 2000),
    "text, 1000 x 300 table": lambda d: h.text_table(d, 1000, 300),
    "text, 660 x 300 table (under the limits)": lambda d: h.text_table(d, 660, 300),
    "text, a line of 5,000,000 characters": lambda d: h.long_line(d, 5_000_000),
    "text, '1万元' x 4,900 on one line": lambda d: h.one_line_claims(d, 4_900),
    "text, '1万元' x 8,000 on one line": lambda d: h.one_line_claims(d, 8_000),
    "text, '1万元' x 100,000 on one line": lambda d: h.one_line_claims(d, 100_000),
    "text, 1,600 claim sentences (under the limits)": lambda d: h.claim_sentences(d, 1_600),
    "text, 60,000 claim sentences": lambda d: h.claim_sentences(d, 60_000),
    "text, 1,500 '其中' lists (under the limits)": lambda d: h.listed_parts(d, 1_500),
    "text, 19 MB": _big_text,
}


# the child reports its own peak resident memory as it exits
_DRIVER = """
import atexit, os, resource, sys
atexit.register(lambda: os.write(2, b"\\nPEAK_RSS_KB=%d" % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
sys.argv = ["narrative-check", *sys.argv[1:]]
from narrative_check.cli import main
main()
"""


def main() -> None:
    worst_seconds = worst_mb = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for name, build in CASES.items():
            path = build(Path(folder))
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", _DRIVER, "check", str(path), "--format", "json"],
                                  capture_output=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": "0"})
            seconds = time.perf_counter() - start
            err, _, peak = done.stderr.decode("utf-8", errors="replace").rpartition("PEAK_RSS_KB=")
            mb = int(peak) / 1024
            outcome = "report" if done.returncode in (0, 1) else err.strip()[:90].replace(str(path), "FILE")
            print(f"{name:<48} {seconds:6.1f} s {mb:7.0f} MB  exit {done.returncode}  {outcome.strip()}", flush=True)
            worst_seconds = max(worst_seconds, seconds)
            worst_mb = max(worst_mb, mb)
            path.unlink()
    print(f"slowest case {worst_seconds:.1f} s; largest peak {worst_mb:.0f} MB")


if __name__ == "__main__":
    main()
