"""Text-layer PDFs → Document, with tables read from the PDF's own ruling lines.

pdfplumber was measured against PyMuPDF on the two reference PDFs (see
benchmarks/bench_pdf.py --libraries): PyMuPDF's table text tore numbers printed on
another baseline apart ('189 767 551\\n, ,') in 537 of 1411 figure cells of the
Shanghai budget, pdfplumber's cell boxes gave clean figures, and it was also faster.

Every page is read into visual lines (prose) and table parts; a part at the top of
a page with the same columns as the table that ended the previous page continues
it. Each table row is also one Line (``in_table=True``, cells joined by tabs), so
findings can quote the row and point to its page and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..models import Document, Line, Table
from ..tables.grid import GridRow, table_from_grid
from ..tables.numbers import find_unit, is_amount, is_blank, parse_code
from .pdf_layout import Char, TextLine, group_lines
from .pdf_tables import PdfTable, build_table, column_map, header_rows, remap_row, repeated_header

_FURNITURE = re.compile(r"^[-—–\s]*\d{1,4}[-—–\s]*$|^第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?$")
_TITLE_NO = re.compile(r"^(表\s*[\d一二三四五六七八九十]+(?:[-－]\d+)?)(?:\s+|$)")
_EMPTY_NOTE = re.compile(r"无数据|无发生额|空表|没有数据|无相关数据")
_NOT_TITLE = re.compile(r"[，。；;]|[：:]$|^(?:注|说明|备注)\s*[：:]")
_ORG = re.compile(r"^(?:编制部门|编制单位|单位名称|部门名称|预算单位|填报单位)\s*[：:]")


@dataclass
class _Group:
    """A table being assembled from one or more page parts."""

    first: PdfTable
    grid: list[GridRow] = field(default_factory=list)
    headers: list[list[str]] = field(default_factory=list)
    title_lines: list[Line] = field(default_factory=list)
    after: list[Line] = field(default_factory=list)
    last_row_line: int = 0


def read_pdf(path: str | Path) -> Document:
    """Read a PDF with a text layer. Raises InputError for scans (OCR needed),
    encrypted or damaged files."""
    import pdfplumber

    path = Path(path)
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises many types; all mean "cannot open"
        raise InputError(_open_error(path, exc)) from exc
    with pdf:
        try:
            return _read(pdf, path)
        except InputError:
            raise
        except Exception as exc:
            raise InputError(_open_error(path, exc)) from exc


def _open_error(path: Path, exc: Exception) -> str:
    name = type(exc).__name__
    if "Password" in name or "Encrypt" in name or "password" in str(exc).lower():
        return f"{path}: the PDF is encrypted; save an unprotected copy and check that"
    return f"{path}: cannot read the PDF ({name}: {exc or 'damaged file'}); re-export it or check the file is complete"


def _read(pdf, path: Path) -> Document:  # noqa: ANN001 - pdfplumber.PDF
    doc = Document(source=str(path), format="pdf")
    groups: list[_Group] = []
    open_group: _Group | None = None  # a table that ran to the end of its page
    text_chars = cid_chars = 0
    blank_pages: list[int] = []
    for page_no, page in enumerate(pdf.pages, start=1):
        chars: list[Char] = page.chars
        readable = [c for c in chars if c["text"].strip()]
        text_chars += len(readable)
        cid_chars += sum(c["text"].startswith("(cid:") for c in readable)
        if not readable:
            if page.images:
                blank_pages.append(page_no)
            open_group = None
            continue
        parts = [t for t in (build_table(page_no, ft.cells, chars) for ft in page.find_tables()) if t]
        items = _page_items(chars, parts)
        open_group = _emit_page(doc, page_no, items, groups, open_group)
    if text_chars == 0:
        raise InputError(
            f"{path}: the PDF has no text layer (a scanned document?); OCR is needed: run it through "
            "OCR (e.g. `ocrmypdf in.pdf out.pdf`) and check the result"
        )
    if cid_chars > text_chars * 0.3:
        raise InputError(
            f"{path}: the PDF's text cannot be decoded (fonts without a Unicode map); OCR is needed "
            "or export the PDF again with embedded Unicode fonts"
        )
    if blank_pages:
        doc.warnings.append(
            f"pages {', '.join(map(str, blank_pages))} have no text layer (scanned?); OCR is needed to check them"
        )
    doc.tables = [_finish(g, doc) for g in groups]
    return doc


def _page_items(chars: list[Char], parts: list[PdfTable]) -> list[tuple[float, TextLine | PdfTable]]:
    """The page's prose lines and table parts, top to bottom. Characters inside a
    table's box belong to the table, not to the prose."""

    def inside(ch: Char) -> bool:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        return any(t.bbox[0] - 1 <= cx <= t.bbox[2] + 1 and t.bbox[1] - 1 <= cy <= t.bbox[3] + 1 for t in parts)

    prose = group_lines(c for c in chars if not inside(c)) if parts else group_lines(chars)
    items: list[tuple[float, TextLine | PdfTable]] = [(line.top, line) for line in prose]
    items += [(t.bbox[1], t) for t in parts]
    items.sort(key=lambda item: item[0])
    return items


