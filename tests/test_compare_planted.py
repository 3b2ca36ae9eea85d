"""Each finding kind, planted into a real seed document: the checker must report it,
with its evidence, and nothing else new."""

from __future__ import annotations

from helpers import ROOT, SEED_SPACE, SEED_TAB, check, errors, kinds, planted


def only_new(report, baseline_kinds=()):
    found = kinds(report)
    for k in baseline_kinds:
        found.remove(k)
    return found


def test_seed_004_is_clean():
    assert errors(check(SEED_SPACE)) == []


def test_seed_000_has_only_the_year_slip():
    report = check(SEED_TAB)
    assert kinds(report) == ["period-mismatch"]
    assert "2025 年收入合计" in errors(report)[0].quote


def test_amount_mismatch_names_table_cell_and_cause(tmp_path):
    report = check(planted(tmp_path, SEED_SPACE, "机关运行经费安排31.41万元", "机关运行经费安排34.11万元"))
    assert kinds(report) == ["amount-mismatch"]
    f = errors(report)[0]
    assert f.stated == "34.11 万元" and f.expected == "31.41 万元"
    assert "34.11" in f.quote and f.line == 881
    assert f.evidence[0].table.startswith("表8") and f.evidence[0].row == "行政经费"
    assert f.cause == "digits transposed"


def test_unit_mismatch(tmp_path):
    report = check(planted(tmp_path, SEED_SPACE, "机关运行经费安排31.41万元", "机关运行经费安排31.41元"))
    assert kinds(report) == ["unit-mismatch"]
    assert errors(report)[0].stated == "31.41 元"


def test_period_mismatch(tmp_path):
    report = check(planted(tmp_path, SEED_SPACE, "2024年本部门收入预算534.77万元", "2023年本部门收入预算534.77万元"))
    assert kinds(report) == ["period-mismatch"]
    assert errors(report)[0].stated == "2023" and errors(report)[0].expected == "2024"


def test_comparison_year_is_not_a_period_error():
    # "与 2023 年预算相比" in a 2024 document is fine (seed 000 line 80).
    report = check(SEED_TAB)
    assert all(f.line != 80 for f in errors(report))


def test_share_mismatch(tmp_path):
    report = check(planted(tmp_path, SEED_TAB, "占 21.10%", "占 21.01%"))
    assert only_new(report, ["period-mismatch"]) == ["share-mismatch"]
    f = [f for f in errors(report) if f.kind == "share-mismatch"][0]
    assert f.stated == "21.01%" and f.expected == "21.10%"


def test_growth_mismatch(tmp_path):
    report = check(planted(tmp_path, SEED_SPACE, "增长15.31%", "增长13.51%"))
    assert kinds(report) == ["growth-mismatch"]
    assert errors(report)[0].expected == "15.31%"


def test_growth_checked_on_a_following_sentence(tmp_path):
    # '…收支预算 1102.05 万元。与 2023 年相比，…增加 767.14 万元，增长 229.06%' spans two sentences.
    report = check(planted(tmp_path, SEED_TAB, "增长 229.06%，主要原因：增加青年人才生活补贴等项目经费。\n\n#### 五",
                           "增长 292.06%，主要原因：增加青年人才生活补贴等项目经费。\n\n#### 五"))
    growth = [f for f in errors(report) if f.kind == "growth-mismatch"]
    assert len(growth) == 1 and "292.06%" in growth[0].quote


def test_direction_mismatch(tmp_path):
    report = check(planted(tmp_path, SEED_SPACE, "比上年\n\n增加4.17万元", "比上年\n\n减少4.17万元"))
    assert kinds(report) == ["direction-mismatch"]


def test_count_mismatch(tmp_path):
    report = check(planted(tmp_path, SEED_TAB, "共 6 个项目", "共 7 个项目"))
    assert only_new(report, ["period-mismatch"]) == ["count-mismatch"]
    assert errors(report)[-1].expected == "6"


def test_prose_total_mismatch(tmp_path):
    report = check(planted(tmp_path, SEED_SPACE, "货物类采购预算0", "货物类采购预算5"))
    assert kinds(report) == ["total-mismatch"]


