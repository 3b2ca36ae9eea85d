"""Structure and names: missing tables, 科目 / unit names, changes with no reason.

Every case edits one small made-up 部门预算 (not a corpus document) that is clean as
written, so each test shows the one slip it plants being found, and nothing else.
"""

from __future__ import annotations

import pytest

from narrative_check import check
from narrative_check.compare.kemu import current_name, retired, same_name
from narrative_check.rules import BY_KIND

CLEAN = """示范市示范区文化和旅游局
2024年部门预算

目录
一、收支总表
二、收入总表
三、支出总表
四、财政拨款收支总表
五、一般公共预算支出表
六、一般公共预算基本支出表
七、“三公”经费支出表
八、政府性基金预算支出表

一、收支预算情况
2024年示范市示范区文化和旅游局收入总计500.00万元，支出总计500.00万元，与上年相比，收支总计各增加20.00万元，增长4.17%。主要原因是人员增加。
二、支出预算情况
社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）40.00万元，主要用于缴纳养老保险。
文化旅游体育与传媒支出（类）文化和旅游（款）行政运行（项）460.00万元，主要用于机关运行。
三、“三公”经费情况
2024年示范市示范区文化和旅游局“三公”经费预算5.00万元，比上年减少1.00万元，下降16.67%。主要原因是压减公务接待。
四、政府性基金情况
本部门2024年无政府性基金预算拨款安排的支出。
五、国有资本经营预算情况
本部门2024年无国有资本经营预算拨款安排的支出。

收支总表
单位：万元
收入	金额	支出	金额
一般公共预算拨款收入	500.00	文化旅游体育与传媒支出	460.00
		社会保障和就业支出	40.00
收入总计	500.00	支出总计	500.00

收入总表
单位：万元
科目编码	科目名称	合计	财政拨款收入	事业收入
207	文化旅游体育与传媒支出	460.00	460.00	
20701	文化和旅游	460.00	460.00	
2070101	行政运行	460.00	460.00	
208	社会保障和就业支出	40.00	40.00	
20805	行政事业单位养老支出	40.00	40.00	
2080505	机关事业单位基本养老保险缴费支出	40.00	40.00	
合计		500.00	500.00	

支出总表
单位：万元
科目编码	科目名称	合计	基本支出	项目支出
207	文化旅游体育与传媒支出	460.00	460.00	
20701	文化和旅游	460.00	460.00	
2070101	行政运行	460.00	460.00	
208	社会保障和就业支出	40.00	40.00	
20805	行政事业单位养老支出	40.00	40.00	
2080505	机关事业单位基本养老保险缴费支出	40.00	40.00	
合计		500.00	500.00	

财政拨款收支总表
单位：万元
收入	金额	支出	金额
一般公共预算拨款	500.00	文化旅游体育与传媒支出	460.00
		社会保障和就业支出	40.00
收入总计	500.00	支出总计	500.00

一般公共预算支出表
单位：万元
科目编码	科目名称	合计	基本支出	项目支出
207	文化旅游体育与传媒支出	460.00	460.00	
2070101	行政运行	460.00	460.00	
208	社会保障和就业支出	40.00	40.00	
2080505	机关事业单位基本养老保险缴费支出	40.00	40.00	
合计		500.00	500.00	

一般公共预算基本支出表
单位：万元
科目编码	科目名称	合计	人员经费	公用经费
301	工资福利支出	480.00	480.00	
30101	基本工资	480.00	480.00	
302	商品和服务支出	20.00		20.00
30201	办公费	20.00		20.00
合计		500.00	480.00	20.00

“三公”经费支出表
单位：万元
合计	因公出国（境）费	公务用车购置及运行费	公务接待费
5.00	0.00	3.00	2.00

政府性基金预算支出表
单位：万元
科目编码	科目名称	合计	基本支出	项目支出
合计			
注：本表无数据。
"""

NEW_KINDS = ("missing-table", "name-mismatch", "missing-reason")


def _new(text: str, kind: str | None = None):
    report = check(text, text=True)
    return [f for f in report.findings if f.kind in ((kind,) if kind else NEW_KINDS)]


def _edit(old: str, new: str, text: str = CLEAN) -> str:
    assert old in text, old
    return text.replace(old, new)


def _drop_table(title: str, text: str = CLEAN) -> str:
    """The table with this title line, up to the next blank line, removed."""
    start = text.index(f"\n{title}\n") + 1
    end = text.find("\n\n", start)
    return text[:start] + (text[end + 2:] if end != -1 else "")


