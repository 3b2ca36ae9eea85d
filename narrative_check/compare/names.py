"""科目 and unit names: one code named two ways, a prose item named unlike its table
row, a 科目 name retired before the document's year, the body's own name written
two ways.

Tables are the authority for a code's name in this document; the 政府收支分类科目
data (kemu.json) only maps a printed name to its code and says which names were
retired when. A name that cannot be tied to a code is left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..claims.prose import Paragraph
from ..models import Document, Evidence, Finding, Row, Table
from ..tables.context import DocContext
from ..tables.facts import table_name
from ..tables.numbers import UNIT_TO_WAN
from .base import make_finding
from .kemu import codes_named, current_name, is_known_alias, norm_name, retired, same_name, similar_labels

_NAME = r"(?:[\u4e00-\u9fff“”、\n]|[（(](?:室|境)[)）]){1,40}?"
_LEVEL = re.compile(rf"({_NAME})\s*[（(]\s*(类|款|项)\s*[)）]")
_MARK = re.compile(r"\s*[（(][类款项][)）]\s*")
_LEAD = re.compile(r"^(?:其中|主要是|主要用于|用于|包括|是|为|的|及|和|对|在|中|科目|安排|支出)+")
_AMOUNT = re.compile(r"(?<![\d.])(\d+(?:,\d{3})*(?:\.\d+)?)\s*万元")
_ITEM_END = re.compile(r"\n\s*(?:\d+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)")
_LEVEL_LEN = {"类": 3, "款": 5, "项": 7}


# --------------------------------------------------------------------------- the tables' names
@dataclass
class Named:
    code: str
    label: str
    table: Table
    row: Row


_NOT_FUNC_TABLES = {"procurement", "performance", "project", "gpb_project", "sangong", "admin_running"}
"""Tables whose coded rows are not 功能分类 科目 names (a 政府采购 or 项目 table puts a code
beside a purchase, a project or a unit's name)."""


def table_names(tables: list[Table]) -> dict[str, list[Named]]:
    """功能分类 code → the rows that print it (经济分类 codes 3xx/5xx are left out)."""
    out: dict[str, list[Named]] = {}
    for table in tables:
        if table.kind in _NOT_FUNC_TABLES:
            continue
        for row in table.rows:
            if row.code and row.code.startswith("2") and len(row.code) in (3, 5, 7) and norm_name(row.label):
                out.setdefault(row.code, []).append(Named(row.code, row.label.strip(), table, row))
    return out


def _evidence(named: Named) -> Evidence:
    value = next((c.text for c in named.row.cells if c.value), "")
    return Evidence(table=table_name(named.table), row=f"{named.code} {named.label}", value=value,
                    line=named.row.line, page=named.row.page, text=named.row.text)


def _best(rows: list[Named]) -> Named:
    """The label most tables agree on (a wrapped label is cut or padded in some rows),
    the longest of those."""
    counts = Counter(norm_name(n.label) for n in rows)
    return max(rows, key=lambda n: (counts[norm_name(n.label)], "[page" not in n.label, len(n.label)))


def check_code_names(tables: list[Table], year: int | None) -> list[Finding]:
    """One code printed with two different names in the tables; a retired name on a
    row that carries figures."""
    out: list[Finding] = []
    for code, rows in table_names(tables).items():
        first = _best(rows)
        for other in rows:
            if other is not first and not similar_labels(other.label, first.label) and not _wrapped(other, first):
                out.append(make_finding(
                    "name-mismatch", f"{code} is named '{other.label}' here but '{first.label}' in {table_name(first.table)}",
                    quote=other.row.text or other.label, line=other.row.line, page=other.row.page,
                    stated=other.label, expected=first.label, evidence=[_evidence(first)], subject=code))
                break
        stale = retired(first.label, year)
        if stale and any(c.value for n in rows for c in n.row.cells):
            out.append(_retired_finding(first.label, stale, year, first.row.text or first.label, first.row.line,
                                        first.row.page, [_evidence(first)]))
    return out


def _wrapped(a: Named, b: Named) -> bool:
    """Labels cut by a line wrap: one is a fragment of the other."""
    x, y = norm_name(a.label), norm_name(b.label)
    short, long_ = sorted((x, y), key=len)
    return bool(short) and short in long_


def _retired_finding(name: str, stale: tuple[str, str, dict], year: int | None, quote: str, line: int,
                     page: int | None, evidence: list[Evidence] | None = None) -> Finding:
    code, now, era = stale
    return make_finding(
        "name-mismatch", f"'{name}' is the name {code} had until {era['until']}; in {year} it is '{now}'",
        quote=quote, line=line, page=page, stated=name, expected=now, evidence=evidence or [], subject=code,
        cause="a name from an older 政府收支分类科目")


# --------------------------------------------------------------------------- prose paths
@dataclass
class Part:
    level: str
    name: str
    start: int
    end: int


class Stream:
    """Prose paragraphs joined by '\\n', with offsets mapped back to lines."""

    def __init__(self, paragraphs: list[Paragraph]) -> None:
        self.text = ""
        self.parts: list[tuple[int, Paragraph]] = []
        for para in paragraphs:
            self.parts.append((len(self.text), para))
            self.text += para.text + "\n"

    def line_at(self, offset: int) -> int:
        base, para = self.parts[0]
        for start, p in self.parts:
            if start > offset:
                break
            base, para = start, p
        return para.line_at(offset - base)

    def sentence(self, start: int, end: int) -> str:
        """From ``start`` to the end of the sentence holding ``end`` (line breaks removed)."""
        stop = re.search(r"[。；;]", self.text[end:end + 160])
        right = end + stop.end() if stop else min(len(self.text), end + 60)
        return self.text[start:right].replace("\n", "").strip()


_DASH = re.compile(r"“((?:[^”\-－—]|\n){2,40}?)[-－—]((?:[^”\-－—]|\n){2,40}?)(?:[-－—]((?:[^”\-－—]|\n){2,40}?))?”\s*科目")


def _dash_paths(stream: Stream) -> list[list[Part]]:
    """'“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目': 类-款(-项)."""
    out = []
    for m in _DASH.finditer(stream.text):
        # level marks may be written too ('“…（类）-…（款）-…（项）”科目'): the dashes
        # still give the levels, in order
        parts = [Part(level, _MARK.sub("", m.group(k).replace("\n", "")), m.start(k), m.end(k))
                 for k, level in ((1, "类"), (2, "款"), (3, "项")) if m.group(k)]
        out.append(parts)
    return out


def _paths(stream: Stream) -> list[list[Part]]:
    """Runs of '名称（类）名称（款）名称（项）' (any of them), adjacent except for spaces,
    and quoted dash paths."""
    paths: list[list[Part]] = _dash_paths(stream)
    quoted = [(p[0].start, p[-1].end) for p in paths]
    for m in _LEVEL.finditer(stream.text):
        if any(lo <= m.start(2) < hi for lo, hi in quoted):
            continue  # a level of a quoted dash path, read with it
        name = m.group(1)
        lead = len(name) - len(name.lstrip("\n"))
        part = Part(m.group(2), name.replace("\n", ""), m.start(1) + lead, m.end())
        prev = paths[-1][-1] if paths else None
        if prev and not stream.text[prev.end:m.start(1)].strip() and _LEVEL_LEN[prev.level] < _LEVEL_LEN[part.level]:
            paths[-1].append(part)
        else:
            paths.append([part])
    return paths


def _amounts(stream: Stream, start: int) -> list[tuple[Decimal, int]]:
    """The 万元 figures of the item that starts at ``start`` (up to the next item)."""
    tail = stream.text[start:start + 400]
    m = _ITEM_END.search(tail, 1)
    tail = tail[: m.start()] if m else tail
    out = []
    for a in _AMOUNT.finditer(tail):
        text = a.group(1).replace(",", "")
        value = Decimal(text)
        if value:
            out.append((value, len(text.split(".")[1]) if "." in text else 0))
    return out


def _row_matches(named: Named, amounts: list[tuple[Decimal, int]]) -> bool:
    factor = UNIT_TO_WAN.get(named.table.unit, Decimal(1))
    for cell in named.row.cells:
        if cell.value is None or cell.value == 0:
            continue
        wan = cell.value * factor
        for value, places in amounts:
            if wan.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP) == value:
                return True
    return False


