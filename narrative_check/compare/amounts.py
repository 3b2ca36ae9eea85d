"""Stated amounts and counts against the tables: amount-, unit-, period- and count-mismatch."""

from __future__ import annotations

import re
from bisect import bisect_left
from decimal import ROUND_DOWN, Decimal

from ..models import Claim, Fact
from ..tables.concepts import (
    candidates,
    concept_name,
    normalize_label,
    prose_concept,
    subject_concept,
)
from ..claims.scope import find_path, is_generic
from .base import Context, Ledger, evidence_of, money
from .items import fund_scope, item_facts, scoped
from .causes import likely_cause
from .tolerance import half_ulp, matches, places, to_unit

_PROSE_UNITS = ("元", "万元", "亿元")
_OTHER_PERIODS = ("prior", "budget")  # concept heads of a row's prior-year and 年初预算 columns
_MONEY_NOUN = re.compile(r"^(?:涉及|安排|共|合计|其中)?(?:预算|财政)?(?:拨款|资金|金额|预算|经费)(?:金额|资金|总额)?$")
_PROJECT_LEVEL = re.compile(r"[一二三]级|重点|二级|一级|绩效|评价")
_ONE_PROJECT = re.compile(r"该项目|本项目|此项目|项目批复|项目(?:全年|年初)预算")
_PROJECT_SECTION = re.compile(r"绩效|自评|项目情况|重点项目|专项资金")
_PRIOR_WORDS = re.compile(r"上年|上一年|去年|决算数|执行数")
_HEAD_WINDOW = 400


def resolve(ledger: Ledger, ctx: Context) -> tuple[list[Fact], bool]:
    """The facts a claim's subject names, and whether the match is weak (taken from
    the sentence around it rather than the subject itself)."""
    facts, weak = _resolve(ledger, ctx)
    claim = ledger.claim
    if facts and (claim.section and _PROJECT_SECTION.search(claim.section) or _ONE_PROJECT.search(claim.quote)):
        # Figures of a 绩效 section may cover some projects only, or their whole budgets:
        # a table figure can confirm them, but a difference is no error.
        return facts, True
    if facts and claim.parent and not _parent_resolved(ledger, ctx):
        # '涉及预算资金419万元，其中财政拨款419万元': a part of a total the tables do not
        # hold is a part of that total, not the document's 财政拨款.
        return facts, True
    return facts, weak


def _parent_resolved(ledger: Ledger, ctx: Context) -> bool:
    # the last claim before this one named as its parent, looked up by place, not searched
    places = ctx.named.get(ledger.claim.parent or "", []) if ledger.claim.parent is not None else []
    n = bisect_left(places, ctx.position[id(ledger)])
    if n:
        other = ctx.ledgers[places[n - 1]]
        return other.concept is not None or bool(other.ok)
    return True


def _resolve(ledger: Ledger, ctx: Context) -> tuple[list[Fact], bool]:
    claim = ledger.claim
    path = find_path(claim.subject) or (find_path(claim.item) if claim.item else None)
    if path is not None:
        # An item named by its 类/款/项 path (in the sentence or in the heading above it)
        # is judged only against rows of that 科目; never against the 类 total its first
        # word would match, nor against the document's totals its bare words would.
        item, exact = item_facts(path, ctx)
        # The row's figures of this year: its prior-year and 年初预算 columns are other
        # periods (a 年初预算 claim is mapped to its column by check_amount).
        item = [f for f in item if f.concept.partition(":")[0] not in _OTHER_PERIODS]
        scope = fund_scope(claim)
        if scope is not None:
            item = scoped(item, scope)  # '一般公共预算…主要用于：住房保障支出（类）…' is the GPB row
        if item:
            ledger.concept = item[0].concept
        return item, not exact
    concept, weak = subject_concept(claim.subject)
    if ctx.doc.kind == "决算" and claim.basis and is_generic(claim.subject):
        weak = True  # a bare '支出决算为 X' names no item of its own
    if concept is None:
        label = normalize_label(re.sub(r"(?:支出|经费|费用)?(?:预算|决算)?数?$", "", claim.subject))
        if label and label in ctx.labels:
            facts = ctx.labels[label]
            ledger.concept = facts[0].concept
            return facts, False
        cut = claim.quote.find(claim.subject) if claim.subject else -1
        # The words just before the subject; bounded, so a sentence of thousands of
        # figures costs each claim the same, not the whole sentence.
        head = (claim.quote[:cut] if cut >= 0 else claim.quote)[-_HEAD_WINDOW:]
        concept = prose_concept(head)
        # '对项目支出…，涉及预算拨款 869.48 万元': a bare money noun takes the item the
        # sentence names; any other unknown subject only borrows it weakly.
        weak = not _MONEY_NOUN.match(claim.subject)
    if concept is None:
        return [], False
    ledger.concept = concept
    keys = candidates(concept)
    facts = scoped([f for key in keys for f in ctx.facts.get(key, [])], fund_scope(claim))
    # A figure found only under a stand-in concept (财政拨款收入 → the 一般公共预算 row when no
    # 财政拨款 total is printed) may confirm the claim but is no ground for an error.
    own = {_base(concept), _base(keys[0])}
    stand_in = bool(facts) and all(_base(f.concept) not in own for f in facts)
    if fund_scope(claim) is None and _scope_of(keys[0]) is None and facts \
            and all(_scope_of(f.concept) not in (None, *ctx.single_fund) for f in facts):
        # An all-funds figure ('人员支出') found only in a 一般公共预算 table: the same
        # figure only when that fund is the whole budget. (A concept of one fund, from the
        # words the sentence opens with, names its fund: '政府性基金预算支出…涉及预算拨款'.)
        stand_in = True
    return facts, weak or stand_in


