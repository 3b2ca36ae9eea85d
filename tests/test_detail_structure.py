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


# ---------------------------------------------------------------- missing-reason: a change the template asks to explain

PRIOR = "a change against the prior year that the template asks to explain has no reason"
BUDGET_MSG = "决算 differs from its 预算 but no reason follows"


def reasons(*paras: str, page: int | None = 4, with_doc: bool = True):
    """The missing-reason findings of prose paragraphs (blank lines between them)."""
    text = "\n\n".join(paras)
    doc = Document(source="t", lines=[Line(no=i + 1, text=t, page=page) for i, t in enumerate(text.split("\n"))])
    return check_missing_reasons(paragraphs(doc, []), doc if with_doc else None)


def test_a_prior_year_change_without_reason_is_a_warning_quoting_its_sentence():
    (f,) = reasons("开头。", "收入总计100.00万元，比上年增加10.00万元。支出总计100.00万元。")
    assert (f.kind, f.severity, f.message) == ("missing-reason", "warning", PRIOR)
    assert (f.quote, f.line, f.page, f.subject) == ("收入总计100.00万元，比上年增加10.00万元。", 3, 4, "收入总计")


def test_without_the_document_there_is_no_page():
    (f,) = reasons("收入总计比上年增加10.00万元。", with_doc=False)
    assert f.page is None and f.line == 1


@pytest.mark.parametrize("sentence, subject", [
    ("收支总计较上年度减少5.00万元。", "收支总计"),
    ("收入支出决算总计与2023年度相比增长8.00%。", "收入支出决算总计"),
    ("财政拨款同上一年度相比下降3.00万元。", "财政拨款"),
    ("“三公”经费比上年预算减少1.00万元。", "“三公”经费"),
    ("机关运行经费比去年增支2.00万元。", "机关运行经费"),
    ("支出预算50.00万元，比上年减支2.00万元。", "支出预算50.00万元"),
])
def test_the_subjects_whose_prior_year_change_needs_a_reason(sentence, subject):
    (f,) = reasons(sentence)
    assert (f.message, f.subject) == (PRIOR, subject)


@pytest.mark.parametrize("sentence", [
    "比上年增加10.00万元的是财政拨款。",            # the subject only after the change
    "办公费比上年增加10.00万元。",                  # not a subject the template asks about
    "财政拨款比上年增加0.00万元。",                 # no change at all
    "收入总计比上年减少 0 万元。",
    "收入总计100.00万元，与上年持平。",
])
def test_no_reason_is_asked_of_what_is_not_a_templated_change(sentence):
    assert reasons(sentence) == []


def test_an_unchanged_word_far_after_the_change_does_not_excuse_it():
    (f,) = reasons("收入总计比上年增加10.00万元，其他各项收入均与上年持平。")
    assert f.message == PRIOR


@pytest.mark.parametrize("sentence, subject", [
    ("该项决算数小于年初预算数。", "决算数小于年初预算数"),
    ("决算高于预算。", "决算高于预算"),
    ("年初预算为120.00万元，支出决算为100.00万元。", "年初预算为120.00万元，支出决算为100.00"),
])
def test_a_final_figure_off_its_budget_needs_a_reason(sentence, subject):
    (f,) = reasons(sentence)
    assert (f.message, f.subject) == (BUDGET_MSG, subject)


def test_a_final_figure_equal_to_its_budget_needs_none():
    assert reasons("年初预算为1,200.00万元，支出决算为1200.00万元。") == []


@pytest.mark.parametrize("reason", ["主要原因是人员增加", "由于人员增加", "因为人员增加", "主要是人员增加", "主要系人员增加",
                                    "是因人员增加", "人员增加所致", "人员增加导致", "人员增加造成", "得益于人员增加"])
def test_a_reason_in_the_same_sentence(reason):
    assert reasons(f"收入总计比上年增加10.00万元，{reason}。") == []


def test_what_the_money_was_spent_on_is_not_a_reason():
    (f,) = reasons("收入总计比上年增加10.00万元，主要用于人员经费。")
    assert f.message == PRIOR


def test_one_reason_later_in_the_paragraph_covers_a_run_of_changes():
    assert reasons("收入总计比上年增加10.00万元。支出总计比上年增加10.00万元。主要原因是人员增加。") == []


def test_a_reason_in_the_next_paragraph_or_the_one_after():
    assert reasons("收入总计比上年增加10.00万元。", "收入增加主要原因是人员增加。") == []
    assert reasons("收入总计比上年增加10.00万元。", "具体情况见下。", "主要原因是人员增加。") == []
    (f,) = reasons("收入总计比上年增加10.00万元。", "具体情况见下。", "另见附表。", "主要原因是人员增加。")
    assert f.line == 1


def test_a_reason_under_the_next_heading_is_not_this_changes_reason():
    found = reasons("收入总计比上年增加10.00万元。", "二、支出预算情况", "主要原因是人员增加。")
    assert [f.line for f in found] == [1]
    found = reasons("收入总计比上年增加10.00万元。", "（一）基本支出", "主要原因是人员增加。")
    assert [f.line for f in found] == [1]


def test_a_reason_deep_in_a_long_next_paragraph_is_not_read():
    long = "说明" * 110 + "，主要原因是人员增加。"
    (f,) = reasons("收入总计比上年增加10.00万元。", long)
    assert f.line == 1


def test_a_next_paragraph_with_its_own_change_takes_the_reason_after_it():
    found = reasons("收入总计比上年增加10.00万元。", "财政拨款比上年增加5.00万元。", "主要原因是人员增加。")
    assert [(f.line, f.subject) for f in found] == [(1, "收入总计")]


@pytest.mark.parametrize("lead", ["收入总计比上年增加10.00万元，具体如下：", "收入总计比上年增加10.00万元。其中：",
                                  "收入总计比上年增加10.00万元，明细："])
def test_a_change_handed_to_a_list_of_parts_takes_their_reasons(lead):
    parts = ["（一）工资福利支出。", "（二）商品和服务支出。", "（三）对个人和家庭的补助。", "（四）资本性支出。",
             "其他说明" * 60 + "。", "（五）其他支出，主要原因是人员增加。"]
    assert reasons(lead, *parts) == []
    # the list ends at the next part of the text
    assert len(reasons(lead, "（一）工资福利支出。", "二、支出预算情况", "主要原因是人员增加。")) == 1


def test_a_list_is_read_eight_paragraphs_deep_and_no_further():
    lead = "收入总计比上年增加10.00万元，具体如下："
    items = [f"（{n}）第{n}项。" for n in "一二三四五六七"]
    assert reasons(lead, *items, "第八项，主要原因是人员增加。") == []
    assert len(reasons(lead, *items, "第八项。", "主要原因是人员增加。")) == 1
