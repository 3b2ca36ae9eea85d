"""Score the two stages apart: was the erroneous statement extracted at all, and of
the extracted ones, did the comparator judge it right?

- A prose error counts as *extracted* when some claim of ``report.claims`` has a
  quote that holds the label's anchor (whitespace and '*' ignored).
- A table error (total-mismatch, cross-table-mismatch) counts as extracted when a
  parsed table row's text holds the anchor: the row made it into the tables.
- template-residue is found by scanning the prose text, not from claims: it has no
  extraction stage and is scored end to end only (``extracted`` is None).
- *Judged right*: an extracted label that was matched by a finding of its kind.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from pydantic import BaseModel

from ..models import Report
from .cases import TABLE_KINDS, Label
from .match import CaseMatch, normalise
from .metrics import ratio

NO_EXTRACTION_STAGE = frozenset({"template-residue"})


class LabelStage(BaseModel):
    kind: str
    anchor: str
    extracted: bool | None
    """None when the kind has no extraction stage."""
    found: bool
    via: str | None = None
    """The claim quote (or table row) that held the anchor, with the claim's status."""


class StageScores(BaseModel):
    applicable: int = 0
    """Labels whose kind has an extraction stage."""
    extracted: int = 0
    judged_right: int = 0
    extraction_recall: float | None = None
    comparator_accuracy: float | None = None


def label_stages(labels: list[Label], report: Report | None, match: CaseMatch) -> list[LabelStage]:
    found_left = Counter((h.label.kind, h.label.anchor) for h in match.hits)
    out = []
    for label in labels:
        key = normalise(label.anchor)
        found = found_left[(label.kind, label.anchor)] > 0
        if found:
            found_left[(label.kind, label.anchor)] -= 1
        if label.kind in NO_EXTRACTION_STAGE:
            out.append(LabelStage(kind=label.kind, anchor=label.anchor, extracted=None, found=found))
            continue
        via = None
        if report is not None:
            if label.kind in TABLE_KINDS:
                via = next((f"row {row.line}: {row.text or row.label}" for table in report.tables for row in table.rows
                            if key in normalise(row.text or row.label)), None)
            else:
                via = next((f"claim {r.status}: {r.claim.quote}" for r in report.claims
                            if key in normalise(r.claim.quote)), None)
        out.append(LabelStage(kind=label.kind, anchor=label.anchor, extracted=via is not None, found=found, via=via))
    return out


def stage_scores(stages: Iterable[LabelStage]) -> StageScores:
    s = StageScores()
    for st in stages:
        if st.extracted is None:
            continue
        s.applicable += 1
        if st.extracted:
            s.extracted += 1
            s.judged_right += st.found
    s.extraction_recall = ratio(s.extracted, s.applicable)
    s.comparator_accuracy = ratio(s.judged_right, s.extracted)
    return s
