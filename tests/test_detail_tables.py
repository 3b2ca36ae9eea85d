"""The tables against themselves, in detail: what a reviewer reads in each table-only
finding (sums of parts, a sub-item that repeats its class total, column groups and
nested 小计 columns, the 收支总表 sides, the misread-layout guard) and which copies of
one figure in two tables are compared at all. Small tables built by hand; no figures of
any real document."""

from __future__ import annotations

import signal
from contextlib import contextmanager
from decimal import Decimal as D

import pytest

from narrative_check.compare.tables import check_cross_tables, check_tables
from narrative_check.models import Cell, Fact, Row, Table


def row(label: str, values: list[str], line: int, headers: list[str] | None = None, code: str | None = None,
        side: str | None = None, page: int | None = None) -> Row:
    cells = [Cell(column=i, header=(headers[i] if headers else ""), text=v, value=D(v) if v else None, line=line)
             for i, v in enumerate(values)]
    return Row(label=label, code=code, cells=cells, line=line, side=side, page=page,
               text=f"{label} {' '.join(values)}".strip())


def table(rows: list[Row], headers: list[str] | None = None, kind: str | None = None, unit: str = "万元") -> Table:
    return Table(title="支出表", number="表3", kind=kind, unit=unit, headers=headers or [], rows=rows,
                 line_start=1, line_end=len(rows) + 2)


@contextmanager
def time_limit(seconds: float):
    """A table of a few cells must be read at once; a loop that never ends fails here."""
    def stop(signum, frame):
        raise TimeoutError("checking a small table did not finish")
    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


# ---------------------------------------------------------------- sums of parts


@pytest.mark.parametrize("part, ok", [("10.00", True), ("10.01", False), ("9.99", False)])
def test_a_class_with_one_sub_item_allows_only_half_a_cent(part, ok):
    """One printed part carries at most half a cent of rounding: 0.01 off is an error."""
    found = check_tables([table([row("科目201", ["10.00"], 2, code="201"), row("科目20101", [part], 3, code="20101")])])
    assert [(f.kind, f.severity, f.expected) for f in found] == ([] if ok else [("total-mismatch", "error", f"{part} 万元")])


def test_a_part_row_printed_without_a_column_counts_as_blank_there():
    """A short part row (its last cell not printed) adds nothing to that column; a blank
    total over a missing part cell is no sum at all. Neither stops the check."""
    rows = [row("科目201", ["5.00", "3.00", ""], 2, code="201"), row("科目20101", ["5.00"], 3, code="20101")]
    (f,) = check_tables([table(rows)])
    assert f.stated == "3.00 万元" and f.expected == "0 万元" and "(column 2)" in f.message
    assert f.quote == "科目201 5.00 3.00" and f.line == 2


def test_an_unlabelled_total_row_is_named_total_in_the_message():
    rows = [row("", ["10.00"], 2, code="201"), row("科目20101", ["4.00"], 3, code="20101"),
            row("科目20102", ["5.00"], 4, code="20102")]
    (f,) = check_tables([table(rows)])
    # The row has no label to quote; the message still says which row it means.
    assert f.message == "表3 支出表: total (column 1) is 10.00 万元, but its 2 sub-items add to 9.00 万元"


def test_one_cell_checked_twice_is_reported_once():
    """The total row's 合计 is both the sum of the classes and the sum of its column
    groups: when both fail, the reviewer gets one finding on that cell, not two."""
    headers = ["合计", "基本支出", "项目支出"]
    rows = [row("合计", ["10.00", "5.00", "4.00"], 2, headers),
            row("科目201", ["9.00", "5.00", "4.00"], 3, headers, code="201"),
            row("科目20101", ["9.00", "5.00", "4.00"], 4, headers, code="20101")]
    found = check_tables([table(rows, headers)])
    assert [(f.line, f.stated, f.expected) for f in found] == [(2, "10.00 万元", "9.00 万元")]
    assert "but the 1 top-level item adds to 9.00 万元" in found[0].message


def test_a_figure_the_reader_could_not_place_is_skipped_and_the_other_columns_still_checked():
    """'?' marks a cell a space-laid row could not place: that column is not summed,
    the next one is."""
    rows = [row("科目201", ["10.00", "5.00", "3.00"], 2, code="201"), row("科目20101", ["10.00", "", "2.00"], 3, code="20101")]
    rows[1].cells[1] = Cell(column=1, header="", text="?", value=None, line=3)
    (f,) = check_tables([table(rows)])
    assert "(column 3)" in f.message and f.stated == "3.00 万元" and f.expected == "2.00 万元"


@pytest.mark.parametrize("where", ["total", "part", "label"])
def test_rows_whose_figures_ran_together_are_no_evidence_for_a_sum(where):
    """A row whose cells ran together in extraction ('3.001.00') is reported once as a
    reading warning elsewhere, never as a total or double-count mismatch."""
    rows = [row("商品和服务支出", ["10.00", ""], 2, code="302"), row("办公费", ["6.00", ""], 3, code="30201"),
            row("印刷费", ["4.00", ""], 4, code="30202"), row("其他商品和服务支出", ["10.00", ""], 5, code="30299")]
    target = rows[0] if where in ("total", "label") else rows[1]
    if where == "label":
        target.label = "商品和服务支出3.001.00"
    else:
        target.cells[1] = Cell(column=1, header="", text="3.001.00", value=None, line=target.line)
    assert check_tables([table(rows)]) == []


