"""What every rule family shares: the finding builder and the per-claim ledger."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..models import Claim, ClaimResult, Evidence, Fact, Finding
from ..rules import BY_KIND
from ..tables.context import DocContext
from ..tables.numbers import fmt_amount


def evidence_of(fact: Fact) -> Evidence:
    return Evidence(
        table=fact.table,
        row=fact.row,
        column=fact.column,
        value=f"{fact.raw:f} {fact.unit}" if fact.unit else f"{fact.raw:f}",
        line=fact.line,
        page=fact.page,
        text=fact.text if not fact.derived else f"{fact.text} ({fact.derived})".strip(),
    )


def make_finding(
    kind: str,
    message: str,
    quote: str,
    line: int,
    page: int | None = None,
    stated: str | None = None,
    expected: str | None = None,
    evidence: list[Evidence] | None = None,
    cause: str | None = None,
    subject: str | None = None,
    severity: str | None = None,
) -> Finding:
    rule = BY_KIND[kind]
    if cause:
        message = f"{message} ({cause})"
    return Finding(
        kind=kind,
        code=rule.code,
        severity=severity or rule.severity,  # type: ignore[arg-type]
        message=message,
        quote=quote,
        line=line,
        page=page,
        stated=stated,
        expected=expected,
        evidence=evidence or [],
        cause=cause,
        subject=subject,
    )


@dataclass
class Ledger:
    """What the checks found out about one claim."""

    claim: Claim
    page: int | None = None
    concept: str | None = None
    checks: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    ok: int = 0
    true_amount: Decimal | None = None
    """The table's value for the claim's amount (万元 → claim unit), once known."""
    amount_wrong: bool = False
    prior: Fact | None = None
    """The prior-year figure of the same row, when the table prints one."""
    fact: Fact | None = None
    """The table cell the claim's amount was checked against."""

    def passed(self, text: str) -> None:
        self.ok += 1
        self.checks.append("ok: " + text)

    def note(self, text: str) -> None:
        self.checks.append("not checked: " + text)

    def fail(self, finding: Finding) -> None:
        self.findings.append(finding)
        self.checks.append(f"{finding.kind}: {finding.message}")

    def best_amount(self) -> Decimal | None:
        """The amount to do arithmetic with: the table's when the prose misquotes it."""
        return self.true_amount if self.true_amount is not None else self.claim.amount

    def result(self) -> ClaimResult:
        status = "mismatch" if self.findings else "verified" if self.ok else "unverified"
        return ClaimResult(claim=self.claim, status=status, checks=self.checks, concept=self.concept)  # type: ignore[arg-type]

    def finding(self, kind: str, message: str, **kw) -> Finding:
        """A finding on this claim; its evidence defaults to the table cell the claim's
        amount was checked against, so arithmetic findings show their base too."""
        if not kw.get("evidence") and self.fact is not None:
            kw["evidence"] = [evidence_of(self.fact)]
        return make_finding(kind, message, self.claim.quote, self.claim.line, page=self.page,
                            subject=self.claim.subject, **kw)


def money(value: Decimal, unit: str | None, like: Decimal | None = None) -> str:
    from .tolerance import places

    return f"{fmt_amount(value, places(like) if like is not None else 2)} {unit or '万元'}"


@dataclass
class Context:
    """Everything a claim rule may look at."""

    doc: DocContext
    facts: dict[str, list[Fact]]
    labels: dict[str, list[Fact]]
    ledgers: list[Ledger]
    single_fund: set[str] = field(default_factory=set)
    """Fund scopes ('gpb', 'fiscal') whose total is the whole budget: their tables hold the
    all-funds figures too."""
    position: dict[int, int] = field(init=False, default_factory=dict)
    """A ledger's place in ``ledgers``, by id: rules look back from a claim without
    searching the list for it."""
    stated: dict[str, list[int]] = field(init=False, default_factory=dict)
    """Places of the ledgers whose claim states an amount, by the claim's subject."""
    by_code: dict[str, list[Fact]] = field(init=False, default_factory=dict)
    """Table figures (read from a cell) by 科目 code, whatever their fund scope or role."""
    parts: dict[str, list[int]] = field(init=False, default_factory=dict)
    """Places of the ledgers listed under a parent, by the parent's subject."""
    named: dict[str, list[int]] = field(init=False, default_factory=dict)
    """Places of every ledger, by its claim's subject."""

    def __post_init__(self) -> None:
        for key, facts in self.facts.items():
            code = key.rsplit(":", 1)[-1]
            if code.isdigit():
                self.by_code.setdefault(code, []).extend(f for f in facts if f.derived is None)
        for i, ledger in enumerate(self.ledgers):
            self.position[id(ledger)] = i
            self.named.setdefault(ledger.claim.subject, []).append(i)
            if ledger.claim.amount is not None:
                self.stated.setdefault(ledger.claim.subject, []).append(i)
            if ledger.claim.parent is not None:
                self.parts.setdefault(ledger.claim.parent, []).append(i)
