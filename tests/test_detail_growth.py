"""The rate and change rules of compare/arithmetic.py, as a reviewer reads them: which
finding a growth rate, a change against a prior figure, a share or a completion rate
gives (kind, severity, stated, expected, cause, message), which claims end verified and
with what check line, and that one fault is reported once. Hand-made claims and table
figures, no real document. Written against the mutation survivors of those rules."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from narrative_check.compare import compare
from narrative_check.models import Claim, Fact
from narrative_check.tables.context import DocContext

BUDGET = DocContext(year=2024, kind="预算", org="某局")
FINAL = DocContext(year=2024, kind="决算", org="某局")
TRUNCATED = "the rate is truncated, not rounded, to its last decimal"


def fact(concept: str, value: str, row: str = "本年支出合计", table: str = "表1") -> Fact:
    return Fact(concept=concept, value=D(value), raw=D(value), unit="万元", table=table, row=row, line=10)


def claim(**kw) -> Claim:
    return Claim(quote=kw.pop("quote", "句子"), line=kw.pop("line", 5), **kw)


def run(claims, facts=(), ctx=BUDGET):
    """Findings a reviewer sees (the info-level 'unverified' left out) and the claim
    results. No rule may fail on these inputs: an internal error would be a warning."""
    warnings: list[str] = []
    findings, results = compare(ctx, [], list(facts), claims, warnings=warnings)
    assert warnings == []
    return [f for f in findings if f.severity != "info"], results


def table(now: str = "120.00", prior: str = "100.00") -> list[Fact]:
    """A table row with this year's figure and the prior-year column beside it."""
    return [fact("expense_year", now), fact("prior:expense_year", prior, row="上年支出合计", table="表2")]


def spend(**kw) -> Claim:
    base = dict(subject="支出合计", amount=D("120.00"), unit="万元")
    base.update(kw)
    return claim(**base)


# ---------------------------------------------------------------- a change with its rate


@pytest.mark.parametrize("rate, ok", [("50.40", True), ("50.50", True), ("49.50", True), ("50.60", False),
                                      ("49.40", False)])
def test_a_rate_allows_for_the_rounding_of_the_prior_base(rate, ok):
    # 3.00 now, up 1.00: the prior base 2.00 is itself a difference of two rounded figures
    # (anything in 1.99 … 2.01), so 1.00 ÷ 2.00 may honestly print as 50.40 %
    findings, results = run([spend(amount=D("3.00"), change=D("1.00"), direction="increase", growth_pct=D(rate))])
    assert [f.kind for f in findings] == ([] if ok else ["growth-mismatch"])
    assert results[0].status == ("verified" if ok else "mismatch")


def test_a_truncated_rate_with_its_change_is_a_warning_naming_the_cause():
    # 400.00 ÷ (2100.00 − 400.00) = 23.529…%: '23.52' is cut, not rounded
    (f,), _ = run([spend(amount=D("2100.00"), change=D("400.00"), direction="increase", growth_pct=D("23.52"))])
    assert (f.kind, f.severity, f.cause) == ("growth-mismatch", "warning", TRUNCATED)
    assert (f.stated, f.expected) == ("23.52%", "23.53%")


def test_a_rate_word_of_flat_does_not_contradict_a_stated_increase():
    # 'flat' read in front of the rate (a '基本持平' nearby) beside '增加 10.00 万元': the
    # change word decides the direction, a flat rate word contradicts nothing
    findings, results = run([spend(amount=D("110.00"), change=D("10.00"), direction="increase",
                                   growth_direction="flat", growth_pct=D("10.00"))])
    assert findings == [] and results[0].status == "verified"
    assert "ok: growth 10.00% = 10.00 ÷ (110.00 − 10.00)" in results[0].checks


def test_a_change_with_only_a_flat_rate_word_is_taken_as_a_rise():
    # no change word and 'flat' in front of the rate: the word gives no sign, so the
    # base is the amount less the change (5.00 ÷ 100.00), not less twice the change
    c = spend(amount=D("105.00"), change=D("5.00"), growth_direction="flat", growth_pct=D("5.00"))
    findings, results = run([c])
    assert findings == []
    assert "ok: growth 5.00% = 5.00 ÷ (105.00 − 5.00)" in results[0].checks


