"""Name-mismatch (NC502) details a reviewer reads: which body name the cover gives, the
page and cover evidence of a unit-name finding, when a table title names another level's
body, how prose paths are read (quoted dash paths, paths wrapped over lines), and which
table label a code's finding names.

Small made-up documents only: a body "示范市示范区…" that is no real unit.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from narrative_check import check
from narrative_check.compare.kemu import codes_named, current_name, is_known_alias, same_name, similar_labels
from narrative_check.compare.names import check_code_names, check_unit_name, cover_name
from narrative_check.models import Cell, Document, Evidence, Line, Row, Table

NAME = "示范市示范区文化和旅游局"


def doc(*texts: str, page_every: int = 5) -> Document:
    """A document of these lines; every ``page_every`` lines a new page (pages from 1)."""
    return Document(source="<text>", lines=[Line(no=i + 1, text=t, page=i // page_every + 1) for i, t in enumerate(texts)])


def cover(name: str = NAME) -> list[str]:
    return [name, "2024年部门预算", "", "目录", "一、收支总表", ""]


def body(name: str = NAME) -> list[str]:
    return [f"2024年{name}收入总计500.00万元。", ""]


def unit(*texts: str):
    return check_unit_name(doc(*texts), [])


# --------------------------------------------------------------------------- the cover's name
def test_the_cover_name_spans_two_lines_and_its_line_is_the_first():
    assert cover_name(doc(*cover(), *body())) == (NAME, 1)


def test_a_cover_name_printed_with_spaces_and_marks_is_read_whole():
    # covers centre the name with spaces and markdown conversions add '#'/'**'
    assert cover_name(doc("# 示范市示范区  文化和旅游局", "**2024年部门预算**", "目录")) == (NAME, 1)


def test_a_name_only_after_the_contents_is_not_the_covers():
    assert cover_name(doc("2024年部门预算", "目录", f"一、{NAME}2024年部门预算收支总表")) is None
    assert cover_name(doc("2024年部门预算", "目  录", f"一、{NAME}2024年部门预算收支总表")) is None


def test_the_cover_is_read_from_the_first_twelve_lines_only():
    assert cover_name(doc(*[""] * 11, NAME + "2024年部门预算")) == (NAME, 12)
    assert cover_name(doc(*[""] * 12, NAME + "2024年部门预算")) is None


# --------------------------------------------------------------------------- a connector swapped
def test_a_connector_slip_carries_its_page_and_the_cover_as_evidence():
    lines = [*cover(), *body(), "", "", "示范市示范区文化与旅游局负责本部门预算。"]
    found = unit(*lines)
    assert len(found) == 1
    f = found[0]
    assert f.kind == "name-mismatch"
    assert f.line == 11 and f.page == 3
    assert f.stated == "示范市示范区文化与旅游局" and f.expected == NAME
    assert f.quote == "示范市示范区文化与旅游局负责本部门预算。"
    assert "the body is named '示范市示范区文化与旅游局' here but" in f.message
    assert f.evidence == [Evidence(table="cover", row=NAME, line=1, text=NAME)]


def test_a_connector_slip_is_found_through_spaces_in_the_line():
    found = unit(*cover(), *body(), "示范市示范区 文化与旅游局 负责本部门预算。")
    assert [f.stated for f in found] == ["示范市示范区文化与旅游局"]


# --------------------------------------------------------------------------- another level's body
def title_finding(title: str, name: str = NAME):
    return unit(*cover(name), *body(name), title)


def test_a_title_naming_another_levels_body_carries_page_cause_and_evidence():
    found = unit(*cover(), *body(), "", "", "", "示范市文化和旅游局2024年部门预算表")
    assert len(found) == 1
    f = found[0]
    assert f.line == 12 and f.page == 3
    assert f.stated == "示范市文化和旅游局" and f.expected == NAME
    assert f.message.startswith(f"the table title names '示范市文化和旅游局', but the body is '{NAME}' (cover)")
    assert f.cause == "another level's body named (an administrative area left out or changed)"
    assert f.evidence == [Evidence(table="cover", row=NAME, line=1, text=NAME)]


@pytest.mark.parametrize("title", [
    f"{NAME}2024年部门预算表",          # the body's own name: right
    "示范市示范区财政局2024年部门预算表",  # another department: not a level slip
    "示范市示范区文化和旅游局机关2024年部门预算表",
])
def test_a_title_naming_the_body_or_another_department_is_not_a_slip(title):
    assert title_finding(title) == []


def test_a_part_number_before_the_title_is_not_part_of_the_name():
    found = title_finding("第二部分 示范市文化和旅游局2024年部门预算表")
    assert [f.stated for f in found] == ["示范市文化和旅游局"]


def test_a_title_with_spaces_is_read():
    found = title_finding("示范市 文化和旅游局 2024 年部门预算表")
    assert [f.stated for f in found] == ["示范市文化和旅游局"]


@pytest.mark.parametrize("extra, found", [(41, True), (42, False)])
def test_a_title_line_of_up_to_sixty_characters_is_a_title(extra, found):
    # '示范市文化和旅游局2024年部门预算' is 18 characters, then the padding, then '表'
    line = "示范市文化和旅游局2024年部门预算" + "收" * extra + "表"
    assert len(line) == 18 + extra + 1
    assert bool(title_finding(line)) is found


def test_a_three_character_core_name_is_enough():
    name = "示范市示范区民政局"
    found = title_finding("示范市民政局2024年部门预算表", name)
    assert [(f.stated, f.expected) for f in found] == [("示范市民政局", name)]


# --------------------------------------------------------------------------- prose paths
TABLES = """
支出总表
单位：万元
科目编码	科目名称	合计	基本支出	项目支出
207	文化旅游体育与传媒支出	460.00	460.00	
20701	文化和旅游	460.00	460.00	
2070101	行政运行	460.00	460.00	
208	社会保障和就业支出	40.00	40.00	
20805	行政事业单位养老支出	40.00	40.00	
2080505	机关事业单位基本养老保险缴费支出	40.00	40.00	
合计		500.00	500.00	
"""
HEAD = f"{NAME}\n2024年部门预算\n\n一、支出预算情况\n本年支出安排如下：\n"
"""The prose starts on line 6."""


def names_in(prose: str):
    report = check(HEAD + prose + "\n" + TABLES, text=True)
    return [f for f in report.findings if f.kind == "name-mismatch"]




def test_a_dash_path_wrapped_over_two_lines_is_read_without_the_break():
    found = names_in("“文化旅游体育与传媒支出-文化和旅游-机关服\n务”科目460.00万元，主要用于机关运行。")
    assert len(found) == 1
    f = found[0]
    assert (f.stated, f.expected, f.subject, f.line) == ("机关服务（项）", "行政运行", "2070101", 6)
    # the quote shows the whole path from its class, joined again
    assert f.quote.startswith("文化旅游体育与传媒支出-文化和旅游-机关服务”科目460.00万元")


def test_a_retired_class_name_in_a_dash_path():
    found = names_in("“文化体育与传媒支出-文化和旅游-行政运行”科目460.00万元，主要用于机关运行。")
    assert [(f.stated, f.expected, f.subject) for f in found] == [("文化体育与传媒支出（类）", "文化旅游体育与传媒支出", "207")]
    assert "until 2018" in found[0].message


def test_a_dash_path_wrapped_after_a_numbered_line_is_read_without_the_break():
    # '（一）“…' short enough to read as a heading: the path goes on in the next paragraph
    found = names_in("（一）“文化体育与传媒支出\n-文化和旅游-行政运行”科目460.00万元，主要用于机关运行。")
    assert [(f.stated, f.expected, f.subject, f.line) for f in found] == [
        ("文化体育与传媒支出（类）", "文化旅游体育与传媒支出", "207", 6)]
    assert found[0].quote.startswith("文化体育与传媒支出-文化和旅游-行政运行”科目460.00万元")


def test_a_retired_section_name_in_a_dash_path():
    found = names_in("“社会保障和就业支出-行政事业单位离退休-机关事业单位基本养老保险缴费支出”科目40.00万元。")
    assert [(f.stated, f.expected, f.subject) for f in found] == [("行政事业单位离退休（款）", "行政事业单位养老支出", "20805")]
    assert found[0].message == ("'行政事业单位离退休（款）' is 20805 '行政事业单位养老支出' in the tables "
                                "(a name from an older 政府收支分类科目)")
    assert found[0].quote.startswith("社会保障和就业支出-行政事业单位离退休-机关事业单位基本养老保险缴费支出”科目40.00万元")


def test_a_dash_path_after_a_marked_one_is_still_read():
    found = names_in("“文化旅游体育与传媒支出（类）-文化和旅游（款）-行政运行（项）”科目460.00万元。"
                     "“社会保障和就业支出-行政事业单位离退休-机关事业单位基本养老保险缴费支出”科目40.00万元。")
    assert [f.subject for f in found] == ["20805"]


@pytest.mark.parametrize("path", ["“文化旅游体育与传媒支出（类）-文化和旅游（款）-机关服务（项）”科目",
                                  "“文化旅游体育与传媒支出-文化和旅游（款）-机关服务（项）”科目"])
def test_a_slip_in_a_marked_dash_path_is_found(path):
    found = names_in(path + "460.00万元，主要用于机关运行。")
    assert [(f.expected, f.subject) for f in found] == [("行政运行", "2070101")]


def test_a_marked_path_opening_a_paragraph_is_quoted_from_its_class():
    # the paragraphs are joined by a line break, which the name pattern may start on
    found = names_in("项目安排如下。\n\n文化旅游体育与传媒支出（类）文化和旅游（款）机关服务（项）460.00万元，主要用于机关运行。")
    assert len(found) == 1
    f = found[0]
    assert (f.stated, f.expected, f.line) == ("机关服务（项）", "行政运行", 8)
    assert f.quote == "文化旅游体育与传媒支出（类）文化和旅游（款）机关服务（项）460.00万元，主要用于机关运行。"


def test_a_path_continued_after_a_heading_is_one_path():
    found = names_in("（一）文化旅游体育与传媒支出（类）\n文化和旅游（款）机关服务（项）460.00万元，主要用于机关运行。")
    assert len(found) == 1
    assert found[0].quote.startswith("文化旅游体育与传媒支出（类）文化和旅游（款）机关服务（项）460.00万元")


def test_two_items_side_by_side_are_two_paths():
    # the second 项 stands alone (no class or section before it): it does not replace the first
    found = names_in("文化旅游体育与传媒支出（类）文化和旅游（款）机关服务（项） 行政运行（项）460.00万元，主要用于机关运行。")
    assert [(f.stated, f.expected) for f in found] == [("机关服务（项）", "行政运行")]


def test_the_quote_starts_at_the_class_name_after_a_heading_line():
    report = check(f"{NAME}\n2024年部门预算\n\n一、支出预算情况\n"
                   "文化旅游体育与传媒支出（类）文化和旅游（款）机关服务（项）460.00万元，主要用于机关运行。\n" + TABLES, text=True)
    found = [f for f in report.findings if f.kind == "name-mismatch"]
    assert len(found) == 1
    assert found[0].quote.startswith("文化旅游体育与传媒支出（类）")


# --------------------------------------------------------------------------- one code, two names
def coded_table(title: str, line: int, code: str, label: str, value: str = "460.00", first: str | None = None) -> Table:
    """One coded row on ``line`` (page = line // 10 + 1); ``first``: a value cell before it."""
    cells = [Cell(column=1, text=value, value=Decimal(value), line=line)]
    if first is not None:
        cells.insert(0, Cell(column=0, text=first, value=Decimal(first), line=line))
    row = Row(label=label, code=code, line=line, page=line // 10 + 1, text=f"{code}\t{label}\t{value}", cells=cells)
    return Table(title=title, kind="expense", rows=[row], line_start=line - 2, line_end=line)


def test_the_name_most_tables_print_is_the_expected_one_page_marks_aside():
    # two tables agree on '行政运行' (one label picked up a page marker while wrapping); the third differs
    tables = [coded_table("支出总表", 10, "2070101", "行政运行[page 2]"),
              coded_table("一般公共预算支出表", 20, "2070101", "一般行政管理事务"),
              coded_table("收入总表", 30, "2070101", "行政运行", first="0.00")]
    found = check_code_names(tables, 2024)
    assert len(found) == 1
    f = found[0]
    assert (f.stated, f.expected, f.subject, f.line, f.page) == ("一般行政管理事务", "行政运行", "2070101", 20, 3)
    assert f.quote == "2070101\t一般行政管理事务\t460.00"
    assert f.message == "2070101 is named '一般行政管理事务' here but '行政运行' in 收入总表"
    # the cited cell is the row's first figure that is not zero
    assert f.evidence == [Evidence(table="收入总表", row="2070101 行政运行", value="460.00", line=30, page=4,
                                   text="2070101\t行政运行\t460.00")]


def test_a_name_newer_than_the_documents_year_is_not_called_retired():
    # a 2017 document printing the name 207 has had since 2019: not a name 'from an older' list
    tables = [coded_table("支出总表", 10, "207", "文化旅游体育与传媒支出")]
    assert check_code_names(tables, 2017) == []
    assert [f.stated for f in check_code_names([coded_table("支出总表", 10, "207", "文化体育与传媒支出")], 2024)] \
        == ["文化体育与传媒支出"]


# --------------------------------------------------------------------------- what a prose finding says
def test_a_wrong_item_name_finding_in_full_with_its_page():
    report = check(HEAD + "\f文化旅游体育与传媒支出（类）文化和旅游（款）机关服务（项）460.00万元，主要用于机关运行。\n" + TABLES,
                   text=True)
    found = [f for f in report.findings if f.kind == "name-mismatch"]
    assert len(found) == 1
    f = found[0]
    assert (f.line, f.page, f.subject, f.cause) == (6, 2, "2070101", None)
    assert f.stated == "机关服务（项）" and f.expected == "行政运行"
    assert f.message == "'机关服务（项）' is 2070101 '行政运行' in the tables (the row with the item's figure)"
    assert f.quote == "文化旅游体育与传媒支出（类）文化和旅游（款）机关服务（项）460.00万元，主要用于机关运行。"
    assert [(e.table, e.row, e.value) for e in f.evidence] == [("支出总表", "2070101 行政运行", "460.00")]


def test_leading_words_before_a_class_name_are_left_out_of_the_finding():
    found = names_in("本年主要用于文化体育与传媒支出（类）文化和旅游（款）行政运行（项）460.00万元。")
    assert len(found) == 1
    f = found[0]
    assert (f.stated, f.expected, f.subject) == ("文化体育与传媒支出（类）", "文化旅游体育与传媒支出", "207")
    assert f.quote == "文化体育与传媒支出（类）文化和旅游（款）行政运行（项）460.00万元。"
    assert f.message == ("'文化体育与传媒支出（类）' is 207 '文化旅游体育与传媒支出' in the tables; '文化体育与传媒支出' is "
                         "the name 207 had until 2018 (a name from an older 政府收支分类科目)")


def test_a_retired_class_the_tables_lack_still_names_todays_name():
    found = names_in("医疗卫生与计划生育支出（类）460.00万元。")
    assert len(found) == 1
    f = found[0]
    assert f.stated == "医疗卫生与计划生育支出（类）"
    assert f.message == ("'医疗卫生与计划生育支出（类）' is the name 210 had until 2018; in 2024 it is '卫生健康支出' "
                         "(a name from an older 政府收支分类科目)")
    assert f.evidence == []  # no table row for 210 to cite
    assert f.quote == "医疗卫生与计划生育支出（类）460.00万元。"


def test_a_retired_section_without_its_class_names_todays_name():
    found = names_in("行政事业单位离退休（款）40.00万元。")
    assert len(found) == 1
    assert found[0].stated == "行政事业单位离退休（款）"
    assert found[0].quote == "行政事业单位离退休（款）40.00万元。"
    assert found[0].message == ("'行政事业单位离退休（款）' is the name 20805 had until 2019; in 2024 it is '行政事业单位养老支出' "
                                "(a name from an older 政府收支分类科目)")


def test_a_retired_class_name_the_tables_print_too_is_still_reported_in_the_prose():
    tables = TABLES.replace("207\t文化旅游体育与传媒支出", "207\t文化体育与传媒支出")
    report = check(HEAD + "文化体育与传媒支出（类）文化和旅游（款）行政运行（项）460.00万元。\n" + tables, text=True)
    prose = [f for f in report.findings if f.kind == "name-mismatch" and f.line == 6]
    assert len(prose) == 1
    f = prose[0]
    assert (f.stated, f.expected, f.subject) == ("文化体育与传媒支出（类）", "文化体育与传媒支出", "207")
    assert f.message.startswith("'文化体育与传媒支出（类）' is the name 207 had until 2018; in 2024 it is '文化旅游体育与传媒支出'")


@pytest.mark.parametrize("figure, found", [
    ("460.00万元", True), ("460.0万元", True), ("460万元", True),
    ("4,600.00万元", False), ("461.00万元", False), ("", False),
])
def test_an_item_name_is_checked_only_when_its_figure_points_to_one_row(figure, found):
    names = names_in(f"文化旅游体育与传媒支出（类）文化和旅游（款）机关服务（项）{figure}，主要用于机关运行。")
    assert [(f.stated, f.expected) for f in names] == ([("机关服务（项）", "行政运行")] if found else [])


def test_the_figure_is_compared_in_the_tables_unit():
    tables = TABLES.replace("单位：万元", "单位：元").replace("460.00", "4600000.00").replace("40.00", "400000.00") \
        .replace("500.00", "5000000.00")
    report = check(HEAD + "文化旅游体育与传媒支出（类）文化和旅游（款）机关服务（项）460.00万元。\n" + tables, text=True)
    found = [f for f in report.findings if f.kind == "name-mismatch"]
    assert [(f.stated, f.expected) for f in found] == [("机关服务（项）", "行政运行")]


def test_the_next_numbered_items_figure_is_not_the_items():
    found = names_in("1、文化旅游体育与传媒支出（类）文化和旅游（款）机关服务（项），主要用于机关运行。\n"
                     "2、文化旅游体育与传媒支出（类）文化和旅游（款）行政运行（项）460.00万元。")
    assert found == []


# --------------------------------------------------------------------------- the tables' own names
def test_a_retired_name_on_a_row_with_figures_in_full():
    found = check_code_names([coded_table("支出总表", 10, "207", "文化体育与传媒支出")], 2024)
    assert len(found) == 1
    f = found[0]
    assert (f.stated, f.expected, f.subject, f.line, f.page) == ("文化体育与传媒支出", "文化旅游体育与传媒支出", "207", 10, 2)
    assert f.quote == "207\t文化体育与传媒支出\t460.00"
    assert f.message == ("'文化体育与传媒支出' is the name 207 had until 2018; in 2024 it is '文化旅游体育与传媒支出' "
                         "(a name from an older 政府收支分类科目)")
    assert [(e.table, e.row, e.value, e.line) for e in f.evidence] == [("支出总表", "207 文化体育与传媒支出", "460.00", 10)]


def test_a_retired_name_on_rows_without_figures_is_left_alone():
    assert check_code_names([coded_table("支出总表", 10, "207", "文化体育与传媒支出", "0.00")], 2024) == []
    assert check_code_names([coded_table("支出总表", 10, "207", "文化体育与传媒支出")], None) == []


@pytest.mark.parametrize("label", [
    "行政运行",   # the same
    "政运",       # a fragment left by a wrap on both sides
    "（一）行政运行",
])
def test_labels_cut_or_numbered_are_not_a_second_name(label):
    tables = [coded_table("支出总表", 10, "2070101", "行政运行"), coded_table("一般公共预算支出表", 20, "2070101", label),
              coded_table("收入总表", 30, "2070101", "行政运行")]
    assert check_code_names(tables, 2024) == []


def test_two_wrapped_halves_of_one_label_are_not_two_names():
    tables = [coded_table("支出总表", 10, "2120101", "出城乡社区公共设施"),
              coded_table("一般公共预算支出表", 20, "2120101", "管理事务支出城乡社区公共")]
    assert check_code_names(tables, 2024) == []


@pytest.mark.parametrize("kind, code", [
    ("procurement", "2070101"), ("project", "2070101"), ("sangong", "2070101"),  # a code beside a purchase or project
    ("expense", "30101"),  # 经济分类
    ("expense", "207010"),  # not a 类/款/项 length
])
def test_rows_that_are_not_function_items_are_not_compared(kind, code):
    a, b = coded_table("支出总表", 10, code, "行政运行"), coded_table("其他表", 20, code, "一般行政管理事务")
    b.kind = kind
    if kind == "expense":
        a.kind = kind
    assert check_code_names([a, b], 2024) == []


def test_a_function_item_named_two_ways_in_two_expense_tables_is_found():
    a, b = coded_table("支出总表", 10, "2070101", "行政运行"), coded_table("其他表", 20, "2070101", "一般行政管理事务")
    assert [f.subject for f in check_code_names([a, b], 2024)] == ["2070101"]


# --------------------------------------------------------------------------- the 科目 list
@pytest.mark.parametrize("code, year, name", [
    ("207", 2018, "文化体育与传媒支出"), ("207", 2019, "文化旅游体育与传媒支出"), ("207", None, "文化旅游体育与传媒支出"),
    ("224", 2018, None),  # a class created in 2019
    ("208", None, "社会保障和就业支出"),  # one name ever
    ("299999", 2024, None),
])
def test_the_name_a_code_has_in_a_year(code, year, name):
    assert current_name(code, year) == name


@pytest.mark.parametrize("code, name, year, known", [
    ("212", "城乡社区事务支出", 2024, True),      # an alias
    ("207", "文化体育与传媒支出", None, True),     # year unknown: any era
    ("207", "文化体育与传媒支出", 2024, False),
    ("207", "文化体育与传媒支出", 2018, True),     # its last year
    ("215", "资源勘探电力信息等支出", 2018, False),  # an alias of the 2019 list only
    ("215", "资源勘探电力信息等支出", 2019, True),
])
def test_known_names_and_aliases_by_year(code, name, year, known):
    assert is_known_alias(code, name, year) is known


@pytest.mark.parametrize("name, codes", [
    ("文化和旅游", ["20701"]), ("文化", ["20701"]), ("城乡社区事务支出", ["212"]), ("（三）城乡社区支出", ["212"]),
    ("没有这个科目", []),
])
def test_which_codes_a_printed_name_stands_for(name, codes):
    assert codes_named(name) == codes


@pytest.mark.parametrize("a, b, same", [
    ("行政运行", "", True),                        # nothing to compare
    ("机关事业单位基本养老保险缴费支出", "机关事业单位基本养老保险缴费", True),
    ("机关事业单位基本养老保险缴费支出", "基本养老保险缴费支出", True),  # the end of a wrapped label
    ("行政运行", "行政", True),                    # two characters are enough for a cut-off
    ("行政运行", "行", False),
    ("基本养老保险缴费", "基本养老保险费", True),     # one character left out
    ("文化和旅游", "文化旅游", True),                # 4 of 5: at the 80% line
    ("机关事务运行", "机关运行", False),            # 4 of 6
    ("行政运行", "机关服务", False),
])
def test_when_two_item_names_are_the_same(a, b, same):
    assert same_name(a, b) is same


@pytest.mark.parametrize("a, b, similar", [
    ("出城乡社区公共设施", "管理事务支出城乡社区公共", True),
    ("城乡社区公共设施", "其他城乡社区管理", False),     # a run of 4 of 8: under 60%
    ("一二三四五六", "甲一二三四乙", True),              # a run of 4 of 6: over 60%
    ("一二三四五六七", "甲一二三四乙", True),            # 4 of 6 (the shorter)
    ("一二三四五六七", "甲一二三四乙丙", False),          # 4 of 7: under 60%
    ("一二三甲", "乙一二三", False),                    # a run of 3
    ("甲一二三", "一二三乙", False),                    # a run of 3, not at the start
    ("一二三四五", "二三四五甲一二三", True),            # a longer run after a shorter one
    ("一二三四五六", "二三四", False),                  # three characters inside: too short a run
    ("一二三四五六七八九十", "一二三四五六甲乙丙丁戊己", True),  # 6 of 10: at the 60% line
    ("文化和旅游", "文化旅游", True),                    # the same name, one character left out
])
def test_when_two_wrapped_table_labels_are_one_name(a, b, similar):
    assert similar_labels(a, b) is similar


# --------------------------------------------------------------------------- aliases in the 科目 list
ALIAS_TABLES = TABLES.replace("合计\t", "213\t农林水支出\t30.00\t30.00\t\n21305\t巩固脱贫攻坚成果衔接乡村振兴\t30.00\t30.00\t\n"
                                      "2130599\t其他巩固脱贫攻坚成果衔接乡村振兴支出\t30.00\t30.00\t\n合计\t")


def alias_findings(prose: str):
    report = check(HEAD + prose + "\n" + ALIAS_TABLES, text=True)
    return [f for f in report.findings if f.kind == "name-mismatch"]


def test_a_class_written_by_its_listed_alias_is_not_a_slip():
    assert alias_findings("农林水事务支出（类）巩固脱贫攻坚成果衔接乡村振兴（款）30.00万元。") == []


def test_a_wrong_section_name_under_its_class_is_found():
    found = alias_findings("农林水支出（类）扶贫（款）30.00万元。")
    assert [(f.stated, f.expected, f.subject) for f in found] == [("扶贫（款）", "巩固脱贫攻坚成果衔接乡村振兴", "21305")]
    assert "older 政府收支分类科目" in found[0].message


def test_a_section_written_by_its_listed_alias_is_not_a_slip():
    assert alias_findings("农林水支出（类）巩固脱贫衔接乡村振兴（款）30.00万元。") == []


def test_the_quote_runs_to_the_end_of_the_items_clause():
    found = names_in("文化旅游体育与传媒支出（类）文化和旅游（款）机关服务（项）460.00万元；主要用于机关运行。")
    assert [f.quote for f in found] == ["文化旅游体育与传媒支出（类）文化和旅游（款）机关服务（项）460.00万元；"]


def test_without_a_stop_the_quote_ends_sixty_characters_after_the_name():
    tail = "主要用于机关运行和日常办公以及各项业务工作的开展" * 4
    found = names_in(f"文化旅游体育与传媒支出（类）文化和旅游（款）机关服务（项）460.00万元，{tail}")
    assert len(found) == 1
    after = found[0].quote.split("机关服务（项）", 1)[1]
    assert len(after) == 60 and after.startswith("460.00万元，")


def test_an_item_figure_two_rows_share_points_to_no_row():
    tables = TABLES.replace("2070101\t行政运行\t460.00\t460.00\t\n",
                            "2070101\t行政运行\t460.00\t460.00\t\n2070102\t一般行政管理事务\t460.00\t460.00\t\n")
    report = check(HEAD + "文化旅游体育与传媒支出（类）文化和旅游（款）机关服务（项）460.00万元。\n" + tables, text=True)
    assert [f for f in report.findings if f.kind == "name-mismatch"] == []


# --------------------------------------------------------------------------- which items are judged
TWO_SECTIONS = TABLES.replace("2070101\t行政运行\t460.00\t460.00\t\n",
                              "2070101\t行政运行\t460.00\t460.00\t\n20702\t文物\t460.00\t460.00\t\n"
                              "2070204\t文物保护\t460.00\t460.00\t\n")


def two_sections(prose: str):
    report = check(HEAD + prose + "\n" + TWO_SECTIONS, text=True)
    return [f for f in report.findings if f.kind == "name-mismatch"]


def test_the_section_name_picks_the_item_rows_the_figure_is_matched_in():
    # both sections hold a 460.00 item; the section named picks 行政运行, not 文物保护
    found = two_sections("文化旅游体育与传媒支出（类）文化和旅游（款）机关服务（项）460.00万元。")
    assert [(f.stated, f.expected, f.subject) for f in found] == [("机关服务（项）", "行政运行", "2070101")]
    found = two_sections("文化旅游体育与传媒支出（类）文物（款）机关服务（项）460.00万元。")
    assert [(f.expected, f.subject) for f in found] == [("文物保护", "2070204")]


def test_a_section_without_its_class_still_places_the_item():
    found = names_in("文化和旅游（款）机关服务（项）460.00万元，主要用于机关运行。")
    assert [(f.stated, f.expected, f.subject) for f in found] == [("机关服务（项）", "行政运行", "2070101")]
    assert found[0].quote == "文化和旅游（款）机关服务（项）460.00万元，主要用于机关运行。"


def test_items_passed_over_do_not_stop_the_check_of_later_ones():
    found = names_in("机关服务（项）460.00万元。"                                    # no class or section: left alone
                     "文化旅游体育与传媒支出（类）文化和旅游（款）文化和旅游（项）460.00万元。"  # a 款 name at 项 level
                     "文化旅游体育与传媒支出（类）文化和旅游（款）行政运（项）460.00万元。"      # a cut-off name
                     "文化旅游体育与传媒支出（类）文化和旅游（款）机关服务（项）。"              # no figure
                     "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费（项）40.00万元。")
    assert [(f.stated, f.expected) for f in found] == [("机关事业单位职业年金缴费（项）", "机关事业单位基本养老保险缴费支出")]


def test_without_coded_tables_prose_names_are_not_judged():
    report = check(HEAD + "医疗卫生与计划生育支出（类）460.00万元。\n", text=True)
    assert [f for f in report.findings if f.kind == "name-mismatch"] == []


def test_a_class_name_from_a_later_list_is_a_plain_mismatch():
    # a 2018 document writing the 2019 list's alias of 215: not the tables' name, and not an older name either
    tables = ("\n支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n215\t资源勘探信息等支出\t50.00\t50.00\t\n"
              "21501\t资源勘探开发\t50.00\t50.00\t\n2150101\t行政运行\t50.00\t50.00\t\n合计\t\t50.00\t50.00\t\n")
    report = check("示范市示范区工业和信息化局\n2018年部门预算\n\n一、支出预算情况\n本年支出安排如下：\n"
                   "资源勘探电力信息等支出（类）资源勘探开发（款）行政运行（项）50.00万元。\n" + tables, text=True)
    found = [f for f in report.findings if f.kind == "name-mismatch"]
    assert len(found) == 1
    f = found[0]
    assert (f.stated, f.expected, f.subject, f.cause, f.line) == ("资源勘探电力信息等支出（类）", "资源勘探信息等支出", "215", None, 6)
    assert f.message == "'资源勘探电力信息等支出（类）' is 215 '资源勘探信息等支出' in the tables"


def test_a_slip_on_the_first_of_two_connectors_is_found():
    name = "示范市示范区文化和旅游与体育局"
    found = unit(*cover(name), *body(name), "示范市示范区文化与旅游与体育局负责本部门预算。")
    assert [f.stated for f in found] == ["示范市示范区文化与旅游与体育局"]


def test_a_short_fragment_of_a_wrapped_label_is_not_a_second_name():
    tables = [coded_table("支出总表", 10, "2070102", "一般行政管理事务"), coded_table("一般公共预算支出表", 20, "2070102", "行政")]
    assert check_code_names(tables, 2024) == []


def test_a_table_of_another_kind_listed_first_does_not_hide_the_rest():
    other = coded_table("政府采购表", 5, "2070101", "办公设备采购")
    other.kind = "procurement"
    a, b = coded_table("支出总表", 10, "2070101", "行政运行"), coded_table("其他表", 20, "2070101", "一般行政管理事务")
    assert [f.subject for f in check_code_names([other, a, b], 2024)] == ["2070101"]


def test_a_single_prose_paragraph_is_checked():
    report = check("文化旅游体育与传媒支出（类）文化和旅游（款）机关服务（项）460.00万元。\n" + TABLES, text=True)
    found = [f for f in report.findings if f.kind == "name-mismatch"]
    assert [(f.stated, f.line) for f in found] == [("机关服务（项）", 1)]


def test_a_retired_class_opening_a_paragraph_is_lined_there():
    found = names_in("项目安排如下。\n\n文化体育与传媒支出（类）文化和旅游（款）行政运行（项）460.00万元。")
    assert [(f.stated, f.line) for f in found] == [("文化体育与传媒支出（类）", 8)]


def test_the_document_check_reports_the_tables_retired_name_and_the_prose_one():
    tables = TABLES.replace("207\t文化旅游体育与传媒支出", "207\t文化体育与传媒支出")
    report = check(HEAD + "文化体育与传媒支出（类）文化和旅游（款）行政运行（项）460.00万元。\n" + tables, text=True)
    found = sorted((f.line, f.stated) for f in report.findings if f.kind == "name-mismatch")
    assert found[0] == (6, "文化体育与传媒支出（类）")
    assert len(found) == 2 and found[1][1] == "文化体育与传媒支出" and found[1][0] > 6


def test_every_slip_of_a_document_is_reported():
    found = names_in("文化旅游体育与传媒支出（类）文化和旅游（款）机关服务（项）460.00万元。"
                     "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费（项）40.00万元。")
    assert [f.subject for f in found] == ["2070101", "2080505"]


def test_an_item_without_a_figure_does_not_stop_the_next_numbered_item():
    found = names_in("1、文化旅游体育与传媒支出（类）文化和旅游（款）机关服务（项），主要用于机关运行。\n"
                     "2、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费（项）40.00万元。")
    assert [f.subject for f in found] == ["2080505"]


@pytest.mark.parametrize("cell, stated", [
    ("460.05", "460.1万元"),   # half up, as printed figures are rounded
    ("459.6", "460万元"),      # no decimals stated: whole 万元
    ("4600.00", "4,600.00万元"),
])
def test_the_items_figure_is_matched_at_its_stated_precision(cell, stated):
    tables = TABLES.replace("2070101\t行政运行\t460.00\t460.00", f"2070101\t行政运行\t{cell}\t{cell}")
    report = check(HEAD + f"文化旅游体育与传媒支出（类）文化和旅游（款）机关服务（项）{stated}。\n" + tables, text=True)
    found = [f for f in report.findings if f.kind == "name-mismatch"]
    assert [(f.stated, f.subject) for f in found] == [("机关服务（项）", "2070101")]


def test_a_zero_figure_before_the_items_own_is_passed_over():
    tables = TABLES.replace("2070101\t行政运行\t460.00\t460.00\t", "2070101\t行政运行\t0.00\t460.00\t")
    report = check(HEAD + "文化旅游体育与传媒支出（类）文化和旅游（款）机关服务（项）460.00万元。\n" + tables, text=True)
    assert [f.subject for f in report.findings if f.kind == "name-mismatch"] == ["2070101"]


def test_a_class_written_by_a_listed_alias_unlike_the_tables_label_is_not_a_slip():
    tables = ("\n支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n215\t资源勘探工业信息等支出\t50.00\t50.00\t\n"
              "21501\t资源勘探开发\t50.00\t50.00\t\n2150101\t行政运行\t50.00\t50.00\t\n合计\t\t50.00\t50.00\t\n")
    report = check(HEAD + "资源勘探电力信息等支出（类）资源勘探开发（款）行政运行（项）50.00万元。\n" + tables, text=True)
    assert [f for f in report.findings if f.kind == "name-mismatch"] == []


def test_a_mismatch_against_a_row_of_zeros_cites_no_figure():
    tables = [coded_table("支出总表", 10, "2070101", "行政运行", "0.00"), coded_table("收入总表", 20, "2070101", "行政运行", "0.00"),
              coded_table("其他表", 30, "2070101", "一般行政管理事务")]
    found = check_code_names(tables, 2024)
    assert [(f.stated, f.evidence[0].value) for f in found] == [("一般行政管理事务", "")]


def test_a_stop_more_than_160_characters_on_is_not_looked_for():
    filler = "甲" * 151
    found = names_in(f"文化旅游体育与传媒支出（类）文化和旅游（款）机关服务（项）460.00万元，{filler}。")
    after = found[0].quote.split("机关服务（项）", 1)[1]
    assert len(after) == 60
