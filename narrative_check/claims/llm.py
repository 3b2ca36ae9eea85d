"""The LLM claim extractor: prose sections → validated claims, with the offline
extractor as the fallback wherever the model fails.

Only paragraphs that carry figures are sent (tables never are: they are parsed
deterministically and are the ground truth). Paragraphs are grouped by heading into
sections of bounded size; sections run concurrently (``config.concurrency``) and
each answer is cached on disk. A section with no valid answer falls back to the
offline claims on its lines, and the report says so; the run never dies on an LLM
error. Only a missing model is an error (ConfigError, exit 2).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import ConfigError
from ..models import Claim, Usage
from .cache import ResponseCache, cache_key
from .transport import redact
from .prose import Paragraph
from .validate import SectionClaims, normalize, schema_json, squash

PROMPT_NAME = "claims-v2"
"""The default prompt file (prompts/NAME.md); Config.prompt picks another."""
MAX_SECTION_CHARS = 1200
"""Upper bound of prose per request: keeps answers well under the output limit."""

_FIGURE = re.compile(
    r"\d[\d,]*(?:\.\d+)?\s*(?:万元|亿元|元|%|个|辆|人|台|套|项|次|批|家|平方米)|\d+\.\d+|[零一二两三四五六七八九十]+\s*(?:个|辆|台|套|项)"
)
_SENTENCE_END = re.compile(r"(?<=[。；;！!？?])")


# --------------------------------------------------------------------------- prompt
@dataclass(frozen=True)
class Prompt:
    version: str
    system: str
    user: str = "{text}"
    """The request text around a section's prose; '{text}' marks where it goes."""

    def user_message(self, text: str) -> str:
        return self.user.replace("{text}", text)


def _prompt_dirs() -> list[Path]:
    here = Path(__file__).resolve()
    return [here.parents[2] / "prompts", here.parents[1] / "prompts"]  # repo, then package data


@lru_cache(maxsize=None)
def load_prompt(name: str = PROMPT_NAME) -> Prompt:
    for folder in _prompt_dirs():
        path = folder / f"{name}.md"
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            match = re.search(r"prompt-version:\s*([\w.\-]+)", text)
            body = re.sub(r"^\s*<!--.*?-->\s*", "", text, flags=re.S)
            # The file holds the system prompt, then, after a '<!-- user-message … -->'
            # line, the text of each request around the section's prose.
            parts = re.split(r"^<!-- user-message.*?-->[ \t]*\n", body, maxsplit=1, flags=re.M)
            system, user = (parts[0], parts[1]) if len(parts) == 2 else (body, "{text}")
            return Prompt(version=match.group(1) if match else name, system=system.strip(), user=user.strip("\n"))
    raise ConfigError(f"prompt {name}.md not found in {', '.join(map(str, _prompt_dirs()))}: reinstall narrative-check")


def user_message(text: str) -> str:
    return load_prompt().user_message(text)


# --------------------------------------------------------------------------- sections
@dataclass
class Piece:
    para: Paragraph
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.para.text[self.start:self.end]


@dataclass
class Section:
    heading: str
    pieces: list[Piece] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.pieces)

    @property
    def first_line(self) -> int:
        return self.pieces[0].para.line_at(self.pieces[0].start)

    @property
    def last_line(self) -> int:
        last = self.pieces[-1]
        return last.para.line_at(max(last.end - 1, last.start))

    def size(self) -> int:
        return sum(p.end - p.start for p in self.pieces)

    def locate(self, quote: str) -> tuple[int, str] | None:
        """(line, exact source text) of ``quote``, found ignoring whitespace and width;
        a quote running over two paragraphs is anchored where it starts."""
        needle = squash(quote)
        text = self.text
        folded, index = normalize(text)
        pos = folded.find(needle) if needle else -1
        if pos < 0:
            return None
        start, end = index[pos], index[pos + len(needle) - 1] + 1
        offset = start
        for piece in self.pieces:
            if offset <= len(piece.text):
                line = piece.para.line_at(piece.start + min(offset, max(len(piece.text) - 1, 0)))
                return line, text[start:end].replace("\n", "")
            offset -= len(piece.text) + 1  # the joining newline
        return None


