"""One budget document with planted errors, rendered as text, Word, Word + Excel
tables and PDF (plain, and with lowered digits and tables split over pages): every
rendering must give the same findings, and the planted errors must be among them."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixtures_formats import PLANTED, Para, TableBlock, budget_blocks, write_docx, write_pdf, write_text, write_xlsx
from narrative_check import check, load_document
from narrative_check.models import Report


def _render(name: str, folder: Path) -> tuple[Path, list[Path]]:
    blocks = budget_blocks()
    if name == "txt":
        return write_text(blocks, folder / "budget.txt"), []
    if name == "docx":
        return write_docx(blocks, folder / "budget.docx"), []
    if name == "docx+xlsx":
        prose = [b for b in blocks if isinstance(b, Para)]
        tables = [b for b in blocks if isinstance(b, TableBlock)]
        return write_docx(prose, folder / "说明.docx"), [write_xlsx(tables, folder / "预算表.xlsx")]
    if name == "pdf":
        return write_pdf(blocks, folder / "budget.pdf"), []
    # Digits on a lower baseline and the tables broken every 3 rows, header not repeated.
    return write_pdf(blocks, folder / "budget-hard.pdf", lowered_digits=True, rows_per_page=3, repeat_header=False), []


FORMATS = ["txt", "docx", "pdf", "pdf-hard"]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Report]]:
    out = {}
    for name in FORMATS:
        path, tables = _render(name, tmp_path_factory.mktemp(name.replace("+", "-")))
        out[name] = (path, check(path, tables=tables))
    return out


def _findings(report: Report) -> list[tuple[str, str, str | None]]:
    """What a reviewer reads, without line numbers (they differ by format)."""
    return sorted({(f.kind, f.quote, f.stated) for f in report.findings})


def test_every_format_gives_the_same_findings(rendered: dict[str, tuple[Path, Report]]) -> None:
    expected = _findings(rendered["txt"][1])
    assert expected, "the planted errors must give findings on the text rendering"
    for name, (_, report) in rendered.items():
        assert _findings(report) == expected, name
        assert len(report.tables) == 2, name


def test_word_with_excel_tables_gives_the_same_findings(
    rendered: dict[str, tuple[Path, Report]], tmp_path: Path
) -> None:
    path, tables = _render("docx+xlsx", tmp_path)
    report = check(path, tables=tables)
    assert _findings(report) == _findings(rendered["txt"][1])
    assert [t.title for t in report.tables] == ["表1 部门收支总表", "表2 部门支出总表"]


def test_every_format_reads_the_same_claims(rendered: dict[str, tuple[Path, Report]]) -> None:
    expected = sorted((c.claim.quote, c.status) for c in rendered["txt"][1].claims)
    for name, (_, report) in rendered.items():
        assert sorted((c.claim.quote, c.status) for c in report.claims) == expected, name


@pytest.mark.parametrize(
    "kind, stated",
    [
        ("growth-mismatch", PLANTED["growth"]),
        ("amount-mismatch", PLANTED["amount"]),
        pytest.param(
            "share-mismatch", PLANTED["share"],
        ),
    ],
)
def test_planted_errors_are_found_in_every_format(rendered: dict[str, tuple[Path, Report]], kind: str, stated: str) -> None:
    for name, (_, report) in rendered.items():
        assert any(f.kind == kind and stated in (f.stated or "") for f in report.findings), (name, _findings(report))


def test_no_error_beyond_the_planted_ones(rendered: dict[str, tuple[Path, Report]]) -> None:
    for name, (_, report) in rendered.items():
        extra = [f for f in report.errors if not any(v in (f.stated or "") for v in PLANTED.values())]
        assert not extra, (name, [(f.kind, f.message) for f in extra])


def test_pdf_findings_point_to_page_and_line(rendered: dict[str, tuple[Path, Report]]) -> None:
    for name in ("pdf", "pdf-hard"):
        path, report = rendered[name]
        doc = load_document(path)
        for finding in report.findings:
            assert finding.page == doc.page_of(finding.line) == 1, (name, finding.kind)
            # The quote starts on the line the finding names.
            assert finding.quote[:4] in doc.lines[finding.line - 1].text, (name, finding.kind)
