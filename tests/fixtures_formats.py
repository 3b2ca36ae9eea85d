"""Build one budget document in several formats (.txt, .docx, .pdf, .xlsx) inside a
test's tmp_path, so format readers can be compared on the same content.

A document is a list of blocks: ``Para`` (one prose paragraph) and ``TableBlock``
(title, unit, printed rows). The PDF renderer draws prose line by line on a canvas
(optionally with digits on a lower baseline, as some published PDFs do) and tables
as reportlab Tables with grid lines, split over pages like a real export.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

CJK_FONT = "STSong-Light"


@dataclass
class Para:
    text: str


@dataclass
class TableBlock:
    title: str
    rows: list[list[str]]
    unit: str = "万元"
    header_rows: int = 1
    note: str | None = None
    col_widths: list[float] | None = None
    """PDF column widths in points; narrow label columns make long names wrap."""
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)
    """Merged cells as (first col, first row, last col, last row), PDF and DOCX."""


Block = Para | TableBlock


# --------------------------------------------------------------------------- the sample
# A small 部门预算 with three planted errors in the prose:
#   - growth 10.81% where 100.05 / 1020.00 gives 9.81%;
#   - 项目支出 602.05 万元 where the table has 620.05;
#   - 教育支出 share 28.75% where 320.05 / 1120.05 gives 28.57%.
PLANTED = {"growth": "10.81%", "amount": "602.05", "share": "28.75%"}


def budget_blocks() -> list[Block]:
    return [
        Para("2025年江南区文化局部门预算"),
        Para("一、收支预算总体情况"),
        Para("江南区文化局2025年收入总计1120.05万元，支出总计1120.05万元，与2024年预算相比，收支总计各增加100.05万元，增长10.81%。"),
        Para("二、收入预算情况说明"),
        Para("江南区文化局2025年收入合计1120.05万元，其中：一般公共预算拨款收入1000.00万元，占89.28%；事业收入120.05万元，占10.72%。"),
        Para("三、支出预算情况说明"),
        Para("江南区文化局2025年支出合计1120.05万元，其中：基本支出500.00万元，占44.64%；项目支出602.05万元，占55.36%。"),
        Para("江南区文化局2025年支出合计1120.05万元，主要用于以下方面：一般公共服务支出（类）800.00万元，占71.43%；教育支出（类）320.05万元，占28.75%。"),
        TableBlock(
            title="表1 部门收支总表",
            rows=[
                ["收入", "预算数", "支出", "预算数"],
                ["一、一般公共预算拨款收入", "1,000.00", "一、一般公共服务支出", "800.00"],
                ["二、事业收入", "120.05", "二、教育支出", "320.05"],
                ["收入总计", "1,120.05", "支出总计", "1,120.05"],
            ],
        ),
        TableBlock(
            title="表2 部门支出总表",
            rows=[
                ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
                ["201", "一般公共服务支出", "800.00", "500.00", "300.00"],
                ["20101", "人大事务", "800.00", "500.00", "300.00"],
                ["2010101", "行政运行", "800.00", "500.00", "300.00"],
                ["205", "教育支出", "320.05", "0.00", "320.05"],
                ["20502", "普通教育", "320.05", "0.00", "320.05"],
                ["2050202", "小学教育", "320.05", "0.00", "320.05"],
                ["", "合计", "1,120.05", "500.00", "620.05"],
            ],
            note="注：本表不含政府性基金。",
        ),
    ]


# --------------------------------------------------------------------------- text
def write_text(blocks: list[Block], path: Path) -> Path:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Para):
            out += [block.text, ""]
        else:
            out += [block.title, f"单位：{block.unit}"]
            out += ["\t".join(row) for row in block.rows]
            if block.note:
                out.append(block.note)
            out.append("")
    path.write_text("\n".join(out), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- docx
def write_docx(blocks: list[Block], path: Path) -> Path:
    import docx

    word = docx.Document()
    for block in blocks:
        if isinstance(block, Para):
            word.add_paragraph(block.text)
            continue
        word.add_paragraph(block.title)
        word.add_paragraph(f"单位：{block.unit}")
        width = max(len(r) for r in block.rows)
        table = word.add_table(rows=len(block.rows), cols=width)
        table.style = "Table Grid"
        for r, row in enumerate(block.rows):
            for c, text in enumerate(row):
                if text:
                    table.cell(r, c).text = text
        for c0, r0, c1, r1 in block.spans:
            table.cell(r0, c0).merge(table.cell(r1, c1))
        if block.note:
            word.add_paragraph(block.note)
    word.save(str(path))
    return path


# --------------------------------------------------------------------------- xlsx
def write_xlsx(tables: list[TableBlock], path: Path, numbers: bool = True) -> Path:
    """One sheet per table: a merged title row, a unit row, then the table. With
    ``numbers`` figures are stored as numbers formatted '#,##0.00', as Excel users do."""
    from decimal import Decimal

    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for n, block in enumerate(tables, start=1):
        sheet = book.create_sheet(f"Sheet{n}")
        width = max(len(r) for r in block.rows)
        sheet.cell(row=1, column=1, value=block.title)
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        sheet.cell(row=2, column=width, value=f"单位：{block.unit}")
        for r, row in enumerate(block.rows, start=3):
            for c, text in enumerate(row, start=1):
                if not text:
                    continue
                cell = sheet.cell(row=r, column=c)
                is_figure = numbers and re.fullmatch(r"-?[\d,]+\.\d+", text)
                if is_figure:
                    cell.value = Decimal(text.replace(",", ""))
                    cell.number_format = "#,##0.00"
                else:
                    cell.value = text
        if block.note:
            sheet.cell(row=3 + len(block.rows), column=1, value=block.note)
    book.save(str(path))
    return path


# --------------------------------------------------------------------------- pdf
def _register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))


def _wrap(text: str, limit: int) -> list[str]:
    """Break a paragraph after punctuation once a line reaches ``limit`` characters,
    the way a justified Chinese layout ends lines (kept at punctuation so figures
    are never cut)."""
    lines, current = [], ""
    for piece in re.split(r"(?<=[，；。：])", text):
        if current and len(current) + len(piece) > limit:
            lines.append(current)
            current = ""
        current += piece
    if current:
        lines.append(current)
    return lines


def write_pdf(
    blocks: list[Block],
    path: Path,
    lowered_digits: bool = False,
    rows_per_page: int | None = None,
    repeat_header: bool = True,
) -> Path:
    """Render ``blocks`` to an A4 PDF. ``lowered_digits`` sets every run of digits
    4pt below the text baseline. ``rows_per_page`` forces tables to break over pages
    after that many rows (with or without the header repeated)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Paragraph, Table, TableStyle

    _register_font()
    width, height = A4
    margin, size, leading = 56.0, 10.5, 18.0
    pdf = canvas.Canvas(str(path), pagesize=A4)
    y = height - margin
    cell_style = ParagraphStyle("cell", fontName=CJK_FONT, fontSize=9, leading=11, wordWrap="CJK")

    def new_page() -> None:
        nonlocal y
        pdf.showPage()
        y = height - margin

    def text_line(text: str, x: float = margin) -> None:
        nonlocal y
        if y < margin + leading:
            new_page()
        t = pdf.beginText(x, y)
        t.setFont(CJK_FONT, size)
        for part in re.split(r"(\d[\d,.%]*)", text):
            if not part:
                continue
            if lowered_digits and part[0].isdigit():
                t.setRise(-4)
                t.textOut(part)
                t.setRise(0)
            else:
                t.textOut(part)
        pdf.drawText(t)
        y -= leading

    for block in blocks:
        if isinstance(block, Para):
            for line in _wrap(block.text, 44):
                text_line(line)
            continue
        text_line(block.title, x=width / 2 - len(block.title) * size / 2)
        text_line(f"单位：{block.unit}", x=width - margin - 6 * size)
        rows = [[Paragraph(c, cell_style) if c and not re.fullmatch(r"[\d,.\-]+", c) else c for c in r] for r in block.rows]
        head = block.header_rows
        chunks: list[list[list]] = []
        body = rows[head:]
        step = rows_per_page or len(body) or 1
        for i in range(0, max(len(body), 1), step):
            part = body[i : i + step]
            chunks.append((rows[:head] if (i == 0 or repeat_header) else []) + part)
        for n, chunk in enumerate(chunks):
            table = Table(chunk, colWidths=block.col_widths)
            style = [
                ("FONTNAME", (0, 0), (-1, -1), CJK_FONT),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
            if n == 0:
                style += [("SPAN", (c0, r0), (c1, r1)) for c0, r0, c1, r1 in block.spans]
            table.setStyle(TableStyle(style))
            _, table_height = table.wrapOn(pdf, width - 2 * margin, height)
            if y - table_height < margin:
                new_page()
            table.drawOn(pdf, margin, y - table_height)
            y -= table_height + leading
            if n + 1 < len(chunks):
                new_page()
        if block.note:
            text_line(block.note)
    pdf.save()
    return path


def write_blank_pdf(path: Path, with_image: bool = True, text_first: str | None = None) -> Path:
    """A 'scan': a page with a picture (or only a drawn box) and no text layer.
    ``text_first`` puts a page with that text before it (a partly scanned file)."""
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    if text_first:
        _register_font()
        pdf.setFont(CJK_FONT, 12)
        pdf.drawString(72, 760, text_first)
        pdf.showPage()
    if with_image:
        pdf.drawImage(ImageReader(Image.new("L", (16, 16), 128)), 50, 50, width=500, height=700)
    else:
        pdf.rect(50, 50, 100, 100)
    pdf.showPage()
    pdf.save()
    return path
