"""The command line as a reviewer uses it: output formats, exit codes, bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from helpers import ROOT, SEED_SPACE, SEED_TAB

from narrative_check.rules import RULES


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "narrative_check", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)


def test_check_prints_ruff_style_lines_and_exits_1_on_errors():
    out = run("check", str(SEED_TAB))
    assert out.returncode == 1
    first = out.stdout.splitlines()[0]
    assert first.startswith(f"{SEED_TAB}:84: NC103 period-mismatch ")
    assert out.stdout.rstrip().endswith("unverified).") and "Found 1 error" in out.stdout


def test_clean_document_exits_0():
    out = run("check", str(SEED_SPACE))
    assert out.returncode == 0 and "No errors" in out.stdout


def test_json_report_has_the_contract_fields():
    out = run("check", str(SEED_TAB), "--format", "json")
    data = json.loads(out.stdout)
    assert {"document", "findings", "claims", "summary"} <= set(data)
    f = data["findings"][0]
    assert {"kind", "code", "severity", "message", "quote", "line", "stated", "expected", "evidence"} <= set(f)
    assert data["summary"]["errors"] == 1 and data["summary"]["claims"] == len(data["claims"])


def test_several_files_in_one_json_object():
    data = json.loads(run("check", str(SEED_TAB), str(SEED_SPACE), "--format", "json").stdout)
    assert [r["document"] for r in data["reports"]] == [str(SEED_TAB), str(SEED_SPACE)]
    assert data["summary"]["errors"] == 1


def test_sarif_and_github_formats():
    sarif = json.loads(run("check", str(SEED_TAB), "--format", "sarif").stdout)
    result = sarif["runs"][0]["results"][0]
    assert result["ruleId"] == "NC103" and result["locations"][0]["physicalLocation"]["region"]["startLine"] == 84
    gh = run("check", str(SEED_TAB), "--format", "github").stdout
    assert gh.startswith(f"::error file={SEED_TAB},line=84,title=NC103 period-mismatch::")


def test_select_and_ignore():
    assert run("check", str(SEED_TAB), "--ignore", "NC103").returncode == 0
    assert run("check", str(SEED_TAB), "--select", "period-mismatch").returncode == 1


def test_tables_and_claims_commands():
    tables = run("tables", str(SEED_SPACE)).stdout
    assert "表8 财政拨款安排的行政经费及“三公”经费预算表  [sangong]  unit 万元" in tables
    claims = run("claims", str(SEED_SPACE)).stdout
    assert "[verified] 机关运行经费: year 2024, 31.41 万元, increase 4.17, rate 15.31%" in claims


@pytest.mark.parametrize("make", [
    lambda p: str(p / "missing.txt"),
    lambda p: str(p),
    lambda p: (p / "e.txt").write_text("") or str(p / "e.txt"),
    lambda p: str(p / "b.bin") if (p / "b.bin").write_bytes(b"\x00\x01\x02" * 100) else "",
])
def test_bad_input_exit_2_without_traceback(tmp_path, make):
    out = run("check", make(tmp_path))
    assert out.returncode == 2
    assert out.stderr.startswith("error: ") and "Traceback" not in out.stderr + out.stdout


def test_one_bad_file_does_not_hide_the_others_findings(tmp_path):
    out = run("check", str(tmp_path / "missing.txt"), str(SEED_TAB))
    assert out.returncode == 2 and "NC103 period-mismatch" in out.stdout


def test_usage_error_exit_2():
    assert run("check").returncode == 2
    assert run("check", str(SEED_TAB), "--format", "xml").returncode == 2


def test_every_rule_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"`{rule.code}`" in readme and f"`{rule.kind}`" in readme, rule.kind
