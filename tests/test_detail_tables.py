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
    assert "the 1 top-level items" in found[0].message


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
    assert f.quote == "办公费 10.00" and "the other 1 sub-items already add to 10.00" in f.message
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
        assert f"the {len(codes)} top-level items" in found[0].message


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


@pytest.mark.xfail(strict=True, reason="a nested 小计 column is never checked against the columns under it")
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


def test_a_summary_read_without_sides_is_not_summed_across_its_halves():
    """Sides not read (one column holds income rows, then expense rows): numbered items
    of both halves must not be added into one 合计."""
    t = summary_rows()
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
