"""Requests, tokens and seconds per seed document for the LLM extractor, a cached
re-run (which must make no request), and extraction recall beside the offline
extractor.

    # replay the recorded local-model answers (no model needed; what CI can run)
    python benchmarks/bench_llm.py
    # a live OpenAI-compatible server (llama.cpp, Ollama, vLLM, a hosted API)
    python benchmarks/bench_llm.py --base-url http://127.0.0.1:8765/v1 --model qwen2.5-coder-0.5b
    # the same, recording the answers into a cassette for the replay tests
    python benchmarks/bench_llm.py --base-url … --model … --record tests/cassettes/seeds-….json

Columns: llm-own = figures found by claims the model gave (validated); llm+fb = the
``--extractor llm`` output, which falls back to offline claims in failed sections;
failed = sections with no valid answer after re-asks. The seconds column says where
they come from: 'replay' is the time to serve recorded answers (no model ran: it says
nothing about a model's speed), 'live' is the model's own time, 'fake' a scripted stub.
A replay runs with the prompt the cassette was recorded with (its prompt_version).

Recall: every figure written in the prose (an amount, rate, share or count with its
unit; years excluded) is a target; an extractor finds it when one of its claims in
the same paragraph states that value. Both extractors are scored on the same
targets, so the numbers compare even though the targets include a few figures no
one checks (thresholds like '50万元以上').
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from narrative_check.claims.llm import build_sections  # noqa: E402
from narrative_check.claims.prose import Paragraph, paragraphs  # noqa: E402
from narrative_check.config import Config  # noqa: E402
from narrative_check.ingest import load_document  # noqa: E402
from narrative_check.models import Claim, Report  # noqa: E402
from narrative_check.pipeline import check  # noqa: E402
from narrative_check.tables import extract_tables  # noqa: E402
from openai_server import OpenAIServer, fake_model, load_cassette, record, replay, save_cassette  # noqa: E402

SEEDS = sorted((ROOT / "eval" / "datasets" / "seeds").glob("*.txt"))
CASSETTE = ROOT / "tests" / "cassettes" / "seeds-qwen2.5-coder-0.5b.json"
_TARGET = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(?:万元|亿元|元|%|个|辆|台|套|项|平方米)")
FIELDS = ("amount", "change", "growth_pct", "prior_amount", "share_pct", "completion_pct", "count")


def targets(paras: list[Paragraph]) -> dict[int, Counter]:
    """Figures written in each paragraph, keyed by the paragraph's first line."""
    out: dict[int, Counter] = {}
    for para in paras:
        values = Counter(Decimal(m.group(1).replace(",", ""))
                         for m in _TARGET.finditer(unicodedata.normalize("NFKC", para.text)))
        if values:
            out[para.line] = values
    return out


def found(claims: list[Claim], paras: list[Paragraph], goal: dict[int, Counter]) -> int:
    stated: dict[int, Counter] = {}
    for claim in claims:
        para = next((p for p in paras if p.line_nos and p.line_nos[0] <= claim.line <= p.line_nos[-1]), None)
        if para is None:
            continue
        bucket = stated.setdefault(para.line, Counter())
        for name in FIELDS:
            value = getattr(claim, name)
            if value is not None:
                bucket[Decimal(value)] += 1
    return sum(sum((goal[line] & stated.get(line, Counter())).values()) for line in goal)


