"""Text-layer PDFs → Document, with tables read from the PDF's own ruling lines.

pdfplumber was measured against PyMuPDF on the two reference PDFs (see
benchmarks/bench_pdf.py --libraries): PyMuPDF's table text tore numbers printed on
another baseline apart ('189 767 551\\n, ,') in 534 of 1411 figure cells of the
Shanghai budget, pdfplumber's cell boxes gave clean figures, and it was also faster.

Every page is read into visual lines (prose) and table parts; a part at the top of
a page with the same columns as the table that ended the previous page continues
it. Each table row is also one Line (``in_table=True``, cells joined by tabs), so
findings can quote the row and point to its page and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import InputError
from ..models import Document, Line
from ..tables.grid import GridRow
from .pdf_fast import PageContent, plumber_page
from .pdf_layout import Char, TextLine, group_lines
from .pdf_tables import PdfTable, build_table, column_map, remap_row, repeated_header
from ..tables.patterns import FURNITURE
from .structured import TableDraft, finish_table, header_count

@dataclass
class _Group:
    """A table being assembled from one or more page parts."""

    first: PdfTable
    draft: TableDraft


READERS = ("fast", "plumber")
"""PDF readers: ``fast`` (PDFium characters and ruling lines, pdfplumber's table
finder; the default) and ``plumber`` (pdfplumber alone, the reader before it; kept
selectable while the fast one proves itself)."""


def read_pdf(path: str | Path, reader: str | None = None) -> Document:
    """Read a PDF with a text layer. Raises InputError for scans (OCR needed),
    encrypted or damaged files. ``reader`` is one of READERS (default ``fast``;
    Config.pdf_reader / NARRATIVE_CHECK_PDF_READER choose it for check())."""
    path = Path(path)
    reader = reader or "fast"
    if reader not in READERS:
        raise InputError(f"unknown PDF reader {reader!r}; choose one of {', '.join(READERS)}")
    if reader == "fast":
        from .pdf_fast import read_pages

        try:
            return _read(read_pages(path), path)
        except InputError:
            raise
        except Exception as exc:  # PDFium reports every failure as PdfiumError
            raise InputError(_open_error(path, exc)) from exc
    import pdfplumber

    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises many types; all mean "cannot open"
        raise InputError(_open_error(path, exc)) from exc
    with pdf:
        try:
            return _read(_plumber_pages(pdf), path)
        except InputError:
            raise
        except Exception as exc:
            raise InputError(_open_error(path, exc)) from exc


def _plumber_pages(pdf) -> Iterator[PageContent]:  # noqa: ANN001 - pdfplumber.PDF
    for page in pdf.pages:
        yield plumber_page(page)


def _open_error(path: Path, exc: Exception) -> str:
    name = type(exc).__name__
    if "Password" in name or "Encrypt" in name or "password" in str(exc).lower():
        return f"{path}: the PDF is encrypted; save an unprotected copy and check that"
    return f"{path}: cannot read the PDF ({name}: {exc or 'damaged file'}); re-export it or check the file is complete"


def _read(pages: Iterable[PageContent], path: Path) -> Document:
    doc = Document(source=str(path), format="pdf")
    groups: list[_Group] = []
    open_group: _Group | None = None  # a table that ran to the end of its page
    text_chars = cid_chars = 0
    blank_pages: list[int] = []
    for page_no, page in enumerate(pages, start=1):
        chars = page.chars
        readable = [c for c in chars if c["text"].strip()]
        text_chars += len(readable)
        cid_chars += sum(c["text"].startswith("(cid:") for c in readable)
        if not readable:
            if page.has_images:
                blank_pages.append(page_no)
            open_group = None
            continue
        parts = [t for t in (build_table(page_no, cells, chars) for cells in page.tables) if t]
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
    doc.tables = [finish_table(g.draft) for g in groups]
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


def _emit_page(
    doc: Document,
    page_no: int,
    items: list[tuple[float, TextLine | PdfTable]],
    groups: list[_Group],
    open_group: _Group | None,
) -> _Group | None:
    """Append the page's lines to ``doc`` and its table parts to ``groups``. Returns
    the group still open at the page's end (nothing but a page number after it)."""
    before: list[Line] = []  # prose lines since the last table on this page
    current: _Group | None = None
    spacing = _paragraph_spacing(items)
    previous: TextLine | PdfTable | None = None
    for _, item in items:
        if isinstance(item, TextLine) and isinstance(previous, TextLine) and item.top - previous.bottom > spacing:
            # Extra space between two prose lines ends a paragraph (a title, a new
            # item): an empty line, as a text export would have, keeps them apart.
            doc.lines.append(Line(no=len(doc.lines) + 1, text="", page=page_no))
        previous = item
        if isinstance(item, TextLine):
            line = Line(no=len(doc.lines) + 1, text=item.text, page=page_no)
            doc.lines.append(line)
            if current is not None and len(current.draft.after) < 6:
                current.draft.after.append(line)
            before.append(line)
            continue
        part = item
        mapping = None
        no_title = all(_furniture(ln) for ln in before)
        if open_group is not None and current is None and no_title:
            mapping = column_map(open_group.first, part)
        if mapping is not None and open_group is not None:
            group = open_group
            rows = [remap_row(r, mapping, group.first.width) for r in part.rows]
            skip = 0
            while skip < len(rows) and repeated_header(group.draft.headers, rows[skip]):
                skip += 1
            rows = rows[skip:]
        else:
            rows = part.rows
            draft = TableDraft(page=page_no, before=list(before), headers=rows[: header_count(rows)])
            group = _Group(first=part, draft=draft)
            groups.append(group)
        for row in rows:
            text = "\t".join(row)
            line = Line(no=len(doc.lines) + 1, text=text, page=page_no, in_table=True)
            doc.lines.append(line)
            group.draft.grid.append(GridRow(cells=list(row), line=line.no, page=page_no, text=text))
        group.draft.after = []
        current = group
        before = []
    if current is not None and all(_furniture(ln) for ln in current.draft.after):
        return current
    return None


def _furniture(line: Line) -> bool:
    return not line.text.strip() or bool(FURNITURE.match(line.text.strip()))


def _paragraph_spacing(items: list[tuple[float, TextLine | PdfTable]]) -> float:
    """The white space between two prose lines above which they are separate
    paragraphs: the page's usual line gap plus most of a line height."""
    lines = [item for _, item in items if isinstance(item, TextLine)]
    if len(lines) < 2:
        return float("inf")
    gaps = sorted(b.top - a.bottom for a, b in zip(lines, lines[1:]))
    heights = sorted(line.bottom - line.top for line in lines)
    usual_gap = max(gaps[len(gaps) // 2], 0.0) if len(gaps) >= 3 else 0.4 * heights[len(heights) // 2]
    return usual_gap + 0.7 * heights[len(heights) // 2]
