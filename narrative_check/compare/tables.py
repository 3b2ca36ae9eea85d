"""The tables against themselves: totals that are not the sum of their parts, and one
figure printed with different values in two tables."""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from ..models import Cell, Evidence, Fact, Finding, Row, Table
from ..tables.concepts import catalogue, column_concept, concept_name, identities, normalize_label
from ..tables.facts import is_total_row, table_name
from ..tables.numbers import UNPLACED, run_together
from ..tables.reading import misaligned
from .base import evidence_of, make_finding

_TOP_NUMBERED = re.compile(r"^\s*[一二三四五六七八九十]+[、.．]")
_YEAR_TOTAL = re.compile(r"^本年(?:收入|支出)合计$")
_BALANCE = re.compile(r"结转|结余|事业基金|弥补收支|上缴|分配")
_GRAND_TOTAL = re.compile(r"^(?:收入|支出)?总计$")


def _v(cell: Cell | None) -> Decimal:
    return cell.value if cell is not None and cell.value is not None else Decimal(0)


def _cell(row: Row, column: int) -> Cell | None:
    return next((c for c in row.cells if c.column == column), None)


def _tolerance(count: int, unit: str) -> Decimal:
    # Each printed part may carry half a cent of rounding (尾数误差); a table in 元
    # is exact to the fen, but conversion from 万元 sources rounds too.
    return Decimal("0.005") * max(count, 1) + Decimal("0.0000001")


def _finding(table: Table, row: Row, column: int, stated: Decimal, summed: Decimal, parts: list[Row], what: str) -> Finding:
    """A total that does not add up. In a table printed in whole 元, a gap of a few
    元 comes from rounding upstream (尾数误差): reported, but as a warning."""
    cell = _cell(row, column)
    gap = abs(stated - summed)
    rounding = table.unit == "元" and gap <= max(len(parts), 1)
    header = cell.header if cell and cell.header else f"column {column + 1}"
    evidence = [Evidence(table=table_name(table), row=p.label, column=header, value=f"{_v(_cell(p, column)):f} {table.unit}",
                         line=p.line, page=p.page, text=p.text) for p in parts[:12]]
    return make_finding(
        "total-mismatch",
        f"{table_name(table)}: {row.label or 'total'} ({header}) is {stated:f} {table.unit}, but {what} to "
        f"{summed:f} {table.unit}",
        quote=row.text or row.label, line=row.line, page=row.page,
        stated=f"{stated:f} {table.unit}", expected=f"{summed:f} {table.unit}", evidence=evidence, subject=row.label,
        cause=f"a {gap:f} 元 rounding gap" if rounding else None, severity="warning" if rounding else None,
    )


def unreadable(row: Row) -> bool:
    """A row whose cells ran together in extraction: its figures are not evidence."""
    return any(run_together(c.text) for c in row.cells) or run_together(row.label)


def _sum_check(table: Table, total: Row, parts: list[Row], what: str) -> list[Finding]:
    if unreadable(total) or any(unreadable(p) for p in parts):
        return []  # reported once as a reading warning (tables.grid), never as a total mismatch
    out = []
    for cell in total.cells:
        if any((c := _cell(r, cell.column)) is not None and c.text == UNPLACED for r in [total] + parts):
            continue  # a figure a space-laid row could not place
        if cell.value is None and not any(_cell(p, cell.column) and _cell(p, cell.column).value for p in parts):
            continue
        summed = sum((_v(_cell(p, cell.column)) for p in parts), Decimal(0))
        if abs(summed - _v(cell)) > _tolerance(len(parts), table.unit):
            out.append(_finding(table, total, cell.column, _v(cell), summed, parts, what))
    return out


