"""Required tables: absent, or present and empty with no note saying why.

Templates differ by province and year: tables are merged, renamed, numbered
differently, or left out on purpose. So a table counts as present when anything
identifies it (its kind from the title, a title line anywhere outside the 目录, the
shape of an untitled table), and the list of required tables is the document's own
目录 where it lists the tables; only without one is the template's core list
(data/templates.json) used. A document read incompletely ('[illegible]' pages, a
handful of tables) is not judged on what is absent.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..models import Document, Finding, Line, Table
from ..tables.context import DocContext
from ..tables.facts import is_total_row
from ..tables.patterns import EMPTY_NOTE
from .base import make_finding

_ORDER = ["sangong", "admin_running", "gov_fund", "soe_capital", "procurement", "performance", "project",
          "fiscal_summary", "gpb_basic", "gpb_expense", "summary", "income", "expense"]
"""Most specific first: '一般公共预算“三公”经费支出表' is the 三公 table, not a 支出表."""
_TOC = re.compile(r"^\s*#*\s*目\s*录\s*$")
_NUMBERING = re.compile(r"^(?:#+)?(?:附件[:：]?)?(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]|表\d+[:：.、]?)")
_PAGE_TAIL = re.compile(r"[.…·．\-—_\s]*\d*$")
_NONE = r"(?:无|没有|未安排|不涉及|未编制|未发生|未使用|不存在)"
_ZERO = r"(?:为\s*0(?:\.0+)?(?!\d)|为零|(?<![\d.,])0(?:\.0+)?\s*万元|无|没有|未安排|不涉及|空表|无数据|无发生)"


@lru_cache(maxsize=1)
def templates() -> dict[str, Any]:
    text = resources.files("narrative_check").joinpath("data/templates.json").read_text(encoding="utf-8")
    return json.loads(text)


def _flat(text: str) -> str:
    return re.sub(r"[\s*#\u3000]+", "", text)


@dataclass
class Entry:
    """A table the document must hold: from its 目录 (with the line) or the core list."""

    key: str | None
    text: str
    line: Line | None = None


def key_of(title: str) -> str | None:
    flat = _flat(title)
    specs = templates()["tables"]
    for key in _ORDER:
        if any(re.search(p, flat) for p in specs[key]["names"]):
            return key
    return None


# --------------------------------------------------------------------------- 目录
def toc_tables(doc: Document) -> tuple[list[Entry], range]:
    """The tables the document's 目录 lists, and the lines of the 目录."""
    lines = doc.lines
    start = next((i for i, ln in enumerate(lines[:150]) if _TOC.match(ln.text.replace("**", ""))), None)
    if start is None:
        return [], range(0)
    entries: list[Entry] = []
    seen_heads: set[str] = set()
    end = min(len(lines), start + 80)
    for i in range(start + 1, end):
        flat = _flat(lines[i].text)
        if not flat:
            continue
        head = _PAGE_TAIL.sub("", flat)
        if head in seen_heads and re.match(r"第[一二三四五六七八九十]+部分", head):
            end = i  # the body begins: its first part heading repeats the 目录's
            break
        seen_heads.add(head)
        if len(flat) > 60 or re.search(r"[。；]", flat):
            end = i
            break
        title = _NUMBERING.sub("", head)
        generic = re.fullmatch(r"(?:第[一二三四五六七八九十]+部分)?.*?(?:预算|决算)?(?:公开)?报?表", _core_words(title)) and \
            len(re.sub(r"预算|决算|公开|报表|表|部门|单位", "", _core_words(title))) < 2
        if re.search(r"表(?:[（(][^）)]*[)）])?$", title) and "说明" not in title and not generic:
            entries.append(Entry(key_of(title), title, lines[i]))
    return entries, range(start, end)


