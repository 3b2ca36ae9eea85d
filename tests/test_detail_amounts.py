"""What a reviewer reads when a stated amount is checked against the tables: the check
line of a confirmed figure, the fields of an amount-, unit- and period-mismatch, which
column a 年初预算 figure is judged against, the table cell later findings on the same
claim point to, and which table row a subject links to (and when that link is too weak
to ground an error). Hand-made claims and facts, plus one small text document; each test
pins a behaviour a small bug in compare/amounts.py would change. Four of them were
written as strict xfails for bugs found on the way, and pass since those were fixed."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from narrative_check import check
from narrative_check.compare import compare
from narrative_check.models import Claim, Fact
from narrative_check.tables.context import DocContext

BUDGET = DocContext(year=2024, kind="预算", org="某局")
FINAL = DocContext(year=2024, kind="决算", org="某局")
PATH = "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）"
LEAF = "机关事业单位基本养老保险缴费支出"


def fact(concept: str, value: str, row: str = "本年支出合计", table: str = "表1", unit: str = "万元",
         column: str = "", derived: str | None = None) -> Fact:
    scale = {"万元": D(1), "元": D("0.0001")}[unit]
    return Fact(concept=concept, value=D(value) * scale, raw=D(value), unit=unit, table=table, row=row,
                column=column, line=10, derived=derived)


def claim(**kw) -> Claim:
    return Claim(quote=kw.pop("quote", "句子"), line=kw.pop("line", 5), **kw)


def run(claims, facts=(), ctx=BUDGET):
    warnings: list[str] = []
    findings, results = compare(ctx, [], list(facts), claims, warnings=warnings)
    assert warnings == []  # a rule that crashes is a failure, not a skipped family
    return [f for f in findings if f.severity != "info"], results


def items(value: str = "54.53", extra=()):
    """A 类 / 款 / 项 chain of the 功能分类 table, the 项 at ``value``."""
    return [fact("func:208", "200.00", row="社会保障和就业支出"),
            fact("func:20805", "80.00", row="行政事业单位养老支出"),
            fact("func:2080505", value, row=LEAF), *extra]


# ---------------------------------------------------------------- the check line of a confirmed figure


@pytest.mark.parametrize("stated, unit, column, line", [
    # the stated figure as written (its own decimals, its own unit), then the cell it equals
    ("31.4", "万元", "", "ok: 支出合计 31.4 万元 = 表1 · 本年支出合计 31.41 万元"),
    ("314100", "元", "", "ok: 支出合计 314100 元 = 表1 · 本年支出合计 31.41 万元"),
    ("31.41", "万元", "2024年预算数", "ok: 支出合计 31.41 万元 = 表1 · 本年支出合计 2024年预算数 31.41 万元"),
])
def test_a_confirmed_figure_names_the_cell_it_equals(stated, unit, column, line):
    findings, results = run([claim(subject="支出合计", amount=D(stated), unit=unit)],
                            [fact("expense_year", "31.41", column=column)])
    assert findings == [] and results[0].status == "verified"
    assert results[0].checks == [line]


def test_only_a_weak_item_link_is_flagged_as_filed_at_another_level():
    exact = run([claim(subject=PATH, amount=D("54.53"), unit="万元")], items())[1][0]
    assert exact.checks == [f"ok: {PATH} 54.53 万元 = 表1 · {LEAF} 54.53 万元"]
    other_level = "社会保障和就业支出（类）机关事业单位基本养老保险缴费支出（款）"
    for c in (claim(subject=other_level, amount=D("54.53"), unit="万元"),
              claim(subject="支出决算", amount=D("54.53"), unit="万元", item=other_level)):
        (result,) = run([c], items())[1]
        assert result.status == "verified"
        assert result.checks[0].endswith(f"{LEAF} 54.53 万元 (matched by name; the table files it at another level)")
    # a weak link of another sort (a 绩效 section) is no 科目 filed at another level
    project = [fact("project", "869.48", row="项目支出")]
    (result,) = run([claim(subject="项目支出", amount=D("869.48"), unit="万元", section="七、项目绩效情况")], project)[1]
    assert result.checks == ["ok: 项目支出 869.48 万元 = 表1 · 项目支出 869.48 万元"]


def test_a_figure_without_a_subject_is_called_amount():
    # the item comes from the heading above the sentence; the sentence names no subject
    (result,) = run([claim(subject="", amount=D("54.53"), unit="万元", item=PATH)], items())[1]
    assert result.checks == [f"ok: amount 54.53 万元 = 表1 · {LEAF} 54.53 万元"]
    (f,), _ = run([claim(subject="", amount=D("54.63"), unit="万元", item=PATH)], items())
    assert f.kind == "amount-mismatch" and f.message.startswith("amount stated 54.63 万元, 表1 · ")
    _, (result,) = run([claim(subject="", amount=D("1.00"), unit="万元")])
    assert result.checks == ["not checked: no table figure for 'amount'"]


def test_a_weak_link_that_differs_names_what_the_sentence_mentions():
    project = [fact("project", "869.48", row="项目支出")]
    findings, (result,) = run([claim(subject="项目支出", amount=D("896.48"), unit="万元", section="七、项目绩效情况")],
                              project)
    assert findings == [] and result.status == "unverified"
    assert result.checks == ["not checked: '项目支出' not matched to a table row (sentence mentions 项目支出)"]


# ---------------------------------------------------------------- 年初预算 and 决算 figures of a final account


FINAL_FACTS = [fact("expense_year", "120.00", column="决算数"), fact("budget:expense_year", "100.00", column="年初预算数")]


@pytest.mark.parametrize("basis", [None, "final"])
def test_a_final_account_figure_is_judged_against_the_final_column(basis):
    c = claim(subject="支出合计", amount=D("120.00"), unit="万元", basis=basis)
    findings, (result,) = run([c], FINAL_FACTS, ctx=FINAL)
    assert findings == [] and result.checks == ["ok: 支出合计 120.00 万元 = 表1 · 本年支出合计 决算数 120.00 万元"]
    (f,), _ = run([c.model_copy(update={"amount": D("100.00")})], FINAL_FACTS, ctx=FINAL)
    assert f.kind == "amount-mismatch" and f.expected == "120.00 万元" and f.evidence[0].value == "120.00 万元"


def test_a_budget_figure_of_a_final_account_is_judged_against_the_budget_column():
    c = claim(subject="支出合计", amount=D("100.00"), unit="万元", basis="budget")
    findings, (result,) = run([c], FINAL_FACTS, ctx=FINAL)
    assert findings == [] and result.checks == ["ok: 支出合计 100.00 万元 = 表1 · 本年支出合计 年初预算数 100.00 万元"]
    (f,), _ = run([c.model_copy(update={"amount": D("120.00")})], FINAL_FACTS, ctx=FINAL)
    assert f.kind == "amount-mismatch" and (f.stated, f.expected) == ("120.00 万元", "100.00 万元")
    assert f.evidence[0].column == "年初预算数"


def test_a_budget_figure_of_a_budget_is_judged_against_its_figures():
    # '预算' documents have no 年初预算 column: the basis word changes nothing there
    c = claim(subject="支出合计", amount=D("120.00"), unit="万元", basis="budget")
    findings, (result,) = run([c], FINAL_FACTS[:1], ctx=BUDGET)
    assert findings == [] and result.status == "verified"


@pytest.mark.parametrize("facts", [FINAL_FACTS[:1], []])
def test_a_budget_figure_without_a_budget_column_says_so(facts):
    c = claim(subject="支出合计", amount=D("1.00"), unit="万元", basis="budget")
    findings, (result,) = run([c], facts, ctx=FINAL)
    assert findings == [] and result.status == "unverified"
    assert result.checks == ["not checked: '支出合计' is the 年初预算; no table prints a 年初预算 column for it"]


def test_a_budget_figure_equal_to_the_final_column_is_no_rounding_copy():
    # 年初预算 100.00, 决算 100.01; the prose gives 100.01 as the 年初预算. The two cells are
    # different columns, not two tables' copies of one figure.
    facts = [fact("expense_year", "100.01", column="决算数"), fact("budget:expense_year", "100.00", column="年初预算数")]
    (f,), _ = run([claim(subject="支出合计", amount=D("100.01"), unit="万元", basis="budget")], facts, ctx=FINAL)
    assert f.kind == "amount-mismatch" and f.severity == "error"
    assert "rounding" not in (f.cause or "")


# ---------------------------------------------------------------- unit-mismatch


def test_yuan_written_as_wan_yuan_fields():
    (f,), _ = run([claim(subject="支出合计", amount=D("31.41"), unit="元")], [fact("expense_year", "31.41")])
    assert (f.kind, f.stated, f.expected, f.cause) == ("unit-mismatch", "31.41 元", "314100.00 元", "万元 written as 元")
    assert f.message == "支出合计 stated 31.41 元, but 表1 has 314100.00 元 (31.41 would be 万元) (万元 written as 元)"
    assert [(e.table, e.value) for e in f.evidence] == [("表1", "31.41 万元")]


def test_wan_yuan_written_as_yuan_names_the_unit_it_would_be():
    (f,), _ = run([claim(subject="支出合计", amount=D("314100"), unit="万元")], [fact("expense_year", "31.41")])
    assert (f.kind, f.stated, f.cause) == ("unit-mismatch", "314100 万元", "元 written as 万元")
    assert f.message.startswith("支出合计 stated 314100 万元, but 表1 has ")
    assert "(314100 would be 元)" in f.message and f.evidence[0].value == "31.41 万元"


ROUNDED_AWAY = ("bug: the table figure is rounded to the stated figure's decimals, so a 31.41 万元 cell "
                "reads '31 万元' in the finding")



def test_a_unit_mismatch_expects_the_table_figure_to_the_cent():
    (f,), _ = run([claim(subject="支出合计", amount=D("314100"), unit="万元")], [fact("expense_year", "31.41")])
    assert f.expected == "31.41 万元"



def test_a_unit_mismatch_message_quotes_the_table_figure_to_the_cent():
    (f,), _ = run([claim(subject="支出合计", amount=D("314100"), unit="万元")], [fact("expense_year", "31.41")])
    assert "but 表1 has 31.41 万元" in f.message


def test_a_rate_on_a_figure_in_the_wrong_unit_is_reported_once():
    # the number is the table's, only its unit is wrong: a rate that fits the number raises
    # nothing more, and is not shown as confirmed either
    c = claim(subject="支出合计", amount=D("120.00"), unit="元", change=D("20.00"), direction="increase",
              growth_pct=D("20.00"), growth_direction="increase")
    findings, (result,) = run([c], [fact("expense_year", "120.00")])
    assert [f.kind for f in findings] == ["unit-mismatch"]
    assert result.checks[-1] == ("not checked: rate 20.00% follows the misquoted amount 120.00 "
                                 "(reported once, as the amount)")


# ---------------------------------------------------------------- the cell later findings point to


@pytest.mark.parametrize("amount, unit, kinds", [
    ("120.00", "万元", ["growth-mismatch"]),                    # the amount is confirmed
    ("130.00", "万元", ["amount-mismatch", "growth-mismatch"]),  # the amount is misquoted
    ("120.00", "元", ["unit-mismatch", "growth-mismatch"]),      # the amount is in the wrong unit
])
def test_a_wrong_rate_points_to_the_amount_cell(amount, unit, kinds):
    # 20.00 on a base of 100.00 is 20%, not 50%: the rate finding quotes the table cell its
    # amount was checked against
    c = claim(subject="支出合计", amount=D(amount), unit=unit, change=D("20.00"), direction="increase",
              growth_pct=D("50.00"), growth_direction="increase")
    findings, _ = run([c], [fact("expense_year", "120.00")])
    assert [f.kind for f in findings] == kinds
    assert [(e.table, e.row, e.value) for e in findings[-1].evidence] == [("表1", "本年支出合计", "120.00 万元")]


# ---------------------------------------------------------------- amount-mismatch fields and causes


def test_an_amount_in_yuan_is_shown_against_the_table_in_yuan():
    (f,), _ = run([claim(subject="支出合计", amount=D("314200"), unit="元")], [fact("expense_year", "31.41")])
    assert (f.kind, f.stated, f.expected) == ("amount-mismatch", "314200 元", "314100.00 元")
    assert f.message.startswith("支出合计 stated 314200 元, 表1 · 本年支出合计 has 314100.00 元")


def test_two_tables_one_cent_apart_make_a_warning_naming_the_other_copy():
    facts = [fact("basic", "100.00", row="基本支出"), fact("fiscal:basic", "100.01", row="基本支出", table="表3")]
    (f,), _ = run([claim(subject="基本支出", amount=D("100.01"), unit="万元")], facts)
    assert (f.kind, f.severity, f.expected) == ("amount-mismatch", "warning", "100.00 万元")
    assert f.cause == "the tables differ by one unit in the last place (rounding): 表3 has 100.01"
    assert [(e.table, e.value) for e in f.evidence] == [("表1", "100.00 万元"), ("表3", "100.01 万元")]


@pytest.mark.parametrize("section, table_concept", [
    ("政府性基金预算支出情况", "gov_fund:func:2080505"),
    ("国有资本经营预算支出情况", "soe_capital:func:2080505"),
])
def test_a_fund_scope_figure_equal_to_the_all_funds_row_names_that_row(section, table_concept):
    # the section names the fund; its table has 50.00, the all-funds table 54.53
    facts = items("54.53", [fact(table_concept, "50.00", row=LEAF, table="表7")])
    (f,), (result,) = run([claim(subject=PATH, amount=D("54.53"), unit="万元", section=section)], facts)
    assert result.concept == table_concept
    assert (f.kind, f.severity, f.expected) == ("amount-mismatch", "error", "50.00 万元")
    assert f.cause == f"figure of another fund scope: 表1 · {LEAF} has 54.53 万元 for all funds"
    assert [(e.table, e.value) for e in f.evidence] == [("表7", "50.00 万元"), ("表1", "54.53 万元")]


PRIOR_BUG = ("bug: an item named by its 科目 path is also matched against the table's prior-year column "
             "(Context.by_code holds the 'prior:' facts, and they come first)")
ITEM_DOC = """2024年某局部门预算

