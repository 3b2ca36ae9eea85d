"""Property-based tests of the arithmetic rules: a generated consistent table and prose
give no error; one perturbed figure gives exactly one finding, of the right kind.

The generators keep inputs where a rate's rounding interval is narrow (a base of at
least 100.00 万元, a change no larger than its base, parts of at least 100.00), so a
perturbation of three steps in the last decimal is outside every tolerance the README
promises, truncation included; smaller perturbations are the boundary tests' job."""

from __future__ import annotations

import os
from decimal import ROUND_HALF_UP, Decimal as D

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from narrative_check.compare import compare
from narrative_check.compare.tables import check_cross_tables, check_tables
from narrative_check.models import Cell, Claim, Fact, Row, Table
from narrative_check.tables.context import DocContext

CTX = DocContext(year=2024, kind="预算", org="某局")
CENT = D("0.01")
# Fewer examples per mutant under mutation testing (benchmarks/mutation.py), where these
# run once for every surviving mutant; the full 60 in the test suite.
SETTINGS = settings(max_examples=12 if os.environ.get("MUTANT_UNDER_TEST") else 60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

cents = st.integers(min_value=10_000, max_value=5_000_000).map(lambda n: D(n).scaleb(-2))  # 100.00 … 50000.00
steps = st.integers(min_value=3, max_value=40).flatmap(lambda k: st.sampled_from([k, -k]))


def pct(part: D, whole: D) -> D:
    return (part / whole * 100).quantize(CENT, rounding=ROUND_HALF_UP)


def claim(**kw) -> Claim:
    return Claim(quote=kw.pop("quote", "句子"), line=kw.pop("line", 5), **kw)


def findings_of(claims, facts=(), tables=()):
    warnings: list[str] = []
    found, _ = compare(CTX, list(tables), list(facts), claims, warnings=warnings)
    assert warnings == []
    return [f for f in found if f.severity != "info"]


def growth_claim(prior: D, change: D, rate: D, direction: str) -> Claim:
    current = prior + change if direction == "increase" else prior - change
    return claim(subject="经费", amount=current, unit="万元", change=change, direction=direction,
                 growth_pct=rate, growth_direction=direction)


@st.composite
def growths(draw):
    prior = draw(cents)
    change = draw(st.integers(min_value=100, max_value=int(prior * 100)).map(lambda n: D(n).scaleb(-2)))
    direction = draw(st.sampled_from(["increase", "decrease"]))
    assume(direction == "increase" or change < prior)
    return prior, change, direction


@SETTINGS
@given(growths())
def test_a_correct_growth_rate_gives_no_finding(case):
    prior, change, direction = case
    assert findings_of([growth_claim(prior, change, pct(change, prior), direction)]) == []


@SETTINGS
@given(growths(), steps)
def test_a_growth_rate_off_by_three_steps_or_more_is_one_growth_error(case, k):
    prior, change, direction = case
    rate = pct(change, prior) + k * CENT
    assume(rate > 0)
    (f,) = findings_of([growth_claim(prior, change, rate, direction)])
    assert (f.kind, f.severity) == ("growth-mismatch", "error")
    assert f.expected == f"{pct(change, prior):f}%"


@st.composite
def breakdowns(draw, low=cents):
    parts = draw(st.lists(low, min_size=2, max_size=5))
    return sum(parts, D(0)), parts


def share_claims(total: D, parts: list[D], shares: list[D]) -> list[Claim]:
    return [claim(subject="支出合计", amount=total, unit="万元")] + [
        claim(subject=f"项目{i}", amount=p, unit="万元", share_pct=s, parent="支出合计")
        for i, (p, s) in enumerate(zip(parts, shares))]


@SETTINGS
@given(breakdowns())
def test_correct_shares_of_parts_that_add_up_give_no_finding(case):
    total, parts = case
    assert findings_of(share_claims(total, parts, [pct(p, total) for p in parts])) == []


@SETTINGS
@given(breakdowns(), steps, st.data())
def test_one_share_off_by_three_steps_or_more_is_one_share_error(case, k, data):
    total, parts = case
    shares = [pct(p, total) for p in parts]
    i = data.draw(st.integers(min_value=0, max_value=len(parts) - 1))
    shares[i] += k * CENT
    assume(shares[i] > 0)
    (f,) = findings_of(share_claims(total, parts, shares))
    assert (f.kind, f.severity, f.subject) == ("share-mismatch", "error", f"项目{i}")


def purchase_claims(total: D, parts: list[D]) -> list[Claim]:
    return [claim(subject="政府采购", amount=total, unit="万元")] + [
        claim(subject=name, amount=p, unit="万元", parent="政府采购") for name, p in zip(("货物", "工程", "服务"), parts)]


@SETTINGS
@given(st.lists(cents, min_size=3, max_size=3), st.integers(min_value=-2, max_value=2))
def test_a_complete_list_within_rounding_gives_no_finding(parts, k):
    # three parts and a total each carry half a cent: a 0.02 gap is rounding
    assert findings_of(purchase_claims(sum(parts, D(0)) + k * CENT, parts)) == []


@SETTINGS
@given(st.lists(cents, min_size=3, max_size=3), steps)
def test_a_complete_list_off_by_three_cents_or_more_is_one_total_error(parts, k):
    (f,) = findings_of(purchase_claims(sum(parts, D(0)) + k * CENT, parts))
    assert (f.kind, f.severity) == ("total-mismatch", "error") and f.expected == f"{sum(parts, D(0)):f}"


def coded_table(items: list[D], klass: D) -> Table:
    def row(code: str, value: D, line: int) -> Row:
        return Row(label=f"科目{code}", code=code, line=line,
                   cells=[Cell(column=0, text=f"{value:f}", value=value, line=line)])

    rows = [row("208", klass, 1)] + [row(f"2080{i + 1}", v, i + 2) for i, v in enumerate(items)]
    return Table(title="支出表", kind="expense", rows=rows, line_start=1, line_end=len(rows))


@SETTINGS
@given(st.lists(cents, min_size=2, max_size=8), st.data())
def test_a_table_class_within_half_a_cent_per_item_gives_no_finding(items, data):
    slack = len(items) // 2  # half a cent per item, in whole cents
    k = data.draw(st.integers(min_value=-slack, max_value=slack))
    assert check_tables([coded_table(items, sum(items, D(0)) + k * CENT)]) == []


@SETTINGS
@given(st.lists(cents, min_size=2, max_size=8), st.data())
def test_one_item_off_past_the_tolerance_is_one_total_error(items, data):
    i = data.draw(st.integers(min_value=0, max_value=len(items) - 1))
    k = data.draw(st.integers(min_value=len(items) // 2 + 1, max_value=500))
    total = sum(items, D(0))
    items = list(items)
    items[i] += data.draw(st.sampled_from([k, -k])) * CENT
    (f,) = check_tables([coded_table(items, total)])
    assert (f.kind, f.severity, f.stated) == ("total-mismatch", "error", f"{total:f} 万元")
    assert f.expected == f"{sum(items, D(0)):f} 万元"


def fact(value: D, table: str, unit: str = "万元") -> Fact:
    scale = {"万元": D(1), "元": D("0.0001")}[unit]
    return Fact(concept="func:208", value=value * scale, raw=value, unit=unit, table=table, row="社会保障和就业支出", line=9)


@SETTINGS
@given(cents, st.integers(min_value=2, max_value=4))
def test_one_figure_printed_alike_in_several_tables_gives_no_finding(value, n):
    facts = [fact(value, f"表{i}") for i in range(n)] + [fact(value * 10000, "表9", "元")]
    assert check_cross_tables(facts) == []


@SETTINGS
@given(cents, st.integers(min_value=1, max_value=10_000).flatmap(lambda k: st.sampled_from([k, -k])))
def test_one_copy_off_by_a_cent_or_more_is_one_cross_table_finding(value, k):
    facts = [fact(value, "表1"), fact(value, "表3"), fact(value + k * CENT, "表5")]
    (f,) = check_cross_tables(facts)
    assert f.kind == "cross-table-mismatch" and f.evidence[0].table == "表5" and f.expected == f"{value:f} 万元"


@SETTINGS
@given(st.integers(min_value=10_000, max_value=10**9))
def test_an_amount_in_wan_against_a_table_in_yuan(yuan):
    table_value = D(yuan) / 10000
    stated = table_value.quantize(CENT, rounding=ROUND_HALF_UP)
    facts = [Fact(concept="expense_year", value=table_value, raw=D(yuan), unit="元", table="表1", row="支出合计", line=9)]
    assert findings_of([claim(subject="支出合计", amount=stated, unit="万元")], facts) == []
    for k in (2, -2):
        (f,) = findings_of([claim(subject="支出合计", amount=stated + k * CENT, unit="万元")], facts)
        assert f.kind == "amount-mismatch" and f.expected.endswith(" 万元")
        assert abs(D(f.expected.split()[0]) - table_value) <= D("0.005")  # the table figure to the cent