@pytest.mark.parametrize("quote, error", [
    ("支出合计与上年持平。", True), ("支出合计与上年基本持平。", False), ("支出合计与上年大体一致。", False),
])
def test_roughly_unchanged_is_no_contradiction_of_a_small_change(quote, error):
    """'基本持平' says the figure hardly moved: neither a stated change nor a prior figure
    the sentence gives contradicts it; a bare '持平' is still held to its word."""
    for kw in (dict(change=D("0.50"), direction="flat"),
               dict(amount=D("100.50"), prior_amount=D("100.00"), direction="flat")):
        findings, (result,) = run([spend(quote=quote, **kw)])
        assert [f.kind for f in findings] == (["direction-mismatch"] if error else [])
        if not error:
            assert result.status == "unverified" and "said roughly unchanged" in result.checks[-1]


def test_said_unchanged_but_a_change_is_stated():
    (f,), _ = run([spend(change=D("5.00"), direction="flat")])
    assert (f.kind, f.stated, f.expected) == ("direction-mismatch", "持平", "5.00 万元")
    assert "支出合计 said unchanged but changed by 5.00 万元" in f.message


def test_no_change_with_a_rate_names_the_stated_rate():
    (f,), _ = run([spend(change=D("0"), growth_pct=D("3.50"))])
    assert (f.kind, f.stated, f.expected) == ("growth-mismatch", "3.50%", "0%")
    assert "no change, yet a rate of 3.50%" in f.message


def test_a_rise_from_nothing_is_left_unverified_with_the_reason():
    _, results = run([spend(amount=D("10.00"), change=D("10.00"), direction="increase", growth_pct=D("100.00"))])
    assert results[0].status == "unverified"
    assert results[0].checks[-1] == "not checked: prior-year base is zero: no rate can be computed"


# ---------------------------------------------------------------- a direction word against the rate word


def test_a_fall_with_a_rising_rate_and_no_change_amount():
    # '比上年减少，增长 5.00%': the two words of one sentence disagree
    (f,), _ = run([spend(direction="decrease", growth_direction="increase", growth_pct=D("5.00"))])
    assert (f.kind, f.stated, f.expected) == ("direction-mismatch", "减少/下降", "增加/增长")
    assert "the change says 减少/下降 but the rate says 增加/增长" in f.message


# ---------------------------------------------------------------- a rate against a prior figure


def test_a_rate_against_the_prior_column_names_the_table():
    (f,), _ = run([spend(growth_pct=D("25.00"), growth_direction="increase")], table())
    assert (f.kind, f.stated, f.expected) == ("growth-mismatch", "25.00%", "20.00%")
    assert "rate stated 25.00%, but against the prior year (表2) 100.00 it is 20.00%" in f.message


def test_a_rate_in_yuan_against_a_prior_column_in_wan_yuan():
    # the table in 万元, the sentence in 元: the prior column is converted before the rate
    c = spend(amount=D("1200000"), unit="元", growth_pct=D("20.00"), growth_direction="increase")
    findings, results = run([c], table())
    assert findings == []
    assert "ok: rate 20.00% = (1200000 − 1000000) ÷ 1000000" in results[0].checks


def test_a_rate_against_the_prior_figure_the_sentence_states():
    c = spend(prior_amount=D("100.00"), growth_pct=D("25.00"), growth_direction="increase")
    (f,), _ = run([c])
    assert "against the prior figure the sentence states 100.00 it is 20.00%" in f.message


def test_a_zero_prior_column_with_a_rate_other_than_100_says_only_why():
    facts = [fact("expense_year", "50.00"), fact("prior:expense_year", "0.00", row="上年支出合计", table="表2")]
    _, results = run([spend(amount=D("50.00"), growth_pct=D("50"), growth_direction="increase")], facts)
    assert results[0].checks[-1] == "not checked: growth from a zero base (the prior year (表2)): no rate can be computed"


def test_a_nearly_flat_rate_against_the_prior_column():
    # '本年 100.50 万元，基本持平（0.50%）', the table printing 100.00 the year before:
    # 'flat' in front of the rate counts as the sign of a rise
    c = spend(amount=D("100.50"), growth_direction="flat", growth_pct=D("0.50"))
    findings, results = run([c], table("100.50", "100.00"))
    assert findings == [] and results[0].status == "verified"
    assert "ok: rate 0.50% = (100.50 − 100.00) ÷ 100.00" in results[0].checks


