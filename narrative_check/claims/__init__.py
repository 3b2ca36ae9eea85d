"""Document → claims. The offline extractor is the default; the LLM extractor (and the
hybrid of both) plug in here when a model is configured."""

from __future__ import annotations

from typing import Any

from ..config import Config
from ..models import Claim, Usage
from ..tables.context import DocContext
from .prose import Paragraph, Sentence, paragraphs, sentences
from .rules import extract_offline, extract_regex_baseline


def extract_claims(
    paras: list[Paragraph], context: DocContext, config: Config
) -> tuple[list[Claim], Usage, dict[str, Any]]:
    """Return (claims, LLM usage, notes). Notes carry 'warnings' and 'prompt_version'.
    ``paras`` are the document's prose paragraphs (claims.prose.paragraphs)."""
    sents = sentences(paras)
    extractor = config.resolved_extractor()
    if extractor == "regex":
        return extract_regex_baseline(sents, context), Usage(), {}
    offline = extract_offline(sents, context)
    if extractor == "offline":
        return offline, Usage(), {}
    from .llm import extract_llm  # imported lazily: offline runs never load openai
    from .merge import merge_claims

    llm_claims, usage, notes = extract_llm(paras, context, config, fallback=offline)
    if extractor == "llm":
        return llm_claims, usage, notes
    return merge_claims(offline, llm_claims), usage, notes


__all__ = ["extract_claims", "Paragraph", "Sentence", "paragraphs", "sentences"]