def _code_hierarchy(table: Table) -> list[Finding]:
    """A 类 row is the sum of its 款 rows, a 款 the sum of its 项 rows; the table's
    total row the sum of its top-level coded rows. A code printed on several rows
    (split by a second classification, e.g. 政府经济分类 501 / 505) counts as the sum
    of its rows."""
    out: list[Finding] = []
    for side in {r.side for r in table.rows}:
        rows = [r for r in table.rows if r.side == side]
        coded = [r for r in rows if r.code]
        by_code: dict[str, list[Row]] = defaultdict(list)
        by_parent: dict[str, list[Row]] = defaultdict(list)  # one pass, not all pairs
        for r in coded:
            by_code[r.code or ""].append(r)
            by_parent[(r.code or "")[:-2]].append(r)
        for code, parents in by_code.items():
            children = by_parent.get(code, [])
            if not children:
                continue
            if len(parents) == 1:
                double = _double_counted(table, parents[0], children)
                out += double or _sum_check(table, parents[0], children, f"its {_count(len(children), 'sub-item')} {_verb(len(children))}")
            else:
                out += _group_sum_check(table, parents, children)
        if coded:
            top = min(len(r.code or "") for r in coded)
            tops = [r for r in coded if len(r.code or "") == top]
            totals = [r for r in rows if is_total_row(r)]
            if totals and len(tops) >= 1 and top in (3, 5) and len({(r.code or "")[:3] for r in coded}) == len({(r.code or "")[:3] for r in tops}):
                out += _sum_check(table, totals[0], tops, f"the {_count(len(tops), 'top-level item')} {_verb(len(tops))}")
    return out


def _double_counted(table: Table, parent: Row, children: list[Row]) -> list[Finding]:
    """A sub-item printed with its class total ('30299 其他商品和服务支出' = the 302
    total) while the other sub-items already add up to it: the total is counted
    twice. Reported on that sub-item's row, where the error is."""
    if unreadable(parent) or any(unreadable(c) for c in children):
        return []
    total = _v(_cell(parent, 0))
    summed = sum((_v(_cell(c, 0)) for c in children), Decimal(0))
    tolerance = _tolerance(len(children), table.unit)
    if not total or abs(summed - total) <= tolerance:
        return []
    for child in children:
        rest = summed - _v(_cell(child, 0))
        if abs(_v(_cell(child, 0)) - total) <= tolerance and abs(rest - total) <= tolerance:
            header = child.cells[0].header if child.cells and child.cells[0].header else "column 1"
            evidence = [Evidence(table=table_name(table), row=r.label, column=header,
                                 value=f"{_v(_cell(r, 0)):f} {table.unit}", line=r.line, page=r.page, text=r.text)
                        for r in [parent] + [c for c in children if c is not child][:11]]
            return [make_finding(
                "total-mismatch",
                f"{table_name(table)}: {child.code} {child.label} is {_v(_cell(child, 0)):f} {table.unit}, the whole "
                f"{parent.code} total, while the other {_count(len(children) - 1, 'sub-item')} already {_verb(len(children) - 1)} to {rest:f} "
                f"{table.unit}", quote=child.text or child.label, line=child.line, page=child.page,
                stated=f"{_v(_cell(child, 0)):f} {table.unit}", expected=f"{total - rest:f} {table.unit}",
                evidence=evidence, subject=child.label, cause="the class total is counted twice (double-counted row)")]
    return []


def _group_sum_check(table: Table, parents: list[Row], children: list[Row]) -> list[Finding]:
    """Several rows of one code against all its sub-items: reported on the first row."""
    if any(unreadable(r) for r in parents + children):
        return []
    out = []
    for cell in parents[0].cells:
        stated = sum((_v(_cell(p, cell.column)) for p in parents), Decimal(0))
        summed = sum((_v(_cell(c, cell.column)) for c in children), Decimal(0))
        if abs(summed - stated) > _tolerance(len(children) + len(parents), table.unit):
            out.append(_finding(table, parents[0], cell.column, stated, summed, children,
                                f"its {_count(len(children), 'sub-item')} (its {len(parents)} rows together) "
                                f"{_verb(len(children))}"))
    return out


def _summary_sides(table: Table) -> list[Finding]:
    """收支总表: 本年收入合计 = the numbered items above it; 收入总计 = 本年收入合计 + the
    numbered items between it and 总计 (上年结转 …). The same on the 支出 side."""
    out: list[Finding] = []
    for side in ("income", "expense"):
        rows = [r for r in table.rows if r.side == side]
        year_i = next((i for i, r in enumerate(rows) if _YEAR_TOTAL.match(normalize_label(r.label))), None)
        grand_i = next((i for i, r in enumerate(rows) if _GRAND_TOTAL.match(normalize_label(r.label))), None)
        if year_i is None:
            continue
        items = [r for r in rows[:year_i] if _TOP_NUMBERED.match(r.label)]
        if len(items) >= 2:
            out += _sum_check(table, rows[year_i], items, f"the {len(items)} items above it add")
        if grand_i is not None and grand_i > year_i:
            # Between 本年合计 and 总计 only numbered items and carry-over / balance rows
            # count; unnumbered rows under them break those down by fund.
            extra = [r for r in rows[year_i + 1 : grand_i]
                     if _TOP_NUMBERED.match(r.label) or _BALANCE.search(normalize_label(r.label))]
            out += _sum_check(table, rows[grand_i], [rows[year_i]] + extra, "本年合计 and the items after it add")
    return out


