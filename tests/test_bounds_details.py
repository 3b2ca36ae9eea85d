"""What a reviewer reads in each finding (stated, expected, cause, message, evidence),
and the linking rules a finding depends on (科目 paths, fund scopes, reasons), on
hand-made claims and facts. Written against the mutation survivors of compare/: each
test pins a behaviour a small bug would change."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from narrative_check.compare import compare
from narrative_check.compare.tables import check_tables
from narrative_check.models import Cell, Claim, Fact, Row, Table
from narrative_check.tables.context import DocContext

BUDGET = DocContext(year=2024, kind="预算", org="某局")
FINAL = DocContext(year=2024, kind="决算", org="某局")


def fact(concept: str, value: str, row: str = "本年支出合计", table: str = "表1", unit: str = "万元") -> Fact:
    scale = {"万元": D(1), "元": D("0.0001")}[unit]
    return Fact(concept=concept, value=D(value) * scale, raw=D(value), unit=unit, table=table, row=row, line=10)


def claim(**kw) -> Claim:
    return Claim(quote=kw.pop("quote", "句子"), line=kw.pop("line", 5), **kw)


def run(claims, facts=(), ctx=BUDGET):
    warnings: list[str] = []
    findings, results = compare(ctx, [], list(facts), claims, warnings=warnings)
    assert warnings == []
    return [f for f in findings if f.severity != "info"], results


# ---------------------------------------------------------------- the table's prior-year column


def with_prior(**kw):
    base = dict(subject="支出合计", amount=D("120.00"), unit="万元", change=D("20.00"), direction="increase")
    base.update(kw)
    facts = [fact("expense_year", "120.00"), fact("prior:expense_year", "100.00", row="上年支出合计", table="表2")]
    return [claim(**base)], facts


def test_a_fall_said_of_a_rise_names_both_and_the_prior_cell():
    (f,), _ = run(*with_prior(direction="decrease"))
    assert (f.kind, f.stated, f.expected) == ("direction-mismatch", "decrease", "increase")
    assert "is said to fall" in f.message and "100.00 against 120.00" in f.message
    assert f.evidence[0].table == "表2" and f.evidence[0].value == "100.00 万元"


def test_a_rise_said_of_a_fall():
    claims, facts = with_prior(amount=D("80.00"), direction="increase")
    facts[0] = fact("expense_year", "80.00")
    (f,), _ = run(claims, facts)
    assert (f.kind, f.stated, f.expected) == ("direction-mismatch", "increase", "decrease")
    assert "is said to rise" in f.message


def test_a_wrong_change_against_the_prior_column_shows_both_figures():
    (f,), _ = run(*with_prior(change=D("20.50")))
    assert (f.kind, f.stated, f.expected) == ("growth-mismatch", "20.50 万元", "20.00 万元")
    assert "120.00 − 100.00" in f.message and f.evidence[0].row == "上年支出合计"


def test_a_change_in_yuan_is_compared_in_yuan():
    claims, facts = with_prior(amount=D("1200000"), unit="元", change=D("200000"))
    assert run(claims, facts)[0] == []


def test_no_change_against_an_unchanged_prior_column():
    claims, facts = with_prior(amount=D("100.00"), change=D("0"), direction="increase")
    facts[0] = fact("expense_year", "100.00")
    assert run(claims, facts)[0] == []


def test_a_rate_against_the_prior_column_when_the_amount_is_misquoted():
    # the table: 120.00 now, 100.00 before; the prose: 130.00 and 30.00 % (its own arithmetic)
    claims, facts = with_prior(amount=D("130.00"), change=None, direction=None, growth_pct=D("30.00"),
                               growth_direction="increase")
    findings, results = run(claims, facts)
    assert [f.kind for f in findings] == ["amount-mismatch"]
    assert any("follows the misquoted amount 130.00" in c for c in results[0].checks)
    claims[0] = claims[0].model_copy(update={"growth_pct": D("25.00")})
    findings, _ = run(claims, facts)
    assert [f.kind for f in findings] == ["amount-mismatch", "growth-mismatch"]
    assert findings[1].stated == "25.00%" and findings[1].expected == "20.00%"


def test_a_rate_against_a_zero_prior_column_is_not_judged():
    facts = [fact("expense_year", "50.00"), fact("prior:expense_year", "0.00", row="上年支出合计")]
    c = claim(subject="支出合计", amount=D("50.00"), unit="万元", growth_pct=D("100"), growth_direction="increase")
    findings, results = run([c], facts)
    assert findings == []
    assert any("zero base" in x and "100% is the usual convention" in x for x in results[0].checks)
    findings, results = run([c.model_copy(update={"growth_pct": D("50")})], facts)
    assert findings == [] and not any("convention" in x for x in results[0].checks)


def test_a_truncated_rate_against_the_prior_column_is_a_warning_naming_the_cause():
    # 2100.00 ÷ 1700.00 − 1 = 23.529…%; '23.52' is the truncated rate
    facts = [fact("expense_year", "2100.00"), fact("prior:expense_year", "1700.00", row="上年支出合计")]
    c = claim(subject="支出合计", amount=D("2100.00"), unit="万元", growth_pct=D("23.52"), growth_direction="increase")
    (f,), _ = run([c], facts)
    assert (f.kind, f.severity) == ("growth-mismatch", "warning")
    assert f.cause == "the rate is truncated, not rounded, to its last decimal"
    assert f.stated == "23.52%" and f.expected == "23.53%"


def test_a_falling_rate_against_the_prior_column():
    facts = [fact("expense_year", "80.00"), fact("prior:expense_year", "100.00", row="上年支出合计")]
    c = claim(subject="支出合计", amount=D("80.00"), unit="万元", growth_pct=D("20.00"), growth_direction="decrease")
    assert run([c], facts)[0] == []
    (f,), _ = run([c.model_copy(update={"growth_pct": D("25.00")})], facts)
    assert f.kind == "growth-mismatch" and f.stated == "-25.00%" and f.expected == "-20.00%"
    (f,), _ = run([c.model_copy(update={"growth_direction": "increase"})], facts)
    assert f.kind == "direction-mismatch" and f.severity == "error" and f.stated == "20.00%"


# ---------------------------------------------------------------- a prior figure the sentence states


def stated_prior(**kw):
    base = dict(subject="经费", amount=D("120.00"), unit="万元", prior_amount=D("100.00"))
    base.update(kw)
    return claim(**base)


@pytest.mark.parametrize("word, amount, message, expected", [
    ("decrease", "120.00", "which is not a decrease", "increase"),
    ("increase", "80.00", "which is not an increase", "decrease"),
])
def test_direction_against_a_stated_prior_names_the_figures(word, amount, message, expected):
    (f,), _ = run([stated_prior(amount=D(amount), direction=word)])
    assert f.kind == "direction-mismatch" and message in f.message and f"100.00 to {amount}" in f.message
    assert (f.stated, f.expected) == (word, expected)


@pytest.mark.parametrize("amount, expected", [("120.00", "increase"), ("80.00", "decrease")])
def test_unchanged_said_of_a_change_from_a_stated_prior(amount, expected):
    (f,), _ = run([stated_prior(amount=D(amount), direction="flat")])
    assert (f.kind, f.stated, f.expected) == ("direction-mismatch", "持平", expected)


def test_a_wrong_change_against_a_stated_prior():
    (f,), _ = run([stated_prior(change=D("25.00"), direction="increase")])
    assert (f.kind, f.stated, f.expected) == ("growth-mismatch", "25.00", "20.00")
    assert "120.00 − 100.00 = 20.00" in f.message


def test_a_rate_against_a_stated_prior_without_a_change():
    assert run([stated_prior(growth_pct=D("20.00"), growth_direction="increase")])[0] == []
    (f,), _ = run([stated_prior(growth_pct=D("25.00"), growth_direction="increase")])
    assert f.kind == "growth-mismatch" and f.expected == "20.00%"
    assert "the prior figure the sentence states" in f.message
    (f,), _ = run([stated_prior(growth_pct=D("20.00"), growth_direction="decrease")])
    assert f.kind == "direction-mismatch"


def test_a_stated_prior_of_zero_gives_no_rate():
    findings, results = run([stated_prior(prior_amount=D("0"), growth_pct=D("100"), growth_direction="increase")])
    assert findings == [] and any("zero base" in c for c in results[0].checks)


# ---------------------------------------------------------------- growth messages and fields


def test_growth_finding_message_shows_the_arithmetic():
    c = claim(subject="经费", amount=D("1000.00"), unit="万元", change=D("100.00"), direction="increase",
              growth_pct=D("12.00"), growth_direction="increase")
    (f,), results = run([c])
    assert "100.00 ÷ 900.00 = 11.11%" in f.message and f.subject == "经费" and f.quote == "句子" and f.line == 5
    assert results[0].status == "mismatch" and results[0].checks[-1].startswith("growth-mismatch: ")
    good = c.model_copy(update={"growth_pct": D("11.11")})
    (result,) = run([good])[1]
    assert result.status == "verified" and result.checks[-1] == "ok: growth 11.11% = 100.00 ÷ (1000.00 − 100.00)"
    down = good.model_copy(update={"direction": "decrease", "growth_direction": "decrease", "growth_pct": D("9.09")})
    (result,) = run([down])[1]
    assert result.checks[-1] == "ok: growth 9.09% = 100.00 ÷ (1000.00 + 100.00)"


def test_a_change_without_a_rate_is_noted_not_judged():
    (result,) = run([claim(subject="经费", amount=D("5.00"), unit="万元", change=D("1.00"), direction="increase")])[1]
    assert result.status == "unverified"
    assert "not checked: change stated without a rate or without the current amount" in result.checks


@pytest.mark.parametrize("word, rate_word, stated, expected", [
    ("increase", "decrease", "增加/增长", "减少/下降"), ("decrease", "increase", "减少/下降", "增加/增长")])
def test_direction_words_in_the_finding(word, rate_word, stated, expected):
    c = claim(subject="经费", amount=D("1000.00"), unit="万元", change=D("100.00"), direction=word,
              growth_pct=D("11.11"), growth_direction=rate_word)
    (f,), _ = run([c])
    assert (f.kind, f.stated, f.expected) == ("direction-mismatch", stated, expected)
    assert f"the change says {stated} but the rate says {expected}" in f.message


# ---------------------------------------------------------------- shares, completion, listed parts


def test_share_finding_fields_and_checks():
    total = claim(subject="支出合计", amount=D("1102.05"), unit="万元")
    part = claim(subject="基本支出", amount=D("232.57"), unit="万元", share_pct=D("21.20"), parent="支出合计")
    (f,), results = run([total, part])
    assert (f.kind, f.stated, f.expected, f.subject) == ("share-mismatch", "21.20%", "21.10%", "基本支出")
    assert "232.57 ÷ 1102.05 (支出合计) = 21.10%" in f.message
    ok = part.model_copy(update={"share_pct": D("21.10")})
    (_, result) = run([total, ok])[1]
    assert "ok: share 21.10% = 232.57 ÷ 1102.05 (支出合计)" in result.checks


def test_share_of_a_table_total_names_the_row():
    c = claim(subject="基本支出", amount=D("232.57"), unit="万元", share_pct=D("21.30"), share_of="支出合计")
    (f,), _ = run([c], [fact("expense_year", "1102.05")])
    assert "(本年支出合计 (表1))" in f.message


def test_a_share_that_follows_a_misquoted_part_is_reported_once():
    total = claim(subject="支出合计", amount=D("1102.05"), unit="万元")
    part = claim(subject="基本支出", amount=D("242.57"), unit="万元", share_pct=D("22.01"), parent="支出合计")
    facts = [fact("expense_year", "1102.05"), fact("basic", "232.57", row="基本支出")]
    findings, results = run([total, part], facts)
    assert [f.kind for f in findings] == ["amount-mismatch"]
    assert any("share 22.01% follows the misquoted amount 242.57" in c for c in results[1].checks)


def test_completion_finding_fields():
    c = claim(subject="一般公共预算财政拨款支出", amount=D("887.00"), unit="万元", basis="final",
              budget_amount=D("900.00"), completion_pct=D("99.00"))
    (f,), results = run([c], ctx=FINAL)
    assert (f.kind, f.stated, f.expected) == ("share-mismatch", "99.00%", "98.56%")
    assert "887.00 ÷ 900.00 = 98.56%" in f.message
    ok = c.model_copy(update={"completion_pct": D("98.56"), "comparison": "less"})
    (result,) = run([ok], ctx=FINAL)[1]
    assert "ok: completion 98.56% = 887.00 ÷ 900.00" in result.checks and "ok: 决算 887.00 小于 预算 900.00" in result.checks
    (f,), _ = run([ok.model_copy(update={"comparison": "equal", "completion_pct": None})], ctx=FINAL)
    assert (f.stated, f.expected) == ("等于", "小于") and "says 决算数等于预算数" in f.message


def test_listed_parts_finding_lists_the_parts():
    claims = [claim(subject="政府采购", amount=D("10.00"), unit="万元")] + [
        claim(subject=n, amount=D(v), unit="万元", parent="政府采购") for n, v in (("货物", "6.00"), ("工程", "5.00"))]
    (f,), results = run(claims)
    assert f.message == "政府采购 stated 10.00, but the parts listed add to 11.00 (货物 6.00 + 工程 5.00)"
    ok = [claims[0], claims[1], claims[2].model_copy(update={"amount": D("4.00")})]
    results = run(ok)[1]
    assert results[0].checks == ["not checked: no table figure for '政府采购'", "ok: 政府采购 10.00 = 货物 6.00 + 工程 4.00"]
    assert results[1].checks[-1] == "ok: part of 政府采购 10.00, parts add up"


def test_a_list_stops_at_the_next_total_and_skips_other_units():
    claims = [claim(subject="政府采购", amount=D("10.00"), unit="万元"),
              claim(subject="货物", amount=D("6.00"), unit="万元", parent="政府采购"),
              claim(subject="车辆", count=2, count_unit="辆"),
              claim(subject="工程", amount=D("9.00"), unit="万元", parent="政府采购")]
    assert run(claims)[0] == []  # '工程' after another subject is not part of the list
    mixed = [claims[0], claims[1], claim(subject="服务", count=9, count_unit="项", parent="政府采购"),
             claim(subject="工程", amount=D("9.00"), unit="万元", parent="政府采购")]
    (f,), _ = run(mixed)
    assert f.expected == "15.00"  # the count is no part of a money total


def test_a_budget_basis_total_is_not_broken_down():
    claims = [claim(subject="支出", amount=D("10.00"), unit="万元", basis="budget"),
              claim(subject="甲", amount=D("6.00"), unit="万元", parent="支出"),
              claim(subject="其他", amount=D("5.00"), unit="万元", parent="支出")]
    assert run(claims, ctx=FINAL)[0] == []


@pytest.mark.parametrize("shares, exhaustive", [(["60.00", "40.00"], True), (["60.00", "39.90"], True),
                                                (["60.00", "39.80"], False), (["60.00", None], False)])
def test_shares_adding_to_100_within_rounding_make_a_list_complete(shares, exhaustive):
    claims = [claim(subject="支出", amount=D("10.00"), unit="万元")] + [
        claim(subject=n, amount=D(v), unit="万元", parent="支出", share_pct=D(s) if s else None)
        for n, v, s in (("甲", "6.00", shares[0]), ("乙", "3.00", shares[1]))]
    kinds = [f.kind for f in run(claims)[0] if f.kind == "total-mismatch"]
    assert kinds == (["total-mismatch"] if exhaustive else [])


def test_a_list_whose_parts_are_the_catalogues_parts_is_complete():
    claims = [claim(subject="“三公”经费", amount=D("10.00"), unit="万元"),
              claim(subject="因公出国（境）费", amount=D("1.00"), unit="万元", parent="“三公”经费"),
              claim(subject="公务接待费", amount=D("2.00"), unit="万元", parent="“三公”经费"),
              claim(subject="公务用车购置及运行维护费", amount=D("3.00"), unit="万元", parent="“三公”经费")]
    assert [f.kind for f in run(claims)[0]] == ["total-mismatch"]
    assert run(claims[:3])[0] == []  # two of three parts: the rest may be unlisted


# ---------------------------------------------------------------- listed changes


def test_listed_changes_finding_and_checks():
    claims = [claim(subject="支出", change=D("3.59"), direction="decrease", unit="万元"),
              claim(subject="甲", change=D("3.59"), direction="decrease", unit="万元", parent="支出"),
              claim(subject="乙", change=D("0.30"), direction="increase", unit="万元", parent="支出")]
    (f,), _ = run(claims)
    assert f.message == ("支出 change stated -3.59 万元, but the parts listed change by -3.29 (甲 -3.59 乙 +0.30) "
                         "(a part repeats the total's figures)")
    good = [claims[0], claims[1].model_copy(update={"change": D("3.89")}), claims[2]]
    (result, *_), = [run(good)[1]]
    assert "ok: change -3.59 = 甲 -3.89 乙 +0.30" in result.checks


def test_listed_changes_of_a_complete_list_and_flat_parts():
    claims = [claim(subject="政府采购", change=D("3.00"), direction="increase", unit="万元"),
              claim(subject="货物", change=D("1.00"), direction="increase", unit="万元", parent="政府采购"),
              claim(subject="工程", change=D("0"), direction="flat", unit="万元", parent="政府采购"),
              claim(subject="服务", change=D("1.00"), direction="increase", unit="万元", parent="政府采购")]
    (f,), _ = run(claims)
    assert f.kind == "total-mismatch" and f.cause is None and (f.stated, f.expected) == ("+3.00", "+2.00")
    claims[3] = claims[3].model_copy(update={"change": D("2.00")})
    assert run(claims)[0] == []


# ---------------------------------------------------------------- 科目 paths and fund scopes


PATH = "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）"


def items(value: str = "54.53", extra=()):
    return [fact("func:208", "200.00", row="社会保障和就业支出"),
            fact("func:20805", "80.00", row="行政事业单位养老支出"),
            fact("func:2080505", value, row="机关事业单位基本养老保险缴费支出"), *extra]


def test_an_item_named_by_its_path_is_checked_against_that_row():
    findings, results = run([claim(subject=PATH, amount=D("54.53"), unit="万元")], items())
    assert findings == [] and results[0].concept == "func:2080505"
    (f,), _ = run([claim(subject=PATH, amount=D("54.63"), unit="万元")], items())
    assert f.kind == "amount-mismatch" and f.evidence[0].row == "机关事业单位基本养老保险缴费支出"
    assert f.expected == "54.53 万元"


def test_an_item_path_with_codes_uses_the_codes():
    subject = "社会保障和就业支出（208类）行政事业单位养老支出（05款）机关事业单位基本养老保险缴费支出（05项）"
    (f,), results = run([claim(subject=subject, amount=D("54.63"), unit="万元")], items())
    assert f.kind == "amount-mismatch" and results[0].concept == "func:2080505"


def test_an_item_under_its_heading_takes_the_headings_path():
    c = claim(subject="支出决算", amount=D("54.63"), unit="万元", item=PATH)
    (f,), _ = run([c], items())
    assert f.kind == "amount-mismatch" and f.expected == "54.53 万元"


def test_a_name_under_several_kuan_takes_the_one_the_path_names():
    subject = "一般公共服务支出（类）人大事务（款）一般行政管理事务（项）"
    facts = [fact("func:20101", "30.00", row="人大事务"), fact("func:20103", "70.00", row="政府办公厅（室）及相关机构事务"),
             fact("func:2010102", "12.00", row="一般行政管理事务"), fact("func:2010302", "50.00", row="一般行政管理事务")]
    findings, results = run([claim(subject=subject, amount=D("12.00"), unit="万元")], facts)
    assert findings == [] and results[0].concept == "func:2010102"
    (f,), _ = run([claim(subject=subject, amount=D("50.00"), unit="万元")], facts)
    assert f.kind == "amount-mismatch" and f.expected == "12.00 万元"


def test_an_item_the_tables_file_at_another_level_is_a_weak_link():
    subject = "社会保障和就业支出（类）机关事业单位基本养老保险缴费支出（款）"
    findings, results = run([claim(subject=subject, amount=D("54.53"), unit="万元")], items())
    assert findings == [] and results[0].status == "verified"
    assert "matched by name; the table files it at another level" in results[0].checks[0]
    findings, results = run([claim(subject=subject, amount=D("99.00"), unit="万元")], items())
    assert findings == [] and results[0].status == "unverified"  # a weak link is no ground for an error


def test_an_item_no_table_names_stays_unverified():
    subject = "社会保障和就业支出（类）行政事业单位养老支出（款）某项不存在的支出（项）"
    findings, results = run([claim(subject=subject, amount=D("1.00"), unit="万元")], items())
    assert findings == [] and results[0].status == "unverified"


def test_a_fund_scope_narrows_the_rows_a_figure_is_checked_against():
    facts = items("54.53", [fact("gpb:func:2080505", "50.00", row="机关事业单位基本养老保险缴费支出", table="表5")])
    c = claim(subject=PATH, amount=D("50.00"), unit="万元", parent="一般公共预算财政拨款支出")
    findings, results = run([c], facts)
    assert findings == [] and results[0].concept == "gpb:func:2080505"
    (f,), _ = run([c.model_copy(update={"amount": D("54.53")})], facts)
    assert f.kind == "amount-mismatch" and f.expected == "50.00 万元" and f.evidence[0].table == "表5"
    # no table of the scope named: nothing to judge against
    findings, results = run([c.model_copy(update={"parent": "政府性基金预算支出"})], facts)
    assert findings == [] and results[0].status == "unverified"


def test_a_stand_in_concept_confirms_but_never_errs():
    # 财政拨款收入 with only the 一般公共预算 row printed
    facts = [fact("gpb_income", "100.00", row="一般公共预算拨款收入")]
    good, results = run([claim(subject="财政拨款收入", amount=D("100.00"), unit="万元")], facts)
    bad, bad_results = run([claim(subject="财政拨款收入", amount=D("90.00"), unit="万元")], facts)
    assert bad == [] and bad_results[0].status == "unverified"
    assert good == [] and results[0].status in ("verified", "unverified")


def test_an_unknown_subject_matches_a_row_of_its_name():
    facts = [fact("econ:30201", "12.41", row="办公费")]
    findings, results = run([claim(subject="办公费支出", amount=D("12.41"), unit="万元")], facts)
    assert findings == [] and results[0].status == "verified" and results[0].concept == "econ:30201"
    (f,), _ = run([claim(subject="办公费", amount=D("21.41"), unit="万元")], facts)
    assert f.kind == "amount-mismatch"


def test_a_money_noun_takes_the_item_its_sentence_names():
    facts = [fact("project", "869.48", row="项目支出")]
    c = claim(subject="预算拨款", amount=D("896.48"), unit="万元", quote="对项目支出…，涉及预算拨款 896.48 万元")
    (f,), _ = run([c], facts)
    assert f.kind == "amount-mismatch" and f.cause == "digits transposed"
    other = c.model_copy(update={"subject": "某某资金"})
    findings, results = run([other], facts)
    assert findings == [] and results[0].status == "unverified"


# ---------------------------------------------------------------- reasons


def reason(text: str, **kw) -> Claim:
    base = dict(subject="公务接待费", amount=D("5.00"), unit="万元", change=D("1.00"), direction="decrease",
                reason=text, reason_line=9)
    base.update(kw)
    return claim(**base)


@pytest.mark.parametrize("text, wrong", [
    ("主要原因是公务接待费增加。", True), ("主要原因：公务接待费支出上升", True), ("主要原因为“公务接待费”增长。", True),
    ("主要原因是公务接待费减少。", False), ("主要原因是公务接待费增加，会议减少。", False),
    ("主要原因是人员增加。", False), ("主要原因是严格控制。", False),
])
def test_a_reason_is_held_against_its_change_only_when_it_names_the_item(text, wrong):
    findings, _ = run([reason(text)])
    assert [f.kind for f in findings] == (["direction-mismatch"] if wrong else [])
    if wrong:
        f = findings[0]
        said = next(w for w in ("增加", "上升", "增长") if w in text)  # the reason's own word is what it states
        assert (f.stated, f.expected, f.line, f.quote) == (said, "减少", 9, text)
        assert f.cause == "reason copied from another item or another year"
        assert "公务接待费 is stated as a decrease, but its reason says an increase" in f.message


def test_a_reason_against_a_rise_and_the_rates_word():
    (f,), _ = run([reason("主要原因是公务接待费减少。", direction="increase")])
    assert f.expected == "增加" and "stated as an increase, but its reason says a decrease" in f.message
    c = reason("主要原因是公务接待费减少。", change=None, direction=None, growth_pct=D("5.00"), growth_direction="increase")
    assert [f.kind for f in run([c])[0]] == ["direction-mismatch"]
    assert run([reason("主要原因是公务接待费减少。", direction="flat", change=D("0"))])[0] == []


def test_a_reason_names_an_item_by_its_path():
    subject = "一般公共服务支出（类）宣传事务（款）一般行政管理事务（项）"
    c = reason("主要原因是：宣传事务一般行政管理事务经费增加。", subject=subject, amount=None)
    assert [f.kind for f in run([c])[0]] == ["direction-mismatch"]
    c2 = reason("主要原因是：一般行政管理事务经费增加。", subject=subject, amount=None)
    assert [f.kind for f in run([c2])[0]] == ["direction-mismatch"]
    c3 = reason("主要原因是：一般行政管理事务经费增加。", subject="支出决算", amount=None, item=subject)
    assert [f.kind for f in run([c3])[0]] == ["direction-mismatch"]


def test_a_claim_already_wrong_is_not_judged_on_its_reason():
    c = reason("主要原因是公务接待费增加。", direction="flat", change=D("1.00"))
    assert [f.kind for f in run([c])[0]] == ["direction-mismatch"]  # once, for 持平 with a change


# ---------------------------------------------------------------- table findings


def _row(label, values, line, headers, code=None, side=None):
    return Row(label=label, code=code, line=line, side=side, text=f"{label}\t" + "\t".join(values),
               cells=[Cell(column=i, header=headers[i] if headers else "", text=v, value=D(v) if v else None, line=line)
                      for i, v in enumerate(values)])


def test_a_table_total_finding_quotes_the_row_and_names_the_column():
    headers = ["合计"]
    rows = [_row("科目201", ["10.00"], 3, headers, code="201"), _row("科目20101", ["4.00"], 4, headers, code="20101"),
            _row("科目20102", ["7.00"], 5, headers, code="20102")]
    t = Table(title="支出表", number="表3", unit="万元", headers=headers, rows=rows, line_start=1, line_end=6)
    (f,) = check_tables([t])
    assert f.message == "表3 支出表: 科目201 (合计) is 10.00 万元, but its 2 sub-items add to 11.00 万元"
    assert (f.quote, f.line, f.subject) == ("科目201\t10.00", 3, "科目201")
    assert [(e.table, e.row, e.column, e.value, e.line) for e in f.evidence] == [
        ("表3 支出表", "科目20101", "合计", "4.00 万元", 4), ("表3 支出表", "科目20102", "合计", "7.00 万元", 5)]


def test_blank_cells_add_as_zero_and_a_blank_total_of_blank_parts_is_no_sum():
    headers = ["合计", "基本支出"]
    rows = [_row("科目201", ["10.00", ""], 3, headers, code="201"), _row("科目20101", ["10.00", ""], 4, headers, code="20101")]
    t = Table(title="支出表", unit="万元", headers=headers, rows=rows, line_start=1, line_end=6)
    assert check_tables([t]) == []
    rows[1] = _row("科目20101", ["10.00", "2.00"], 4, headers, code="20101")
    (f,) = check_tables([t.model_copy(update={"rows": rows})])
    assert f.stated == "0 万元" and f.expected == "2.00 万元" and "(基本支出)" in f.message


def test_flat_sangong_headers_nest_the_vehicle_columns():
    headers = ["合计", "因公出国（境）费", "公务接待费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费"]
    t = Table(title="“三公”经费表", unit="万元", headers=headers, line_start=1, line_end=3,
              rows=[_row("某局", ["12.34", "0.00", "2.34", "10.00", "0.00", "10.00"], 2, headers)])
    assert check_tables([t]) == []
    bad = t.model_copy(update={"rows": [_row("某局", ["12.34", "0.00", "2.34", "10.00", "1.00", "10.00"], 2, headers)]})
    (f,) = check_tables([bad])
    assert f.stated == "10.00 万元" and f.expected == "11.00 万元" and "公务用车购置及运行维护费" in f.message
    worse = t.model_copy(update={"rows": [_row("某局", ["13.34", "0.00", "2.34", "10.00", "0.00", "10.00"], 2, headers)]})
    (f,) = check_tables([worse])
    assert f.stated == "13.34 万元" and f.expected == "12.34 万元" and "its column groups" in f.message


def test_column_groups_leave_out_qizhong_columns_and_need_a_leading_total():
    headers = ["合计", "基本支出/小计", "基本支出/人员经费", "基本支出/其中：工资", "项目支出"]
    t = Table(title="支出表", unit="万元", headers=headers, line_start=1, line_end=3,
              rows=[_row("行政运行", ["10.00", "6.00", "6.00", "5.00", "4.00"], 2, headers, code="2010101")])
    assert check_tables([t]) == []
    common = ["支出/合计", "支出/基本支出", "支出/项目支出"]
    t2 = Table(title="支出表", unit="万元", headers=common, line_start=1, line_end=3,
               rows=[_row("行政运行", ["10.00", "6.00", "4.02"], 2, common, code="2010101")])
    (f,) = check_tables([t2])
    assert "its column groups" in f.message and f.expected == "10.02 万元"


def test_a_misread_table_keeps_its_first_error_as_a_warning_with_the_count():
    headers = ["合计"]
    rows = []
    for i, code in enumerate(["201", "208", "210", "213", "221"]):
        rows += [_row(f"类{i}", ["10.00"], 2 * i + 2, headers, code=code),
                 _row(f"款{i}", ["3.00"], 2 * i + 3, headers, code=code + "01")]
    t = Table(title="支出表", unit="万元", headers=headers, rows=rows, line_start=1, line_end=12)
    (f,) = check_tables([t])
    assert f.severity == "warning" and f.message.startswith("支出表: 5 of its sums do not add up, e.g. 支出表: 类0")
    few = check_tables([t.model_copy(update={"rows": rows[:6]})])  # 3 of 6 rows: still reported one by one
    assert len(few) == 3 and all(x.severity == "error" for x in few)


# ---------------------------------------------------------------- more linking: codes, unknown classes, ambiguity


def test_printed_codes_find_a_row_whose_label_differs_from_the_path():
    subject = "社会保障和就业支出（208类）行政事业单位养老支出（05款）基本养老保险缴费（05项）"
    facts = items() + [fact("func:2080505", "99.00", row="基本养老保险缴费") .model_copy(update={"derived": "sum of parts"})]
    (f,), results = run([claim(subject=subject, amount=D("54.63"), unit="万元")], facts[:3])
    assert f.kind == "amount-mismatch" and f.expected == "54.53 万元" and results[0].concept == "func:2080505"
    # a derived figure under the same code is no row of the table: it cannot confirm a wrong amount
    (f,), _ = run([claim(subject=subject, amount=D("99.00"), unit="万元")], facts)
    assert f.kind == "amount-mismatch" and f.expected == "54.53 万元"


def test_a_class_the_catalogue_does_not_know_is_found_by_its_name():
    facts = [fact("func:299", "30.00", row="某某新设支出"), fact("func:29901", "30.00", row="某某事务"),
             fact("func:20101", "5.00", row="某某事务")]
    subject = "某某新设支出（类）某某事务（款）"
    findings, results = run([claim(subject=subject, amount=D("30.00"), unit="万元")], facts)
    assert findings == [] and results[0].concept == "func:29901"
    (f,), _ = run([claim(subject=subject, amount=D("5.00"), unit="万元")], facts)
    assert f.kind == "amount-mismatch" and f.expected == "30.00 万元"


def test_a_name_filed_under_two_codes_is_no_ground_for_an_error():
    facts = [fact("func:2010102", "12.00", row="一般行政管理事务"), fact("func:2010302", "50.00", row="一般行政管理事务")]
    subject = "一般公共服务支出（类）一般行政管理事务（项）"
    findings, results = run([claim(subject=subject, amount=D("12.00"), unit="万元")], facts)
    assert findings == [] and results[0].status == "verified"
    findings, results = run([claim(subject=subject, amount=D("70.00"), unit="万元")], facts)
    assert findings == [] and results[0].status == "unverified"


def test_a_path_whose_middle_level_no_table_names_is_unverified():
    subject = "社会保障和就业支出（类）某个不存在的款（款）机关事业单位基本养老保险缴费支出（项）"
    findings, results = run([claim(subject=subject, amount=D("99.00"), unit="万元")], items())
    assert findings == [] and results[0].status == "unverified"


def test_the_kuan_of_a_two_level_path_is_found_by_name_anywhere():
    subject = "行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）"
    (f,), results = run([claim(subject=subject, amount=D("54.63"), unit="万元")], items())
    assert f.kind == "amount-mismatch" and results[0].concept == "func:2080505"


# ---------------------------------------------------------------- more reasons and residue quotes


def test_a_two_level_reason_and_names_without_spaces_or_quotes():
    subject = "宣传事务（款）一般行政管理事务（项）"
    c = reason("主要原因是：宣传事务一般行政管理事务经费增加。", subject=subject, amount=None)
    assert [f.kind for f in run([c])[0]] == ["direction-mismatch"]
    spaced = reason("主要原因是公务接待费增加。", subject="公务 接待费")
    assert [f.kind for f in run([spaced])[0]] == ["direction-mismatch"]
    quoted = reason("主要原因是“会议”增加。", subject="会议")
    assert [f.kind for f in run([quoted])[0]] == ["direction-mismatch"]


def _residue(text: str):
    from narrative_check.claims.prose import Paragraph
    from narrative_check.compare.template import check_template

    return check_template([Paragraph(text=text, line=3, starts=[0], line_nos=[3])])


@pytest.mark.parametrize("text, quote", [
    ("甲。乙。丙增加（减少）1万元；丁。戊。", "丙增加（减少）1万元；"),
    ("收入。支出增加（减少）1万元", "支出增加（减少）1万元"),
    ("。支出增加（减少）1万元。", "支出增加（减少）1万元。"),
])
def test_the_residue_quote_is_the_sentence_around_it(text, quote):
    (f,) = _residue(text)
    assert f.quote == quote


def test_a_placeholder_sentence_is_quoted_whole():
    found = _residue("XX局支出增加（减少）1万元。")
    assert [f.quote for f in found] == ["XX局支出增加（减少）1万元。"] * 2


def test_a_rate_followed_by_more_words_without_a_percent_sign_is_a_warning():
    (f,) = _residue("基本支出占比 60 左右。")
    assert f.severity == "warning" and f.message.startswith("rate with no % sign")


# ---------------------------------------------------------------- prior figures: small changes and exact bounds


@pytest.mark.parametrize("amount, direction, kinds", [
    ("100.50", "decrease", ["direction-mismatch"]),   # a rise of 0.50 said to be a fall
    ("99.50", "increase", ["direction-mismatch"]),
    ("99.50", "decrease", []),
    ("100.00", "increase", []),                      # no change at all: no direction to contradict
])
def test_direction_against_a_stated_prior_for_changes_under_one(amount, direction, kinds):
    assert [f.kind for f in run([stated_prior(amount=D(amount), direction=direction)])[0]] == kinds


def test_a_consistent_fall_against_a_stated_prior():
    assert run([stated_prior(amount=D("80.00"), change=D("20.00"), direction="decrease")])[0] == []


def test_a_wrong_direction_against_a_stated_prior_is_reported_alone():
    (f,), _ = run([stated_prior(change=D("25.00"), direction="decrease", growth_pct=D("25.00"))])
    assert f.kind == "direction-mismatch"


def test_a_change_exactly_at_the_stated_priors_tolerance_passes():
    # 120.0 − 99.955 = 20.045; stated 20.15: off by 0.105 = half of 0.01 + twice half of 0.1
    assert run([stated_prior(amount=D("120.0"), prior_amount=D("99.955"), change=D("20.15"), direction="increase")])[0] == []
    (f,), _ = run([stated_prior(amount=D("120.0"), prior_amount=D("99.956"), change=D("20.15"), direction="increase")])
    assert f.kind == "growth-mismatch"


def prior_column(amount: str, prior: str, **kw):
    base = dict(subject="支出合计", amount=D(amount), unit="万元", change=D("0.50"), direction="increase")
    base.update(kw)
    return [claim(**base)], [fact("expense_year", amount), fact("prior:expense_year", prior, row="上年支出合计", table="表2")]


@pytest.mark.parametrize("amount, direction, change, kinds", [
    ("100.50", "decrease", "0.50", ["direction-mismatch"]),
    ("99.50", "increase", "0.50", ["direction-mismatch"]),
    ("99.50", "decrease", "0.50", []),
    ("101.00", "decrease", "1.00", ["direction-mismatch"]),
    ("100.00", "increase", "1.00", ["growth-mismatch"]),  # unchanged against the column: the change is wrong
])
def test_the_prior_column_for_small_changes(amount, direction, change, kinds):
    findings, _ = run(*prior_column(amount, "100.00", direction=direction, change=D(change)))
    assert [f.kind for f in findings] == kinds
    if kinds == ["direction-mismatch"]:
        assert "表2 · 上年支出合计" in findings[0].message


def test_a_change_exactly_at_the_prior_columns_tolerance_passes():
    # 120.0 − 99.91 = 20.09; stated 20.15: off by 0.06 = half of 0.01 + half of 0.1 + 0.005
    assert run(*prior_column("120.0", "99.91", change=D("20.15")))[0] == []
    assert [f.kind for f in run(*prior_column("120.0", "99.92", change=D("20.15")))[0]] == ["growth-mismatch"]


def test_a_wrong_change_against_the_prior_column_is_reported_once_and_a_right_one_lets_the_rate_be_judged():
    (f,), _ = run(*prior_column("120.00", "100.00", change=D("25.00"), growth_pct=D("26.32"),
                                growth_direction="increase"))
    assert f.kind == "growth-mismatch" and f.expected == "20.00 万元"
    (f,), _ = run(*prior_column("120.00", "100.00", change=D("20.00"), growth_pct=D("21.00"),
                                growth_direction="increase"))
    assert f.kind == "growth-mismatch" and f.expected == "20.00%"


@pytest.mark.parametrize("amount, rate, direction, kind", [
    ("100.50", "0.50", "decrease", "direction-mismatch"),   # rose by 0.5 %, said to fall
    ("100.50", "0.50", None, None),                         # no rate word: read as a rise
    ("99.50", "0.50", "decrease", None),
    ("99.50", "0.50", "increase", "direction-mismatch"),
])
def test_a_rate_against_the_prior_column_for_small_changes(amount, rate, direction, kind):
    claims, facts = prior_column(amount, "100.00", change=None, direction=None, growth_pct=D(rate),
                                 growth_direction=direction)
    assert [f.kind for f in run(claims, facts)[0] if f.severity == "error"] == ([kind] if kind else [])


@pytest.mark.parametrize("concept, total", [("gpb:func:208", "gpb:total"), ("fiscal:func:208", "fiscal:expense_year")])
def test_a_single_fund_row_of_the_named_class_contradicts_only_when_that_fund_is_the_budget(concept, total):
    """An all-funds figure found only in a single-fund table is that fund's figure only when
    the fund is the whole budget (its total equals 本年支出合计)."""
    stated = [claim(subject="社会保障和就业支出", amount=D("172.38"), unit="万元")]
    row = fact(concept, "172.83", row="社会保障和就业支出")
    whole = [fact("expense_year", "500.00"), fact(total, "500.00", row="合计")]
    (f,), _ = run(stated, [row, *whole])
    assert f.kind == "amount-mismatch" and f.cause == "digits transposed"
    other_fund = [fact("expense_year", "600.00"), fact(total, "500.00", row="合计")]
    assert [g for g in run(stated, [row, *other_fund])[0] if g.severity == "error"] == []
