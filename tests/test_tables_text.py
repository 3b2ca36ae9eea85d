"""Tables out of plain text: both layouts of the seeds, exact figures, concepts."""

from __future__ import annotations

from decimal import Decimal

from helpers import SEED_SPACE, SEED_TAB

from narrative_check.ingest import document_from_text, load_document
from narrative_check.tables import build_facts, detect_context, extract_tables
from narrative_check.tables.grid import GridRow, table_from_grid


def tables_of(path):
    doc = load_document(path)
    return extract_tables(doc), detect_context(doc)


def by_title(tables, text):
    return next(t for t in tables if text in t.title)


def test_tab_layout_titles_units_and_blank_cells():
    tables, _ = tables_of(SEED_TAB)
    expense = by_title(tables, "单位支出预算表")
    assert expense.kind == "expense" and expense.unit == "万元" and expense.line_start == 222
    assert expense.headers[:2] == ["合计", "基本支出/小计"]
    row = next(r for r in expense.rows if r.code == "2080101")
    # '208|01|01||行政运行|132.55|132.55|118.32||14.23||||': blanks keep their columns
    assert row.label == "行政运行" and [c.value for c in row.cells[:5]] == [
        Decimal("132.55"), Decimal("132.55"), Decimal("118.32"), None, Decimal("14.23")]
    assert row.cells[4].header == "基本支出/公用经费/商品和服务支出"


def test_two_sided_summary_table():
    tables, _ = tables_of(SEED_TAB)
    summary = by_title(tables, "单位收支预算表")
    sides = {(r.side, r.label): r.value() for r in summary.rows}
    assert sides[("income", "收入总计")] == Decimal("1102.05")
    assert sides[("expense", "八、社会保障和就业")] == Decimal("274.95")
    assert sides[("expense", "一、一般公共服务")] is None  # printed blank


def test_table_split_by_blank_lines_stays_one_table_but_a_wider_fragment_does_not():
    tables, _ = tables_of(SEED_TAB)
    summary = by_title(tables, "单位收支预算表")
    assert any(r.label == "二十一、住房保障支出" for r in summary.rows)  # after the blank line
    basic = by_title(tables, "一般公共预算基本支出预算表")
    assert all(r.code is None or r.code.startswith("30") and len(r.code) == 5 for r in basic.rows)


def test_empty_table_with_note_is_all_zero():
    tables, ctx = tables_of(SEED_TAB)
    sangong = by_title(tables, "三公")
    assert sangong.empty_note and "无数据" in sangong.empty_note
    facts = {f.concept: f.value for f in build_facts([sangong], ctx)}
    assert facts["sangong"] == 0 and facts["sangong_reception"] == 0


def test_space_layout_wrapped_labels_codes_and_headers():
    tables, _ = tables_of(SEED_SPACE)
    expense = next(t for t in tables if t.number == "表3")
    assert expense.title == "支出总体情况表" and expense.headers[:3] == ["合计", "基本支出", "项目支出"]
    row = next(r for r in expense.rows if r.code == "2080505")
    assert row.label == "机关事业单位基本养老保险缴费支出" and row.value() == Decimal("30.64")
    gpb = next(t for t in tables if t.number == "表5")
    assert next(r for r in gpb.rows if r.code == "2012901").label == "行政运行"  # '[2012901]行政运行'


def test_space_layout_two_sided_table_places_lone_entries_by_wording():
    tables, _ = tables_of(SEED_SPACE)
    summary = next(t for t in tables if t.number == "表1")
    row = next(r for r in summary.rows if r.label == "四、公共安全支出")
    assert row.side == "expense"


def test_repeated_page_header_is_not_read_into_a_label():
    tables, ctx = tables_of(SEED_SPACE)
    projects = [f for f in build_facts(tables, ctx) if f.concept.startswith("project:")]
    assert "project:台山市总工会2024年省级困难职工帮扶专项经费" in {f.concept for f in projects}


def test_facts_carry_concepts_scopes_and_evidence():
    tables, ctx = tables_of(SEED_SPACE)
    facts = build_facts(tables, ctx)
    index = {}
    for f in facts:
        index.setdefault(f.concept, f)
    assert index["admin_running"].value == Decimal("31.41") and index["admin_running"].table.startswith("表8")
    assert index["gpb:basic"].value == Decimal("489.67")  # 一般公共预算 tables are scoped
    assert index["basic"].value == Decimal("489.67")
    assert index["project_count"].value == 3
    assert index["gpb:personnel"].derived  # 301 + 303, no table prints it


def test_units_convert_to_wan():
    grid = [GridRow(["项目", "金额"], 1), GridRow(["本年支出合计", "371,514,655.00"], 2)]
    table = table_from_grid(grid, "2025年部门收支预算总表", 1, 2, unit="元")
    table.kind = "summary"
    fact = next(f for f in build_facts([table], detect_context(document_from_text("x"))) if f.concept == "expense_year")
    assert fact.raw == Decimal("371514655.00") and fact.value == Decimal("37151.4655")


def test_split_and_joined_codes():
    grid = [GridRow(["科目编码", "", "", "科目名称", "合计"], 1), GridRow(["201", "13", "01", "行政运行", "5.00"], 2),
            GridRow(["2010507", "", "", "专项普查活动", "1.00"], 3)]
    table = table_from_grid(grid, "支出表", 1, 3)
    assert [r.code for r in table.rows] == ["2011301", "2010507"]


def test_markdown_pipe_tables(tmp_path):
    from narrative_check import check

    path = tmp_path / "doc.md"
    path.write_text("# 2024年某局部门预算\n\n2024年本部门收入预算534.77万元，其中：基本支出489.67万元，占91.57%。\n\n"
                    "**表2 部门支出总表**\n\n| 科目名称 | 合计 | 基本支出 | 项目支出 |\n| --- | ---: | ---: | ---: |\n"
                    "| 合计 | 534.77 | 498.67 | 45.10 |\n", encoding="utf-8")
    report = check(path)
    (table,) = report.tables
    assert table.headers == ["合计", "基本支出", "项目支出"] and table.rows[0].text.startswith("| 合计 |")
    # the table's own typo (498.67) is found; the prose that follows it is reported once, as the amount
    assert sorted(f.kind for f in report.errors) == ["amount-mismatch", "total-mismatch"]


def test_full_width_figures_in_cells():
    from narrative_check.tables.numbers import parse_amount

    assert parse_amount("１，１０２．０５") == Decimal("1102.05") and parse_amount("－") is None
