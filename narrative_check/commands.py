"""check / tables / claims commands."""

from __future__ import annotations

import sys

import click

from .cli_options import config_from, llm_options, write_output


@click.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github", "html", "jsonl"]), default="text",
              help="jsonl: one report per line as each document finishes (batch).")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the report to this file instead of standard output (any format).")
@click.option("--tables", "table_files", multiple=True, type=click.Path(), help="Extra table file(s), e.g. an .xlsx.")
@click.option("--show-verified", is_flag=True, help="Also list verified claims (text format).")
@click.option("--select", default=None, help="Only these codes/prefixes, comma-separated (NC1,NC201).")
@click.option("--ignore", default=None, help="Skip these codes/prefixes, comma-separated.")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=None,
              help="Check documents in N worker processes (batch; folders and globs are walked).")
@click.option("--resume", type=click.Path(dir_okay=False), default=None,
              help="Append jsonl reports to this file, skipping documents whose content already has a line there.")
@click.option("--time-limit", type=float, default=None, help="Seconds per document in a batch (default 120).")
@click.option("--memory-mb", type=click.IntRange(16, None), default=None,
              help="Memory a document may take in its worker, in MB (default 1024).")
@click.option("--pdf-reader", type=click.Choice(["fast", "plumber"]), default=None,
              help="PDF reader: fast (PDFium + pdfplumber's table finder, default) or plumber.")
@llm_options
def check_command(files, fmt, output, table_files, show_verified, select, ignore, jobs, resume, time_limit,
                  memory_mb, pdf_reader, **llm) -> None:
    """Check FILES (or folders, or glob patterns) and report every prose/table disagreement."""
    from .pipeline import check
    from .report import render, select_findings

    config = config_from(**llm)
    if pdf_reader:
        config = config.model_copy(update={"pdf_reader": pdf_reader})
    from .batch_cli import wants_batch

    if wants_batch(files, jobs, fmt, resume):
        from .batch import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT
        from .batch_cli import run_batch

        if resume:
            fmt = "jsonl"
        sys.exit(run_batch(list(files), config=config, fmt=fmt, jobs=jobs, resume=resume,
                           time_limit=time_limit or DEFAULT_TIMEOUT, memory_mb=memory_mb or DEFAULT_MEMORY_MB,
                           table_files=list(table_files), show_verified=show_verified, select=select, ignore=ignore,
                           output=output))
    reports = []
    failed = False
    for path in files:
        try:
            report = check(path, config=config, tables=list(table_files))
        except Exception as exc:  # one bad file must not hide the others' findings
            from .errors import NarrativeCheckError

            if not isinstance(exc, NarrativeCheckError):
                exc = NarrativeCheckError(f"{path}: internal error: {type(exc).__name__}: {exc}")
            click.echo(f"error: {exc}", err=True)
            failed = True
            continue
        report.findings = select_findings(report.findings, select, ignore)
        reports.append(report)
    if reports:
        write_output(render(reports, fmt, show_verified=show_verified), output)
    if failed:
        sys.exit(2)
    sys.exit(1 if any(r.errors for r in reports) else 0)


@click.command("tables")
@click.argument("file", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--tables", "table_files", multiple=True, type=click.Path())
def tables_command(file, fmt, table_files) -> None:
    """Show the tables parsed from FILE, with units, totals and concepts."""
    from .ingest import load_document
    from .report.tables import render_tables
    from .tables import build_facts, detect_context, extract_tables

    doc = load_document(file, tables=list(table_files))
    context = detect_context(doc)
    tables = extract_tables(doc)
    click.echo(render_tables(tables, build_facts(tables, context), fmt), nl=False)


@click.command("claims")
@click.argument("file", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@llm_options
def claims_command(file, fmt, **llm) -> None:
    """Show the numeric claims extracted from FILE's prose and how each was checked."""
    from .pipeline import check
    from .report.claims import render_claims

    report = check(file, config=config_from(**llm))
    click.echo(render_claims(report, fmt), nl=False)


COMMANDS: list[click.Command] = [check_command, tables_command, claims_command]
"""Registered on the group by cli.py (this module never imports cli.py)."""
