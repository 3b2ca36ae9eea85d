"""Placing the figures of a "三公" table read from space-laid text.

pdftotext drops blank cells, so a 三公 row of twelve slots (合计, 因公出国（境）费,
公务用车 小计 / 购置费 / 运行维护费, 公务接待费; each 预算数 and 决算数) may come
out as eight figures with nothing saying which slots were blank. The table's own
identities decide: 合计 = 出国 + 公务用车 + 接待, 公务用车 = 购置 + 运行. When exactly
item sits in the same slot under every choice of blank items that makes them hold,
it is placed there; an item the choices disagree on is left unplaced."""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import combinations

from .numbers import UNPLACED, parse_amount

_NAMES = {
    "total": "合计", "abroad": "因公出国（境）费", "vehicle": "公务用车购置及运行维护费/小计",
    "purchase": "公务用车购置及运行维护费/公务用车购置费", "run": "公务用车购置及运行维护费/公务用车运行维护费",
    "reception": "公务接待费",
}
# Column orders met in the templates: the national one, and one with 公务接待费 before 公务用车.
_ORDERS = {
    "vehicle_first": ["total", "abroad", "vehicle", "purchase", "run", "reception"],
    "reception_first": ["total", "abroad", "reception", "vehicle", "purchase", "run"],
}


def _holds(v: dict[str, Decimal]) -> bool:
    tol = Decimal("0.015")
    return (abs(v["total"] - v["abroad"] - v["vehicle"] - v["reception"]) <= tol
            and abs(v["vehicle"] - v["purchase"] - v["run"]) <= tol)


def place(figures: list[str], header_text: str) -> tuple[list[str], list[str]] | None:
    """(headers, cells) with the figures in their slots, or None when the header is
    not a 三公 header, nothing is missing, or the identities do not single out one
    placement."""
    text = re.sub(r"\s+", "", header_text)
    if "公务接待" not in text or "公务用车" not in text:
        return None
    periods = ["预算数", "决算数"] if "预算数" in text and "决算数" in text else [""]
    order = _ORDERS["reception_first" if text.find("公务接待") < text.find("公务用车") else "vehicle_first"]
    per = len(periods)
    values = [parse_amount(f) for f in figures]
    if any(v is None for v in values) or len(values) % per or len(values) >= 6 * per:
        return None
    present = len(values) // per
    found = []
    for blanks in combinations(range(6), 6 - present):
        items = [item for i, item in enumerate(order) if i not in blanks]
        ok = True
        for p in range(per):
            v = {item: Decimal(0) for item in order}
            for n, item in enumerate(items):
                v[item] = values[n * per + p] or Decimal(0)
            ok = ok and _holds(v)
        if ok:
            found.append(items)
    if not found:
        return None
    headers, cells = [], []
    for item in order:
        # An item placed alike by every placement that fits is certain; else unplaced.
        spots = {items.index(item) if item in items else None for items in found}
        for p, period in enumerate(periods):
            headers.append(f"{_NAMES[item]}/{period}".rstrip("/"))
            if len(spots) > 1:
                cells.append(UNPLACED)
            else:
                spot = next(iter(spots))
                cells.append("" if spot is None else figures[spot * per + p])
    return headers, cells