def run(path: Path, cfg: Config) -> tuple[Report, float]:
    started = time.perf_counter()
    report = check(path, config=cfg)
    return report, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", help="a live OpenAI-compatible server (default: replay the cassette)")
    parser.add_argument("--model", default="qwen2.5-coder-0.5b")
    parser.add_argument("--api-key")
    parser.add_argument("--mode", choices=["tools", "json_schema", "md_json"])
    parser.add_argument("--record", type=Path, help="save the live answers as a cassette")
    parser.add_argument("--cassette", type=Path, default=CASSETTE)
    parser.add_argument("--fake", action="store_true", help="answer with the scripted fake model")
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--prompt", help="prompt file in prompts/ (default: the current one; a replay: the cassette's)")
    parser.add_argument("--json", action="store_true", help="print one JSON object per document")
    parser.add_argument("seeds", nargs="*", type=Path, default=SEEDS)
    args = parser.parse_args()

    recorded: list[dict] = []
    status = 0
    prompt = args.prompt
    if args.base_url and args.record:
        server = OpenAIServer(record(args.base_url, recorded)).start()
        base_url, source, timing = server.base_url, f"live {args.base_url} (recording)", "live"
    elif args.base_url:
        server, base_url, source, timing = None, args.base_url, f"live {args.base_url}", "live"
    elif args.fake or not args.cassette.is_file():
        server = OpenAIServer(fake_model).start()
        base_url, source, timing = server.base_url, "scripted fake model", "fake"
    else:
        server = OpenAIServer(replay(load_cassette(args.cassette))).start()
        base_url, source, timing = server.base_url, f"replay of {args.cassette.relative_to(ROOT)}", "replay"
        prompt = prompt or json.loads(args.cassette.read_text(encoding="utf-8")).get("prompt_version")

    print(f"# LLM extractor benchmark — {source}, model {args.model}, prompt {prompt or 'default'}")
    if timing == "replay":
        print("# seconds are REPLAYED: recorded answers served locally, no model ran "
              "(the live seconds of the recording are in the README)")
    header = f"{'document':<26}{'run':<8}{'sections':>9}{'requests':>9}{'prompt':>8}{'compl.':>8}{'cached':>7}" \
             f"{'s (' + timing + ')':>13}{'llm-own':>14}{'llm+fb':>14}{'offline':>14}{'hybrid':>14}  failed"
    print(header, flush=True)
    try:
        with tempfile.TemporaryDirectory() as cache:
            for path in args.seeds:
                doc = load_document(path)
                paras = paragraphs(doc, extract_tables(doc))
                goal = targets(paras)
                total = sum(sum(c.values()) for c in goal.values())
                offline_report = check(path, config=Config(extractor="offline"))
                offline_found = found([r.claim for r in offline_report.claims], paras, goal)
                cfg = Config(extractor="llm", model=args.model, base_url=base_url, api_key=args.api_key,
                             mode=args.mode, cache_dir=cache, timeout=900, concurrency=args.concurrency,
                             prompt=prompt)
                for label in ("first", "cached"):
                    report, seconds = run(path, cfg)
                    hybrid, _ = run(path, cfg.model_copy(update={"extractor": "hybrid"}))
                    usage = report.summary.usage
                    llm_found = found([r.claim for r in report.claims], paras, goal)
                    own_found = found([r.claim for r in report.claims if r.claim.source == "llm"], paras, goal)
                    hybrid_found = found([r.claim for r in hybrid.claims], paras, goal)
                    warnings = [w for w in report.warnings if "LLM" in w]
                    row = dict(document=path.name, run=label, sections=len(build_sections(paras)),
                               requests=usage.requests, prompt_tokens=usage.prompt_tokens,
                               completion_tokens=usage.completion_tokens, cached=usage.cached,
                               seconds=round(seconds, 2), timing=timing, targets=total, llm_found=llm_found, llm_own_found=own_found,
                               offline_found=offline_found, hybrid_found=hybrid_found,
                               sections_failed=len(warnings), prompt_version=report.summary.prompt_version,
                               errors_llm=report.summary.errors, errors_offline=offline_report.summary.errors,
                               errors_hybrid=hybrid.summary.errors)
                    if args.json:
                        print(json.dumps(row, ensure_ascii=False))
                        continue

                    def pct(n: int) -> str:
                        return f"{n}/{total} {100 * n / max(total, 1):.0f}%"

                    print(f"{path.name[:25]:<26}{label:<8}{row['sections']:>9}{usage.requests:>9}"
                          f"{usage.prompt_tokens:>8}{usage.completion_tokens:>8}{usage.cached:>7}{seconds:>13.1f}"
                          f"{pct(own_found):>14}{pct(llm_found):>14}{pct(offline_found):>14}{pct(hybrid_found):>14}"
                          f"  {len(warnings)}/{row['sections']}", flush=True)
                    if label == "cached" and usage.requests:
                        print("!! the cached re-run made requests", file=sys.stderr)
                        status = 1
    finally:
        if server is not None:
            server.stop()
    if args.record:
        from narrative_check.claims.llm import PROMPT_NAME, load_prompt

        save_cassette(args.record, recorded, model=args.model, recorded_from="llama-cpp-python server",
                      prompt_version=load_prompt(prompt or PROMPT_NAME).version)
        print(f"recorded {len(recorded)} interactions into {args.record}")
    return status


if __name__ == "__main__":
    sys.exit(main())
