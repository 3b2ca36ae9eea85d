"""How a claim is linked to its table row (科目 paths, printed codes, fund scopes) and
what a reviewer reads when it is not: the unverified claim's reason, its page and
subject, the default evidence of a finding, the unit words of the figures shown, and
a rule that fails on odd input costing nothing but its own findings. Hand-made claims
and facts; each test pins a behaviour a small slip in compare/ would change."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from test_bounds_details import BUDGET, claim, fact

from narrative_check.compare import compare
from narrative_check.compare.base import money
from narrative_check.compare.tolerance import matches, places, rounded, to_unit
from narrative_check.models import Document, Fact, Line, Table


def run(claims, facts=(), doc=None, tables=(), info=False):
    """Findings (without the info ones unless ``info``) and claim results; no rule may fail."""
    warnings: list[str] = []
    findings, results = compare(BUDGET, list(tables), list(facts), claims, doc=doc, warnings=warnings)
    assert warnings == []
    return [f for f in findings if info or f.severity != "info"], results


def unverified(findings):
    return [f for f in findings if f.kind == "unverified"]


# ---------------------------------------------------------------- the unverified claim: reason, subject, page


def test_an_unverified_claim_lists_every_reason_without_the_note_prefix():
    c = claim(subject="某某经费", amount=D("10"), unit="万元", change=D("2"), direction="increase")
    (f,), results = run([c], info=True)
    assert f.kind == "unverified" and f.subject == "某某经费"
    assert f.message == ("某某经费: no table figure for '某某经费'; "
                         "change stated without a rate or without the current amount")
    assert results[0].status == "unverified"
    assert results[0].checks[0] == "not checked: no table figure for '某某经费'"


def test_a_claim_no_rule_looked_at_says_no_table_evidence():
    # a bare rate with neither a change nor a prior figure: no rule has anything to say
    (f,), results = run([claim(subject="某某经费", growth_pct=D("5.0"), growth_direction="increase")], info=True)
    assert f.message == "某某经费: no table evidence" and results[0].checks == []


def test_an_unverified_claim_without_a_subject_is_called_claim():
    (f,), _ = run([claim(subject="", share_pct=D("10"))], info=True)
    assert f.message == "claim: share 10% of an unnamed whole" and f.subject == ""


def test_a_verified_claim_gets_no_unverified_finding():
    findings, results = run([claim(subject="支出合计", amount=D("120.00"), unit="万元")],
                            [fact("expense_year", "120.00")])
    assert findings == [] and results[0].status == "verified"


def paged_doc(lines: int = 9) -> Document:
    # three lines a page: line 4 is on page 2, line 7 on page 3
    return Document(source="<text>", format="pdf",
                    lines=[Line(no=i, text="正文", page=1 + (i - 1) // 3) for i in range(1, lines + 1)])


def test_findings_on_claims_carry_the_page_of_their_line():
    claims = [claim(subject="某某经费", amount=D("1"), unit="万元", line=4, quote="某某经费1万元"),
              claim(subject="支出合计", amount=D("130.00"), unit="万元", line=7, quote="支出合计130.00万元")]
    findings, _ = run(claims, [fact("expense_year", "120.00")], doc=paged_doc(), info=True)
    pages = {f.kind: f.page for f in findings if f.kind in ("unverified", "amount-mismatch")}
    assert pages == {"unverified": 2, "amount-mismatch": 3}


def test_a_claim_line_outside_the_document_has_no_page():
    c = claim(subject="某某经费", amount=D("1"), unit="万元", line=40)
    findings, _ = run([c], doc=paged_doc(), info=True)
    assert [f.page for f in unverified(findings)] == [None]


# ---------------------------------------------------------------- a finding's default evidence


def test_a_wrong_rate_shows_the_table_cell_its_amount_was_checked_against():
    # the amount matches the table; the rate (no prior column) is the prose's own arithmetic
    c = claim(subject="支出合计", amount=D("120.00"), unit="万元", change=D("20.00"), direction="increase",
              growth_pct=D("25.00"))
    (f,), _ = run([c], [fact("expense_year", "120.00")])
    assert (f.kind, f.stated, f.expected) == ("growth-mismatch", "25.00%", "20.00%")
    assert [(e.table, e.row, e.value) for e in f.evidence] == [("表1", "本年支出合计", "120.00 万元")]


def test_a_wrong_rate_with_no_table_cell_has_no_evidence_cell():
    c = claim(subject="某某经费", amount=D("120.00"), unit="万元", change=D("20.00"), direction="increase",
              growth_pct=D("25.00"))
    findings, _ = run([c])
    (f,) = [f for f in findings if f.kind == "growth-mismatch"]
    assert f.evidence == []


# ---------------------------------------------------------------- the unit word of the figures shown


def test_an_amount_in_yuan_is_shown_in_yuan():
    c = claim(subject="支出合计", amount=D("1300000"), unit="元")
    (f,), _ = run([c], [fact("expense_year", "120.00")])
    assert f.kind == "amount-mismatch"
    assert f.stated == "1300000 元" and f.expected == "1200000.00 元"


def test_an_amount_with_no_unit_is_shown_in_wan():
    c = claim(subject="支出合计", amount=D("130.00"))
    (f,), _ = run([c], [fact("expense_year", "120.00")])
    assert (f.stated, f.expected) == ("130.00 万元", "120.00 万元")


@pytest.mark.parametrize("unit, shown", [("元", "5.00 元"), ("亿元", "5.00 亿元"), (None, "5.00 万元"), ("", "5.00 万元")])
def test_money_names_the_unit_or_wan_by_default(unit, shown):
    assert money(D(5), unit) == shown


# ---------------------------------------------------------------- a rule failing on odd input


def broken_table() -> Table:
    # a numbered table without a title, as a careless library caller might build one:
    # the table rules cannot name it, the claim rules never look at it
    return Table.model_construct(title=None, number="表9", rows=[], headers=[], kind=None)


def test_a_table_rule_failing_on_odd_input_is_named_in_a_warning_and_costs_no_claim_finding():
    warnings: list[str] = []
    c = claim(subject="支出合计", amount=D("130.00"), unit="万元")
    findings, _ = compare(BUDGET, [broken_table()], [fact("expense_year", "120.00")], [c], warnings=warnings)
    assert [f.kind for f in findings if f.severity != "info"] == ["amount-mismatch"]
    skipped = {w.split()[1] for w in warnings}
    assert {"check_cross_tables", "check_bounds"} <= skipped
    assert all(w.startswith("rule check_") and "skipped after an internal error: TypeError" in w for w in warnings)


def test_a_failing_rule_raises_nothing_when_the_caller_keeps_no_warnings():
    c = claim(subject="支出合计", amount=D("130.00"), unit="万元")
    findings, results = compare(BUDGET, [broken_table()], [fact("expense_year", "120.00")], [c])
    assert [f.kind for f in findings if f.severity != "info"] == ["amount-mismatch"]
    assert results[0].status == "mismatch"


def test_a_huge_table_figure_skips_the_amount_rule_with_a_warning():
    warnings: list[str] = []
    c = claim(subject="支出合计", amount=D("1.00"), unit="万元")
    findings, results = compare(BUDGET, [], [fact("expense_year", "1E+40")], [c], warnings=warnings)
    assert warnings and warnings[0].startswith("rule check_amount skipped after an internal error: InvalidOperation")
    assert results[0].status == "unverified"
    # the claim's reason says a rule failed, not that no table holds the figure
    (unverified,) = [f for f in findings if f.kind == "unverified"]
    assert "rule check_amount failed on this claim (see the warnings)" in unverified.message
    assert "no table evidence" not in unverified.message


# ---------------------------------------------------------------- which tables are compared with each other


def test_tables_of_kinds_the_catalogue_does_not_know_are_not_compared():
    # two tables that need not hold the same quantity (their kind is unknown): a
    # difference between them is no cross-table error
    tables = [Table(title="表1", line_start=1, line_end=3), Table(title="表5", line_start=5, line_end=8)]
    facts = [fact("func:208", "172.83", table="表1", row="社会保障和就业支出"),
             fact("func:208", "150.00", table="表5", row="社会保障和就业支出")]
    assert run([], facts, tables=tables)[0] == []
    # the same figures with no tables behind them are compared by concept alone
    (f,), _ = run([], facts)
    assert f.kind == "cross-table-mismatch" and (f.stated, f.expected) == ("172.83 万元", "150.00 万元")


# ---------------------------------------------------------------- 科目 paths: codes, aliases, narrowing

PATH = "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）"


def pension_rows(value: str = "54.53", extra=()) -> list[Fact]:
    return [fact("func:208", "200.00", row="社会保障和就业支出"),
            fact("func:20805", "80.00", row="行政事业单位养老支出"),
            fact("func:2080505", value, row="机关事业单位基本养老保险缴费支出"), *extra]


def test_a_path_whose_printed_codes_no_table_holds_falls_back_to_its_names():
    subject = "社会保障和就业支出（208类）行政事业单位养老支出（05款）机关事业单位基本养老保险缴费支出（99项）"
    (f,), results = run([claim(subject=subject, amount=D("54.63"), unit="万元")], pension_rows())
    assert f.kind == "amount-mismatch" and f.expected == "54.53 万元" and results[0].concept == "func:2080505"


def test_a_code_printed_on_the_class_only_does_not_stand_for_the_whole_path():
    # only the 类 carries its code: the 款 and 项 names still pick the row, not the 类 total
    subject = "社会保障和就业支出（208类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）"
    findings, results = run([claim(subject=subject, amount=D("54.53"), unit="万元")], pension_rows())
    assert findings == [] and results[0].concept == "func:2080505"
    (f,), _ = run([claim(subject=subject, amount=D("200.00"), unit="万元")], pension_rows())
    assert f.kind == "amount-mismatch" and f.expected == "54.53 万元"


def test_a_class_named_alone_is_checked_against_the_class_row():
    findings, results = run([claim(subject="社会保障和就业支出（类）", amount=D("200.00"), unit="万元")], pension_rows())
    assert findings == [] and results[0].status == "verified" and results[0].concept == "func:208"
    (f,), _ = run([claim(subject="社会保障和就业支出（类）", amount=D("210.00"), unit="万元")], pension_rows())
    assert f.kind == "amount-mismatch" and f.expected == "200.00 万元" and f.evidence[0].row == "社会保障和就业支出"


def test_a_class_the_table_labels_by_its_new_name_is_found_by_the_old_one():
    # the catalogue knows both names of class 210; the table prints the newer one
    facts = [fact("func:210", "300.00", row="卫生健康支出")]
    subject = "医疗卫生与计划生育支出（类）"
    findings, results = run([claim(subject=subject, amount=D("300.00"), unit="万元")], facts)
    assert findings == [] and results[0].concept == "func:210"
    (f,), _ = run([claim(subject=subject, amount=D("310.00"), unit="万元")], facts)
    assert f.kind == "amount-mismatch" and f.expected == "300.00 万元"


def test_a_class_the_tables_do_not_print_is_unverified_without_an_internal_error():
    findings, results = run([claim(subject="教育支出（类）", amount=D("10.00"), unit="万元")], pension_rows())
    assert findings == [] and results[0].status == "unverified"


def test_the_class_picks_which_of_two_same_named_items_is_meant():
    # '一般行政管理事务' is a 项 under many 款 of several 类; the 类 named settles it
    facts = [fact("func:2010102", "12.00", row="一般行政管理事务"), fact("func:2130101", "50.00", row="一般行政管理事务")]
    subject = "一般公共服务支出（类）一般行政管理事务（项）"
    findings, results = run([claim(subject=subject, amount=D("12.00"), unit="万元")], facts)
    assert findings == [] and results[0].concept == "func:2010102"
    (f,), _ = run([claim(subject=subject, amount=D("50.00"), unit="万元")], facts)
    assert f.kind == "amount-mismatch" and f.expected == "12.00 万元"


def test_an_item_label_torn_by_line_wrapping_is_still_found_under_its_path():
    # a text export wraps the label: the row reads '险缴费支出机关事业单位职业年金缴'
    facts = pension_rows(extra=[fact("func:2080506", "20.00", row="险缴费支出机关事业单位职业年金缴")])
    subject = "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）"
    findings, results = run([claim(subject=subject, amount=D("20.00"), unit="万元")], facts)
    assert findings == [] and results[0].concept == "func:2080506"
    (f,), _ = run([claim(subject=subject, amount=D("25.00"), unit="万元")], facts)
    assert f.kind == "amount-mismatch" and f.expected == "20.00 万元"


def test_a_level_mark_on_a_row_the_tables_print_without_a_code_is_a_weak_link():
    # '基本支出' is an uncoded row: marking it （款） in prose does not make it a 科目 row,
    # so a wrong figure stays unverified rather than an error
    facts = [fact("basic", "80.00", row="基本支出")]
    findings, results = run([claim(subject="基本支出（款）", amount=D("80.00"), unit="万元")], facts)
    assert findings == [] and results[0].status == "verified"
    assert "matched by name; the table files it at another level" in results[0].checks[0]
    findings, results = run([claim(subject="基本支出（款）", amount=D("90.00"), unit="万元")], facts)
    assert findings == [] and results[0].status == "unverified"


# ---------------------------------------------------------------- fund scopes


@pytest.mark.parametrize("parent", ["财政拨款中一般公共预算支出", "一般公共预算财政拨款支出"])
def test_the_narrowest_fund_scope_named_wins_wherever_it_stands(parent):
    # 一般公共预算 is part of 财政拨款: a figure of both words is the 一般公共预算 row,
    # whichever word the sentence writes first
    facts = pension_rows(extra=[fact("fiscal:func:2080505", "52.00", row="机关事业单位基本养老保险缴费支出", table="表3"),
                                fact("gpb:func:2080505", "50.00", row="机关事业单位基本养老保险缴费支出", table="表5")])
    findings, results = run([claim(subject=PATH, amount=D("50.00"), unit="万元", parent=parent)], facts)
    assert findings == [] and results[0].concept == "gpb:func:2080505"
    (f,), _ = run([claim(subject=PATH, amount=D("52.00"), unit="万元", parent=parent)], facts)
    assert f.kind == "amount-mismatch" and f.expected == "50.00 万元" and f.evidence[0].table == "表5"


def test_a_figure_of_the_wider_scope_is_checked_against_its_own_table():
    facts = pension_rows(extra=[fact("fiscal:func:2080505", "52.00", row="机关事业单位基本养老保险缴费支出", table="表3")])
    findings, results = run([claim(subject=PATH, amount=D("52.00"), unit="万元", parent="财政拨款支出")], facts)
    assert findings == [] and results[0].concept == "fiscal:func:2080505"


# ---------------------------------------------------------------- rounding tolerance at its bound


@pytest.mark.parametrize("stated, true, ok", [
    ("1.00", "1.005", True),          # half a unit of the last stated place: rounds either way
    ("1.00", "1.005000001", True),    # the bound itself, with its 1e-9 allowance for inexact inputs
    ("1.00", "1.005000002", False),   # past it
    ("1.00", "0.994999999", True),
    ("1.00", "0.994999998", False),
    ("1", "1.5", True),
    ("1", "1.51", False),
])
def test_a_stated_figure_matches_within_half_a_unit_of_its_last_place(stated, true, ok):
    assert matches(D(stated), D(true)) is ok


@pytest.mark.parametrize("value, n", [(D("1.25"), 2), (D("3"), 0), (D("3E+2"), 0), (D("0.0"), 1)])
def test_places_counts_the_stated_decimals(value, n):
    assert places(value) == n


def test_rounding_follows_the_places_of_the_stated_figure():
    assert rounded(D("12.345"), D("1.00")) == D("12.35") and rounded(D("12.5"), D("3")) == D("13")


def test_a_figure_with_no_unit_stays_in_wan():
    assert to_unit(D("1.5"), None) == D("1.5") and to_unit(D("1.5"), "元") == D("15000")


def test_printed_codes_find_the_row_when_the_names_are_shortened():
    # the prose shortens the 项 name beyond recognition; the codes it prints still name the row
    subject = "社会保障和就业支出（208类）行政事业单位养老支出（05款）养老缴费（05项）"
    findings, results = run([claim(subject=subject, amount=D("54.53"), unit="万元")], pension_rows())
    assert findings == [] and results[0].concept == "func:2080505"
    (f,), _ = run([claim(subject=subject, amount=D("54.63"), unit="万元")], pension_rows())
    assert f.kind == "amount-mismatch" and f.expected == "54.53 万元" and f.evidence[0].row == "机关事业单位基本养老保险缴费支出"
    # without the codes the shortened name links to nothing
    findings, results = run([claim(subject="社会保障和就业支出（类）行政事业单位养老支出（款）养老缴费（项）",
                                   amount=D("54.63"), unit="万元")], pension_rows())
    assert findings == [] and results[0].status == "unverified"


def test_codes_printed_on_a_path_that_does_not_start_at_the_class_are_not_joined():
    # '（05款）（05项）' without the 类 is no full code: the names decide
    subject = "行政事业单位养老支出（05款）养老缴费（05项）"
    findings, results = run([claim(subject=subject, amount=D("54.63"), unit="万元")],
                            pension_rows(extra=[fact("func:0505", "54.63", row="某某")]))
    assert findings == [] and results[0].status == "unverified"


def test_an_item_found_by_name_is_also_checked_against_other_tables_rows_of_its_code():
    # 表3 prints the same 项 under a wrapped label; the prose follows 表3's figure
    wrapped = fact("func:2080505", "54.50", row="机关事业单位基本养老保险缴", table="表3")
    findings, results = run([claim(subject=PATH, amount=D("54.50"), unit="万元")], pension_rows(extra=[wrapped]))
    assert [f.kind for f in findings if f.kind != "cross-table-mismatch"] == []
    assert results[0].status == "verified" and "表3" in results[0].checks[0]
