"""The prose's own arithmetic: growth rates, directions, shares, completion rates and
totals of listed parts. Figures already checked against a table are used at their
table value, so one misquoted amount is reported once, not again in every rate."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from decimal import Decimal

from ..tables.concepts import candidates, catalogue, identities, prose_concept, subject_concept
from ..models import Claim, Evidence
from .base import Context, Ledger, evidence_of
from .items import fund_scope, scoped
from .tolerance import half_ulp, ratio_range, rounded, to_unit

_SIGN = {"increase": 1, "decrease": -1, "flat": 0}


def _fmt_pct(value: Decimal, like: Decimal) -> str:
    return f"{rounded(value, like):f}%"


def _growth_range(amount: Decimal, change: Decimal, sign: int) -> tuple[Decimal, Decimal] | None:
    """Growth % = change / (amount − sign·change), over the rounding of both inputs."""
    prior = amount - sign * change
    return ratio_range(change, prior, half_ulp(change), half_ulp(amount) + half_ulp(change))


def _within(stated: Decimal, rng: tuple[Decimal, Decimal] | None) -> bool:
    if rng is None:
        return False
    slack = half_ulp(stated)
    return rng[0] - slack <= stated <= rng[1] + slack


def _rounding_slip(stated: Decimal, rng: tuple[Decimal, Decimal] | None) -> tuple[str | None, str | None]:
    """A rate that the true value truncated (not rounded) to the stated decimals gives:
    some units cut instead of rounding (99.868% → '99.86%'). Worth a warning naming
    the cause, not an error. Returns (severity, cause), or (None, None)."""
    if rng is None or (rng[0] < 0 < rng[1]):
        return None, None
    lo, hi = sorted((abs(rng[0]), abs(rng[1])))
    value = abs(stated)
    ulp = half_ulp(value) * 2
    if value <= hi + Decimal("1e-9") and value + ulp > lo:
        return "warning", "the rate is truncated, not rounded, to its last decimal"
    return None, None


def check_growth(ledger: Ledger, ctx: Context) -> None:
    c = ledger.claim
    amount = ledger.best_amount()
    if c.prior_amount is not None and amount is not None:
        # The prose states the base itself ('上年执行数为 P 万元，本年预算 C 万元，增长 G%').
        if _check_prior(ledger, amount):
            return
        if c.change is None:
            if c.growth_pct is not None:
                _rate_against_prior(ledger, amount, c.prior_amount, "the prior figure the sentence states")
            return
    elif ledger.prior is not None and amount is not None and c.change is not None:
        if _check_table_prior(ledger, amount):
            return
    if c.change is None:
        if c.direction in ("increase", "decrease") and c.growth_direction and c.growth_direction != c.direction:
            _direction_finding(ledger, c.direction, c.growth_direction)
        elif c.growth_pct is not None and ledger.prior is not None and amount is not None:
            fact = ledger.prior
            _rate_against_prior(ledger, amount, to_unit(fact.value, c.unit), f"the prior year ({fact.table})",
                                evidence_of(fact))
        return
    if c.direction == "flat" and c.change != 0:
        if hedge := _roughly(c):
            ledger.note(f"said roughly unchanged ('{hedge}'): a change of {c.change:f} {c.unit} may be meant")
        else:
            ledger.fail(ledger.finding("direction-mismatch",
                                       f"{c.subject} said unchanged but changed by {c.change:f} {c.unit}",
                                       stated="持平", expected=f"{c.change:f} {c.unit}"))
        return
    if c.change == 0:
        if c.growth_pct not in (None, Decimal(0)):
            ledger.fail(ledger.finding("growth-mismatch", f"{c.subject}: no change, yet a rate of {c.growth_pct:f}%",
                                       stated=f"{c.growth_pct:f}%", expected="0%"))
        return
    if c.growth_pct is None or amount is None:
        ledger.note("change stated without a rate or without the current amount")
        return
    word = c.direction or c.growth_direction
    rate_word = c.growth_direction or c.direction
    if word and rate_word and "flat" not in (word, rate_word) and word != rate_word:
        _direction_finding(ledger, word, rate_word)
        return
    sign = _SIGN.get(word or "increase", 1) or 1
    rng = _growth_range(amount, c.change, sign)
    prior = amount - sign * c.change
    if rng is None:
        ledger.note("prior-year base is zero: no rate can be computed")
        return
    if ledger.amount_wrong and c.amount is not None and _within(c.growth_pct, _growth_range(c.amount, c.change, sign)):
        ledger.note(f"rate {c.growth_pct:f}% follows the misquoted amount {c.amount:f} (reported once, as the amount)")
        return
    if _within(c.growth_pct, rng):
        ledger.passed(f"growth {c.growth_pct:f}% = {c.change:f} ÷ ({amount:f} {'−' if sign > 0 else '+'} {c.change:f})")
        return
    expected = c.change / prior * 100
    cause = None
    if amount and _within(c.growth_pct, ratio_range(c.change, amount, half_ulp(c.change), half_ulp(amount))):
        cause = "rate computed on the current amount instead of the prior one"
    elif sorted(f"{c.growth_pct:f}") == sorted(f"{rounded(expected, c.growth_pct):f}"):
        cause = "digits transposed"
    severity = None
    if cause is None:
        severity, cause = _rounding_slip(c.growth_pct, rng)
    ledger.fail(ledger.finding(
        "growth-mismatch",
        f"{c.subject} growth stated {c.growth_pct:f}%, but {c.change:f} ÷ {prior:f} = {_fmt_pct(expected, c.growth_pct)}",
        stated=f"{c.growth_pct:f}%", expected=_fmt_pct(expected, c.growth_pct), cause=cause, severity=severity))


def _check_table_prior(ledger: Ledger, amount: Decimal) -> bool:
    """The stated change against the prior-year column the table prints. Returns
    True when it found a fault (so the rate is not judged twice)."""
    c = ledger.claim
    fact = ledger.prior
    assert fact is not None and c.change is not None
    prior = to_unit(fact.value, c.unit)
    actual = amount - prior
    where = f"{fact.table} · {fact.row} {fact.column}".strip()
    sign = 1 if actual > 0 else -1 if actual < 0 else 0
    if c.direction in ("increase", "decrease") and sign and _SIGN[c.direction] != sign and c.change != 0:
        ledger.fail(ledger.finding(
            "direction-mismatch",
            f"{c.subject} is said to {'rise' if c.direction == 'increase' else 'fall'}, but {where} gives the prior year "
            f"{prior:f} against {amount:f}", stated=c.direction, expected="increase" if sign > 0 else "decrease",
            evidence=[evidence_of(fact)]))
        return True
    if abs(abs(actual) - c.change) > half_ulp(c.change) + half_ulp(amount) + Decimal("0.005"):
        ledger.fail(ledger.finding(
            "growth-mismatch",
            f"{c.subject} change stated {c.change:f} {c.unit}, but {amount:f} − {prior:f} ({where}) = {actual:f}",
            stated=f"{c.change:f} {c.unit}", expected=f"{abs(actual):f} {c.unit}", evidence=[evidence_of(fact)]))
        return True
    ledger.passed(f"change {c.change:f} = {amount:f} − prior {prior:f} ({where})")
    return False


def _rate_against_prior(ledger: Ledger, amount: Decimal, prior: Decimal, where: str,
                        evidence: Evidence | None = None) -> None:
    """'…比上年增长 5.00%' with no change amount: judged on a prior figure (stated in
    the sentence, or printed in the table's prior-year column)."""
    c = ledger.claim
    assert c.growth_pct is not None
    if prior == 0:
        ledger.note(f"growth from a zero base ({where}): no rate can be computed"
                    + (f"; {c.growth_pct:f}% is the usual convention" if c.growth_pct == 100 else ""))
        return
    actual = (amount - prior) / prior * 100
    sign = _SIGN.get(c.growth_direction or "increase", 1) or 1
    stated = sign * c.growth_pct
    ulp = half_ulp(amount) + half_ulp(prior)
    rng = ratio_range(amount - prior, prior, ulp, half_ulp(prior))
    if _within(stated, rng):
        ledger.passed(f"rate {c.growth_pct:f}% = ({amount:f} − {prior:f}) ÷ {prior:f}")
        return
    if ledger.amount_wrong and c.amount is not None and _within(
            stated, ratio_range(c.amount - prior, prior, half_ulp(c.amount) + half_ulp(prior), half_ulp(prior))):
        ledger.note(f"rate {c.growth_pct:f}% follows the misquoted amount {c.amount:f} (reported once, as the amount)")
        return
    kind = "direction-mismatch" if actual and (actual > 0) != (sign > 0) else "growth-mismatch"
    # Truncation explains a last digit, never a rate of the wrong sign.
    severity, cause = _rounding_slip(stated, rng) if kind == "growth-mismatch" else (None, None)
    ledger.fail(ledger.finding(kind, f"{c.subject} rate stated {stated:f}%, but against {where} "
                                     f"{prior:f} it is {_fmt_pct(actual, c.growth_pct)}",
                               stated=f"{stated:f}%", expected=_fmt_pct(actual, c.growth_pct),
                               evidence=[evidence] if evidence else [], severity=severity, cause=cause))


def _direction_finding(ledger: Ledger, change_word: str, rate_word: str) -> None:
    words = {"increase": "增加/增长", "decrease": "减少/下降"}
    ledger.fail(ledger.finding(
        "direction-mismatch",
        f"{ledger.claim.subject}: the change says {words.get(change_word, change_word)} but the rate says "
        f"{words.get(rate_word, rate_word)}",
        stated=words.get(change_word), expected=words.get(rate_word)))


_ROUGHLY = re.compile(r"(?:基本|大致|大体|总体|略有?)\s*(?:持平|一致|不变|相当|相同)")


def _roughly(claim: Claim) -> str:
    """'基本持平', '大体一致': the prose says the figure hardly moved, not that it did not."""
    m = _ROUGHLY.search(claim.quote)
    return m.group(0) if m else ""


def _check_prior(ledger: Ledger, amount: Decimal) -> bool:
    """A change or direction against the prior figure the sentence states. Returns True
    when it found a fault (so the rate is not judged twice)."""
    c = ledger.claim
    assert c.prior_amount is not None
    actual = amount - c.prior_amount
    sign = 1 if actual > 0 else -1 if actual < 0 else 0
    word = c.direction or c.growth_direction
    if word and word != "flat" and sign and _SIGN[word] != sign:
        ledger.fail(ledger.finding(
            "direction-mismatch",
            f"{c.subject} went from {c.prior_amount:f} to {amount:f}, which is not "
            f"{'an increase' if word == 'increase' else 'a decrease'}",
            stated=word, expected="increase" if sign > 0 else "decrease"))
        return True
    if word == "flat" and sign:
        if hedge := _roughly(c):
            ledger.note(f"said roughly unchanged ('{hedge}'): {c.prior_amount:f} to {amount:f} may be meant")
        else:
            ledger.fail(ledger.finding(
                "direction-mismatch", f"{c.subject} said unchanged, but went from {c.prior_amount:f} to {amount:f}",
                stated="持平", expected="increase" if sign > 0 else "decrease"))
        return True
    if c.change is not None and abs(abs(actual) - c.change) > half_ulp(c.change) + half_ulp(amount) * 2:
        ledger.fail(ledger.finding(
            "growth-mismatch", f"{c.subject} change stated {c.change:f}, but {amount:f} − {c.prior_amount:f} = {actual:f}",
            stated=f"{c.change:f}", expected=f"{abs(actual):f}"))
        return True
    return False


def _wholes(ledger: Ledger, ctx: Context) -> tuple[list[tuple[Decimal, str]], bool]:
    """What a share may be of: the table figures of the whole the sentence names (all of
    them when the name is ambiguous: '支出总额' may be 支出总计 or 本年支出合计), or the
    total it is listed under. The flag is True when the whole was named only loosely."""
    c = ledger.claim
    if c.share_of and c.share_of != c.parent:
        concept, weak = subject_concept(c.share_of)
        if concept:
            facts = scoped([f for key in candidates(concept) for f in ctx.facts.get(key, [])],
                           fund_scope(Claim(quote="", subject=c.share_of)))
            if facts:
                seen: dict[Decimal, str] = {}
                for fact in facts:
                    seen.setdefault(fact.value, f"{fact.row} ({fact.table})")
                return [(value, name) for value, name in seen.items()], weak
    if c.parent:
        # The last claim before this one that states the parent's amount.
        places = ctx.stated.get(c.parent, [])
        n = bisect_left(places, ctx.position[id(ledger)])
        if n:
            other = ctx.ledgers[places[n - 1]]
            value = other.best_amount()
            assert value is not None
            return [(value, other.claim.subject)], False
    return [], False


def check_share(ledger: Ledger, ctx: Context) -> None:
    c = ledger.claim
    if c.share_pct is None:
        return
    part = ledger.best_amount()
    wholes, loose = _wholes(ledger, ctx)
    if part is None or not wholes:
        ledger.note(f"share {c.share_pct:f}% of an unnamed whole")
        return
    for value, name in wholes:
        if _within(c.share_pct, ratio_range(part, value, half_ulp(part), half_ulp(value))):
            ledger.passed(f"share {c.share_pct:f}% = {part:f} ÷ {value:f} ({name})")
            return
    value, name = wholes[0]
    rng = ratio_range(part, value, half_ulp(part), half_ulp(value))
    if ledger.amount_wrong and c.amount is not None and _within(
            c.share_pct, ratio_range(c.amount, value, half_ulp(c.amount), half_ulp(value))):
        ledger.note(f"share {c.share_pct:f}% follows the misquoted amount {c.amount:f} (reported once, as the amount)")
        return
    if rng is None:
        ledger.note(f"share of {name}, which is zero")
        return
    if c.share_pct == 100 and part > value + half_ulp(value):
        ledger.note(f"'占…100%' of {name} with a part larger than the whole: a coverage statement, not a ratio")
        return
    if loose:
        ledger.note(f"share of '{c.share_of}', which names no table figure unambiguously")
        return
    expected = part / value * 100
    severity, cause = _rounding_slip(c.share_pct, rng)
    if severity is None and _forced_to_100(ledger, ctx, expected):
        severity, cause = "warning", "shares rounded so that the list adds to 100%"
    ledger.fail(ledger.finding(
        "share-mismatch",
        f"{c.subject} share stated {c.share_pct:f}%, but {part:f} ÷ {value:f} ({name}) = {_fmt_pct(expected, c.share_pct)}",
        stated=f"{c.share_pct:f}%", expected=_fmt_pct(expected, c.share_pct), severity=severity, cause=cause))


def _forced_to_100(ledger: Ledger, ctx: Context, expected: Decimal) -> bool:
    """A share one unit off in its last decimal, in a list whose shares add to exactly 100%:
    the unit adjusted one share so the list closes."""
    c = ledger.claim
    assert c.share_pct is not None
    if abs(c.share_pct - expected) > half_ulp(c.share_pct) * 3 or not c.parent:
        return False
    shares = [o.claim.share_pct for o in ctx.ledgers if o.claim.parent == c.parent and o.claim.share_pct is not None]
    return len(shares) >= 2 and abs(sum(shares, Decimal(0)) - 100) <= Decimal("0.005")


def _confirm_budget(ledger: Ledger, ctx: Context, how: str) -> None:
    """The 年初预算 figure beside a 决算 one, when no table prints 年初预算, is still checked:
    the rate or the comparison the sentence states ties the two figures together."""
    c = ledger.claim
    start = ctx.position[id(ledger)]
    for other in ctx.ledgers[max(0, start - 4): start]:
        o = other.claim
        if o.basis == "budget" and o.amount == c.budget_amount and o.line <= c.line and not other.ok:
            other.passed(f"年初预算 {o.amount:f}: {how} (决算 {ledger.best_amount():f})")


_COMPARISON_WORDS = {"greater": "大于", "less": "小于", "equal": "等于"}


def check_completion(ledger: Ledger, ctx: Context) -> None:
    """决算 against 年初预算: '完成年初预算的 P%' and '决算数大于/小于预算数'."""
    c = ledger.claim
    amount = ledger.best_amount()
    budget = c.budget_amount
    if amount is None or budget is None:
        return
    if c.comparison:
        want = "greater" if amount > budget else "less" if amount < budget else "equal"
        if c.comparison != want:
            ledger.fail(ledger.finding(
                "direction-mismatch",
                f"{c.subject}: says 决算数{_COMPARISON_WORDS[c.comparison]}预算数, but 决算 {amount:f} vs 预算 {budget:f}",
                stated=_COMPARISON_WORDS[c.comparison], expected=_COMPARISON_WORDS[want]))
        else:
            ledger.passed(f"决算 {amount:f} {_COMPARISON_WORDS[want]} 预算 {budget:f}")
            _confirm_budget(ledger, ctx, f"决算数{_COMPARISON_WORDS[want]}预算数 holds against it")
    if c.completion_pct is None:
        return
    rng = ratio_range(amount, budget, half_ulp(amount), half_ulp(budget))
    if rng is None:
        ledger.note("年初预算 is zero: no completion rate")
        return
    if _within(c.completion_pct, rng):
        ledger.passed(f"completion {c.completion_pct:f}% = {amount:f} ÷ {budget:f}")
        _confirm_budget(ledger, ctx, f"the completion rate {c.completion_pct:f}% holds with it")
        return
    if ledger.amount_wrong and c.amount is not None and _within(
            c.completion_pct, ratio_range(c.amount, budget, half_ulp(c.amount), half_ulp(budget))):
        ledger.note(f"completion {c.completion_pct:f}% follows the misquoted amount {c.amount:f} (reported once, as the amount)")
        return
    expected = amount / budget * 100
    severity, cause = _rounding_slip(c.completion_pct, rng)
    ledger.fail(ledger.finding("share-mismatch",
                               f"completion stated {c.completion_pct:f}%, but {amount:f} ÷ {budget:f} = "
                               f"{_fmt_pct(expected, c.completion_pct)}",
                               stated=f"{c.completion_pct:f}%", expected=_fmt_pct(expected, c.completion_pct),
                               severity=severity, cause=cause))


def _exhaustive(total: Ledger, parts: list[Ledger], by_identity: bool = True) -> bool:
    """Do the listed parts make up the whole? Known identities, shares adding to
    100 %, a closing '其他' part, or a known complete list (货物/工程/服务). Parts that add
    to less than the whole are not judged by identity: real documents add components the
    identity leaves out (单位预留机动经费, 上缴上级支出 …)."""
    if any("其他" in p.claim.subject for p in parts):
        return True
    shares = [p.claim.share_pct for p in parts]
    if all(s is not None for s in shares) and abs(sum(shares, Decimal(0)) - 100) <= Decimal("0.05") * len(shares):
        return True
    concept = total.concept or prose_concept(total.claim.subject)
    part_concepts = {p.concept or prose_concept(p.claim.subject) for p in parts}
    for key in candidates(concept) if concept and by_identity else []:
        if key in identities() and {k.split(":")[-1] for k in identities()[key]} <= {
            (k or "").split(":")[-1] for k in part_concepts
        }:
            return True
    for words in catalogue().get("complete_lists", []):
        if all(any(w in p.claim.subject for p in parts) for w in words) and len(parts) == len(words):
            return True
    return False


def _list_ends(ledgers: list[Ledger], restated_ends: bool = True) -> list[int]:
    """For each claim, the place of the next main claim (no parent) that ends a list
    under it: one of another subject, or the same subject stated again with a figure
    of its own (which then owns the parts after it). Computed from the end, once."""
    ends = [len(ledgers)] * len(ledgers)
    following = len(ledgers)  # the next main claim after i
    for i in range(len(ledgers) - 1, -1, -1):
        if following < len(ledgers):
            nxt = ledgers[following].claim
            restated = restated_ends and nxt.subject == ledgers[i].claim.subject \
                and (nxt.amount is not None or nxt.count is not None) and nxt.basis != "budget"
            ends[i] = following if nxt.subject != ledgers[i].claim.subject or restated else ends[following]
        if ledgers[i].claim.parent is None:
            following = i
    return ends


def check_listed_parts(ctx: Context) -> None:
    """A prose total against the sum of the parts listed after '其中'."""
    stops = _list_ends(ctx.ledgers)
    for i, total in enumerate(ctx.ledgers):
        t = total.claim
        value = t.amount if t.amount is not None else t.count
        if value is None or t.parent is not None or t.basis == "budget" or not t.subject:
            continue  # a list breaks down this year's (决算) figure, not the 年初预算 beside it
        parts = []
        # Only the claims listed under this subject are looked at (an index, not a
        # scan of every later claim); the list ends at the next main claim.
        listed = ctx.parts.get(t.subject, [])
        for j in range(bisect_right(listed, i), len(listed)):
            if stops[i] < listed[j]:
                break
            other = ctx.ledgers[listed[j]]
            if other.claim.amount is not None or other.claim.count_unit == t.count_unit:
                if (other.claim.amount is None) != (t.amount is None):
                    continue
                parts.append(other)
        if len(parts) < 2 or total.amount_wrong or any(p.amount_wrong for p in parts):
            continue
        is_count = t.amount is None
        part_values = [Decimal(p.claim.count) if is_count else p.best_amount() for p in parts]
        if any(v is None for v in part_values):
            continue
        whole = Decimal(value) if is_count else total.best_amount()
        assert whole is not None
        summed = sum(part_values, Decimal(0))
        # Counts are exact; amounts carry half a unit of rounding per figure.
        slack = Decimal(0) if is_count else sum((half_ulp(v) for v in part_values), half_ulp(whole))
        listed = " + ".join(f"{p.claim.subject} {v:f}" for p, v in zip(parts, part_values))
        if abs(summed - whole) <= slack:
            total.passed(f"{t.subject} {whole:f} = {listed}")
            for p in parts:
                p.passed(f"part of {t.subject} {whole:f}, parts add up")
            continue
        if summed < whole and not _exhaustive(total, parts, by_identity=False):
            continue
        kind = "count-mismatch" if is_count else "total-mismatch"
        total.fail(total.finding(kind, f"{t.subject} stated {whole:f}, but the parts listed add to {summed:f} ({listed})",
                                 stated=f"{whole:f}", expected=f"{summed:f}"))


def check_listed_changes(ctx: Context) -> None:
    """A stated change against the changes of the parts listed after '其中：' ('减少
    3.59 万元，其中：…减少 3.59 万元；…增加 0.3 万元'): the parts' signed changes must
    add to the total's."""
    ends = _list_ends(ctx.ledgers, restated_ends=False)  # a list ends at a main claim of another subject
    for i, total in enumerate(ctx.ledgers):
        t = total.claim
        if t.change is None or t.parent is not None or t.direction not in ("increase", "decrease"):
            continue
        parts = []
        listed = ctx.parts.get(t.subject, [])  # by index, not a scan of every later claim
        for j in range(bisect_right(listed, i), len(listed)):
            if ends[i] < listed[j]:
                break
            other = ctx.ledgers[listed[j]]
            o = other.claim
            if o.change is not None and o.direction in ("increase", "decrease", "flat"):
                parts.append(other)
        if len(parts) < 2 or any(p.findings for p in parts) or total.findings:
            continue
        whole = t.change * _SIGN[t.direction]
        values = [p.claim.change * _SIGN[p.claim.direction or "flat"] for p in parts]  # type: ignore[operator]
        summed = sum(values, Decimal(0))
        slack = sum((half_ulp(v) for v in values), half_ulp(t.change))
        listed = " ".join(f"{p.claim.subject} {v:+f}" for p, v in zip(parts, values))
        if abs(summed - whole) <= slack:
            total.passed(f"change {whole:+f} = {listed}")
            continue
        # Unlisted parts may make up a difference, unless the list is complete, or one part
        # repeats the total's own change while another part moved too.
        repeats = any(v == whole for v in values) and any(v != whole and v != 0 for v in values)
        if not (repeats or _exhaustive(total, parts)):
            continue
        total.fail(total.finding(
            "total-mismatch", f"{t.subject} change stated {whole:+f} {t.unit or '万元'}, but the parts listed change by "
                              f"{summed:+f} ({listed})",
            stated=f"{whole:+f}", expected=f"{summed:+f}",
            cause="a part repeats the total's figures" if repeats else None))