# --------------------------------------------------------------------------- presence
def _content_fits(table: Table, how: str | None) -> bool:
    """An untitled table whose shape identifies it."""
    if how is None:
        return False
    headers = "".join(table.headers)
    coded = [r for r in table.rows if r.code]
    if how == "two_sided":
        return any(r.side == "income" for r in table.rows) and any(r.side == "expense" for r in table.rows)
    if how == "income_columns":
        return bool(coded) and bool(re.search(r"财政拨款|事业收入|上年结转|其他收入", headers))
    if how == "coded_basic_project":
        return any(r.code.startswith("2") for r in coded) and bool(re.search(r"基本支出|项目支出", headers))
    if how == "econ_coded":
        return sum(1 for r in coded if r.code[:1] in "35") >= 3
    if how == "sangong_columns":
        return bool(re.search(r"因公出国|公务接待|公务用车", headers + "".join(r.label for r in table.rows)))
    return False


def _present(entry: Entry, tables: list[Table], titles: list[str]) -> bool:
    specs = templates()["tables"]
    spec = specs.get(entry.key) if entry.key else None
    if spec:
        if any(t.kind in spec["kinds"] for t in tables):
            return True
        if any(t.kind is None and _content_fits(t, spec.get("content")) for t in tables):
            return True
        if any(re.search(p, title) for title in titles for p in spec["names"]):
            return True
    if entry.text:
        core = _core_words(entry.text)
        if core and any(core in _core_words(title) for title in titles):
            return True
    return False


def _core_words(title: str) -> str:
    """A title without year, numbering, the body's name and its 部门/单位 prefix."""
    s = _NUMBERING.sub("", re.sub(r"^第[一二三四五六七八九十]+部分", "", _flat(title)))
    s = re.sub(r"20\d{2}年度?", "", s)
    # the prefix first: '部门X表' would otherwise lose '部' as if it ended a body's name
    s = re.sub(r"^(?:部门|单位|预算单位)", "", s)
    s = re.sub(r"^.*?(?:局|委员会|委|办公室|办事处|院|厅|部|中心|政府|工会)(?:[（(]本级[)）])?(?=.{4,}表)", "", s)
    return re.sub(r"^(?:部门|单位|预算单位)", "", s)


def _title_lines(doc: Document, toc: range, tables: list[Table]) -> list[str]:
    """Every short line outside the 目录 that names a table (ends in 表, or a table's
    title as read)."""
    out = [_flat(t.title) for t in tables]
    for i, ln in enumerate(doc.lines):
        if i in toc:
            continue
        flat = _flat(ln.text)
        if 2 < len(flat) <= 60 and "说明" not in flat and re.search(r"表(?:[（(][^）)]*[)）])?\d*$|^表\d", flat):
            out.append(flat)
    return out


def _explained(key: str | None, doc: Document) -> str | None:
    """Prose that says the body has none of what the table would hold."""
    if not key:
        return None
    topic = templates()["tables"][key].get("explain")
    if not topic:
        return None
    pattern = re.compile(rf"{_NONE}[^。；，,\n]{{0,24}}(?:{topic})|(?:{topic})[^。；\n]{{0,40}}?{_ZERO}")
    text = re.sub(r"[ \t\u3000]+", "", doc.text())
    m = pattern.search(text)
    return m.group(0) if m else None


