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


@pytest.mark.parametrize("first", [noted("本表无数据", [row("a", "0.00")]), noted(None, [row("a", "1.00")])])
def test_each_table_is_judged_on_its_own_note(first):
    (f,) = check_table_notes([first, noted("本表无数据", [row("b", "2.00")], number="表9")])
    assert f.message.startswith("表9 政府性基金预算支出表:")


def test_two_figures_are_plural():
    (f,) = check_table_notes([noted("本表无数据", [row("a", "2.00", "1.00")])])
    assert "holds 2 non-zero figures (e.g. 2.00 万元)" in f.message


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
    ("2.01", "万元", "20000", "元", False),
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


def test_a_row_with_no_whole_does_not_stop_the_rows_after_it():
    facts = [whole("2.00"), part("9.00", concept="econ:30201", row_="30201 办公费"), part("2.50")]
    (f,) = check_bounds(facts, [BASIC, SANGONG])
    assert f.subject == "30217 公务接待费"


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


@pytest.mark.parametrize("sentence, asked", [
    ("收入总计比上年增加10.00万元，其他各项收入持平。", False),     # '持平' within 16 characters of the change
    ("收入总计比上年增加10.00万元，其他各项收入均持平。", True),    # one character further: another matter
    ("收入总计比上年增加10.00万元，其他各项收入均与上年持平。", True),
])
def test_an_unchanged_word_only_close_after_the_change_excuses_it(sentence, asked):
    assert [f.message for f in reasons(sentence)] == ([PRIOR] if asked else [])


@pytest.mark.parametrize("sentence, subject", [
    ("该项决算数小于年初预算数。", "决算数小于年初预算数"),
    ("决算高于预算。", "决算高于预算"),
    ("年初预算为120.00万元，支出决算为100.00万元。", "年初预算为120.00万元，支出决算为100.00"),
])
def test_a_final_figure_off_its_budget_needs_a_reason(sentence, subject):
    (f,) = reasons(sentence)
    assert (f.message, f.subject) == (BUDGET_MSG, subject)


@pytest.mark.parametrize("sentence", ["年初预算为1,200.00万元，支出决算为1200.00万元。",
                                      "年初预算为1200.00万元，支出决算为1,200.00万元。"])
def test_a_final_figure_equal_to_its_budget_needs_none(sentence):
    assert reasons(sentence) == []


@pytest.mark.parametrize("reason", ["主要原因是人员增加", "由于人员增加", "因为人员增加", "主要是人员增加", "主要系人员增加",
                                    "是因人员增加", "人员增加所致", "人员增加导致", "人员增加造成", "得益于人员增加"])
def test_a_reason_in_the_same_sentence(reason):
    assert reasons(f"收入总计比上年增加10.00万元，{reason}。") == []


def test_what_the_money_was_spent_on_is_not_a_reason():
    (f,) = reasons("收入总计比上年增加10.00万元，主要用于人员经费。")
    assert f.message == PRIOR


def test_one_reason_later_in_the_paragraph_covers_a_run_of_changes():
    assert reasons("收入总计比上年增加10.00万元。支出总计比上年增加10.00万元。主要原因是人员增加。") == []


def test_a_reason_before_a_change_explains_the_change_before_it_not_this_one():
    (f,) = reasons("支出总计比上年增加5.00万元，主要原因是人员增加。收入总计比上年增加10.00万元。")
    assert f.subject == "收入总计"


def test_changes_after_an_explained_one_are_still_read():
    found = reasons("收入总计比上年增加10.00万元。主要原因是人员增加。", "二、财政拨款情况", "财政拨款比上年增加5.00万元。")
    assert [(f.line, f.subject) for f in found] == [(5, "财政拨款")]


@pytest.mark.parametrize("filler, asked", [(198, False), (199, True)])
def test_the_next_paragraph_is_read_for_a_reason_to_its_200th_character(filler, asked):
    found = reasons("收入总计比上年增加10.00万元。", "说" * filler + "原因是人员增加。")
    assert bool(found) is asked


