"""Metrics over hand-made matches: the numbers the scoreboard prints."""

import pytest

from narrative_check.evaluation.cases import Label
from narrative_check.evaluation.match import match_case
from narrative_check.evaluation.metrics import exact_matches, f1, overall, per_kind, ratio
from narrative_check.models import Finding


def F(kind, quote, severity="error"):
    return Finding(kind=kind, code="NC000", severity=severity, message="m", quote=quote, line=1)


def L(kind, anchor):
    return Label(kind=kind, anchor=anchor)


@pytest.fixture
def matches():
    return [
        # hit + double report
        match_case([L("growth-mismatch", "增长 292.06%")],
                   [F("growth-mismatch", "增长292.06%"), F("growth-mismatch", "增长 292.06%")], True),
        # miss + false alarm of another kind
        match_case([L("period-mismatch", "2025 年收入合计")], [F("amount-mismatch", "支出合计 1102.05 万元")], True),
        # clean document, no findings: exact
        match_case([], [], True),
        # incomplete: a hit, and an extra finding that is not scored
        match_case([L("share-mismatch", "占 12.10%")], [F("share-mismatch", "占 12.10%"), F("amount-mismatch", "z")], False),
    ]


def test_ratio_and_f1_edges():
    assert ratio(0, 0) is None and ratio(1, 4) == 0.25
    assert f1(None, 1.0) is None and f1(0.0, 0.0) == 0.0 and f1(1.0, 0.5) == pytest.approx(2 / 3)


def test_overall(matches):
    s = overall(matches)
    assert (s.tp, s.tp_complete, s.fp, s.fn, s.duplicates) == (2, 1, 1, 1, 1)
    assert s.precision == 0.5          # 1 complete hit / (1 + 1 false alarm)
    assert s.recall == pytest.approx(2 / 3)
    assert s.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))


def test_per_kind(matches):
    k = per_kind(matches)
    assert (k["growth-mismatch"].tp, k["growth-mismatch"].duplicates, k["growth-mismatch"].precision) == (1, 1, 1.0)
    assert k["period-mismatch"].recall == 0.0 and k["period-mismatch"].precision is None
    assert k["amount-mismatch"].fp == 1 and k["amount-mismatch"].precision == 0.0 and k["amount-mismatch"].recall is None
    assert k["share-mismatch"].recall == 1.0 and k["share-mismatch"].precision is None  # incomplete only
    assert k["unit-mismatch"].tp == k["unit-mismatch"].fp == 0


def test_per_kind_keeps_unknown_reported_kinds():
    m = [match_case([], [F("stale-figure", "x")], True)]
    assert per_kind(m)["stale-figure"].fp == 1


def test_exact_matches(matches):
    assert exact_matches(matches) == 3  # case 2 has a miss and a false alarm


def test_empty_run():
    s = overall([])
    assert s.precision is None and s.recall is None and s.f1 is None
