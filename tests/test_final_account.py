"""A 决算 document in the national template's wording: 决算 vs 年初预算 columns,
completion rates, 决算数大于/小于预算数, "三公" parts."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrative_check import check

DOC = Path(__file__).parent / "data" / "final_account_2024.txt"


def test_clean_final_account_is_fully_verified():
    report = check(DOC)
    assert report.kind == "决算" and report.year == 2024
    assert report.errors == [] and all(r.status == "verified" for r in report.claims)


@pytest.mark.parametrize("old, new, kind", [
    ("完成年初预算的102.73%", "完成年初预算的107.23%", "share-mismatch"),
    ("决算数大于预算数的主要原因：追加预算", "决算数小于预算数的主要原因：追加预算", "direction-mismatch"),
    ("年初预算为1,100.00万元", "年初预算为1,010.00万元", "amount-mismatch"),
    ("公务接待费支出决算为5.00万元", "公务接待费支出决算为8.00万元", "amount-mismatch"),
    ("年末结转和结余	70.00", "年末结转和结余	60.00", "total-mismatch"),
])
def test_planted_errors(tmp_path, old, new, kind):
    text = DOC.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "doc.txt"
    path.write_text(text.replace(old, new), encoding="utf-8")
    assert kind in {f.kind for f in check(path).errors}
