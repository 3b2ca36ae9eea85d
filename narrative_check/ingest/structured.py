"""What the structured readers (PDF, DOCX, XLSX) share: finding a table's title,
unit and empty-table note in the lines around it, and turning the collected rows
into a Table through the one grid builder."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Line, Table
from ..tables.grid import GridRow, table_from_grid
from ..tables.numbers import find_unit, is_amount, is_blank, parse_code
from ..tables.patterns import EMPTY_NOTE, FURNITURE, ORG_LINE

_TITLE_NO = re.compile(
    r"^((?:公开|附)?表\s*[\d一二三四五六七八九十]+(?:[-－]\d+)?|(?:公开|预算|决算|附表|部门)\s*\d{1,2}\s*表(?:[-－]\d+)?)(?:\s+|$)"
)
"""'表3', '表 3-1', and the numbers some templates print under the title ('公开01表', '预算02表',
'公开表12')."""
_NOT_TITLE = re.compile(r"[，。；;]|[：:]$|^(?:注|说明|备注)\s*[：:]")


@dataclass
class TableDraft:
    """A table collected by a reader, before it becomes a Table."""

    page: int | None
    grid: list[GridRow] = field(default_factory=list)
    headers: list[list[str]] = field(default_factory=list)
    """The printed header rows (rows before the first row with a figure)."""
    before: list[Line] = field(default_factory=list)
    """Lines between the previous table (or the page top) and this table."""
    after: list[Line] = field(default_factory=list)
    """A few lines after the table, where an empty-table note would sit."""
    default_title: str = ""


def is_data_row(cells: list[str]) -> bool:
    """A row with a printed figure (a code is not a figure)."""
    return any(is_amount(c) and not is_blank(c) and parse_code(c) is None for c in cells)


def header_count(rows: list[list[str]]) -> int:
    for i, row in enumerate(rows):
        if is_data_row(row):
            return i
    return len(rows)


def table_title(lines: list[Line]) -> tuple[Line | None, str, str | None]:
    """The table's title: the nearest line above it, passing over unit and 编制部门
    lines. A line that reads like a sentence (or ends with a colon) is prose leading
    into the table, not its title. A lone '表N' line above the title is its number.
    Returns (title line, title, number)."""
    candidates = [ln for ln in lines if ln.text.strip() and not FURNITURE.match(ln.text.strip())][-5:]
    for i in range(len(candidates) - 1, -1, -1):
        text = re.sub(r"\s+", " ", candidates[i].text.strip())
        if find_unit(text) or ORG_LINE.match(text):
            continue
        m = _TITLE_NO.match(text)
        if m and m.end() == len(text):
            number = re.sub(r"\s+", "", m.group(1))
            above = re.sub(r"\s+", " ", candidates[i - 1].text.strip()) if i > 0 else ""
            # The number printed under its title ('收入支出决算总表' / '公开01表').
            if above and len(above) <= 60 and not _NOT_TITLE.search(above) and not find_unit(above) \
                    and not ORG_LINE.match(above) and above.endswith("表"):
                return candidates[i - 1], f"{number} {above}", number
            return candidates[i], number, number
        if len(text) > 60 or _NOT_TITLE.search(text):
            return None, "", None
        if i > 0 and not m:
            above = re.sub(r"\s+", "", candidates[i - 1].text)
            if _TITLE_NO.fullmatch(above):
                return candidates[i - 1], f"{above} {text}", above
        return candidates[i], text, re.sub(r"\s+", "", m.group(1)) if m else None
    return None, "", None


def finish_table(draft: TableDraft) -> Table:
    """Title, unit and empty note from the lines around the draft, then the grid."""
    title_line, title, number = table_title(draft.before)
    near = " ".join(ln.text for ln in draft.before[-4:])
    header_text = " ".join(" ".join(r) for r in draft.headers[:3])
    unit = find_unit(near) or find_unit(header_text)
    first_row = draft.grid[0].line if draft.grid else (draft.before[-1].no if draft.before else 1)
    last_row = draft.grid[-1].line if draft.grid else first_row
    note_line = next((ln for ln in draft.after if EMPTY_NOTE.search(ln.text)), None)
    note = note_line.text.strip() if note_line else None
    if note is None:  # some tables carry the note in a row of their own
        note = next((r.text.replace("\t", "").strip() for r in draft.grid if EMPTY_NOTE.search(r.text)), None)
    table = table_from_grid(
        draft.grid,
        title or draft.default_title or f"(untitled table at line {first_row})",
        title_line.no if title_line else first_row,
        note_line.no if note_line else last_row,
        unit=unit or "万元",
        number=number,
        page=draft.page,
        empty_note=note,
    )
    if unit is None and any(cell.value is not None for row in table.rows for cell in row.cells):
        table.warnings.append(f"{table.title}: no unit printed near the table (单位：…); assumed 万元")
    return table
