"""check() called from several threads at once gives each document the report it
gets alone (PDFium, under the fast PDF reader, is not thread-safe by itself)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from fixtures_formats import budget_blocks, write_pdf
from helpers import SEED_SPACE, SEED_TAB
from narrative_check import check


def _key(path: Path) -> list:
    report = check(path)
    return [(f.kind, f.line, f.stated, f.expected, f.quote) for f in report.findings] + [len(report.tables)]


def test_check_from_several_threads_matches_one_at_a_time(tmp_path: Path) -> None:
    pdf = write_pdf(budget_blocks(), tmp_path / "doc.pdf")
    lowered = write_pdf(budget_blocks(), tmp_path / "lowered.pdf", lowered_digits=True, rows_per_page=6)
    paths = [SEED_TAB, SEED_SPACE, pdf, lowered] * 4
    alone = {p: _key(p) for p in set(paths)}
    assert all(alone[p][-1] > 0 for p in alone)  # every document has tables to read
    with ThreadPoolExecutor(max_workers=6) as pool:
        together = list(pool.map(_key, paths))
    assert together == [alone[p] for p in paths]