def test_the_clean_document_has_no_structure_or_name_findings():
    report = check(CLEAN, text=True)
    assert report.errors == []
    assert _new(CLEAN) == []


def test_rules_are_registered_with_their_severities():
    assert BY_KIND["missing-table"].code == "NC501"
    assert BY_KIND["name-mismatch"].code == "NC502"
    assert BY_KIND["missing-reason"].severity == "warning"


# --------------------------------------------------------------------------- missing-table
def test_a_table_listed_in_the_contents_but_absent_is_reported():
    found = _new(_drop_table("一般公共预算基本支出表"), "missing-table")
    assert len(found) == 1
    assert found[0].quote == "六、一般公共预算基本支出表"
    assert found[0].line == 10


def test_variant_table_names_count_as_present():
    text = CLEAN
    for old, new in [("\n收支总表\n单位", "\n部门收支总体情况表\n单位"), ("\n收入总表\n单位", "\n部门收入预算总表\n单位"),
                     ("\n支出总表\n单位", "\n部门支出预算表\n单位"), ("\n财政拨款收支总表\n单位", "\n财政拨款收支预算总表\n单位"),
                     ("\n一般公共预算支出表\n单位", "\n一般公共预算支出情况表（按功能分类科目）\n单位"),
                     ("\n一般公共预算基本支出表\n单位", "\n一般公共预算基本支出情况表（按经济分类科目）\n单位"),
                     ("\n“三公”经费支出表\n单位", "\n财政拨款“三公”经费预算表\n单位"),
                     ("\n政府性基金预算支出表\n单位", "\n政府性基金预算支出情况表\n单位")]:
        text = _edit(old, new, text)
    assert _new(text, "missing-table") == []


def test_without_contents_the_template_core_list_is_used():
    no_toc = CLEAN[: CLEAN.index("目录")] + CLEAN[CLEAN.index("一、收支预算情况"):]
    assert _new(no_toc, "missing-table") == []
    found = _new(_drop_table("一般公共预算基本支出表", no_toc), "missing-table")
    assert [f.expected for f in found] == ["一般公共预算基本支出表"]
    # three core tables gone and no 目录: an excerpt (or tables published apart), not three slips
    excerpt = _drop_table("收入总表", _drop_table("支出总表", _drop_table("一般公共预算基本支出表", no_toc)))
    assert _new(excerpt, "missing-table") == []


def test_an_absent_table_the_prose_explains_is_not_missing():
    # no 政府性基金 table at all, but the prose says there is no 政府性基金: nothing to report
    text = _drop_table("政府性基金预算支出表")
    assert _new(text, "missing-table") == []


def test_an_empty_table_needs_a_note_or_an_explanation():
    no_note = _edit("注：本表无数据。\n", "\n")
    assert _new(no_note, "missing-table") == []  # the prose still says 无政府性基金预算拨款
    bare = _edit("本部门2024年无政府性基金预算拨款安排的支出。", "本部门2024年预算按规定编制。", no_note)
    found = _new(bare, "missing-table")
    assert len(found) == 1 and "政府性基金预算支出表" in found[0].quote


# --------------------------------------------------------------------------- name-mismatch
def test_a_prose_item_named_unlike_its_table_row():
    text = _edit("机关事业单位基本养老保险缴费支出（项）40.00万元", "机关事业单位养老保险费用支出（项）40.00万元")
    found = _new(text, "name-mismatch")
    assert len(found) == 1
    assert "机关事业单位养老保险费用支出（项）" in found[0].quote
    assert found[0].expected == "机关事业单位基本养老保险缴费支出"
    assert found[0].evidence and found[0].evidence[0].row.startswith("2080505")


def test_a_class_name_retired_before_the_documents_year():
    text = _edit("文化旅游体育与传媒支出（类）文化和旅游（款）", "文化体育与传媒支出（类）文化和旅游（款）")
    found = _new(text, "name-mismatch")
    assert len(found) == 1
    assert found[0].expected == "文化旅游体育与传媒支出"
    assert "until 2018" in found[0].message


def test_one_code_with_two_names_in_the_tables():
    text = _edit("2070101	行政运行	460.00	460.00	\n208	社会保障和就业支出	40.00	40.00	\n20805",
                 "2070101	一般行政管理事务	460.00	460.00	\n208	社会保障和就业支出	40.00	40.00	\n20805")
    found = _new(text, "name-mismatch")
    assert len(found) == 1 and found[0].subject == "2070101"


