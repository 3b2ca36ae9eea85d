"""The tables as parsed, for the HTML report, and where a finding's evidence sits in them.

Every row and value cell gets an element id (``{doc}-t{table}-r{row}[-c{column}]``) so
the prose, the findings list and the evidence links can point at the exact cell the
comparator used. Evidence names its table by title and its cell by row label, line and
column header (see compare/base.py evidence_of); ``CellIndex`` turns that back into ids.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from html import escape

from ..models import Evidence, Row, Table
from ..tables.facts import table_name


def esc(text: object) -> str:
    """Everything taken from a document is escaped: prose in a PDF can hold <script>."""
    return escape("" if text is None else str(text), quote=True)


def row_id(doc: str, t: int, r: int) -> str:
    return f"{doc}-t{t}-r{r}"


def label_id(doc: str, t: int, r: int) -> str:
    """The row's label cell: what a row-level link points at (two-sided tables put two
    rows on one <tr>, so the <tr> cannot stand for both)."""
    return f"{doc}-t{t}-r{r}-l"


def cell_id(doc: str, t: int, r: int, column: int) -> str:
    return f"{doc}-t{t}-r{r}-c{column}"


def _number(text: str) -> Decimal | None:
    head = (text or "").replace(",", "").split(" ")[0].strip()
    try:
        return Decimal(head)
    except (InvalidOperation, ValueError):
        return None


class CellIndex:
    """Finds the ids of the cells (or rows) an Evidence or a finding's line refers to."""

    def __init__(self, doc: str, tables: list[Table]) -> None:
        self.doc = doc
        self.tables = tables
        self.by_name: dict[str, list[int]] = {}
        for t, table in enumerate(tables):
            self.by_name.setdefault(table_name(table), []).append(t)
        self.row_at_line: dict[int, str] = {}
        for t, table in enumerate(tables):
            for r, row in enumerate(table.rows):
                self.row_at_line.setdefault(row.line, label_id(doc, t, r))

    def table_of_line(self, line: int) -> int | None:
        for t, table in enumerate(self.tables):
            if table.line_start <= line <= table.line_end:
                return t
        return None

    def evidence(self, ev: Evidence) -> list[str]:
        """Cell ids for one piece of evidence; the row's label cell when no cell fits; [] when
        the table is not among the parsed ones."""
        labels = [part.strip() for part in ev.row.split(" + ")] if " + " in ev.row else [ev.row]
        wanted = _number(ev.value)
        found: list[str] = []
        for t in self.by_name.get(ev.table, []):
            rows = self.tables[t].rows
            for label in labels:
                candidates = [r for r, row in enumerate(rows) if row.label == label]
                if len(candidates) > 1 and ev.line is not None:
                    candidates = [r for r in candidates if rows[r].line == ev.line] or candidates
                if not candidates and ev.line is not None and len(labels) == 1:
                    candidates = [r for r, row in enumerate(rows) if row.line == ev.line]
                for r in candidates[:1]:
                    # A derived figure ('A + B') has no one value to look for: each part's
                    # first figure is the cell it was summed from.
                    found.append(self._cell(t, r, rows[r], ev.column, wanted, first_figure=len(labels) > 1))
            if found:
                break
        return found

    def _cell(self, t: int, r: int, row: Row, column: str, wanted: Decimal | None, first_figure: bool = False) -> str:
        by_header = [c for c in row.cells if column and c.header == column]
        if column.startswith("column ") and column[7:].isdigit():
            by_header = [c for c in row.cells if c.column == int(column[7:]) - 1]
        by_value = [c for c in row.cells if wanted is not None and c.value == wanted]
        # A header may repeat over columns ('' for unnamed ones): the value decides among them.
        pick = [c for c in by_header if c in by_value] or by_header[:1] or by_value[:1]
        if not pick and first_figure:
            pick = [c for c in row.cells if c.value is not None][:1]
        return cell_id(self.doc, t, r, pick[0].column) if pick else label_id(self.doc, t, r)


Marks = dict[str, tuple[str, str]]
"""Element id → (extra classes, ids of the findings that use it)."""


def _extra(marks: Marks, element: str, base: str) -> str:
    classes, findings = marks.get(element, ("", ""))
    data = f' data-f="{findings}"' if findings else ""
    return f' class="{base}{classes}"{data}'