def test_a_rate_that_follows_a_misquoted_amount_within_its_rounding():
    # the table: 120.00 now, 100.00 before; the prose: 130.00 and 30.01 % — 30.01 is
    # (130.00 − 100.00) ÷ 100.00 once both figures' rounding is allowed for
    findings, results = run([spend(amount=D("130.00"), growth_pct=D("30.01"), growth_direction="increase")],
                            table())
    assert [f.kind for f in findings] == ["amount-mismatch"]
    assert any("rate 30.01% follows the misquoted amount 130.00" in c for c in results[0].checks)


# ---------------------------------------------------------------- a change against the prior column


def test_a_change_against_an_unchanged_prior_column_is_a_wrong_change_not_a_direction():
    # the table prints the same figure both years; '减少 5.00 万元' is wrong by its size,
    # and there is no direction to contradict
    (f,), _ = run([spend(amount=D("100.00"), change=D("5.00"), direction="decrease")], table("100.00", "100.00"))
    assert (f.kind, f.stated, f.expected) == ("growth-mismatch", "5.00 万元", "0.00 万元")
    assert "100.00 − 100.00 (表2 · 上年支出合计) = 0.00" in f.message


def test_a_direction_fault_against_the_prior_column_is_not_judged_again_by_rate():
    # up 20.00 in the table, '减少 20.00 万元，下降 20.00%' in the prose: one finding
    c = spend(change=D("20.00"), direction="decrease", growth_pct=D("20.00"), growth_direction="decrease")
    (f,), results = run([c], table())
    assert f.kind == "direction-mismatch"
    assert results[0].checks[-1].startswith("direction-mismatch: 支出合计 is said to fall")  # no rate line after it


def test_a_wrong_change_against_the_prior_column_is_not_judged_again_by_rate():
    c = spend(change=D("25.00"), direction="increase", growth_pct=D("25.00"), growth_direction="increase")
    (f,), _ = run([c], table())
    assert (f.kind, f.stated, f.expected) == ("growth-mismatch", "25.00 万元", "20.00 万元")


# ---------------------------------------------------------------- a change against a stated prior figure


def test_said_unchanged_against_a_stated_prior_figure_is_reported_once():
    # '上年 100.00 万元，本年 110.00 万元，与上年持平（0%）'
    c = spend(amount=D("110.00"), prior_amount=D("100.00"), direction="flat", growth_pct=D("0"))
    (f,), _ = run([c])
    assert (f.kind, f.stated, f.expected) == ("direction-mismatch", "持平", "increase")
    assert "said unchanged, but went from 100.00 to 110.00" in f.message


def test_a_wrong_change_against_a_stated_prior_figure_is_reported_once():
    c = spend(prior_amount=D("100.00"), change=D("25.00"), direction="increase", growth_pct=D("30.00"))
    (f,), _ = run([c])
    assert (f.kind, f.stated, f.expected) == ("growth-mismatch", "25.00", "20.00")
    assert "change stated 25.00, but 120.00 − 100.00 = 20.00" in f.message


def test_a_wrong_direction_against_a_stated_prior_figure_is_reported_once():
    c = spend(amount=D("80.00"), prior_amount=D("100.00"), direction="increase", growth_pct=D("20.00"),
              growth_direction="increase")
    (f,), _ = run([c])
    assert (f.kind, f.stated, f.expected) == ("direction-mismatch", "increase", "decrease")


# ---------------------------------------------------------------- shares


def test_a_share_mismatch_gives_the_share_of_the_whole():
    total = claim(subject="支出合计", amount=D("200.00"), unit="万元")
    part = claim(subject="基本支出", amount=D("50.00"), unit="万元", share_pct=D("30.00"), parent="支出合计")
    (f,), results = run([total, part])
    assert (f.kind, f.stated, f.expected, f.severity) == ("share-mismatch", "30.00%", "25.00%", "error")
    assert results[1].status == "mismatch"


def test_a_share_that_follows_a_misquoted_part_is_not_a_second_finding():
    # the table: 基本支出 40.00 of 200.00; the prose: 50.00 and 25.00 % (its own arithmetic)
    total = claim(subject="支出合计", amount=D("200.00"), unit="万元")
    part = claim(subject="基本支出", amount=D("50.00"), unit="万元", share_pct=D("25.00"), parent="支出合计")
    facts = [fact("expense_year", "200.00"), fact("basic", "40.00", row="基本支出")]
    findings, results = run([total, part], facts)
    assert [f.kind for f in findings] == ["amount-mismatch"]
    assert any("share 25.00% follows the misquoted amount 50.00" in c for c in results[1].checks)