def test_a_column_row_with_an_unplaced_figure_is_not_summed_across():
    headers = ["合计", "基本支出", "项目支出"]
    r = row("行政运行", ["10.00", "6.00", ""], 2, headers)
    r.cells[2] = Cell(column=2, header="项目支出", text="?", value=None, line=2)
    assert check_tables([table([r], headers)]) == []


# ---------------------------------------------------------------- a sub-item repeating its class total


def double_counted(last: str = "10.00", page: int | None = 4) -> Table:
    headers = ["合计", ""]
    rows = [row("商品和服务支出", ["10.00", "3.00"], 2, headers, code="302", page=page),
            row("办公费", ["6.00", "2.00"], 3, headers, code="30201", page=page),
            row("印刷费", ["4.00", "1.00"], 4, headers, code="30202", page=page),
            row("其他商品和服务支出", [last, "0.00"], 5, headers, code="30299", page=page)]
    return table(rows, headers)


@pytest.mark.parametrize("last", ["10.00", "10.01", "9.99"])
def test_a_sub_item_equal_to_its_class_total_is_reported_as_counted_twice(last):
    (f,) = check_tables([double_counted(last)])
    assert (f.kind, f.severity, f.subject) == ("total-mismatch", "error", "其他商品和服务支出")
    assert f.cause == "the class total is counted twice (double-counted row)"
    assert (f.quote, f.line, f.page) == (f"其他商品和服务支出 {last} 0.00", 5, 4)
    assert f.stated == f"{last} 万元" and f.expected == "0.00 万元"
    assert f.message == (f"表3 支出表: 30299 其他商品和服务支出 is {last} 万元, the whole 302 total, while the other 2 "
                         "sub-items already add to 10.00 万元 (the class total is counted twice (double-counted row))")
    # The evidence: the class total, then the other sub-items, in the first column.
    assert [(e.table, e.row, e.column, e.value, e.line, e.page, e.text) for e in f.evidence] == [
        ("表3 支出表", "商品和服务支出", "合计", "10.00 万元", 2, 4, "商品和服务支出 10.00 3.00"),
        ("表3 支出表", "办公费", "合计", "6.00 万元", 3, 4, "办公费 6.00 2.00"),
        ("表3 支出表", "印刷费", "合计", "4.00 万元", 4, 4, "印刷费 4.00 1.00")]


def test_a_sub_item_not_equal_to_the_class_total_is_an_ordinary_mismatch():
    (f,) = check_tables([double_counted("5.00")])
    assert f.cause is None and f.quote.startswith("商品和服务支出") and f.expected == "15.00 万元"
    assert f.message.endswith("but its 3 sub-items add to 15.00 万元")


def test_a_double_counted_row_without_headers_names_column_one():
    rows = [row("商品和服务支出", ["10.00"], 2, code="302"), row("办公费", ["10.00"], 3, code="30201"),
            row("其他商品和服务支出", ["10.00"], 4, code="30299")]
    (f,) = check_tables([table(rows)])
    assert f.quote == "办公费 10.00" and "the other 1 sub-item already adds to 10.00" in f.message
    assert [(e.row, e.column) for e in f.evidence] == [("商品和服务支出", "column 1"), ("其他商品和服务支出", "column 1")]


def test_a_double_counted_row_quotes_its_label_when_it_has_no_text():
    t = double_counted()
    t.rows[3].text = ""
    (f,) = check_tables([t])
    assert f.quote == "其他商品和服务支出"


def test_a_double_counted_row_in_a_long_class_keeps_twelve_evidence_rows():
    rows = [row("商品和服务支出", ["13.00"], 2, code="302")]
    rows += [row(f"费用{i}", ["1.00"], 3 + i, code=f"302{i:02d}") for i in range(1, 14)]
    rows.append(row("其他商品和服务支出", ["13.00"], 20, code="30299"))
    (f,) = check_tables([table(rows)])
    assert f.line == 20 and len(f.evidence) == 12
    assert f.evidence[0].row == "商品和服务支出" and f.evidence[-1].row == "费用11"
    assert "the other 13 sub-items already add to 13.00" in f.message


def test_a_small_class_whose_sub_items_add_up_is_no_double_count():
    # 0.01 = 0.01 + 0.00: the first sub-item equals the total, but nothing is wrong.
    rows = [row("商品和服务支出", ["0.01"], 2, code="302"), row("办公费", ["0.01"], 3, code="30201"),
            row("其他商品和服务支出", ["0.00"], 4, code="30299")]
    assert check_tables([table(rows)]) == []


