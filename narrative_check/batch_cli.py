"""`narrative-check check` on many documents: folders, globs, --jobs, --format jsonl,
--resume, a progress bar on a terminal and a summary at the end. The check command
hands over here when it is asked for any of these; one file at a time stays there."""

from __future__ import annotations

import glob
import sys
import time
from pathlib import Path
from typing import Iterable

import click

from .batch import BatchSummary, JsonlWriter, Outcome, check_many, content_hash, done_hashes, expand_inputs
from .config import Config


def wants_batch(files: Iterable[str], jobs: int | None, fmt: str, resume: str | None) -> bool:
    """Batch mode: asked for (jobs, jsonl, resume), or an input is a folder or a pattern."""
    if jobs is not None or fmt == "jsonl" or resume:
        return True
    return any(Path(f).is_dir() or glob.has_magic(f) for f in files)


def run_batch(
    files: list[str],
    *,
    config: Config,
    fmt: str,
    jobs: int | None,
    resume: str | None,
    time_limit: float | None,
    memory_mb: int | None,
    table_files: list[str],
    show_verified: bool,
    select: str | None,
    ignore: str | None,
    output: str | None = None,
) -> int:
    """Run the batch and return the exit code (0 clean, 1 errors found, 2 a document
    could not be checked)."""
    from .report import render, select_findings

    paths = expand_inputs(files)
    if not paths:
        click.echo("error: no documents found (.pdf, .txt, .md, .docx) in " + ", ".join(files), err=True)
        return 2
    skip = done_hashes(resume) if resume else set()
    summary = BatchSummary()
    todo = [p for p in paths if not skip or content_hash(p) not in skip]
    summary.skipped = len(paths) - len(todo)
    if fmt == "jsonl" and output and not resume:
        Path(output).write_bytes(b"")  # --output starts the file afresh; --resume appends
    jsonl_file = resume or (output if fmt == "jsonl" else None)
    writer = JsonlWriter(jsonl_file) if jsonl_file else None
    reports = []
    started = time.perf_counter()
    progress = _progress(len(todo))
    try:
        outcomes = check_many(todo, jobs=jobs or 1, config=config, tables=table_files,
                              timeout=time_limit, memory_mb=memory_mb)
        for outcome in outcomes:
            if outcome.report is not None:
                outcome.report.findings = select_findings(outcome.report.findings, select, ignore)
            summary.add(outcome)
            if fmt == "jsonl":
                _emit_line(outcome, writer)
            elif outcome.report is not None:
                reports.append(outcome.report)
            if outcome.report is None and fmt != "jsonl":
                click.echo(f"error: {outcome.message}", err=True)
            if progress is not None:
                progress.advance(outcome)
    finally:
        if progress is not None:
            progress.stop()
        if writer is not None:
            writer.close()
    summary.seconds = time.perf_counter() - started
    if reports:
        order = {str(p): i for i, p in enumerate(paths)}
        reports.sort(key=lambda r: order.get(r.document, len(order)))
        from .cli_options import write_output

        write_output(render(reports, fmt, show_verified=show_verified), output)
    click.echo(summary.to_text(), err=True, nl=False)
    if summary.failures:
        return 2
    return 1 if summary.findings_errors else 0


def _emit_line(outcome: Outcome, writer: JsonlWriter | None) -> None:
    if writer is not None:
        writer.write(outcome)
        return
    import json

    sys.stdout.write(json.dumps(outcome.to_json(), ensure_ascii=False) + "\n")
    sys.stdout.flush()


class _Progress:
    """A rich progress bar with ETA on stderr (only when stderr is a terminal)."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        self.bar = Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                            TextColumn("ETA"), TimeRemainingColumn(), TextColumn("{task.fields[last]}"),
                            console=Console(stderr=True), transient=False,
                            redirect_stdout=False, redirect_stderr=False)  # stdout carries the reports
        self.task = self.bar.add_task("check", total=total, last="")
        self.bar.start()

    def advance(self, outcome: Outcome) -> None:
        self.bar.update(self.task, advance=1, last=Path(outcome.path).name[:40])

    def stop(self) -> None:
        self.bar.stop()


def _progress(total: int) -> _Progress | None:
    if total == 0 or not sys.stderr.isatty():
        return None
    return _Progress(total)
