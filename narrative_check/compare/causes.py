"""Likely causes of a wrong figure, so a reviewer knows where to look."""

from __future__ import annotations

from decimal import Decimal

from ..models import Fact
from .tolerance import half_ulp, to_unit


def _digits(value: Decimal) -> str:
    return f"{abs(value).normalize():f}".replace(".", "").lstrip("0") or "0"


def likely_cause(stated: Decimal, true: Decimal, others: list[Fact], unit: str | None) -> str | None:
    """The first explanation that fits, or None."""
    s, t = _digits(stated), _digits(true)
    if s != t and sorted(s) == sorted(t) and len(s) == len(t):
        diffs = [i for i in range(len(s)) if s[i] != t[i]]
        if len(diffs) == 2 and diffs[1] == diffs[0] + 1:
            return "digits transposed"
        return "digits in a different order"
    if len(s) == len(t) + 1 and any(s[:i] + s[i + 1 :] == t for i in range(len(s))):
        return "a digit doubled or added"
    if len(s) + 1 == len(t) and any(t[:i] + t[i + 1 :] == s for i in range(len(t))):
        return "a digit dropped"
    if stated and true and s == t:
        return "decimal point shifted"
    if len(s) == len(t) and sum(a != b for a, b in zip(s, t)) == 1:
        return "one digit mistyped"
    near = half_ulp(stated) + Decimal("1e-9")  # what matches() allows, worked out once for all the facts
    for fact in others:
        if fact.value and abs(stated - to_unit(fact.value, unit)) <= near:
            return f"matches {fact.row} in {fact.table}"
    return None