def _is_data(row: list[str]) -> bool:
    return any(is_amount(c) and not is_blank(c) and parse_code(c) is None for c in row)


def _emit_page(
    doc: Document,
    page_no: int,
    items: list[tuple[float, TextLine | PdfTable]],
    groups: list[_Group],
    open_group: _Group | None,
) -> _Group | None:
    """Append the page's lines to ``doc`` and its table parts to ``groups``. Returns
    the group still open at the page's end (its last item is a table)."""
    before: list[Line] = []  # prose lines since the last table on this page
    current: _Group | None = None
    for _, item in items:
        if isinstance(item, TextLine):
            line = Line(no=len(doc.lines) + 1, text=item.text, page=page_no)
            doc.lines.append(line)
            if current is not None and len(current.after) < 6:
                current.after.append(line)
            before.append(line)
            continue
        part = item
        mapping = None
        no_title = not [ln for ln in before if not _FURNITURE.match(ln.text.strip())]
        if open_group is not None and current is None and no_title:
            mapping = column_map(open_group.first, part)
        if mapping is not None and open_group is not None:
            group = open_group
            rows = [remap_row(r, mapping, group.first.width) for r in part.rows]
            skip = 0
            while skip < len(rows) and repeated_header(group.headers, rows[skip]):
                skip += 1
            rows = rows[skip:]
        else:
            group = _Group(first=part, title_lines=list(before))
            rows = part.rows
            group.headers = [r for r in rows[: header_rows(part, _is_data)]]
            groups.append(group)
        for row in rows:
            text = "\t".join(row)
            line = Line(no=len(doc.lines) + 1, text=text, page=page_no, in_table=True)
            doc.lines.append(line)
            group.grid.append(GridRow(cells=list(row), line=line.no, page=page_no, text=text))
            group.last_row_line = line.no
        group.after = []
        current = group
        before = []
    # Open only if nothing but page furniture (a page number) follows the table.
    if current is not None and all(_FURNITURE.match(ln.text.strip()) for ln in current.after):
        return current
    return None


def _finish(group: _Group, doc: Document) -> Table:
    title_line, title, number = _title(group.title_lines)
    near = " ".join(ln.text for ln in group.title_lines[-4:])
    header_text = " ".join("".join(r) for r in group.headers[:2])
    unit = find_unit(near) or find_unit(header_text)
    note_line = next((ln for ln in group.after if _EMPTY_NOTE.search(ln.text)), None)
    if note_line is None:
        note_line = next((ln for ln in doc.lines if ln.in_table and ln.no >= group.grid[0].line
                          and ln.no <= group.last_row_line and _EMPTY_NOTE.search(ln.text)), None)
    first_row = group.grid[0].line if group.grid else group.last_row_line
    table = table_from_grid(
        group.grid,
        title or f"(untitled table on page {group.first.page})",
        title_line.no if title_line else first_row,
        note_line.no if note_line and note_line.no > group.last_row_line else group.last_row_line,
        unit=unit or "万元",
        number=number,
        page=group.first.page,
        empty_note=note_line.text.strip() if note_line else None,
    )
    if unit is None and any(cell.value is not None for row in table.rows for cell in row.cells):
        table.warnings.append(f"{table.title}: no unit printed near the table (单位：…); assumed 万元")
    return table


def _title(lines: list[Line]) -> tuple[Line | None, str, str | None]:
    """The table's title: the nearest line above it, passing over unit and 编制部门
    lines. A line that reads like a sentence (or ends with a colon) is prose leading
    into the table, not its title. A lone '表N' line above the title is its number."""
    candidates = [ln for ln in lines if not _FURNITURE.match(ln.text.strip())][-5:]
    for i in range(len(candidates) - 1, -1, -1):
        text = re.sub(r"\s+", " ", candidates[i].text.strip())
        if find_unit(text) or _ORG.match(text):
            continue
        m = _TITLE_NO.match(text)
        if m and m.end() == len(text):
            return candidates[i], re.sub(r"\s+", "", m.group(1)), re.sub(r"\s+", "", m.group(1))
        if len(text) > 60 or _NOT_TITLE.search(text):
            return None, "", None
        if i > 0 and not m:
            above = re.sub(r"\s+", "", candidates[i - 1].text)
            if _TITLE_NO.fullmatch(above):
                return candidates[i - 1], f"{above} {text}", above
        return candidates[i], text, re.sub(r"\s+", "", m.group(1)) if m else None
    return None, "", None
