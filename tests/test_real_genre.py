"""How real disclosures state their figures, each on a small document of our own
(tests/data/genre): the 科目 a sentence speaks of, the fund scope and basis of its
figure, rounding conventions, and the slips reviewers find in published documents.
Each test names the false alarm or the miss it guards against."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrative_check import check

DATA = Path(__file__).parent / "data" / "genre"
BUDGET = DATA / "item_budget_2024.txt"
FINAL = DATA / "item_final_2024.txt"


def _doc(tmp_path: Path, base: Path, old: str = "", new: str = "") -> Path:
    text = base.read_text(encoding="utf-8")
    if old:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / base.name
    path.write_text(text, encoding="utf-8")
    return path


def _errors(path: Path) -> list:
    return [f for f in check(path).findings if f.severity == "error"]


def _warnings(path: Path) -> list:
    return [f for f in check(path).findings if f.severity == "warning"]


# --------------------------------------------------------------------------- the 科目 a sentence names
def test_item_paths_are_checked_against_their_own_row_not_the_class_total(tmp_path):
    """'“A（类）B（款）C（项）”42.60万元' and '“A-B-C”科目24.31万元' are the 项 rows, though
    their first word names a class whose total differs."""
    report = check(_doc(tmp_path, BUDGET))
    assert not [f for f in report.findings if f.severity == "error"]
    verified = {r.claim.amount for r in report.claims if r.status == "verified"}
    assert {"42.60", "24.31"} <= {f"{a:f}" for a in verified if a is not None}


def test_a_dash_path_with_a_wrong_figure_is_reported_against_its_row(tmp_path):
    path = _doc(tmp_path, BUDGET, "行政单位离退休”科目24.31万元", "行政单位离退休”科目26.31万元")
    (finding,) = _errors(path)
    assert finding.kind == "amount-mismatch" and finding.expected.startswith("24.31")
    assert finding.evidence[0].row == "行政单位离退休"


def test_the_figure_under_an_item_heading_is_that_items(tmp_path):
    """'预算安排 44.60 万元' in the paragraph of item 1 is checked against item 1's row."""
    path = _doc(tmp_path, BUDGET, "2024年预算安排42.60万元", "2024年预算安排44.60万元")
    kinds = sorted(f.kind for f in _errors(path))
    assert "amount-mismatch" in kinds
    (amount,) = [f for f in _errors(path) if f.kind == "amount-mismatch"]
    assert amount.expected.startswith("42.60") and amount.evidence[0].row == "一般行政管理事务"


def test_growth_against_the_prior_figure_the_sentence_states(tmp_path):
    """'上年执行数为40.00万元，本年预算安排42.60万元，增加6.50%': 2.60 ÷ 40.00 = 6.50%."""
    assert not _errors(_doc(tmp_path, BUDGET))
    path = _doc(tmp_path, BUDGET, "增加6.50%", "增加6.60%")
    (finding,) = _errors(path)
    assert finding.kind == "growth-mismatch" and finding.expected == "6.50%"


def test_a_reason_that_contradicts_the_change_is_a_direction_error(tmp_path):
    path = _doc(tmp_path, BUDGET, "执行数为40.00万元，2024年预算安排42.60万元，比2023年预算执行数增加6.50%",
                "执行数为45.00万元，2024年预算安排42.60万元，比2023年预算执行数减少5.33%")
    (finding,) = _errors(path)
    assert finding.kind == "direction-mismatch"
    assert finding.quote == "主要原因是：群众团体事务一般行政管理事务经费增加。"


def test_final_account_item_sentences_take_the_heading_item(tmp_path):
    """'年初预算为30.00万元，支出决算为28.00万元' under '1、…行政单位离退休（项）' is that
    item's 决算, not 本年支出合计 (1,180.00)."""
    report = check(_doc(tmp_path, FINAL))
    assert not [f for f in report.findings if f.kind in ("share-mismatch", "direction-mismatch", "amount-mismatch")
                and "28.00" in (f.stated or "")]
    item = [r for r in report.claims if r.claim.amount is not None and f"{r.claim.amount:f}" == "28.00"]
    assert item and item[0].status == "verified" and "行政单位离退休" in (item[0].claim.item or "")
    path = _doc(tmp_path, FINAL, "支出决算为28.00万元，完成年初预算的93.33%", "支出决算为27.00万元，完成年初预算的90.00%")
    (finding,) = [f for f in _errors(path) if f.line == 17]
    assert finding.kind == "amount-mismatch" and finding.expected.startswith("28.00")


# --------------------------------------------------------------------------- fund scope and quantities
def test_a_general_budget_figure_is_checked_against_the_general_budget_table(tmp_path):
    """'一般公共预算财政拨款基本支出900.00万元' while the 一般公共预算 tables give 880.00 and
    900.00 is the all-funds figure: an error of fund scope, with both tables as evidence."""
    findings = _errors(_doc(tmp_path, FINAL))
    scope = [f for f in findings if f.subject == "一般公共预算财政拨款基本支出"]
    assert scope and scope[0].kind == "amount-mismatch" and scope[0].expected.startswith("880.00")
    assert "another fund scope" in (scope[0].cause or "")
    assert {e.table for e in scope[0].evidence} == {"表5 一般公共预算财政拨款支出决算表", "表3 支出决算表"}
    # its parts inherit the scope: 人员经费 is the 一般公共预算 one (790.00)
    assert [f.expected for f in findings if f.subject == "人员经费"] == ["790.00 万元"]


