"""PDF ingest speed on the Shanghai budget: pages per second, median of repeated runs.

    python benchmarks/bench_pdf.py                 # read_pdf, 5 runs
    python benchmarks/bench_pdf.py --runs 9 FILE   # another PDF
    python benchmarks/bench_pdf.py --libraries     # also: pdfplumber vs PyMuPDF tables

``--libraries`` repeats the measurement behind the choice of pdfplumber: for each
library, the tables its ruling-line finder returns, how many cells holding digits
read as one clean figure or code, and the time taken (PyMuPDF only if installed).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from narrative_check.ingest.pdf import read_pdf  # noqa: E402
from narrative_check.tables.numbers import is_code_part, parse_amount, parse_code  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "documents" / "shanghai-putuo-wanli-street-2025-dept-budget.pdf"


def bench_ingest(path: Path, runs: int) -> None:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        doc = read_pdf(path)
        times.append(time.perf_counter() - started)
    pages = max(line.page or 0 for line in doc.lines)
    median = statistics.median(times)
    print(f"{path.name}: {pages} pages, {len(doc.tables)} tables, {len(doc.lines)} lines")
    print(f"read_pdf: median {median:.3f} s over {runs} runs -> {pages / median:.1f} pages/s")


def _clean_cells(rows: list[list[str | None]]) -> tuple[int, int]:
    total = clean = 0
    for row in rows:
        for cell in row:
            if not cell or not re.search(r"\d", cell):
                continue
            total += 1
            text = cell.replace("\n", "")
            clean += parse_amount(text) is not None or parse_code(text) is not None or is_code_part(text)
    return total, clean


def compare_libraries(path: Path) -> None:
    import pdfplumber

    started = time.perf_counter()
    tables = total = clean = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for table in page.find_tables():
                tables += 1
                t, c = _clean_cells(table.extract())
                total, clean = total + t, clean + c
    print(f"pdfplumber: {tables} tables, {clean}/{total} figure cells clean, {time.perf_counter() - started:.2f} s")
    try:
        import pymupdf
    except ImportError:
        print("PyMuPDF: not installed (pip install pymupdf to compare)")
        return
    started = time.perf_counter()
    tables = total = clean = 0
    for page in pymupdf.open(path):
        for table in page.find_tables().tables:
            tables += 1
            t, c = _clean_cells(table.extract())
            total, clean = total + t, clean + c
    print(f"PyMuPDF:    {tables} tables, {clean}/{total} figure cells clean, {time.perf_counter() - started:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdf", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--libraries", action="store_true", help="also compare pdfplumber and PyMuPDF tables")
    args = parser.parse_args()
    if not args.pdf.exists():
        sys.exit(f"{args.pdf}: not found (the reference PDFs live in ../shared/documents)")
    bench_ingest(args.pdf, args.runs)
    if args.libraries:
        compare_libraries(args.pdf)


if __name__ == "__main__":
    main()
