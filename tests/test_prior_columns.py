"""Tables that print prior-year or 年初预算 columns beside this period's figures."""

from __future__ import annotations

from narrative_check import check

BUDGET = """2024年某局部门预算

一、收支预算总体情况

2024年本部门支出预算120.00万元，比上年{word}{change}万元，{rate_word}{rate}%。

表1 部门收支总表
单位：万元
项目\t上年预算数\t本年预算数
本年支出合计\t100.00\t120.00
支出总计\t100.00\t120.00
"""

FINAL = """2023年度某局部门决算

五、一般公共预算财政拨款支出决算情况说明

一般公共预算财政拨款支出年初预算为{budget}万元，支出决算为{final}万元，完成年初预算的{pct}%。

一般公共预算财政拨款支出决算表
单位：万元
科目名称\t年初预算\t决算数
合计\t1000.00\t1100.00
"""


def run(tmp_path, text):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return check(path)


def test_current_column_is_the_figure_and_prior_column_checks_the_change(tmp_path):
    good = run(tmp_path, BUDGET.format(word="增加", change="20.00", rate_word="增长", rate="20.00"))
    assert good.errors == [] and good.claims[0].status == "verified"
    assert any("prior 100.00" in c for c in good.claims[0].checks)
    wrong_change = run(tmp_path, BUDGET.format(word="增加", change="30.00", rate_word="增长", rate="25.00"))
    assert [f.kind for f in wrong_change.errors] == ["growth-mismatch"]
    assert wrong_change.errors[0].evidence[0].column == "上年预算数"


def test_prior_column_catches_a_wrong_direction(tmp_path):
    report = run(tmp_path, BUDGET.format(word="减少", change="20.00", rate_word="下降", rate="14.29"))
    assert [f.kind for f in report.errors] == ["direction-mismatch"]


def test_final_account_checks_decision_and_budget_columns(tmp_path):
    good = run(tmp_path, FINAL.format(budget="1000.00", final="1100.00", pct="110.00"))
    assert good.errors == [] and all(r.status == "verified" for r in good.claims)
    wrong_budget = run(tmp_path, FINAL.format(budget="1010.00", final="1100.00", pct="108.91"))
    assert [f.kind for f in wrong_budget.errors] == ["amount-mismatch"]
    assert wrong_budget.errors[0].evidence[0].column == "年初预算"


def test_rate_without_change_is_judged_on_the_prior_column(tmp_path):
    text = ("2024年某局部门预算\n\n2024年本部门支出预算120.00万元，比上年增长{rate}%。\n\n表1 部门收支总表\n单位：万元\n"
            "项目\t上年预算数\t本年预算数\n本年支出合计\t100.00\t120.00\n")
    assert run(tmp_path, text.format(rate="20.00")).errors == []
    (f,) = run(tmp_path, text.format(rate="25.00")).errors
    assert f.kind == "growth-mismatch" and f.expected == "20.00%" and f.line == 3