def test_a_zero_class_total_is_no_double_count():
    rows = [row("商品和服务支出", ["0.00"], 2, code="302"), row("办公费", ["0.00"], 3, code="30201"),
            row("其他商品和服务支出", ["3.00"], 4, code="30299")]
    (f,) = check_tables([table(rows)])
    assert f.cause is None and f.expected == "3.00 万元" and f.quote.startswith("商品和服务支出")


# ---------------------------------------------------------------- the table's total and its top-level classes


@pytest.mark.parametrize("codes, checked", [
    (["201"], True),                # one class alone is still summed into the total
    (["20101", "20102"], True),     # 款-level table (5-digit top codes)
    (["2010101", "2010102"], False),  # only 项 rows: the total may hold classes not printed
])
def test_the_total_row_is_checked_against_its_top_level_codes(codes, checked):
    rows = [row("合计", ["9.00"], 2)] + [row(f"科目{c}", ["4.00"], 3 + i, code=c) for i, c in enumerate(codes)]
    found = check_tables([table(rows)])
    expected = f"{D('4.00') * len(codes):f} 万元"
    assert [(f.line, f.expected) for f in found] == ([(2, expected)] if checked else [])
    if checked:
        noun = "item adds" if len(codes) == 1 else "items add"
        assert f"the {len(codes)} top-level {noun} to {expected}" in found[0].message


def test_a_class_check_and_the_total_check_are_both_reported():
    rows = [row("合计", ["12.00"], 2), row("科目201", ["10.00"], 3, code="201"),
            row("科目20101", ["4.00"], 4, code="20101"), row("科目20102", ["5.00"], 5, code="20102")]
    found = check_tables([table(rows)])
    assert sorted((f.line, f.expected) for f in found) == [(2, "10.00 万元"), (3, "9.00 万元")]


def test_a_code_printed_on_two_rows_is_summed_with_its_sub_items():
    """One class printed on two rows (split by a second classification): both rows
    together against all the sub-items, reported on the first row; the table's total
    is still checked."""
    rows = [row("合计", ["11.00"], 2), row("科目201", ["6.00"], 3, code="201"), row("科目201", ["4.00"], 4, code="201"),
            row("科目20101", ["7.00"], 5, code="20101"), row("科目20102", ["3.50"], 6, code="20102")]
    found = check_tables([table(rows)])
    assert sorted((f.line, f.stated, f.expected) for f in found) == [
        (2, "11.00 万元", "10.00 万元"), (3, "10.00 万元", "10.50 万元")]
    group = next(f for f in found if f.line == 3)
    assert "its 2 sub-items (its 2 rows together)" in group.message


def split_class(first: list[str], second: list[str], parts: list[list[str]], headers: list[str] | None = None) -> Table:
    """Class 201 printed on two rows (split by a second classification), with its 款 rows."""
    rows = [row("科目201", first, 3, headers, code="201"), row("科目201", second, 4, headers, code="201")]
    rows += [row(f"科目2010{i + 1}", p, 5 + i, headers, code=f"2010{i + 1}") for i, p in enumerate(parts)]
    return table(rows, headers)


def test_a_split_class_finding_names_both_rows_and_quotes_the_first():
    (f,) = check_tables([split_class(["6.00"], ["4.00"], [["7.00"], ["3.50"]])])
    assert f.message == "表3 支出表: 科目201 (column 1) is 10.00 万元, but its 2 sub-items (its 2 rows together) add to 10.50 万元"
    assert (f.quote, f.line, f.stated, f.expected) == ("科目201 6.00", 3, "10.00 万元", "10.50 万元")
    assert [(e.row, e.value, e.line) for e in f.evidence] == [("科目20101", "7.00 万元", 5), ("科目20102", "3.50 万元", 6)]


@pytest.mark.parametrize("last, ok", [("3.02", True), ("2.98", True), ("3.03", False), ("2.97", False)])
def test_a_split_class_allows_half_a_cent_for_each_of_its_rows_and_parts(last, ok):
    """Two class rows and two sub-items: four printed figures, 0.02 of rounding."""
    found = check_tables([split_class(["6.00"], ["4.00"], [["7.00"], [last]])])
    assert [f.expected for f in found] == ([] if ok else [f"{D('7.00') + D(last):f} 万元"])


def test_a_split_class_is_checked_column_by_column():
    headers = ["合计", "基本支出"]
    (f,) = check_tables([split_class(["6.00", "1.00"], ["4.00", "2.00"], [["7.00", "2.00"], ["3.00", "2.00"]], headers)])
    assert "(基本支出)" in f.message and f.stated == "3.00 万元" and f.expected == "4.00 万元"


def test_a_split_class_checks_every_column_of_its_first_row_even_when_the_second_is_short():
    t = split_class(["6.00", "1.00"], ["4.00"], [["7.00", "2.00"], ["3.00", "2.00"]])
    (f,) = check_tables([t])
    assert "(column 2)" in f.message and f.stated == "1.00 万元" and f.expected == "4.00 万元"


