"""Replay of real answers recorded from a local model (Qwen2.5-Coder 0.5B instruct,
GGUF Q4_K_M, llama-cpp-python server) on the two seed documents: the full LLM path —
mode step-down, tool calls, re-asks with the model's real mistakes, fallback —
runs against what a real small model said. Re-record after a prompt change:
``python benchmarks/bench_llm.py --base-url … --model … --record tests/cassettes/….json``.

The requests are keyed by their messages, so the replay runs with the prompt the
cassette was recorded with (its ``prompt_version``, claims-v1), not the default.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from narrative_check.claims.validate import locate
from narrative_check.config import Config
from narrative_check.pipeline import check
from openai_server import OpenAIServer, load_cassette, replay

ROOT = Path(__file__).resolve().parents[1]
CASSETTE = ROOT / "tests" / "cassettes" / "seeds-qwen2.5-coder-0.5b.json"
SEEDS = sorted((ROOT / "eval" / "datasets" / "seeds").glob("*.txt"))

pytestmark = pytest.mark.skipif(not CASSETTE.is_file(), reason="no recorded cassette")


def _replay_one(seed: Path, server: OpenAIServer, prompt: str, cache: Path):
    config = Config(extractor="llm", model="qwen2.5-coder-0.5b", base_url=server.base_url,
                    cache_dir=str(cache), concurrency=1, timeout=30, prompt=prompt)
    report = check(seed, config=config)
    assert report.summary.prompt_version == prompt
    assert not [w for w in report.warnings if "not in the cassette" in w or "unavailable" in w]
    llm_claims = [r.claim for r in report.claims if r.claim.source == "llm"]
    assert llm_claims, "the model's valid answers are used"
    text = seed.read_text(encoding="utf-8")
    assert all(locate(claim.quote, text) is not None for claim in llm_claims)
    again = check(seed, config=config.model_copy(update={"extractor": "hybrid"}))
    # valid answers come from the cache; sections that failed are asked again (never cached)
    assert again.summary.usage.cached == report.summary.llm_sections - report.summary.llm_failed_sections > 0
    return report


def test_seed_000_replays_request_for_request(tmp_path: Path) -> None:
    """Seed 000's sections are as they were when the cassette was recorded."""
    prompt = json.loads(CASSETTE.read_text(encoding="utf-8"))["prompt_version"]
    with OpenAIServer(replay(load_cassette(CASSETTE))) as server:
        report = _replay_one(SEEDS[0], server, prompt, tmp_path)
    assert report.summary.usage.requests > 0 and report.summary.llm_sections > 0


def test_recorded_local_model_answers_replay_end_to_end(tmp_path: Path) -> None:
    interactions = load_cassette(CASSETTE)
    prompt = json.loads(CASSETTE.read_text(encoding="utf-8"))["prompt_version"]
    recorded_tokens = sum(i["response"]["usage"]["prompt_tokens"] for i in interactions if "response" in i)
    requests = prompt_tokens = 0
    with OpenAIServer(replay(interactions)) as server:
        for seed in SEEDS:
            config = Config(extractor="llm", model="qwen2.5-coder-0.5b", base_url=server.base_url,
                            cache_dir=str(tmp_path / "cache"), concurrency=1, timeout=30, prompt=prompt)
            report = check(seed, config=config)
            usage = report.summary.usage
            requests += usage.requests
            prompt_tokens += usage.prompt_tokens
            assert report.summary.prompt_version == prompt
            failed_warnings = [w for w in report.warnings if w.startswith("LLM failed on section")]
            assert 0 < report.summary.llm_sections and report.summary.llm_failed_sections == len(failed_warnings)
            assert not [w for w in report.warnings if "not in the cassette" in w or "unavailable" in w]
            text = seed.read_text(encoding="utf-8")
            llm_claims = [r.claim for r in report.claims if r.claim.source == "llm"]
            assert llm_claims, "the model's valid answers are used"
            for claim in llm_claims:  # every quote the model gave is in the document
                assert locate(claim.quote, text) is not None
            again = check(seed, config=config.model_copy(update={"extractor": "hybrid"}))
            # valid answers come from the cache; sections that failed are asked again (never cached)
            assert again.summary.usage.cached == report.summary.llm_sections - report.summary.llm_failed_sections > 0
            assert (again.summary.usage.requests == 0) == (report.summary.llm_failed_sections == 0)
    assert requests == len(interactions)  # the same conversation, request for request
    assert prompt_tokens == recorded_tokens
