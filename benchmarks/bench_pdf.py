"""PDF checking speed and memory on the real PDFs of ../shared, before and after.

    python benchmarks/bench_pdf.py                  # every PDF of ../shared, 3 runs each
    python benchmarks/bench_pdf.py --runs 1 FILE…   # some PDFs
    python benchmarks/bench_pdf.py --libraries      # also: pdfplumber vs PyMuPDF tables

For each PDF, in the same run: the median time of a whole check() with the pdfplumber
reader (before) and with the fast reader (after), beside pdfplumber's own
extract_words() + find_tables() on the same pages (the reference: what reading the
page with pdfplumber costs at least). Then the peak memory of checking the PDF in a
fresh process (fast reader): the whole process, and above what the process held once
the checker was imported.

``--libraries`` repeats the measurement behind the choice of pdfplumber's table
finder: tables found, cells holding digits that read as one clean figure, time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from narrative_check import Config, check  # noqa: E402
from narrative_check.tables.numbers import is_code_part, parse_amount, parse_code  # noqa: E402

SHARED = Path(os.environ.get("NARRATIVE_CHECK_SHARED") or ROOT.parent / "shared")

_MEMORY_PROBE = """
import json, sys
def status(key):  # VmHWM: this process's peak RSS (ru_maxrss would carry the parent's over exec)
    for line in open('/proc/self/status'):
        if line.startswith(key + ':'):
            return int(line.split()[1]) / 1024
from narrative_check import check, Config
import narrative_check.pipeline, narrative_check.ingest.pdf, narrative_check.ingest.pdf_fast, pdfplumber, pypdfium2
base = status('VmRSS')
check(sys.argv[1], config=Config(pdf_reader='fast'))
print(json.dumps({'base': base, 'peak': status('VmHWM')}))
"""


def shared_pdfs() -> list[Path]:
    return sorted(p for sub in ("corpus", "corpus/wild", "documents") for p in (SHARED / sub).glob("*.pdf"))


def _median(func, runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time of this process (the CPU time is steadier
    on a shared machine, where the wall time also counts waiting for a core)."""
    walls, cpus = [], []
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        func()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def reference(path: Path) -> None:
    """pdfplumber's own words and tables on every page."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.find_tables()


def memory(path: Path) -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", _MEMORY_PROBE, str(path)], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return data["peak"], data["peak"] - data["base"]


def bench(paths: list[Path], runs: int) -> None:
    before_cfg, after_cfg = Config(pdf_reader="plumber"), Config(pdf_reader="fast")
    check(paths[0], config=after_cfg)  # imports and catalogue, once
    rows = []
    print(f"{'pdf':<44} {'pages':>5} {'reference':>9} {'before':>8} {'after':>8} {'after/ref':>9} "
          f"{'cpu a/r':>8} {'peak MB':>8} {'doc MB':>7}")
    for path in paths:
        import pypdfium2

        pages = len(pypdfium2.PdfDocument(str(path)))
        ref, ref_cpu = _median(lambda: reference(path), runs)
        before, _ = _median(lambda: check(path, config=before_cfg), runs)
        after, after_cpu = _median(lambda: check(path, config=after_cfg), runs)
        peak, doc_mb = memory(path)
        rows.append((ref, before, after, peak, doc_mb, after_cpu / ref_cpu))
        print(f"{path.name[:44]:<44} {pages:>5} {ref:>8.2f}s {before:>7.2f}s {after:>7.2f}s {after / ref:>9.3f} "
              f"{after_cpu / ref_cpu:>8.3f} {peak:>8.0f} {doc_mb:>7.0f}", flush=True)
    med = [statistics.median(col) for col in zip(*rows)]
    ratios = [r[2] / r[0] for r in rows]
    cpu_ratios = [r[5] for r in rows]
    print(f"\n{len(rows)} PDFs, median of {runs} run(s) each; medians over the PDFs:")
    print(f"  reference (pdfplumber extract_words + find_tables): {med[0]:.2f} s per PDF")
    print(f"  check, before (pdfplumber reader):                  {med[1]:.2f} s per PDF")
    print(f"  check, after (fast reader):                         {med[2]:.2f} s per PDF")
    print(f"  after / reference: median {statistics.median(ratios):.3f}, worst {max(ratios):.3f} "
          f"(target <= 0.25, aim 0.10); before / after: {med[1] / med[2]:.1f}x")
    print(f"  after / reference in CPU time: median {statistics.median(cpu_ratios):.3f}, worst {max(cpu_ratios):.3f}")
    print(f"  peak memory of a process checking one PDF: median {med[3]:.0f} MB, worst {max(r[3] for r in rows):.0f} MB; "
          f"above the imported checker: median {med[4]:.0f} MB, worst {max(r[4] for r in rows):.0f} MB (target <= 150)")


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
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--libraries", action="store_true", help="also compare pdfplumber and PyMuPDF tables")
    args = parser.parse_args()
    paths = args.pdfs or shared_pdfs()
    if not paths:
        sys.exit(f"no PDFs given and none in {SHARED} (corpus, corpus/wild, documents)")
    bench(paths, args.runs)
    if args.libraries:
        for path in paths[:1]:
            compare_libraries(path)


if __name__ == "__main__":
    main()