def test_a_list_mentioned_in_an_earlier_sentence_does_not_extend_the_search():
    found = reasons("本年收支情况详见如下各段的逐项说明文字。收入总计比上年增加10.00万元。", "（一）基本支出", "主要原因是人员增加。")
    assert [f.subject for f in found] == ["收入总计"]


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
    # a list item's reason counts wherever it is in the item
    assert reasons(lead, "（一）工资福利支出" + "，说明" * 80 + "，主要原因是人员增加。") == []
    # the list ends at the next part of the text
    assert len(reasons(lead, "（一）工资福利支出。", "二、支出预算情况", "主要原因是人员增加。")) == 1


def test_a_list_is_read_eight_paragraphs_deep_and_no_further():
    lead = "收入总计比上年增加10.00万元，具体如下："
    items = [f"（{n}）第{n}项。" for n in "一二三四五六七"]
    assert reasons(lead, *items, "第八项，主要原因是人员增加。") == []
    assert len(reasons(lead, *items, "第八项。", "主要原因是人员增加。")) == 1


# ---------------------------------------------------------------- missing-table: required tables absent or empty

CORE = [("收支总表", "summary"), ("收入总表", "income"), ("支出总表", "expense"), ("财政拨款收支总表", "fiscal_summary"),
        ("一般公共预算支出表", "gpb_expense"), ("一般公共预算基本支出表", "gpb_basic"), ("“三公”经费支出表", "sangong"),
        ("政府性基金预算支出表", "gov_fund"), ("国有资本经营预算支出表", "soe_capital")]
NOT_NEEDED = "(no table titled or shaped like it, and no note that it is not needed)"


def build(head: list[str], specs, tail: list[str] = (), page: int | None = 6):
    """A document: head lines, then per table a title line and a 合计 line, then tail lines.
    specs: (title, kind, figure or None for no rows, number)."""
    lines, tables = list(head), []
    for spec in specs:
        title, kind, figure, number = (*spec, "1.00", None)[:4] if len(spec) == 2 else spec
        lines.append(title)
        start = len(lines)
        rows = [] if figure is None else [row("合计", figure, line=start + 1)]
        lines.append(f"合计 {figure or ''}")
        tables.append(Table(title=title, number=number, kind=kind, rows=rows, line_start=start, line_end=start + 1))
    lines += list(tail)
    doc = Document(source="t", lines=[Line(no=i + 1, text=t, page=page) for i, t in enumerate(lines)])
    return doc, tables


HEAD = ["", "  示范单位2024年部门预算  ", "一、概况", "本单位职责如下。"]


def missing(ctx=DocContext(year=2024, kind="预算", org="示范单位"), head=HEAD, specs=CORE, tail=(), page=6):
    doc, tables = build(head, specs, tail, page)
    return [f for f in check_structure(ctx, tables, doc) if f.kind == "missing-table"]


def without(*kinds: str, specs=CORE):
    return [s for s in specs if s[1] not in kinds]


def test_the_whole_core_set_is_not_missing_anything():
    assert missing() == []


def test_a_core_table_absent_without_a_contents_page():
    (f,) = missing(specs=without("gpb_basic"))
    assert f.message == f"the 预算 template's 一般公共预算基本支出表 is not in the document {NOT_NEEDED}"
    # quoted at the document's first line that holds text
    assert (f.quote, f.line, f.page) == ("示范单位2024年部门预算", 2, 6)
    assert (f.expected, f.stated, f.subject, f.severity) == ("一般公共预算基本支出表", None, "gpb_basic", "error")


def test_a_final_accounts_message_names_its_template():
    (f,) = missing(ctx=DocContext(year=2024, kind="决算", org="示范单位"), specs=without("gpb_basic"))
    assert f.message.startswith("the 决算 template's 一般公共预算基本支出表 is not")


def test_two_absent_are_two_findings_three_are_an_excerpt():
    found = missing(specs=without("gpb_basic", "soe_capital"))
    assert [f.subject for f in found] == ["gpb_basic", "soe_capital"]
    assert missing(specs=without("gpb_basic", "soe_capital", "gov_fund")) == []


@pytest.mark.parametrize("year, found", [(2018, []), (2019, ["soe_capital"]), (None, ["soe_capital"])])
def test_a_table_is_required_only_from_the_year_it_entered_the_template(year, found):
    result = missing(ctx=DocContext(year=year, kind="预算", org="示范单位"), specs=without("soe_capital"))
    assert [f.subject for f in result] == found