def carries_figures(text: str) -> bool:
    return bool(_FIGURE.search(unicodedata.normalize("NFKC", text)))


def _split(para: Paragraph, limit: int) -> list[Piece]:
    """A paragraph as pieces of at most ``limit`` characters, cut at sentence ends."""
    if len(para.text) <= limit:
        return [Piece(para, 0, len(para.text))]
    pieces: list[Piece] = []
    start = offset = 0
    for sentence in _SENTENCE_END.split(para.text):
        if offset + len(sentence) - start > limit and offset > start:
            pieces.append(Piece(para, start, offset))
            start = offset
        offset += len(sentence)
    pieces.append(Piece(para, start, len(para.text)))
    return pieces


def build_sections(paras: list[Paragraph], limit: int = MAX_SECTION_CHARS) -> list[Section]:
    """Figure-carrying paragraphs grouped by heading, each section under ``limit``."""
    sections: list[Section] = []
    current: Section | None = None
    for para in paras:
        if not carries_figures(para.text):
            continue
        for piece in _split(para, limit):
            if not carries_figures(piece.text):
                continue
            if current is None or current.heading != para.heading or current.size() + len(piece.text) > limit:
                current = Section(heading=para.heading)
                sections.append(current)
            current.pieces.append(piece)
    return sections


# --------------------------------------------------------------------------- extraction
@dataclass
class Outcome:
    section: Section
    claims: list[Claim] | None = None
    failure: Any = None
    cached: bool = False


def _claims_from(result: SectionClaims, section: Section) -> list[Claim]:
    claims: list[Claim] = []
    seen: set[str] = set()
    for item in result.claims:
        found = section.locate(item.quote)
        if found is None:  # validated against the same text: cannot happen
            continue
        line, exact = found
        claim = item.to_claim(line)
        claim.quote = exact
        key = claim.model_dump_json(exclude={"subject", "share_of", "parent", "unit", "count_unit"})
        if key not in seen:
            seen.add(key)
            claims.append(claim)
    return claims


def _fallback_for(section: Section, fallback: list[Claim]) -> list[Claim]:
    return [c for c in fallback if section.first_line <= c.line <= section.last_line]


def _describe(section: Section) -> str:
    heading = section.heading or "(no heading)"
    if len(heading) > 24:
        heading = heading[:23] + "…"
    lines = f"line {section.first_line}" if section.first_line == section.last_line else \
        f"lines {section.first_line}–{section.last_line}"
    return f"section '{heading}' ({lines})"


