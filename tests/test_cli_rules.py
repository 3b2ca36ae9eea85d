"""`narrative-check rules` / `rule CODE` read the one registry; `serve` without its extra
says how to install it."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner
from helpers import ROOT

from narrative_check import rules as registry
from narrative_check.cli import cli
from narrative_check.rules import RULES, Rule


def test_rules_lists_every_rule_with_its_example():
    result = CliRunner().invoke(cli, ["rules"])
    assert result.exit_code == 0
    for rule in RULES:
        line = next(line for line in result.output.splitlines() if line.startswith(rule.code))
        assert rule.kind in line and rule.severity in line and rule.summary in line
        assert rule.example and f"e.g. {rule.example}" in result.output
    data = json.loads(CliRunner().invoke(cli, ["rules", "--format", "json"]).output)
    assert [r["code"] for r in data] == [r.code for r in RULES] and all(r["example"] for r in data)


def test_rule_explains_one_by_code_or_kind():
    by_code = CliRunner().invoke(cli, ["rule", "nc202"])
    assert by_code.exit_code == 0 and by_code.output.startswith("NC202 growth-mismatch (error)")
    assert "Example:" in by_code.output and "--ignore NC202" in by_code.output
    assert CliRunner().invoke(cli, ["rule", "growth-mismatch"]).output == by_code.output


def test_unknown_rule_is_a_usage_error_naming_the_rules():
    out = subprocess.run([sys.executable, "-m", "narrative_check", "rule", "NC999"], capture_output=True, text=True,
                         cwd=ROOT, timeout=60)
    assert out.returncode == 2 and "NC101" in out.stderr and "Traceback" not in out.stderr


def test_a_rule_added_to_the_registry_shows_up():
    new = Rule("NC990", "example-new-kind", "warning", "A rule added to rules.RULES later.")  # no example yet
    registry.RULES.append(new)
    try:
        listed = CliRunner().invoke(cli, ["rules"]).output
        assert "NC990  example-new-kind" in listed and f"{len(registry.RULES)} rules." in listed
        assert CliRunner().invoke(cli, ["rule", "NC990"]).output.startswith("NC990 example-new-kind (warning)")
    finally:
        registry.RULES.remove(new)


def test_serve_without_its_extra_names_the_install():
    code = ("import sys; sys.modules['uvicorn'] = None; sys.argv = ['narrative-check', 'serve'];"
            "from narrative_check.cli import main; main()")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 2 and "pip install 'narrative-check[serve]'" in out.stderr and "Traceback" not in out.stderr