@pytest.mark.parametrize("kind", ["其他", None])
def test_only_budgets_and_final_accounts_are_judged(kind):
    assert missing(ctx=DocContext(year=2024, kind=kind, org="示范单位"), specs=without("gpb_basic")) == []


def test_no_document_no_structure_findings():
    _, tables = build(HEAD, without("gpb_basic"))
    assert check_structure(DocContext(year=2024, kind="预算", org="x"), tables, None) == []


def test_a_document_read_incompletely_is_not_judged_on_absence():
    assert missing(specs=without("gpb_basic"), tail=["[illegible]"]) == []


def test_fewer_than_four_tables_with_figures_prove_nothing_absent():
    contents = ["目录", "一、收支总表", "二、收入总表", "三、支出总表", "四、财政拨款收支总表", "五、一般公共预算基本支出表"]
    specs = [("收支总表", "summary"), ("收入总表", "income"), ("支出总表", "expense"), ("财政拨款收支总表", "fiscal_summary")]
    assert [f.subject for f in missing(head=contents, specs=specs)] == ["gpb_basic"]
    rowless = specs[:3] + [("财政拨款收支总表", "fiscal_summary", None, None)]
    assert missing(head=contents, specs=rowless) == []


CONTENTS = ["示范单位2024年部门预算", "目  录", "第一部分 部门概况", "一、收支总表 ........ 3", "二、收入总表……4",
            "三、支出总表", "四、财政拨款收支总表", "五、一般公共预算基本支出表（按经济分类） 8", "六、部门预算编制说明表",
            "七、部门预算公开表", "本单位职责如下。"]


def test_a_table_listed_in_the_contents_but_absent_is_quoted_from_its_contents_line():
    (f,) = missing(head=CONTENTS, specs=without("gpb_basic"), page=1)
    assert f.message == "'一般公共预算基本支出表（按经济分类）' is listed in the 目录 but the document has no such table"
    assert (f.quote, f.line, f.page) == ("五、一般公共预算基本支出表（按经济分类） 8", 8, 1)
    assert (f.stated, f.expected, f.subject) == ("一般公共预算基本支出表（按经济分类）", None, "gpb_basic")


def test_the_contents_list_replaces_the_template_list():
    # the 目录 lists five tables: the other core tables are not asked for, and with a 目录 three may be gone
    found = missing(head=CONTENTS, specs=without("gpb_basic", "income", "expense", "sangong"))
    assert [f.subject for f in found] == ["income", "expense", "gpb_basic"]


def test_a_contents_page_of_three_tables_falls_back_to_the_template():
    head = ["目录", "一、收支总表", "二、收入总表", "三、支出总表", "本单位职责如下。"]
    (f,) = missing(head=head, specs=without("gpb_basic"))
    assert f.expected == "一般公共预算基本支出表" and f.quote == "目录"


@pytest.mark.parametrize("stop", ["本单位职责是负责示范工作。", "第一部分 部门概况", "说明" * 31])
def test_the_contents_ends_where_the_body_begins(stop):
    # past a sentence, a repeated part heading or a long line, a title line is the body's:
    # it makes the table present; read as a 目录 entry it would leave the table absent
    head = CONTENTS[:7] + [stop, "五、一般公共预算基本支出表"]
    assert missing(head=head, specs=without("gpb_basic")) == []


def test_a_part_heading_seen_once_does_not_end_the_contents():
    head = CONTENTS[:3] + ["第二部分 预算表"] + CONTENTS[3:] + ["本单位职责如下。"]
    assert [f.line for f in missing(head=head, specs=without("gpb_basic"))] == [9]


@pytest.mark.parametrize("before, found", [(149, ["gpb_basic"]), (150, [])])
def test_the_contents_page_is_searched_only_near_the_top(before, found):
    # found, its entry is not a title line; not found, the entry line names the table
    head = ["前言。"] * before + CONTENTS[1:] + ["本单位职责如下。"]
    assert [f.subject for f in missing(head=head, specs=without("gpb_basic"))] == found


@pytest.mark.parametrize("extra", [
    ["一般公共预算基本支出情况表"],                # a title line where no table was parsed
    ["表6 按经济分类科目"],                       # not a title (no 表 at its end) …
])
def test_a_title_line_outside_the_contents_makes_a_table_present(extra):
    found = missing(specs=without("gpb_basic"), tail=extra)
    assert found == [] if extra[0].endswith("表") else [f.subject for f in found] == ["gpb_basic"]


