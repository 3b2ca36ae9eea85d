"""Match reported findings to labels. Pure: no checker, no files.

Rules (see eval/README.md):
- A finding *fits* a label when the kinds are equal and the label's anchor occurs in
  the finding's quote, both compared with all whitespace and ``*`` removed.
- Only findings whose severity is counted (error and warning by default) are reported
  errors; info findings (``unverified``) are never scored.
- Each finding matches at most one label and each label at most one finding; the
  pairing is a maximum bipartite matching, so overlapping anchors cannot steal a
  label from the finding that alone fits it.
- A counted finding left unpaired that fits an already-found label is a *duplicate*
  (a double report): neither a true positive nor a false alarm, listed apart.
- Any other unpaired counted finding is a *false alarm* when the case is complete,
  and *unscored* when it is not (only recall is scored then).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pydantic import BaseModel, Field

from ..models import Finding
from .cases import Label

COUNTED_SEVERITIES: tuple[str, ...] = ("error", "warning")


def normalise(text: str) -> str:
    """Drop every whitespace character (full-width spaces too) and '*' markup."""
    return "".join(ch for ch in text if not ch.isspace() and ch != "*")


def fits(label: Label, finding: Finding) -> bool:
    return finding.kind == label.kind and normalise(label.anchor) in normalise(finding.quote)


class FindingRef(BaseModel):
    """The parts of a finding an eval log keeps."""

    kind: str
    severity: str
    quote: str
    line: int
    message: str = ""
    stated: str | None = None
    expected: str | None = None

    @classmethod
    def of(cls, finding: Finding) -> "FindingRef":
        return cls(kind=finding.kind, severity=finding.severity, quote=finding.quote, line=finding.line,
                   message=finding.message, stated=finding.stated, expected=finding.expected)


class Hit(BaseModel):
    label: Label
    finding: FindingRef


class Miss(BaseModel):
    label: Label
    reported_instead: list[FindingRef] = Field(default_factory=list)
    """Findings of another kind (any severity) whose quote holds the anchor: what the
    checker said about that statement instead."""


class CaseMatch(BaseModel):
    """The outcome of matching one document's findings to its labels."""

    complete: bool
    hits: list[Hit] = Field(default_factory=list)
    misses: list[Miss] = Field(default_factory=list)
    false_alarms: list[FindingRef] = Field(default_factory=list)
    duplicates: list[FindingRef] = Field(default_factory=list)
    unscored: list[FindingRef] = Field(default_factory=list)
    """Unpaired findings of an incomplete case: neither right nor wrong as far as we know."""

    @property
    def exact(self) -> bool:
        """Every label found and no false alarm."""
        return not self.misses and not self.false_alarms


def _pair(labels: Sequence[Label], findings: Sequence[Finding]) -> dict[int, int]:
    """Maximum bipartite matching (Kuhn's algorithm), label index → finding index.
    Deterministic: labels and findings are tried in their given order."""
    edges = [[j for j, f in enumerate(findings) if fits(label, f)] for label in labels]
    owner: dict[int, int] = {}  # finding index → label index

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(labels)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def match_case(
    labels: Sequence[Label],
    findings: Iterable[Finding],
    complete: bool,
    severities: Sequence[str] = COUNTED_SEVERITIES,
) -> CaseMatch:
    every = list(findings)
    counted = [f for f in every if f.severity in severities]
    pairs = _pair(labels, counted)
    result = CaseMatch(complete=complete)
    for i, label in enumerate(labels):
        if i in pairs:
            result.hits.append(Hit(label=label, finding=FindingRef.of(counted[pairs[i]])))
        else:
            key = normalise(label.anchor)
            instead = [FindingRef.of(f) for f in every if f.kind != label.kind and key in normalise(f.quote)]
            result.misses.append(Miss(label=label, reported_instead=instead))
    used = set(pairs.values())
    found = [labels[i] for i in pairs]
    for j, finding in enumerate(counted):
        if j in used:
            continue
        ref = FindingRef.of(finding)
        if any(fits(label, finding) for label in found):
            result.duplicates.append(ref)
        elif complete:
            result.false_alarms.append(ref)
        else:
            result.unscored.append(ref)
    return result
