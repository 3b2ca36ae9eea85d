"""Trust nothing the model says: the schema it fills and the checks its claims pass.

The LLM fills ``Claim`` (through ``LLMClaim``, which hides the fields only the
pipeline sets). Two checks run as pydantic validators with the section's text in
the validation context, so that instructor re-asks with the error text:

* the quote occurs in the source text, ignoring whitespace, ``*`` and width
  (NFKC: '，' = ',', '％' = '%');
* every number of the claim appears in its quote ('1,102.05' = '1102.05',
  '0' = '0.00'), so the model can misread a sentence but never invent a figure.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema

from ..models import Claim

_IGNORED = set("*\u200b\u200c\u200d\ufeff")
_NUMBER = re.compile(r"(?<![\d.])\d+(?:,\d{3})*(?:\.\d+)?")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_COUNT = re.compile(r"[零〇一二两三四五六七八九十]+(?=\s*[个辆人台套项次批家所名处位])")

NUMERIC_FIELDS = ("amount", "change", "growth_pct", "prior_amount", "share_pct", "completion_pct", "budget_amount",
                  "count", "year", "compared_year")
"""Every field of Claim that holds a number: each must be written in the quote."""
FIGURE_FIELDS = ("amount", "change", "growth_pct", "prior_amount", "share_pct", "completion_pct", "budget_amount",
                 "count", "comparison", "direction", "growth_direction")
"""A claim must state at least one of these to be worth checking."""

_DIRECTION_WORDS = {
    "increase": ("增加", "增长", "上升", "提高", "增", "up", "+"),
    "decrease": ("减少", "下降", "降低", "减", "down", "-"),
    "flat": ("持平", "保持一致", "无增减", "不变", "一致", "same", "none", "unchanged"),
}
_COMPARISON_WORDS = {"greater": ("大于", "超过", "多于", ">"), "less": ("小于", "少于", "低于", "<"),
                     "equal": ("等于", "持平", "=")}


# --------------------------------------------------------------------------- normalising
def normalize(text: str) -> tuple[str, list[int]]:
    """Drop whitespace and ``*``, fold width (NFKC); return the folded text and, for
    each of its characters, the offset of the source character it came from."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace() or ch in _IGNORED:
            continue
        for folded in unicodedata.normalize("NFKC", ch):
            if folded.isspace():
                continue
            out.append(folded)
            index.append(i)
    return "".join(out), index


def squash(text: str) -> str:
    return normalize(text)[0]


def locate(quote: str, text: str) -> int | None:
    """Offset in ``text`` where ``quote`` starts (whitespace-insensitive), or None."""
    needle = squash(quote)
    if not needle:
        return None
    folded, index = normalize(text)
    pos = folded.find(needle)
    return index[pos] if pos >= 0 else None


def _cn_int(word: str) -> int | None:
    if word == "十":
        return 10
    if "十" in word:
        tens, _, ones = word.partition("十")
        t = _CN_DIGITS.get(tens, 1) if tens else 1
        o = _CN_DIGITS.get(ones, 0) if ones else 0
        return t * 10 + o
    if len(word) == 1:
        return _CN_DIGITS.get(word)
    return None


def numbers_in(text: str) -> dict[Decimal, Decimal]:
    """Every number written in ``text`` (Arabic, thousands separators allowed; small
    Chinese counts like '三辆'), keyed by value, mapped to the number as written
    (so 21.1 from the model becomes the quote's 21.10 and keeps its precision)."""
    folded = squash(text)
    found: dict[Decimal, Decimal] = {}
    for m in _NUMBER.finditer(folded):
        value = Decimal(m.group().replace(",", ""))
        found.setdefault(value, value)
    for m in _CN_COUNT.finditer(folded):
        count = _cn_int(m.group())
        if count is not None:
            found.setdefault(Decimal(count), Decimal(count))
    return found


def to_decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)).copy_abs()
    except (InvalidOperation, ValueError):
        return None


# --------------------------------------------------------------------------- lenient inputs
def _clean_number(value: Any) -> Any:
    """Accept what models write: '1,102.05', '4.85%', ' 534.77万元'; '' or '--' → None."""
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        text = re.sub(r"(亿元|万元|元|%|个|辆|人|台|套|项|次|年)$", "", text).replace(",", "").strip()
        if text in ("", "-", "--", "—", "null", "None", "无"):
            return None
        return text
    return value


def _word_to_literal(value: Any, table: dict[str, tuple[str, ...]]) -> Any:
    if not isinstance(value, str):
        return value
    text = value.strip().lower()
    if text in table:
        return text
    if text in ("", "null", "none"):
        return None
    for literal, words in table.items():
        if any(word in text for word in words):
            return literal
    return value