def test_table_total_mismatch(tmp_path):
    report = check(planted(tmp_path, SEED_TAB, "30103\t奖金\t50101\t工资奖金津补贴\t47.95\t47.95",
                           "30103\t奖金\t50101\t工资奖金津补贴\t49.75\t49.75"))
    new = only_new(report, ["period-mismatch"])
    assert set(new) == {"total-mismatch"}
    f = [f for f in errors(report) if f.kind == "total-mismatch"][0]
    assert f.quote.startswith("合计") and f.stated == "232.57 万元" and f.expected == "234.37 万元"
    assert any(e.row == "奖金" and e.value == "49.75 万元" for e in f.evidence)


def test_cross_table_mismatch_reports_the_odd_copy(tmp_path):
    report = check(planted(tmp_path, SEED_SPACE, "八、社会保障和就业支出 172.83", "八、社会保障和就业支出 172.38"))
    cross = [f for f in errors(report) if f.kind == "cross-table-mismatch"]
    assert len(cross) == 1
    assert "172.38" in cross[0].quote and cross[0].expected == "172.83 万元"


def test_template_residue(tmp_path):
    report = check(planted(tmp_path, SEED_SPACE, "比上年增加24.72万元，\n\n增长4.85%",
                           "比上年增加（减少）24.72万元，\n\n增长4.85%"))
    assert kinds(report) == ["template-residue"]
    assert "增加（减少）" in errors(report)[0].stated


def test_missing_percentage_is_template_residue(tmp_path):
    report = check(planted(tmp_path, SEED_TAB, "占 21.10%", "占 %"))
    assert "template-residue" in kinds(report)


def test_unverified_claims_are_info_not_errors():
    report = check(SEED_SPACE)
    infos = [f for f in report.findings if f.kind == "unverified"]
    assert infos and all(f.severity == "info" and f.quote for f in infos)


def test_every_error_carries_its_evidence(tmp_path):
    report = check(planted(tmp_path, SEED_SPACE, "机关运行经费安排31.41万元", "机关运行经费安排31.14万元"))
    for f in errors(report):
        assert f.quote and f.line > 0 and f.stated and f.expected and f.evidence


BEIJING_STYLE = """北京市某某局2024年部门预算

三、“三公”经费预算情况

2024年“三公”经费财政拨款预算数为12.34万元，比2023年减少1.23万元，下降9.06%。其中：因公出国（境）费0万元；公务接待费2.34万元；公务用车购置及运行维护费10.00万元（其中：公务用车购置费{purchase}万元，公务用车运行维护费10.00万元）。

表二 “三公”经费预算表
单位：万元
合计\t因公出国（境）费\t公务接待费\t公务用车购置及运行维护费\t公务用车购置费\t公务用车运行维护费
12.34\t0.00\t2.34\t10.00\t{cell}\t10.00
"""


def test_nested_lists_and_flat_sangong_headers(tmp_path):
    path = tmp_path / "bj.txt"
    path.write_text(BEIJING_STYLE.format(purchase="0", cell="0.00"), encoding="utf-8")
    clean = check(path)
    assert errors(clean) == [] and all(r.status == "verified" for r in clean.claims)
    path.write_text(BEIJING_STYLE.format(purchase="0", cell="1.00"), encoding="utf-8")
    report = check(path)
    assert kinds(report) == ["amount-mismatch", "total-mismatch"]
    total = [f for f in errors(report) if f.kind == "total-mismatch"][0]
    assert total.stated == "10.00 万元" and total.expected == "11.00 万元"


def test_arithmetic_findings_show_the_table_cell_of_their_base(tmp_path):
    report = check(planted(tmp_path, SEED_SPACE, "增长15.31%", "增长13.51%"))
    (f,) = errors(report)
    assert f.evidence and f.evidence[0].row == "行政经费" and f.evidence[0].value == "31.41 万元"


def test_economic_classes_named_in_prose(tmp_path):
    doc = ROOT / "tests" / "data" / "econ_classes_2024.txt"
    report = check(doc)
    assert errors(report) == [] and all(r.status == "verified" for r in report.claims)
    bad = check(planted(tmp_path, doc, "商品和服务支出12.41万元", "商品和服务支出21.41万元"))
    assert kinds(bad) == ["amount-mismatch"]