def test_a_split_class_with_a_run_together_row_is_not_summed():
    t = split_class(["6.00"], ["4.00"], [["7.00"], ["3.50"]])
    t.rows[3].cells.append(Cell(column=1, header="", text="3.001.00", value=None, line=6))
    assert check_tables([t]) == []


def test_a_code_on_two_rows_does_not_hide_the_findings_of_the_classes_before_it():
    rows = [row("科目208", ["5.00"], 2, code="208"), row("科目20801", ["4.00"], 3, code="20801"),
            row("科目201", ["6.00"], 4, code="201"), row("科目201", ["4.00"], 5, code="201"),
            row("科目20101", ["7.00"], 6, code="20101"), row("科目20102", ["3.00"], 7, code="20102")]
    found = check_tables([table(rows)])
    assert [(f.line, f.expected) for f in found] == [(2, "4.00 万元")]


def test_codes_are_grouped_per_side_of_a_two_sided_table():
    rows = [row("科目201", ["10.00"], 2, code="201", side="income"), row("科目20101", ["10.00"], 3, code="20101", side="income"),
            row("科目201", ["8.00"], 2, code="201", side="expense"), row("科目20101", ["7.00"], 3, code="20101", side="expense")]
    (f,) = check_tables([table(rows)])
    assert f.stated == "8.00 万元" and f.expected == "7.00 万元"


# ---------------------------------------------------------------- column groups and nested 小计


NESTED = ["合计", "基本支出", "项目支出/小计", "项目支出/公务用车/小计", "项目支出/公务用车/购置费", "项目支出/公务用车/运行费",
          "项目支出/其他"]


def test_a_nested_subtotal_is_counted_once_in_its_group():
    """'项目支出/小计' = '公务用车/小计' + 其他; the columns under 公务用车 are already in
    its 小计 and are not added again."""
    t = table([row("行政运行", ["10.00", "4.00", "6.00", "3.00", "1.00", "2.00", "3.00"], 2, NESTED)], NESTED)
    assert check_tables([t]) == []
    t = table([row("行政运行", ["10.00", "4.00", "6.00", "3.00", "1.00", "2.00", "3.50"], 2, NESTED)], NESTED)
    (f,) = check_tables([t])
    assert "the 项目支出 columns" in f.message and f.stated == "6.00 万元" and f.expected == "6.50 万元"
    assert "(项目支出/小计)" in f.message


def test_a_groups_subtotal_is_judged_against_the_nested_subtotal_not_the_columns_under_it():
    # 购置费 + 运行费 (1.50) disagree with 公务用车/小计 (3.00): the group's 小计 still
    # adds up through the nested 小计, so nothing is said about the 项目支出 columns.
    t = table([row("行政运行", ["10.00", "4.00", "6.00", "3.00", "1.00", "0.50", "3.00"], 2, NESTED)], NESTED)
    assert not any("the 项目支出 columns" in f.message for f in check_tables([t]))


def test_a_nested_subtotal_that_is_not_the_sum_of_its_columns_is_reported():
    t = table([row("行政运行", ["10.00", "4.00", "6.00", "3.00", "1.00", "0.50", "3.00"], 2, NESTED)], NESTED)
    assert any(f.stated == "3.00 万元" and f.expected == "1.50 万元" for f in check_tables([t]))


@pytest.mark.parametrize("headers, values", [
    # column 0 totals the income side only: expense columns do not add up to it
    (["收入/合计", "支出/基本支出", "支出/项目支出"], ["10.00", "6.00", "3.00"]),
    (["收入/合计", "支出/合计", "收入/财政拨款", "收入/其他"], ["10.00", "9.00", "6.00", "4.00"]),
    # one column has no sub-header under the shared heading: the heading is no common prefix
    (["收入/合计", "收入", "收入/财政拨款"], ["10.00", "10.00", "6.00"]),
])
def test_a_first_column_that_is_not_the_whole_rows_total_gives_no_column_check(headers, values):
    t = table([row("行政运行", values, 2, headers)], headers)
    assert check_tables([t]) == []


def test_columns_all_under_the_total_heading_give_no_column_check():
    headers = ["合计", "合计/基本支出/人员经费", "合计/基本支出/公用经费"]
    t = table([row("行政运行", ["10.00", "4.00", "2.00"], 2, headers)], headers)
    assert check_tables([t]) == []


def test_a_two_level_common_heading_is_stripped():
    headers = ["单位/支出/合计", "单位/支出/基本支出", "单位/支出/项目支出"]
    ok = table([row("行政运行", ["10.00", "6.00", "4.00"], 2, headers)], headers)
    bad = table([row("行政运行", ["10.00", "6.00", "4.02"], 2, headers)], headers)
    with time_limit(5):
        assert check_tables([ok]) == []
        (f,) = check_tables([bad])
    assert f.message.endswith("but its column groups add to 10.02 万元") and "(单位/支出/合计)" in f.message