def _class_code(name: str, index: dict[str, list[Named]]) -> tuple[str | None, str]:
    """(code, the name as the document wrote it) for a 类 name; the leading words a
    sentence puts before it ('主要是…') are dropped."""
    name = _LEAD.sub("", name)
    for code, rows in index.items():
        if len(code) == 3 and any(same_name(r.label, name) and norm_name(r.label) == norm_name(name) for r in rows):
            return code, name
    for i in range(len(name) - 3):
        candidate = name[i:]
        codes = [c for c in codes_named(candidate) if len(c) == 3]
        if len(codes) == 1:
            return codes[0], candidate
    return None, name


def check_prose_names(paragraphs: list[Paragraph], tables: list[Table], context: DocContext,
                      doc: Document | None = None) -> list[Finding]:
    index = table_names(tables)
    if not index or not paragraphs:
        return []
    stream = Stream(paragraphs)
    labels = {norm_name(r.label) for rows in index.values() for r in rows}
    out: list[Finding] = []
    reported: set[tuple[int, str]] = set()

    def report(part: Part, path_start: int, expected: Named | None, message: str, cause: str | None = None) -> None:
        key = (part.start, part.name)
        if key in reported:
            return
        reported.add(key)
        line = stream.line_at(part.start)
        out.append(make_finding(
            "name-mismatch", message, quote=stream.sentence(path_start, part.end), line=line,
            page=doc.page_of(line) if doc else None,
            stated=f"{part.name}（{part.level}）", expected=expected.label if expected else None,
            evidence=[_evidence(expected)] if expected else [], subject=expected.code if expected else None,
            cause=cause))

    for path in _paths(stream):
        start = path[0].start
        by_level = {p.level: p for p in path}
        cls_code = None
        if "类" in by_level:
            part = by_level["类"]
            cls_code, written = _class_code(part.name, index)
            if written != part.name:  # leading words dropped: the name starts later
                raw = stream.text[part.start:part.end]  # the text as written, line breaks and all
                part.start += raw.rindex(written) if written in raw else part.name.rfind(written)
                part.name = written
            start = part.start
            if cls_code:
                stale = retired(written, context.year)
                rows = index.get(cls_code)
                if rows and not any(same_name(r.label, written) for r in rows) and not is_known_alias(cls_code, written, context.year):
                    best = _best(rows)
                    extra = f"; '{written}' is the name {cls_code} had until {stale[2]['until']}" if stale else ""
                    report(part, start, best, f"'{written}（类）' is {cls_code} '{best.label}' in the tables{extra}",
                           "a name from an older 政府收支分类科目" if stale else None)
                elif stale:
                    now = current_name(cls_code, context.year) or stale[1]
                    report(part, start, _best(rows) if rows else None,
                           f"'{written}（类）' is the name {cls_code} had until {stale[2]['until']}; in {context.year} it is '{now}'",
                           "a name from an older 政府收支分类科目")
        kuan_code = None
        if "款" in by_level:
            part = by_level["款"]
            under = [c for c in index if len(c) == 5 and (cls_code is None or c.startswith(cls_code))]
            exact = [c for c in under if any(same_name(r.label, part.name) for r in index[c])]
            if len(exact) == 1:
                kuan_code = exact[0]
            elif cls_code and not exact:
                known = [c for c in codes_named(part.name) if len(c) == 5 and c.startswith(cls_code) and c in index]
                if len(known) == 1 and is_known_alias(known[0], part.name, context.year):
                    kuan_code = known[0]  # a name the 科目 list gives this 款 in the document's year
                elif len(known) == 1:
                    kuan_code = known[0]
                    best = _best(index[kuan_code])
                    stale = retired(part.name, context.year)
                    report(part, start, best, f"'{part.name}（款）' is {kuan_code} '{best.label}' in the tables",
                           "a name from an older 政府收支分类科目" if stale else None)
            if kuan_code is None and cls_code is None and not exact:
                stale = retired(part.name, context.year)
                if stale:
                    report(part, start, None, f"'{part.name}（款）' is the name {stale[0]} had until {stale[2]['until']}; "
                                              f"in {context.year} it is '{stale[1]}'", "a name from an older 政府收支分类科目")
        if "项" in by_level:
            part = by_level["项"]
            prefix = kuan_code or cls_code
            if prefix is None:
                continue
            under = [c for c in index if len(c) == 7 and c.startswith(prefix)]
            if not under or any(same_name(r.label, part.name) for c in under for r in index[c]):
                continue
            if norm_name(part.name) in labels:
                continue  # a name the tables use for another row (the 款 named at 项 level): not a slip
            amounts = _amounts(stream, part.end)
            if not amounts:
                continue
            hits = [c for c in under if any(_row_matches(r, amounts) for r in index[c])]
            if len(hits) == 1:
                best = _best(index[hits[0]])
                report(part, start, best,
                       f"'{part.name}（项）' is {hits[0]} '{best.label}' in the tables (the row with the item's figure)")
    return out


