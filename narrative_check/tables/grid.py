"""A cell grid (rows of printed cell texts) → Table.

Every reader ends here: tab-separated text, space-separated pdftotext output, PDF
table structures, DOCX tables and XLSX sheets all produce a grid, so header joining,
code and label detection and two-sided (收入 | 支出) splitting live in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Cell, Row, Table
from .patterns import ORG_LINE
from .numbers import UNPLACED, find_unit, is_amount, is_blank, is_code_part, parse_amount, parse_code, run_together, split_label_code


@dataclass
class GridRow:
    """One printed row: its cells as text, where it sits, and the raw text."""

    cells: list[str]
    line: int
    page: int | None = None
    text: str = ""


@dataclass
class _Col:
    index: int
    numbers: int = 0
    texts: int = 0
    codes: int = 0
    headers: list[str] = field(default_factory=list)

    @property
    def role(self) -> str:
        if not (self.numbers or self.texts or self.codes):
            return "empty"
        if self.numbers and self.numbers >= self.texts:
            return "value"
        if self.codes and self.codes >= self.texts:
            return "code"
        return "label"


_EXPENSE_WORDS = re.compile(r"支出|结转下年|年终结转|年末结转|结余分配|结转和结余|支出总计")
_INCOME_WORDS = re.compile(r"收入|拨款|上年结转|年初结转|事业基金|财政专户|其他资金|收入总计")


_ID_HEADER = re.compile(r"代码|编码|编号|序号|行次|栏次|^类$|^款$|^项$|/类$|/款$|/项$")
_NUMBERING_LABEL = re.compile(r"^(?:栏次|行次|栏号|\*+|[甲乙丙丁]+)$")


def _org_or_unit_row(cells: list[str]) -> bool:
    texts = [re.sub(r"\s+", "", c) for c in cells if c.strip()]
    return bool(texts) and all(ORG_LINE.match(t) or find_unit(t) for t in texts)


def is_numbering_row(cells: list[str]) -> bool:
    """The row that numbers the columns ('栏次 | | 1 | 2 | 3', '** | 1 | 2 | 3'): a
    header row, not figures. Its numbers are small integers counting up by one."""
    texts = [re.sub(r"[\s\u3000]+", "", c) for c in cells if c.strip()]
    numbers = [t for t in texts if t.isdigit()]
    if not numbers or any(not t.isdigit() and not _NUMBERING_LABEL.match(t) for t in texts):
        return False
    ints = [int(t) for t in numbers]
    counting = all(b == a + 1 for a, b in zip(ints, ints[1:]))
    labelled = any(_NUMBERING_LABEL.match(t) for t in texts)
    return counting and (labelled or (len(ints) >= 3 and ints[0] <= 1))


def _running_count(values: list[str]) -> bool:
    """A 行次 column whose header was lost: whole numbers, each one more than the one
    before (blank rows may skip numbers), never a figure with decimals."""
    nums = [v.strip() for v in values if v.strip()]
    if len(nums) < 4 or not all(re.fullmatch(r"\d{1,3}", n) for n in nums):
        return False
    ints = [int(n) for n in nums]
    return all(b > a for a, b in zip(ints, ints[1:])) and ints[-1] - ints[0] <= 2 * len(ints)


def _integer_id_columns(rows: list[GridRow], index: int) -> set[int]:
    values = [r.cells[index].strip() for r in rows if index < len(r.cells) and r.cells[index].strip()]
    if values and (all(re.fullmatch(r"\d{6,}", v) for v in values) or _running_count(values)):
        return {index}
    return set()


def _cell_kind(text: str) -> str:
    s = text.strip()
    if not s:
        return "blank"
    if s == UNPLACED:
        return "number"
    if parse_code(s) or is_code_part(s):
        return "code"
    if is_amount(s) or is_blank(s):
        return "number"
    return "text"


def _first_data_row(rows: list[GridRow]) -> int:
    for i, row in enumerate(rows):
        if is_numbering_row(row.cells):
            continue
        if any(_cell_kind(c) == "number" and not is_blank(c) and parse_code(c) is None for c in row.cells):
            return i
    return len(rows)


def _fill_headers(header_rows: list[list[str]], width: int, fill: bool = True) -> list[str]:
    """Join header rows per column, carrying a merged (spanning) cell to its right
    while the row above spans the same way."""
    filled: list[list[str]] = []
    for r, cells in enumerate(header_rows):
        cells = [c.strip() for c in cells] + [""] * (width - len(cells))
        out = list(cells)
        for c in range(1, width):
            if not fill or out[c] or not out[c - 1]:
                continue
            same_parent = r == 0 or (filled[r - 1][c] != "" and filled[r - 1][c] == filled[r - 1][c - 1])
            if same_parent:
                out[c] = out[c - 1]
        filled.append(out)
    joined = []
    for c in range(width):
        parts: list[str] = []
        for row in filled:
            part = re.sub(r"\s+", "", row[c])
            if part and (not parts or parts[-1] != part):
                parts.append(part)
        joined.append("/".join(parts))
    return joined


def _groups(cols: list[_Col]) -> list[tuple[list[int], list[int]]]:
    """Split columns into (label/code columns, value columns) groups, left to right.
    More than one group means a two-sided table (收入 … | 支出 …)."""
    groups: list[tuple[list[int], list[int]]] = []
    labels: list[int] = []
    values: list[int] = []
    for col in cols:
        # A column blank in every data row goes with its neighbours: a blank figure
        # column after figures, a blank label column before them.
        if col.role == "value" or (col.role == "empty" and values):
            values.append(col.index)
        else:
            if values and col.role == "label":
                groups.append((labels, values))
                labels, values = [], []
            labels.append(col.index)
    if labels or values:
        groups.append((labels, values))
    return groups


def _side_names(header_text: str, count: int) -> list[str | None]:
    if count == 2:
        inc, exp = header_text.find("收入"), header_text.find("支出")
        if inc != -1 and exp != -1 and inc < exp:
            return ["income", "expense"]
    return [None] * count


def _code_and_label(cells: list[str], label_cols: list[int], name_col: int | None = None) -> tuple[str | None, str]:
    """The row's 科目 code (joined when split over columns) and its label: the
    名称 column when the header names one, else the first text cell."""
    code_parts: list[str] = []
    texts: list[str] = []
    for c in label_cols:
        s = cells[c].strip() if c < len(cells) else ""
        if not s:
            continue
        if not texts and (parse_code(s) or (code_parts and is_code_part(s))):
            code_parts.append(parse_code(s) or s)
        elif not texts and code_parts and re.fullmatch(r"\d", s):
            code_parts.append("0" + s)  # '301 | 2': the PDF lost the part's leading zero
        elif _cell_kind(s) == "text" or texts:
            texts.append(s)
    code = "".join(code_parts) or None
    if code and len(code) not in (3, 5, 7):
        code = None
    label = texts[0] if texts else ""
    if name_col is not None and name_col < len(cells) and _cell_kind(cells[name_col]) == "text":
        label = cells[name_col].strip()
    if code is None and label:
        code, label = split_label_code(label)
    return code, re.sub(r"[\s\u3000]+", "", label)


def _filled(row: GridRow, index: int) -> bool:
    return index < len(row.cells) and bool(row.cells[index].strip()) and not is_blank(row.cells[index])


def _join_staggered(header_rows: list[GridRow], data_rows: list[GridRow], width: int) -> list[int]:
    """Columns to drop because the PDF split one figure column in two: some rows
    print their figure a cell to the left of the others ('204 … | | 16,593.12' under
    '20404 … | 16,593.12 |'). Two neighbouring columns that never both hold a figure
    in one row, one of them with no header of its own, are one column; the figure
    moves into the headed one. Returns the indexes emptied."""
    def header(i: int) -> str:
        return "".join(r.cells[i].strip() for r in header_rows if i < len(r.cells))

    def figures(i: int) -> int:
        return sum(1 for r in data_rows if _filled(r, i) and is_amount(r.cells[i]) and parse_code(r.cells[i]) is None)

    dropped: list[int] = []
    for i in range(width - 1):
        a, b = i, i + 1
        if a in dropped or not figures(a) or not figures(b):
            continue
        if any(_filled(r, a) and _filled(r, b) for r in data_rows):
            continue
        if any(_filled(r, c) and not is_amount(r.cells[c]) for r in data_rows for c in (a, b)):
            continue
        ha, hb = header(a), header(b)
        if ha and hb and ha != hb:
            continue
        keep, drop = (b, a) if hb and not ha else (a, b)
        for r in data_rows:
            if _filled(r, drop):
                r.cells[keep], r.cells[drop] = r.cells[drop], ""
        dropped.append(drop)
    return dropped


def _split_code_part(cells: list[str], label_cols: list[int], headers: list[str], last: str | None) -> str | None:
    """A code printed split over 类 | 款 | 项 columns, each row giving only its new
    part ('201 | |', '| 05 |', '| | 01'): the part under 款 extends the last 类, the
    part under 项 the last 款."""
    if not last:
        return None
    parts = [(c, cells[c].strip()) for c in label_cols if c < len(cells) and is_code_part(cells[c])]
    if len(parts) != 1:
        return None
    col, part = parts[0]
    level = headers[col].rsplit("/", 1)[-1]
    if level == "款" and len(last) >= 3:
        return last[:3] + part
    if level == "项" and len(last) >= 5:
        return last[:5] + part
    return None


def table_from_grid(
    grid: list[GridRow],
    title: str,
    line_start: int,
    line_end: int,
    unit: str = "万元",
    number: str | None = None,
    page: int | None = None,
    empty_note: str | None = None,
    fill_headers: bool = True,
) -> Table:
    """Build a Table from printed rows. Header rows are the rows before the first row
    with a figure; column roles (code, label, value) are voted by the data rows."""
    grid = [r for r in grid if any(c.strip() for c in r.cells)]
    # Column-numbering rows ('栏次 1 2 3') carry no header words and no figures.
    grid = [r for r in grid if not is_numbering_row(r.cells)]
    width = max((len(r.cells) for r in grid), default=0)
    start = _first_data_row(grid)
    grid = [GridRow(cells=list(r.cells) + [""] * (width - len(r.cells)), line=r.line, page=r.page, text=r.text)
            for r in grid]
    dropped = set(_join_staggered(grid[:start], grid[start:], width))
    if dropped:
        for r in grid:
            r.cells = [c for i, c in enumerate(r.cells) if i not in dropped]
        width -= len(dropped)
    header_rows, data_rows = grid[:start], grid[start:]
    # A '部门名称：… 单位：万元' line caught inside the table's ruling is no header.
    header_rows = [r for r in header_rows if not _org_or_unit_row(r.cells)]
    cols = [_Col(i) for i in range(width)]
    for row in data_rows:
        for i, cell in enumerate(row.cells):
            kind = _cell_kind(cell)
            if kind == "number" and not is_blank(cell):
                cols[i].numbers += 1
            elif kind == "code":
                # '15' right of figures is a figure (15 万元), not the '15' of a split code;
                # so is '237' right of a figure in its own row.
                # A code is followed by its name ('302 | 商品和服务支出'); a figure is not.
                after = next((c for c in row.cells[i + 1:] if c.strip()), "")
                left_figure = _cell_kind(after) != "text" and any(
                    is_amount(c) and not is_blank(c) and _cell_kind(c) == "number" for c in row.cells[:i])
                if left_figure or (parse_code(cell) is None and any(cols[j].numbers for j in range(i))):
                    cols[i].numbers += 1
                else:
                    cols[i].codes += 1
            elif kind == "text":
                cols[i].texts += 1
    headers = _fill_headers([r.cells for r in header_rows], width, fill_headers)
    for col in cols:
        # Codes and IDs printed as bare integers (单位代码 114001, 项目编码) are not figures.
        if _ID_HEADER.search(headers[col.index]) or col.index in _integer_id_columns(data_rows, col.index):
            col.texts += col.numbers
            col.numbers = 0
    for col in cols:
        # A merged header cell carried over blank columns the PDF sliced off: a column
        # with its left neighbour's header and nothing in any row is no column.
        i = col.index
        if i and headers[i] and headers[i] == headers[i - 1] and col.role == "empty":
            col.texts = -1
    cols = [c for c in cols if c.texts >= 0]
    groups = _groups(cols)
    header_text = "".join(headers)
    sides = _side_names(header_text, len(groups))
    table = Table(
        title=title,
        number=number,
        unit=unit,
        line_start=line_start,
        line_end=line_end,
        page=page,
        empty_note=empty_note,
    )
    if not groups:
        return table
    # Value columns are numbered within their group so that a two-sided table's
    # 金额 columns are both column 0 of their side.
    table.headers = [headers[i] for i in groups[0][1]]
    last_code: dict[str | None, str] = {}
    for n, row in enumerate(data_rows):
        for (label_cols, value_cols), side in zip(groups, sides):
            name_col = next((c for c in label_cols if "名称" in headers[c]), None)
            code, label = _code_and_label(row.cells, label_cols, name_col)
            if code is None:
                code = _split_code_part(row.cells, label_cols, headers, last_code.get(side))
            if code:
                last_code[side] = code
            cells = []
            for j, c in enumerate(value_cols):
                text = row.cells[c].strip() if c < len(row.cells) else ""
                cells.append(
                    Cell(column=j, header=headers[c], text=text, value=parse_amount(text), line=row.line, page=row.page)
                )
            if not label and not code and all(cell.value is None for cell in cells):
                continue
            if not label and not code and n == 0 and len(groups) == 1:
                label = "合计"  # an unlabelled first row of figures is the table's total
            if not label and not code and len(groups) > 1:
                continue
            table.rows.append(
                Row(label=label, code=code, cells=cells, line=row.line, page=row.page, side=side, text=row.text)
            )
    merged = [r for r in data_rows if any(run_together(c) for c in r.cells)]
    if merged:
        first = merged[0]
        table.warnings.append(
            f"{title}: {len(merged)} row{'s' if len(merged) > 1 else ''} whose cells run together could not be split "
            f"(line {first.line}: '{re.sub(chr(9), ' ', first.text or ' '.join(first.cells))[:60]}'); "
            "their figures are not checked")
    return table


def side_of_label(label: str) -> str | None:
    """Which side of a 收支总表 a lone entry belongs to, by its wording."""
    if _EXPENSE_WORDS.search(label):
        return "expense"
    if _INCOME_WORDS.search(label):
        return "income"
    return None
