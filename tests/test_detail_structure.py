"""What a reviewer reads in the table-side findings: an empty-table note over figures
(template-residue), a part larger than its "三公" whole (cross-table-mismatch), a change
with no reason (missing-reason), and an absent or empty required table (missing-table).
Small hand-made tables, facts and documents, none taken from a real disclosure; each test
pins a behaviour that a small slip in compare/ would change."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from narrative_check.claims.prose import paragraphs
from narrative_check.compare.missing_reasons import check_missing_reasons
from narrative_check.compare.structure import check_structure
from narrative_check.compare.table_bounds import check_bounds
from narrative_check.compare.table_notes import check_table_notes
from narrative_check.models import Cell, Document, Fact, Line, Row, Table
from narrative_check.tables.context import DocContext


def cell(text: str, line: int = 12, header: str = "合计", column: int = 1, page: int | None = 3) -> Cell:
    value = None if text == "" else D(text)
    return Cell(column=column, header=header, text=text, value=value, line=line, page=page)


def row(label: str, *figures: str, line: int = 12, code: str | None = None) -> Row:
    return Row(label=label, code=code, line=line, text=f"{label} {' '.join(figures)}".strip(),
               cells=[cell(t, line=line, column=i + 1) for i, t in enumerate(figures)])


# ---------------------------------------------------------------- template-residue: an empty-table note over figures


def noted(note: str | None, rows: list[Row], **kw) -> Table:
    base = dict(title="政府性基金预算支出表", number="表8", kind="gov_fund", line_start=10, line_end=15, page=3,
                rows=rows, empty_note=note)
    base.update(kw)
    return Table(**base)


@pytest.mark.parametrize("note", ["本表无数据", "注：此表为空表。", "该表是空表", "本表空表", "本表无发生额",
                                  "此表无相关数据", "该表为空", "本 表 无 数 据"])
def test_an_empty_note_about_the_table_over_a_figure_is_residue(note):
    (f,) = check_table_notes([noted(note, [row("科学技术支出", "3.50")])])
    assert (f.kind, f.cause) == ("template-residue", "an empty-table note left from the template")
    assert f.quote == note and f.stated == note and (f.line, f.page) == (15, 3)
    assert "表8 政府性基金预算支出表: the note says the table is empty, but it holds 1 non-zero figure (e.g. 3.50 万元)" \
        in f.message


def test_residue_counts_the_figures_and_shows_the_first_six_cells():
    rows = [row(f"项目{i}", f"{i}.00", "0.00", line=20 + i) for i in range(1, 9)]
    (f,) = check_table_notes([noted("本表无数据。", rows, unit="元")])
    assert "holds 8 non-zero figures (e.g. 1.00 元)" in f.message
    assert len(f.evidence) == 6
    e = f.evidence[0]
    assert (e.table, e.row, e.column, e.value, e.line, e.page, e.text) == (
        "表8 政府性基金预算支出表", "项目1", "合计", "1.00 元", 21, 3, "项目1 1.00 0.00")
    assert [x.row for x in f.evidence] == [f"项目{i}" for i in range(1, 7)]


def test_the_stated_note_is_cut_to_sixty_characters():
    note = "本表无数据。" + "说明文字" * 20
    (f,) = check_table_notes([noted(note, [row("科学技术支出", "1.00")])])
    assert f.stated == note[:60] and f.quote == note


@pytest.mark.parametrize("note, rows", [
    (None, [row("科学技术支出", "3.50")]),                         # no note at all
    ("", [row("科学技术支出", "3.50")]),
    ("无政府性基金预算拨款安排的支出", [row("科学技术支出", "3.50")]),  # about a fund, true of it
    ("本表无数据", [row("合计", "0.00", ""), row("科学技术支出", "")]),   # the table is indeed empty
])
def test_no_residue_without_a_note_about_the_table_or_without_figures(note, rows):
    assert check_table_notes([noted(note, rows)]) == []


def test_each_table_is_judged_on_its_own_note():
    tables = [noted("本表无数据", [row("a", "0.00")]), noted("本表无数据", [row("b", "2.00")], number="表9")]
    (f,) = check_table_notes(tables)
    assert f.message.startswith("表9 政府性基金预算支出表:")


# ---------------------------------------------------------------- cross-table: a basic row larger than its 三公 whole

SANGONG = Table(title="“三公”经费支出表", number="表7", kind="sangong", line_start=40, line_end=44)
BASIC = Table(title="一般公共预算基本支出表", number="表6", kind="gpb_basic", line_start=20, line_end=30)
BASIC_NAME, SANGONG_NAME = "表6 一般公共预算基本支出表", "表7 “三公”经费支出表"


def f_(concept: str, raw: str, table: str, row_: str, unit: str = "万元", line: int = 25, derived=None,
       text: str = "", page: int | None = 2) -> Fact:
    scale = {"万元": D(1), "元": D("0.0001")}[unit]
    return Fact(concept=concept, value=D(raw) * scale, raw=D(raw), unit=unit, table=table, row=row_, line=line,
                derived=derived, text=text, page=page)


def whole(raw: str, concept: str = "sangong_reception", unit: str = "万元", **kw) -> Fact:
    return f_(concept, raw, SANGONG_NAME, "公务接待费", unit=unit, line=42, **kw)


def part(raw: str, concept: str = "econ:30217", unit: str = "万元", row_: str = "30217 公务接待费", **kw) -> Fact:
    return f_(concept, raw, BASIC_NAME, row_, unit=unit, **kw)


def test_a_basic_row_above_its_sangong_whole_is_one_finding_with_both_cells():
    (f,) = check_bounds([whole("2.00"), part("2.50", text="30217 公务接待费 2.50")], [BASIC, SANGONG])
    assert (f.kind, f.cause) == ("cross-table-mismatch", "a part larger than its whole")
    assert (f.stated, f.expected, f.subject) == ("2.50 万元", "at most 2.00 万元", "30217 公务接待费")
    assert (f.quote, f.line, f.page) == ("30217 公务接待费 2.50", 25, 2)
    assert f.message.startswith(f"{BASIC_NAME}: 1 row larger than the whole \"三公\" figure of {SANGONG_NAME} "
                                "they are part of (30217 公务接待费 2.50 万元 > 公务接待费 2.00 万元)")
    assert [(e.table, e.value) for e in f.evidence] == [(BASIC_NAME, "2.50 万元"), (SANGONG_NAME, "2.00 万元")]


def test_rows_of_one_table_share_one_finding_listing_each():
    facts = [whole("2.00"), whole("1.00", concept="sangong_abroad"), part("2.50"),
             part("1.20", concept="gpb:econ:30212", row_="30212 因公出国（境）费用", line=26)]
    (f,) = check_bounds(facts, [BASIC, SANGONG])
    assert "2 rows larger than" in f.message
    assert "(30217 公务接待费 2.50 万元 > 公务接待费 2.00 万元; 30212 因公出国（境）费用 1.20 万元 > " in f.message
    assert f.quote == "30217 公务接待费 | 30212 因公出国（境）费用"  # the row names when no text was read
    assert [e.value for e in f.evidence] == ["2.50 万元", "2.00 万元", "1.20 万元", "1.00 万元"]
    assert f.stated == "2.50 万元" and f.line == 25


def test_a_repeated_quote_is_given_once():
    facts = [whole("2.00"), part("2.50", text="同一行"), part("3.00", text="同一行", line=27)]
    (f,) = check_bounds(facts, [BASIC, SANGONG])
    assert f.quote == "同一行"


def test_each_bounded_table_gets_its_own_finding():
    other = Table(title="基本支出表", number="表6-1", kind="gpb_basic", line_start=31, line_end=35)
    facts = [whole("2.00"), part("2.50"), f_("econ:30217", "3.00", "表6-1 基本支出表", "30217 公务接待费")]
    found = check_bounds(facts, [BASIC, other, SANGONG])
    assert [f.message.split(":")[0] for f in found] == [BASIC_NAME, "表6-1 基本支出表"]


@pytest.mark.parametrize("part_raw, part_unit, whole_raw, whole_unit, over", [
    ("2.01", "万元", "2.00", "万元", False),        # half a unit of rounding in each
    ("2.02", "万元", "2.00", "万元", True),
    ("20100", "元", "2.00", "万元", False),         # one side in 万元: its rounding counts
    ("20001", "元", "20000", "元", False),          # both in 元: one 元 of slack
    ("20002", "元", "20000", "元", True),
    ("20002", "元", "2.00", "万元", False),
])
def test_rounding_slack_follows_the_units(part_raw, part_unit, whole_raw, whole_unit, over):
    found = check_bounds([whole(whole_raw, unit=whole_unit), part(part_raw, unit=part_unit)], [BASIC, SANGONG])
    assert bool(found) is over


def test_equal_part_and_whole_are_fine():
    assert check_bounds([whole("2.00"), part("2.00")], [BASIC, SANGONG]) == []


@pytest.mark.parametrize("facts", [
    [whole("2.00", derived="sum of rows"), part("2.50")],           # a derived whole is not read
    [whole("2.00"), part("2.50", derived="sum of rows")],           # nor a derived part
    [whole("2.00"), part("2.50", concept="econ:30201")],            # 办公费 has no 三公 whole
    [whole("2.00", concept="sangong_vehicle_run"), part("2.50")],   # another item's whole
    [part("2.50")],                                                 # no 三公 table read
])
def test_no_bound_without_a_read_whole_of_the_same_item(facts):
    assert check_bounds(facts, [BASIC, SANGONG]) == []


def test_only_basic_tables_are_bounded_and_only_by_the_sangong_table():
    project = Table(title="项目支出表", number="表6", kind="project", line_start=20, line_end=30)
    assert check_bounds([whole("2.00"), part("2.50")], [project, SANGONG]) == []
    not_sangong = Table(title="“三公”经费支出表", number="表7", kind="admin_running", line_start=40, line_end=44)
    assert check_bounds([whole("2.00"), part("2.50")], [BASIC, not_sangong]) == []


def test_the_first_whole_read_is_the_bound():
    facts = [whole("2.00"), whole("9.00"), part("2.50")]
    (f,) = check_bounds(facts, [BASIC, SANGONG])
    assert f.expected == "at most 2.00 万元"