@pytest.mark.parametrize("extra, found", [
    ("一般公共预算基本支出表编制说明", ["gpb_basic"]),
    ("附" * 55 + "基本支出表", []),                 # 60 characters: still a title
    ("附" * 56 + "基本支出表", ["gpb_basic"]),      # 61: a line of prose
])
def test_an_explanation_heading_or_a_long_line_is_not_a_title(extra, found):
    assert [f.subject for f in missing(specs=without("gpb_basic"), tail=[extra])] == found


@pytest.mark.parametrize("line, ends", [("说" * 60, False), ("说" * 61, True)])
def test_a_line_over_sixty_characters_ends_the_contents(line, ends):
    head = CONTENTS[:7] + [line, "五、一般公共预算基本支出表"]
    assert [f.subject for f in missing(head=head, specs=without("gpb_basic"))] == ([] if ends else ["gpb_basic"])


@pytest.mark.parametrize("gap, listed", [(74, True), (75, False)])
def test_the_contents_is_read_eighty_lines_deep(gap, listed):
    # 目录 on line 1, four entries, blank lines: the 基本支出 entry 79 lines under the 目录, or 80
    head = ["目录", "一、收支总表", "二、收入总表", "三、支出总表", "四、财政拨款收支总表"] + [""] * gap + \
        ["五、一般公共预算基本支出表", "本单位职责如下。"]
    found = missing(head=head, specs=without("gpb_basic"))
    assert [f.subject for f in found] == (["gpb_basic"] if listed else [])


def econ_table(codes: int) -> Table:
    rows = [Row(label=f"支出{i}", code=f"30{i}", line=40 + i, cells=[cell("1.00", line=40 + i)]) for i in range(codes)]
    return Table(title="", kind=None, rows=rows, line_start=40, line_end=40 + codes)


@pytest.mark.parametrize("codes, found", [(3, []), (2, ["gpb_basic"])])
def test_an_untitled_table_shaped_like_the_missing_one_counts(codes, found):
    doc, tables = build(HEAD, without("gpb_basic"), tail=["续"] * 45)
    result = check_structure(DocContext(year=2024, kind="预算", org="x"), tables + [econ_table(codes)], doc)
    assert [f.subject for f in result if f.kind == "missing-table"] == found


@pytest.mark.parametrize("prose", ["本单位无国有资本经营预算拨款安排的支出。", "国有资本经营预算支出为0万元。",
                                   "没有使用国有资本经营预算。"])
def test_an_absent_table_the_prose_says_is_not_needed(prose):
    assert missing(specs=without("soe_capital"), tail=[prose]) == []


@pytest.mark.parametrize("prose, explained", [
    ("本单位无" + "甲" * 24 + "国有资本经营预算。", True),
    ("本单位无" + "甲" * 25 + "国有资本经营预算。", False),
    ("国有资本经营" + "甲" * 40 + "为0。", True),
    ("国有资本经营" + "甲" * 41 + "为0。", False),
    ("本单位无，国有资本经营预算另行公开。", False),        # the 无 belongs to another clause
    ("国有资本经营预算。为0。", False),
])
def test_how_close_the_none_must_be_to_the_topic(prose, explained):
    found = missing(specs=without("soe_capital"), tail=[prose])
    assert [f.subject for f in found] == ([] if explained else ["soe_capital"])


def test_an_unrelated_none_does_not_excuse_an_absent_table():
    found = missing(specs=without("soe_capital"), tail=["本单位无政府采购。国有资本经营情况另行公开。"])
    assert [f.subject for f in found] == ["soe_capital"]


@pytest.mark.parametrize("numbers, found", [
    (["1", "2", "3", "4", "5", "6", "7", "8"], []),                      # 表1 … 表8 all there
    (["一", "二", "三", "四", "五", "六", "七", "九"], ["gpb_basic"]),     # a gap: 表八 absent
    (["1", "2", "3", "4-1", "5", "6", "7", "8"], ["gpb_basic"]),          # 表4-1 is not 表4
    (None, ["gpb_basic"]),
    (["1", "2", "3", "4", None, None, None, None], []),     # four numbered, none missing between
    (["1", "2", "3", None, None, None, None, None], ["gpb_basic"]),  # three prove nothing
    (["2", "3", "4", "5", None, None, None, None], ["gpb_basic"]),   # 表1 is not there
])
def test_tables_numbered_without_gaps_are_the_whole_template(numbers, found):
    specs = [(t, k, "1.00", None if n is None else f"表{n}") for (t, k), n in
             zip(without("gpb_basic"), numbers or [None] * 8)]
    assert [f.subject for f in missing(specs=specs)] == found


