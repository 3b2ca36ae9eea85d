"""The comparator with no document and no LLM: claims and facts made by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from narrative_check.compare import compare
from narrative_check.models import Claim, Fact
from narrative_check.tables.context import DocContext

CTX = DocContext(year=2024, kind="预算", org="某局")


def fact(concept: str, value: str, unit: str = "万元", table: str = "收支总表", row: str = "本年支出合计") -> Fact:
    scale = {"万元": D(1), "元": D("0.0001")}[unit]
    return Fact(concept=concept, value=D(value) * scale, raw=D(value), unit=unit, table=table, row=row, line=10)


def run(claims, facts):
    findings, results = compare(CTX, [], facts, claims)
    return [f for f in findings if f.severity != "info"], results


def claim(**kw) -> Claim:
    return Claim(quote=kw.pop("quote", "句子"), line=kw.pop("line", 5), **kw)


@pytest.mark.parametrize("stated, ok", [("1102.05", True), ("1102.1", True), ("1102", True), ("1102.04", False)])
def test_tolerance_follows_stated_precision(stated, ok):
    findings, results = run([claim(subject="支出合计", amount=D(stated), unit="万元")], [fact("expense_year", "1102.05")])
    assert (results[0].status == "verified") is ok


def test_thousands_separators_are_read_by_the_extractor():
    from narrative_check import check

    (result,) = check("2024年本部门支出合计1,102.05万元。", text=True).claims
    assert result.claim.amount == D("1102.05") and result.claim.quote.count("1,102.05") == 1


def test_table_in_yuan_prose_in_wan():
    findings, results = run([claim(subject="支出合计", amount=D("37151.47"), unit="万元")],
                            [fact("expense_year", "371514655.00", unit="元")])
    assert results[0].status == "verified" and not findings


def test_whole_wan_prose_against_yuan_table():
    _, results = run([claim(subject="支出合计", amount=D("37151"), unit="万元")], [fact("expense_year", "371514655.00", "元")])
    assert results[0].status == "verified"


def test_growth_uses_rounding_intervals():
    # 4.17 / (31.41 - 4.17) = 15.308…%. Inputs rounded to 0.01 allow 15.28–15.33; 15.13 is wrong.
    good = claim(subject="机关运行经费", amount=D("31.41"), unit="万元", change=D("4.17"), direction="increase",
                 growth_pct=D("15.31"), growth_direction="increase")
    assert run([good], [])[0] == []
    assert run([good.model_copy(update={"growth_pct": D("15.30")})], [])[0] == []
    (f,) = run([good.model_copy(update={"growth_pct": D("15.13")})], [])[0]
    assert f.kind == "growth-mismatch" and f.expected == "15.31%"


def test_rate_on_the_wrong_base_is_named():
    c = claim(subject="收入", amount=D("534.77"), unit="万元", change=D("24.72"), direction="increase",
              growth_pct=D("4.62"), growth_direction="increase")
    (f,) = run([c], [])[0]
    assert f.cause == "rate computed on the current amount instead of the prior one"


def test_decrease_computes_prior_as_current_plus_change():
    c = claim(subject="经费", amount=D("10.00"), unit="万元", change=D("2.00"), direction="decrease",
              growth_pct=D("16.67"), growth_direction="decrease")
    assert run([c], [])[0] == []


def test_zero_change_with_increase_word_is_fine_but_flat_with_change_is_not():
    assert run([claim(subject="三公经费", amount=D("0"), unit="万元", change=D("0"), direction="increase")], [])[0] == []
    (f,) = run([claim(subject="经费", amount=D("5"), unit="万元", change=D("1"), direction="flat")], [])[0]
    assert f.kind == "direction-mismatch"


def test_share_uses_table_value_when_the_part_is_misquoted():
    total = claim(subject="支出合计", amount=D("1102.05"), unit="万元")
    part = claim(subject="基本支出", amount=D("235.27"), unit="万元", share_pct=D("21.10"), parent="支出合计")
    findings, _ = run([total, part], [fact("expense_year", "1102.05"), fact("basic", "232.57", row="基本支出")])
    assert [f.kind for f in findings] == ["amount-mismatch"]  # not also a share-mismatch


def test_listed_parts_exceeding_the_total():
    total = claim(subject="政府采购", amount=D("10.00"), unit="万元")
    parts = [claim(subject=s, amount=D(v), unit="万元", parent="政府采购") for s, v in [("货物", "6.00"), ("工程", "3.00"), ("服务", "2.00")]]
    (f,) = run([total, *parts], [])[0]
    assert f.kind == "total-mismatch" and f.expected == "11.00"
    # whole 万元 parts may each be half a 万元 off: 6 + 3 + 2 against 10 is within rounding
    loose = [p.model_copy(update={"amount": D(int(p.amount))}) for p in parts]
    assert run([total, *loose], [])[0] == []


def test_budget_completion_and_comparison():
    c = claim(subject="一般公共预算财政拨款支出", amount=D("882.00"), unit="万元", basis="final", budget_amount=D("900.00"),
              completion_pct=D("98.00"), comparison="greater")
    findings, _ = run([c], [])
    assert [f.kind for f in findings] == ["direction-mismatch"]


def test_unverified_is_info_and_keeps_the_quote():
    findings, results = compare(CTX, [], [], [claim(subject="固定资产", amount=D("3"), unit="万元", quote="固定资产3万元。")])
    assert results[0].status == "unverified"
    assert findings[0].kind == "unverified" and findings[0].severity == "info" and findings[0].quote == "固定资产3万元。"


def test_period_mismatch_but_not_for_prior_year_words():
    assert [f.kind for f in run([claim(subject="收入合计", year=2025, amount=D("1"), unit="万元")], [])[0]] == ["period-mismatch"]
    assert run([claim(subject="上年收入决算数", year=2023, amount=D("1"), unit="万元")], [])[0] == []


def test_cross_table_odd_one_out():
    facts = [fact("func:208", "172.83", table="表1"), fact("func:208", "172.83", table="表3"),
             fact("func:208", "172.38", table="表5")]
    findings, _ = compare(CTX, [], facts, [])
    (f,) = findings
    assert f.kind == "cross-table-mismatch" and f.stated == "172.38 万元" and f.evidence[0].table == "表5"


def test_a_failing_rule_family_costs_only_its_own_findings(monkeypatch):
    import narrative_check.compare as comparator

    def check_cross_tables(*_):  # the rule, broken
        raise RuntimeError("boom")

    monkeypatch.setattr(comparator, "check_cross_tables", check_cross_tables)
    warnings: list[str] = []
    findings, _ = comparator.compare(CTX, [], [fact("expense_year", "1102.05")],
                                     [claim(subject="支出合计", amount=D("1120.05"), unit="万元")], warnings=warnings)
    assert [f.kind for f in findings] == ["amount-mismatch"]
    assert warnings == ["rule check_cross_tables skipped after an internal error: RuntimeError: boom"]


def test_a_misread_table_gives_one_warning_not_a_flood():
    from narrative_check.compare.tables import check_tables
    from narrative_check.tables.grid import GridRow, table_from_grid

    grid = [GridRow(["科目编码", "科目名称", "合计"], 1)] + [
        GridRow([code, f"项{i}", value], i + 2)
        for i, (code, value) in enumerate([("201", "10.00"), ("20101", "3.00"), ("208", "10.00"), ("20801", "4.00"),
                                           ("210", "10.00"), ("21001", "5.00"), ("221", "10.00"), ("22101", "6.00"),
                                           ("213", "10.00"), ("21301", "7.00")])]
    table = table_from_grid(grid, "支出表", 1, 12)
    (f,) = check_tables([table])
    assert f.severity == "warning" and "may not have been read right" in f.message
