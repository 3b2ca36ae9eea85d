"""Tables → facts: every figure the prose may cite, mapped to a concept, in 万元.

A fact keeps the cell it came from (table, row, column, line) so a finding can
quote its evidence. Tables that cover one fund only (一般公共预算 …) put a scope
in front of their concepts ('gpb:basic'), so that they are never confused with
the all-funds figures of the same name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from ..models import Fact, Row, Table
from .concepts import catalogue, column_concept, func_code_for_label, normalize_label, row_concepts
from .context import DocContext
from .numbers import UNIT_TO_WAN

_TOTAL_LABEL = re.compile(r"^(?:合计|总计|小计|本年合计|合\s*计|总\s*计)$")
_GROUP_ROW = re.compile(r"(?:[-－—]小计|小计)$")
_ORG_SUFFIX = re.compile(r"(?:局|委员会|委|办公室|办|院|厅|部|中心|总工会|工会|所|站|馆|队|处|街道办事处|政府|学校|医院|本级)(?:[（(]本级[)）])?$")


def table_name(table: Table) -> str:
    return f"{table.number} {table.title}".strip() if table.number and table.number not in table.title else table.title


def is_total_row(row: Row) -> bool:
    return bool(_TOTAL_LABEL.match(normalize_label(row.label)))


def is_group_row(row: Row, org: str | None) -> bool:
    """A unit or subtotal row inside a detail table (not a leaf item)."""
    label = normalize_label(row.label)
    if _GROUP_ROW.search(label) or is_total_row(row):
        return True
    if org:
        short = re.sub(r"[（(]本级[)）]$", "", org)
        rest = label.replace(org, "").replace(short, "") if (org in label or short in label) else None
        if label in org or (rest is not None and rest.strip("-－—") in ("", "本级", "（本级）", "(本级)", "小计", "合计")):
            return True
    return bool(_ORG_SUFFIX.search(label)) and len(label) <= 30 and "费" not in label


def _scoped(key: str, scope: str | None) -> str:
    if not scope or key in catalogue()["unscoped"] or ":" in key and key.split(":", 1)[0] in ("gov_fund", "soe_capital"):
        return key
    return f"{scope}:{key}"


_PRIOR_HEADER = re.compile(r"上年(?!结转|结余|实户|资金|末)|上一年|去年|同期")
_BUDGET_HEADER = re.compile(r"年初预算|调整预算|预算数")
_FINAL_HEADER = re.compile(r"决算")
# 'N年' names this period's column only when it labels a figure ('2026年预算数'), not
# another item of that year ('2026年政府采购项目').
_PERIOD_HEADER = re.compile(r"\0(?:度)?(?:预算|决算|执行|数|金额|合计|小计|$|/)")


def column_roles(headers: list[str], year: int | None) -> dict[int, str]:
    """Which value columns hold this period's figures ('current'), the prior year's
    ('prior') or, in a 决算 table, the 年初预算 ('budget')."""
    has_final = any(_FINAL_HEADER.search(h) for h in headers)
    roles: dict[int, str] = {}
    for i, h in enumerate(headers):
        if _PRIOR_HEADER.search(h) or (year and f"{year - 1}年" in h):
            roles[i] = "prior"
        elif has_final and _BUDGET_HEADER.search(h) and not _FINAL_HEADER.search(h):
            roles[i] = "budget"
        elif _FINAL_HEADER.search(h) or "本年" in h or (year and _PERIOD_HEADER.search(h.replace(f"{year}年", "\0"))):
            roles[i] = "current"
    return roles


_PERFORMANCE = re.compile(r"绩效(?!工资)|自评|目标值|指标值|分值|得分|满意度")


def is_performance_table(table: Table) -> bool:
    """A 绩效目标 / 绩效自评 table: its 年初预算数 / 财政拨款 rows describe one project, not the
    document's funds."""
    text = " ".join([table.title, *table.headers, *(r.label for r in table.rows[:60])])
    return table.kind == "performance" or bool(_PERFORMANCE.search(text))


