"""Page contents from pypdfium2 (PDFium): character boxes and ruling lines, for the
same reading as pdf.py without pdfminer's layout pass.

Profiling read_pdf on the corpus put ~90% of the time in pdfminer interpreting
content streams (page.chars / page.edges); pdfplumber's table finder itself is a
few percent. So PDFium (C++) supplies the characters and path segments, and the
table cells still come from pdfplumber's own ruling-line algorithm (TableFinder
with its default settings), fed with the same edge dicts pdfplumber would build.

Characters are given pdfminer's box so line grouping, cell assignment and spacing
read them exactly as before: left/right and bottom from PDFium's loose box (advance
width, baseline + font descent), height = font size on the page (pdfminer's box
is one em tall; PDFium's loose top uses the font's ascent instead).
Path segments are turned into the line / rect / curve objects pdfminer makes of
them (same rules: subpaths split at each move, a closed axis-aligned four-sided
subpath is a rect, a single segment a line) and into edges by pdfplumber's utils.

PDFium's text page leaves out text objects with no ink box. Most are spaces set on
their own, which pdfminer keeps: each gets one space character back (_lost_spaces).
The others are text in a font that is neither embedded nor standard, which PDFium
cannot measure: such a page is read by pdfplumber instead. Rotated pages get
pdfminer's rotation. On the 19 PDFs of ../shared the result is the pdfplumber
reader's tables, cells and lines, but for one space in one line (tests/test_pdf_fast.py).
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from .pdf_layout import Char

Matrix = tuple[float, float, float, float, float, float]
BBox = tuple[float, float, float, float]


@dataclass
class PageContent:
    """What the PDF reader needs of one page, whichever library read it."""

    chars: list[Char]
    tables: list[list[BBox]] = field(default_factory=list)
    """Cell boxes of each table pdfplumber's finder sees on the page."""
    has_images: bool = False


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def page_ctm(mediabox: BBox, rotation: int) -> Matrix:
    """pdfminer's page matrix: user space → the page as displayed (rotation applied,
    origin at the mediabox corner), so coordinates match pdfplumber's."""
    x0, y0, x1, y1 = mediabox
    if rotation == 90:
        return (0, -1, 1, 0, -y0, x1)
    if rotation == 180:
        return (-1, 0, 0, -1, x1, y1)
    if rotation == 270:
        return (0, 1, -1, 0, y1, -x0)
    return (1, 0, 0, 1, -x0, -y0)


