"""DOCX ingest: paragraphs and Word tables in order, merged and wrapped cells, bad files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from fixtures_formats import Para, TableBlock, budget_blocks, write_docx
from narrative_check.errors import InputError
from narrative_check.ingest import load_document


def test_prose_and_tables_in_reading_order(tmp_path: Path) -> None:
    doc = load_document(write_docx(budget_blocks(), tmp_path / "budget.docx"))
    assert doc.format == "docx"
    assert [(t.number, t.title, t.unit) for t in doc.tables] == [
        ("表1", "表1 部门收支总表", "万元"),
        ("表2", "表2 部门支出总表", "万元"),
    ]
    # Prose before the tables stays prose, with its figures.
    prose = [line for line in doc.lines if not line.in_table]
    assert any("项目支出602.05万元，占55.36%" in line.text for line in prose)
    summary, expense = doc.tables
    total = [r for r in summary.rows if r.label == "收入总计"][0]
    assert total.side == "income" and total.value() == Decimal("1120.05")
    row = [r for r in expense.rows if r.code == "2050202"][0]
    line = doc.lines[row.line - 1]
    assert line.in_table and line.text == "2050202\t小学教育\t320.05\t0.00\t320.05"
    assert row.page is None
    # The note after the table is prose, and the table ends before it.
    note = next(line for line in doc.lines if line.text.startswith("注："))
    assert not note.in_table and expense.line_end < note.no


def test_merged_header_and_wrapped_cells(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "merged.docx"
    word = docx.Document()
    word.add_paragraph("2025年部门一般公共预算基本支出表")
    word.add_paragraph("单位：元")
    table = word.add_table(rows=5, cols=5)
    texts = [
        ["科目编码", "科目名称", "一般公共预算基本支出", "", ""],
        ["", "", "合计", "人员经费", "公用经费"],
        ["301", "工资福利支出", "90,238,584", "90,238,584", ""],
        ["30108", "机关事业单位基本养老", "4,827,156", "4,827,156", ""],
        ["302", "商品和服务支出", "10,827,702", "", "10,827,702"],
    ]
    for r, row in enumerate(texts):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    table.cell(0, 2).merge(table.cell(0, 4))  # spanning header
    table.cell(0, 0).merge(table.cell(1, 0))  # header two rows high
    # A long name typed on two lines inside one cell.
    table.cell(3, 1).add_paragraph("保险缴费")
    word.add_paragraph("注：本表无政府性基金数据以外的说明。")
    word.save(str(path))

    doc = load_document(path)
    (parsed,) = doc.tables
    assert parsed.unit == "元" and parsed.title == "2025年部门一般公共预算基本支出表"
    assert parsed.headers == ["一般公共预算基本支出/合计", "一般公共预算基本支出/人员经费", "一般公共预算基本支出/公用经费"]
    wrapped = [r for r in parsed.rows if r.code == "30108"][0]
    assert wrapped.label == "机关事业单位基本养老保险缴费"
    blank = [r for r in parsed.rows if r.code == "302"][0]
    assert [c.text for c in blank.cells] == ["10,827,702", "", "10,827,702"]
    assert blank.value(2) == Decimal("10827702")


def test_empty_table_note(tmp_path: Path) -> None:
    blocks = [
        Para("三、政府性基金预算支出情况说明"),
        TableBlock(title="表3 政府性基金预算支出表", rows=[["科目编码", "科目名称", "合计"], ["", "合计", ""]],
                   note="注：本部门无政府性基金预算拨款，故本表为空表。"),
    ]
    (table,) = load_document(write_docx(blocks, tmp_path / "empty.docx")).tables
    assert table.empty_note == "注：本部门无政府性基金预算拨款，故本表为空表。"


def test_damaged_and_old_word_files_are_input_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 this is not a whole zip file")
    with pytest.raises(InputError, match="broken.docx"):
        load_document(broken)
    old = tmp_path / "old.docx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(InputError, match="save it as .docx"):
        load_document(old)


def test_word_file_without_text(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "blank.docx"
    docx.Document().save(str(path))
    with pytest.raises(InputError, match="no text"):
        load_document(path)