# ---------------------------------------------------------------- completion of the 年初预算


def final(**kw) -> Claim:
    base = dict(subject="一般公共预算财政拨款支出", amount=D("90.00"), unit="万元", basis="final",
                budget_amount=D("100.00"), completion_pct=D("90.00"), line=6)
    base.update(kw)
    return claim(**base)


@pytest.mark.parametrize("missing", ["amount", "budget_amount"])
def test_a_completion_rate_without_one_of_its_figures_is_left_unverified(missing):
    c = final(comparison="less", **{missing: None})
    findings, results = run([c], ctx=FINAL)
    assert findings == [] and results[0].status == "unverified"


def test_a_completion_rate_of_a_zero_budget_is_left_unverified_with_the_reason():
    _, results = run([final(budget_amount=D("0"), completion_pct=D("100.00"))], ctx=FINAL)
    assert results[0].status == "unverified"
    assert results[0].checks[-1] == "not checked: 年初预算 is zero: no completion rate"


def test_a_completion_rate_that_holds_confirms_the_budget_figure_beside_it():
    # '年初预算为 100.00 万元，决算为 90.00 万元，完成年初预算的 90.00%': no table
    # prints the 年初预算, yet the rate ties it to the 决算
    budget = claim(subject="一般公共预算财政拨款支出", amount=D("100.00"), unit="万元", basis="budget")
    findings, results = run([budget, final()], ctx=FINAL)
    assert findings == [] and results[0].status == "verified"
    assert results[0].checks[-1] == "ok: 年初预算 100.00: the completion rate 90.00% holds with it (决算 90.00)"


def test_a_completion_rate_that_follows_a_misquoted_amount_is_reported_once():
    # the table: 80.00; the prose: 90.00 and 90.00 % of 100.00 (its own arithmetic)
    c = final(subject="支出合计", completion_pct=D("90.01"))
    findings, results = run([c], [fact("expense_year", "80.00")], ctx=FINAL)
    assert [f.kind for f in findings] == ["amount-mismatch"]
    assert any("completion 90.01% follows the misquoted amount 90.00" in x for x in results[0].checks)
    wrong = c.model_copy(update={"completion_pct": D("85.00")})
    findings, _ = run([wrong], [fact("expense_year", "80.00")], ctx=FINAL)
    assert [(f.kind, f.stated, f.expected) for f in findings][1:] == [("share-mismatch", "85.00%", "80.00%")]


def test_a_rate_cut_exactly_at_the_end_of_its_rounding_band_is_still_a_truncation():
    # Contrived figures that put the stated rate exactly 1e-9 above the highest value its
    # inputs allow (49.74999999900 ÷ 99.5 …): the truncation band includes its end, so
    # this is the warning, not an error
    c = final(amount=D("49.74999999900"), budget_amount=D("100"), completion_pct=D("50.0000000000"))
    (f,), _ = run([c], ctx=FINAL)
    assert (f.kind, f.severity, f.cause) == ("share-mismatch", "warning", TRUNCATED)


# ---------------------------------------------------------------- the 年初预算 beside a 决算


def budget_claim(amount: str = "100.00", **kw) -> Claim:
    return claim(subject="一般公共预算财政拨款支出", amount=D(amount), unit="万元", basis="budget", **kw)


def test_a_comparison_that_holds_confirms_the_budget_figure_of_the_same_sentence():
    # '年初预算为 100.00 万元，决算为 90.00 万元，决算数小于预算数': one line, two claims
    findings, results = run([budget_claim(), final(completion_pct=None, comparison="less", line=5)], ctx=FINAL)
    assert findings == [] and results[0].status == "verified"
    assert results[0].checks[-1] == "ok: 年初预算 100.00: 决算数小于预算数 holds against it (决算 90.00)"


def test_only_the_budget_figure_of_that_amount_is_confirmed():
    # a 年初预算 of another amount and a figure of no basis, between the two, stay unverified
    claims = [budget_claim("100.00"), budget_claim("95.00"), claim(subject="项目支出", amount=D("100.00"), unit="万元"),
              final()]
    _, results = run(claims, ctx=FINAL)
    assert [r.status for r in results] == ["verified", "unverified", "unverified", "verified"]