def _width(table: Table, rows: list[Row]) -> int:
    return max([len(table.headers)] + [c.column + 1 for row in rows for c in row.cells] + [1])


def _cells_html(doc: str, t: int, r: int, row: Row, width: int, marks: Marks) -> str:
    by_column = {c.column: c for c in row.cells}
    out = []
    for column in range(width):
        cell = by_column.get(column)
        if cell is None:
            out.append("<td></td>")
            continue
        cid = cell_id(doc, t, r, column)
        out.append(f'<td id="{cid}"{_extra(marks, cid, "num")}>{esc(cell.text)}</td>')
    return "".join(out)


def _label_html(doc: str, t: int, r: int, row: Row, marks: Marks) -> str:
    lid = label_id(doc, t, r)
    return f'<td class="code">{esc(row.code or "")}</td><td id="{lid}"{_extra(marks, lid, "label")}>{esc(row.label)}</td>'


def table_html(doc: str, t: int, table: Table, marks: Marks) -> str:
    """One parsed table: caption with title, unit, page and lines, then its rows as read.
    ``marks`` gives cells and row labels extra classes (evidence, a finding's row) and
    the findings that use them."""
    name = table_name(table)
    meta = [f"unit {table.unit}", f"lines {table.line_start}–{table.line_end}"]
    if table.page:
        meta.insert(1, f"page {table.page}")
    meta.append(f"{len(table.rows)} rows")
    if table.kind:
        meta.append(f"kind {table.kind}")
    head = [f'<section class="tbl" id="{doc}-t{t}" data-page="{table.page or ""}">',
            f'<h3>{esc(name)}</h3><p class="meta">{esc(" · ".join(meta))}</p>']
    for warning in table.warnings:
        head.append(f'<p class="twarn">⚠ {esc(warning)}</p>')
    if table.empty_note:
        head.append(f'<p class="meta">empty: {esc(table.empty_note)}</p>')
    two_sided = any(row.side for row in table.rows)
    body = _two_sided(doc, t, table, marks) if two_sided else _one_sided(doc, t, table, marks)
    return "".join(head) + body + "</section>"


def _one_sided(doc: str, t: int, table: Table, marks: Marks) -> str:
    width = _width(table, table.rows)
    headers = [table.headers[i] if i < len(table.headers) else "" for i in range(width)]
    out = ['<table><thead><tr><th>code</th><th>item</th>', *(f"<th>{esc(h)}</th>" for h in headers), "</tr></thead><tbody>"]
    for r, row in enumerate(table.rows):
        rid = row_id(doc, t, r)
        out.append(f'<tr id="{rid}" data-line="{row.line}">{_label_html(doc, t, r, row, marks)}'
                   f"{_cells_html(doc, t, r, row, width, marks)}</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _two_sided(doc: str, t: int, table: Table, marks: Marks) -> str:
    """A 收支总表 is split into income and expense rows per printed line: put them back
    side by side, as printed."""
    index = {id(row): r for r, row in enumerate(table.rows)}
    income = [row for row in table.rows if row.side != "expense"]
    expense = [row for row in table.rows if row.side == "expense"]
    wi, we = _width(table, income), _width(table, expense)
    lines: dict[int, dict[str, Row]] = {}
    for row in table.rows:
        lines.setdefault(row.line, {})["expense" if row.side == "expense" else "income"] = row
    out = [f'<table class="two"><thead><tr><th>code</th><th>收入 item</th><th colspan="{wi}">amount</th>'
           f'<th>code</th><th>支出 item</th><th colspan="{we}">amount</th></tr></thead><tbody>']
    for line, sides in lines.items():
        cells = []
        ids = []
        for side, width in (("income", wi), ("expense", we)):
            row = sides.get(side)
            if row is None:
                cells.append(f'<td></td><td></td>{"<td></td>" * width}')
                continue
            r = index[id(row)]
            ids.append(row_id(doc, t, r))
            cells.append(_label_html(doc, t, r, row, marks) + _cells_html(doc, t, r, row, width, marks))
        # The row id goes on the <tr>; the second side's id lives on its label cell.
        out.append(f'<tr id="{ids[0]}" data-line="{line}">{"".join(cells)}</tr>')
    out.append("</tbody></table>")
    return "".join(out)
