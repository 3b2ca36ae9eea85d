"""The eval task: dataset × config → per-case scores → a run (what a log holds).

Shaped like inspect_ai's Task(dataset, solver, scorer): the cases are the dataset,
``pipeline.check`` with a Config is the solver, ``match_case`` is the scorer, and
``metrics`` reduce the scored cases.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path

from pydantic import BaseModel, Field

from ..config import Config
from ..models import Usage
from .cases import Case, Label
from .match import COUNTED_SEVERITIES, CaseMatch, FindingRef, match_case
from .metrics import Scores, overall, per_kind
from .stages import LabelStage, StageScores, label_stages, stage_scores

LOG_VERSION = 1


class CaseResult(BaseModel):
    id: str
    document: str
    complete: bool
    labels: list[Label]
    findings: list[FindingRef] = Field(default_factory=list)
    """Every finding of the report except info (unverified) ones."""
    unverified: int = 0
    """How many info findings (unverified claims) the report had."""
    match: CaseMatch
    stages: list[LabelStage] = Field(default_factory=list)
    claims: int = 0
    checked: int = 0
    """Claims the comparator verified or flagged; the rest are unverified, each with its reason."""
    seconds: float = 0.0
    usage: Usage = Field(default_factory=Usage)
    error: str | None = None
    """The checker crashed on this document: every label counts as missed."""

    @property
    def exact(self) -> bool:
        return self.error is None and self.match.exact


class Run(BaseModel):
    """One extractor over one dataset: what ``eval/logs/*.json`` holds."""

    log_version: int = LOG_VERSION
    time: str
    git_commit: str | None = None
    git_dirty: bool | None = None
    extractor: str
    model: str | None = None
    prompt_version: str | None = None
    severities: list[str] = Field(default_factory=lambda: list(COUNTED_SEVERITIES))
    datasets: list[str] = Field(default_factory=list)
    wall_seconds: float = 0.0
    usage: Usage = Field(default_factory=Usage)
    overall: Scores = Field(default_factory=Scores)
    per_kind: dict[str, Scores] = Field(default_factory=dict)
    exact: int = 0
    stages: StageScores = Field(default_factory=StageScores)
    cases: list[CaseResult] = Field(default_factory=list)

    @property
    def labels(self) -> int:
        return sum(len(c.labels) for c in self.cases)

    @property
    def coverage(self) -> float | None:
        """The share of the prose's numeric claims that were verified or flagged."""
        claims = sum(c.claims for c in self.cases)
        return sum(c.checked for c in self.cases) / claims if claims else None

    def summarise(self) -> "Run":
        matches = [c.match for c in self.cases]
        self.overall = overall(matches)
        self.per_kind = per_kind(matches)
        self.exact = sum(c.exact for c in self.cases)
        self.stages = stage_scores(st for c in self.cases for st in c.stages)
        self.usage = Usage(
            requests=sum(c.usage.requests for c in self.cases),
            prompt_tokens=sum(c.usage.prompt_tokens for c in self.cases),
            completion_tokens=sum(c.usage.completion_tokens for c in self.cases),
            cached=sum(c.usage.cached for c in self.cases),
        )
        return self


def git_state(cwd: Path | None = None) -> tuple[str | None, bool | None]:
    """(HEAD commit, working tree dirty?), or (None, None) outside git."""
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=cwd, capture_output=True, text=True, timeout=10)
        if head.returncode != 0:
            return None, None
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=cwd,
                               capture_output=True, text=True, timeout=10)
        return head.stdout.strip(), bool(dirty.stdout.strip()) if dirty.returncode == 0 else None
    except (OSError, subprocess.SubprocessError):
        return None, None


def score_case(case: Case, report, seconds: float = 0.0, error: str | None = None,
               severities: Sequence[str] = COUNTED_SEVERITIES) -> CaseResult:
    findings = report.findings if report is not None else []
    match = match_case(case.labels, findings, case.complete, severities)
    return CaseResult(
        id=case.id,
        document=str(case.document),
        complete=case.complete,
        labels=case.labels,
        findings=[FindingRef.of(f) for f in findings if f.severity != "info"],
        unverified=sum(f.severity == "info" for f in findings),
        match=match,
        stages=label_stages(case.labels, report, match),
        claims=len(report.claims) if report is not None else 0,
        checked=sum(r.status != "unverified" for r in report.claims) if report is not None else 0,
        seconds=seconds,
        usage=report.summary.usage if report is not None else Usage(),
        error=error,
    )


def run_eval(
    cases: Sequence[Case],
    config: Config,
    *,
    severities: Sequence[str] = COUNTED_SEVERITIES,
    datasets: Sequence[str] = (),
    progress: Callable[[int, int, CaseResult], None] | None = None,
) -> Run:
    """Check every case with ``config`` and score it. A crash on one document is
    recorded on that case (all its labels missed) and the run goes on."""
    from ..pipeline import check

    commit, dirty = git_state()
    run = Run(time=datetime.now(timezone.utc).isoformat(timespec="seconds"), git_commit=commit, git_dirty=dirty,
              extractor=config.resolved_extractor(), severities=list(severities), datasets=list(datasets))
    if run.extractor in ("llm", "hybrid"):
        run.model = config.model
    started = time.perf_counter()
    for i, case in enumerate(cases):
        t0 = time.perf_counter()
        report, error = None, None
        try:
            report = check(case.document, config=config, tables=list(case.tables) or None)
        except Exception as exc:  # noqa: BLE001  one broken document must not end the run
            error = f"{type(exc).__name__}: {exc}"
        result = score_case(case, report, round(time.perf_counter() - t0, 4), error, severities)
        if report is not None and report.summary.prompt_version and not run.prompt_version:
            run.prompt_version = report.summary.prompt_version
        run.cases.append(result)
        if progress:
            progress(i + 1, len(cases), result)
    run.wall_seconds = round(time.perf_counter() - started, 3)
    return run.summarise()
