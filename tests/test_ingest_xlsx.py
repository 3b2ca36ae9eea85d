"""XLSX ingest: each sheet a table, figures as the number format prints them, and
tables given beside a Word document."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from fixtures_formats import Para, TableBlock, budget_blocks, write_docx, write_xlsx
from narrative_check.errors import InputError
from narrative_check.ingest import load_document
from narrative_check.ingest.xlsx import read_xlsx


def _tables() -> list[TableBlock]:
    return [b for b in budget_blocks() if isinstance(b, TableBlock)]


def test_each_sheet_is_a_table(tmp_path: Path) -> None:
    doc = read_xlsx(write_xlsx(_tables(), tmp_path / "tables.xlsx"))
    assert doc.format == "xlsx"
    assert [(t.title, t.unit) for t in doc.tables] == [("表1 部门收支总表", "万元"), ("表2 部门支出总表", "万元")]
    summary, expense = doc.tables
    # Stored as numbers with format '#,##0.00': printed back with separators, exact.
    total = [r for r in expense.rows if r.label == "合计"][0]
    assert [c.text for c in total.cells] == ["1,120.05", "500.00", "620.05"]
    assert total.value(2) == Decimal("620.05")
    assert [r.value() for r in summary.rows if r.label == "收入总计"] == [Decimal("1120.05")]
    # Lines run on over sheets; each table row points at its own line.
    assert [line.no for line in doc.lines] == list(range(1, len(doc.lines) + 1))
    assert doc.lines[total.line - 1].in_table and doc.lines[total.line - 1].text.startswith("\t合计\t1,120.05")
    note = next(line for line in doc.lines if line.text.startswith("注："))
    assert not note.in_table


def test_yuan_sheet_with_integer_format_and_blank_cell(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "yuan.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "收入总表"
    sheet.append(["编制部门：XX街道", None, None, "单位：元"])
    sheet.append(["科目编码", "科目名称", "合计", "财政拨款收入"])
    sheet.append(["201", "一般公共服务支出", 3296600, None])
    sheet.append(["2010507", "专项普查活动", 438300.5, 438300.5])
    for row in sheet.iter_rows(min_row=3):
        for cell in row[2:]:
            cell.number_format = "#,##0.00"
    book.save(str(path))
    (table,) = read_xlsx(path).tables
    assert table.title == "收入总表"  # no title row: the sheet's name
    assert table.unit == "元"
    rows = {r.code: r for r in table.rows}
    assert [c.text for c in rows["201"].cells] == ["3,296,600.00", ""]
    assert rows["2010507"].value(1) == Decimal("438300.50")


def test_formulas_without_saved_values_are_reported(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "formula.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["项目", "金额"])
    sheet.append(["基本支出", 500])
    sheet.append(["项目支出", 620.05])
    sheet.append(["合计", "=SUM(B2:B3)"])  # openpyxl stores no computed value
    book.save(str(path))
    doc = read_xlsx(path)
    assert any("formula" in w and "save" in w for w in doc.warnings)
    total = [r for r in doc.tables[0].rows if r.label == "合计"][0]
    assert total.value() is None


def test_tables_beside_a_word_document(tmp_path: Path) -> None:
    prose = [b for b in budget_blocks() if isinstance(b, Para)]
    docx_path = write_docx(prose, tmp_path / "说明.docx")
    xlsx_path = write_xlsx(_tables(), tmp_path / "预算表.xlsx")
    doc = load_document(docx_path, tables=[xlsx_path])
    assert doc.format == "docx"
    assert [t.title for t in doc.tables] == ["表1 部门收支总表", "表2 部门支出总表"]


def test_damaged_and_old_excel_files_are_input_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(InputError, match="broken.xlsx"):
        load_document(broken)
    old = tmp_path / "old.xlsx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(InputError, match="save it as .xlsx"):
        load_document(old)
