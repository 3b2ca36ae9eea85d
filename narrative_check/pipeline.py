"""check(): ingest → tables → claims → compare → report. The one core every face calls."""

from __future__ import annotations

import time
from pathlib import Path

from .claims import extract_claims, paragraphs
from .compare import compare
from .config import Config
from .ingest import load_document
from .ingest.limits import check_prose_figures
from .models import Document, Report, Summary
from .tables import build_facts, detect_context, extract_tables
from .tables.reading import scrambled_order


def check(
    source: str | Path | Document,
    *,
    config: Config | None = None,
    tables: list[str | Path] | None = None,
    text: bool = False,
) -> Report:
    """Check one document and return its Report.

    ``source`` is a path, a Document, or (with ``text=True``) the document's text.
    ``tables`` are extra table files (XLSX) that belong to the document.
    Raises InputError for input that cannot be read at all; everything else that
    goes wrong ends up as a warning in the report.
    """
    started = time.perf_counter()
    config = config or Config()
    doc = (source if isinstance(source, Document)
           else load_document(source, text=text, tables=tables, pdf_reader=config.pdf_reader))
    context = detect_context(doc)
    parsed = extract_tables(doc)
    facts = build_facts(parsed, context)
    # Prose read out of order would only be guessed at: it is not checked (one warning).
    order = scrambled_order(doc)
    paras = [] if order else paragraphs(doc, parsed)
    check_prose_figures(doc.source, [p.text for p in paras])
    claims, usage, notes = extract_claims(paras, context, config)
    for claim in claims:
        claim.page = doc.page_of(claim.line)
    rule_warnings: list[str] = []
    findings, results = compare(context, parsed, facts, claims, paras, doc, warnings=rule_warnings)
    summary = Summary(
        errors=sum(f.severity == "error" for f in findings),
        warnings=sum(f.severity == "warning" for f in findings),
        infos=sum(f.severity == "info" for f in findings),
        claims=len(results),
        verified=sum(r.status == "verified" for r in results),
        unverified=sum(r.status == "unverified" for r in results),
        mismatched=sum(r.status == "mismatch" for r in results),
        tables=len(parsed),
        extractor=config.resolved_extractor(),
        model=config.model if config.resolved_extractor() in ("llm", "hybrid") else None,
        prompt_version=notes.get("prompt_version"),
        usage=usage,
        llm_sections=notes.get("sections", 0),
        llm_failed_sections=notes.get("failed_sections", 0),
        llm_empty_sections=notes.get("empty_sections", 0),
        seconds=round(time.perf_counter() - started, 4),
    )
    warnings = (list(doc.warnings) + ([order] if order else []) + [w for t in parsed for w in t.warnings] + list(notes.get("warnings", []))
                + rule_warnings)
    return Report(
        document=doc.source,
        year=context.year,
        kind=context.kind,
        findings=findings,
        claims=results,
        tables=parsed,
        summary=summary,
        warnings=warnings,
        lines=doc.lines,
    )