def test_the_bodys_name_written_two_ways():
    text = _edit("2024年示范市示范区文化和旅游局收入总计", "2024年示范市示范区文化与旅游局收入总计")
    found = _new(text, "name-mismatch")
    assert len(found) == 1
    assert found[0].stated == "示范市示范区文化与旅游局" and found[0].expected == "示范市示范区文化和旅游局"


def test_a_table_title_naming_another_levels_body():
    text = _edit("\n收支总表\n单位", "\n示范市文化和旅游局2024年部门预算表\n收支总表\n单位")
    found = _new(text, "name-mismatch")
    assert len(found) == 1 and found[0].stated == "示范市文化和旅游局"


def test_kemu_names_by_year():
    assert current_name("210", 2018) == "医疗卫生与计划生育支出"
    assert current_name("210", 2024) == "卫生健康支出"
    assert retired("医疗卫生与计划生育支出", 2024)[1] == "卫生健康支出"
    assert retired("医疗卫生与计划生育支出", 2018) is None
    assert same_name("（八）社会保障和就业支出", "社会保障和就业")
    assert not same_name("其他国土资源事务支出", "其他自然资源事务支出")


# --------------------------------------------------------------------------- missing-reason
@pytest.mark.parametrize("replacement", ["", "主要用于人员经费。"])
def test_a_total_change_with_no_reason(replacement):
    found = _new(_edit("主要原因是人员增加。", replacement), "missing-reason")
    assert len(found) == 1
    assert found[0].severity == "warning"
    assert "收支总计各增加20.00万元" in found[0].quote


def test_a_reason_in_the_following_paragraph_counts():
    text = _edit("增长4.17%。主要原因是人员增加。", "增长4.17%。\n\n收支增加的主要原因是人员增加。")
    assert _new(text, "missing-reason") == []


def test_a_final_account_item_differing_from_budget_needs_a_reason():
    line = "文化旅游体育与传媒支出（类）文化和旅游（款）行政运行（项）460.00万元，主要用于机关运行。"
    bare = _edit(line, line + "年初预算为470.00万元，支出决算为460.00万元，决算数小于预算数。")
    found = _new(bare, "missing-reason")
    assert len(found) == 1 and "决算数小于预算数" in found[0].quote
    explained = _edit(line, line + "年初预算为470.00万元，支出决算为460.00万元，决算数小于预算数的主要原因是节约开支。")
    assert _new(explained, "missing-reason") == []


def test_a_quoted_dash_path_is_checked_like_a_marked_one():
    marked = "文化旅游体育与传媒支出（类）文化和旅游（款）行政运行（项）460.00万元"
    right = _edit(marked, "“文化旅游体育与传媒支出-文化和旅游-行政运行”科目460.00万元")
    assert _new(right, "name-mismatch") == []
    wrong = _edit(marked, "“文化旅游体育与传媒支出-文化和旅游-机关服务”科目460.00万元")
    found = _new(wrong, "name-mismatch")
    assert len(found) == 1 and found[0].expected == "行政运行" and found[0].subject == "2070101"


def test_a_final_account_item_whose_figures_differ_needs_a_reason_even_unworded():
    line = "文化旅游体育与传媒支出（类）文化和旅游（款）行政运行（项）460.00万元，主要用于机关运行。"
    bare = _edit(line, line + "年初预算为470.00万元，支出决算为460.00万元，完成年初预算的97.87%。")
    assert len(_new(bare, "missing-reason")) == 1
    same = _edit(line, line + "年初预算为460.00万元，支出决算为460.00万元，完成年初预算的100.00%。")
    assert _new(same, "missing-reason") == []


def test_an_item_named_at_another_level_is_not_a_slip():
    # the 项 called by its 款's name: the tables use that name, so it is a level slip, not a wrong name
    text = _edit("机关事业单位基本养老保险缴费支出（项）40.00万元", "行政事业单位养老支出（项）40.00万元")
    assert _new(text, "name-mismatch") == []


def test_a_total_change_explained_part_by_part():
    text = _edit("比上年减少1.00万元，下降16.67%。主要原因是压减公务接待。",
                 "比上年减少1.00万元，下降16.67%。其中：\n\n（一）公务接待费2.00万元，比上年减少1.00万元，主要原因是压减公务接待。")
    assert _new(text, "missing-reason") == []
    bare = _edit("比上年减少1.00万元，下降16.67%。主要原因是压减公务接待。",
                 "比上年减少1.00万元，下降16.67%。其中：\n\n（一）公务接待费2.00万元，比上年减少1.00万元。")
    assert len(_new(bare, "missing-reason")) >= 1
