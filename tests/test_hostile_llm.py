"""A misbehaving model server, as a real local HTTP server: one that dribbles its
reply a byte at a time, one that sends 50 MB, one that echoes the request's
headers (the API key among them). Each run ends in bounded time, falls back to the
offline extractor with a warning, and the key appears in no output format."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import SEED_TAB
from openai_server import OpenAIServer

from narrative_check import Config, check
from narrative_check.cli import cli

KEY = "sk-test-9f8e7d6c5b4a39281706f5e4d3c2b1a0"


def _findings(report) -> list[tuple[int, str, str]]:
    return sorted((f.line, f.kind, f.message) for f in report.findings)


def _config(server: OpenAIServer, tmp_path: Path, **overrides) -> Config:
    values = dict(extractor="llm", model="test-model", base_url=server.base_url, api_key=KEY,
                  cache_dir=str(tmp_path / "cache"), timeout=2.0, transport_retries=1, concurrency=2)
    values.update(overrides)
    return Config(**values)


def test_a_dribbling_server_is_cut_at_the_deadline(tmp_path: Path) -> None:
    offline = check(SEED_TAB)
    with OpenAIServer(default={"dribble": 0.2}) as server:
        started = time.perf_counter()
        report = check(SEED_TAB, config=_config(server, tmp_path))
        elapsed = time.perf_counter() - started
    # 2 s per attempt, 2 attempts, both sections in flight stop together: far under
    # the minutes the reply would take (the server never finishes it)
    assert elapsed < 20
    [warning] = [w for w in report.warnings if "LLM" in w]
    assert warning.startswith("LLM unavailable (no reply within 2 s, 2 attempt(s)); used the offline extractor "
                              "for the whole document. Fix: raise --timeout")
    assert _findings(report) == _findings(offline)


def test_a_50_mb_reply_is_not_read_whole(tmp_path: Path) -> None:
    offline = check(SEED_TAB)
    with OpenAIServer(default={"huge": 50 * 2**20}) as server:
        started = time.perf_counter()
        report = check(SEED_TAB, config=_config(server, tmp_path, timeout=30.0))
        elapsed = time.perf_counter() - started
        sent = [len(json.dumps(body)) for body in server.requests]
    assert elapsed < 20
    assert report.summary.llm_failed_sections == report.summary.llm_sections > 0
    warnings = [w for w in report.warnings if "LLM" in w]
    assert len(warnings) == report.summary.llm_sections
    assert all("the reply was over 2 MB and was not read further; used the offline extractor there" in w
               for w in warnings)
    assert len(server.requests) == report.summary.llm_sections  # not retried, not re-asked with 50 MB
    assert max(sent) < 100_000
    assert _findings(report) == _findings(offline)


def test_reasks_never_send_a_runaway_answer_back(tmp_path: Path) -> None:
    """A 1 MB invalid answer (under the reply cap) is re-asked with at most a cut copy."""
    with OpenAIServer(default={"content": "{" + "x" * 2**20}) as server:
        report = check(SEED_TAB, config=_config(server, tmp_path, timeout=30.0, max_retries=1))
        sent = [len(json.dumps(body, ensure_ascii=False)) for body in server.requests]
    assert len(sent) == 2 * report.summary.llm_sections  # each section asked, then re-asked once
    assert max(sent) < 60_000
    assert report.summary.llm_failed_sections == report.summary.llm_sections


@pytest.mark.parametrize("echo", [400, 500, 0], ids=["400", "500", "200"])
def test_a_server_echoing_the_key_never_gets_it_into_a_report(tmp_path: Path, echo: int) -> None:
    cache = tmp_path / "cache"
    with OpenAIServer(default={"echo_headers": echo}) as server:
        outputs = []
        for command, fmt in [("check", "text"), ("check", "json"), ("check", "sarif"), ("check", "github"),
                             ("claims", "json")]:
            result = CliRunner().invoke(cli, [command, str(SEED_TAB), "--format", fmt, "--extractor", "llm",
                                              "--model", "test-model", "--base-url", server.base_url,
                                              "--api-key", KEY, "--timeout", "5"],
                                        env={"NARRATIVE_CHECK_CACHE_DIR": str(cache),
                                             "NARRATIVE_CHECK_TRANSPORT_RETRIES": "0"})
            assert result.exit_code in (0, 1), result.output
            outputs.append(result.output + (result.stderr if result.stderr_bytes else ""))
        assert any(KEY in str(h) for h in server.headers)  # the server did see the key, and echoed it
    data = json.loads(outputs[1])
    assert any("LLM" in w for w in data["warnings"])  # the failure is reported …
    for output in outputs:
        assert KEY not in output and KEY[8:] not in output  # … without the key
    for path in cache.rglob("*"):
        assert not path.is_file() or KEY not in path.read_text(encoding="utf-8", errors="replace")


def test_an_empty_answer_where_the_offline_extractor_reads_claims_is_warned(tmp_path: Path) -> None:
    """'{"claims": []}' for every section must not turn a real error into a clean run in silence."""
    offline = check(SEED_TAB)
    with OpenAIServer(default={"claims": []}) as server:
        report = check(SEED_TAB, config=_config(server, tmp_path))
        hybrid = check(SEED_TAB, config=_config(server, tmp_path, extractor="hybrid"))
    assert offline.errors and not report.errors  # the model alone lost the period-mismatch …
    empty = [w for w in report.warnings if w.startswith("the model found no claims in section")]
    assert len(empty) == report.summary.llm_empty_sections > 0  # … and says where
    period = offline.errors[0]
    assert any(f"line {period.line}" in w or f" {period.line}," in w or f" {period.line})" in w for w in empty)
    assert hybrid.summary.llm_empty_sections == 0 and _findings(hybrid) == _findings(offline)