def _matrix(raw: Any, obj: Any) -> Matrix:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return (1, 0, 0, 1, 0, 0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


_MAYBE_GENERATED = frozenset((0x20, 0x0D, 0x0A))


def _chars(raw: Any, textpage: Any, ctm: Matrix, height: float) -> list[Char]:
    """Every drawn character (PDFium's generated spaces and line breaks left out)."""
    out: list[Char] = []
    rect = raw.FS_RECTF()
    m = raw.FS_MATRIX()
    upright = ctm[:4] == (1, 0, 0, 1)
    dx, dy = ctm[4], ctm[5]
    is_generated, unicode_of, map_error = raw.FPDFText_IsGenerated, raw.FPDFText_GetUnicode, raw.FPDFText_HasUnicodeMapError
    loose_box, font_size, matrix_of = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetFontSize, raw.FPDFText_GetMatrix
    for i in range(raw.FPDFText_CountChars(textpage)):
        code = unicode_of(textpage, i)
        # PDFium generates only spaces and line breaks: ask about those alone.
        if code in _MAYBE_GENERATED and is_generated(textpage, i) == 1:
            continue
        if map_error(textpage, i) == 1:
            text = f"(cid:{code})"  # pdfminer's spelling for a glyph without Unicode
        elif code == 0 or code == 0xFFFE or code == 0xFFFF:
            continue
        else:
            text = chr(code)
        if not loose_box(textpage, i, rect):
            continue
        left, right, low = rect.left, rect.right, rect.bottom
        if matrix_of(textpage, i, m) and m.b == 0 and m.c == 0:
            high = low + abs(m.d) * font_size(textpage, i)  # pdfminer: one em above baseline + descent
        else:  # rotated or skewed text: PDFium's box as it is
            high = rect.top
        if upright:
            x0, x1, y0, y1 = left + dx, right + dx, low + dy, high + dy
        else:
            corners = [_apply(ctm, x, y) for x in (left, right) for y in (low, high)]
            xs = [p[0] for p in corners]
            ys = [p[1] for p in corners]
            x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        out.append({"text": text, "x0": x0, "x1": x1, "top": height - y1, "bottom": height - y0,
                    "size": y1 - y0})
    return out


@dataclass
class _Objects:
    """A page's path and text objects with their full matrices (form XObjects entered)."""

    paths: list[tuple[Any, Matrix]] = field(default_factory=list)
    texts: list[tuple[Any, Matrix]] = field(default_factory=list)
    images: bool = False


_BOUNDS = tuple(ctypes.c_float() for _ in range(4))


def _walk(raw: Any, container: Any, count: Any, get: Any, parent: Matrix, found: _Objects) -> None:
    left, bottom, right, top = _BOUNDS
    for k in range(count(container)):
        obj = get(container, k)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            found.paths.append((obj, _mul(_matrix(raw, obj), parent)))
        elif kind == raw.FPDF_PAGEOBJ_TEXT:
            # PDFium's text page skips a text object without width (its glyphs have no ink box)
            raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
            if abs(right.value - left.value) < 0.01:
                found.texts.append((obj, _mul(_matrix(raw, obj), parent)))
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
            found.images = True
        elif kind == raw.FPDF_PAGEOBJ_FORM:
            _walk(raw, obj, raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject,
                  _mul(_matrix(raw, obj), parent), found)


# Fonts PDFium has metrics for without embedding (the standard 14 and their Windows
# names): a left-out object in one of them can only be blank.
_STANDARD = {"times", "timesnewroman", "timesnewromanps", "helvetica", "arial", "courier", "couriernew",
             "symbol", "zapfdingbats"}


def _standard(raw: Any, font: Any) -> bool:
    buf = ctypes.create_string_buffer(256)
    raw.FPDFFont_GetBaseFontName(font, buf, 256)
    name = buf.value.decode("latin-1").split("+")[-1]
    family = name.split(",")[0].split("-")[0].replace(" ", "").lower()
    for suffix in ("mt", "psmt", "bold", "italic"):
        family = family.removesuffix(suffix)
    return family in _STANDARD


class _Unreadable(Exception):
    """PDFium's text page left out text it may not be able to measure."""


def _lost_spaces(raw: Any, texts: list[tuple[Any, Matrix]], ctm: Matrix, height: float) -> list[Char]:
    """PDFium's text page leaves out text objects whose glyphs have no ink box: a space
    set on its own (pdfminer keeps it, and the reading turns it into a word break), but
    also the text of a font that is not embedded and that PDFium cannot measure. One
    space per left-out object of an embedded font, one em tall at its origin, stands
    in; a left-out object in a font that is neither embedded nor one of the standard
    Latin families raises _Unreadable (the page is then read by pdfplumber)."""
    out: list[Char] = []
    size = ctypes.c_float()
    descent = ctypes.c_float()
    for obj, m in texts:
        if not raw.FPDFTextObj_GetFontSize(obj, size):
            continue
        a, b, c, d, e, f = m
        if b != 0 or c != 0 or size.value <= 0:
            continue
        font = raw.FPDFTextObj_GetFont(obj)
        if not font or (not raw.FPDFFont_GetIsEmbedded(font) and not _standard(raw, font)):
            raise _Unreadable
        if not raw.FPDFFont_GetDescent(font, size.value, descent):
            descent.value = 0.0
        low = f + d * descent.value
        high = low + abs(d) * size.value
        em = abs(a) * size.value
        corners = [_apply(ctm, x, y) for x in (e, e + 0.25 * em) for y in (low, high)]
        xs = [p[0] for p in corners]
        ys = [p[1] for p in corners]
        out.append({"text": " ", "x0": min(xs), "x1": max(xs), "top": height - max(ys),
                    "bottom": height - min(ys), "size": max(ys) - min(ys)})
    return out


def _subpaths(raw: Any, path: Any, m: Matrix) -> Iterator[tuple[str, list[tuple[float, float]]]]:
    """pdfminer's view of a path: per subpath its operator string (m, l, c, h) and
    the point each operator ends on (``h`` ends on the subpath's start)."""
    x, y = ctypes.c_float(), ctypes.c_float()
    shape = ""
    pts: list[tuple[float, float]] = []
    pending_bezier = 0
    for k in range(raw.FPDFPath_CountSegments(path)):
        seg = raw.FPDFPath_GetPathSegment(path, k)
        kind = raw.FPDFPathSegment_GetType(seg)
        raw.FPDFPathSegment_GetPoint(seg, x, y)
        point = _apply(m, x.value, y.value)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            if shape:
                yield shape, pts
            shape, pts, pending_bezier = "m", [point], 0
        elif kind == raw.FPDF_SEGMENT_BEZIERTO:
            # PDFium stores a curve as three points; pdfminer keeps one 'c' ending on the last.
            pending_bezier += 1
            if pending_bezier == 3:
                shape, pending_bezier = shape + "c", 0
                pts.append(point)
        else:
            shape += "l"
            pts.append(point)
        if raw.FPDFPathSegment_GetClose(seg) and shape:
            shape += "h"
            pts.append(pts[0])
    if shape:
        yield shape, pts


def _objects(shape: str, pts: list[tuple[float, float]], height: float) -> list[dict[str, Any]]:
    """The pdfplumber objects (line / rect / curve) pdfminer would make of one subpath."""
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts = pts[:-2] + pts[-1:]
    if shape in ("mlh", "ml"):
        kind, box_pts = "line", pts[:2]
    elif shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        kind, box_pts = ("rect", pts[:4]) if pts[0] == pts[4] and square else ("curve", pts)
    else:
        kind, box_pts = "curve", pts
    xs = [p[0] for p in box_pts]
    ys = [p[1] for p in box_pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    obj: dict[str, Any] = {"object_type": kind, "x0": x0, "x1": x1, "y0": y0, "y1": y1,
                           "top": height - y1, "bottom": height - y0, "doctop": height - y1,
                           "width": x1 - x0, "height": y1 - y0}
    if kind == "line":
        (ax, ay), (bx, by) = box_pts
        obj["pts"] = [(ax, height - ay), (bx, height - by)]
    elif kind == "curve":
        obj["pts"] = [(px, height - py) for px, py in pts]
    return [obj]


class _EdgePage:
    """All pdfplumber's TableFinder reads of a page under its default 'lines' strategy."""

    def __init__(self, edges: list[dict[str, Any]], bbox: BBox) -> None:
        self.edges = edges
        self.bbox = bbox


def _tables(raw: Any, paths: list[tuple[Any, Matrix]], ctm: Matrix, bbox: BBox) -> list[list[BBox]]:
    from pdfplumber.table import TableFinder
    from pdfplumber.utils import obj_to_edges

    height = bbox[3]
    edges: list[dict[str, Any]] = []
    for path, m in paths:
        fill = ctypes.c_int()
        stroke = ctypes.c_int()
        raw.FPDFPath_GetDrawMode(path, fill, stroke)
        if fill.value == 0 and not stroke.value:
            continue  # neither filled nor stroked: draws nothing
        full = _mul(m, ctm)
        for shape, pts in _subpaths(raw, path, full):
            if shape[:1] != "m":
                continue
            for obj in _objects(shape, pts, height):
                edges.extend(obj_to_edges(obj))
    if not edges:
        return []
    return [list(t.cells) for t in TableFinder(_EdgePage(edges, bbox)).tables]


# PDFium is not thread-safe, even across documents: every call into it holds this lock,
# so check() can be called from several threads (processes are the way to go parallel).
_PDFIUM = threading.Lock()


def read_pages(path: str | Path) -> Iterator[PageContent]:
    """Each page's characters, table cell boxes and whether it holds images.
    Raises what PDFium raises for files it cannot open (PdfiumError)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    with _PDFIUM:
        pdf = pdfium.PdfDocument(str(path))
        count = len(pdf)
    plumber = None
    try:
        for index in range(count):
            with _PDFIUM:
                page = pdf[index]
                try:
                    content = _page(raw, page)
                except _Unreadable:
                    content = None
                finally:
                    page.close()
            if content is None:
                import pdfplumber

                plumber = plumber or pdfplumber.open(path)
                content = plumber_page(plumber.pages[index])
            yield content
    finally:
        with _PDFIUM:
            pdf.close()
        if plumber is not None:
            plumber.close()


def plumber_page(page: Any) -> PageContent:
    """One pdfplumber page read the way the PDF reader reads it (tables only when the
    page has text)."""
    chars: list[Char] = page.chars
    if not any(c["text"].strip() for c in chars):
        return PageContent(chars=chars, has_images=bool(page.images))
    return PageContent(chars=chars, tables=[ft.cells for ft in page.find_tables()])


def _page(raw: Any, page: Any) -> PageContent:
    rotation = page.get_rotation() % 360
    mx0, my0, mx1, my1 = page.get_mediabox()
    width, height = mx1 - mx0, my1 - my0
    if rotation in (90, 270):
        width, height = height, width
    ctm = page_ctm((mx0, my0, mx1, my1), rotation)
    textpage = page.get_textpage()
    try:
        chars = _chars(raw, textpage.raw, ctm, height)
    finally:
        textpage.close()
    found = _Objects()
    _walk(raw, page.raw, raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, (1, 0, 0, 1, 0, 0), found)
    chars += _lost_spaces(raw, found.texts, ctm, height)
    readable = any(c["text"].strip() for c in chars)
    tables = _tables(raw, found.paths, ctm, (0.0, 0.0, width, height)) if readable else []
    return PageContent(chars=chars, tables=tables, has_images=found.images)