def extract_llm(
    paras: list[Paragraph], context: Any, config: Config, fallback: list[Claim]
) -> tuple[list[Claim], Usage, dict[str, Any]]:
    """Claims from the model for every figure-carrying section; offline claims
    (``fallback``) where the model gave no valid answer. Returns (claims, usage,
    notes) with notes 'prompt_version', 'warnings', 'mode', 'sections'."""
    if not config.model:
        raise ConfigError(
            "the llm and hybrid extractors need a model: pass --model NAME or set NARRATIVE_CHECK_MODEL "
            "(with --base-url / OPENAI_BASE_URL for a local server), or use --extractor offline"
        )
    from .llm_client import LLMClient, SectionFailed  # openai / instructor load only here

    prompt = load_prompt(config.prompt or PROMPT_NAME)
    sections = build_sections(paras)
    notes: dict[str, Any] = {"prompt_version": prompt.version, "warnings": [], "sections": len(sections)}
    if not sections:
        return [], Usage(), notes
    cache = ResponseCache(config.cache_dir, enabled=not config.no_cache)
    schema = schema_json()
    system = {"role": "system", "content": prompt.system}
    lock = threading.Lock()
    made: dict[str, Any] = {}

    def get_client() -> LLMClient:
        """Made on the first cache miss, so a fully cached re-run needs no key or server."""
        with lock:
            if "client" not in made:
                try:
                    made["client"] = LLMClient(config)
                except SectionFailed as exc:
                    made["error"] = exc
                    made["client"] = None
            if made["client"] is None:
                raise made["error"]
            return made["client"]

    endpoint = config.base_url or "https://api.openai.com/v1"

    def run(section: Section) -> Outcome:
        text = section.text
        key = cache_key(config.model or "", prompt.version, schema, text, endpoint=endpoint, mode=config.mode or "auto")
        hit = cache.get(key)
        if hit is not None and "claims" in hit:
            try:
                result = SectionClaims.model_validate(hit, context={"source": text})
                return Outcome(section, claims=_claims_from(result, section), cached=True)
            except ValueError:
                pass  # a stale or tampered entry: ask again
        try:
            answer = get_client().extract([system, {"role": "user", "content": prompt.user_message(text)}], source=text)
        except SectionFailed as exc:
            # never cached: a failure may be the server's (a proxy, a load spike) and
            # the next run, or another server, may answer
            return Outcome(section, failure=exc)
        cache.put(key, answer.result.model_dump(mode="json", exclude={"claims": {"__all__": {"line", "source", "note"}}}))
        return Outcome(section, claims=_claims_from(answer.result, section))

    workers = max(1, min(config.concurrency, len(sections)))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="narrative-check-llm") as pool:
        outcomes = list(pool.map(run, sections))

    claims: list[Claim] = []
    fell_back: set[int] = set()
    fatal = [o for o in outcomes if o.failure is not None and o.failure.fatal]
    first_fatal = next((o.failure for o in fatal if o.failure.fix), None)
    empty = 0
    llm_alone = config.resolved_extractor() == "llm"
    for outcome in outcomes:
        if outcome.claims is not None:
            claims.extend(outcome.claims)
            missed = _fallback_for(outcome.section, fallback) if not outcome.claims and llm_alone else []
            if missed:
                # An empty answer where the offline extractor reads claims may drop a
                # real error in silence: say so (the hybrid extractor keeps them).
                empty += 1
                lines = sorted({c.line for c in missed})
                shown = ", ".join(map(str, lines[:8])) + (" …" if len(lines) > 8 else "")
                notes["warnings"].append(
                    f"the model found no claims in {_describe(outcome.section)}, where the offline extractor reads "
                    f"{len(missed)} (line{'s' if len(lines) > 1 else ''} {shown})")
            continue
        for claim in _fallback_for(outcome.section, fallback):
            if id(claim) not in fell_back:
                fell_back.add(id(claim))
                claims.append(claim)
        if not outcome.failure.fatal:
            notes["warnings"].append(f"LLM failed on {_describe(outcome.section)}: {outcome.failure.reason}; "
                                     "used the offline extractor there")
    if fatal:
        reason = first_fatal or fatal[0].failure
        scope = "the whole document" if len(fatal) == len(outcomes) else f"{len(fatal)} of {len(outcomes)} sections"
        fix = f". Fix: {reason.fix}" if getattr(reason, "fix", "") else ""
        notes["warnings"].append(f"LLM unavailable ({reason.reason}); used the offline extractor for {scope}{fix}")
        if len(fatal) == len(outcomes):  # nothing came from the model: keep every offline claim
            claims = list(fallback)
    client = made.get("client")
    usage = client.usage.model_copy() if client else Usage()
    usage.cached = sum(o.cached for o in outcomes)
    if client:
        notes["mode"] = client.mode
    notes["failed_sections"] = sum(o.claims is None for o in outcomes)
    notes["empty_sections"] = empty
    secret = getattr(client, "key", None) or config.api_key
    notes["warnings"] = [redact(w, secret) for w in notes["warnings"]]
    claims.sort(key=lambda c: c.line)
    return claims, usage, notes