# --------------------------------------------------------------------------- the schema
class LLMClaim(Claim):
    """A Claim as the model fills it: the pipeline sets ``line``, ``source``, ``note``."""

    # Also hidden from the model: the pipeline sets ``page``; the document's structure gives
    # ``item``, ``section`` and the ``reason`` that follows. (This docstring is part of the
    # schema the model sees, so the recorded cassette depends on it.)

    line: SkipJsonSchema[int] = 0
    page: SkipJsonSchema[int | None] = None
    source: SkipJsonSchema[Literal["offline", "llm", "hybrid"]] = "llm"
    note: SkipJsonSchema[str | None] = None
    item: SkipJsonSchema[str | None] = None
    section: SkipJsonSchema[str | None] = None
    reason: SkipJsonSchema[str | None] = None
    reason_line: SkipJsonSchema[int | None] = None

    @field_validator("amount", "change", "growth_pct", "prior_amount", "share_pct", "completion_pct",
                     "budget_amount", "count", "year", "compared_year", mode="before")
    @classmethod
    def _lenient_number(cls, value: Any) -> Any:
        return _clean_number(value)

    @field_validator("direction", "growth_direction", mode="before")
    @classmethod
    def _lenient_direction(cls, value: Any) -> Any:
        return _word_to_literal(value, _DIRECTION_WORDS)

    @field_validator("comparison", mode="before")
    @classmethod
    def _lenient_comparison(cls, value: Any) -> Any:
        return _word_to_literal(value, _COMPARISON_WORDS)

    @field_validator("basis", mode="before")
    @classmethod
    def _lenient_basis(cls, value: Any) -> Any:
        return _word_to_literal(value, {"budget": ("预算",), "final": ("决算",)})

    @field_validator("quote")
    @classmethod
    def _quote_in_source(cls, quote: str, info: ValidationInfo) -> str:
        source = (info.context or {}).get("source")
        quote = quote.strip()
        if not squash(quote):
            raise ValueError("the quote is empty; copy the sentence that states the figure")
        if source is not None and locate(quote, source) is None:
            raise ValueError(
                f"the quote {quote[:80]!r} does not occur in the text; copy one clause or sentence "
                "exactly as written (same characters, same order), do not paraphrase or join sentences"
            )
        return quote

    @model_validator(mode="after")
    def _names_in_source(self, info: ValidationInfo) -> "LLMClaim":
        """subject / share_of / parent are 'as written': they must occur in the text,
        and a share is never of itself (small models copy the subject there)."""
        source = (info.context or {}).get("source")
        if source is None:
            return self
        folded = squash(source)
        wrong = [f"{name}={getattr(self, name)!r}" for name in ("subject", "share_of", "parent")
                 if getattr(self, name) and squash(getattr(self, name)) not in folded]
        if wrong:
            raise ValueError(f"{', '.join(wrong)} not written in the text; name subjects exactly as the text does")
        if self.share_of and self.subject and squash(self.share_of) == squash(self.subject):
            raise ValueError(f"share_of={self.share_of!r} is the claim's own subject; share_of is the total "
                             "the share is of (named earlier in the sentence), or null")
        return self

    @model_validator(mode="after")
    def _numbers_in_quote(self) -> "LLMClaim":
        if all(getattr(self, name) is None for name in FIGURE_FIELDS):
            raise ValueError(f"the claim {self.quote[:60]!r} states no figure; leave out text without numbers")
        written = numbers_in(self.quote)
        missing = []
        for name in NUMERIC_FIELDS:
            value = getattr(self, name)
            if value is None:
                continue
            as_written = written.get(to_decimal(value))  # type: ignore[arg-type]
            if as_written is None:
                missing.append(f"{name}={value}")
            elif isinstance(value, Decimal):
                object.__setattr__(self, name, as_written)
        if missing:
            raise ValueError(
                f"{', '.join(missing)} not written in the quote {self.quote[:80]!r}; every number must be "
                "copied from the quote (leave a field null when the quote does not state it)"
            )
        return self

    def to_claim(self, line: int) -> Claim:
        data = self.model_dump(exclude={"line", "source", "note"})
        return Claim(**data, line=line, source="llm")


class SectionClaims(BaseModel):
    """Every numeric claim stated in one section of the document's prose."""

    claims: list[LLMClaim] = Field(default_factory=list)


def schema_json() -> str:
    """The response schema as sent, for the cache key (a schema change invalidates it)."""
    import json

    return json.dumps(SectionClaims.model_json_schema(), sort_keys=True, ensure_ascii=False)