# --------------------------------------------------------------------------- the rule
def check_structure(context: DocContext, tables: list[Table], doc: Document | None) -> list[Finding]:
    if doc is None or context.kind not in ("预算", "决算"):
        return []
    out = _empty_tables(tables, doc)
    text = doc.text()
    if "[illegible]" in text or len([t for t in tables if t.rows]) < 4:
        return out  # pages were lost in reading or the tables were published apart: absence proves nothing
    listed, toc = toc_tables(doc)
    if len(listed) >= 4:
        required = listed
    elif _numbered_without_gaps(tables):
        return out  # 表1 … 表N all there: the province's template simply has no other tables
    else:
        specs = templates()["tables"]
        required = [Entry(key, specs[key]["label"]) for key in templates()["core"][context.kind]
                    if context.year is None or context.year >= specs[key].get("since", 0)]
    titles = _title_lines(doc, toc, tables)
    absent = [e for e in required if not _present(e, tables, titles) and not _explained(e.key, doc)]
    if not listed or len(listed) < 4:
        if len(absent) > 2:
            return out  # half the template gone without a 目录: an excerpt, or tables published apart
    for entry in absent:
        if entry.line is not None:
            out.append(make_finding(
                "missing-table", f"'{entry.text}' is listed in the 目录 but the document has no such table",
                quote=entry.line.text.strip(), line=entry.line.no, page=entry.line.page, stated=entry.text,
                subject=entry.key))
        else:
            first = next((ln for ln in doc.lines if ln.text.strip()), None)
            out.append(make_finding(
                "missing-table", f"the {context.kind} template's {entry.text} is not in the document "
                                 f"(no table titled or shaped like it, and no note that it is not needed)",
                quote=first.text.strip() if first else "", line=first.no if first else 1,
                page=first.page if first else None, expected=entry.text, subject=entry.key))
    return out


_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _number(text: str | None) -> int | None:
    m = re.search(r"(\d+)|([一二三四五六七八九十]+)", text or "")
    if not m:
        return None
    if m.group(1):
        return int(m.group(1))
    cn = m.group(2)
    if cn.startswith("十"):
        return 10 + _CN.get(cn[1:], 0)
    if "十" in cn:
        tens, _, ones = cn.partition("十")
        return _CN[tens] * 10 + _CN.get(ones, 0)
    return _CN.get(cn)


def _numbered_without_gaps(tables: list[Table]) -> bool:
    numbers = {n for t in tables if t.number and "-" not in t.number and (n := _number(t.number))}
    return len(numbers) >= 4 and numbers == set(range(1, max(numbers) + 1))


def _empty_tables(tables: list[Table], doc: Document) -> list[Finding]:
    """A table that may legitimately be empty, empty here, with no note under it and no
    prose saying the body has none of it."""
    out = []
    for table in tables:
        key = next((k for k in templates()["may_be_empty"] if table.kind in templates()["tables"][k]["kinds"]), None)
        if key is None or table.empty_note or any(c.value for r in table.rows for c in r.cells):
            continue
        items = [r for r in table.rows if not is_total_row(r)]
        if items and not any(c.value is not None for r in table.rows for c in r.cells):
            continue  # rows listed but not one figure read: the layout was misread, not an empty table
        if _note_near(table, tables, doc) or _explained(key, doc) or _amount_stated(key, doc):
            continue
        line = doc.lines[table.line_start - 1] if 0 < table.line_start <= len(doc.lines) else None
        out.append(make_finding(
            "missing-table", f"'{table.title}' is empty and no note says why (本表无数据 / 无…支出)",
            quote=table.title, line=table.line_start, page=table.page or (line.page if line else None),
            stated=table.title, subject=key))
    return out


def _amount_stated(key: str, doc: Document) -> bool:
    """The prose gives the table's topic a figure that is not zero: the table is not
    empty, it was read wrong."""
    topic = templates()["tables"][key].get("explain")
    if not topic:
        return False
    text = re.sub(r"\s+", "", doc.text())
    return bool(re.search(rf"(?:{topic})[^。；]{{0,30}}?(?<![\d.,])(?:[1-9][\d,]*(?:\.\d+)?|0\.\d*[1-9]\d*)万?元", text))


def _note_near(table: Table, tables: list[Table], doc: Document) -> bool:
    """An empty-table note inside the table's lines or just under it (before the next
    table begins)."""
    nxt = min((t.line_start for t in tables if t.line_start > table.line_start), default=len(doc.lines) + 1)
    lo, hi = max(0, table.line_start - 1), min(len(doc.lines), table.line_end + 4, nxt - 1)
    window = "".join(_flat(ln.text) for ln in doc.lines[lo:hi])
    return bool(EMPTY_NOTE.search(window))