@pytest.mark.parametrize("between, confirmed", [(3, True), (4, False)])
def test_the_budget_figure_is_looked_for_among_the_four_claims_before(between, confirmed):
    others = [claim(subject=f"项目{i}", count=i + 1, count_unit="个") for i in range(between)]
    _, results = run([budget_claim(), *others, final()], ctx=FINAL)
    assert results[0].status == ("verified" if confirmed else "unverified")


# ---------------------------------------------------------------- shares forced to close a list


def listed_shares(parts: list[tuple[str, str]], total: str = "2000.00", **extra) -> list[Claim]:
    claims = [claim(subject="支出合计", amount=D(total), unit="万元")]
    for i, (amount, share) in enumerate(parts):
        claims.append(claim(subject=f"支出{i + 1}", amount=D(amount), unit="万元", share_pct=D(share), parent="支出合计",
                            **extra))
    return claims


FORCED = "shares rounded so that the list adds to 100%"


@pytest.mark.parametrize("parts, severity", [
    # 666.70 ÷ 2000.00 = 33.335 exactly: 33.35 is one and a half units off, the most allowed
    ([("666.70", "33.35"), ("1333.30", "66.65")], "warning"),
    # 666.66 ÷ 2000.00 = 33.333: 33.35 is more than one and a half units off
    ([("666.66", "33.35"), ("1333.34", "66.65")], "error"),
    # the shares add to 99.99, not 100: nothing was forced
    ([("666.70", "33.35"), ("1333.30", "66.64")], "error"),
])
def test_a_share_a_unit_off_in_a_list_adding_to_100_is_a_warning(parts, severity):
    findings, _ = run(listed_shares(parts))
    f = findings[0]
    assert (f.kind, f.subject, f.stated, f.severity) == ("share-mismatch", "支出1", "33.35%", severity)
    assert f.cause == (FORCED if severity == "warning" else None)


def test_two_shares_adding_to_100_are_a_list_forced_to_close():
    # 1000.00 and 2000.00 of 3000.00 printed as 33.34 % and 66.66 %
    findings, _ = run(listed_shares([("1000.00", "33.34"), ("2000.00", "66.66")], total="3000.00"))
    assert (findings[0].stated, findings[0].severity, findings[0].cause) == ("33.34%", "warning", FORCED)


def test_shares_of_another_list_do_not_count_towards_100():
    claims = listed_shares([("666.70", "33.35"), ("1333.30", "66.65")])
    claims.append(claim(subject="收入1", amount=D("50.00"), unit="万元", share_pct=D("10.00"), parent="收入合计"))
    findings, _ = run(claims)
    assert (findings[0].subject, findings[0].severity, findings[0].cause) == ("支出1", "warning", FORCED)


def test_shares_adding_to_100_within_half_a_unit_of_their_last_decimal():
    # amounts to the cent (six decimals of 万元), shares to three decimals adding to 100.005
    parts = [("1.000000", "33.334"), ("1.000000", "33.333"), ("1.000000", "33.338")]
    findings, _ = run(listed_shares(parts, total="3.000000"))
    f = findings[0]
    assert (f.subject, f.stated, f.severity, f.cause) == ("支出1", "33.334%", "warning", FORCED)


# ---------------------------------------------------------------- what a share is of


def test_a_share_of_a_fund_named_whole_is_not_taken_of_the_all_funds_total():
    # '占一般公共预算支出的 20.00%': 200.00 is 20 % of all funds (1000.00) but 25 % of the
    # 一般公共预算 total (800.00), the whole the sentence names
    facts = [fact("expense_year", "1000.00"), fact("gpb:total", "800.00", row="合计", table="表3")]
    c = claim(subject="基本支出", amount=D("200.00"), unit="万元", share_pct=D("20.00"), share_of="一般公共预算支出")
    (f,), _ = run([c], facts)
    assert (f.kind, f.stated, f.expected) == ("share-mismatch", "20.00%", "25.00%")
    assert "(合计 (表3))" in f.message


def test_a_share_of_a_total_never_stated_is_left_unverified():
    c = claim(subject="基本支出", amount=D("200.00"), unit="万元", share_pct=D("20.00"), parent="支出合计")
    findings, results = run([c])
    assert findings == [] and results[0].checks[-1] == "not checked: share 20.00% of an unnamed whole"


