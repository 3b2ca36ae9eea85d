"""The tables against themselves at their bounds: sums of parts (half a cent per part),
the 收支总表 sides, column groups, 科目 hierarchies, one figure in two tables (0.01), and
the template residue patterns. Small tables built by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from narrative_check.claims.prose import Paragraph
from narrative_check.compare import compare
from narrative_check.compare.tables import check_cross_tables, check_tables
from narrative_check.compare.template import check_template
from narrative_check.models import Cell, Fact, Row, Table
from narrative_check.tables.context import DocContext


def row(label: str, values: list[str], line: int, code: str | None = None, side: str | None = None,
        headers: list[str] | None = None) -> Row:
    cells = [Cell(column=i, header=(headers or [""] * len(values))[i], text=v, value=D(v) if v else None, line=line)
             for i, v in enumerate(values)]
    return Row(label=label, code=code, cells=cells, line=line, side=side, text=f"{label} {' '.join(values)}")


def table(rows: list[Row], kind: str | None = None, unit: str = "万元", headers: list[str] | None = None) -> Table:
    return Table(title="支出表", number="表3", kind=kind, unit=unit, headers=headers or [], rows=rows,
                 line_start=1, line_end=len(rows) + 1)


def coded(values: dict[str, str], total: str | None = None, unit: str = "万元") -> Table:
    rows = [row(f"科目{code}", [v], i + 2, code=code) for i, (code, v) in enumerate(values.items())]
    if total is not None:
        rows.insert(0, row("合计", [total], 1))
    return table(rows, unit=unit)


# ---------------------------------------------------------------- 科目 hierarchy


@pytest.mark.parametrize("second, ok", [("6.00", True), ("6.01", True), ("6.02", False), ("5.99", True),
                                        ("5.98", False)])
def test_a_class_is_the_sum_of_its_items_within_half_a_cent_each(second, ok):
    found = check_tables([coded({"201": "10.00", "20101": "4.00", "20102": second})])
    assert [f.kind for f in found] == ([] if ok else ["total-mismatch"])
    if not ok:
        f = found[0]
        assert f.severity == "error" and f.stated == "10.00 万元" and f.expected == f"{D('4.00') + D(second):f} 万元"
        assert [e.row for e in f.evidence] == ["科目20101", "科目20102"]


def test_the_total_row_is_the_sum_of_the_classes():
    good = {"201": "10.00", "20101": "10.00", "208": "5.00", "20801": "5.00"}
    assert check_tables([coded(good, total="15.00")]) == []
    (f,) = check_tables([coded(good, total="15.03")])
    assert f.kind == "total-mismatch" and f.quote.startswith("合计") and f.expected == "15.00 万元"


def test_a_table_in_yuan_tolerates_a_few_yuan_as_a_rounding_warning():
    (f,) = check_tables([coded({"201": "100", "20101": "40", "20102": "62"}, unit="元")])
    assert f.severity == "warning" and f.cause == "a 2 元 rounding gap"
    (f,) = check_tables([coded({"201": "100", "20101": "40", "20102": "63"}, unit="元")])
    assert f.severity == "error" and f.cause is None


def test_performance_tables_are_not_summed():
    t = coded({"201": "10.00", "20101": "4.00", "20102": "9.00"})
    t.kind = "performance"
    assert check_tables([t]) == []


# ---------------------------------------------------------------- 收支总表 sides


def summary(year_income: str = "10.00", grand_income: str = "11.00", year_expense: str = "10.00",
            grand_expense: str = "11.00") -> Table:
    income = [("一、一般公共预算拨款收入", "8.00"), ("二、政府性基金预算拨款收入", "2.00"), ("本年收入合计", year_income),
              ("上年结转", "1.00"), ("收入总计", grand_income)]
    expense = [("一、一般公共服务支出", "7.00"), ("二、社会保障和就业支出", "3.00"), ("本年支出合计", year_expense),
               ("结转下年", "1.00"), ("支出总计", grand_expense)]
    rows = [row(label, [v], i + 1, side="income") for i, (label, v) in enumerate(income)]
    rows += [row(label, [v], i + 1, side="expense") for i, (label, v) in enumerate(expense)]
    return table(rows, kind="summary")


def test_a_consistent_summary_table_gives_nothing():
    assert check_tables([summary()]) == []


@pytest.mark.parametrize("side", ["year_income", "year_expense"])
def test_the_years_total_is_the_sum_of_the_numbered_items(side):
    found = check_tables([summary(**{side: "10.02", side.replace("year", "grand"): "11.02"})])
    assert [f.kind for f in found] == ["total-mismatch"]
    assert "items above it" in found[0].message and found[0].expected == "10.00 万元"
    assert check_tables([summary(**{side: "10.01", side.replace("year", "grand"): "11.01"})]) == []


@pytest.mark.parametrize("side", ["grand_income", "grand_expense"])
def test_the_grand_total_is_the_years_total_and_the_items_after_it(side):
    (f,) = check_tables([summary(**{side: "11.02"})])
    assert f.kind == "total-mismatch" and "本年合计 and the items after it" in f.message
    assert check_tables([summary(**{side: "11.01"})]) == []


# ---------------------------------------------------------------- column groups


HEADERS = ["合计", "基本支出/小计", "基本支出/人员经费", "基本支出/公用经费", "项目支出"]


def grouped(values: list[str]) -> Table:
    return table([row("行政运行", values, 3, code="2010101", headers=HEADERS)], headers=HEADERS)


@pytest.mark.parametrize("values, what", [
    (["10.00", "6.00", "4.00", "2.00", "4.00"], None),
    (["10.00", "6.00", "4.00", "2.01", "4.00"], None),                # 0.01 within two leaves
    (["10.00", "6.00", "4.00", "2.02", "4.00"], "the 基本支出 columns"),  # 0.02 just outside
    (["10.01", "6.00", "4.00", "2.00", "4.00"], None),
    (["10.02", "6.00", "4.00", "2.00", "4.00"], "its column groups"),
])
def test_column_groups_add_up(values, what):
    found = check_tables([grouped(values)])
    assert [what in f.message for f in found] == ([] if what is None else [True])


def test_a_table_without_a_total_column_has_no_column_identity():
    headers = ["基本支出/人员经费", "基本支出/公用经费", "项目支出"]
    t = table([row("行政运行", ["4.00", "2.00", "9.00"], 3, headers=headers)], headers=headers)
    assert check_tables([t]) == []


# ---------------------------------------------------------------- one figure in two tables


def fact(concept: str, value: str, table_name: str, unit: str = "万元") -> Fact:
    scale = {"万元": D(1), "元": D("0.0001")}[unit]
    return Fact(concept=concept, value=D(value) * scale, raw=D(value), unit=unit, table=table_name, row="社会保障和就业支出",
                line=10)


@pytest.mark.parametrize("other, differs", [("172.83", False), ("172.84", True), ("172.82", True), ("172.93", True)])
def test_two_tables_must_agree_to_the_cent(other, differs):
    found = check_cross_tables([fact("func:208", "172.83", "表1"), fact("func:208", other, "表3")])
    assert [f.kind for f in found] == (["cross-table-mismatch"] if differs else [])
    if differs:
        assert "↔" in found[0].quote and {e.table for e in found[0].evidence} == {"表1", "表3"}


def test_a_table_in_yuan_agrees_with_one_in_wan_to_the_cent():
    assert check_cross_tables([fact("func:208", "172.83", "表1"), fact("func:208", "1728300", "表3", "元")]) == []
    assert len(check_cross_tables([fact("func:208", "172.83", "表1"), fact("func:208", "1728400", "表3", "元")])) == 1


def test_with_three_copies_the_odd_one_is_reported():
    (f,) = check_cross_tables([fact("func:208", "172.83", "表1"), fact("func:208", "172.83", "表3"),
                               fact("func:208", "172.84", "表5")])
    assert f.evidence[0].table == "表5" and f.stated == "172.84 万元" and f.expected == "172.83 万元"


def test_one_table_alone_or_different_concepts_never_disagree():
    assert check_cross_tables([fact("func:208", "172.83", "表1"), fact("func:208", "1.00", "表1")]) == []
    assert check_cross_tables([fact("func:208", "172.83", "表1"), fact("func:201", "1.00", "表3")]) == []


def test_single_fund_tables_agree_with_the_all_funds_tables_only_when_no_other_fund_has_money():
    base = [fact("expense_year", "100.00", "表1"), fact("func:208", "50.00", "表1")]
    same = [fact("gpb:total", "100.00", "表4"), fact("gpb:func:208", "40.00", "表4")]
    assert [f.kind for f in check_cross_tables(base + same)] == ["cross-table-mismatch"]
    other_fund = [fact("gpb:total", "90.00", "表4"), fact("gpb:func:208", "40.00", "表4")]
    assert check_cross_tables(base + other_fund) == []


# ---------------------------------------------------------------- template residue


def para(text: str) -> Paragraph:
    return Paragraph(text=text, line=3, starts=[0], line_nos=[3])


@pytest.mark.parametrize("text, message, severity", [
    ("支出比上年增加（减少）24.72万元。", "both directions left in", "error"),
    ("决算数大（小）于预算数。", "both comparison words left in", "error"),
    ("XX局2024年收入预算。", "placeholder left in", "error"),
    ("基本支出占 %。", "percentage with no number", "error"),
    ("机关运行经费安排万元。", "amount with no number", "error"),
    ("基本支出占 76.23；项目支出另列。", "rate with no % sign", "error"),
    ("支出决算为 4.19。", "amount with no unit", "error"),
])
def test_template_residue_patterns(text, message, severity):
    found = check_template([para(text)])
    assert any(f.message.startswith(message) and f.severity == severity and f.kind == "template-residue"
               for f in found), [f.message for f in found]
    assert all(f.line == 3 and f.quote for f in found)


@pytest.mark.parametrize("text", ["支出比上年增加24.72万元。", "决算数大于预算数。", "某局2024年收入预算。",
                                  "基本支出占21.10%。", "机关运行经费安排31.41万元。", "支出决算为4.19万元。"])
def test_filled_in_text_is_no_residue(text):
    assert check_template([para(text)]) == []


def test_the_residue_quote_is_its_sentence():
    (f,) = check_template([para("收入534.77万元。支出比上年增加（减少）24.72万元；其余不变。")])
    assert f.quote == "支出比上年增加（减少）24.72万元；" and f.stated == "增加（减少）"


def test_a_consistent_small_document_through_compare_gives_no_error():
    ctx = DocContext(year=2024, kind="预算")
    t = coded({"201": "10.00", "20101": "4.00", "20102": "6.00"}, total="10.00")
    findings, _ = compare(ctx, [t], [fact("func:201", "10.00", "表3")], [], paragraphs=[para("支出10.00万元。")])
    assert findings == []


def _summary_rows(income: list[tuple[str, str]], expense: list[tuple[str, str]]) -> Table:
    rows = [row(label, [v], i + 1, side="income") for i, (label, v) in enumerate(income)]
    rows += [row(label, [v], i + 1, side="expense") for i, (label, v) in enumerate(expense)]
    return table(rows, kind="summary")


def test_the_grand_total_message_names_what_was_added():
    (f,) = check_tables([summary(grand_income="11.02")])
    assert f.message == ("表3 支出表: 收入总计 (column 1) is 11.02 万元, but 本年合计 and the items after it add to "
                         "11.00 万元")
    (f,) = check_tables([summary(year_income="10.02", grand_income="11.02")])
    assert f.message == "表3 支出表: 本年收入合计 (column 1) is 10.02 万元, but the 2 items above it add to 10.00 万元"


def test_a_summary_side_without_its_totals_is_skipped_and_the_other_side_still_checked():
    income = [("一、一般公共预算拨款收入", "8.00"), ("二、政府性基金预算拨款收入", "2.00")]
    expense = [("一、一般公共服务支出", "7.00"), ("二、社会保障和就业支出", "3.00"), ("本年支出合计", "10.50")]
    (f,) = check_tables([_summary_rows(income, expense)])
    assert f.quote.startswith("本年支出合计") and f.expected == "10.00 万元"
    assert check_tables([_summary_rows(income, expense[:2])]) == []


def test_bracketed_sub_items_between_the_years_total_and_the_grand_total_are_not_added():
    for bracket in ("（其中：一般公共预算）", "(其中：一般公共预算)"):
        income = [("一、一般公共预算拨款收入", "8.00"), ("二、政府性基金预算拨款收入", "2.00"), ("本年收入合计", "10.00"),
                  ("上年结转", "1.00"), (bracket, "0.50"), ("收入总计", "11.00")]
        assert check_tables([_summary_rows(income, [])]) == [], bracket


def test_a_total_whose_parts_are_blank_is_checked_and_blank_columns_do_not_stop_the_others():
    headers = ["合计", "基本支出"]
    rows = [Row(label="科目201", code="201", line=3, text="科目201",
                cells=[Cell(column=0, header="合计", text="5.00", value=D("5.00"), line=3),
                       Cell(column=1, header="", text="", value=None, line=3)]),
            Row(label="科目20101", code="20101", line=4, text="科目20101",
                cells=[Cell(column=0, header="合计", text="", value=None, line=4),
                       Cell(column=1, header="", text="", value=None, line=4)])]
    (f,) = check_tables([table(rows, headers=headers)])
    assert f.stated == "5.00 万元" and f.expected == "0 万元"
    # a blank first column, then a wrong second one (header unknown: named by its number)
    rows[0].cells[0] = Cell(column=0, header="合计", text="", value=None, line=3)
    rows[0].cells[1] = Cell(column=1, header="", text="2.00", value=D("2.00"), line=3)
    rows[1].cells[1] = Cell(column=1, header="", text="3.00", value=D("3.00"), line=4)
    (f,) = check_tables([table(rows, headers=headers)])
    assert "(column 2)" in f.message and f.expected == "3.00 万元"


def test_a_table_finding_keeps_pages_texts_and_at_most_twelve_parts():
    parts = {f"201{i:02d}": "1.00" for i in range(1, 14)}
    t = coded({"201": "14.00", **parts})
    for r in t.rows:
        r.page = 2
    (f,) = check_tables([t])
    assert f.page == 2 and len(f.evidence) == 12
    assert all(e.page == 2 and e.text.startswith("科目201") for e in f.evidence)


def test_a_one_part_gap_in_yuan_is_a_warning_only_up_to_one_yuan():
    (f,) = check_tables([coded({"201": "100", "20101": "101"}, unit="元")])
    assert f.severity == "warning"
    (f,) = check_tables([coded({"201": "100", "20101": "102"}, unit="元")])
    assert f.severity == "error"


def test_column_groups_under_a_common_header_and_subtotals_named_heji():
    headers = ["支出/合计", "支出/基本支出/人员经费", "支出/基本支出/公用经费", "支出/项目支出"]
    t = table([row("行政运行", ["10.00", "4.00", "2.00", "4.00"], 3, headers=headers)], headers=headers)
    assert check_tables([t]) == []
    bad = table([row("行政运行", ["10.00", "4.00", "2.00", "4.02"], 3, headers=headers)], headers=headers)
    (f,) = check_tables([bad])
    assert f.message.endswith("but its column groups add to 10.02 万元") and f.expected == "10.02 万元"
    heji = ["合计", "基本支出/合计", "基本支出/人员经费", "基本支出/公用经费", "项目支出"]
    t = table([row("行政运行", ["10.00", "6.00", "4.00", "2.02", "4.00"], 3, headers=heji)], headers=heji)
    (f,) = check_tables([t])
    assert "the 基本支出 columns" in f.message and f.stated == "6.00 万元"


def test_column_identities_skip_two_sided_and_short_rows_but_not_the_rows_after_them():
    h = ["合计", "基本支出", "项目支出"]
    rows = [row("收入", ["10.00", "9.00", "9.00"], 2, headers=h, side="income"),
            row("短行", ["10.00", "1.00"], 3, headers=h),
            row("行政运行", ["10.00", "6.00", "4.02"], 4, headers=h)]
    (f,) = check_tables([table(rows, headers=h)])
    assert f.line == 4
