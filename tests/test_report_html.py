"""`--format html`: one self-contained page; document text escaped; figures as in the JSON;
every finding's evidence pointing at a cell that exists in the page."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal

import pytest
from helpers import ROOT, SEED_SPACE, SEED_TAB, check

from narrative_check.report.html import render_html
from narrative_check.tables.facts import table_name
from narrative_check.report.json import render_json

CORPUS = ROOT / "eval" / "datasets" / "corpus"
YICHUAN = CORPUS / "shanghai-putuo-yichuan-street-2025-dept-final.txt"

HOSTILE = """2024年部门预算公开
一、收支预算总体情况
<script>window.__pwned = 1</script>本部门2024年收入合计<img src=x onerror="window.__pwned=2">1000.00万元。
说明："--><b>粗体</b>&amp; 2024年支出合计1000.00万元。

表一 收支总表
单位：万元
项目\t金额
收入合计\t1000.00
支出合计\t1000.00
"""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "narrative_check", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def _ids(page: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', page))


def test_prose_holding_html_is_escaped_text():
    page = render_html([check(HOSTILE, text=True)])
    assert page.count("<script") == 1  # ours, at the end
    assert "<img" not in page and "<b>粗体" not in page
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;" in page
    assert "&amp;amp;" in page  # a literal '&amp;' in the prose stays literal


def test_page_is_self_contained():
    page = render_html([check(SEED_TAB)])
    assert not re.search(r"<(?:link|img|iframe)\b|\bsrc=|@import|url\(", page)
    assert "http://" not in page and "https://" not in page


@pytest.mark.parametrize("document", [YICHUAN, CORPUS / "shanghai-putuo-planning-resources-2024-dept-final.pdf",
                                      CORPUS / "shanghai-putuo-wanli-street-2024-dept-budget.pdf"], ids=lambda p: p.stem)
def test_evidence_and_sentences_point_at_elements_of_the_page(document):
    report = check(document)
    page = render_html([report])
    ids = _ids(page)
    # Evidence from a parsed table links to cells; a name taken from the cover page is no cell.
    names = {table_name(t) for t in report.tables}
    with_evidence = [f for f in report.findings if any(e.table in names for e in f.evidence)]
    assert with_evidence, "a corpus document with findings that carry table evidence"
    cells = re.findall(r'<li class="f[^>]*data-cells="([^"]*)"', page)
    assert len(cells) == len(report.findings)
    pointed = [c.split() for c in cells if c]
    assert len(pointed) == len(with_evidence), "every finding with evidence links to its cells"
    assert all(i in ids for c in pointed for i in c)
    targets = re.findall(r'<li class="f[^>]*data-target="([^"]*)"', page)
    assert all(t in ids for t in targets if t) and sum(bool(t) for t in targets) == len(report.findings)
    # the cell a finding points at prints the value its evidence names
    checked = 0
    for fi, f in enumerate(report.findings):
        li = re.search(rf'<li class="f[^>]*id="d0-f{fi}"[^>]*data-cells="([^"]*)"', page)
        ev = f.evidence[0] if f.evidence else None
        if not li or not li.group(1) or ev is None or "+" in ev.row:
            continue
        cell = re.search(rf'<td id="{li.group(1).split()[0]}"[^>]*>([^<]*)</td>', page)
        if cell and cell.group(1):
            assert Decimal(cell.group(1).replace(",", "")) == Decimal(ev.value.split()[0]), (f.message, cell.group(1))
            checked += 1
    assert checked >= 1 and checked >= len(pointed) // 2


def test_figures_read_as_in_the_json_report():
    report = check(YICHUAN)
    data = json.loads(render_json([report]))
    page = render_html([report])
    for f in data["findings"]:
        for value in (f["stated"], f["expected"]):
            if value:
                assert value.replace("“", "&quot;") in page or value in page, value
    amounts = {c["claim"]["amount"] for c in data["claims"] if c["claim"]["amount"]}
    assert amounts and all(f"amount {a} " in page for a in amounts)


def test_header_counts_and_index_of_several_documents():
    reports = [check(SEED_TAB), check(SEED_SPACE)]
    page = render_html(reports)
    assert 'href="#d0"' in page and 'href="#d1"' in page and "2 documents" in page
    assert page.count('<section class="doc"') == 2
    assert "✖ 1 error<" in page and "NC103 period-mismatch 1" in page


def test_check_writes_html_to_output_file(tmp_path):
    out = tmp_path / "report.html"
    result = run("check", str(SEED_TAB), "--format", "html", "--output", str(out))
    assert result.returncode == 1 and result.stdout == ""
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "period-mismatch" in page


def test_output_works_for_every_format(tmp_path):
    for fmt in ("text", "json", "sarif", "github"):
        out = tmp_path / f"r.{fmt}"
        result = run("check", str(SEED_TAB), "--format", fmt, "-o", str(out))
        assert result.returncode == 1 and result.stdout == "" and "NC103" in out.read_text(encoding="utf-8")
    bad = run("check", str(SEED_TAB), "-o", str(tmp_path / "missing" / "r.txt"))
    assert bad.returncode == 2 and "cannot write" in bad.stderr and "Traceback" not in bad.stderr


def test_claims_in_the_json_report_carry_their_page():
    report = json.loads(run("check", str(CORPUS / "shanghai-putuo-planning-resources-2024-dept-final.pdf"),
                            "--format", "json").stdout)
    pages = {c["claim"]["line"]: c["claim"]["page"] for c in report["claims"]}
    assert all(isinstance(p, int) and p > 0 for p in pages.values())
    for f in report["findings"]:
        if f["line"] in pages and f["page"] is not None:
            assert pages[f["line"]] == f["page"]