def test_a_share_is_of_the_latest_statement_of_its_total():
    # the total stated twice (the whole year, then again); the share follows the second
    claims = [claim(subject="支出合计", amount=D("4000.00"), unit="万元"),
              claim(subject="支出合计", amount=D("1000.00"), unit="万元"),
              claim(subject="基本支出", amount=D("200.00"), unit="万元", share_pct=D("20.00"), parent="支出合计")]
    _, results = run(claims)
    assert "ok: share 20.00% = 200.00 ÷ 1000.00 (支出合计)" in results[2].checks


def test_a_share_that_fits_neither_the_misquoted_nor_the_table_amount_is_a_second_finding():
    # the table: 基本支出 40.00 of 200.00; the prose: 50.00 and 30.00 % — 30 % is neither
    # 50.00 ÷ 200.00 nor 40.00 ÷ 200.00, so it is wrong on its own
    total = claim(subject="支出合计", amount=D("200.00"), unit="万元")
    part = claim(subject="基本支出", amount=D("50.00"), unit="万元", share_pct=D("30.00"), parent="支出合计")
    facts = [fact("expense_year", "200.00"), fact("basic", "40.00", row="基本支出")]
    findings, _ = run([total, part], facts)
    assert [(f.kind, f.stated, f.expected) for f in findings] == [
        ("amount-mismatch", "50.00 万元", "40.00 万元"), ("share-mismatch", "30.00%", "20.00%")]


def test_a_share_over_100_of_a_smaller_whole_is_still_judged():
    # only a stated 100 % of a smaller whole is read as a coverage statement
    total = claim(subject="支出合计", amount=D("200.00"), unit="万元")
    part = claim(subject="基本支出", amount=D("300.00"), unit="万元", share_pct=D("160.00"), parent="支出合计")
    (f,), _ = run([total, part])
    assert (f.kind, f.stated, f.expected) == ("share-mismatch", "160.00%", "150.00%")
    _, results = run([total, part.model_copy(update={"share_pct": D("100")})])
    assert "coverage statement" in results[1].checks[-1]


# ---------------------------------------------------------------- where a list of parts ends


def money_claim(subject: str, amount: str | None = None, **kw) -> Claim:
    return claim(subject=subject, amount=D(amount) if amount else None, unit="万元", **kw)


def test_a_total_stated_again_with_its_figure_owns_the_parts_after_it():
    claims = [money_claim("支出", "10.00"), money_claim("甲", "6.00", parent="支出"), money_claim("乙", "4.00", parent="支出"),
              money_claim("支出", "20.00"), money_claim("丙", "12.00", parent="支出"), money_claim("丁", "8.00", parent="支出")]
    findings, results = run(claims)
    assert findings == []
    assert "ok: 支出 10.00 = 甲 6.00 + 乙 4.00" in results[0].checks
    assert "ok: 支出 20.00 = 丙 12.00 + 丁 8.00" in results[3].checks


@pytest.mark.parametrize("between", [
    money_claim("支出", change=D("2.00"), direction="increase"),  # '支出比上年增加 2.00 万元': no figure of its own
    money_claim("支出", "12.00", basis="budget"),  # the 年初预算 beside the 决算: not the same figure stated again
])
def test_a_mention_of_the_total_without_its_own_figure_does_not_end_its_list(between):
    claims = [money_claim("支出", "10.00"), money_claim("甲", "6.00", parent="支出"), between,
              money_claim("乙", "4.00", parent="支出")]
    findings, results = run(claims, ctx=FINAL)
    assert [f.kind for f in findings] == []
    assert "ok: 支出 10.00 = 甲 6.00 + 乙 4.00" in results[0].checks


def test_a_list_of_changes_runs_past_the_total_stated_again():
    # '支出减少 3.00 万元，其中：甲减少 2.00 万元；支出 100.00 万元…乙减少 1.00 万元': the
    # changes listed after the restated figure still belong to the change
    claims = [money_claim("支出", change=D("3.00"), direction="decrease"),
              money_claim("甲", change=D("2.00"), direction="decrease", parent="支出"),
              money_claim("支出", "100.00"),
              money_claim("乙", change=D("1.00"), direction="decrease", parent="支出")]
    _, results = run(claims)
    assert "ok: change -3.00 = 甲 -2.00 乙 -1.00" in results[0].checks


def test_a_document_without_claims_gives_no_findings_and_no_warning():
    assert run([]) == ([], [])