class _Builder:
    def __init__(self, table: Table, year: int | None = None) -> None:
        self.table = table
        self.name = table_name(table)
        self.scale = UNIT_TO_WAN.get(table.unit, Decimal(1))
        self.scope = catalogue()["scoped_tables"].get(table.kind or "")
        self.facts: list[Fact] = []
        roles = column_roles(table.headers, year) if table.headers else {}
        # The figure a row stands for is in its first 'current' column when the
        # table also prints prior-year or 年初预算 columns; else in column 0.
        self.primary = min((i for i, r in roles.items() if r == "current"), default=0)
        if roles.get(self.primary) != "current" and roles.get(0) in ("prior", "budget"):
            self.primary = next((i for i in range(len(table.headers)) if i not in roles), 0)
        self.mirrors = {role: min(i for i, r in roles.items() if r == role) for role in ("prior", "budget")
                        if role in roles.values()}
        self.roles = roles

    def add(self, concept: str, row: Row, column: int | None = None, derived: str | None = None) -> None:
        """The fact of ``concept`` on ``row`` (its primary column unless told), and
        'prior:' / 'budget:' facts from the prior-year and 年初预算 columns."""
        if column is None:
            column = self.primary
            for role, index in self.mirrors.items():
                self._add(f"{role}:{concept}", row, index, derived)
        elif self.roles.get(column) in ("prior", "budget"):
            concept = f"{self.roles[column]}:{concept}"
        self._add(concept, row, column, derived)

    def _add(self, concept: str, row: Row, column: int, derived: str | None) -> None:
        cell = next((c for c in row.cells if c.column == column), None)
        if cell is None:
            return
        raw = cell.value if cell.value is not None else Decimal(0)
        if cell.value is None and cell.text.strip() not in ("", "-", "—", "－", "--"):
            return  # text where a figure should be: not a fact
        self.facts.append(
            Fact(
                concept=concept,
                value=raw * self.scale,
                raw=raw,
                unit=self.table.unit,
                table=self.name,
                row=row.label,
                column=cell.header,
                line=cell.line,
                page=cell.page,
                derived=derived,
                text=row.text,
            )
        )


    def add_class(self, concept: str, row: Row) -> None:
        """A 类 named by its label: old and new names of one class (医疗卫生与计划生育 /
        卫生健康) may both be printed; the one with a figure wins."""
        old = next((f for f in self.facts if f.concept == concept), None)
        if old is None:
            self.add(concept, row)
        elif old.value == 0:
            self.facts.remove(old)
            self.add(concept, row)


_OTHER_ITEMS = re.compile(r"会议费|培训费")


def _total_column_holds(table: Table, row: Row, primary: int) -> bool:
    """Whether the total row's first column is the table kind's total: not in a "三公"
    table that also lists 会议费 and 培训费 (its 合计 is all of them), nor a blank or zero
    cell beside figures in the row's other columns (a column misplaced in reading)."""
    if table.kind == "sangong" and any(_OTHER_ITEMS.search(h) for h in table.headers):
        return False
    cell = next((c for c in row.cells if c.column == primary), None)
    if cell is not None and not cell.value and any(c.value for c in row.cells if c.column != primary):
        return False
    return True


_CARRY = re.compile(r"^(?:上年结转|年初结转|结转下年|年终结转|年末结转)")
_CARRY_END = re.compile(r"合计|总计")
_SUB_NUMBERED = re.compile(r"^\s*(?:[(（][一二三四五六七八九十\d]+[)）]|\d+[.．、]|其中)")