def test_subtotals_under_a_common_heading_are_used_for_their_group():
    headers = ["支出/合计", "支出/基本支出/小计", "支出/基本支出/人员经费", "支出/基本支出/公用经费", "支出/项目支出"]
    t = table([row("行政运行", ["10.00", "6.00", "4.00", "2.00", "4.00"], 2, headers)], headers)
    assert check_tables([t]) == []
    t = table([row("行政运行", ["10.00", "6.00", "4.00", "2.02", "4.00"], 2, headers)], headers)
    (f,) = check_tables([t])
    assert "the 基本支出 columns" in f.message and f.expected == "6.02 万元"


SANGONG = ["因公出国（境）费", "公务接待费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费"]


@pytest.mark.parametrize("headers", [
    ["合计"] + SANGONG,                                        # flat header
    ["三公经费/合计"] + [f"三公经费/{h}" for h in SANGONG],    # the same under a common heading
    ["合计"] + SANGONG[:3] + ["公务用车/购置费", "公务用车/运行维护费"],  # vehicle parts under their own heading
])
def test_sangong_vehicle_columns_are_nested_under_the_vehicle_total(headers):
    good = table([row("某单位", ["6.00", "1.00", "2.00", "3.00", "1.00", "2.00"], 2, headers)], headers)
    with time_limit(5):
        assert check_tables([good]) == []
    bad = table([row("某单位", ["6.00", "1.00", "2.00", "3.00", "1.00", "2.50"], 2, headers)], headers)
    (f,) = check_tables([bad])
    assert f.stated == "3.00 万元" and f.expected == "3.50 万元" and f.evidence[0].column == headers[3]


def test_a_partial_vehicle_breakdown_raises_no_false_mismatch():
    headers = ["合计"] + SANGONG[:4]
    t = table([row("某单位", ["6.00", "1.00", "2.00", "3.00", "1.00"], 2, headers)], headers)
    assert check_tables([t]) == []


def test_flat_sangong_headers_after_an_unknown_column_still_nest():
    headers = ["合计", "其他费用"] + SANGONG
    good = table([row("某单位", ["7.00", "1.00", "1.00", "2.00", "3.00", "1.00", "2.00"], 2, headers)], headers)
    assert check_tables([good]) == []


# ---------------------------------------------------------------- 收支总表 sides


def summary_rows(kind: str = "summary", year_expense: str = "10.00") -> Table:
    income = [("一、一般公共预算拨款收入", "8.00"), ("二、政府性基金预算拨款收入", "2.00"), ("本年收入合计", "10.00"),
              ("上年结转", "1.00"), ("收入总计", "11.00")]
    expense = [("一、一般公共服务支出", "7.00"), ("二、社会保障和就业支出", "3.00"), ("本年支出合计", year_expense),
               ("结转下年", "1.00"), ("支出总计", "11.00")]
    rows = [row(label, [v], i + 2, side="income") for i, (label, v) in enumerate(income)]
    rows += [row(label, [v], i + 2, side="expense") for i, (label, v) in enumerate(expense)]
    return table(rows, kind=kind)


def test_a_fiscal_summary_table_has_its_sides_summed_too():
    assert check_tables([summary_rows("fiscal_summary")]) == []
    found = check_tables([summary_rows("fiscal_summary", year_expense="10.50")])
    assert sorted(f.message.split(" is ")[0] for f in found) == ["表3 支出表: 支出总计 (column 1)",
                                                                  "表3 支出表: 本年支出合计 (column 1)"]


def test_a_summary_read_without_sides_gets_no_side_sums():
    """Sides not read (one column holds income rows, then expense rows): the 收支总表
    identities are defined per side, so none is applied, not even to the first half.
    (A limitation: such a table is only checked by its 科目 codes and columns.)"""
    t = summary_rows()
    t.rows[2].cells[0].value = D("10.50")  # 本年收入合计 off by 0.50
    for r in t.rows:
        r.side = None
    assert check_tables([t]) == []


# ---------------------------------------------------------------- the misread-layout guard


def failing_classes(count: int, good: int = 0) -> list[Row]:
    rows = []
    for i in range(count):
        rows += [row(f"类{i}", ["10.00"], 2 * i + 2, code=f"2{i:02d}"), row(f"款{i}", ["3.00"], 2 * i + 3, code=f"2{i:02d}01")]
    for j in range(good):
        rows.append(row(f"说明{j}", ["1.00"], 100 + j))
    return rows


def test_four_failing_sums_in_a_small_table_become_one_layout_warning():
    (f,) = check_tables([table(failing_classes(4))])
    assert f.severity == "warning" and f.kind == "total-mismatch"
    assert f.message.startswith("表3 支出表: 4 of its sums do not add up, e.g. 表3 支出表: 类0 (column 1)")
    assert f.message.endswith("the table's layout may not have been read right (check `narrative-check tables`)")


def test_in_a_long_table_a_quarter_of_its_rows_may_fail_one_by_one():
    rows = failing_classes(5, good=10)   # 20 rows, 5 failing sums: a quarter
    found = check_tables([table(rows)])
    assert len(found) == 5 and all(f.severity == "error" for f in found)
    (f,) = check_tables([table(failing_classes(6, good=8))])  # 20 rows, 6 failing
    assert f.severity == "warning" and "6 of its sums" in f.message


