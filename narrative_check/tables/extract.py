"""Document → tables. Structured readers (PDF, DOCX, XLSX) hand tables over ready;
plain text is split here into table regions, each turned into a cell grid.

Two text layouts are common:
- tab-separated cells (exports, Markdown-like text): a blank cell is an empty field;
- space-separated cells (pdftotext): labels and headers wrap over several lines, a
  row's figures may sit on the line after its label, and pages repeat headers.
"""

from __future__ import annotations

import re

from ..models import Document, Line, Row, Table
from .classify import classify_table
from .grid import GridRow, side_of_label, table_from_grid
from .numbers import UNPLACED, find_unit, parse_code, split_label_code
from .reading import misaligned
from .sangong_layout import place as place_sangong
from .patterns import EMPTY_NOTE, NOTE, ORG_LINE, TABLE_NO_LINE

_TITLE = re.compile(
    r"(?:表\s*[\d一二三四五六七八九十]+(?:[-－]\d+)?\s*$)|(?:(?:总表|情况表|预算表|决算表|明细表|汇总表|统计表|目标表|一览表|支出表|收入表|经费表|[^，。；]{2,}表)\s*(?:[（(][^）)]*[)）])?\s*$)"
)
_PART = re.compile(r"^\s*(?:#+\s*)?(?:\*\*)?\s*第[一二三四五六七八九十]+部分")
_SENTENCE = re.compile(r"[，。；;]")
_NUM_TOKEN = re.compile(r"^[-－]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


def extract_tables(doc: Document) -> list[Table]:
    """All tables of the document, each classified (Table.kind)."""
    lines = [_unpipe(line) for line in doc.lines if not line.in_table]
    text_tables = _tab_tables(doc, lines) if any("\t" in line.text for line in lines) else _space_tables(doc, lines)
    # Structured and text tables are joined apart: a text fragment between two
    # pages of a PDF table must not keep them apart.
    tables = _join_continued(list(doc.tables)) + _join_continued(text_tables)
    for table in tables:
        if table.kind is None:
            table.kind = classify_table(table)
        if misaligned(table):
            table.warnings.append(f"{table.title}: its class rows carry other classes' names (labels shifted "
                                  "against codes in the text layer): its figures are not checked")
    return tables


def _join_continued(tables: list[Table]) -> list[Table]:
    """A table continued on the next page under its repeated title and header is one
    table: its rows join the first part (else the first part's total would be checked
    against half its rows)."""
    out: list[Table] = []
    for table in sorted(tables, key=lambda t: t.line_start):
        prev = out[-1] if out else None
        if (
            prev is not None
            and table.title == prev.title
            and not table.title.startswith("(untitled")
            and table.headers == prev.headers
            and table.unit == prev.unit
            and table.page is not None and prev.page is not None and 0 < table.page - prev.page <= 1 + _pages(prev)
        ):
            _continue_codes(prev.rows, table.rows)
            prev.rows.extend(table.rows)
            prev.line_end = table.line_end
            prev.warnings.extend(w for w in table.warnings if w not in prev.warnings)
            continue
        out.append(table)
    return out


def _continue_codes(before: list[Row], rows: list[Row]) -> None:
    """Rows at the top of a continued page that print only the 款 or 项 part of a
    split code ('| | 99 | 其他…') extend the last code of the page before."""
    last = next((r.code for r in reversed(before) if r.code), None)
    for row in rows:
        if row.code:
            return
        cells = row.text.split("\t")[:3]
        parts = [(i, c.strip()) for i, c in enumerate(cells) if re.fullmatch(r"\d{2}", c.strip())]
        if last is None or len(parts) != 1 or any(parse_code(c) for c in cells):
            return
        i, part = parts[0]
        if i == 2 and len(last) >= 5:
            row.code = last[:5] + part
        elif i == 1 and len(last) >= 3:
            row.code = last[:3] + part
        else:
            return
        last = row.code


def _pages(table: Table) -> int:
    pages = {r.page for r in table.rows if r.page is not None}
    return max(pages) - min(pages) if pages else 0


_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*\|?\s*$")


def _unpipe(line: Line) -> Line:
    """A Markdown pipe-table row becomes a tab-separated row (its rule line, blank);
    the row keeps its printed text for quotes."""
    if _PIPE_RULE.match(line.text):
        return line.model_copy(update={"text": ""})
    if _PIPE_ROW.match(line.text) and line.text.count("|") >= 3:
        cells = [c.strip() for c in line.text.strip().strip("|").split("|")]
        return line.model_copy(update={"text": "\t".join(cells)})
    return line


# --------------------------------------------------------------------------- titles
def _is_title(text: str) -> bool:
    s = text.strip().replace("*", "").strip()
    if not s or len(s) > 60 or _SENTENCE.search(s) or NOTE.match(s) or ORG_LINE.match(s) or _PART.match(s):
        return False
    if re.search(r"\d+\.\d{2}", s):  # a figure: a table row, not a title
        return False
    return bool(_TITLE.search(s))


def _title_before(lines: list[Line], index: int, stop: int) -> tuple[str, str | None, int]:
    """Look back from ``index`` (exclusive) to ``stop`` for the title, table number and
    unit of a table. Returns (title, number, first line of the title)."""
    title, number, first = "", None, lines[index].no if index < len(lines) else 0
    looked = 0
    for j in range(index - 1, max(stop, index - 12) - 1, -1):
        text = lines[j].text.strip().replace("*", "").strip()
        if not text:
            continue
        looked += 1
        m = TABLE_NO_LINE.match(text)
        if m and number is None:
            number, first = re.sub(r"\s+", "", m.group(1)), lines[j].no
            continue
        if _is_title(text) and not title:
            title, first = re.sub(r"\s+", " ", text), lines[j].no
            continue
        if find_unit(text) or ORG_LINE.match(text) or text.startswith("单位："):
            first = lines[j].no
            continue
        if title or looked > 6:
            break
    return title, number, first


def _unit_near(lines: list[Line], lo: int, hi: int) -> str | None:
    for j in range(max(lo, 0), min(hi, len(lines))):
        unit = find_unit(lines[j].text)
        if unit:
            return unit
    return None


# --------------------------------------------------------------------------- tab layout
def _tab_tables(doc: Document, lines: list[Line]) -> list[Table]:
    """Blocks of tab-separated lines. A block whose width differs from the table open
    before it, or that has a title of its own, starts a new table."""
    tables: list[Table] = []
    blocks: list[tuple[int, int]] = []  # (first index, last index) of tab lines
    i = 0
    while i < len(lines):
        if "\t" in lines[i].text:
            j = i
            while j + 1 < len(lines) and "\t" in lines[j + 1].text:
                j += 1
            blocks.append((i, j))
            i = j + 1
        else:
            i += 1
    prev_end = 0
    current: tuple[str, str | None, int, str, list[GridRow], int, int] | None = None

    def flush() -> None:
        if current is None:
            return
        title, number, first, unit, grid, width, end = current
        note = _note_after(lines, end + 1)
        tables.append(
            table_from_grid(grid, title or f"(untitled table at line {grid[0].line})", first,
                            lines[end].no if note is None else note[1], unit=unit, number=number,
                            page=doc.page_of(first), empty_note=note[0] if note and EMPTY_NOTE.search(note[0]) else None)
        )

    for start, end in blocks:
        grid = [
            GridRow(cells=line.text.split("\t"), line=line.no, page=line.page, text=doc.lines[line.no - 1].text)
            for line in lines[start : end + 1]
            if line.text.strip()
        ]
        if not grid:
            continue
        width = max(len(r.cells) for r in grid)
        title, number, first = _title_before(lines, start, prev_end)
        gap_has_text = any(
            lines[k].text.strip() and not re.fullmatch(r"\s*\[illegible\]\s*", lines[k].text)
            for k in range(prev_end, start)
        )
        continues = current is not None and not title and not gap_has_text and abs(current[5] - width) <= 1
        if continues:
            assert current is not None
            current = (current[0], current[1], current[2], current[3], current[4] + grid, max(width, current[5]), end)
        else:
            flush()
            unit = _unit_near(lines, start - 8, start) or "万元"
            current = (title, number, first if title else lines[start].no, unit, grid, width, end)
        prev_end = end + 1
    flush()
    return tables


def _note_after(lines: list[Line], index: int) -> tuple[str, int] | None:
    """The '注：…' line(s) right after a table, if any: (text, last line no)."""
    for j in range(index, min(index + 6, len(lines))):
        text = lines[j].text.strip()
        if not text:
            continue
        if NOTE.match(text.replace("*", "")):
            last = j
            notes = [text]
            for k in range(j + 1, min(j + 6, len(lines))):
                more = lines[k].text.strip()
                if NOTE.match(more.replace("*", "")):
                    notes.append(more)
                    last = k
                elif more:
                    break
            return " ".join(notes), lines[last].no
        return None
    return None


# --------------------------------------------------------------------------- space layout
def _tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[ \t\u3000]+", text.strip()) if t]


def _starts_entry(tok: str, entry: list[str]) -> bool:
    """A bare 科目 code after formatted figures ('11,860.23 302') is the code of the
    next entry on the line, not a figure."""
    figures = entry[1:]
    return bool(parse_code(tok)) and bool(figures) and all(re.search(r"[.,]", f) for f in figures)


def _figures_row(text: str) -> list[list[str]] | None:
    """Split a space-separated line into entries [[label, fig, fig…], …] when it is a
    table row: every figure a separate token. None for prose."""
    if _SENTENCE.search(text) or "%" in text or "万元" in text:
        return None
    tokens = _tokens(text)
    if not tokens:
        return None
    entries: list[list[str]] = []
    label: list[str] = []
    for tok in tokens:
        if entries and not label and _starts_entry(tok, entries[-1]):
            label.append(tok)  # '… 11,860.23 302 商品和服务支出 …': a second 科目 side by side
            continue
        if label and parse_code(label[0]) and parse_code(tok) and len(tok) >= 5:
            entries.append([" ".join(label)])  # '30303 退职（役）费 30218 …': no figure on the left
            label = [tok]
            continue
        if _NUM_TOKEN.match(tok) and not (not entries and not label and parse_code(tok)):
            if entries and not label:
                entries[-1].append(tok)
            else:
                entries.append([" ".join(label), tok])
                label = []
        else:
            label.append(tok)
    if not entries:
        return None
    if label:  # trailing words after the last figure: a label with its figures on the next line
        entries.append([" ".join(label)])
    return entries


def _space_tables(doc: Document, lines: list[Line]) -> list[Table]:
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        text = lines[i].text.strip()
        if _is_title(text) or TABLE_NO_LINE.match(text):
            table, i = _space_table_at(doc, lines, i)
            if table is not None:
                tables.append(table)
            continue
        i += 1
    return tables


def _space_table_at(doc: Document, lines: list[Line], start: int) -> tuple[Table | None, int]:
    """Read one space-laid table from its title line. Returns (table, next index)."""
    number: str | None = None
    title = ""
    i = start
    # Title block: '表1' and/or a title line, in either order.
    while i < len(lines) and i < start + 4:
        text = lines[i].text.strip()
        m = TABLE_NO_LINE.match(text)
        if m and number is None:
            number = re.sub(r"\s+", "", m.group(1))
        elif _is_title(text) and not title:
            title = re.sub(r"\s+", " ", text)
        elif text:
            break
        i += 1
    unit = _unit_near(lines, start - 4, start + 4) or "万元"
    grid: list[GridRow] = []
    pending: list[str] = []  # label words waiting for their figures
    pending_line: Line | None = None
    two_sided = False
    header_seen: list[str] = []
    note: str | None = None
    end_line = lines[min(i, len(lines) - 1)].no
    while i < len(lines):
        line = lines[i]
        text = line.text.strip()
        if not text:
            i += 1
            continue
        if _PART.match(text) or (grid and (_is_title(text) or TABLE_NO_LINE.match(text))):
            break
        if find_unit(text) and grid:
            break
        if NOTE.match(text):
            note = text
            end_line = line.no
            i += 1
            break
        entries = _figures_row(text)
        if entries is None:
            if not grid:
                header_seen.append(text)
            if _SENTENCE.search(text) or re.search(r"\d+\s*万元|%", text):
                prose_after = len([c for c in text if c in "，。；"]) >= 2 and grid and not pending
                if prose_after and re.search(r"\d+(?:\.\d+)?\s*万元", text):
                    break  # prose after a table with no closing note
                pending, pending_line = [], None
            elif grid and text in header_seen:
                pending, pending_line = [], None  # the header repeated on a new page
            elif grid or pending or parse_code(_tokens(text)[0]):
                if pending_line is None:
                    pending_line = line
                pending.append(text)
            i += 1
            continue
        if not grid and len(entries) >= 2 and any(len(e) == 2 for e in entries):
            two_sided = two_sided or _looks_two_sided(header_seen, entries)
        if pending and entries and entries[0][0] == "":
            entries[0][0] = _join_wrapped(pending)
        elif pending and entries and split_label_code(entries[0][0])[0]:
            code, rest = split_label_code(entries[0][0])
            entries[0][0] = f"{code} {''.join(pending)}{rest}"
        elif pending and entries:
            entries[0][0] = _join_wrapped(pending + [entries[0][0]])
        first_line = pending_line or line
        pending, pending_line = [], None
        trailing = entries[-1] if len(entries[-1]) == 1 else None
        if trailing:
            entries = entries[:-1]
            pending, pending_line = [trailing[0]], line
        grid.extend(_grid_rows(entries, first_line, line, two_sided))
        end_line = line.no
        i += 1
    if not grid:
        return None, max(i, start + 1)
    if two_sided:
        grid.insert(0, GridRow(cells=["收入", "金额", "支出", "金额"], line=grid[0].line))
    elif "三公" in title and len(grid) == 1 and (placed := place_sangong(grid[0].cells[2:], " ".join(header_seen))):
        headers, cells = placed
        grid = [GridRow(cells=["", ""] + headers, line=grid[0].line), GridRow(
            cells=["", ""] + cells, line=grid[0].line, page=grid[0].page, text=grid[0].text)]
    else:
        _unplace_short_rows(grid)
        headers = _space_headers(header_seen, max(len(r.cells) for r in grid) - 2)
        if headers:
            grid.insert(0, GridRow(cells=["", ""] + headers, line=grid[0].line))
    table = table_from_grid(
        grid,
        title or f"(untitled table at line {lines[start].no})",
        lines[start].no,
        end_line,
        unit=unit,
        number=number,
        page=doc.page_of(lines[start].no),
        empty_note=note if note and EMPTY_NOTE.search(note) else None,
        fill_headers=False,
    )
    return table, i


def _unplace_short_rows(grid: list[GridRow]) -> None:
    """In a space-laid table a blank cell leaves no trace, so a row with fewer
    figures than the table's columns cannot say which column each belongs to: only
    its first (the row's total) is certain. The others become unplaced, never
    silently shifted into the wrong column."""
    width = max((len(r.cells) for r in grid), default=0)
    if width <= 3:
        return
    for row in grid:
        figures = row.cells[2:]
        if figures and len(row.cells) < width:
            row.cells = row.cells[:3] + [UNPLACED] * (width - 3)


def _join_wrapped(parts: list[str]) -> str:
    """Join a label wrapped over lines; a leading 科目 code stays apart from the name."""
    text = "".join(parts)
    if parts and parse_code(parts[0]):
        text = parts[0] + " " + "".join(parts[1:])
    return text


def _looks_two_sided(header_seen: list[str], entries: list[list[str]]) -> bool:
    header = "".join(header_seen).replace(" ", "")
    return "收入" in header and "支出" in header and header.find("收入") < header.find("支出")


def _grid_rows(entries: list[list[str]], first: Line, last: Line, two_sided: bool) -> list[GridRow]:
    """One printed line → grid rows: 科目 printed side by side ('301 工资福利支出 11,860.23
    302 商品和服务支出 1,844.57') give one row each; anything else one row."""
    coded = [split_label_code(e[0]) for e in entries]
    if not two_sided and len(entries) >= 2 and all(code for code, _ in coded):
        text = first.text.strip() if first is last else f"{first.text.strip()} … {last.text.strip()}"
        width = max(len(e) - 1 for e in entries)
        return [GridRow(cells=[code or "", name] + e[1:] + [""] * (width - len(e) + 1), line=first.no, page=first.page,
                        text=text) for (code, name), e in zip(coded, entries)]
    return [_grid_row(entries, first, last, two_sided)]


def _grid_row(entries: list[list[str]], first: Line, last: Line, two_sided: bool) -> GridRow:
    text = first.text.strip() if first is last else f"{first.text.strip()} … {last.text.strip()}"
    if two_sided:
        cells = ["", "", "", ""]
        for n, entry in enumerate(entries[:2]):
            label, figure = entry[0], entry[1] if len(entry) > 1 else ""
            side = n if len(entries) == 2 else (1 if side_of_label(label) == "expense" else 0)
            cells[side * 2], cells[side * 2 + 1] = label, figure
        return GridRow(cells=cells, line=first.no, page=first.page, text=text)
    entry = entries[0]
    label = entry[0]
    figures = [f for e in entries for f in (e[1:] if e is entry else e)]
    code, name = split_label_code(label)
    return GridRow(cells=[code or "", name] + figures, line=first.no, page=first.page, text=text)


# Column names a space-laid header may hold, longest first so '基本支出' is not read
# out of '一般公共预算基本支出'.
_COLUMN_WORDS = [
    "用事业基金弥补收支差额", "对附属单位补助支出", "事业单位经营支出", "财政专户拨款收入", "财政专户管理资金",
    "附属单位上缴收入", "国有资本经营预算", "政府性基金预算", "上级补助收入", "上缴上级支出", "一般公共预算",
    "其他资金收入", "其他专户收入拨款", "财政拨款收入", "其他资金", "财政专户拨款", "事业收入", "经营收入",
    "其他收入", "教育收费", "基本支出", "项目支出", "人员经费", "公用经费", "结转下年", "年初预算", "调整预算",
    "决算数", "预算数", "合计", "小计", "总计", "预算",
]


# Columns of the standard tables come in this order; header words read out of
# wrapped pdftotext in another order are not trusted.
_COLUMN_RANK = {
    "总计": 0, "合计": 0, "小计": 0, "预算": 0, "决算数": 0, "预算数": 0, "年初预算": 0, "调整预算": 1,
    "财政拨款收入": 1, "一般公共预算": 1, "政府性基金预算": 2, "国有资本经营预算": 3,
    "财政专户拨款收入": 4, "财政专户管理资金": 4, "财政专户拨款": 4, "教育收费": 4, "其他专户收入拨款": 4,
    "事业收入": 5, "经营收入": 6, "其他资金收入": 7, "其他资金": 7, "其他收入": 7, "上级补助收入": 8,
    "附属单位上缴收入": 9, "用事业基金弥补收支差额": 10,
    "基本支出": 1, "人员经费": 1, "公用经费": 2, "项目支出": 3, "事业单位经营支出": 4, "上缴上级支出": 5,
    "对附属单位补助支出": 5, "结转下年": 6,
}


def _plausible_order(words: list[str]) -> bool:
    ranks = [_COLUMN_RANK.get(w, 0) for w in words]
    return all(a <= b for a, b in zip(ranks[1:], ranks[2:])) and (not ranks or ranks[0] == 0)


def _header_words(text: str) -> list[str]:
    text = re.sub(r"\s+", "", text)
    found: list[tuple[int, str]] = []
    taken = [False] * len(text)
    for word in _COLUMN_WORDS:
        for m in re.finditer(re.escape(word), text):
            if not any(taken[m.start() : m.end()]):
                found.append((m.start(), word))
                for k in range(m.start(), m.end()):
                    taken[k] = True
    return [w for _, w in sorted(found)]


def _space_headers(header_seen: list[str], value_count: int) -> list[str] | None:
    """Header words found in reading order; used only when their count matches the
    number of figures per row and their order is that of the standard tables, since
    wrapped pdftotext headers are often out of order. Otherwise only a leading
    total column (合计) is named."""
    candidates = [_header_words(line) for line in header_seen] + [_header_words("".join(header_seen))]
    for words in candidates:
        if len(words) == value_count and _plausible_order(words):
            return words
    words = candidates[-1]
    if words and _COLUMN_RANK.get(words[0], 1) == 0:
        return [words[0]] + [""] * (value_count - 1)
    return None


__all__ = ["extract_tables"]