def test_an_all_funds_figure_found_only_in_a_single_fund_table_is_not_contradicted(tmp_path):
    text = ("某局2024年部门预算\n\n2024年人员支出950.00万元。\n\n"
            "表5 2024年一般公共预算支出表\n单位：万元\n项目\t合计\t人员支出\n合计\t1,000.00\t900.00\n\n"
            "表1 2024年收支总表\n单位：万元\n收入\t金额\t支出\t金额\n一、一般公共预算拨款收入\t1,000.00\t一、一般公共服务支出\t1,200.00\n"
            "二、政府性基金预算拨款收入\t200.00\t\t\n本年收入合计\t1,200.00\t本年支出合计\t1,200.00\n")
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    assert not _errors(path)


# --------------------------------------------------------------------------- rounding conventions
def test_a_truncated_share_is_a_warning_naming_the_cause(tmp_path):
    """280.00 ÷ 1,180.00 = 23.729%: '23.72%' is cut, not rounded; '23.71%' fits neither."""
    path = _doc(tmp_path, FINAL, "项目支出280.00万元，占23.73%", "项目支出280.00万元，占23.72%")
    assert not [f for f in _errors(path) if f.kind == "share-mismatch"]
    (warning,) = [f for f in _warnings(path) if f.kind == "share-mismatch"]
    assert "truncated" in warning.cause
    path = _doc(tmp_path, FINAL, "项目支出280.00万元，占23.73%", "项目支出280.00万元，占23.71%")
    assert [f.expected for f in _errors(path) if f.kind == "share-mismatch"] == ["23.73%"]


def test_shares_rounded_to_close_the_list_at_100_percent_are_a_warning(tmp_path):
    text = ("某院2019年部门预算\n\n本年支出预算合计24,169.74万元，其中：\n基本支出15,844.04万元，占65.56%；\n"
            "项目支出4335.3万元，占17.94%；\n单位预留机动经费3990.4万元，占16.5%；\n")
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    assert not _errors(path)
    (warning,) = [f for f in _warnings(path) if f.kind == "share-mismatch"]
    assert "100%" in warning.cause


# --------------------------------------------------------------------------- slips reviewers find
def test_parts_of_a_change_that_do_not_add_to_it(tmp_path):
    (finding,) = [f for f in _errors(_doc(tmp_path, FINAL)) if f.kind == "total-mismatch"]
    assert finding.stated == "-3.59" and finding.expected == "-3.29"


def test_a_change_whose_parts_add_up_is_clean(tmp_path):
    path = _doc(tmp_path, FINAL, "公务接待费支出决算增加0.30万元，增长100%", "公务接待费支出决算持平0.00万元")
    assert not [f for f in _errors(path) if f.kind == "total-mismatch"]


@pytest.mark.parametrize("sentence", ["城乡社区支出（类）500.00万元，占 42.37;", "年初预算为0.00万元，支出决算为 4.19。",
                                      "比上年增长 13.95。"])
def test_a_missing_percent_sign_or_unit_is_an_error(tmp_path, sentence):
    path = _doc(tmp_path, FINAL, "决算数小于预算数的主要原因：厉行节约。", "决算数小于预算数的主要原因：厉行节约。" + sentence)
    assert "template-residue" in [f.kind for f in _errors(path)]


def test_thousands_in_a_rate_and_unit_conversion_notes_are_not_residue(tmp_path):
    path = _doc(tmp_path, FINAL, "决算数小于预算数的主要原因：厉行节约。",
                "决算数小于预算数的主要原因：厉行节约。比上年增加2,052.87万元，增长3,593.7%。本表金额转换为万元时，因四舍五入可能存在尾差。")
    assert not [f for f in _errors(path) if f.kind == "template-residue"]


def test_a_year_is_wrong_only_for_a_figure_of_this_year(tmp_path):
    """'2023年收入预算1,000.00万元' in the 2024 budget whose tables hold 1,000.00 is a stale
    year; '于2000年开始…补贴90元' names a history, not this year's figure."""
    path = _doc(tmp_path, BUDGET, "2024年，某区某街道办事处收入预算", "2023年，某区某街道办事处收入预算")
    path.write_text(path.read_text(encoding="utf-8").replace("支出预算1,000.00万元。", "2023年支出预算1,000.00万元。"),
                    encoding="utf-8")
    assert "period-mismatch" in [f.kind for f in _errors(path)]
    path = _doc(tmp_path, BUDGET, "财政拨款支出主要内容如下：", "提租补贴于2000年开始发放，人均月补贴90元。\n\n财政拨款支出主要内容如下：")
    assert not _errors(path)


def test_project_figures_and_qualified_subjects_do_not_contradict_the_totals(tmp_path):
    """'涉及预算资金419万元，其中财政拨款419万元' is one project's money; '政府采购货物预算'
    is a part of 政府采购, not its total."""
    extra = ("七、预算绩效情况说明\n本局全面实施绩效目标管理，涉及一级项目4个，预算资金419万元，其中财政拨款419万元。\n\n"
             "八、政府采购情况\n2024年政府采购预算49.33万元，其中：政府采购货物预算0.33万元，政府采购服务预算49万元。\n\n")
    path = _doc(tmp_path, BUDGET, "表1 2024年部门支出预算总表", extra + "表1 2024年部门支出预算总表")
    assert not _errors(path)