def test_rounding_warnings_survive_the_layout_guard():
    rows = failing_classes(4) + [row("科目301", ["100"], 50, code="301"), row("科目30101", ["101"], 51, code="30101")]
    found = check_tables([table(rows, unit="元")])  # 4 errors of 7 元, one 1 元 rounding gap
    assert [f.severity for f in found] == ["warning", "warning"]
    assert "4 of its sums" in found[0].message and found[1].cause == "a 1 元 rounding gap"


def test_a_performance_table_is_never_summed():
    assert check_tables([table(failing_classes(1), kind="performance")]) == []


# ---------------------------------------------------------------- one figure in several tables


def fact(concept: str, value: str, table_name: str, unit: str = "万元", row_label: str = "社会保障和就业支出",
         line: int = 10, page: int | None = None, text: str = "", derived: str | None = None) -> Fact:
    scale = {"万元": D(1), "元": D("0.0001")}[unit]
    return Fact(concept=concept, value=D(value) * scale, raw=D(value), unit=unit, table=table_name, row=row_label,
                line=line, page=page, text=text, derived=derived)


def kinds(**by_name: str) -> list[Table]:
    """Empty tables that only say which standard table each name is."""
    return [Table(title=name, kind=kind, line_start=1, line_end=2) for name, kind in by_name.items()]


def test_the_odd_copy_is_reported_whether_it_is_above_or_below_the_others():
    for odd in ("172.82", "172.93"):
        (f,) = check_cross_tables([fact("func:208", "172.83", "表1", line=5), fact("func:208", odd, "表5", line=30, text="行 甲"),
                                   fact("func:208", "172.83", "表3", line=20)])
        assert (f.kind, f.stated, f.expected, f.line, f.quote) == ("cross-table-mismatch", f"{odd} 万元", "172.83 万元", 30, "行 甲")
        assert [e.table for e in f.evidence] == ["表5", "表1", "表3"] and f.subject == "社会保障和就业"
        assert f.message.startswith(f"社会保障和就业: 表5 · 社会保障和就业支出 has {odd} 万元, 表1 has 172.83 万元")


def test_each_odd_copy_is_reported_against_the_majority():
    found = check_cross_tables([fact("func:208", "1.00", "表1"), fact("func:208", "1.00", "表2"), fact("func:208", "1.00", "表3"),
                                fact("func:208", "2.00", "表4"), fact("func:208", "3.00", "表5", row_label="某行")])
    assert sorted((f.evidence[0].table, f.stated, f.expected) for f in found) == [
        ("表4", "2.00 万元", "1.00 万元"), ("表5", "3.00 万元", "1.00 万元")]
    assert all(f.quote in ("社会保障和就业支出", "某行") for f in found)


def test_two_copies_quote_both_rows_and_an_error_carries_no_rounding_cause():
    a = fact("func:208", "172.83", "表1", line=5, page=2, text="八、社会保障和就业支出 172.83")
    b = fact("func:208", "172.85", "表3", line=40, page=6, row_label="社会保障和就业")
    (f,) = check_cross_tables([a, b])
    assert (f.severity, f.cause, f.subject) == ("error", None, "社会保障和就业")
    assert (f.line, f.page, f.stated, f.expected) == (5, 2, "172.83 万元", "172.85 万元")
    assert f.quote == "八、社会保障和就业支出 172.83 ↔ 社会保障和就业"
    assert f.message == "社会保障和就业: 表1 · 社会保障和就业支出 has 172.83 万元, 表3 · 社会保障和就业 has 172.85 万元"
    assert [(e.table, e.row, e.value, e.line) for e in f.evidence] == [("表1", "社会保障和就业支出", "172.83 万元", 5),
                                                                     ("表3", "社会保障和就业", "172.85 万元", 40)]


@pytest.mark.parametrize("a, b, unit_b, rounding", [
    ("172.83", "172.84", "万元", True),     # one unit in the last printed place
    ("172.83", "172.85", "万元", False),
    ("172.83", "172.8", "万元", True),      # printed to one place: 0.1 is its last unit
    ("172.83", "173", "万元", True),
    ("172.83", "174", "万元", False),
    ("172.83", "1728400", "元", True),      # 0.01 万元 is the last place of the 万元 copy
    ("172.83", "1728000", "元", False),     # 0.03 万元 apart: the 元 copy's last place is 0.0001 万元
    ("0.00", "0.01", "万元", True),
    ("0.00", "0.02", "万元", False),
])
def test_a_gap_of_one_unit_in_the_last_printed_place_is_a_rounding_warning(a, b, unit_b, rounding):
    (f,) = check_cross_tables([fact("func:208", a, "表1"), fact("func:208", b, "表3", unit=unit_b)])
    if rounding:
        assert f.severity == "warning"
        assert f.cause == "a difference of one unit in the last printed place: rounding between tables (尾数误差)"
        assert f.message.endswith("(a difference of one unit in the last printed place: rounding between tables (尾数误差))")
    else:
        assert f.severity == "error" and f.cause is None