def test_chinese_table_numbers_past_ten_are_read():
    extra = [("项目支出表", "project"), ("政府采购表", "procurement"), ("绩效目标表", "performance"),
             ("机关运行经费表", "admin_running")]
    numbers = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
    specs = [(t, k, "1.00", f"表{n}") for (t, k), n in zip(without("gpb_basic") + extra, numbers)]
    assert missing(specs=specs) == []
    gap = [(t, k, f, "表二十") if k == "admin_running" else (t, k, f, n) for t, k, f, n in specs]
    assert [f.subject for f in missing(specs=gap)] == ["gpb_basic"]


# ---------------------------------------------------------------- missing-table: an empty table with no note


def empty(title: str = "“三公”经费支出表", kind: str = "sangong", rows=None, note=None, start: int = 30,
          end: int = 32, page: int | None = None) -> Table:
    rows = [row("合计", "")] if rows is None else rows
    return Table(title=title, kind=kind, rows=rows, empty_note=note, line_start=start, line_end=end, page=page)


def empties(table: Table, lines: dict[int, str] | None = None, n: int = 40, others=(), page: int | None = 5):
    texts = {i: "正文。" for i in range(1, n + 1)} | (lines or {})
    doc = Document(source="t", lines=[Line(no=i, text=texts[i], page=page) for i in range(1, n + 1)])
    return check_structure(DocContext(year=2024, kind="预算", org="x"), [table, *others], doc)


def test_an_empty_sangong_table_with_no_note_is_reported():
    (f,) = empties(empty(page=None), page=5)
    assert f.kind == "missing-table" and f.subject == "sangong"
    assert f.message == "'“三公”经费支出表' is empty and no note says why (本表无数据 / 无…支出)"
    assert (f.quote, f.stated, f.line, f.page) == ("“三公”经费支出表", "“三公”经费支出表", 30, 5)


def test_the_tables_own_page_wins_and_a_table_off_the_lines_has_none():
    (f,) = empties(empty(page=9))
    assert f.page == 9
    (f,) = empties(empty(start=0, end=0))
    assert f.page is None and f.line == 0


@pytest.mark.parametrize("rows, reported", [
    ([row("合计", "")], True),                        # nothing read at all
    ([row("合计", "0.00"), row("公务接待费", "0.00")], True),  # all zero
    ([row("合计", ""), row("公务接待费", "")], False),  # items listed, no figure read: misread layout
    ([row("合计", "0.00"), row("公务接待费", "2.00")], False),
    ([], True),
])
def test_what_counts_as_an_empty_table(rows, reported):
    assert bool(empties(empty(rows=rows))) is reported


@pytest.mark.parametrize("kind", ["gov_fund", "soe_capital", "admin_running", "procurement"])
def test_other_tables_that_may_be_empty(kind):
    (f,) = empties(empty(title="某表", kind=kind))
    assert f.subject == kind


def test_a_table_that_must_hold_figures_is_not_this_rule():
    assert empties(empty(title="支出总表", kind="expense")) == []


@pytest.mark.parametrize("where, reported", [(30, False), (32, False), (36, False), (37, True), (29, True)])
def test_a_note_under_the_table_within_four_lines(where, reported):
    assert bool(empties(empty(), {where: "注：本表无数据。"})) is reported


def test_a_note_after_the_next_table_begins_is_that_tables():
    nxt = Table(title="政府性基金预算支出表", kind="gov_fund", rows=[row("合计", "3.00")], line_start=34, line_end=35)
    assert empties(empty(), {33: "本表无数据"}, others=[nxt]) == []
    assert len(empties(empty(), {34: "本表无数据"}, others=[nxt])) == 1


def test_a_table_with_its_own_note_is_not_reported():
    assert empties(empty(note="本表无数据")) == []


