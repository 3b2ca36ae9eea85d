"""Run logs (``eval/logs/<timestamp>-<extractor>.json``) and the comparison of two.

The log directory is, in order: the ``--log-dir`` option, the env variable
``NARRATIVE_CHECK_EVAL_LOGS``, ``eval/logs`` under the git work tree (or the
current folder outside git).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from ..errors import InputError
from .match import normalise
from .runner import Run

LOG_DIR_ENV = "NARRATIVE_CHECK_EVAL_LOGS"


def default_log_dir() -> Path:
    if os.environ.get(LOG_DIR_ENV):
        return Path(os.environ[LOG_DIR_ENV])
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, timeout=10)
        if top.returncode == 0 and top.stdout.strip():
            return Path(top.stdout.strip()) / "eval" / "logs"
    except (OSError, subprocess.SubprocessError):
        pass
    return Path("eval") / "logs"


def write_log(run: Run, log_dir: Path | None = None) -> Path:
    folder = log_dir or default_log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = re.sub(r"[^0-9T]", "", run.time.split("+")[0])
    base = f"{stamp}-{run.extractor}"
    path = folder / f"{base}.json"
    n = 1
    while path.exists():  # two runs in one second must not overwrite each other
        n += 1
        path = folder / f"{base}-{n}.json"
    path.write_text(run.model_dump_json(indent=1), encoding="utf-8")
    return path


def read_log(path: str | Path) -> Run:
    path = Path(path)
    try:
        return Run.model_validate_json(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read log: {exc}") from exc
    except ValidationError as exc:
        raise InputError(f"{path}: not an eval log ({exc.error_count()} problems, first: {exc.errors()[0]['msg']})") from exc


class Change(BaseModel):
    case: str
    kind: str
    text: str
    """The label's anchor, or the false alarm's quote."""
    message: str = ""


class Comparison(BaseModel):
    a: str
    b: str
    metrics: dict[str, tuple[float | int | None, float | int | None]] = Field(default_factory=dict)
    """name → (A, B): precision, recall, F1, exact, extraction recall, … overall."""
    per_kind_f1: dict[str, tuple[float | None, float | None]] = Field(default_factory=dict)
    fixed: list[Change] = Field(default_factory=list)
    """Labels missed by A, found by B."""
    regressed: list[Change] = Field(default_factory=list)
    """Labels found by A, missed by B."""
    new_false_alarms: list[Change] = Field(default_factory=list)
    gone_false_alarms: list[Change] = Field(default_factory=list)
    only_in_a: list[str] = Field(default_factory=list)
    only_in_b: list[str] = Field(default_factory=list)


def _found(run: Run, shown: dict[tuple[str, str, str], str]) -> dict[tuple[str, str, str], bool]:
    out: dict[tuple[str, str, str], bool] = {}
    for case in run.cases:
        for label, found in [*((h.label, True) for h in case.match.hits), *((m.label, False) for m in case.match.misses)]:
            key = (case.id, label.kind, normalise(label.anchor))
            shown.setdefault(key, label.anchor)
            out[key] = out.get(key, False) or found
    return out


def _alarms(run: Run) -> dict[tuple[str, str, str], Change]:
    return {(c.id, f.kind, normalise(f.quote)): Change(case=c.id, kind=f.kind, text=f.quote, message=f.message)
            for c in run.cases for f in c.match.false_alarms}


def compare(a: Run, b: Run, name_a: str = "A", name_b: str = "B") -> Comparison:
    """What got better and worse from run A to run B, over the cases both ran."""
    ids_a, ids_b = {c.id for c in a.cases}, {c.id for c in b.cases}
    both = ids_a & ids_b
    out = Comparison(a=name_a, b=name_b, only_in_a=sorted(ids_a - ids_b), only_in_b=sorted(ids_b - ids_a))
    for name, get in [
        ("precision", lambda r: r.overall.precision), ("recall", lambda r: r.overall.recall),
        ("F1", lambda r: r.overall.f1), ("exact match", lambda r: r.exact),
        ("false alarms", lambda r: r.overall.fp), ("extraction recall", lambda r: r.stages.extraction_recall),
        ("comparator accuracy", lambda r: r.stages.comparator_accuracy), ("wall seconds", lambda r: r.wall_seconds),
        ("tokens", lambda r: r.usage.prompt_tokens + r.usage.completion_tokens),
    ]:
        out.metrics[name] = (get(a), get(b))
    for kind in dict.fromkeys([*a.per_kind, *b.per_kind]):
        fa = a.per_kind[kind].f1 if kind in a.per_kind else None
        fb = b.per_kind[kind].f1 if kind in b.per_kind else None
        out.per_kind_f1[kind] = (fa, fb)
    shown: dict[tuple[str, str, str], str] = {}
    found_a, found_b = _found(a, shown), _found(b, shown)
    for key in sorted(set(found_a) | set(found_b)):
        if key[0] not in both:
            continue
        was, now = found_a.get(key), found_b.get(key)
        change = Change(case=key[0], kind=key[1], text=shown[key])
        if was is False and now is True:
            out.fixed.append(change)
        elif was is True and now is False:
            out.regressed.append(change)
    alarms_a, alarms_b = _alarms(a), _alarms(b)
    out.new_false_alarms = [v for k, v in sorted(alarms_b.items()) if k not in alarms_a and k[0] in both]
    out.gone_false_alarms = [v for k, v in sorted(alarms_a.items()) if k not in alarms_b and k[0] in both]
    return out


def _fmt(value) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def render_comparison(c: Comparison) -> str:
    lines = [f"A: {c.a}", f"B: {c.b}", "", f"{'':24}{'A':>10}{'B':>10}{'change':>10}"]
    for name, (x, y) in c.metrics.items():
        delta = ""
        if isinstance(x, (int, float)) and isinstance(y, (int, float)):
            d = y - x
            delta = f"{d:+.3f}" if isinstance(d, float) else f"{d:+d}"
        lines.append(f"{name:24}{_fmt(x):>10}{_fmt(y):>10}{delta:>10}")
    lines.append("")
    lines.append("F1 per kind")
    for kind, (x, y) in c.per_kind_f1.items():
        if x is None and y is None:
            continue
        lines.append(f"  {kind:22}{_fmt(x):>10}{_fmt(y):>10}")
    for title, items in [("fixed (missed by A, found by B)", c.fixed), ("regressed (found by A, missed by B)", c.regressed),
                         ("new false alarms in B", c.new_false_alarms), ("false alarms gone in B", c.gone_false_alarms)]:
        lines.append("")
        lines.append(f"{title}: {len(items)}")
        for ch in items:
            lines.append(f"  {ch.case}  {ch.kind}  «{ch.text}»" + (f"  {ch.message}" if ch.message else ""))
    if c.only_in_a or c.only_in_b:
        lines.append("")
        lines.append(f"cases only in A: {len(c.only_in_a)}; only in B: {len(c.only_in_b)} (left out of the lists above)")
    return "\n".join(lines) + "\n"


def comparison_json(c: Comparison) -> str:
    return json.dumps(c.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"