# --------------------------------------------------------------------------- the body's own name
_ADMIN = re.compile(r"^(?:[\u4e00-\u9fff]{1,8}?(?:省|自治区|市|自治州|州|地区|盟|区|县|自治县|旗|镇|乡))+")
_ORG_TAIL = r"(?:局|委员会|委|办公室|办事处|院|厅|部|中心|总工会|会|所|站|馆|队|处|政府)"
_TITLE_ORG = re.compile(rf"^\s*([\u4e00-\u9fff（）()]{{4,40}}?{_ORG_TAIL})\s*(?:（本级）|\(本级\))?\s*20\d{{2}}\s*年度?\s*(?:部门|单位)?\s*(?:预算|决算)")
_CONNECTORS = "和与及"


def cover_name(doc: Document) -> tuple[str, int] | None:
    """The body's name as the cover prints it (its first lines, joined), and the line."""
    lines = [ln for ln in doc.lines[:12] if ln.text.strip()]
    joined, first = "", None
    for ln in lines:
        text = re.sub(r"[\s*#]+", "", ln.text)
        if re.search(r"目录|目\s*录", text):
            break
        if first is None:
            first = ln.no
        joined += text
        m = re.search(rf"(?:20\d{{2}}年度?)?([\u4e00-\u9fff]{{4,40}}?{_ORG_TAIL})(?:（本级）)?(?:20\d{{2}}年度?)?(?:部门|单位)?(?:预算|决算)", joined)
        if m:
            return m.group(1), first or ln.no
    return None