def _scope_of(concept: str) -> str | None:
    head = concept.split(":", 1)[0]
    return head if head in ("gpb", "fiscal", "gov_fund", "soe_capital", "gpb_project") and ":" in concept else None


def _base(concept: str) -> str:
    """'gpb:func:208' → 'func:208', 'fiscal:expense_year' → 'expense_year'."""
    head, _, rest = concept.partition(":")
    return rest if head in ("gpb", "fiscal", "gov_fund", "soe_capital", "prior", "budget") and rest else concept


def check_amount(ledger: Ledger, ctx: Context) -> None:
    claim = ledger.claim
    if claim.amount is None:
        return
    label = claim.subject or "amount"
    facts, weak = resolve(ledger, ctx)
    if claim.basis == "budget" and ctx.doc.kind == "决算":
        # A 年初预算 figure is judged against the tables' 年初预算 columns only.
        facts = [f for fact in facts for f in ctx.facts.get(f"budget:{fact.concept}", [])]
        if not facts:
            ledger.note(f"'{label}' is the 年初预算; no table prints a 年初预算 column for it")
            return
    if not facts:
        ledger.note(f"no table figure for '{label}'")
        return
    stated = claim.amount
    for fact in facts:
        true = to_unit(fact.value, claim.unit)
        slack = Decimal("0.01") if fact.derived else Decimal(0)
        if matches(stated, true, slack):
            ledger.true_amount = stated
            ledger.fact = fact
            ledger.prior = next(iter(ctx.facts.get(f"prior:{fact.concept}", [])), None)
            ledger.passed(f"{label} {money(stated, claim.unit, stated)} = {fact.table} · {fact.row} "
                          f"{fact.column or ''} {fact.raw:f} {fact.unit}".replace("  ", " ")
                          + (" (matched by name; the table files it at another level)" if weak and ledger.claim.item or find_path(label) and weak else ""))
            return
    if weak:
        ledger.note(f"'{label}' not matched to a table row (sentence mentions {concept_name(ledger.concept or '')})")
        return
    primary = facts[0]
    ledger.fact = primary
    true = to_unit(primary.value, claim.unit)
    shown = stated if places(stated) >= 2 else None  # the table's figure keeps at least two decimals
    for unit in _PROSE_UNITS:
        # Only the units prose really mixes up (元/万元/亿元: factors of 10⁴); a factor
        # of 10 is a shifted decimal point, an amount-mismatch.
        if stated and unit != (claim.unit or "万元") and matches(stated, to_unit(primary.value, unit)):
            ledger.fail(ledger.finding(
                "unit-mismatch",
                f"{label} stated {stated:f} {claim.unit}, but {primary.table} has {money(true, claim.unit, shown)} "
                f"({stated:f} would be {unit})",
                stated=f"{stated:f} {claim.unit}", expected=money(true, claim.unit, shown),
                evidence=[evidence_of(primary)], cause=f"{unit} written as {claim.unit}"))
            # The number is right, only its unit is not: rates are judged on the number.
            ledger.fact = primary
            ledger.true_amount = stated
            ledger.amount_wrong = True
            return
    ledger.prior = next(iter(ctx.facts.get(f"prior:{primary.concept}", [])), None)
    severity, cause, evidence = None, None, [evidence_of(primary)]
    copy = _rounded_copy(stated, true, primary, facts, ctx, claim.unit)
    if copy is None and places(stated) and stated == true.quantize(Decimal(1).scaleb(-places(stated)), rounding=ROUND_DOWN):
        # 7633.515… printed as '7633.51': cut, not rounded.
        severity, cause = "warning", "the figure is truncated, not rounded, to its last decimal"
    elif copy is not None:
        # Two tables print the same row one unit apart; the prose follows one of them.
        severity, evidence = "warning", evidence + [evidence_of(copy)]
        cause = f"the tables differ by one unit in the last place (rounding): {copy.table} has {copy.raw:f}"
    elif (wider := _other_scope_match(stated, facts, ctx, claim)) is not None:
        evidence.append(evidence_of(wider))
        cause = (f"figure of another fund scope: {wider.table} · {wider.row} has {wider.raw:f} {wider.unit} "
                 f"for all funds")
    else:
        taken = {id(f) for f in facts}  # by identity: comparing pydantic models field by field is slow
        others = [fs[0] for fs in ctx.facts.values() if fs and id(fs[0]) not in taken]
        cause = likely_cause(stated, true, others, claim.unit)
    ledger.true_amount = true
    ledger.amount_wrong = True
    ledger.fail(ledger.finding(
        "amount-mismatch",
        f"{label} stated {money(stated, claim.unit, stated)}, {primary.table} · {primary.row} has "
        f"{money(true, claim.unit, shown)}",
        stated=money(stated, claim.unit, stated), expected=money(true, claim.unit, shown),
        evidence=evidence, cause=cause, severity=severity))


