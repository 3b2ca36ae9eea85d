"""`narrative-check eval`: scoreboard, JSON, run log, --compare, mutate; logs go to tmp dirs."""

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrative_check.cli import cli  # registers `eval` (import before evaluation.cli)
from narrative_check.evaluation.cases import Label, LabelError
from narrative_check.evaluation.logs import compare, read_log, write_log
from narrative_check.evaluation.match import match_case
from narrative_check.evaluation.runner import CaseResult, Run
from narrative_check.models import Finding

SEEDS = Path(__file__).resolve().parent.parent / "eval" / "datasets" / "seeds"


@pytest.fixture
def dataset(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("000_02797f1f3cd467d2.txt", "000_02797f1f3cd467d2.labels.json"):
        shutil.copy(SEEDS / name, folder / name)
    return folder


@pytest.fixture(autouse=True)
def _no_repo_logs(tmp_path, monkeypatch):
    monkeypatch.setenv("NARRATIVE_CHECK_EVAL_LOGS", str(tmp_path / "env-logs"))


def test_eval_prints_scoreboard_and_writes_log(dataset, tmp_path):
    logs = tmp_path / "logs"
    result = CliRunner().invoke(cli, ["eval", str(dataset), "--log-dir", str(logs)])
    assert result.exit_code == 0, result.output
    out = result.output
    for word in ("precision", "recall", "F1", "exact match", "extraction recall", "comparator accuracy",
                 "offline", "regex", "misses (offline)", "false alarms (offline)", "period-mismatch"):
        assert word in out
    written = sorted(logs.glob("*.json"))
    assert [p.name.split("-", 1)[1] for p in written] == ["offline.json", "regex.json"]
    run = read_log(written[0])
    assert run.extractor == "offline" and len(run.cases) == 1 and run.wall_seconds >= 0
    assert run.cases[0].labels[0].anchor == "2025 年收入合计"
    assert run.git_commit is None or len(run.git_commit) == 40


def test_eval_json_and_env_log_dir(dataset, tmp_path):
    result = CliRunner().invoke(cli, ["eval", str(dataset), "--format", "json", "--no-baseline"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [r["extractor"] for r in data["runs"]] == ["offline"]
    assert set(data["runs"][0]["overall"]) >= {"precision", "recall", "f1", "tp", "fp", "fn"}
    assert Path(data["logs"][0]).parent == tmp_path / "env-logs"


def test_no_log_and_fail_under(dataset, tmp_path):
    result = CliRunner().invoke(cli, ["eval", str(dataset), "--no-log", "--brief", "--no-baseline", "--fail-under", "1.01"])
    assert result.exit_code == 1
    assert "misses" not in result.output
    assert not (tmp_path / "env-logs").exists()


def test_unknown_kind_is_an_input_error(tmp_path):
    (tmp_path / "x.txt").write_text("x", encoding="utf-8")
    (tmp_path / "x.labels.json").write_text('{"document": "x.txt", "findings": [{"kind": "wrong-sum", "anchor": "a"}]}',
                                            encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(tmp_path), "--no-log"])
    assert isinstance(result.exception, LabelError) and "unknown kind 'wrong-sum'" in str(result.exception)


def _run(extractor: str, found: bool, alarm: bool) -> Run:
    label = Label(kind="growth-mismatch", anchor="增长 292.06%")
    findings = []
    if found:
        findings.append(Finding(kind="growth-mismatch", code="NC1", severity="error", message="m", quote="增长292.06%", line=3))
    if alarm:
        findings.append(Finding(kind="share-mismatch", code="NC2", severity="error", message="bad", quote="占 21.10%", line=4))
    match = match_case([label], findings, True)
    case = CaseResult(id="c1", document="c1.txt", complete=True, labels=[label], match=match)
    return Run(time="2026-01-01T00:00:00+00:00", extractor=extractor, cases=[case]).summarise()


def test_compare_two_logs(tmp_path):
    a = write_log(_run("offline", found=True, alarm=False), tmp_path)
    b = write_log(_run("llm", found=False, alarm=True), tmp_path)
    c = compare(read_log(a), read_log(b))
    assert [x.text for x in c.regressed] == ["增长 292.06%"] and not c.fixed
    assert [x.kind for x in c.new_false_alarms] == ["share-mismatch"]
    result = CliRunner().invoke(cli, ["eval", "--compare", str(a), str(b)])
    assert result.exit_code == 0, result.output
    assert "regressed (found by A, missed by B): 1" in result.output
    assert "new false alarms in B: 1" in result.output
    back = CliRunner().invoke(cli, ["eval", "--compare", str(b), str(a), "--format", "json"])
    assert [x["text"] for x in json.loads(back.output)["fixed"]] == ["增长 292.06%"]


def test_two_logs_in_one_second_do_not_overwrite(tmp_path):
    run = _run("offline", True, False)
    assert write_log(run, tmp_path) != write_log(run, tmp_path)


def test_mutate_command(tmp_path):
    out = tmp_path / "mut"
    args = ["eval", "mutate", str(SEEDS / "004_448286f3f8ceb880.txt"), "--out", str(out), "--seed", "4", "--count", "12"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "wrote 12 cases" in result.output
    assert len(list(out.glob("*.labels.json"))) == 12
    scored = CliRunner().invoke(cli, ["eval", str(out), "--no-log", "--no-baseline", "--brief"])
    assert scored.exit_code == 0 and "12 cases" in scored.output


def test_eval_help_mentions_mutate():
    result = CliRunner().invoke(cli, ["eval", "--help"])
    assert result.exit_code == 0 and "mutate" in result.output


def test_full_dataset_scoreboard_runs():
    """What CI gates on: the seeds and their mutations, offline beside the regex baseline."""
    root = SEEDS.parent
    result = CliRunner().invoke(cli, ["eval", str(root / "seeds"), str(root / "mutated"), "--no-log", "--brief",
                                      "--fail-under", "0.5"])
    assert result.exit_code == 0, result.output
    assert "offline" in result.output and "regex" in result.output
