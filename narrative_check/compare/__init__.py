"""(tables, claims) → findings. Pure functions; one rule family a module:
amounts (amount/unit/period/count), arithmetic (growth/direction/share/listed parts),
tables (totals, cross-table), template (residue); structure (missing tables), names (科目 and
unit names), missing_reasons (changes left unexplained)."""

from __future__ import annotations

from collections import defaultdict

from ..claims.prose import Paragraph
from ..models import Claim, ClaimResult, Document, Fact, Finding, Table
from ..tables.concepts import normalize_label
from ..tables.context import DocContext
from ..tables.facts import index_facts
from .amounts import check_amount, check_count, check_period
from .arithmetic import check_completion, check_growth, check_listed_changes, check_listed_parts, check_share
from .base import Context, Ledger, make_finding
from .missing_reasons import check_missing_reasons
from .names import check_names
from .reasons import check_reason
from .structure import check_structure
from .table_bounds import check_bounds
from .table_notes import check_table_notes
from .tables import check_cross_tables, check_tables, single_fund_scopes
from .template import check_template


def _label_index(facts: list[Fact]) -> dict[str, list[Fact]]:
    labels: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        if fact.derived is None:
            labels[normalize_label(fact.row)].append(fact)
    return labels


def compare(
    context: DocContext,
    tables: list[Table],
    facts: list[Fact],
    claims: list[Claim],
    paragraphs: list[Paragraph] | None = None,
    doc: Document | None = None,
    warnings: list[str] | None = None,
) -> tuple[list[Finding], list[ClaimResult]]:
    """Run every rule family. A family that fails on odd input is skipped with a
    warning (appended to ``warnings``) so the others' findings are never lost."""
    warnings = warnings if warnings is not None else []
    ledgers = [Ledger(claim, page=doc.page_of(claim.line) if doc else None) for claim in claims]
    ctx = Context(doc=context, facts=index_facts(facts), labels=_label_index(facts), ledgers=ledgers,
                  single_fund=single_fund_scopes(facts))

    def guard(func, *args) -> list[Finding] | None:
        """The rule's findings; None when it failed (after a warning naming it)."""
        try:
            return func(*args) or []
        except Exception as exc:  # a bug on odd input must not cost the other findings
            warnings.append(f"rule {func.__name__} skipped after an internal error: {type(exc).__name__}: {exc}")
            return None

    def found(func, *args) -> list[Finding]:
        return guard(func, *args) or []

    for rule in (check_amount, check_count, check_period, check_growth, check_share, check_completion, check_reason):
        for ledger in ledgers:
            if guard(rule, ledger, ctx) is None:
                # the claim's own reason must say so: 'no table evidence' would be untrue
                ledger.note(f"rule {rule.__name__} failed on this claim (see the warnings)")
    guard(check_listed_parts, ctx)
    guard(check_listed_changes, ctx)
    findings: list[Finding] = []
    for ledger in ledgers:
        findings.extend(ledger.findings)
        if not ledger.findings and not ledger.ok:
            claim = ledger.claim
            reason = "; ".join(c.removeprefix("not checked: ") for c in ledger.checks) or "no table evidence"
            findings.append(make_finding("unverified", f"{claim.subject or 'claim'}: {reason}", claim.quote, claim.line,
                                         page=ledger.page, subject=claim.subject))
    findings.extend(found(check_tables, tables))
    findings.extend(found(check_cross_tables, facts, tables))
    findings.extend(found(check_bounds, facts, tables))
    findings.extend(found(check_table_notes, tables))
    if paragraphs:
        findings.extend(found(check_template, paragraphs))
    findings.extend(found(check_names, context, tables, paragraphs or [], doc))
    findings.extend(found(check_missing_reasons, paragraphs or [], doc))
    findings.extend(found(check_structure, context, tables, doc))
    findings.sort(key=lambda f: (f.line, f.code))
    return findings, [ledger.result() for ledger in ledgers]