def _table_facts(table: Table, context: DocContext) -> list[Fact]:
    if is_performance_table(table):
        return []
    b = _Builder(table, context.year)
    kind = table.kind or ""
    totals = catalogue()["table_totals"]
    rows = table.rows
    if table.empty_note and not any(c.value for r in rows for c in r.cells):
        for key in catalogue()["empty_table_concepts"].get(kind, []):
            b.facts.append(
                Fact(concept=key, value=Decimal(0), raw=Decimal(0), unit=table.unit, table=b.name,
                     row="(empty table)", column="", line=table.line_start, page=table.page,
                     derived=f"table is empty: {table.empty_note[:40]}", text=table.empty_note[:80])
            )
        return b.facts
    project_rows = 0
    in_carryover: dict[str | None, bool] = {}
    for i, row in enumerate(rows):
        total_row = is_total_row(row) or (i == 0 and kind in ("sangong", "admin_running") and not row.label)
        label = normalize_label(row.label)
        # Rows listed under 上年结转 / 结转下年 in a 收支总表 break that amount down by
        # fund; they must not be read as this year's 一般公共预算 etc.
        if row.side and _CARRY.search(label):
            in_carryover[row.side] = True
        elif row.side and (_CARRY_END.search(label) or not _SUB_NUMBERED.match(row.label.strip())):
            in_carryover[row.side] = False
        elif in_carryover.get(row.side):
            continue
        if total_row:
            if kind in totals and row.side is None and _total_column_holds(table, row, b.primary):
                b.add(totals[kind], row)
            for cell in row.cells:
                key = column_concept(cell.header)
                if key and not (cell.column == b.primary and kind in totals):
                    b.add(_scoped(key, b.scope), row, cell.column)
        for key in row_concepts(row.label, kind, row.side):
            b.add(_scoped(key, b.scope), row)
        if row.code:
            prefix = "func" if row.code.startswith("2") else "econ"
            b.add(_scoped(f"{prefix}:{row.code}", b.scope), row)
        elif row.side == "expense" or (kind in ("summary", "fiscal_summary", "expense") and not total_row and row.side != "income"):
            code = func_code_for_label(row.label)
            if code:
                b.add_class(_scoped(f"func:{code}", b.scope), row)
        if kind == "project" and not total_row and not is_group_row(row, context.org) and row.cells:
            b.add(f"project:{normalize_label(row.label)}", row)
            project_rows += 1
    if kind == "project" and rows:
        first = rows[0]
        b.facts.append(
            Fact(concept="project_count", value=Decimal(project_rows), raw=Decimal(project_rows), unit="个",
                 table=b.name, row="(project rows)", line=table.line_start, page=table.page,
                 derived=f"{project_rows} project rows", text=first.text)
        )
    return b.facts


def _derive(facts: list[Fact], printed: set[str]) -> list[Fact]:
    """Facts implied by a basic-expenditure table's own identities (人员经费 = 301 + 303),
    when no table prints them. Only basic tables: in a table of all spending by 经济分类
    the 302 and 310 rows hold project money too."""
    by: dict[str, Fact] = {}
    for fact in facts:
        by.setdefault(fact.concept, fact)
    derived: list[Fact] = []

    def put(concept: str, parts: list[str]) -> None:
        have = [by[p] for p in parts if p in by]
        if concept in by or concept in printed or not have or not by.get(parts[0]):
            return
        value = sum((f.value for f in have), Decimal(0))
        first = have[0]
        derived.append(
            Fact(concept=concept, value=value, raw=value, unit="万元", table=first.table,
                 row=" + ".join(f.row for f in have), line=first.line, page=first.page,
                 derived="sum of " + " + ".join(f"{f.row} {f.value}" for f in have), text=first.text)
        )

    for scope in ("", "gpb:"):
        put(f"{scope}personnel", [f"{scope}econ:301", f"{scope}econ:303"])
        put(f"{scope}public_use", [f"{scope}econ:302", f"{scope}econ:310"])
    return derived


def build_facts(tables: list[Table], context: DocContext) -> list[Fact]:
    facts: list[Fact] = []
    basic: list[Fact] = []
    for table in tables:
        table_facts = _table_facts(table, context)
        facts.extend(table_facts)
        if table.kind in _BASIC_KINDS:
            basic.extend(table_facts)
    facts.extend(_derive(basic, {f.concept for f in facts}))
    return facts


_BASIC_KINDS = ("gpb_basic", "basic_table")


def index_facts(facts: list[Fact]) -> dict[str, list[Fact]]:
    """Facts by concept, figures read from a cell before derived ones."""
    index: dict[str, list[Fact]] = defaultdict(list)
    for fact in sorted(facts, key=lambda f: f.derived is not None):
        index[fact.concept].append(fact)
    return index
