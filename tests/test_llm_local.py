"""Opt-in: the whole LLM path against a real local OpenAI-compatible server.

    python -m llama_cpp.server --model qwen2.5-coder-0.5b-instruct.gguf --port 8765 --n_ctx 8192 &
    NARRATIVE_CHECK_LOCAL_BASE_URL=http://127.0.0.1:8765/v1 pytest -m llm_local

NARRATIVE_CHECK_LOCAL_MODEL names the model (default: the server's first model).
Skipped unless the base URL is set; CI never runs it.
"""

from __future__ import annotations

import json
import os
import urllib.request
from pathlib import Path

import pytest

from narrative_check.claims.llm import load_prompt
from narrative_check.claims.validate import locate
from narrative_check.config import Config
from narrative_check.pipeline import check

BASE_URL = os.environ.get("NARRATIVE_CHECK_LOCAL_BASE_URL")
SEED = Path(__file__).resolve().parents[1] / "eval" / "datasets" / "seeds" / "000_02797f1f3cd467d2.txt"

pytestmark = [
    pytest.mark.llm_local,
    pytest.mark.skipif(not BASE_URL, reason="set NARRATIVE_CHECK_LOCAL_BASE_URL to a local OpenAI-compatible server"),
]


def _model() -> str:
    if os.environ.get("NARRATIVE_CHECK_LOCAL_MODEL"):
        return os.environ["NARRATIVE_CHECK_LOCAL_MODEL"]
    with urllib.request.urlopen(BASE_URL.rstrip("/") + "/models", timeout=10) as response:
        return json.loads(response.read())["data"][0]["id"]


def test_local_model_end_to_end(tmp_path: Path) -> None:
    config = Config(extractor="hybrid", model=_model(), base_url=BASE_URL, cache_dir=str(tmp_path),
                    timeout=float(os.environ.get("NARRATIVE_CHECK_TIMEOUT", "900")), concurrency=1)
    report = check(SEED, config=config)
    usage = report.summary.usage
    assert usage.requests > 0 and usage.prompt_tokens > 0
    assert report.summary.prompt_version == load_prompt().version
    assert not [w for w in report.warnings if "LLM unavailable" in w]
    text = SEED.read_text(encoding="utf-8")
    assert all(locate(r.claim.quote, text) is not None for r in report.claims)
    # the seed's one real error (a 2025 date in a 2024 document) is still found
    assert any(f.kind == "period-mismatch" for f in report.findings)
    rerun = check(SEED, config=config)
    assert rerun.summary.usage.requests == 0
