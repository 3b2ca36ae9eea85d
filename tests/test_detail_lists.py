"""Lists of parts and of changes ('其中：…'), the reason given for a change, the cause
named for a wrong figure and the sentence quoted for template residue: what a reviewer
reads, on hand-made claims and facts. Written against the mutation survivors of
check_listed_parts, check_listed_changes, _exhaustive, reasons, causes and template."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from narrative_check.claims.prose import Paragraph
from narrative_check.compare.template import check_template
from test_bounds_details import claim, fact, run

# ---------------------------------------------------------------- listed parts


def money(subject: str, amount: str, **kw):
    return claim(subject=subject, amount=D(amount), unit="万元", **kw)


def procurement(*parts) -> list:
    """政府采购 10.00 万元, then its parts (name, amount, extra fields)."""
    return [money("政府采购", "10.00")] + [money(n, v, parent="政府采购", **kw) for n, v, kw in parts]


def total_mismatches(findings):
    return [(f.kind, f.stated, f.expected) for f in findings if f.kind == "total-mismatch"]


def test_a_claim_with_no_figure_before_a_list_does_not_stop_the_check():
    # '收入增加 1 万元' has no amount of its own: it is skipped, and the list after it is still checked
    lead = claim(subject="收入", change=D("1.00"), direction="increase", unit="万元")
    claims = [lead] + procurement(("货物", "6.00", {}), ("工程", "5.00", {}))
    assert total_mismatches(run(claims)[0]) == [("total-mismatch", "10.00", "11.00")]


def test_a_misquoted_total_is_reported_once_and_the_next_list_still_checked():
    # 支出合计 12.00 against the table's 10.00: its parts (which add to the misquote) are not
    # held against it again; 政府采购's list after it is checked as usual
    claims = [money("支出合计", "12.00"), money("基本支出", "6.00", parent="支出合计"),
              money("项目支出", "6.00", parent="支出合计"), money("收入合计", "50.00")]
    claims += procurement(("货物", "6.00", {}), ("工程", "5.00", {}))
    findings, _ = run(claims, [fact("expense_year", "10.00")])
    assert [(f.kind, f.subject, f.expected) for f in findings] == [
        ("amount-mismatch", "支出合计", "10.00 万元"), ("total-mismatch", "政府采购", "11.00")]


def test_a_part_that_also_states_a_count_is_still_a_part_of_the_money_total():
    # '购置货物 2 辆，6.00 万元': the count's unit does not take the money out of the list
    claims = procurement(("货物", "6.00", {"count": 2, "count_unit": "辆"}), ("工程", "5.00", {}))
    assert total_mismatches(run(claims)[0]) == [("total-mismatch", "10.00", "11.00")]


def test_a_part_with_no_amount_in_the_middle_of_a_list_is_skipped_not_the_end_of_it():
    # '工程占 20%' states no amount: the parts after it still belong to the list
    claims = [money("政府采购", "10.00"), money("货物", "6.00", parent="政府采购"),
              claim(subject="工程", share_pct=D("20.00"), parent="政府采购"),
              money("服务", "5.00", parent="政府采购")]
    findings, results = run(claims)
    assert total_mismatches(findings) == [("total-mismatch", "10.00", "11.00")]
    assert "货物 6.00 + 服务 5.00" in findings[0].message


# ---------------------------------------------------------------- listed changes


def change(subject: str, amount: str, direction: str, **kw):
    return claim(subject=subject, change=D(amount), direction=direction, unit="万元", **kw)


def test_a_claim_with_no_change_before_a_list_of_changes_does_not_stop_the_check():
    claims = [money("收入合计", "50.00"),
              change("政府采购", "3.00", "increase"), change("货物", "1.00", "increase", parent="政府采购"),
              change("工程", "1.00", "increase", parent="政府采购"), change("服务", "0.50", "increase", parent="政府采购")]
    assert total_mismatches(run(claims)[0]) == [("total-mismatch", "+3.00", "+2.50")]


def test_an_open_list_that_does_not_add_up_leaves_the_next_list_checked():
    # the first list may leave parts out (no finding); the second is complete (货物/工程/服务) and is wrong
    claims = [change("支出", "5.00", "increase"), change("办公费", "1.00", "increase", parent="支出"),
              change("印刷费", "1.00", "increase", parent="支出"),
              change("政府采购", "3.00", "increase"), change("货物", "1.00", "increase", parent="政府采购"),
              change("工程", "1.00", "increase", parent="政府采购"), change("服务", "0.50", "increase", parent="政府采购")]
    findings, _ = run(claims)
    assert total_mismatches(findings) == [("total-mismatch", "+3.00", "+2.50")]
    assert findings[0].subject == "政府采购"


def test_a_part_listed_again_after_another_total_does_not_end_the_other_totals_check():
    # 支出's parts go on after 政府采购's list: 支出's list ends at 政府采购, and 政府采购 is still checked
    claims = [change("支出", "2.00", "increase"), change("办公费", "1.00", "increase", parent="支出"),
              change("印刷费", "1.00", "increase", parent="支出"),
              change("政府采购", "3.00", "increase"), change("货物", "1.00", "increase", parent="政府采购"),
              change("工程", "1.00", "increase", parent="政府采购"), change("服务", "0.50", "increase", parent="政府采购"),
              change("差旅费", "9.00", "increase", parent="支出")]
    findings, results = run(claims)
    assert total_mismatches(findings) == [("total-mismatch", "+3.00", "+2.50")]
    assert "ok: change +2.00 = 办公费 +1.00 印刷费 +1.00" in results[0].checks


@pytest.mark.parametrize("stated, ok", [("3.0", True), ("3.00", False)])
def test_a_total_change_stated_to_fewer_decimals_carries_its_own_rounding(stated, ok):
    # parts 1.00 + 1.00 + 1.04 = 3.04: '3.0' covers 2.95..3.05 (plus the parts' half cents), '3.00' does not
    claims = [change("政府采购", stated, "increase"), change("货物", "1.00", "increase", parent="政府采购"),
              change("工程", "1.00", "increase", parent="政府采购"), change("服务", "1.04", "increase", parent="政府采购")]
    findings, results = run(claims)
    if ok:
        assert findings == [] and f"ok: change +{stated} = 货物 +1.00 工程 +1.00 服务 +1.04" in results[0].checks
    else:
        assert total_mismatches(findings) == [("total-mismatch", "+3.00", "+3.04")]


def test_a_change_of_the_years_total_and_the_carryover_is_a_complete_list():
    # 收入总计 = 本年收入 + 上年结转 (an identity of the catalogue), so the parts must add up
    claims = [change("收入总计", "10.00", "increase"), change("本年收入", "8.00", "increase", parent="收入总计"),
              change("上年结转", "1.00", "increase", parent="收入总计")]
    (f,), _ = run(claims)
    assert (f.kind, f.stated, f.expected, f.cause) == ("total-mismatch", "+10.00", "+9.00", None)
    assert f.message == "收入总计 change stated +10.00 万元, but the parts listed change by +9.00 (本年收入 +8.00 上年结转 +1.00)"
    # one of the two parts only: the carryover is not listed, so the rest may be there
    assert run(claims[:2] + [change("其余", "1.00", "increase", parent="收入总计")])[0] == []


# ---------------------------------------------------------------- reasons


def reason(text: str, **kw):
    base = dict(subject="公务接待费", amount=D("5.00"), unit="万元", change=D("1.00"), direction="decrease",
                reason=text, reason_line=9)
    base.update(kw)
    return claim(**base)


PATH = "一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）"


def test_a_contradicting_reason_states_the_reasons_word_and_expects_the_changes():
    (f,), _ = run([reason("主要原因是公务接待费增长。")])
    assert (f.kind, f.stated, f.expected) == ("direction-mismatch", "增长", "减少")
    (f,), _ = run([reason("主要原因是公务接待费下降。", direction="increase")])
    assert (f.stated, f.expected) == ("下降", "增加")


def test_a_reason_naming_the_item_with_a_fund_word_after_it():
    # '行政运行经费预算增加': 经费 and 预算 are words about the money, the item is 行政运行
    (f,), _ = run([reason("主要原因是行政运行经费预算增加。", subject=PATH, amount=None)])
    assert f.kind == "direction-mismatch" and f.stated == "增加"


def test_a_claim_known_by_its_item_only_is_named_by_the_item():
    (f,), _ = run([reason("主要原因是行政运行增加。", subject="", item=PATH, amount=None)])
    assert f.message.startswith(f"{PATH} is stated as a decrease, but its reason says an increase ('行政运行增加。')")


def test_a_reason_ending_with_a_semicolon_is_still_judged():
    (f,), _ = run([reason("主要原因是公务接待费增加；")])
    assert f.kind == "direction-mismatch"


@pytest.mark.parametrize("subject, text", [("机关运行经费", "主要原因是机关运行经费增加。"),
                                           ("基本支出", "主要原因是基本支出经费增加。")])
def test_a_reason_naming_an_item_whose_name_ends_in_a_fund_word(subject, text):
    (f,), _ = run([reason(text, subject=subject)])
    assert f.kind == "direction-mismatch"


# ---------------------------------------------------------------- causes of a wrong amount


@pytest.mark.parametrize("stated, table, cause", [
    ("0.05", "0.50", "decimal point shifted"),  # leading zeros are no digits of the figure
    ("0.50", "0.05", "decimal point shifted"),
    ("0.00", "5.00", "one digit mistyped"),
    ("5.00", "0.00", "one digit mistyped"),
])
def test_the_cause_of_a_wrong_amount_below_one(stated, table, cause):
    (f,), _ = run([money("支出合计", stated)], [fact("expense_year", table)])
    assert (f.kind, f.cause) == ("amount-mismatch", cause)
    assert f.message.endswith(f"({cause})")


# ---------------------------------------------------------------- template residue: the sentence quoted


def residue(text: str):
    return check_template([Paragraph(text=text, line=3, starts=[0], line_nos=[3])])


@pytest.mark.parametrize("text, quote", [
    ("支出增加（减少）1万元。其他不变。", "支出增加（减少）1万元。"),  # the first full stop after it, not the last
    ("支出增加（减少）1万元，购置X光机一台。", "支出增加（减少）1万元，购置X光机一台。"),  # a letter X ends nothing
])
def test_the_residue_quote_ends_at_the_first_sentence_end_after_it(text, quote):
    (f,) = residue(text)
    assert f.quote == quote and f.message == "both directions left in: '增加（减少）'"