@pytest.mark.parametrize("prose, reported", [
    ("三公" + "甲" * 30 + "5.00万元。", False),
    ("三公" + "甲" * 31 + "5.00万元。", True),
    ("三公经费105.00万元。", False),
    ("三公经费1,005万元。", False),
    ("三公经费0.05万元。", False),
    ("三公经费0.00万元以内。", False),      # zero: the prose says there is none
    ("三公经费；5.00万元。", True),         # the figure belongs to another clause
    ("三公经费5.00元。", False),
])
def test_a_figure_the_prose_gives_the_topic_means_the_table_was_misread(prose, reported):
    assert bool(empties(empty(), {3: prose})) is reported


@pytest.mark.parametrize("prose, reported", [
    ("本单位无“三公”经费支出。", False),
    ("2024年“三公”经费预算为0万元。", False),
    ("2024年“三公”经费预算5.00万元。", False),   # the prose has a figure: the table was misread, not empty
    ("2024年“三公”经费预算0.50万元。", False),
    ("2024年“三公”经费预算另行说明。", True),
])
def test_prose_about_the_topic_decides_an_empty_table(prose, reported):
    assert bool(empties(empty(), {3: prose})) is reported


# ---------------------------------------------------------------- missing-table: an untitled table known by its shape


def shaped(headers: list[str], rows: list[Row]) -> Table:
    return Table(title="", kind=None, headers=headers, rows=rows, line_start=40, line_end=40 + len(rows))


def sided(label: str, side: str) -> Row:
    return Row(label=label, side=side, line=41, cells=[cell("1.00", line=41)])


def coded(code: str) -> Row:
    return Row(label=f"科目{code}", code=code, line=42, cells=[cell("1.00", line=42)])


@pytest.mark.parametrize("kind, table, present", [
    ("fiscal_summary", shaped(["项目", "金额"], [sided("一般公共预算拨款", "income"), sided("教育支出", "expense")]), True),
    ("fiscal_summary", shaped(["项目", "金额"], [sided("一般公共预算拨款", "income")]), False),
    ("income", shaped(["科目名称", "合计", "财政拨款"], [coded("205")]), True),
    ("income", shaped(["科目名称", "合计", "上年结转"], [coded("205")]), True),
    ("income", shaped(["科目名称", "合计", "财政拨款"], [row("教育支出", "1.00")]), False),  # no 科目 code
    ("income", shaped(["科目名称", "合计", "金额"], [coded("205")]), False),
    ("expense", shaped(["科目名称", "合计", "项目支出"], [coded("205")]), True),
    ("expense", shaped(["科目名称", "合计", "项目支出"], [coded("301")]), False),       # 经济分类, not 功能分类
    ("expense", shaped(["科目名称", "合计", "金额"], [coded("205")]), False),
    ("gpb_basic", shaped(["科目名称", "合计"], [coded("301"), coded("302"), coded("501")]), True),
    ("gpb_basic", shaped(["科目名称", "合计"], [coded("301"), coded("302"), coded("205")]), False),
    ("sangong", shaped(["合计", "公务用车购置及运行费"], [row("合计", "1.00")]), True),
    ("sangong", shaped(["合计", "金额"], [row("因公出国（境）费", "1.00")]), True),
    ("sangong", shaped(["合计", "金额"], [row("合计", "1.00")]), False),
    ("gov_fund", shaped(["科目名称", "合计"], [coded("229")]), False),                # no shape names this one
])
def test_an_untitled_table_is_known_by_its_shape(kind, table, present):
    doc, tables = build(HEAD, without(kind), tail=["续"] * 45)
    found = [f.subject for f in check_structure(DocContext(year=2024, kind="预算", org="x"), tables + [table], doc)
             if f.kind == "missing-table"]
    assert found == ([] if present else [kind])


def test_a_shaped_table_with_a_kind_is_judged_by_its_kind():
    table = shaped(["合计", "公务用车购置及运行费"], [row("合计", "1.00")]).model_copy(update={"kind": "project"})
    doc, tables = build(HEAD, without("sangong"), tail=["续"] * 45)
    found = check_structure(DocContext(year=2024, kind="预算", org="x"), tables + [table], doc)
    assert [f.subject for f in found] == ["sangong"]


