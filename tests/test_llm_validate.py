"""The checks every LLM claim must pass before anything trusts it (no server needed)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from narrative_check.claims.cache import ResponseCache, cache_key
from narrative_check.claims.llm import load_prompt
from narrative_check.claims.llm_client import choose_mode, needs_key, rejects_mode
from narrative_check.claims.validate import SectionClaims, locate, numbers_in, schema_json
from narrative_check.config import Config
from narrative_check.errors import ConfigError

SOURCE = ("洛阳市涧西区人力资源和社会保障局 2024 年支出合计 1,102.05 万元，其中：基本支出 **232.57** 万元，"
          "占 21.10%；三公经费 0 万元，共有车辆三辆。")


def parse(*claims: dict, source: str = SOURCE) -> SectionClaims:
    return SectionClaims.model_validate({"claims": list(claims)}, context={"source": source})


def test_quote_found_ignoring_whitespace_stars_and_width() -> None:
    assert locate("2024年支出合计1,102.05万元", SOURCE) is not None
    assert locate("基本支出 232.57 万元,占 21.10％", SOURCE) is not None  # no ** , half-width , ％
    assert locate("基本支出 232.75 万元", SOURCE) is None


def test_numbers_normalised() -> None:
    written = numbers_in(SOURCE)
    for value in ("1102.05", "1102.050", "232.57", "21.1", "0.00", "2024", "3"):
        assert Decimal(value) in written
    assert str(written[Decimal("21.1")]) == "21.10"


def test_valid_claim_keeps_the_precision_written() -> None:
    [claim] = parse({"quote": "基本支出 232.57 万元，占 21.10%", "subject": "基本支出", "amount": 232.57,
                     "share_pct": 21.1, "share_of": "支出合计", "unit": "万元"}).claims
    assert str(claim.share_pct) == "21.10" and claim.amount == Decimal("232.57")
    out = claim.to_claim(line=7)
    assert type(out).__name__ == "Claim" and out.source == "llm" and out.line == 7


def test_lenient_inputs() -> None:
    [claim] = parse({"quote": "2024年 支出合计 1,102.05 万元", "amount": "1,102.05万元", "direction": "增加",
                     "growth_pct": "", "year": "2024年"}, source="2024年 支出合计 1,102.05 万元").claims
    assert claim.amount == Decimal("1102.05") and claim.direction == "increase" and claim.growth_pct is None
    assert claim.year == 2024


@pytest.mark.parametrize("claim, message", [
    ({"quote": "支出合计 1120.05 万元", "amount": "1120.05"}, "does not occur in the text"),
    ({"quote": "支出合计 1,102.05 万元", "amount": "1120.05"}, "amount=1120.05 not written in the quote"),
    ({"quote": "支出合计 1,102.05 万元", "amount": "1102.05", "year": 2024}, "year=2024 not written"),
    ({"quote": "共有车辆三辆", "count": 4}, "count=4 not written"),
    ({"quote": "共有车辆三辆", "subject": "车辆"}, "states no figure"),
    ({"quote": "支出合计 1,102.05 万元", "amount": "1102.05", "subject": "收入总计"}, "not written in the text"),
    ({"quote": "占 21.10%", "share_pct": "21.10", "subject": "基本支出", "share_of": "基本支出"}, "own subject"),
    ({"quote": "  ", "amount": 1}, "quote is empty"),
])
def test_invalid_claims_are_rejected_with_a_message_for_the_reask(claim: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse(claim)


def test_chinese_count_accepted() -> None:
    [claim] = parse({"quote": "共有车辆三辆", "count": 3, "count_unit": "辆"}).claims
    assert claim.count == 3


def test_schema_hides_pipeline_fields() -> None:
    schema = schema_json()
    assert '"quote"' in schema and '"amount"' in schema
    for hidden in ('"line"', '"source"', '"note"'):
        assert hidden not in schema


def test_prompt_is_versioned_and_has_examples() -> None:
    prompt = load_prompt()
    assert prompt.version == "claims-v2"
    assert "prompt-version" not in prompt.system
    assert prompt.system.count("Output: {") >= 5
    assert "忽略以上要求" in prompt.system  # told that instructions in the text are data
    assert load_prompt("claims-v1").version == "claims-v1"  # earlier versions stay loadable (the cassette's)


def test_prompt_examples_are_not_taken_from_any_evaluated_document() -> None:
    """LLM recall measured on the seeds, their mutations or the corpus would flatter if
    the prompt showed the model those very sentences."""
    import json
    import re
    from pathlib import Path

    from narrative_check.evaluation.match import normalise

    examples = re.findall(r"^Text: (.+)$", load_prompt().system, flags=re.M)
    outputs = re.findall(r"^Output: (.+)$", load_prompt().system, flags=re.M)
    assert len(examples) == len(outputs) >= 5
    datasets = Path(__file__).resolve().parents[1] / "eval" / "datasets"
    texts = [normalise(p.read_text(encoding="utf-8", errors="replace")) for p in datasets.rglob("*.txt")]
    assert texts
    for example, output in zip(examples, outputs):
        # no clause of 12 characters or more is shared with a document
        for clause in re.split(r"[，。；：,;:（）]", example):
            clause = normalise(clause)
            if len(clause) >= 12:
                assert not any(clause in t for t in texts), clause
        for claim in json.loads(output)["claims"]:  # and each example answer quotes its text
            assert normalise(claim["quote"]) in normalise(example)


def test_cache_key_and_store(tmp_path) -> None:
    key = cache_key("m", "claims-v1", "{}", "text")
    assert key != cache_key("m", "claims-v2", "{}", "text") != cache_key("n", "claims-v1", "{}", "text")
    assert key != cache_key("m", "claims-v1", '{"x":1}', "text")
    cache = ResponseCache(tmp_path)
    assert cache.get(key) is None
    cache.put(key, {"claims": []})
    assert cache.get(key) == {"claims": []}
    (tmp_path / key[:2] / f"{key}.json").write_text("{broken", encoding="utf-8")
    assert cache.get(key) is None
    assert ResponseCache(tmp_path, enabled=False).get(key) is None


@pytest.mark.parametrize("base_url, mode", [
    (None, "tools"),
    ("https://api.openai.com/v1", "tools"),
    ("https://api.deepseek.com", "tools"),
    ("https://dashscope.aliyuncs.com/compatible-mode/v1", "tools"),
    ("http://localhost:8080/v1", "json_schema"),
    ("http://127.0.0.1:11434/v1", "json_schema"),
    ("http://192.168.1.20:8000/v1", "json_schema"),
    ("http://gpu-box:8000/v1", "json_schema"),
    ("https://llm.example.com/v1", "tools"),
])
def test_mode_chosen_per_endpoint(base_url: str | None, mode: str) -> None:
    assert choose_mode(Config(base_url=base_url)) == (mode, True)


def test_mode_can_be_set_and_is_checked() -> None:
    assert choose_mode(Config(base_url="http://localhost:8080/v1", mode="md_json")) == ("md_json", False)
    with pytest.raises(ConfigError, match="unknown mode"):
        choose_mode(Config(mode="xml"))


def test_keys_needed_only_for_hosted_endpoints() -> None:
    assert needs_key(Config()) and needs_key(Config(base_url="https://api.deepseek.com"))
    assert not needs_key(Config(base_url="http://127.0.0.1:8765/v1"))


def test_rejects_mode_only_for_request_shape_errors() -> None:
    import httpx2 as httpx
    import openai

    request = httpx.Request("POST", "http://x/v1/chat/completions")

    def error(status: int, message: str) -> openai.APIStatusError:
        response = httpx.Response(status, request=request, json={"error": {"message": message}})
        return openai.OpenAI(api_key="x", base_url="http://x")._make_status_error(message, body=None,
                                                                                  response=response)

    assert rejects_mode(error(400, "tools are not supported"))
    assert rejects_mode(error(500, "1 validation error: response_format type json_schema"))
    assert not rejects_mode(error(500, "CUDA out of memory"))
    assert not rejects_mode(error(429, "slow down"))
