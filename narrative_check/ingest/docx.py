"""Word (.docx) → Document: paragraphs as prose lines, Word tables as Tables.

The body is read in order, paragraphs and tables interleaved, so a table's title
and unit are the paragraphs just above it. Each table row is one Line
(``in_table=True``, cells joined by tabs). Merged cells keep the grid: a cell
spanning columns puts its text in its first column and leaves the rest blank, a
vertically merged cell is blank below its first row.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import InputError
from ..models import Document, Line
from ..tables.grid import GridRow
from .limits import check_line_count, check_lines, check_zip
from .pdf_layout import join_wrapped
from .structured import TableDraft, finish_table, header_count

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def read_docx(path: str | Path) -> Document:
    """Read a .docx. Raises InputError for old .doc files and damaged packages."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    path = Path(path)
    head = path.open("rb").read(4)
    if head == _OLE_MAGIC:
        raise InputError(f"{path}: is an old Word .doc file; open it in Word or WPS and save it as .docx")
    check_zip(path, "Word")
    try:
        word = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(f"{path}: cannot read the Word file ({type(exc).__name__}); is it a complete .docx?") from exc
    except Exception as exc:  # lxml or zip errors from a damaged part
        raise InputError(f"{path}: cannot read the Word file ({type(exc).__name__}: {exc})") from exc
    doc = Document(source=str(path), format="docx")
    drafts: list[TableDraft] = []
    before: list[Line] = []
    last: TableDraft | None = None
    for block in word.iter_inner_content():
        if hasattr(block, "rows"):  # a docx.table.Table
            rows = _table_rows(block)
            draft = TableDraft(page=None, before=list(before), headers=rows[: header_count(rows)])
            for cells in rows:
                text = "\t".join(cells)
                line = Line(no=len(doc.lines) + 1, text=text, in_table=True)
                doc.lines.append(line)
                draft.grid.append(GridRow(cells=cells, line=line.no, text=text))
            if draft.grid:
                drafts.append(draft)
                last = draft
            before = []
            continue
        # A paragraph: soft line breaks (Shift+Enter) make separate visual lines.
        for part in block.text.split("\n"):
            line = Line(no=len(doc.lines) + 1, text=part.rstrip())
            doc.lines.append(line)
            before.append(line)
            if last is not None and len(last.after) < 4 and line.text.strip():
                last.after.append(line)
        check_line_count(str(path), len(doc.lines))  # stop early: each paragraph costs time
        if len(before) > 8:  # only the lines close above a table can be its title
            before = before[-8:]
    if not any(line.text.strip() for line in doc.lines):
        raise InputError(f"{path}: the Word file has no text; nothing to check")
    check_lines(str(path), [len(line.text) for line in doc.lines])
    doc.tables = [finish_table(d) for d in drafts]
    return doc


def _table_rows(table) -> list[list[str]]:  # noqa: ANN001 - docx.table.Table
    """The table as a grid of printed texts, one entry per grid column."""
    from docx.table import _Cell

    rows: list[list[str]] = []
    width = len(table._tbl.tblGrid.gridCol_lst) if table._tbl.tblGrid is not None else 0
    for tr in table._tbl.tr_lst:
        cells: list[str] = [""] * tr.grid_before
        for tc in tr.tc_lst:
            covered = tc.vMerge == "continue"
            text = "" if covered else _cell_text(_Cell(tc, table))
            cells.append(text)
            cells.extend([""] * (tc.grid_span - 1))
        cells.extend([""] * tr.grid_after)
        rows.append(cells)
    width = max([width] + [len(r) for r in rows])
    return [r + [""] * (width - len(r)) for r in rows if any(c.strip() for c in r)]


def _cell_text(cell) -> str:  # noqa: ANN001 - docx.table._Cell
    """A cell's paragraphs (and soft breaks) are the lines of one wrapped cell."""
    parts = [piece for p in cell.paragraphs for piece in p.text.split("\n")]
    return join_wrapped(parts)
