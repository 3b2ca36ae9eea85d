"""Seconds and peak memory of the offline check as the number of claims and table
rows grows (1k, 10k, 100k). Each shape is one a hostile or a very long document
takes: many figures in one sentence, many one-line sentences, long '其中' lists,
a long table. Time should grow about linearly: ten times the claims, about ten
times the seconds. The input limits (narrative_check/ingest/limits.py) are lifted
for the run. Run: .venv/bin/python benchmarks/bench_scale.py [sizes…]
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEED = ROOT / "eval" / "datasets" / "seeds" / "000_02797f1f3cd467d2.txt"


def one_line(n: int) -> str:
    return "本部门支出" + "1万元，" * n + "\n"


def sentences(n: int) -> str:
    return "".join(f"本部门一般公共服务支出{i}.00万元，比上年增加1.00万元，增长{i % 50}.00%。\n" for i in range(n))


def lists(n: int) -> str:
    return "".join(f"本部门支出合计{3 * i}万元，其中：基本支出{i}万元，项目支出{2 * i}万元。\n" for i in range(n))


def table(n: int) -> str:
    rows = "".join(f"{201 + i % 20:03d}{i % 100:02d}{i % 100:02d}\t项目{i}\t{i}.00\t{i}.00\n" for i in range(n))
    return "表1 一般公共预算支出表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\n" + rows + "\n"


SHAPES = {"one line": one_line, "sentences": sentences, "lists": lists, "table rows": table}


def run_one(shape: str, n: int) -> None:
    """In a child process, so each figure of peak memory is its own."""
    from narrative_check import check
    from narrative_check.ingest import limits

    # The input limits stop such documents before any work (a clear error); lifted
    # here to measure how the time grows beyond them.
    limits.MAX_PROSE_FIGURES = limits.MAX_LINE_CHARS = limits.MAX_LINES = limits.MAX_TABLE_CELLS = 10**9
    text = SEED.read_text(encoding="utf-8") + "\n" + SHAPES[shape](n)
    start = time.perf_counter()
    report = check(text, text=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{shape:>10} {n:>7}: {seconds:8.2f} s  peak {peak:7.0f} MiB  "
          f"{len(report.claims)} claims, {len(report.findings)} findings", flush=True)


def main(sizes: list[int]) -> None:
    for shape in SHAPES:
        for n in sizes:
            subprocess.run([sys.executable, __file__, "--one", shape, str(n)], check=False)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        run_one(sys.argv[2], int(sys.argv[3]))
    else:
        main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000])
