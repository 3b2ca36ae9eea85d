"""The fast PDF reader (PDFium characters and ruling lines) reads every real PDF of
../shared as the pdfplumber reader does: the same tables with the same figures in the
same cells, the same prose lines, the same findings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fixtures_formats import budget_blocks, write_blank_pdf, write_pdf
from helpers import shared_dir, shared_pdfs
from narrative_check import check
from narrative_check.errors import InputError
from narrative_check.ingest.pdf import read_pdf
from narrative_check.models import Document

PDFS = shared_pdfs()


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _tables(doc: Document) -> list[dict]:
    return [t.model_dump() for t in doc.tables]


@pytest.mark.skipif(not PDFS, reason=f"no shared PDFs in {shared_dir()}")
@pytest.mark.parametrize("path", PDFS, ids=[p.name for p in PDFS])
def test_fast_reader_reads_what_pdfplumber_reads(path: Path) -> None:
    old = read_pdf(path, reader="plumber")
    new = read_pdf(path, reader="fast")
    # Tables: titles, units, every row, cell text and Decimal value, line and page.
    assert _tables(new) == _tables(old)
    # Prose lines: same lines on the same pages. PDFium cannot place each glyph of a
    # text object that draws nothing but spaces, so word spacing may differ (one line
    # in one wild PDF); the characters may not.
    assert [(ln.no, ln.page, ln.in_table) for ln in new.lines] == [(ln.no, ln.page, ln.in_table) for ln in old.lines]
    assert [_squash(ln.text) for ln in new.lines] == [_squash(ln.text) for ln in old.lines]
    spacing = sum(a.text != b.text for a, b in zip(new.lines, old.lines))
    assert spacing <= max(1, len(old.lines) // 200), [
        (a.text, b.text) for a, b in zip(new.lines, old.lines) if a.text != b.text][:5]
    assert new.warnings == old.warnings
    # And the checker says the same about both.
    found_old = [(f.kind, f.line, f.stated, f.expected, _squash(f.quote)) for f in check(old).findings]
    found_new = [(f.kind, f.line, f.stated, f.expected, _squash(f.quote)) for f in check(new).findings]
    assert found_new == found_old


def test_generated_budget_reads_the_same_with_both_readers(tmp_path: Path) -> None:
    path = write_pdf(budget_blocks(), tmp_path / "doc.pdf")
    old, new = read_pdf(path, reader="plumber"), read_pdf(path, reader="fast")
    assert new.tables and _tables(new) == _tables(old)
    assert [ln.text for ln in new.lines] == [ln.text for ln in old.lines]


def test_fast_reader_refuses_a_scan_and_a_damaged_file(tmp_path: Path) -> None:
    scan = write_blank_pdf(tmp_path / "scan.pdf")
    with pytest.raises(InputError, match="OCR is needed"):
        read_pdf(scan, reader="fast")
    good = write_pdf(budget_blocks(), tmp_path / "doc.pdf").read_bytes()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(good[: len(good) // 3])
    with pytest.raises(InputError, match="cannot read the PDF|OCR is needed"):
        read_pdf(broken, reader="fast")


def test_unknown_reader_is_a_clear_error(tmp_path: Path) -> None:
    path = write_pdf(budget_blocks(), tmp_path / "doc.pdf")
    with pytest.raises(InputError, match="unknown PDF reader"):
        read_pdf(path, reader="pymupdf")


def test_lowered_digits_and_split_tables_read_the_same(tmp_path: Path) -> None:
    path = write_pdf(budget_blocks(), tmp_path / "doc.pdf", lowered_digits=True, rows_per_page=6)
    old, new = read_pdf(path, reader="plumber"), read_pdf(path, reader="fast")
    assert _tables(new) == _tables(old)
    assert [ln.text for ln in new.lines] == [ln.text for ln in old.lines]
