"""PDF table structure (ruling lines, cell boxes) → cell grids, and the joining of
tables that run over several pages.

The cell boxes come from pdfplumber's line-based table finder; the text of each cell
is rebuilt here from the characters inside the box, with the same line grouping as
the prose (so lowered digits stay in their cell and a wrapped 科目 name stays one
cell). Merged cells put their text in their top-left slot and leave the slots they
cover blank, so every row has one entry per column and a blank cell stays a column.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Sequence

from .pdf_layout import Char, group_lines, join_wrapped

BBox = tuple[float, float, float, float]

_SNAP = 1.5  # points: edges closer than this are one edge


@dataclass
class PdfTable:
    """One table as found on one page (a part, when it runs over pages)."""

    page: int
    bbox: BBox
    xs: list[float]
    """Column edges, left to right (len = columns + 1)."""
    rows: list[list[str]]
    """Printed cell texts; '' for blank or covered slots. Empty rows are dropped."""
    row_tops: list[float] = field(default_factory=list)
    spans: list[list[int]] = field(default_factory=list)
    """Per row, per column: how many columns the cell starting there spans (0 when
    covered by a cell to its left or above)."""

    @property
    def width(self) -> int:
        return len(self.xs) - 1


def _edges(values: Sequence[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _SNAP:
            out.append(v)
    return out


def _slot(edges: list[float], value: float) -> int:
    """Index of the edge nearest ``value`` (the lower one on a tie). ``edges`` is sorted."""
    i = bisect_left(edges, value)
    if i == 0:
        return 0
    if i == len(edges):
        return i - 1
    return i - 1 if value - edges[i - 1] <= edges[i] - value else i


def build_table(page_no: int, cells: list[BBox], chars: list[Char]) -> PdfTable | None:
    """Turn pdfplumber's cell boxes of one table plus the page's characters into a
    PdfTable. Returns None for shapes that are not data tables (a single column, e.g.
    a boxed table of contents)."""
    if not cells:
        return None
    xs = _edges([c[0] for c in cells] + [c[2] for c in cells])
    ys = _edges([c[1] for c in cells] + [c[3] for c in cells])
    if len(xs) < 3 or len(ys) < 2:
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    owner: dict[tuple[int, int], int] = {}
    anchors: list[tuple[int, int, int]] = []  # (row, col, colspan) per cell
    for k, (x0, top, x1, bottom) in enumerate(cells):
        c0, c1 = _slot(xs, x0), _slot(xs, x1)
        r0, r1 = _slot(ys, top), _slot(ys, bottom)
        anchors.append((r0, c0, max(c1 - c0, 1)))
        for r in range(r0, max(r1, r0 + 1)):
            for c in range(c0, max(c1, c0 + 1)):
                owner.setdefault((r, c), k)
    texts: list[list[Char]] = [[] for _ in cells]
    x_lo, top_lo, x_hi, bottom_hi = xs[0], ys[0], xs[-1], ys[-1]
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        if not (x_lo <= cx < x_hi and top_lo <= cy < bottom_hi):
            continue
        k = owner.get((bisect_right(ys, cy) - 1, bisect_right(xs, cx) - 1))
        if k is not None:
            texts[k].append(ch)
    grid = [[""] * n_cols for _ in range(n_rows)]
    spans = [[0] * n_cols for _ in range(n_rows)]
    for k, (r, c, span) in enumerate(anchors):
        grid[r][c] = join_wrapped([line.text for line in group_lines(texts[k])])
        spans[r][c] = span
    keep = [r for r in range(n_rows) if any(grid[r])]
    return PdfTable(
        page=page_no,
        bbox=(xs[0], ys[0], xs[-1], ys[-1]),
        xs=xs,
        rows=[grid[r] for r in keep],
        row_tops=[ys[r] for r in keep],
        spans=[spans[r] for r in keep],
    )


# --------------------------------------------------------------------------- pages
def column_map(base: PdfTable, part: PdfTable) -> list[int] | None:
    """Where each column of ``part`` (a later page's piece) falls in ``base``: the base
    column containing the part column's left edge. None when the layouts differ,
    so the part is not a continuation."""
    tolerance = 4.0
    if abs(base.xs[0] - part.xs[0]) > tolerance or abs(base.xs[-1] - part.xs[-1]) > tolerance:
        return None
    mapping: list[int] = []
    for x in part.xs[:-1]:
        matches = [i for i, bx in enumerate(base.xs[:-1]) if abs(bx - x) <= tolerance]
        if not matches:
            return None
        mapping.append(matches[0])
    return mapping


def remap_row(row: list[str], mapping: list[int], width: int) -> list[str]:
    out = [""] * width
    for text, col in zip(row, mapping):
        if text:
            out[col] = text
    return out


def _norm(row: Sequence[str]) -> str:
    return re.sub(r"\s+", "", "".join(row))


def repeated_header(base_headers: list[list[str]], row: list[str]) -> bool:
    """A continuation page repeats the header: such a row reads exactly like one of
    the first page's header rows."""
    key = _norm(row)
    return bool(key) and any(_norm(h) == key for h in base_headers)