def _groups(headers: list[str]) -> dict[str, list[int]] | None:
    """Column groups of a header like '合计 | 基本支出/小计 | 基本支出/人员经费/… | 项目支出/小计'."""
    if not headers or not all(headers):
        return None
    parts = [h.split("/") for h in headers]
    common = 0
    while all(len(p) > common + 1 and p[common] == parts[0][common] for p in parts[1:]) and len(parts[0]) > common + 1:
        common += 1
    # Column 0 must be the total of the whole table, not of one column group.
    if not re.fullmatch(r"合计|总计", "/".join(parts[0][common:])):
        return None
    groups: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(parts[1:], start=1):
        groups[p[common] if len(p) > common else headers[i]].append(i)
    return groups


def _nest_by_concept(groups: dict[str, list[int]], headers: list[str]) -> None:
    """A flat header ('合计 | 因公出国 | 公务接待费 | 公务用车购置及运行维护费 | 购置费 | 运行维护费')
    hides that some columns break another down. Where the catalogue says a column's
    concept is the sum of other columns' concepts, those columns join its group, with
    the parent column as the group's 小计."""
    concept_of = {i: column_concept(h) for i, h in enumerate(headers)}
    for parent_col, parent in concept_of.items():
        parts = identities().get(parent or "", [])
        part_cols = [i for i, c in concept_of.items() if c in parts]
        if not parts or not part_cols or len(part_cols) > len(parts):
            continue
        parent_group = next((g for g, cols in groups.items() if parent_col in cols), None)
        if parent_group is None or len(groups[parent_group]) != 1:
            continue  # the header already nests the parent's columns
        if len(part_cols) < len(parts):
            # a flat header with only some parts ('公务用车购置及运行维护费 | 购置费'): they
            # break the parent down, as under 其中, and are no column group of their own
            for i in part_cols:
                headers[i] = "其中/" + headers[i]
            continue
        for g in [g for g, cols in groups.items() if set(cols) <= set(part_cols)]:
            groups[parent_group].extend(groups.pop(g))
        headers[parent_col] = headers[parent_col] + "/小计" if not headers[parent_col].endswith("/小计") else headers[parent_col]


def _column_identities(table: Table) -> list[Finding]:
    """合计 = the sum of its column groups (each group's 小计 when it has one, 其中
    columns left out); a group's 小计 = the sum of its other columns."""
    groups = _groups(table.headers)
    if not groups or len(groups) < 2:
        return []
    headers = list(table.headers)  # a working copy: nesting marks parent columns as 小计
    _nest_by_concept(groups, headers)
    out: list[Finding] = []
    for row in table.rows:
        if row.side is not None or len(row.cells) != len(table.headers) or unreadable(row) \
                or any(c.text == UNPLACED for c in row.cells):
            continue
        total = _v(_cell(row, 0))
        summed = Decimal(0)
        for name, cols in groups.items():
            subtotal = next((c for c in cols if headers[c].endswith(("/小计", "/合计"))), None)
            # A column under a nested 小计 ('…/公务用车/购置费' beside '…/公务用车/小计')
            # is counted through that 小计, not again on its own.
            nested = {headers[c].rsplit("/", 1)[0] for c in cols if c != subtotal and headers[c].endswith("/小计")}
            leaves = [c for c in cols if c != subtotal and "其中" not in headers[c]
                      and not (headers[c].rsplit("/", 1)[0] in nested and not headers[c].endswith("/小计"))]
            for inner in (c for c in cols if c != subtotal and headers[c].endswith("/小计")):
                out += _nested_subtotal(table, row, headers, cols, inner)
            if subtotal is not None:
                summed += _v(_cell(row, subtotal))
                leaf_sum = sum((_v(_cell(row, c)) for c in leaves), Decimal(0))
                if leaves and abs(leaf_sum - _v(_cell(row, subtotal))) > _tolerance(len(leaves), table.unit):
                    out.append(_finding(table, row, subtotal, _v(_cell(row, subtotal)), leaf_sum, [row],
                                        f"the {name} columns add"))
            else:
                summed += sum((_v(_cell(row, c)) for c in leaves), Decimal(0))
        if abs(summed - total) > _tolerance(len(groups), table.unit):
            out.append(_finding(table, row, 0, total, summed, [row], "its column groups add"))
    return out


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _verb(n: int) -> str:
    """The verb of the sum messages agrees with the count: '1 sub-item adds', '3 … add'."""
    return "adds" if n == 1 else "add"


