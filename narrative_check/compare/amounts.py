"""Stated amounts and counts against the tables: amount-, unit-, period- and count-mismatch."""

from __future__ import annotations

import re
from decimal import Decimal

from ..models import Fact
from ..tables.concepts import (
    candidates,
    concept_name,
    func_code_for_label,
    is_generic_match,
    normalize_label,
    prose_concept,
)
from .base import Context, Ledger, evidence_of, money
from .causes import likely_cause
from .tolerance import matches, places, to_unit

_PROSE_UNITS = ("元", "万元", "亿元")
_MONEY_NOUN = re.compile(r"^(?:涉及|安排|共|合计|其中)?(?:预算|财政)?(?:拨款|资金|金额|预算|经费)(?:金额|资金|总额)?$")
_ITEM_LEVELS = re.compile(r"[（(](类|款|项)[)）]")
_PRIOR_WORDS = re.compile(r"上年|上一年|去年|决算数|执行数")
_HEAD_WINDOW = 400


def resolve(ledger: Ledger, ctx: Context) -> tuple[list[Fact], bool]:
    """The facts a claim's subject names, and whether the match is weak (taken from
    the sentence around it rather than the subject itself)."""
    claim = ledger.claim
    if _ITEM_LEVELS.search(claim.subject):
        # An item named by its 类/款/项 path is judged only against rows of that name;
        # never against the 类 total its first word would match.
        item, exact = _item_facts(claim.subject, ctx)
        if item:
            ledger.concept = item[0].concept
        return item, not exact
    concept = prose_concept(claim.subject)
    weak = is_generic_match(claim.subject)
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
    facts = [f for key in candidates(concept) for f in ctx.facts.get(key, [])]
    return facts, weak


def _item_facts(subject: str, ctx: Context) -> tuple[list[Fact], bool]:
    """'社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）'
    → the facts of the row named last, at that level, under the 类 named first; when no
    row of that name sits at that level, rows of that name at any level (not exact)."""
    parts = _ITEM_LEVELS.split(subject)
    if len(parts) < 3:
        return [], False
    names = [normalize_label(parts[i].strip("“”\"")) for i in range(0, len(parts) - 1, 2)]
    width = {"类": 3, "款": 5, "项": 7}[parts[-2]]
    top = func_code_for_label(names[0]) if parts[1] == "类" else None
    if len(names) >= 3 and parts[3] == "款":
        # '一般行政管理事务' sits under many 款: keep the one under the 款 named.
        kuan = {_code(f) for f in ctx.labels.get(names[1], []) if len(_code(f)) == 5
                and (top is None or _code(f).startswith(top))}
        if kuan:
            top = None
            named = [f for f in ctx.labels.get(names[-1], []) if _code(f)[:5] in kuan]
            exact = [f for f in named if len(_code(f)) == width]
            return (exact, True) if exact else (named, False)
    named = [f for f in ctx.labels.get(names[-1], []) if _code(f) and (top is None or _code(f).startswith(top))]
    exact = [f for f in named if len(_code(f)) == width]
    return (exact, True) if exact else (named, False)


def _code(fact: Fact) -> str:
    tail = fact.concept.rsplit(":", 1)[-1]
    return tail if tail.isdigit() else ""


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
                          + (" (matched by name; the table files it at another level)" if weak and _ITEM_LEVELS.search(label) else ""))
            return
    if weak:
        ledger.note(f"'{label}' not matched to a table row (sentence mentions {concept_name(ledger.concept or '')})")
        return
    primary = facts[0]
    ledger.fact = primary
    true = to_unit(primary.value, claim.unit)
    for unit in _PROSE_UNITS:
        # Only the units prose really mixes up (元/万元/亿元: factors of 10⁴); a factor
        # of 10 is a shifted decimal point, an amount-mismatch.
        if stated and unit != (claim.unit or "万元") and matches(stated, to_unit(primary.value, unit)):
            ledger.fail(ledger.finding(
                "unit-mismatch",
                f"{label} stated {stated:f} {claim.unit}, but {primary.table} has {money(true, claim.unit, stated)} "
                f"({stated:f} would be {unit})",
                stated=f"{stated:f} {claim.unit}", expected=money(true, claim.unit, stated),
                evidence=[evidence_of(primary)], cause=f"{unit} written as {claim.unit}"))
            # The number is right, only its unit is not: rates are judged on the number.
            ledger.true_amount = stated
            ledger.amount_wrong = True
            return
    ledger.prior = next(iter(ctx.facts.get(f"prior:{primary.concept}", [])), None)
    taken = {id(f) for f in facts}  # by identity: comparing pydantic models field by field is slow
    others = [fs[0] for fs in ctx.facts.values() if fs and id(fs[0]) not in taken]
    cause = likely_cause(stated, true, others, claim.unit)
    ledger.true_amount = true
    ledger.amount_wrong = True
    shown = stated if places(stated) >= 2 else None  # the table's figure keeps at least two decimals
    ledger.fail(ledger.finding(
        "amount-mismatch",
        f"{label} stated {money(stated, claim.unit, stated)}, {primary.table} · {primary.row} has "
        f"{money(true, claim.unit, shown)}",
        stated=money(stated, claim.unit, stated), expected=money(true, claim.unit, shown),
        evidence=[evidence_of(primary)], cause=cause))


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
    ledger.fail(ledger.finding(
        "period-mismatch",
        f"{claim.subject or 'figure'} is dated {claim.year}, but the document is the {year} {ctx.doc.kind or ''}".strip(),
        stated=str(claim.year), expected=str(year),
        cause="year copied from another year's document" if abs(claim.year - year) == 1 else None))


def check_count(ledger: Ledger, ctx: Context) -> None:
    claim = ledger.claim
    if claim.count is None:
        return
    if "项目" in claim.subject and ctx.facts.get("project_count"):
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
