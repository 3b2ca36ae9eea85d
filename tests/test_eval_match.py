"""Matcher: kinds equal, anchor in quote ignoring whitespace and '*', one-to-one."""

import json

import pytest

from narrative_check.evaluation.cases import Label, LabelError, find_cases, read_labels
from narrative_check.evaluation.match import match_case, normalise
from narrative_check.models import Finding


def F(kind, quote, severity="error", line=1):
    return Finding(kind=kind, code="NC000", severity=severity, message="m", quote=quote, line=line)


def L(kind, anchor):
    return Label(kind=kind, anchor=anchor)


GROWTH = "收支总计各增加 767.14 万元，增长 292.06%。"


def test_normalise_drops_whitespace_fullwidth_space_and_stars():
    assert normalise(" 增长\u3000**292.06** %\n") == "增长292.06%"


def test_hit_ignores_whitespace_and_stars():
    m = match_case([L("growth-mismatch", "增长 292.06%")], [F("growth-mismatch", "各增加767.14万元，增长**292.06**%")], True)
    assert len(m.hits) == 1 and not m.misses and not m.false_alarms and m.exact


def test_kind_must_be_equal():
    m = match_case([L("growth-mismatch", "增长 292.06%")], [F("amount-mismatch", GROWTH)], True)
    assert not m.hits
    assert len(m.misses) == 1 and len(m.false_alarms) == 1
    # the miss says what was reported about that statement instead
    assert [f.kind for f in m.misses[0].reported_instead] == ["amount-mismatch"]
    assert not m.exact


def test_miss():
    m = match_case([L("growth-mismatch", "增长 292.06%")], [], True)
    assert [x.label.anchor for x in m.misses] == ["增长 292.06%"] and not m.exact


def test_false_alarm_in_complete_case():
    m = match_case([], [F("share-mismatch", "占 21.10%")], True)
    assert len(m.false_alarms) == 1 and not m.exact


def test_double_report_counts_once_and_is_not_a_false_alarm():
    findings = [F("growth-mismatch", GROWTH, line=80), F("growth-mismatch", GROWTH, line=80)]
    m = match_case([L("growth-mismatch", "增长 292.06%")], findings, True)
    assert len(m.hits) == 1 and len(m.duplicates) == 1 and not m.false_alarms and m.exact


def test_one_finding_matches_one_label_only():
    # two labels fit the same finding: one is found, the other missed
    labels = [L("growth-mismatch", "292.06%"), L("growth-mismatch", "增长 292.06%")]
    m = match_case(labels, [F("growth-mismatch", GROWTH)], True)
    assert len(m.hits) == 1 and len(m.misses) == 1


def test_maximum_matching_does_not_steal():
    # label 0 fits both findings, label 1 only the first: both must be found
    labels = [L("share-mismatch", "占"), L("share-mismatch", "占 12.10%")]
    findings = [F("share-mismatch", "基本支出 232.57 万元，占 12.10%"), F("share-mismatch", "项目支出 869.48 万元，占 78.90%")]
    m = match_case(labels, findings, True)
    assert len(m.hits) == 2 and not m.misses and not m.false_alarms


def test_info_and_warning_severity():
    labels = [L("template-residue", "增加（减少）")]
    findings = [F("template-residue", "比上年增加（减少）5 万元", severity="warning"),
                F("unverified", "机构运转经费 14.23 万元", severity="info")]
    m = match_case(labels, findings, True)
    assert len(m.hits) == 1 and not m.false_alarms  # warning counts, info never does
    m = match_case(labels, findings, True, severities=("error",))
    assert not m.hits and len(m.misses) == 1


def test_no_labels_complete_every_error_is_false_alarm():
    findings = [F("amount-mismatch", "a"), F("share-mismatch", "b"), F("unverified", "c", severity="info")]
    m = match_case([], findings, True)
    assert len(m.false_alarms) == 2 and not m.unscored


def test_no_labels_incomplete_nothing_counted():
    m = match_case([], [F("amount-mismatch", "a")], False)
    assert not m.false_alarms and len(m.unscored) == 1 and m.exact


def _write(tmp_path, name, labels):
    (tmp_path / f"{name}.txt").write_text("doc", encoding="utf-8")
    (tmp_path / f"{name}.labels.json").write_text(json.dumps(labels, ensure_ascii=False), encoding="utf-8")


def test_label_file_format_and_unknown_kind(tmp_path):
    _write(tmp_path, "a", {"document": "a.txt", "complete": True,
                           "findings": [{"kind": "growth-mismatch", "anchor": "增长 292.06%", "note": "x"}]})
    _write(tmp_path, "b", {"document": "b.txt", "complete": True, "findings": [{"kind": "sum-wrong", "anchor": "x"}]})
    assert read_labels(tmp_path / "a.labels.json").findings[0].kind == "growth-mismatch"
    with pytest.raises(LabelError, match="unknown kind 'sum-wrong'"):
        find_cases([tmp_path])
    (tmp_path / "b.labels.json").unlink()
    cases = find_cases([tmp_path])
    assert [c.id for c in cases] == ["a"] and cases[0].complete


def test_blank_anchor_rejected(tmp_path):
    _write(tmp_path, "a", {"document": "a.txt", "findings": [{"kind": "amount-mismatch", "anchor": " ** "}]})
    with pytest.raises(LabelError, match="anchor is blank"):
        find_cases([tmp_path / "a.txt"])


def test_missing_document(tmp_path):
    (tmp_path / "x.labels.json").write_text('{"document": "x.txt", "findings": []}', encoding="utf-8")
    with pytest.raises(LabelError, match="not found"):
        find_cases([tmp_path])