def _nested_subtotal(table: Table, row: Row, headers: list[str], cols: list[int], inner: int) -> list[Finding]:
    """A 小计 inside a group ('项目支出/公务用车/小计') against the columns right under it
    (a deeper 小计 stands for its own columns; 其中 columns are left out)."""
    prefix = headers[inner].rsplit("/", 1)[0] + "/"
    under = [c for c in cols if c != inner and headers[c].startswith(prefix) and "其中" not in headers[c]
             and ("/" not in (rest := headers[c][len(prefix):]) or rest.count("/") == 1 and rest.endswith("/小计"))]
    if not under:
        return []
    value, summed = _v(_cell(row, inner)), sum((_v(_cell(row, c)) for c in under), Decimal(0))
    if abs(summed - value) <= _tolerance(len(under), table.unit):
        return []
    return [_finding(table, row, inner, value, summed, [row], f"the {prefix[:-1]} columns add")]


def check_tables(tables: list[Table]) -> list[Finding]:
    out: list[Finding] = []
    for table in tables:
        if table.kind == "performance" or misaligned(table):
            continue
        found = _code_hierarchy(table)
        if table.kind in ("summary", "fiscal_summary"):
            found += _summary_sides(table)
        found += _column_identities(table)
        out += _misread_guard(table, _dedupe(found))
    return out


def _misread_guard(table: Table, found: list[Finding]) -> list[Finding]:
    """When most of a table's sums fail, the likelier story is that its layout was
    misread (columns shifted, a header taken for data): one warning, not a flood."""
    errors = [f for f in found if f.severity == "error"]
    if len(errors) <= max(3, len(table.rows) // 4):
        return found
    rest = [f for f in found if f.severity != "error"]
    first = errors[0]
    first.severity = "warning"
    first.message = (f"{table_name(table)}: {len(errors)} of its sums do not add up, e.g. {first.message}; "
                     "the table's layout may not have been read right (check `narrative-check tables`)")
    return [first] + rest


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, int, str | None]] = set()
    out = []
    for f in findings:
        key = (f.quote, f.line, f.stated)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


_MERGEABLE = re.compile(r"^(?:func:\d+|econ:\d+|basic|project|personnel|public_use)$")
_CODED = re.compile(r"^(?:(?:prior|budget):)?(?:[a-z_]+:)?(?:func|econ):\d+$")
_SCOPE_PREFIX = re.compile(r"^(gpb|fiscal|gpb_project):")


def single_fund_scopes(facts: list[Fact]) -> set[str]:
    """Scopes whose tables must agree with the all-funds tables: when the 一般公共预算
    (or 财政拨款) total equals the whole budget, no other fund holds money, so its
    功能分类 rows are the same figures."""
    first = {}
    for fact in facts:
        if fact.derived is None:
            first.setdefault(fact.concept, fact.value)
    total = first.get("expense_year")
    scopes = set()
    for scope, key in (("gpb", "gpb:total"), ("fiscal", "fiscal:expense_year")):
        if total is not None and key in first and abs(first[key] - total) < Decimal("0.005"):
            scopes.add(scope)
    return scopes


def _no_carry_over(facts: list[Fact]) -> bool:
    """True when the tables print their carry-overs (上年结转, 结转下年) and all are
    zero: then income by function is spending by function, figure for figure."""
    carry = [f for f in facts if f.derived is None and f.concept.rsplit(":", 1)[-1] in ("carryover_in", "carryover_out")
             and not f.concept.startswith(("prior:", "budget:"))]
    return bool(carry) and all(f.value == 0 for f in carry)


def _unscoped(concept: str, merged: set[str]) -> str:
    """A single-fund concept whose fund holds all the money is the all-funds one."""
    scope = _SCOPE_PREFIX.match(concept)
    if scope and scope.group(1) in merged and _MERGEABLE.match(concept[scope.end():]):
        return concept[scope.end():]
    return concept


