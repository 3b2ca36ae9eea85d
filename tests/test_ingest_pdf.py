"""PDF ingest: the two real disclosures in ../shared/documents, and generated PDFs
for the layouts a reader meets (split tables, wrapped cells, lowered digits, scans)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from fixtures_formats import Para, TableBlock, budget_blocks, write_blank_pdf, write_pdf
from narrative_check.errors import InputError
from narrative_check.ingest import load_document
from narrative_check.ingest.pdf import read_pdf
from narrative_check.models import Document, Table

DOCUMENTS = Path(__file__).resolve().parents[2] / "shared" / "documents"
SHANGHAI = DOCUMENTS / "shanghai-putuo-wanli-street-2025-dept-budget.pdf"
NATIONAL = DOCUMENTS / "national-dept-final-account-template.pdf"

needs_documents = pytest.mark.skipif(not SHANGHAI.exists(), reason=f"real PDFs not found in {DOCUMENTS}")


@pytest.fixture(scope="module")
def shanghai() -> Document:
    if not SHANGHAI.exists():
        pytest.skip(f"real PDFs not found in {DOCUMENTS}")
    return load_document(SHANGHAI)


@pytest.fixture(scope="module")
def national() -> Document:
    if not NATIONAL.exists():
        pytest.skip(f"real PDFs not found in {DOCUMENTS}")
    return load_document(NATIONAL)


def _table(doc: Document, title_part: str) -> Table:
    found = [t for t in doc.tables if title_part in t.title]
    assert len(found) == 1, [t.title for t in doc.tables]
    return found[0]


def _row(table: Table, label: str | None = None, code: str | None = None, side: str | None = None):
    rows = [r for r in table.rows if (label is None or r.label == label) and (code is None or r.code == code)
            and (side is None or r.side == side)]
    assert len(rows) == 1, (label, code, [(r.code, r.label) for r in table.rows])
    return rows[0]


# --------------------------------------------------------------------------- Shanghai
SHANGHAI_TABLES = [
    ("2025年部门财务收支预算总表", "元", 9),
    ("2025年部门收入预算总表", "元", 10),
    ("2025年部门支出预算总表", "元", 14),
    ("2025年部门财政拨款收支预算总表", "元", 19),
    ("2025年部门一般公共预算支出功能分类预算表", "元", 20),
    ("2025年部门政府性基金预算支出功能分类预算表", "元", 25),
    ("2025年部门国有资本经营预算支出功能分类预算表", "元", 26),
    ("2025年部门一般公共预算基本支出部门预算经济分类预算表", "元", 27),
    ("2025年部门“三公”经费和机关运行经费预算表", "万元", 29),
]


def test_shanghai_tables_have_their_titles_units_and_pages(shanghai: Document) -> None:
    assert [(t.title, t.unit, t.page) for t in shanghai.tables] == SHANGHAI_TABLES
    assert shanghai.format == "pdf" and not shanghai.warnings


def test_shanghai_totals_in_yuan(shanghai: Document) -> None:
    summary = _table(shanghai, "财务收支预算总表")
    assert _row(summary, "收入总计", side="income").value() == Decimal("189767551")
    assert _row(summary, "支出总计", side="expense").value() == Decimal("189767551")
    assert _row(summary, "八、城乡社区支出", side="expense").value() == Decimal("154369326")
    # The 收入 side prints nothing for 政府性基金: blank, not the next column's figure.
    fund = _row(summary, "2.政府性基金", side="income")
    assert fund.cells[0].text == "" and fund.cells[0].value is None
    income = _row(_table(shanghai, "收入预算总表"), "合计")
    assert [c.value for c in income.cells] == [Decimal("189767551"), Decimal("189767551"), 0, 0, 0]
    basic = _row(_table(shanghai, "基本支出部门预算经济分类"), "合计")
    assert [c.text for c in basic.cells] == ["101,341,746", "90,514,044", "10,827,702"]
    sangong = _table(shanghai, "三公")
    assert sangong.unit == "万元"
    assert "37.91" in [c.text for c in sangong.rows[0].cells]


def test_shanghai_tables_split_over_pages_are_joined_once(shanghai: Document) -> None:
    # 支出预算总表 runs over pages 14-18 with no header repeated; its 合计 row stands
    # alone on page 18 in a box spanning the code and name columns.
    expense = _table(shanghai, "部门支出预算总表")
    total = _row(expense, "合计")
    assert total.page == 18
    assert [c.value for c in total.cells] == [Decimal("189767551"), Decimal("101341746"), Decimal("88425805")]
    assert expense.headers == ["支出预算/合计", "支出预算/基本支出", "支出预算/项目支出"]
    # 功能分类 table repeats its header on pages 21-24: no header row becomes data,
    # every code appears once, and the 类 rows add up to the 合计.
    func = _table(shanghai, "一般公共预算支出功能分类")
    codes = [r.code for r in func.rows if r.code]
    assert len(codes) == len(set(codes)) == 66
    assert {r.page for r in func.rows} == {20, 21, 22, 23, 24}
    assert sum(r.value() for r in func.rows if r.code and len(r.code) == 3) == _row(func, "合计").value()
    assert not [r for r in func.rows if "功能分类" in r.label or r.label in ("类", "款", "项")]


def test_shanghai_split_codes_are_joined_and_rows_point_to_their_lines(shanghai: Document) -> None:
    func = _table(shanghai, "一般公共预算支出功能分类")
    row = _row(func, code="2010507")
    assert row.label == "专项普查活动" and row.value() == Decimal("438300")
    line = shanghai.lines[row.line - 1]
    assert line.in_table and line.page == row.page == 20
    assert line.text.split("\t")[:4] == ["201", "05", "07", "专项普查活动"]


def test_shanghai_empty_tables_keep_their_note(shanghai: Document) -> None:
    fund = _table(shanghai, "政府性基金预算支出功能分类")
    assert fund.empty_note and "空表" in fund.empty_note
    assert not [r for r in fund.rows if r.value() is not None]


def test_shanghai_prose_keeps_its_numbers_and_pages(shanghai: Document) -> None:
    prose = [line for line in shanghai.lines if not line.in_table]
    assert all(line.page for line in shanghai.lines)
    first = next(line for line in prose if "收入预算18,976.76万元" in line.text)
    assert first.page == 6 and first.text.startswith("2025年，上海市普陀区人民政府万里街道办事处收入预算")
    item = next(line for line in prose if "专项普查活动（项）" in line.text)
    assert "科目43.83万元" in item.text and item.page == 6
    assert any("“三公”经费预算数为37.91万元，比2024年预算减少10万元" in line.text for line in prose)
    # The space under a title ends its paragraph, so the title is not read into the first sentence.
    title = next(line for line in prose if line.text == "2025年部门预算编制说明")
    assert shanghai.lines[title.no].text == "" and shanghai.lines[title.no + 1].text.startswith("2025年，上海市")


def test_shanghai_item_claims_find_their_rows(shanghai: Document) -> None:
    """Every '“…（类）…（款）…（项）”科目X万元' sentence of the 编制说明 is found in
    the 功能分类 table by its 类/款/项 names, with the 元 figure rounding to X 万元 —
    except the one where the document names 款 and 项 differently from its table."""
    prose = "".join(line.text for line in shanghai.lines if not line.in_table)
    claims = re.findall(r"“([^”]+?)（类）([^”]+?)（款）([^”]+?)（项）”科目([\d.,]+)万元", prose)
    assert len(claims) == 33
    func = _table(shanghai, "一般公共预算支出功能分类")
    names = {r.code: r.label for r in func.rows if r.code}
    items = {(names[r.code[:3]], names[r.code[:5]], r.label): r.value() for r in func.rows if r.code and len(r.code) == 7}
    unmatched = []
    for lei, kuan, xiang, amount in claims:
        value = items.get((lei, kuan, xiang))
        if value is None or (value / 10000).quantize(Decimal("0.01")) != Decimal(amount):
            unmatched.append(xiang)
    # Table: 210 07 计划生育事务 (款) / 2100717 计划生育服务 (项), 200,000 元.
    assert unmatched == ["计划生育事务"]


# --------------------------------------------------------------------------- national
def test_national_template_tables(national: Document) -> None:
    titles = [t.title for t in national.tables]
    assert titles[1:] == [
        "收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "一般公共预算财政拨款支出决算表",
        "一般公共预算财政拨款基本支出决算表", "财政拨款“三公”经费支出决算表", "政府性基金预算财政拨款收入支出决算表",
        "国有资本经营预算财政拨款收入支出决算表",
    ]
    assert {t.unit for t in national.tables[1:]} == {"万元"}
    # 财政拨款收入支出决算总表 runs from page 8 onto page 9 without a title: one table.
    fiscal = _table(national, "财政拨款收入支出决算总表")
    assert national.page_of(fiscal.line_end) == 9
    assert "本表无数据" in (_table(national, "政府性基金预算财政拨款").empty_note or "")


def test_national_prose_keeps_years(national: Document) -> None:
    assert any(line.text.startswith("上海市XX局2024年度收入支出总计XXX万元") for line in national.lines)


# --------------------------------------------------------------------------- generated
def test_digits_on_a_lower_baseline_stay_in_their_sentence(tmp_path: Path) -> None:
    import pdfplumber

    sentence = "上海市普陀区财政局2024年度收入支出总计2995.39万元，比2023年增长4.85%。"
    path = write_pdf([Para(sentence), Para("第二段123.45万元。")], tmp_path / "low.pdf", lowered_digits=True)
    with pdfplumber.open(path) as pdf:  # the fixture really has the problem
        assert sentence not in pdf.pages[0].extract_text()
    doc = read_pdf(path)
    # The fixture wraps the sentence after its comma, as a page would.
    assert [line.text for line in doc.lines] == [
        "上海市普陀区财政局2024年度收入支出总计2995.39万元，", "比2023年增长4.85%。", "第二段123.45万元。"
    ]


@pytest.mark.parametrize("repeat_header", [True, False])
def test_table_split_over_pages_is_one_table(tmp_path: Path, repeat_header: bool) -> None:
    blocks = budget_blocks()
    path = write_pdf(blocks, tmp_path / "split.pdf", rows_per_page=3, repeat_header=repeat_header)
    doc = read_pdf(path)
    assert [t.title for t in doc.tables] == ["表1 部门收支总表", "表2 部门支出总表"]
    expense = doc.tables[1]
    assert [r.code for r in expense.rows] == ["201", "20101", "2010101", "205", "20502", "2050202", None]
    assert {r.page for r in expense.rows} == {1, 2, 3}
    assert _row(expense, "合计").value(2) == Decimal("620.05")
    assert expense.headers == ["合计", "基本支出", "项目支出"]


def test_wrapped_names_blank_cells_and_thousands(tmp_path: Path) -> None:
    table = TableBlock(
        title="2025年部门支出预算总表",
        unit="元",
        rows=[
            ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
            ["208", "社会保障和就业支出", "371,514,655.00", "", "371,514,655.00"],
            ["2080505", "机关事业单位基本养老保险缴费支出", "4,827,156.00", "4,827,156.00", ""],
        ],
        col_widths=[60, 80, 100, 100, 100],
    )
    doc = read_pdf(write_pdf([Para("说明在前。"), table, Para("说明在后。")], tmp_path / "wrap.pdf"))
    assert [ln.text for ln in doc.lines if not ln.in_table] == ["说明在前。", "2025年部门支出预算总表", "单位：元", "说明在后。"]
    (parsed,) = doc.tables
    assert parsed.unit == "元"
    wrapped = _row(parsed, code="2080505")
    assert wrapped.label == "机关事业单位基本养老保险缴费支出"
    assert [c.value for c in wrapped.cells] == [Decimal("4827156.00"), Decimal("4827156.00"), None]
    blank = _row(parsed, code="208")
    assert [c.text for c in blank.cells] == ["371,514,655.00", "", "371,514,655.00"]


def test_merged_header_cells_keep_columns(tmp_path: Path) -> None:
    table = TableBlock(
        title="表3 一般公共预算基本支出表",
        rows=[
            ["科目编码", "科目名称", "一般公共预算基本支出", "", ""],
            ["", "", "合计", "人员经费", "公用经费"],
            ["301", "工资福利支出", "90.00", "90.00", ""],
            ["302", "商品和服务支出", "10.00", "", "10.00"],
        ],
        header_rows=2,
        spans=[(2, 0, 4, 0), (0, 0, 0, 1), (1, 0, 1, 1)],
    )
    (parsed,) = read_pdf(write_pdf([table], tmp_path / "merged.pdf")).tables
    assert parsed.number == "表3"
    assert parsed.headers == ["一般公共预算基本支出/合计", "一般公共预算基本支出/人员经费", "一般公共预算基本支出/公用经费"]
    assert [c.text for c in _row(parsed, code="302").cells] == ["10.00", "", "10.00"]


# --------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("with_image", [True, False])
def test_scanned_pdf_says_ocr_is_needed(tmp_path: Path, with_image: bool) -> None:
    path = write_blank_pdf(tmp_path / "scan.pdf", with_image=with_image)
    with pytest.raises(InputError, match="OCR"):
        load_document(path)


def test_scanned_pages_in_a_text_pdf_are_reported(tmp_path: Path) -> None:
    path = write_blank_pdf(tmp_path / "mixed.pdf", with_image=True, text_first="2025年部门预算编制说明")
    doc = load_document(path)
    assert [line.text for line in doc.lines] == ["2025年部门预算编制说明"]
    assert any("2" in w and "OCR" in w for w in doc.warnings)


def test_encrypted_pdf_is_an_input_error(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    pdf = canvas.Canvas(str(path), encrypt="secret")
    pdf.drawString(72, 720, "budget 2025")
    pdf.save()
    with pytest.raises(InputError, match="encrypted"):
        load_document(path)


@pytest.mark.parametrize("data", [b"%PDF-1.7\n%garbage that is not a pdf\n", b"%PDF-1.4\n1 0 obj << /Type /Catalog"])
def test_damaged_pdf_is_an_input_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    with pytest.raises(InputError, match="broken.pdf"):
        load_document(path)
