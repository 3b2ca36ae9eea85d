"""`narrative-check tables`: what was parsed, with units, totals and concepts."""

from __future__ import annotations

import json

from ..models import Fact, Table
from ..tables.facts import is_total_row, table_name


def render_tables(tables: list[Table], facts: list[Fact], fmt: str) -> str:
    if fmt == "json":
        data = {"tables": [t.model_dump(mode="json") for t in tables],
                "facts": [f.model_dump(mode="json") for f in facts]}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    out = []
    by_table: dict[str, list[Fact]] = {}
    for fact in facts:
        by_table.setdefault(fact.table, []).append(fact)
    for t in tables:
        where = f"lines {t.line_start}-{t.line_end}" + (f", page {t.page}" if t.page else "")
        out.append(f"{table_name(t)}  [{t.kind or 'unclassified'}]  unit {t.unit}, {len(t.rows)} rows, {where}")
        if t.empty_note:
            out.append(f"    empty: {t.empty_note[:60]}")
        if t.headers:
            out.append("    columns: " + " | ".join(h or "?" for h in t.headers))
        totals = [r for r in t.rows if is_total_row(r)]
        for r in totals[:2]:
            out.append(f"    {r.label}: " + " | ".join(c.text or "-" for c in r.cells))
        concepts = [f for f in by_table.get(table_name(t), []) if not f.concept.startswith(("func:", "econ:"))
                    and ":func:" not in f.concept and ":econ:" not in f.concept]
        if concepts:
            out.append("    concepts: " + ", ".join(f"{f.concept}={f.value:f}" for f in concepts[:12]))
        for w in t.warnings:
            out.append(f"    warning: {w}")
    out.append(f"{len(tables)} tables, {len(facts)} facts.")
    return "\n".join(out) + "\n"