# ---------------------------------------------------------------- missing-table: a 目录 entry no template names

LISTED = ["示范局2024年部门预算", "目录", "一、收支总表", "二、收入总表", "三、支出总表", "四、单位专项资金分配表",
          "本局职责如下。"]


@pytest.mark.parametrize("title, present", [
    ("示范局2024年专项资金分配表", True),       # its words, without the body's name, year and 单位 prefix
    ("专项资金分配表（续）", True),
    ("专项资金表", False),
    ("示范局2024年专项资金使用表", False),
])
def test_a_listed_table_of_no_known_kind_is_found_by_its_words(title, present):
    found = missing(head=LISTED, tail=[title])
    assert [(f.subject, f.stated) for f in found] == ([] if present else [(None, "单位专项资金分配表")])


def test_a_listed_table_with_the_bumen_prefix_is_found_under_the_bodys_title():
    head = LISTED[:5] + ["四、部门专项资金分配表", "本局职责如下。"]
    assert missing(head=head, tail=["示范局2024年部门专项资金分配表"]) == []


# ---------------------------------------------------------------- missing-table: more of the same rules, at their edges


@pytest.mark.parametrize("first", [
    empty(title="支出总表", kind="expense", start=10, end=12),                                # not a may-be-empty table
    empty(kind="gov_fund", rows=[row("合计", "3.00")], start=10, end=12),                    # holds figures
    empty(kind="gov_fund", rows=[row("合计", ""), row("某项", "")], start=10, end=12),       # misread
    empty(kind="gov_fund", start=10, end=12, note=None, title="政府性基金预算支出表（本表无数据）"),
])
def test_an_empty_table_after_one_that_is_passed_over_is_still_reported(first):
    lines = {10: first.title}
    found = empties(first, lines, others=[empty(start=30, end=32)])
    assert [(f.subject, f.line) for f in found] == [("sangong", 30)]


