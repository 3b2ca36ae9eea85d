"""The tolerance code at its edges: a value just inside and just outside each bound.

Every bound here is a promise the README makes ("a figure given to 0.01 万元 matches
when it is the table value rounded to 0.01 …"); a bound made looser or tighter by one
step must fail one of these tests.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from narrative_check.compare.arithmetic import _rounding_slip, _within
from narrative_check.compare.causes import likely_cause
from narrative_check.compare.tolerance import half_ulp, matches, places, ratio_range, rounded, to_unit
from narrative_check.models import Fact


@pytest.mark.parametrize("value, n", [("1102.05", 2), ("1102.1", 1), ("1102", 0), ("0.00", 2), ("1E+2", 0), ("12.3456", 4)])
def test_places_counts_the_stated_decimals(value, n):
    assert places(D(value)) == n


@pytest.mark.parametrize("value, ulp", [("1102.05", "0.005"), ("1102.1", "0.05"), ("1102", "0.5"), ("3.141", "0.0005")])
def test_half_ulp_is_half_the_last_stated_digit(value, ulp):
    assert half_ulp(D(value)) == D(ulp)


@pytest.mark.parametrize("true, ok", [
    ("1102.05", True),
    ("1102.045", True),     # exactly half a cent below: rounds half-up to 1102.05
    ("1102.055", True),     # exactly half a cent above: rounds half-even to 1102.06, half-up too … accepted
    ("1102.0449", False),   # just outside below
    ("1102.0551", False),   # just outside above
    ("1102.04", False),     # one cent off
    ("1102.06", False),
])
def test_a_figure_to_the_cent_matches_within_half_a_cent(true, ok):
    assert matches(D("1102.05"), D(true)) is ok


@pytest.mark.parametrize("true, ok", [("1102.50", True), ("1101.50", True), ("1102.51", False), ("1101.49", False)])
def test_a_whole_wan_figure_matches_within_half_a_wan(true, ok):
    assert matches(D("1102"), D(true)) is ok


@pytest.mark.parametrize("true, ok", [("100.015", True), ("99.985", True), ("100.0151", False), ("99.9849", False)])
def test_slack_widens_the_bound_by_exactly_itself(true, ok):
    assert matches(D("100.00"), D(true), slack=D("0.01")) is ok


def test_to_unit_converts_wan_to_each_prose_unit():
    assert to_unit(D("1102.05"), "元") == D("11020500")
    assert to_unit(D("1102.05"), "亿元") == D("0.110205")
    assert to_unit(D("1102.05"), "万元") == D("1102.05")
    assert to_unit(D("1102.05"), None) == D("1102.05")  # no unit: 万元, the genre's default
    assert to_unit(D("1102.05"), "台") == D("1102.05")  # not a money unit: taken as 万元


@pytest.mark.parametrize("value, like, out", [("15.305", "0.01", "15.31"), ("15.3049", "0.01", "15.30"),
                                              ("2.5", "1", "3"), ("0.125", "0.01", "0.13")])
def test_rounded_is_half_up_to_the_stated_decimals(value, like, out):
    assert rounded(D(value), D(like)) == D(out)


def test_ratio_range_spans_the_rounding_intervals_of_both_inputs():
    lo, hi = ratio_range(D("1"), D("4"), D("0.5"), D("0.5"))
    assert lo == D("0.5") / D("4.5") * 100 and hi == D("1.5") / D("3.5") * 100


@pytest.mark.parametrize("whole, ulp", [("0", "0"), ("0.004", "0.005"), ("0.005", "0.005"), ("-0.004", "0.005")])
def test_ratio_range_of_a_whole_that_may_be_zero_is_none(whole, ulp):
    assert ratio_range(D("1"), D(whole), D("0.005"), D(ulp)) is None


def test_ratio_range_of_a_whole_just_above_its_rounding_is_a_range():
    assert ratio_range(D("1"), D("0.006"), D("0.005"), D("0.005")) is not None
    assert ratio_range(D("1"), D("1"), D("0"), D("0")) == (D("100"), D("100"))
    assert ratio_range(D("1"), D("-0.005"), D("0.005"), D("0.005")) is None  # upper end exactly zero


@pytest.mark.parametrize("stated, ok", [("15.28", True), ("15.27", False), ("15.34", True), ("15.35", False)])
def test_a_rate_matches_its_range_give_or_take_half_its_last_digit(stated, ok):
    # range 15.285–15.335; a rate stated to 0.01 may sit 0.005 outside either end, no more
    assert _within(D(stated), (D("15.285"), D("15.335"))) is ok


@pytest.mark.parametrize("stated", ["15.28", "15.34"])
def test_a_rate_just_past_half_its_last_digit_does_not_match(stated):
    assert _within(D(stated), (D("15.2851"), D("15.3349"))) is False


def test_no_range_matches_nothing():
    assert _within(D("0"), None) is False


@pytest.mark.parametrize("stated, slip", [
    ("11.11", True),    # 11.1119 cut to two decimals
    ("11.10", False),   # two steps below: neither rounding nor truncation
    ("11.12", False),   # above the range: no truncation gives more than the value
])
def test_a_rate_truncated_rather_than_rounded_is_a_slip(stated, slip):
    severity, cause = _rounding_slip(D(stated), (D("11.1112"), D("11.1119")))
    assert (severity == "warning") is slip
    assert (cause is not None) is slip


def test_a_range_that_crosses_zero_is_no_slip():
    assert _rounding_slip(D("0.00"), (D("-0.01"), D("0.01"))) == (None, None)
    assert _rounding_slip(D("1.00"), None) == (None, None)


def _fact(row: str, value: str) -> Fact:
    return Fact(concept="x", value=D(value), raw=D(value), unit="万元", table="表1", row=row, line=1)


@pytest.mark.parametrize("stated, true, cause", [
    ("34.11", "31.41", "digits transposed"),
    ("31.14", "34.11", "digits in a different order"),
    ("311.41", "31.41", "a digit doubled or added"),
    ("3.41", "31.41", "a digit dropped"),
    ("314.1", "31.41", "decimal point shifted"),
    ("31.47", "31.41", "one digit mistyped"),
    ("12.34", "56.78", None),
])
def test_likely_cause_names_the_slip(stated, true, cause):
    assert likely_cause(D(stated), D(true), [], "万元") == cause


def test_likely_cause_names_the_row_a_figure_was_taken_from():
    others = [_fact("公用经费", "0"), _fact("人员经费", "55.55")]
    assert likely_cause(D("55.55"), D("12.34"), others, "万元") == "matches 人员经费 in 表1"
    assert likely_cause(D("55.56"), D("12.34"), others, "万元") is None


@pytest.mark.parametrize("stated, true", [("123.45", "31.41"), ("1.23", "45.67")])
def test_likely_cause_claims_no_added_or_dropped_digit_that_is_not_there(stated, true):
    assert likely_cause(D(stated), D(true), [], "万元") is None


def test_likely_cause_compares_other_rows_in_the_stated_unit():
    others = [_fact("人员经费", "5.5555")]
    assert likely_cause(D("55555"), D("1234"), others, "元") == "matches 人员经费 in 表1"


@pytest.mark.parametrize("stated, rng, slip", [
    ("0.01", ("-0.005", "0.012"), False),   # a range across zero: no truncation story
    ("0.01", ("0", "0.012"), True),
    ("0.01", ("-0.012", "0"), True),
    ("11.11", ("11.105", "11.11"), True),   # exactly the top of the range
    ("11.10", ("11.11", "11.115"), False),  # one step below the bottom: truncation gives 11.11
])
def test_rounding_slip_at_its_edges(stated, rng, slip):
    severity, _ = _rounding_slip(D(stated), (D(rng[0]), D(rng[1])))
    assert (severity == "warning") is slip


def test_evidence_shows_the_cell_as_printed_and_what_a_derived_figure_is():
    from narrative_check.compare.base import evidence_of

    cell = Fact(concept="x", value=D("1.5"), raw=D("15000"), unit="元", table="表1", row="办公费", column="合计",
                line=7, page=3, text="办公费 15000")
    e = evidence_of(cell)
    assert (e.table, e.row, e.column, e.value, e.line, e.page, e.text) == (
        "表1", "办公费", "合计", "15000 元", 7, 3, "办公费 15000")
    derived = cell.model_copy(update={"unit": "", "derived": "sum of parts"})
    e = evidence_of(derived)
    assert e.value == "15000" and e.text == "办公费 15000 (sum of parts)"
