"""Excel (.xlsx) → Document: each sheet is one table.

Rows above the table that hold one text (the title) or a unit / 编制部门 line are the
table's title lines; rows below it that hold one note ('注：…') are its notes. Every
row becomes a Line; table rows are ``in_table=True`` with cells joined by tabs.

Figures are printed the way the cell's number format shows them (decimals and
thousands separators), converted through ``repr`` so no float rounding slips in.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..errors import InputError
from ..models import Document, Line
from ..tables.grid import GridRow
from ..tables.numbers import find_unit
from ..tables.patterns import ORG_LINE
from .limits import check_sheet, check_zip
from .structured import TableDraft, finish_table, header_count

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_NOTE = re.compile(r"^\s*(?:注|说明|备注)\s*[：:]|[。]")


def read_xlsx(path: str | Path, first_line: int = 1) -> Document:
    """Read every visible sheet of an .xlsx as a table. ``first_line`` numbers the
    lines from there, for tables that join another document's lines."""
    import openpyxl

    path = Path(path)
    if path.open("rb").read(4) == _OLE_MAGIC:
        raise InputError(f"{path}: is an old Excel .xls file; open it in Excel or WPS and save it as .xlsx")
    check_zip(path, "Excel")
    try:
        values = openpyxl.load_workbook(path, data_only=True)
        formulas = openpyxl.load_workbook(path, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot read the Excel file ({type(exc).__name__}); is it a complete .xlsx?") from exc
    except Exception as exc:  # openpyxl raises assorted errors for damaged parts
        raise InputError(f"{path}: cannot read the Excel file ({type(exc).__name__}: {exc})") from exc
    doc = Document(source=str(path), format="xlsx")
    next_no = first_line
    for sheet in values.worksheets:
        if sheet.sheet_state != "visible":
            doc.warnings.append(f"{path.name}: sheet '{sheet.title}' is hidden and was not read")
            continue
        rows, missing = _sheet_rows(sheet, formulas[sheet.title], path)
        if missing:
            doc.warnings.append(
                f"{path.name}: sheet '{sheet.title}' has {missing} formula cell(s) without a saved value "
                "(read as blank); open the file in Excel or WPS and save it so the values are stored"
            )
        if not rows:
            continue
        draft, lines = _sheet_table(sheet.title, rows, next_no)
        doc.lines.extend(lines)
        next_no += len(lines)
        if draft.grid:
            doc.tables.append(finish_table(draft))
    if not doc.tables:
        raise InputError(f"{path}: no table found in any sheet; nothing to check")
    return doc


def _sheet_rows(sheet, formula_sheet, path: Path) -> tuple[list[list[str]], int]:  # noqa: ANN001 - openpyxl sheets
    """Printed texts of the used range; counts formulas with no cached value.

    The used range is measured from the cells that hold a value or a formula, not
    from the sheet's declared dimension or its styled empty cells (one formatted
    cell at XFD1048576 must not make 17 billion), and checked before it is read."""
    cells, fcells = sheet._cells, formula_sheet._cells  # {(row, column): cell}, only the cells the file holds
    used = [k for k, c in cells.items() if c.value is not None] + [k for k, c in fcells.items() if c.value is not None]
    height = max((r for r, _ in used), default=0)
    width = max((c for _, c in used), default=0)
    check_sheet(path, sheet.title, height, width)
    rows: list[list[str]] = []
    missing = 0
    for r in range(1, height + 1):
        texts: list[str] = []
        for c in range(1, width + 1):
            cell, fcell = cells.get((r, c)), fcells.get((r, c))
            value = cell.value if cell is not None else None
            if value is None and fcell is not None and isinstance(fcell.value, str) and fcell.value.startswith("="):
                missing += 1
            texts.append(_printed(value, getattr(cell, "number_format", "General")))
        while texts and not texts[-1]:
            texts.pop()
        rows.append(texts)
    while rows and not rows[-1]:
        rows.pop()
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows], missing


def _printed(value: object, number_format: str) -> str:
    """The cell as Excel shows it, as far as figures matter: decimals and grouping
    from the number format, percentages with '%'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, (datetime, date)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, (int, float, Decimal)):
        try:
            number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        except InvalidOperation:
            return str(value)
        fmt = number_format.split(";")[0]
        percent = "%" in fmt
        if percent:
            number *= 100
        m = re.search(r"0\.(0+)", fmt)
        if m:
            number = number.quantize(Decimal(1).scaleb(-len(m.group(1))))
        text = f"{number:,f}" if "," in fmt else f"{number:f}"
        return text + ("%" if percent else "")
    return str(value).strip()


def _sheet_table(name: str, rows: list[list[str]], first_no: int) -> tuple[TableDraft, list[Line]]:
    """Split a sheet into title lines, table rows and note lines."""
    filled = [[c for c in r if c.strip()] for r in rows]
    start = 0
    while start < len(rows) and (len(filled[start]) <= 1 or _is_caption(" ".join(filled[start]))):
        start += 1
    end = len(rows)
    while end > start and len(filled[end - 1]) <= 1 and (not filled[end - 1] or _NOTE.search(filled[end - 1][0])):
        end -= 1
    draft = TableDraft(page=None, default_title=name)
    lines: list[Line] = []
    for i, cells in enumerate(rows):
        no = first_no + len(lines)
        if start <= i < end:
            text = "\t".join(cells)
            line = Line(no=no, text=text, in_table=True)
            draft.grid.append(GridRow(cells=cells, line=no, text=text))
        else:
            line = Line(no=no, text="  ".join(filled[i]))
            (draft.before if i < start else draft.after).append(line)
        lines.append(line)
    table_rows = [r.cells for r in draft.grid]
    draft.headers = table_rows[: header_count(table_rows)]
    return draft, lines


def _is_caption(text: str) -> bool:
    """A row above the table such as '编制部门：XX        单位：万元'."""
    return bool(find_unit(text) or ORG_LINE.match(text))
