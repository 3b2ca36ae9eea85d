"""Table figures bounded by another table: a part can never exceed its whole.

A 一般公共预算 basic-expenditure row such as 30217 公务接待费 is part of the "三公"
table's 公务接待费 (which covers 财政拨款 basic and project spending): a basic row
larger than the whole is an error in one of the two tables. Which rows are bounded
by which figure is data (concepts.json 'bounded_by')."""

from __future__ import annotations

from decimal import Decimal

from ..models import Fact, Finding, Table
from ..tables.concepts import catalogue, concept_name
from ..tables.facts import table_name
from .base import evidence_of, make_finding


def _bounds() -> tuple[set[str], dict[str, str]]:
    spec = catalogue().get("bounded_by", {})
    kinds = set(spec.get("tables", []))
    return kinds, {k: v for k, v in spec.items() if not k.startswith("_") and k != "tables"}


def check_bounds(facts: list[Fact], tables: list[Table]) -> list[Finding]:
    kinds, bounds = _bounds()
    kind_of = {table_name(t): t.kind for t in tables}
    wholes: dict[str, Fact] = {}
    for fact in facts:
        if fact.derived is None and kind_of.get(fact.table) == "sangong":
            wholes.setdefault(fact.concept, fact)
    over: dict[str, list[tuple[Fact, Fact]]] = {}
    for fact in facts:
        if fact.derived is not None or kind_of.get(fact.table) not in kinds:
            continue
        concept = fact.concept.split(":", 1)[1] if fact.concept.startswith("gpb:") else fact.concept
        whole = wholes.get(bounds.get(concept, ""))
        if whole is None:
            continue
        # Both figures may carry half a unit of rounding in their last place.
        slack = Decimal("0.01") if fact.unit == "万元" or whole.unit == "万元" else Decimal("0.0001")
        if fact.value > whole.value + slack:
            over.setdefault(fact.table, []).append((fact, whole))
    out: list[Finding] = []
    for table, pairs in over.items():
        # One finding per table: its rows share one cause (the two tables disagree).
        parts = "; ".join(f"{f.row} {f.raw:f} {f.unit} > {concept_name(w.concept)} {w.raw:f} {w.unit}" for f, w in pairs)
        first, whole = pairs[0]
        out.append(make_finding(
            "cross-table-mismatch",
            f"{table}: {len(pairs)} row{'s' if len(pairs) > 1 else ''} larger than the whole \"三公\" figure of "
            f"{whole.table} they are part of ({parts})",
            quote=" | ".join(dict.fromkeys(f.text or f.row for f, _ in pairs)), line=first.line, page=first.page,
            stated=f"{first.raw:f} {first.unit}", expected=f"at most {whole.raw:f} {whole.unit}",
            evidence=[evidence_of(x) for pair in pairs for x in pair], subject=first.row,
            cause="a part larger than its whole"))
    return out
