"""The scoreboard: runs side by side (first run = the one under test), then its
misses and false alarms with their quotes."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .cases import ERROR_KINDS
from .runner import Run


def _f(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _ratio(a: int, b: int) -> str:
    return f"{a}/{b}"


def scoreboard(runs: Sequence[Run], show_cases: bool = True) -> str:
    first = runs[0]
    n = len(first.cases)
    complete = sum(c.complete for c in first.cases)
    lines = [
        f"narrative-check eval: {n} cases ({complete} complete), {first.labels} labelled errors"
        + (f", git {first.git_commit[:10]}{'+dirty' if first.git_dirty else ''}" if first.git_commit else ""),
        "",
    ]
    width = max(12, *(len(r.extractor) + 2 for r in runs))
    head = f"{'':26}" + "".join(f"{r.extractor:>{width}}" for r in runs)
    lines.append(head)

    def row(name: str, values: list[str], note: str = "") -> None:
        lines.append(f"{name:26}" + "".join(f"{v:>{width}}" for v in values) + (f"   {note}" if note else ""))

    row("precision", [_f(r.overall.precision) for r in runs], "complete cases only")
    row("recall", [_f(r.overall.recall) for r in runs])
    row("F1", [_f(r.overall.f1) for r in runs])
    row("found / labelled", [_ratio(r.overall.tp, r.overall.tp + r.overall.fn) for r in runs])
    row("false alarms", [str(r.overall.fp) for r in runs])
    row("double reports", [str(r.overall.duplicates) for r in runs], "not counted as false alarms")
    row("exact match", [_ratio(r.exact, len(r.cases)) for r in runs], "every label found, no false alarm")
    row("extraction recall", [_f(r.stages.extraction_recall) for r in runs],
        f"labelled statements extracted ({first.stages.applicable} with a stage)")
    row("comparator accuracy", [_f(r.stages.comparator_accuracy) for r in runs], "of those, reported with the right kind")
    row("verification coverage", [_f(r.coverage) for r in runs],
        f"claims verified or flagged ({sum(c.claims for c in first.cases)} claims; the rest unverified with a reason)")
    row("crashed cases", [str(sum(c.error is not None for c in r.cases)) for r in runs])
    row("wall seconds", [f"{r.wall_seconds:.2f}" for r in runs])
    row("tokens", [str(r.usage.prompt_tokens + r.usage.completion_tokens) for r in runs])
    if any(r.model for r in runs):
        row("model", [r.model or "-" for r in runs])
        row("prompt version", [r.prompt_version or "-" for r in runs])

    lines.append("")
    w = 7
    sub = "".join(f"{r.extractor[: w * 3 - 3]:>{w * 3 + 2}}" for r in runs)
    lines.append(f"{'per kind':26}{'labels':>7}" + sub)
    lines.append(f"{'':26}{'':>7}" + "".join(f"  {'P':>{w}}{'R':>{w}}{'F1':>{w}}" for _ in runs))
    kinds = [k for k in dict.fromkeys([*ERROR_KINDS, *(k for r in runs for k in r.per_kind)])]
    for kind in kinds:
        labels = sum(1 for c in first.cases for lab in c.labels if lab.kind == kind)
        cells = ""
        for r in runs:
            s = r.per_kind.get(kind)
            cells += "  " + "".join(f"{_f(v):>{w}}" for v in ((s.precision, s.recall, s.f1) if s else (None,) * 3))
        if labels or any(r.per_kind.get(kind) and (r.per_kind[kind].fp or r.per_kind[kind].tp) for r in runs):
            lines.append(f"{kind:26}{labels:>7}" + cells)

    if show_cases:
        lines += _details(first)
    return "\n".join(lines) + "\n"


def _details(run: Run) -> list[str]:
    lines: list[str] = []
    misses = [(c, m) for c in run.cases for m in c.match.misses]
    lines += ["", f"misses ({run.extractor}): {len(misses)}"]
    for case, miss in misses:
        stage = next((s for s in case.stages if s.anchor == miss.label.anchor and s.kind == miss.label.kind), None)
        lines.append(f"  {case.id}  {miss.label.kind}  «{miss.label.anchor}»")
        if case.error:
            lines.append(f"      checker crashed: {case.error}")
        elif stage is not None and stage.extracted is False:
            lines.append("      not extracted: no claim (or table row) holds the anchor")
        elif stage is not None and stage.via:
            lines.append(f"      extracted as {stage.via}")
        for ref in miss.reported_instead:
            lines.append(f"      reported instead: {ref.kind} ({ref.severity}) {ref.message}")
    alarms = [(c, f) for c in run.cases for f in c.match.false_alarms]
    lines += ["", f"false alarms ({run.extractor}): {len(alarms)}"]
    for case, ref in alarms:
        lines.append(f"  {case.id}:{ref.line}  {ref.kind}  {ref.message}")
        lines.append(f"      | {ref.quote}")
    return lines


def runs_json(runs: Sequence[Run], logs: Sequence[str] = ()) -> str:
    data = {"runs": [r.model_dump(mode="json") for r in runs], "logs": list(logs)}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