三、支出预算情况

社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）{amount}万元。

表3 部门支出总表
单位：万元
科目编码\t科目名称\t上年预算数\t本年预算数
208\t社会保障和就业支出\t50.00\t54.53
20805\t行政事业单位养老支出\t50.00\t54.53
2080505\t机关事业单位基本养老保险缴费支出\t50.00\t54.53
\t合计\t50.00\t54.53
"""


def check_item_doc(tmp_path, amount: str):
    path = tmp_path / "doc.txt"
    path.write_text(ITEM_DOC.format(amount=amount), encoding="utf-8")
    return check(path)


def test_an_item_figure_equal_to_this_years_column_is_verified(tmp_path):
    report = check_item_doc(tmp_path, "54.53")
    assert report.errors == [] and [c.status for c in report.claims] == ["verified"]



def test_an_item_figure_equal_to_the_prior_year_column_is_an_error(tmp_path):
    report = check_item_doc(tmp_path, "50.00")
    assert [(f.kind, f.expected) for f in report.errors] == [("amount-mismatch", "54.53 万元")]



def test_a_wrong_item_figure_expects_this_years_column(tmp_path):
    report = check_item_doc(tmp_path, "60.00")
    assert [(f.kind, f.expected) for f in report.errors] == [("amount-mismatch", "54.53 万元")]
    assert report.errors[0].evidence[0].column == "本年预算数"


# ---------------------------------------------------------------- period-mismatch


def test_a_period_mismatch_names_the_figure_and_the_document():
    income = [fact("income_year", "1", row="本年收入合计")]
    (f,), _ = run([claim(subject="收入合计", year=2025, amount=D("1"), unit="万元")], income)
    assert f.kind == "period-mismatch"
    assert f.message == ("收入合计 is dated 2025, but the document is the 2024 预算 "
                         "(year copied from another year's document)")
    # no subject: the sentence's figure is called 'figure'
    (f,), _ = run([claim(subject="", year=2025, amount=D("1"), unit="万元", item="社会保障和就业支出（类）")],
                  [fact("func:208", "1", row="社会保障和就业支出")])
    assert f.kind == "period-mismatch" and f.message.startswith("figure is dated 2025, but the document is the 2024 预算")



def test_a_period_mismatch_in_a_document_of_unknown_kind_names_the_year_only():
    income = [fact("income_year", "1", row="本年收入合计")]
    (f,), _ = run([claim(subject="收入合计", year=2025, amount=D("1"), unit="万元")], income, ctx=DocContext(year=2024))
    assert f.kind == "period-mismatch" and f.message.startswith("收入合计 is dated 2025, but the document is the 2024 (")


def test_a_dated_figure_the_tables_do_not_hold_is_noted_not_flagged():
    findings, (result,) = run([claim(subject="车辆", count=2, count_unit="辆", year=2025)])
    assert findings == []
    assert result.checks == ["not checked: no table counts '车辆'",
                             "not checked: dated 2025; it names nothing the tables hold for this year, "
                             "so the year may be right"]
    # a year on a sentence with no figure of its own (a rate only) is not looked at
    _, (result,) = run([claim(subject="支出合计", growth_pct=D("5.00"), growth_direction="increase", year=2025)],
                       [fact("expense_year", "1")])
    assert result.checks == []


# ---------------------------------------------------------------- count-mismatch


def test_a_count_mismatch_quotes_the_project_rows():
    facts = [fact("project_count", "6", row="项目", table="表9", derived="6 project rows")]
    (f,), _ = run([claim(subject="项目", count=7, count_unit="个")], facts)
    assert (f.kind, f.stated, f.expected) == ("count-mismatch", "7", "6")
    assert f.message == "项目 count stated 7, 表9 lists 6 projects"
    assert [(e.table, e.row) for e in f.evidence] == [("表9", "项目")]


# ---------------------------------------------------------------- when a difference is no error


INCOME = [fact("fiscal_income", "500.00", row="财政拨款收入"), fact("income_year", "800.00", row="本年收入合计")]
SENTENCE = "涉及预算资金419万元，其中财政拨款419万元"


def part(subject: str = "财政拨款", parent: str = "涉及预算资金") -> Claim:
    return claim(subject=subject, amount=D("419"), unit="万元", parent=parent, quote=SENTENCE)


def test_a_part_of_a_total_no_table_holds_is_not_the_documents_figure():
    # '其中财政拨款' of a project's funds is not the document's 财政拨款收入
    total = claim(subject="涉及预算资金", amount=D("419"), unit="万元", quote=SENTENCE)
    findings, (_, result) = run([total, part()], INCOME)
    assert findings == [] and result.status == "unverified"
    assert result.checks == ["not checked: '财政拨款' not matched to a table row (sentence mentions 财政拨款收入)"]


@pytest.mark.parametrize("order", ["part only", "total after the part"])
def test_a_part_whose_total_is_not_before_it_is_judged_on_its_own(order):
    # the total a part belongs to stands before it; a claim of that name after it is another one
    claims = [part()] if order == "part only" else [part(), claim(subject="涉及预算资金", amount=D("419"), unit="万元")]
    findings, results = run(claims, INCOME)
    assert [(f.kind, f.expected) for f in findings] == [("amount-mismatch", "500.00 万元")]
    assert results[0].status == "mismatch"


@pytest.mark.parametrize("total_amount", ["800.00", "900.00"])
def test_a_part_of_a_total_the_tables_hold_is_judged(total_amount):
    # the total links to a table row (confirmed or misquoted): its parts are the document's
    total = claim(subject="收入合计", amount=D(total_amount), unit="万元")
    findings, (_, result) = run([total, part("财政拨款收入", "收入合计")], INCOME)
    assert [(f.kind, f.subject, f.expected) for f in findings if f.subject == "财政拨款收入"] == [
        ("amount-mismatch", "财政拨款收入", "500.00 万元")]
    assert result.status == "mismatch"


@pytest.mark.parametrize("quote, section", [
    ("该项目财政拨款收入419万元", None),
    ("财政拨款收入419万元", "三、项目绩效自评情况"),
])
def test_a_figure_about_one_project_confirms_but_never_errs(quote, section):
    c = claim(subject="财政拨款收入", amount=D("419"), unit="万元", quote=quote, section=section)
    findings, (result,) = run([c], INCOME)
    assert findings == [] and result.status == "unverified"
    findings, (result,) = run([c.model_copy(update={"amount": D("500.00")})], INCOME)
    assert findings == [] and result.status == "verified"


@pytest.mark.parametrize("subject, ctx, basis, error", [
    ("支出决算", FINAL, "final", False),   # a bare '支出决算为 X' names no item of its own
    ("支出决算", FINAL, None, True),
    ("支出决算", BUDGET, "final", True),
    ("支出合计", FINAL, "final", True),
])
def test_a_bare_final_account_figure_is_only_a_weak_link(subject, ctx, basis, error):
    findings, (result,) = run([claim(subject=subject, amount=D("130.00"), unit="万元", basis=basis)],
                              [fact("expense_year", "120.00")], ctx=ctx)
    assert [f.kind for f in findings] == (["amount-mismatch"] if error else [])
    if not error:
        assert result.checks == [f"not checked: '{subject}' not matched to a table row (sentence mentions 本年支出合计)"]


@pytest.mark.parametrize("subject", ["办公费", "办公费支出", "办公费预算数", "办公费决算", "办公费经费"])
def test_a_subject_no_concept_names_is_matched_to_the_row_of_its_name(subject):
    (f,), (result,) = run([claim(subject=subject, amount=D("21.41"), unit="万元")],
                          [fact("econ:30201", "12.41", row="办公费")])
    assert (f.kind, f.expected, f.cause) == ("amount-mismatch", "12.41 万元", "digits transposed")
    assert result.concept == "econ:30201"


PROJECTS = [fact("project", "869.48", row="项目支出")]


@pytest.mark.parametrize("quote, status", [
    ("对项目支出，涉及预算拨款896.48万元", "mismatch"),            # the item is named before the money noun
    ("预算拨款用于项目支出896.48万元", "unverified"),               # only after it: not borrowed
    ("对项目支出" + "，" * 300 + "涉及预算拨款896.48万元", "mismatch"),
    ("对项目支出" + "，" * 1000 + "涉及预算拨款896.48万元", "unverified"),  # too far back to be its item
])
def test_a_money_noun_borrows_the_item_named_just_before_it(quote, status):
    findings, (result,) = run([claim(subject="预算拨款", amount=D("896.48"), unit="万元", quote=quote)], PROJECTS)
    assert result.status == status
    assert [f.kind for f in findings] == (["amount-mismatch"] if status == "mismatch" else [])


def test_a_subject_at_the_head_of_its_sentence_borrows_nothing():
    c = claim(subject="某某资金", amount=D("896.48"), unit="万元", quote="某某资金用于项目支出896.48万元")
    findings, (result,) = run([c], PROJECTS)
    assert findings == [] and result.checks == ["not checked: no table figure for '某某资金'"]


PERSONNEL = fact("gpb:personnel", "100.00", row="人员经费", table="表5")


@pytest.mark.parametrize("facts, error", [
    ([PERSONNEL], False),                                       # other funds may hold personnel money too
    ([PERSONNEL, fact("expense_year", "500.00"), fact("gpb:total", "500.00", table="表5")], True),  # 一般公共预算 is all
    ([PERSONNEL, fact("expense_year", "500.00"), fact("gpb:total", "400.00", table="表5")], False),
])
def test_an_all_funds_figure_found_only_in_a_one_fund_table(facts, error):
    findings, (result,) = run([claim(subject="人员支出", amount=D("90.00"), unit="万元")], facts)
    assert [(f.kind, f.expected) for f in findings] == ([("amount-mismatch", "100.00 万元")] if error else [])
    assert result.status == ("mismatch" if error else "unverified")
    (result,) = run([claim(subject="人员支出", amount=D("100.00"), unit="万元")], facts)[1]
    assert result.checks == ["ok: 人员支出 100.00 万元 = 表5 · 人员经费 100.00 万元"]


def test_a_stand_in_row_confirms_the_figure():
    facts = [fact("gpb_income", "100.00", row="一般公共预算拨款收入")]
    (result,) = run([claim(subject="财政拨款收入", amount=D("100.00"), unit="万元")], facts)[1]
    assert result.checks == ["ok: 财政拨款收入 100.00 万元 = 表1 · 一般公共预算拨款收入 100.00 万元"]
    findings, (result,) = run([claim(subject="财政拨款收入", amount=D("90.00"), unit="万元")], facts)
    assert findings == [] and result.status == "unverified"


def test_the_nearest_total_before_a_part_decides():
    # two totals of one name before the part: the one just before it is its total
    linked = claim(subject="涉及预算资金", amount=D("419"), unit="万元", quote="对财政拨款收入，涉及预算资金419万元")
    loose = claim(subject="涉及预算资金", amount=D("419"), unit="万元", quote=SENTENCE)
    findings, results = run([linked, loose, part()], INCOME)
    assert results[0].concept == "fiscal_income" and results[1].concept is None
    assert [f.subject for f in findings] == ["涉及预算资金"] and results[2].status == "unverified"
    findings, results = run([loose, linked, part()], INCOME)
    assert [(f.subject, f.expected) for f in findings if f.subject == "财政拨款"] == [("财政拨款", "500.00 万元")]


# ---------------------------------------------------------------- one-fund tables and the all-funds figure


CLASS_ROW = "社会保障和就业支出"


@pytest.mark.parametrize("facts, error", [
    ([fact("func:208", "100.00", row=CLASS_ROW)], True),                        # the all-funds row
    ([fact("gpb:func:208", "100.00", row=CLASS_ROW, table="表5")], False),      # 一般公共预算 only
    ([fact("fiscal:func:208", "100.00", row=CLASS_ROW, table="表6")], False),   # 财政拨款 only
    ([fact("fiscal:func:208", "100.00", row=CLASS_ROW, table="表6"), fact("expense_year", "500.00"),
      fact("fiscal:expense_year", "500.00", table="表6")], True),              # 财政拨款 is all the money
])
def test_a_class_total_found_only_in_a_one_fund_table_is_no_ground_for_an_error(facts, error):
    findings, (result,) = run([claim(subject=CLASS_ROW, amount=D("90.00"), unit="万元")], facts)
    assert [(f.kind, f.expected) for f in findings] == ([("amount-mismatch", "100.00 万元")] if error else [])
    assert result.status == ("mismatch" if error else "unverified") and result.concept == "func:208"


@pytest.mark.parametrize("fund, concept", [("政府性基金", "gov_fund:total"), ("国有资本经营", "soe_capital:total")])
def test_a_money_noun_under_a_named_fund_is_judged_against_that_funds_total(fund, concept):
    c = claim(subject="预算拨款", amount=D("60.00"), unit="万元", quote=f"{fund}预算支出主要用于某事，涉及预算拨款60.00万元")
    findings, _ = run([c], [fact(concept, "50.00", row="合计", table="表8")])
    assert [(f.kind, f.expected) for f in findings] == [("amount-mismatch", "50.00 万元")]


GPB_BASIC = fact("gpb:basic", "100.00", row="基本支出", table="表5")
OTHER_SCOPE = "figure of another fund scope: 表1 · 基本支出 has 120.00 万元 for all funds"


@pytest.mark.parametrize("amount, unit, extra, cause", [
    ("90.00", "万元", [], None),                                            # no all-funds row at all
    ("90.00", "万元", [fact("basic", "120.00", row="基本支出")], None),     # one that differs too
    ("120.00", "万元", [fact("basic", "120.00", row="基本支出")], OTHER_SCOPE),
    ("1200000", "元", [fact("basic", "120.00", row="基本支出")], OTHER_SCOPE),
])
def test_a_one_fund_figure_names_the_all_funds_row_only_when_it_equals_it(amount, unit, extra, cause):
    (f,), _ = run([claim(subject="一般公共预算基本支出", amount=D(amount), unit=unit)], [GPB_BASIC, *extra])
    assert (f.kind, f.severity, f.cause) == ("amount-mismatch", "error", cause)
    assert f.evidence[0].table == "表5" and len(f.evidence) == (2 if cause else 1)


# ---------------------------------------------------------------- two tables one unit apart


@pytest.mark.parametrize("subject, amount, unit, facts, copy", [
    # a copy under the 财政拨款 scope, under the 一般公共预算 scope, and the all-funds row of a scoped figure
    ("基本支出", "100.01", "万元", [fact("basic", "100.00", row="基本支出"),
                                   fact("fiscal:basic", "100.01", row="基本支出", table="表3")], "表3 has 100.01"),
    ("支出合计", "100.01", "万元", [fact("expense_year", "100.00"), fact("gpb:expense_year", "100.01", table="表5")],
     "表5 has 100.01"),
    ("一般公共预算基本支出", "100.01", "万元", [GPB_BASIC, fact("basic", "100.01", row="基本支出")], "表1 has 100.01"),
    # in 元: one 元 apart
    ("基本支出", "1000001", "元", [fact("basic", "1000000", row="基本支出", unit="元"),
                                  fact("fiscal:basic", "1000001", row="基本支出", table="表3", unit="元")],
     "表3 has 1000001"),
    # one unit of 0.01 亿元, with the 0.1 元 a 元 table's figure may carry past it
    ("基本支出", "1.01", "亿元", [fact("basic", "99999999.9", row="基本支出", unit="元"),
                                 fact("fiscal:basic", "101000000", row="基本支出", table="表3", unit="元")],
     "表3 has 101000000"),
])
def test_a_figure_one_unit_off_that_another_table_prints_is_a_rounding_warning(subject, amount, unit, facts, copy):
    (f,), _ = run([claim(subject=subject, amount=D(amount), unit=unit)], facts)
    assert (f.kind, f.severity) == ("amount-mismatch", "warning")
    assert f.cause == f"the tables differ by one unit in the last place (rounding): {copy}"
    assert len(f.evidence) == 2


@pytest.mark.parametrize("amount, unit, facts", [
    ("100.02", "万元", [fact("basic", "100.005", row="基本支出"), fact("fiscal:basic", "100.02", row="基本支出", table="表3")]),
    ("1.01", "亿元", [fact("basic", "99999999.8", row="基本支出", unit="元"),
                     fact("fiscal:basic", "101000000", row="基本支出", table="表3", unit="元")]),
    ("100.01", "万元", [fact("basic", "100.00", row="基本支出"),
                       fact("fiscal:basic", "100.01", row="基本支出", table="表3", derived="sum of its items")]),
])
def test_a_copy_further_off_or_a_derived_sum_is_no_rounding_excuse(amount, unit, facts):
    # more than one unit apart, or a figure the tool summed itself: the prose is wrong
    (f,), _ = run([claim(subject="基本支出", amount=D(amount), unit=unit)], facts)
    assert (f.kind, f.severity) == ("amount-mismatch", "error")
    assert f.cause == "matches 基本支出 in 表3" and len(f.evidence) == 1


def test_a_copy_that_differs_from_the_figure_is_not_named():
    facts = [fact("basic", "100.00", row="基本支出"), fact("fiscal:basic", "100.05", row="基本支出", table="表3")]
    (f,), _ = run([claim(subject="基本支出", amount=D("100.01"), unit="万元")], facts)
    assert (f.kind, f.severity, f.cause) == ("amount-mismatch", "error", None)


# ---------------------------------------------------------------- what a subject borrows from its sentence


@pytest.mark.parametrize("subject, quote, status", [
    # no subject: the item the sentence names is a weak link, it confirms but never errs
    ("", "项目支出869.48万元", "verified"),
    ("", "项目支出896.48万元", "unverified"),
    # a subject the sentence does not contain (an extractor's paraphrase): the whole sentence
    ("预算资金", "涉及预算拨款896.48万元，用于项目支出", "mismatch"),
    # the subject's first mention carries the figure: a later mention does not move its head
    ("预算拨款", "预算拨款896.48万元用于项目支出，预算拨款全部到位", "unverified"),
    # a subject that is no money noun only borrows the item weakly
    ("某某资金", "对项目支出，涉及某某资金896.48万元", "unverified"),
])
def test_what_a_subject_borrows_from_its_sentence(subject, quote, status):
    stated = D("869.48") if "869.48" in quote else D("896.48")
    findings, (result,) = run([claim(subject=subject, amount=stated, unit="万元", quote=quote)], PROJECTS)
    assert result.status == status
    assert [f.kind for f in findings] == (["amount-mismatch"] if status == "mismatch" else [])


def test_a_concept_with_a_single_table_row_is_confirmed():
    (result,) = run([claim(subject="公务接待费", amount=D("5.00"), unit="万元")],
                    [fact("sangong_reception", "5.00", row="公务接待费")])[1]
    assert result.checks == ["ok: 公务接待费 5.00 万元 = 表1 · 公务接待费 5.00 万元"]


def test_a_truncated_figure_is_a_warning_naming_the_cause():
    # 7633.5175 万元 printed as '7633.51': cut, not rounded
    (f,), _ = run([claim(subject="支出合计", amount=D("7633.51"), unit="万元")],
                  [fact("expense_year", "76335175", unit="元")])
    assert (f.kind, f.severity, f.stated, f.expected) == ("amount-mismatch", "warning", "7633.51 万元", "7633.52 万元")
    assert f.cause == "the figure is truncated, not rounded, to its last decimal"


def test_a_figure_stated_to_three_decimals_is_answered_to_three():
    (f,), _ = run([claim(subject="支出合计", amount=D("1102.051"), unit="万元")],
                  [fact("expense_year", "11020549", unit="元")])
    assert (f.kind, f.severity, f.stated, f.expected) == ("amount-mismatch", "error", "1102.051 万元", "1102.055 万元")
    assert f.message == "支出合计 stated 1102.051 万元, 表1 · 本年支出合计 has 1102.055 万元"
