"""Hostile inputs, built by the tests themselves (nothing large is kept in the
repository): packages that expand, sheets with a cell at the far corner, huge
tables, endless lines, thousands of claims. Each builder writes into ``folder``
and returns the path."""

from __future__ import annotations

import zipfile
from pathlib import Path

_XLSX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '</Types>'
)
_XLSX_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)


def _column(n: int) -> str:
    name = ""
    while n:
        n, rest = divmod(n - 1, 26)
        name = chr(65 + rest) + name
    return name


def _xlsx(path: Path, rows_xml: str, dimension: str = "A1") -> Path:
    sheet = ('<?xml version="1.0" encoding="UTF-8"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f'<dimension ref="{dimension}"/><sheetData>{rows_xml}</sheetData></worksheet>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _XLSX_TYPES)
        z.writestr("_rels/.rels", _XLSX_RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def _table_rows_xml(rows: int, columns: int) -> str:
    head = "".join(f'<c r="{_column(c)}1" t="inlineStr"><is><t>项目{c}</t></is></c>' for c in range(1, columns + 1))
    body = []
    for r in range(2, rows + 2):
        cells = "".join(f'<c r="{_column(c)}{r}"><v>{r}.{c % 100:02d}</v></c>' for c in range(1, columns + 1))
        body.append(f'<row r="{r}">{cells}</row>')
    return f'<row r="1">{head}</row>' + "".join(body)


def xlsx_far_cell(folder: Path) -> Path:
    """A small table, and one figure in the sheet's last cell (XFD1048576)."""
    rows = _table_rows_xml(3, 3) + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return _xlsx(folder / "far.xlsx", rows, dimension="A1:XFD1048576")


def xlsx_styled_far_cell(folder: Path) -> Path:
    """A small table and a styled but empty cell at XFD1048576 (and a dimension that
    claims the whole sheet): the used range is the table's."""
    rows = _table_rows_xml(3, 3) + '<row r="1048576"><c r="XFD1048576" s="0"/></row>'
    return _xlsx(folder / "styled-far.xlsx", rows, dimension="A1:XFD1048576")


def xlsx_many_cells(folder: Path, rows: int, columns: int) -> Path:
    return _xlsx(folder / f"cells-{rows}x{columns}.xlsx", _table_rows_xml(rows, columns),
                 dimension=f"A1:{_column(columns)}{rows + 1}")


_DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '</Types>'
)
_DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def docx_paragraphs(folder: Path, paragraphs: int, text: str = "本部门支出合计1.00万元。",
                    extra_parts: int = 0) -> Path:
    """A Word file of ``paragraphs`` copies of one paragraph (it compresses ~1000:1)."""
    para = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
    path = folder / f"paras-{paragraphs}-{extra_parts}.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _DOCX_TYPES)
        z.writestr("_rels/.rels", _DOCX_RELS)
        with z.open("word/document.xml", "w") as part:  # streamed: the test never holds it whole
            part.write(b'<?xml version="1.0" encoding="UTF-8"?><w:document '
                       b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            chunk = (para * 1000).encode("utf-8")
            for _ in range(paragraphs // 1000):
                part.write(chunk)
            part.write((para * (paragraphs % 1000)).encode("utf-8"))
            part.write(b"</w:body></w:document>")
        for i in range(extra_parts):
            z.writestr(f"customXml/item{i}.xml", "<a/>")
    return path


def text_table(folder: Path, rows: int, columns: int) -> Path:
    path = folder / f"table-{rows}x{columns}.txt"
    line = "\t".join("1.00" for _ in range(columns))
    with path.open("w", encoding="utf-8") as out:
        out.write("表1 收支总表\n单位：万元\n" + "\t".join(f"项目{c}" for c in range(columns)) + "\n")
        for _ in range(rows):
            out.write(line + "\n")
    return path


def long_line(folder: Path, chars: int) -> Path:
    path = folder / f"line-{chars}.txt"
    path.write_text("本部门" + "收" * chars + "\n", encoding="utf-8")
    return path


def one_line_claims(folder: Path, n: int) -> Path:
    """'1万元' n times on one line (over the line limit past ~40,000)."""
    path = folder / f"oneline-{n}.txt"
    path.write_text("2024年部门预算\n本部门支出" + "1万元，" * n + "\n", encoding="utf-8")
    return path


def claim_sentences(folder: Path, n: int) -> Path:
    """n one-line claim sentences."""
    path = folder / f"sentences-{n}.txt"
    with path.open("w", encoding="utf-8") as out:
        out.write("2024年部门预算\n")
        for i in range(n):
            out.write(f"本部门一般公共服务支出{i}.00万元，比上年增加1.00万元，增长{i % 50}.00%。\n")
    return path


def listed_parts(folder: Path, n: int) -> Path:
    path = folder / f"lists-{n}.txt"
    with path.open("w", encoding="utf-8") as out:
        out.write("2024年部门预算\n")
        for i in range(n):
            out.write(f"本部门支出合计{3 * i}万元，其中：基本支出{i}万元，项目支出{2 * i}万元；\n")
    return path
