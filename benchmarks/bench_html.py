"""The HTML report in a real browser: how long the page of a 40-page PDF takes to open.

    python benchmarks/bench_html.py                # the 41-page wild PDF, 5 loads
    python benchmarks/bench_html.py --runs 9 FILE  # another document

Prints, per document: pages, check and render time, page size, and for each load in
headless Chromium (Debian's chromium + chromium-driver) the browser's own Navigation
Timing: load event end (HTML parsed, styles applied, script run) and first contentful
paint; then the time from a click on a finding to its evidence cell being highlighted.
Target: the page opens in under 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from browser import start_browser  # noqa: E402

from narrative_check import check  # noqa: E402
from narrative_check.report.html import render_html  # noqa: E402

DEFAULT = ROOT / "eval" / "datasets" / "wild" / "13_hangzhou_transport_2026_budget.pdf"

TIMING = """
const nav = performance.getEntriesByType('navigation')[0];
const paint = performance.getEntriesByName('first-contentful-paint')[0];
return [nav.loadEventEnd, paint ? paint.startTime : null];
"""

CLICK = """
const li = [...document.querySelectorAll('li.f')].find(l => !l.hidden && l.dataset.cells);
if (!li) return null;
const t0 = performance.now();
li.click();
const cell = document.getElementById(li.dataset.cells.split(' ')[0]);
const lit = cell.classList.contains('hl');
return new Promise(done => requestAnimationFrame(() => done([performance.now() - t0, lit])));
"""


def pages_of(path: Path) -> int | str:
    if path.suffix.lower() != ".pdf":
        return "-"
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def bench(path: Path, runs: int, driver) -> None:
    started = time.perf_counter()
    report = check(path)
    checked = time.perf_counter() - started
    started = time.perf_counter()
    page = render_html([report])
    rendered = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "report.html"
        out.write_text(page, encoding="utf-8")
        loads, paints, walls, clicks = [], [], [], []
        for _ in range(runs):
            driver.get("about:blank")
            started = time.perf_counter()
            driver.get(out.as_uri())  # returns once the load event has fired
            walls.append(time.perf_counter() - started)
            load, paint = driver.execute_script(TIMING)
            loads.append(load / 1000)
            if paint is not None:
                paints.append(paint / 1000)
            click = driver.execute_script(CLICK)
            if click:
                clicks.append(click[0] / 1000)
    print(f"{path.name}: {pages_of(path)} pages, {len(report.lines)} lines, {len(report.tables)} tables, "
          f"{len(report.claims)} claims, {len(report.findings)} findings")
    print(f"  check {checked:.2f} s, render HTML {rendered * 1000:.0f} ms, page {len(page.encode()) / 1024:.0f} KiB")
    print(f"  open in Chromium (median of {runs}): load event {statistics.median(loads):.3f} s "
          f"(max {max(loads):.3f}), first paint {statistics.median(paints):.3f} s, "
          f"driver wall {statistics.median(walls):.3f} s")
    if clicks:
        print(f"  click a finding → evidence highlighted and scrolled: {statistics.median(clicks) * 1000:.0f} ms")
    verdict = "under" if statistics.median(loads) < 1 else "OVER"
    print(f"  target: opens in under 1 s — {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, default=[DEFAULT])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    driver = start_browser()
    try:
        for path in args.files:
            bench(path, args.runs, driver)
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
