"""``narrative-check eval``: a thin face over the evaluation library.

    narrative-check eval [PATHS...] [--format text|json] [--extractor X] [--also Y] [--no-baseline]
    narrative-check eval --compare LOG_A LOG_B
    narrative-check eval mutate CLEAN_DOC --out DIR [--seed N] [--count N]

``eval`` is a group whose default command is ``run``: any first word that is not a
subcommand name (``mutate``) is taken as a path, so both spellings above work.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..cli_options import config_from, llm_options

EXTRACTORS = ["offline", "llm", "hybrid", "regex"]


class _DefaultGroup(click.Group):
    """A group that runs ``run`` when the first word is not one of its commands."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or args[0] not in self.commands:
            args = ["run", *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, "[PATHS]... [OPTIONS] | mutate CLEAN_DOC --out DIR")


@click.group("eval", cls=_DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
def eval_command() -> None:
    """Score the checker on labelled documents (precision, recall, F1 per kind)."""


@eval_command.command("run")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--compare", "compare_logs", nargs=2, type=click.Path(exists=True, dir_okay=False), default=None,
              metavar="LOG_A LOG_B", help="Show what got better and worse from run A to run B (no checking).")
@click.option("--baseline/--no-baseline", default=True, show_default=True,
              help="Also run the regex-only baseline, side by side.")
@click.option("--also", "also", multiple=True, type=click.Choice(EXTRACTORS),
              help="Run another extractor beside the first (repeatable), e.g. --extractor hybrid --also llm.")
@click.option("--errors-only", is_flag=True,
              help="Count only severity error as reported errors (default: error and warning).")
@click.option("--log-dir", type=click.Path(file_okay=False), default=None,
              help="Where run logs go (env NARRATIVE_CHECK_EVAL_LOGS; default eval/logs).")
@click.option("--no-log", is_flag=True, help="Do not write a run log.")
@click.option("--brief", is_flag=True, help="Scoreboard only: leave out the misses and false alarms.")
@click.option("--fail-under", type=float, default=None, metavar="F1",
              help="Exit 1 when the first extractor's F1 is below this (for CI).")
@click.option("--min-precision", type=float, default=None, metavar="P",
              help="Exit 1 when the first extractor's precision is below this (for CI on real documents).")
@click.option("--min-coverage", type=float, default=None, metavar="C",
              help="Exit 1 when fewer than this share of the claims were verified or flagged.")
@llm_options
def run_command(paths, fmt, compare_logs, baseline, also, errors_only, log_dir, no_log, brief, fail_under,
                min_precision, min_coverage, **llm) -> None:
    """Run the checker over every labelled case in PATHS (folders are searched for
    *.labels.json; default eval/datasets) and print the scoreboard.

    Also: `narrative-check eval mutate CLEAN_DOC --out DIR` plants typed errors
    in a clean document and writes labelled cases (see `eval mutate --help`)."""
    from .logs import compare, comparison_json, read_log, render_comparison

    if compare_logs:
        a, b = compare_logs
        result = compare(read_log(a), read_log(b), a, b)
        click.echo(comparison_json(result) if fmt == "json" else render_comparison(result), nl=False)
        return

    from .cases import find_cases
    from .logs import write_log
    from .match import COUNTED_SEVERITIES
    from .render import runs_json, scoreboard
    from .runner import run_eval

    if not paths:
        if not Path("eval/datasets").is_dir():
            raise click.UsageError("give the folders or label files to evaluate (no eval/datasets here)")
        paths = ("eval/datasets",)
    cases = find_cases(list(paths))
    if not cases:
        raise click.UsageError(f"no *.labels.json found in {', '.join(paths)}")
    config = config_from(**llm)
    extractors = [config.resolved_extractor()]
    for extra in [*also, *(["regex"] if baseline else [])]:
        if extra not in extractors:
            extractors.append(extra)
    severities = ("error",) if errors_only else COUNTED_SEVERITIES
    runs, logs = [], []
    for extractor in extractors:
        cfg = config.model_copy(update={"extractor": extractor})
        if sys.stderr.isatty():
            click.echo(f"eval: {extractor} over {len(cases)} cases …", err=True)
        run = run_eval(cases, cfg, severities=severities, datasets=[str(p) for p in paths])
        runs.append(run)
        if not no_log:
            logs.append(str(write_log(run, Path(log_dir) if log_dir else None)))
    if fmt == "json":
        click.echo(runs_json(runs, logs), nl=False)
    else:
        click.echo(scoreboard(runs, show_cases=not brief), nl=False)
        for path in logs:
            click.echo(f"log: {path}")
    first = runs[0]
    gates = [("F1", first.overall.f1, fail_under, "--fail-under"),
             ("precision", first.overall.precision, min_precision, "--min-precision"),
             ("verification coverage", first.coverage, min_coverage, "--min-coverage")]
    failed = [f"{name} {value} is below {flag} {bound}" for name, value, bound, flag in gates
              if bound is not None and (value or 0.0) < bound]
    for line in failed:
        click.echo(line, err=True)
    if failed:
        sys.exit(1)


@eval_command.command("mutate")
@click.argument("clean_doc", type=click.Path(exists=True, dir_okay=False))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder for the labelled cases.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed: the same seed gives the same files.")
@click.option("--count", type=int, default=None, help="Cases to write (default: every mutation found, balanced by kind).")
@click.option("--kind", "kinds", multiple=True, help="Only these kinds (repeatable).")
@click.option("--prefix", default=None, help="File name prefix (default: the document's name up to '_').")
def mutate_command(clean_doc, out_dir, seed, count, kinds, prefix) -> None:
    """Plant one typed error per copy of CLEAN_DOC and write each as a labelled case.

    Labels beside CLEAN_DOC (CLEAN_DOC's .labels.json), if any, are carried into every
    copy; a copy is complete only when those labels are."""
    from .mutate import write_mutations

    written = write_mutations(Path(clean_doc), Path(out_dir), seed=seed, count=count, kinds=list(kinds) or None,
                              prefix=prefix)
    by_kind: dict[str, int] = {}
    for case in written:
        by_kind[case.kind] = by_kind.get(case.kind, 0) + 1
    click.echo(f"wrote {len(written)} cases to {out_dir}: " + ", ".join(f"{k} {v}" for k, v in sorted(by_kind.items())))