def test_copies_within_one_table_or_derived_figures_or_project_counts_are_not_compared():
    assert check_cross_tables([fact("func:208", "1.00", "表1"), fact("func:208", "2.00", "表1"),
                               fact("func:208", "1.00", "表3")]) == []  # the first copy of each table counts
    assert check_cross_tables([fact("func:208", "1.00", "表1"), fact("func:208", "2.00", "表3", derived="sum of 20801")]) == []
    assert check_cross_tables([fact("project_count", "3", "表1"), fact("project_count", "4", "表3")]) == []
    assert check_cross_tables([]) == []


# which tables hold the same quantity (catalogue 'table_quantities')


def test_tables_of_the_same_fund_and_rows_compare_and_name_the_concept():
    facts = [fact("func:208", "10.00", "收支总表"), fact("func:208", "10.50", "支出总表")]
    (f,) = check_cross_tables(facts, kinds(收支总表="summary", 支出总表="expense"))
    assert f.subject == "社会保障和就业" and f.message.startswith("社会保障和就业: 收支总表")


@pytest.mark.parametrize("other_kind", ["gpb_expense", "basic_table", "income", "no_such_kind"])
def test_tables_of_another_fund_or_rows_or_an_unknown_kind_are_not_compared(other_kind):
    facts = [fact("func:208", "10.00", "收支总表"), fact("func:208", "9.00", "另表")]
    assert check_cross_tables(facts, kinds(收支总表="summary", 另表=other_kind)) == []


def test_a_table_not_among_the_read_tables_is_not_compared_by_kind():
    facts = [fact("func:208", "10.00", "收支总表"), fact("func:208", "9.00", "别处")]
    assert check_cross_tables(facts, kinds(收支总表="summary")) == []


def test_figures_that_are_not_coded_rows_compare_across_row_kinds():
    facts = [fact("basic", "6.00", "收支总表"), fact("basic", "6.50", "基本支出表")]
    (f,) = check_cross_tables(facts, kinds(收支总表="summary", 基本支出表="basic_table"))
    assert f.subject == "基本支出"


def test_prior_year_and_budget_columns_compare_only_with_their_own_kind():
    t = kinds(收支总表="summary", 支出总表="expense")
    assert check_cross_tables([fact("prior:func:208", "9.00", "收支总表"), fact("func:208", "10.00", "支出总表")], t) == []
    assert check_cross_tables([fact("budget:func:208", "9.00", "收支总表"), fact("func:208", "10.00", "支出总表")], t) == []
    for role in ("prior", "budget"):
        (f,) = check_cross_tables([fact(f"{role}:func:208", "9.00", "收支总表"), fact(f"{role}:func:208", "9.50", "支出总表")], t)
        assert f.stated == "9.00 万元" and f.expected == "9.50 万元"
        assert f.subject == "社会保障和就业" and f.message.startswith("社会保障和就业: ")


def test_prior_year_rows_of_a_single_fund_table_join_the_all_funds_prior_rows():
    t = kinds(收支总表="summary", 支出总表="expense", 一般公共预算支出表="gpb_expense")
    facts = [fact("expense_year", "100.00", "收支总表"), fact("gpb:total", "100.00", "一般公共预算支出表"),
             fact("prior:func:208", "50.00", "支出总表"), fact("prior:gpb:func:208", "40.00", "一般公共预算支出表")]
    (f,) = check_cross_tables(facts, t)
    assert f.subject == "社会保障和就业" and f.expected == "40.00 万元"


def test_a_figure_that_agrees_does_not_stop_the_next_from_being_checked():
    facts = [fact("func:201", "1.00", "表1"), fact("func:201", "1.00", "表3"),
             fact("func:208", "2.00", "表1"), fact("func:208", "2.50", "表3")]
    (f,) = check_cross_tables(facts)
    assert f.subject == "社会保障和就业" and f.stated == "2.00 万元"


CARRY = {"zero": [("carryover_in", "0.00"), ("carryover_out", "0.00")],
         "some": [("carryover_in", "0.00"), ("carryover_out", "1.00")],
         "none": [],
         # the prior year's carry-over and budget columns say nothing about this year's
         "prior": [("carryover_in", "0.00"), ("prior:carryover_out", "1.00"), ("budget:carryover_in", "2.00")],
         "derived": [("carryover_in", "0.00"), ("carryover_out", "0.00"), ("gpb:carryover_out", "0.00")],
         # a single fund's carry-over is money carried over too
         "scoped": [("carryover_in", "0.00"), ("carryover_out", "0.00"), ("fiscal:carryover_out", "1.00")],
         "scoped_zero": [("fiscal:carryover_in", "0.00"), ("gpb:carryover_out", "0.00")]}


@pytest.mark.parametrize("carry, compared", [("zero", True), ("some", False), ("none", False), ("prior", True),
                                             ("derived", True), ("scoped", False), ("scoped_zero", True)])