def _quantity_key(fact: Fact, kind: str | None, merged: set[str], no_carry: bool = False) -> str | None:
    """What a fact measures, as far as comparing tables goes: the table's fund, what
    its 科目 rows hold (for coded facts) and the concept. None when the table's kind
    is not in the catalogue: it is not known to hold the same quantity as any other."""
    spec = catalogue().get("table_quantities", {}).get(kind or "")
    if not isinstance(spec, dict):
        return None
    fund, concept = spec["fund"], fact.concept
    role, _, rest = concept.partition(":") if concept.startswith(("prior:", "budget:")) else ("", "", concept)
    scope = _SCOPE_PREFIX.match(rest)
    if scope and scope.group(1) in merged and _MERGEABLE.match(rest[scope.end():]):
        # One fund holds all the money: its rows are the all-funds rows.
        fund, rest = "all", rest[scope.end():]
    elif fund in merged:
        fund = "all"
    rows = spec["rows"] if _CODED.match(rest) else ""
    if rows == "income" and no_carry:
        rows = "expense"
    return f"{fund}|{rows}|{role}|{rest}"


def _last_place(fact: Fact) -> Decimal:
    """One unit in the last printed place of a figure, in 万元."""
    exponent = fact.raw.as_tuple().exponent
    places = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
    return places * (fact.value / fact.raw if fact.raw else Decimal(1))


def _rounding_only(a: Fact, b: Fact) -> bool:
    """Two copies that differ by one unit in the last printed place (0.01 万元 …):
    rounding between tables (尾数误差), worth a warning, not an error."""
    gap = abs(a.value - b.value)
    return gap <= max(_last_place(a), _last_place(b)) + Decimal("0.0000001")


def _cross_finding(name: str, a: Fact, b: Fact, quote: str, message: str, evidence: list[Fact]) -> Finding:
    rounding = _rounding_only(a, b)
    return make_finding(
        "cross-table-mismatch", message, quote=quote, line=a.line, page=a.page, stated=f"{a.raw:f} {a.unit}",
        expected=f"{b.raw:f} {b.unit}", evidence=[evidence_of(f) for f in evidence], subject=name,
        cause="a difference of one unit in the last printed place: rounding between tables (尾数误差)" if rounding else None,
        severity="warning" if rounding else None)


def check_cross_tables(facts: list[Fact], tables: list[Table] | None = None) -> list[Finding]:
    """The same quantity printed in several tables must carry one value. Only tables
    whose kinds the catalogue says hold the same quantity are compared (same fund,
    same side: 收入决算表 and 支出决算表 differ by carry-overs). With three or more
    copies the odd one out is reported; with two, both rows are quoted."""
    merged = single_fund_scopes(facts)
    kinds = {table_name(t): t.kind for t in tables or [] if not misaligned(t)}
    no_carry = _no_carry_over(facts)
    by: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        if fact.derived is not None or fact.concept.startswith("project_count"):
            continue
        # Facts with no tables behind them (pure use) are compared by concept alone.
        key = _quantity_key(fact, kinds.get(fact.table), merged, no_carry) if tables else _unscoped(fact.concept, merged)
        if key is not None:
            by[key].append(fact)
    out: list[Finding] = []
    for key, group in by.items():
        concept = key.rsplit("|", 1)[-1]
        tables_seen = list(dict.fromkeys(f.table for f in group))
        if len(tables_seen) < 2:
            continue
        firsts = [next(f for f in group if f.table == t) for t in tables_seen]
        values: dict[Decimal, list[Fact]] = defaultdict(list)
        for f in firsts:
            values[f.value.quantize(Decimal("0.01"))].append(f)
        if len(values) < 2:
            continue
        ranked = sorted(values.items(), key=lambda kv: -len(kv[1]))
        majority = ranked[0][1]
        name = concept_name(concept)
        if len(ranked[0][1]) > len(ranked[1][1]):
            for _, odd in ranked[1:]:
                for f in odd:
                    m = majority[0]
                    out.append(_cross_finding(
                        name, f, m, f.text or f.row,
                        f"{name}: {f.table} · {f.row} has {f.raw:f} {f.unit}, {m.table} has {m.raw:f} {m.unit}",
                        [f] + majority))
        else:
            a, b = ranked[0][1][0], ranked[1][1][0]
            out.append(_cross_finding(
                name, a, b, f"{a.text or a.row} ↔ {b.text or b.row}",
                f"{name}: {a.table} · {a.row} has {a.raw:f} {a.unit}, {b.table} · {b.row} has {b.raw:f} {b.unit}",
                [a, b]))
    return out
