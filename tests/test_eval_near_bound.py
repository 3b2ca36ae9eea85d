"""The near-bound mutation family: errors planted one or two steps past the tolerance."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest

from narrative_check.evaluation.mutate import near_bound_plan, near_rates

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "eval" / "datasets" / "seeds").glob("*.txt"))


@pytest.mark.parametrize("lo, hi, like, out", [
    ("11.1103", "11.1123", "11.11", ["11.12", "11.10"]),     # 11.11 is the only value within rounding
    ("15.2844", "15.3324", "15.31", ["15.34", "15.27"]),     # 15.28 rounds from 15.2844 … and truncates from it
    ("98.5541", "98.5570", "98.56", ["98.57", "98.54"]),
    ("21.1028", "21.1039", "21.1", ["21.2", "21.0"]),
])
def test_near_rates_are_the_first_steps_outside_rounding_and_truncation(lo, hi, like, out):
    assert near_rates(D(lo), D(hi), like) == out


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_each_near_bound_case_is_just_past_its_bound(seed):
    muts = near_bound_plan(seed.read_text(encoding="utf-8"), seed=1)
    assert {m.kind for m in muts} >= {"amount-mismatch", "growth-mismatch", "period-mismatch", "total-mismatch"}
    for m in muts:
        note = m.labels[0].note
        if m.kind == "amount-mismatch":
            assert "0.01 万元 off" in note
        elif m.kind == "period-mismatch":
            assert "two years off" in note
        elif m.kind in ("growth-mismatch", "share-mismatch"):
            stated = D(note.split("→ ")[1].split("%")[0])
            lo, hi = (D(x) for x in note.rsplit(", ", 1)[1].split("%")[0].split("–"))
            step = D(1).scaleb(stated.as_tuple().exponent)
            assert stated > hi + step / 2 or stated + step <= lo  # neither rounding nor truncation
            assert stated - hi <= 2 * step or lo - stated <= 3 * step  # and no further than needed


def test_the_committed_near_bound_cases_are_labelled_as_such():
    cases = sorted((ROOT / "eval" / "datasets" / "mutated").glob("*-near-*.labels.json"))
    assert len(cases) >= 20
    for path in cases:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["mutation"]["family"] == "near-bound" and data["complete"] is True
