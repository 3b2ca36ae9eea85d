"""Every claim rule at its bounds, on claims and table facts made by hand: a value just
inside each bound gives no error, one just outside gives exactly one finding of the
right kind. The numbers are chosen so that the true rate sits well inside its last
decimal: a rate off by one step that neither rounding nor truncation explains is an
error whatever else the comparator learns about real documents."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from narrative_check.compare import compare
from narrative_check.models import Claim, Fact
from narrative_check.tables.context import DocContext

BUDGET = DocContext(year=2024, kind="预算", org="某局")
FINAL = DocContext(year=2024, kind="决算", org="某局")


def fact(concept: str, value: str, unit: str = "万元", table: str = "表1", row: str = "本年支出合计",
         derived: str | None = None) -> Fact:
    scale = {"万元": D(1), "元": D("0.0001")}[unit]
    return Fact(concept=concept, value=D(value) * scale, raw=D(value), unit=unit, table=table, row=row, line=10,
                derived=derived)


def claim(**kw) -> Claim:
    return Claim(quote=kw.pop("quote", "句子"), line=kw.pop("line", 5), **kw)


def run(claims: list[Claim], facts: list[Fact] = (), ctx: DocContext = BUDGET):
    warnings: list[str] = []
    findings, results = compare(ctx, [], list(facts), claims, warnings=warnings)
    assert warnings == []  # a rule that crashes is a failure, not a skipped family
    return [f for f in findings if f.severity != "info"], results


def kinds(findings) -> list[str]:
    return [f.kind for f in findings]


def errors(findings) -> list[str]:
    return [f.kind for f in findings if f.severity == "error"]


# ---------------------------------------------------------------- amounts


@pytest.mark.parametrize("yuan, ok", [
    ("11020549", True),   # 1102.0549 万元 → '1102.05'
    ("11020450", True),   # 1102.0450: exactly half a cent
    ("11020551", False),  # 1102.0551: just past half a cent
    ("11020449", False),
    ("11020600", False),  # 0.01 万元 off
    ("11020400", False),
])
def test_amount_to_the_cent_against_a_table_in_yuan(yuan, ok):
    findings, results = run([claim(subject="支出合计", amount=D("1102.05"), unit="万元")],
                            [fact("expense_year", yuan, unit="元")])
    assert results[0].status == ("verified" if ok else "mismatch")
    assert kinds(findings) == ([] if ok else ["amount-mismatch"])


@pytest.mark.parametrize("stated, ok", [("1102.05", True), ("1102.1", True), ("1102", True), ("1102.04", False),
                                        ("1102.06", False), ("1102.2", False), ("1103", False)])
def test_amount_tolerance_follows_the_stated_decimals(stated, ok):
    findings, _ = run([claim(subject="支出合计", amount=D(stated), unit="万元")], [fact("expense_year", "1102.05")])
    assert kinds(findings) == ([] if ok else ["amount-mismatch"])


def test_amount_mismatch_carries_its_evidence_and_both_figures():
    (f,), _ = run([claim(subject="支出合计", amount=D("1102.06"), unit="万元", quote="支出合计1102.06万元", line=7)],
                  [fact("expense_year", "1102.05")])
    assert (f.stated, f.expected, f.quote, f.line) == ("1102.06 万元", "1102.05 万元", "支出合计1102.06万元", 7)
    assert f.evidence[0].table == "表1" and f.evidence[0].value == "1102.05 万元"
    assert f.cause == "one digit mistyped" and f.severity == "error"


def test_whole_wan_figure_shows_the_table_figure_to_the_cent():
    (f,), _ = run([claim(subject="支出合计", amount=D("1105"), unit="万元")], [fact("expense_year", "1102.05")])
    assert f.stated == "1105 万元" and f.expected == "1102.05 万元"


@pytest.mark.parametrize("value, ok", [("100.015", True), ("100.0151", False)])
def test_a_derived_figure_allows_one_more_cent(value, ok):
    findings, _ = run([claim(subject="支出合计", amount=D("100.00"), unit="万元")],
                      [fact("expense_year", value, derived="sum of 基本支出 + 项目支出")])
    assert kinds(findings) == ([] if ok else ["amount-mismatch"])


def test_unit_mismatch_only_when_the_number_is_the_table_figure_in_another_unit():
    facts = [fact("expense_year", "31.41")]
    (f,), results = run([claim(subject="支出合计", amount=D("31.41"), unit="元")], facts)
    assert f.kind == "unit-mismatch" and f.cause == "万元 written as 元" and f.stated == "31.41 元"
    findings, _ = run([claim(subject="支出合计", amount=D("31.42"), unit="元")], facts)
    assert kinds(findings) == ["amount-mismatch"]
    findings, _ = run([claim(subject="支出合计", amount=D("314100"), unit="元")], facts)
    assert findings == []
    (f,), _ = run([claim(subject="支出合计", amount=D("314100"), unit="万元")], facts)
    assert f.kind == "unit-mismatch" and f.cause == "元 written as 万元"


def test_a_shifted_decimal_point_is_an_amount_not_a_unit_mismatch():
    (f,), _ = run([claim(subject="支出合计", amount=D("314.1"), unit="万元")], [fact("expense_year", "31.41")])
    assert f.kind == "amount-mismatch" and f.cause == "decimal point shifted"


def test_no_table_figure_leaves_the_claim_unverified():
    findings, results = run([claim(subject="支出合计", amount=D("1"), unit="万元")])
    assert findings == [] and results[0].status == "unverified"


# ---------------------------------------------------------------- years


@pytest.mark.parametrize("year, error, copied", [
    (2024, False, False), (2025, True, True), (2023, True, True), (2026, True, False), (2022, True, False),
])
def test_period_in_a_budget_flags_every_other_year(year, error, copied):
    findings, _ = run([claim(subject="收入合计", year=year, amount=D("1"), unit="万元")])
    assert kinds(findings) == (["period-mismatch"] if error else [])
    if error:
        f = findings[0]
        assert f.stated == str(year) and f.expected == "2024"
        assert (f.cause == "year copied from another year's document") is copied


@pytest.mark.parametrize("year, error", [(2024, False), (2025, False), (2026, True), (2023, True), (2022, True),
                                         (2029, True)])
def test_period_in_a_final_account_exempts_only_the_publication_year(year, error):
    findings, _ = run([claim(subject="收入合计", year=year, amount=D("1"), unit="万元")], ctx=FINAL)
    assert kinds(findings) == (["period-mismatch"] if error else [])


def test_period_needs_a_figure_and_spares_prior_year_words():
    assert run([claim(subject="收入合计", year=2025)])[0] == []
    # a year on a figure the tables hold for this year is wrong; on one they do not hold it
    # may be right ('纳入2018年预算管理的700万元')
    income = [fact("income_year", "1", row="本年收入合计")]
    assert kinds(run([claim(subject="收入合计", year=2025, amount=D("1"), unit="万元")], income)[0]) == ["period-mismatch"]
    assert run([claim(subject="车辆", year=2025, count=2, count_unit="辆")])[0] == []
    assert run([claim(subject="上年收入决算数", year=2023, amount=D("1"), unit="万元")], income)[0] == []
    assert run([claim(subject="收入合计", year=2025, amount=D("1"))], income, ctx=DocContext())[0] == []


# ---------------------------------------------------------------- counts


@pytest.mark.parametrize("count, ok", [(6, True), (7, False), (5, False)])
def test_project_count_against_the_project_rows(count, ok):
    facts = [fact("project_count", "6", row="项目", derived="6 project rows")]
    findings, results = run([claim(subject="项目", count=count, count_unit="个")], facts)
    assert kinds(findings) == ([] if ok else ["count-mismatch"])
    assert results[0].status == ("verified" if ok else "mismatch")
    if not ok:
        assert findings[0].expected == "6" and findings[0].stated == str(count)


def test_a_count_no_table_holds_is_unverified():
    findings, results = run([claim(subject="车辆", count=3, count_unit="辆")],
                            [fact("project_count", "6", row="项目", derived="6 project rows")])
    assert findings == [] and results[0].status == "unverified"


# ---------------------------------------------------------------- growth


def growth(rate: str, **kw) -> Claim:
    base = dict(subject="机关运行经费", amount=D("1000.00"), unit="万元", change=D("100.00"), direction="increase",
                growth_pct=D(rate), growth_direction="increase")
    base.update(kw)
    return claim(**base)


@pytest.mark.parametrize("rate, kind", [
    ("11.11", None),                 # 100 ÷ 900 = 11.111 %
    ("11.12", "error"),              # one step above: no rounding or truncation gives it
    ("11.10", "error"),              # one step below the truncated value
    ("11.2", "error"),
    ("11.1", None),                  # stated to one decimal: 11.111 rounds to 11.1
    ("11", None),
    ("12", "error"),
])
def test_growth_rate_bounds(rate, kind):
    findings, _ = run([growth(rate)])
    assert [(f.kind, f.severity) for f in findings] == ([] if kind is None else [("growth-mismatch", kind)])


def test_growth_rate_truncated_is_reported_but_not_as_an_error():
    # 4.17 ÷ 27.24 = 15.308 %: '15.30' is the truncated rate, at most a warning
    findings, _ = run([growth("15.30", amount=D("31.41"), change=D("4.17"))])
    assert errors(findings) == []
    findings, _ = run([growth("15.29", amount=D("31.41"), change=D("4.17"))])
    assert errors(findings) == []  # 4.165 ÷ 27.25 = 15.284 %: within rounding
    findings, _ = run([growth("15.27", amount=D("31.41"), change=D("4.17"))])
    assert errors(findings) == ["growth-mismatch"]
    findings, _ = run([growth("15.34", amount=D("31.41"), change=D("4.17"))])
    assert errors(findings) == ["growth-mismatch"]
    findings, _ = run([growth("15.35", amount=D("31.41"), change=D("4.17"))])
    assert errors(findings) == ["growth-mismatch"]


def test_growth_finding_names_stated_and_expected_and_cause():
    (f,), _ = run([growth("15.13", amount=D("31.41"), change=D("4.17"))])
    assert (f.stated, f.expected, f.cause) == ("15.13%", "15.31%", "digits transposed")
    (f,), _ = run([growth("11.30")])
    assert (f.stated, f.expected, f.cause) == ("11.30%", "11.11%", None)
    (f,), _ = run([growth("10.00")])
    assert f.cause == "rate computed on the current amount instead of the prior one"


def test_decrease_takes_the_prior_as_current_plus_change():
    # 100 ÷ 1100 = 9.0909 %
    assert run([growth("9.09", direction="decrease", growth_direction="decrease")])[0] == []
    assert errors(run([growth("9.10", direction="decrease", growth_direction="decrease")])[0]) == ["growth-mismatch"]
    assert errors(run([growth("11.11", direction="decrease", growth_direction="decrease")])[0]) == ["growth-mismatch"]


def test_direction_words_that_disagree():
    (f,), _ = run([growth("11.11", growth_direction="decrease")])
    assert f.kind == "direction-mismatch" and (f.stated, f.expected) == ("增加/增长", "减少/下降")
    # a change word with no amount against the rate's word
    (f,), _ = run([claim(subject="经费", direction="increase", growth_pct=D("5.00"), growth_direction="decrease")])
    assert f.kind == "direction-mismatch"
    assert run([claim(subject="经费", direction="increase", growth_pct=D("5.00"), growth_direction="increase")])[0] == []


def test_flat_and_zero_changes():
    (f,), _ = run([claim(subject="经费", amount=D("5.00"), unit="万元", change=D("0.01"), direction="flat")])
    assert f.kind == "direction-mismatch" and f.stated == "持平"
    assert run([claim(subject="经费", amount=D("5.00"), unit="万元", change=D("0"), direction="flat")])[0] == []
    (f,), _ = run([claim(subject="经费", amount=D("5.00"), unit="万元", change=D("0"), growth_pct=D("0.01"))])
    assert f.kind == "growth-mismatch" and f.expected == "0%"
    assert run([claim(subject="经费", amount=D("5.00"), unit="万元", change=D("0"), growth_pct=D("0"))])[0] == []


def test_growth_from_a_zero_base_is_not_judged():
    findings, results = run([growth("100.00", amount=D("10.00"), change=D("10.00"))])
    assert findings == [] and any("zero" in c for c in results[0].checks)


def test_growth_follows_a_misquoted_amount_reported_once():
    # the table says 1000.00; the prose says 1010.00 with change 110 and 12.22 % (110 ÷ 900)
    c = growth("12.22", subject="支出合计", amount=D("1010.00"), change=D("110.00"))
    findings, results = run([c], [fact("expense_year", "1000.00")])
    assert kinds(findings) == ["amount-mismatch"]
    assert any("follows the misquoted amount" in x for x in results[0].checks)
    # a rate that follows neither the table's amount nor the misquoted one is reported too
    findings, _ = run([c.model_copy(update={"growth_pct": D("13.00")})], [fact("expense_year", "1000.00")])
    assert kinds(findings) == ["amount-mismatch", "growth-mismatch"]


# ---------------------------------------------------------------- prior figure stated in the sentence


def prior(**kw) -> Claim:
    base = dict(subject="经费", amount=D("120.00"), unit="万元", prior_amount=D("100.00"), change=D("20.00"),
                direction="increase")
    base.update(kw)
    return claim(**base)


@pytest.mark.parametrize("change, ok", [("20.00", True), ("20.01", True), ("19.99", True), ("20.02", False),
                                        ("19.98", False)])
def test_change_against_the_prior_figure_stated(change, ok):
    findings, _ = run([prior(change=D(change))])
    assert kinds(findings) == ([] if ok else ["growth-mismatch"])
    if not ok:
        assert findings[0].expected == "20.00"


def test_direction_against_the_prior_figure_stated():
    (f,), _ = run([prior(direction="decrease")])
    assert f.kind == "direction-mismatch" and (f.stated, f.expected) == ("decrease", "increase")
    (f,), _ = run([prior(amount=D("80.00"), change=None)])
    assert f.kind == "direction-mismatch" and f.expected == "decrease"
    (f,), _ = run([prior(direction="flat", change=None)])
    assert f.kind == "direction-mismatch" and f.stated == "持平"
    assert run([prior(amount=D("100.00"), direction="flat", change=None)])[0] == []


@pytest.mark.parametrize("rate, kind", [("20.00", None), ("20.01", None), ("20.02", "error"), ("19.97", "error"),
                                        ("19.98", "warning")])
def test_rate_against_the_prior_figure_stated(rate, kind):
    findings, _ = run([prior(change=None, growth_pct=D(rate), growth_direction="increase")])
    assert [(f.kind, f.severity) for f in findings] == ([] if kind is None else [("growth-mismatch", kind)])


# ---------------------------------------------------------------- prior-year column of a table


def table_prior(**kw):
    base = dict(subject="支出合计", amount=D("120.00"), unit="万元", change=D("20.00"), direction="increase")
    base.update(kw)
    return [claim(**base)], [fact("expense_year", "120.00"), fact("prior:expense_year", "100.00", row="上年支出")]


@pytest.mark.parametrize("change, ok", [("20.00", True), ("20.01", True), ("19.99", True), ("20.02", False),
                                        ("19.98", False)])
def test_change_against_the_tables_prior_column(change, ok):
    findings, results = run(*table_prior(change=D(change)))
    assert kinds(findings) == ([] if ok else ["growth-mismatch"])
    if ok:
        assert any("prior 100.00" in c for c in results[0].checks)
    else:
        assert findings[0].evidence[0].row == "上年支出" and findings[0].expected == "20.00 万元"


def test_direction_against_the_tables_prior_column():
    (f,), _ = run(*table_prior(direction="decrease"))
    assert f.kind == "direction-mismatch" and f.expected == "increase" and f.evidence[0].row == "上年支出"


@pytest.mark.parametrize("rate, direction, kind", [
    ("20.00", "increase", None), ("20.02", "increase", "growth-mismatch"), ("19.97", "increase", "growth-mismatch"),
    ("20.00", "decrease", "direction-mismatch"),
])
def test_rate_against_the_tables_prior_column(rate, direction, kind):
    findings, _ = run(*table_prior(change=None, direction=None, growth_pct=D(rate), growth_direction=direction))
    assert errors(findings) == ([] if kind is None else [kind])
    if kind:
        assert findings[0].evidence[0].row == "上年支出"


# ---------------------------------------------------------------- shares and completion


def share(pct: str, part: str = "232.57") -> list[Claim]:
    return [claim(subject="支出合计", amount=D("1102.05"), unit="万元"),
            claim(subject="基本支出", amount=D(part), unit="万元", share_pct=D(pct), parent="支出合计")]


@pytest.mark.parametrize("pct, kind", [
    ("21.10", None),        # 232.57 ÷ 1102.05 = 21.1034 %
    ("21.1", None), ("21", None),
    ("21.11", "error"), ("21.12", "error"), ("21.08", "error"), ("21.2", "error"),
])
def test_share_bounds(pct, kind):
    findings, _ = run(share(pct))
    assert [(f.kind, f.severity) for f in findings] == ([] if kind is None else [("share-mismatch", kind)])
    if kind:
        assert findings[0].expected == f"{D('21.1034').quantize(D(pct)):f}%"


@pytest.mark.parametrize("pct, error", [("33.1", False), ("33.6", False), ("33.0", True), ("33.7", True)])
def test_a_share_of_small_figures_allows_their_rounding_and_no_more(pct, error):
    # 1.00 of 3.00: each figure is itself rounded (0.995 … 1.005 of 2.995 … 3.005), so the
    # share may honestly be anything in 33.11 … 33.56 %; a stated share outside that is wrong
    findings, _ = run([claim(subject="支出合计", amount=D("3.00"), unit="万元"),
                       claim(subject="基本支出", amount=D("1.00"), unit="万元", share_pct=D(pct), parent="支出合计")])
    assert [f.kind for f in findings] == (["share-mismatch"] if error else [])


def test_share_of_a_named_total_uses_the_table():
    c = claim(subject="基本支出", amount=D("232.57"), unit="万元", share_pct=D("21.10"), share_of="支出合计")
    findings, results = run([c], [fact("expense_year", "1102.05"), fact("basic", "232.57", row="基本支出")])
    assert findings == [] and results[0].status == "verified"
    findings, _ = run([c.model_copy(update={"share_pct": D("21.12")})],
                      [fact("expense_year", "1102.05"), fact("basic", "232.57", row="基本支出")])
    assert kinds(findings) == ["share-mismatch"]


def test_share_of_an_unnamed_or_zero_whole_is_not_judged():
    findings, results = run([claim(subject="基本支出", amount=D("1"), unit="万元", share_pct=D("50"))])
    assert findings == [] and results[0].status == "unverified"
    findings, _ = run([claim(subject="支出合计", amount=D("0"), unit="万元"),
                       claim(subject="基本支出", amount=D("0"), unit="万元", share_pct=D("50"), parent="支出合计")])
    assert findings == []


def completion(pct: str, **kw) -> Claim:
    base = dict(subject="一般公共预算财政拨款支出", amount=D("887.00"), unit="万元", basis="final",
                budget_amount=D("900.00"), completion_pct=D(pct))
    base.update(kw)
    return claim(**base)


@pytest.mark.parametrize("pct, kind", [("98.56", None), ("98.55", None), ("98.6", None), ("99", None),
                                       ("98.57", "error"), ("98.54", "error"), ("98.7", "error"),
                                       ("97", "error")])
def test_completion_bounds(pct, kind):
    # 887 ÷ 900 = 98.5556 %, over the inputs' rounding 98.5541–98.5570
    findings, _ = run([completion(pct)], ctx=FINAL)
    assert [(f.kind, f.severity) for f in findings] == ([] if kind is None else [("share-mismatch", kind)])


@pytest.mark.parametrize("amount, word, ok", [("887.00", "less", True), ("887.00", "greater", False),
                                              ("900.00", "equal", True), ("900.01", "equal", False),
                                              ("900.01", "greater", True)])
def test_completion_comparison_words(amount, word, ok):
    findings, _ = run([completion("98.56", amount=D(amount), completion_pct=None, comparison=word)], ctx=FINAL)
    assert kinds(findings) == ([] if ok else ["direction-mismatch"])


def test_completion_against_a_zero_budget_is_not_judged():
    findings, results = run([completion("100.00", budget_amount=D("0"))], ctx=FINAL)
    assert findings == [] and any("zero" in c for c in results[0].checks)


# ---------------------------------------------------------------- listed parts


def listed(total: str, values: list[str], names=("货物", "工程", "服务")) -> list[Claim]:
    return [claim(subject="政府采购", amount=D(total), unit="万元")] + [
        claim(subject=n, amount=D(v), unit="万元", parent="政府采购") for n, v in zip(names, values)]


@pytest.mark.parametrize("values, ok", [
    (["6.00", "3.00", "1.00"], True),
    (["6.00", "3.00", "1.02"], True),    # 0.02: half a cent per part and per total
    (["6.00", "3.00", "1.03"], False),   # just outside
    (["6.00", "3.00", "0.98"], True),
    (["6.00", "3.00", "0.97"], False),   # a complete list (货物, 工程, 服务) adding to less
])
def test_listed_parts_of_a_complete_list(values, ok):
    findings, results = run(listed("10.00", values))
    assert kinds(findings) == ([] if ok else ["total-mismatch"])
    if ok:
        assert results[0].status == "verified" and all(r.status == "verified" for r in results[1:])


def test_listed_parts_of_an_open_list_may_add_to_less_but_not_to_more():
    assert run(listed("10.00", ["6.00", "3.00"], names=("办公费", "印刷费")))[0] == []
    (f,), _ = run(listed("10.00", ["6.00", "4.03"], names=("办公费", "印刷费")))
    assert f.kind == "total-mismatch" and f.expected == "10.03" and f.stated == "10.00"


@pytest.mark.parametrize("names", [("办公费", "其他支出"), ])
def test_a_closing_other_part_makes_the_list_complete(names):
    (f,), _ = run(listed("10.00", ["6.00", "3.00"], names=names))
    assert f.kind == "total-mismatch"


def test_shares_adding_to_100_make_the_list_complete():
    claims = [claim(subject="支出", amount=D("10.00"), unit="万元"),
              claim(subject="甲", amount=D("6.00"), unit="万元", parent="支出", share_pct=D("60.00")),
              claim(subject="乙", amount=D("3.00"), unit="万元", parent="支出", share_pct=D("40.00"))]
    assert kinds(run(claims)[0]) == ["share-mismatch", "total-mismatch"]


def test_listed_counts():
    claims = [claim(subject="车辆", count=6, count_unit="辆"),
              claim(subject="轿车", count=4, count_unit="辆", parent="车辆"),
              claim(subject="越野车", count=3, count_unit="辆", parent="车辆")]
    (f,), _ = run(claims)
    assert f.kind == "count-mismatch" and f.expected == "7"
    claims[1] = claims[1].model_copy(update={"count": 3})
    assert run(claims)[0] == []


def test_the_whole_wan_parts_may_each_be_half_a_wan_off():
    assert run(listed("10", ["6", "3", "3"]))[0] == []  # 12 against 10: within 4 × 0.5
    assert kinds(run(listed("10", ["6", "3", "4"]))[0]) == ["total-mismatch"]


# ---------------------------------------------------------------- listed changes


def changes(total: str, direction: str, parts: list[tuple[str, str, str]]) -> list[Claim]:
    return [claim(subject="支出", change=D(total), direction=direction, unit="万元")] + [
        claim(subject=name, change=D(v), direction=d, unit="万元", parent="支出") for name, v, d in parts]


def test_listed_changes_add_up():
    claims = changes("3.59", "decrease", [("甲", "3.89", "decrease"), ("乙", "0.30", "increase")])
    findings, results = run(claims)
    assert findings == [] and results[0].status == "verified"


def test_a_part_that_repeats_the_total_is_a_total_mismatch():
    claims = changes("3.59", "decrease", [("甲", "3.59", "decrease"), ("乙", "0.30", "increase")])
    (f,), _ = run(claims)
    assert f.kind == "total-mismatch" and f.cause == "a part repeats the total's figures"
    assert (f.stated, f.expected) == ("-3.59", "-3.29")


def test_open_list_of_changes_may_leave_parts_out():
    assert run(changes("3.59", "decrease", [("甲", "2.00", "decrease"), ("乙", "0.30", "increase")]))[0] == []


# ---------------------------------------------------------------- reasons


def test_a_reason_that_contradicts_its_change():
    c = claim(subject="公务接待费", amount=D("5.00"), unit="万元", change=D("1.00"), direction="decrease",
              reason="主要原因是公务接待费增加。", reason_line=9)
    (f,), _ = run([c])
    assert f.kind == "direction-mismatch" and f.line == 9 and f.quote == "主要原因是公务接待费增加。"
    agree = c.model_copy(update={"reason": "主要原因是公务接待费减少。"})
    findings, results = run([agree])
    assert findings == [] and any("reason" in x for x in results[0].checks)
    other = c.model_copy(update={"reason": "主要原因是人员增加。"})
    assert run([other])[0] == []
