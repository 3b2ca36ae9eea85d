"""Metrics: tiny pure functions over matched cases.

Precision is measured on complete cases only (an incomplete case has no false alarms
by definition, so its hits would flatter precision); recall on every case. A ratio
with an empty denominator is None ("n/a"), never a made-up 0 or 1.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pydantic import BaseModel

from .cases import ERROR_KINDS
from .match import CaseMatch


def ratio(num: int, den: int) -> float | None:
    return None if den == 0 else num / den


def f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


class Scores(BaseModel):
    tp: int = 0
    """Labels found (all cases)."""
    tp_complete: int = 0
    """Labels found in complete cases: the numerator of precision."""
    fp: int = 0
    """False alarms (complete cases only)."""
    fn: int = 0
    """Labels missed."""
    duplicates: int = 0
    """Double reports of an already-found label (not in precision)."""
    precision: float | None = None
    recall: float | None = None
    f1: float | None = None

    def finish(self) -> "Scores":
        self.precision = ratio(self.tp_complete, self.tp_complete + self.fp)
        self.recall = ratio(self.tp, self.tp + self.fn)
        self.f1 = f1(self.precision, self.recall)
        return self


def _add(scores: Scores, match: CaseMatch, kind: str | None) -> None:
    def keep(k: str) -> bool:
        return kind is None or k == kind

    hits = sum(keep(h.label.kind) for h in match.hits)
    scores.tp += hits
    if match.complete:
        scores.tp_complete += hits
    scores.fn += sum(keep(m.label.kind) for m in match.misses)
    scores.fp += sum(keep(f.kind) for f in match.false_alarms)
    scores.duplicates += sum(keep(f.kind) for f in match.duplicates)


def overall(matches: Iterable[CaseMatch]) -> Scores:
    scores = Scores()
    for match in matches:
        _add(scores, match, None)
    return scores.finish()


def per_kind(matches: Sequence[CaseMatch], kinds: Sequence[str] = ERROR_KINDS) -> dict[str, Scores]:
    """Scores for each kind: hits and misses by the label's kind, false alarms by the
    finding's kind. Kinds outside ``kinds`` that were reported still get a row."""
    seen = list(kinds)
    for match in matches:
        for ref in [*match.false_alarms, *match.duplicates]:
            if ref.kind not in seen:
                seen.append(ref.kind)
    result: dict[str, Scores] = {}
    for kind in seen:
        scores = Scores()
        for match in matches:
            _add(scores, match, kind)
        result[kind] = scores.finish()
    return result


def exact_matches(matches: Iterable[CaseMatch]) -> int:
    """Documents with every label found and no false alarm."""
    return sum(match.exact for match in matches)