def _variants(name: str) -> list[str]:
    """The name with one connector swapped (和 → 与 …): the usual slip."""
    out = []
    for i, ch in enumerate(name):
        if ch in _CONNECTORS:
            out += [name[:i] + other + name[i + 1:] for other in _CONNECTORS if other != ch]
    return out


def check_unit_name(doc: Document, tables: list[Table]) -> list[Finding]:
    found = cover_name(doc)
    if not found:
        return []
    name, cover_line = found
    text = doc.text()
    if text.count(name) < 2:
        return []  # the cover's reading is not confirmed by the body: do not guess
    core = _ADMIN.sub("", name)
    out: list[Finding] = []
    variants = _variants(name)
    for line in doc.lines:
        if line.no == cover_line:
            continue
        flat = re.sub(r"^第[一二三四五六七八九十]+部分", "", re.sub(r"\s+", "", line.text))
        for variant in variants:
            if variant in flat:
                out.append(make_finding(
                    "name-mismatch", f"the body is named '{variant}' here but '{name}' on the cover",
                    quote=line.text.strip(), line=line.no, page=line.page, stated=variant, expected=name,
                    evidence=[Evidence(table="cover", row=name, line=cover_line, text=name)]))
        m = _TITLE_ORG.match(flat)
        if m and len(flat) <= 60 and flat.endswith("表") and core and len(core) >= 3:
            printed = m.group(1)
            if printed != name and not printed.endswith(name) and printed.endswith(core) and _ADMIN.sub("", printed) == core and _ADMIN.match(printed):
                out.append(make_finding(
                    "name-mismatch", f"the table title names '{printed}', but the body is '{name}' (cover)",
                    quote=line.text.strip(), line=line.no, page=line.page, stated=printed, expected=name,
                    evidence=[Evidence(table="cover", row=name, line=cover_line, text=name)],
                    cause="another level's body named (an administrative area left out or changed)"))
    return out


def check_names(context: DocContext, tables: list[Table], paragraphs: list[Paragraph], doc: Document | None) -> list[Finding]:
    out = check_code_names(tables, context.year)
    out += check_prose_names(paragraphs, tables, context, doc)
    if doc is not None:
        out += check_unit_name(doc, tables)
    return out