def test_income_by_function_equals_spending_by_function_only_when_every_carry_over_is_zero(carry, compared):
    facts = [fact(c, v, "收支总表") for c, v in CARRY[carry]]
    if carry == "derived":
        facts.append(fact("carryover_out", "3.00", "收支总表", derived="income minus expense"))
    facts += [fact("func:208", "10.00", "收入决算表"), fact("func:208", "9.00", "支出决算表")]
    found = check_cross_tables(facts, kinds(收支总表="summary", 收入决算表="income", 支出决算表="expense"))
    assert [f.subject for f in found] == (["社会保障和就业"] if compared else [])


@pytest.mark.parametrize("gpb_total, merged", [("100.00", True), ("99.996", True), ("99.995", False), ("100.005", False),
                                               ("90.00", False)])
def test_a_single_fund_table_joins_the_all_funds_tables_when_that_fund_holds_all_the_money(gpb_total, merged):
    """'gpb:func:208' in the 一般公共预算 table is 'func:208' of the all-funds tables only
    when the 一般公共预算 total equals the year's spending (within half a cent)."""
    facts = [fact("expense_year", "100.00", "收支总表"), fact("gpb:total", gpb_total, "一般公共预算支出表"),
             fact("func:208", "50.00", "支出总表"), fact("gpb:func:208", "40.00", "一般公共预算支出表")]
    for tables in (None, kinds(收支总表="summary", 支出总表="expense", 一般公共预算支出表="gpb_expense")):
        found = check_cross_tables(facts, tables)
        assert [f.subject for f in found if f.subject == "社会保障和就业"] == (["社会保障和就业"] if merged else [])


def test_the_first_printed_total_decides_whether_a_fund_holds_all_the_money():
    facts = [fact("expense_year", "80.00", "其他表", derived="sum of its parts"),  # not printed: does not count
             fact("expense_year", "100.00", "收支总表"), fact("expense_year", "90.00", "收支总表"),
             fact("gpb:total", "100.00", "一般公共预算支出表"), fact("gpb:total", "80.00", "一般公共预算支出表"),
             fact("func:208", "50.00", "支出总表"), fact("gpb:func:208", "40.00", "一般公共预算支出表")]
    assert [f.subject for f in check_cross_tables(facts)] == ["社会保障和就业"]


def test_an_unscoped_figure_of_a_single_fund_table_joins_when_its_fund_holds_all_the_money():
    t = kinds(收支总表="summary", 支出总表="expense", 一般公共预算支出表="gpb_expense")
    base = [fact("func:208", "50.00", "支出总表"), fact("func:208", "40.00", "一般公共预算支出表")]
    alone = [fact("expense_year", "100.00", "收支总表"), fact("gpb:total", "90.00", "一般公共预算支出表")]
    assert check_cross_tables(alone + base, t) == []
    whole = [fact("expense_year", "100.00", "收支总表"), fact("gpb:total", "100.00", "一般公共预算支出表")]
    assert [f.subject for f in check_cross_tables(whole + base, t)] == ["社会保障和就业"]


def test_a_fiscal_table_joins_when_the_fiscal_money_is_the_whole_budget():
    t = kinds(收支总表="summary", 财政拨款收支总表="fiscal_summary", 支出总表="expense")
    facts = [fact("expense_year", "100.00", "收支总表"), fact("fiscal:expense_year", "100.00", "财政拨款收支总表"),
             fact("fiscal:basic", "60.00", "财政拨款收支总表"), fact("basic", "61.00", "支出总表")]
    assert [f.subject for f in check_cross_tables(facts, t)] == ["基本支出"]
    facts[1] = fact("fiscal:expense_year", "80.00", "财政拨款收支总表")
    assert check_cross_tables(facts, t) == []


def test_a_fund_total_is_not_merged_into_the_all_funds_total():
    """Only rows (功能分类, 经济分类, 基本/项目 …) are merged: 'gpb:total' stays its own figure."""
    facts = [fact("expense_year", "100.00", "收支总表"), fact("gpb:total", "100.00", "一般公共预算支出表"),
             fact("total", "99.00", "某表")]
    assert check_cross_tables(facts) == []


@pytest.mark.parametrize("personnel, public", [("人员经费", "公用经费"), ("人员支出", "日常公用支出")])
def test_a_flat_basic_breakdown_is_nested_under_its_total_whatever_the_template_calls_it(personnel, public):
    # 合计 | 基本支出 | 人员 | 公用 | 项目支出, printed flat: the two basic parts are the
    # 基本支出 column broken down, not two more column groups beside it
    headers = ["合计", "基本支出", personnel, public, "项目支出"]
    good = table([row("行政运行", ["10.00", "6.00", "4.00", "2.00", "4.00"], 2, headers)], headers)
    assert check_tables([good]) == []
    bad = table([row("行政运行", ["10.00", "6.00", "4.00", "3.00", "4.00"], 2, headers)], headers)
    (f,) = check_tables([bad])
    assert (f.stated, f.expected) == ("6.00 万元", "7.00 万元") and "the 基本支出 columns" in f.message