def _other_scope_match(stated: Decimal, facts: list[Fact], ctx: Context, claim: Claim) -> Fact | None:
    """For a figure of one fund scope ('一般公共预算财政拨款基本支出'), the all-funds fact of
    the same concept that the stated figure equals."""
    if fund_scope(claim) is None:
        return None
    for fact in facts:
        for other in ctx.facts.get(_base(fact.concept), []):
            if other not in facts and matches(stated, to_unit(other.value, claim.unit)):
                return other
    return None


def _rounded_copy(stated: Decimal, true: Decimal, primary: Fact, facts: list[Fact], ctx: Context,
                  unit: str | None) -> Fact | None:
    """Another table's copy of the same row (any fund scope) that equals the stated figure,
    when the row's own figure is one unit in the last place away."""
    if abs(stated - true) > half_ulp(stated) * 2 + Decimal("1e-9"):
        return None
    # A copy of the same column: a 年初预算 figure is no copy of the row's 决算 figure.
    head, _, rest = primary.concept.partition(":")
    role = f"{head}:" if head in _OTHER_PERIODS else ""
    base = _base(rest if role else primary.concept)
    for key in (f"{role}{base}", f"{role}gpb:{base}", f"{role}fiscal:{base}"):
        for fact in ctx.facts.get(key, []):
            if fact not in facts and fact.derived is None and matches(stated, to_unit(fact.value, unit)):
                return fact
    return None


def check_period(ledger: Ledger, ctx: Context) -> None:
    claim, year = ledger.claim, ctx.doc.year
    if claim.year is None or year is None or claim.year == year:
        return
    if claim.amount is None and claim.count is None:
        return
    if _PRIOR_WORDS.search(claim.subject):
        return
    if ctx.doc.kind == "决算" and claim.year == year + 1:
        return  # a 决算 published in N+1 may date itself
    if ledger.fact is None and ledger.concept is None:
        # A year is wrong only when the figure is this year's: one the tables confirm for
        # this period. An unconfirmed figure may well belong to the year it names.
        ledger.note(f"dated {claim.year}; it names nothing the tables hold for this year, so the year may be right")
        return
    ledger.fail(ledger.finding(
        "period-mismatch",
        f"{claim.subject or 'figure'} is dated {claim.year}, but the document is the {year} {ctx.doc.kind or ''}".strip(),
        stated=str(claim.year), expected=str(year),
        cause="year copied from another year's document" if abs(claim.year - year) == 1 else None))


def check_count(ledger: Ledger, ctx: Context) -> None:
    claim = ledger.claim
    if claim.count is None:
        return
    if "项目" in claim.subject and ctx.facts.get("project_count") and not _PROJECT_LEVEL.search(claim.subject):
        fact = ctx.facts["project_count"][0]
        expected = int(fact.value)
        if claim.count == expected:
            ledger.passed(f"{claim.count} {claim.count_unit}{claim.subject} = {expected} project rows in {fact.table}")
        else:
            ledger.fail(ledger.finding(
                "count-mismatch",
                f"{claim.subject} count stated {claim.count}, {fact.table} lists {expected} projects",
                stated=str(claim.count), expected=str(expected), evidence=[evidence_of(fact)]))
        return
    ledger.note(f"no table counts '{claim.subject}'")
