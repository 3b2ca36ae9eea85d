"""Hybrid extraction: one claim per stated figure from the offline and LLM claim sets.

An LLM claim is matched to an offline claim when their quotes overlap (one contains
the other, whitespace-insensitive) and they name the same subject or share a figure.
Then:

* both agree on every figure they both state → the offline claim is kept, marked
  ``source="hybrid"``, and takes the figures only the LLM read (a growth rate the
  patterns missed, say);
* they disagree on a value → the **offline value is kept** (it is read by a fixed
  pattern from the exact text, while the LLM may attach a number written in the
  quote to the wrong field) and ``note`` records what the LLM read. The comparator
  judges the kept value against the tables either way;
* an LLM claim with no match adds a figure the offline extractor missed
  (``source="llm"``), unless all its figures are already stated by the offline
  claims of the same sentence (then it is a duplicate and dropped).

Offline claims with no LLM match stay as they are.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ..models import Claim
from .validate import squash

VALUE_FIELDS = ("amount", "change", "growth_pct", "prior_amount", "share_pct", "completion_pct", "budget_amount",
                "count")
"""Figures compared between the two extractors."""
FILLABLE = ("change", "direction", "growth_pct", "growth_direction", "prior_amount", "share_pct",
            "completion_pct", "budget_amount", "comparison", "count", "count_unit")
"""Fields an agreeing LLM claim may add to the offline claim (never year, subject or
share_of: the offline extractor infers those from the sentence as a whole)."""

_SUBJECT_NOISE = re.compile(r"[“”\"'‘’「」《》、，,。：:（）()\s]|支出|预算|经费|安排|年初|合计|总计")


def _subject(text: str) -> str:
    return squash(text)


def _similar_subject(a: str, b: str) -> bool:
    a, b = _subject(a), _subject(b)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    core_a, core_b = _SUBJECT_NOISE.sub("", a), _SUBJECT_NOISE.sub("", b)
    return bool(core_a) and core_a == core_b


def _overlap(a: Claim, b: Claim) -> bool:
    qa, qb = squash(a.quote), squash(b.quote)
    return bool(qa and qb) and (qa in qb or qb in qa)


def _values(claim: Claim) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for name in VALUE_FIELDS:
        value = getattr(claim, name)
        if value is not None:
            out[name] = Decimal(value)
    return out


def _compare(offline: Claim, llm: Claim) -> tuple[int, list[str]]:
    """(fields agreeing, fields disagreeing) between two claims' stated figures."""
    a, b = _values(offline), _values(llm)
    agree = sum(1 for k in a.keys() & b.keys() if a[k] == b[k])
    conflicts = [k for k in sorted(a.keys() & b.keys()) if a[k] != b[k]]
    for name in ("direction", "growth_direction", "comparison", "basis"):
        x, y = getattr(offline, name), getattr(llm, name)
        if x is not None and y is not None and x != y:
            conflicts.append(name)
    return agree, conflicts


def _match(llm: Claim, candidates: list[Claim]) -> tuple[Claim | None, list[str]]:
    best: tuple[tuple[bool, int], int, Claim, list[str]] | None = None
    for index, offline in enumerate(candidates):
        agree, conflicts = _compare(offline, llm)
        same_subject = _similar_subject(offline.subject, llm.subject)
        if not same_subject and agree == 0:
            continue
        if not same_subject and conflicts:  # a shared number, but about something else
            continue
        score = (same_subject, agree - len(conflicts))  # the subject decides, figures break ties
        if best is None or score > best[0]:
            best = (score, index, offline, conflicts)
    return (best[2], best[3]) if best else (None, [])


def _fmt(value: Any) -> str:
    return str(value) if value is not None else "—"


def merge_claims(offline: list[Claim], llm: list[Claim]) -> list[Claim]:
    """One claim per figure from both extractors (see the module docstring). Claims
    in ``llm`` that are not ``source="llm"`` are the offline fallback of a section
    the model failed on: they are already in ``offline`` and confirm nothing."""
    llm = [c for c in llm if c.source == "llm"]
    merged = [c.model_copy(deep=True) for c in offline]
    notes: dict[int, list[str]] = {}
    confirmed: set[int] = set()
    disputed: set[int] = set()
    added: list[Claim] = []
    for claim in llm:
        candidates = [c for c in merged if _overlap(c, claim)]
        match, conflicts = _match(claim, candidates)
        if match is not None:
            key = id(match)
            if conflicts:
                disputed.add(key)
                read = ", ".join(f"{name} {_fmt(getattr(claim, name))} (offline {_fmt(getattr(match, name))})"
                                 for name in conflicts)
                notes.setdefault(key, []).append(f"the LLM read {read}; kept the offline value")
                continue
            confirmed.add(key)
            filled = [name for name in FILLABLE if getattr(match, name) is None and getattr(claim, name) is not None]
            for name in filled:
                setattr(match, name, getattr(claim, name))
            if filled:
                notes.setdefault(key, []).append(f"{', '.join(filled)} from the LLM")
            continue
        covered = set().union(*(_values(c).values() for c in candidates)) if candidates else set()
        own = set(_values(claim).values())
        if own and own <= covered:
            continue  # every figure already stated by the offline claims of this sentence
        if any(_overlap(other, claim) and _values(other) == _values(claim) and
               _similar_subject(other.subject, claim.subject) for other in added):
            continue
        added.append(claim.model_copy(update={"source": "llm"}))
    for claim in merged:
        key = id(claim)
        if key in confirmed and key not in disputed:
            claim.source = "hybrid"
        if key in notes:
            text = "hybrid: " + "; ".join(dict.fromkeys(notes[key]))
            claim.note = f"{claim.note}; {text}" if claim.note else text
    result = merged + added
    result.sort(key=lambda c: c.line)
    return result