@pytest.mark.parametrize("start, page", [(1, 1), (30, 3), (40, 4)])
def test_an_empty_tables_page_is_its_first_lines_page(start, page):
    table = empty(start=start, end=start)
    doc = Document(source="t", lines=[Line(no=i, text="正文。", page=(i - 1) // 10 + 1) for i in range(1, 41)])
    (f,) = check_structure(DocContext(year=2024, kind="预算", org="x"), [table], doc)
    assert (f.line, f.page) == (start, page)


@pytest.mark.parametrize("lines, reported", [
    ({1: "“三公”经费支出表（此表为空）"}, False),           # the note on the table's own first line
    ({33: "注：本表无", 34: "数据。"}, False),               # a note wrapped over two lines
    ({40: "本表无数据"}, False),                            # the document's last line, no table after
])
def test_where_an_empty_tables_note_may_sit(lines, reported):
    start = 1 if 1 in lines else 30
    table = empty(start=start, end=start + 2 if start == 1 else 36)
    assert bool(empties(table, lines)) is reported


@pytest.mark.parametrize("prose", ["2024年“三公”经费预算 5.00 万元。", "2024年“三公”经费预算\n5.00万元。"])
def test_a_figure_for_the_topic_across_spaces_or_lines_is_read(prose):
    doc_lines = {3: prose.split("\n")[0]} | ({4: prose.split("\n")[1]} if "\n" in prose else {})
    assert empties(empty(), doc_lines) == []


@pytest.mark.parametrize("prose", ["本单位无国有 资本 经营预算。", "本单位无国有\u3000资本经营预算。", "本单位\t无国有资本经营预算。"])
def test_spaces_inside_a_none_note_are_ignored(prose):
    assert missing(specs=without("soe_capital"), tail=[prose]) == []


def test_a_document_of_blank_lines_is_quoted_at_line_one():
    doc, tables = build([], without("gpb_basic"))
    blank = doc.model_copy(update={"lines": [ln.model_copy(update={"text": " "}) for ln in doc.lines]})
    (f,) = check_structure(DocContext(year=2024, kind="预算", org="x"), tables, blank)
    assert (f.quote, f.line, f.page, f.expected) == ("", 1, None, "一般公共预算基本支出表")


FOUR = ["目录", "一、收入总表", "二、支出总表", "三、一般公共预算基本支出表", "四、项目支出表", "本单位职责如下。"]


def test_a_contents_of_four_tables_is_the_list_required():
    # 项目支出表 is not a core table: only the 目录 asks for it
    (f,) = missing(head=FOUR, specs=CORE)
    assert (f.subject, f.line) == ("project", 5) and "listed in the 目录" in f.message


def test_with_a_contents_of_four_three_absent_are_three_findings():
    found = missing(head=FOUR, specs=without("income", "expense", "gpb_basic") + [("项目支出表", "project")])
    assert [f.subject for f in found] == ["income", "expense", "gpb_basic"]


def test_with_a_short_contents_three_absent_are_an_excerpt():
    head = ["目录", "一、收入总表", "二、支出总表", "三、一般公共预算基本支出表", "本单位职责如下。"]
    assert missing(head=head, specs=without("income", "expense", "gpb_basic")) == []


CN = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七",
      "十八", "十九", "二十", "二十一"]


@pytest.mark.parametrize("numbers, found", [
    (CN[:9] + ["十一"], ["gpb_basic"]),          # 表十 absent
    (CN[:21], []),                                # 表一 … 表二十一
    (CN[:19] + ["二十一"], ["gpb_basic"]),        # 表二十 absent
])
def test_chinese_numbers_in_the_tens_and_twenties(numbers, found):
    fillers = [(f"附表{i}", None) for i in range(len(numbers) - 8)]
    specs = [(t, k, "1.00", f"表{n}") for (t, k), n in zip(without("gpb_basic") + fillers, numbers)]
    assert [f.subject for f in missing(specs=specs)] == found


@pytest.mark.parametrize("kind, table", [
    ("fiscal_summary", shaped(["项目", "金额"], [sided("教育支出", "expense")])),           # one side only
    ("income", shaped(["科目名称", "合计"], [coded("205")])),
])
def test_half_a_shape_is_not_the_table(kind, table):
    doc, tables = build(HEAD, without(kind), tail=["续"] * 45)
    found = check_structure(DocContext(year=2024, kind="预算", org="x"), tables + [table], doc)
    assert [f.subject for f in found] == [kind]


@pytest.mark.parametrize("kind, table", [
    ("income", shaped(["科目名称", "财政拨", "款收入"], [coded("205")])),                    # a header split in two
    ("sangong", shaped(["合计", "金额"], [row("因公出", "1.00"), row("国（境）费", "1.00")])),  # a label split in two
])
def test_a_shape_word_split_over_two_cells_is_read(kind, table):
    doc, tables = build(HEAD, without(kind), tail=["续"] * 45)
    assert check_structure(DocContext(year=2024, kind="预算", org="x"), tables + [table], doc) == []


def test_a_three_character_title_line_counts():
    assert missing(specs=without("sangong"), tail=["三公表"]) == []
    assert [f.subject for f in missing(specs=without("sangong"))] == ["sangong"]


def test_an_explanation_table_title_does_not_make_its_table_present():
    found = missing(specs=without("gpb_basic"), tail=["一般公共预算基本支出说明表"])
    assert [f.subject for f in found] == ["gpb_basic"]


def test_a_bold_contents_heading_is_the_contents():
    head = ["**目  录**"] + FOUR[1:]
    (f,) = missing(head=head, specs=CORE)
    assert f.subject == "project" and "listed in the 目录" in f.message


def test_without_contents_the_first_line_can_be_a_title():
    assert missing(head=["一般公共预算基本支出情况表", "本单位职责如下。"], specs=without("gpb_basic")) == []


def test_a_title_line_before_the_contents_counts():
    assert missing(head=["2024年项目支出表"] + FOUR, specs=CORE) == []


@pytest.mark.parametrize("entry, listed", [("四、专项表", True), ("四、专表", False)])
def test_a_contents_entry_of_two_words_is_a_table_of_one_is_generic(entry, listed):
    head = FOUR[:4] + [entry, "本单位职责如下。"]
    found = missing(head=head, specs=CORE)
    assert [f.stated for f in found] == (["专项表"] if listed else [])


def test_a_part_heading_before_a_numbered_entry_is_not_part_of_its_words():
    head = FOUR[:4] + ["第二部分 一、单位专项资金分配表", "本单位职责如下。"]
    assert missing(head=head, specs=CORE, tail=["专项资金分配表"]) == []
