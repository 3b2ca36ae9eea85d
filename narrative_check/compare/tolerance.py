"""Rounding-aware equality: a stated figure matches when it is the true value
rounded to the precision it is stated with."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..tables.numbers import UNIT_TO_WAN


def places(value: Decimal) -> int:
    exp = value.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def half_ulp(value: Decimal) -> Decimal:
    return Decimal(5).scaleb(-places(value) - 1)


def to_unit(value_wan: Decimal, unit: str | None) -> Decimal:
    """A 万元 value expressed in ``unit``."""
    return value_wan / UNIT_TO_WAN.get(unit or "万元", Decimal(1))


def matches(stated: Decimal, true: Decimal, slack: Decimal = Decimal(0)) -> bool:
    """True when ``stated`` is ``true`` rounded to the stated decimals (half-up or
    half-even both accepted), give or take ``slack`` for sums of rounded parts."""
    return abs(stated - true) <= half_ulp(stated) + slack + Decimal("1e-9")


def rounded(value: Decimal, like: Decimal) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places(like)), rounding=ROUND_HALF_UP)


def ratio_range(part: Decimal, whole: Decimal, part_ulp: Decimal, whole_ulp: Decimal) -> tuple[Decimal, Decimal] | None:
    """part/whole × 100 over the rounding intervals of both inputs."""
    lo_w, hi_w = whole - whole_ulp, whole + whole_ulp
    if lo_w <= 0 <= hi_w or whole == 0:
        return None
    values = [(p / w) * 100 for p in (part - part_ulp, part + part_ulp) for w in (lo_w, hi_w)]
    return min(values), max(values)
