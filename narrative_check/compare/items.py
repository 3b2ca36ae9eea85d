"""Linking a claim to its table row: by 科目 path (names, levels, codes) and by fund scope.

An error needs an unambiguous chain from the sentence to one row: a path that
names a 科目 the tables file under one code, and a fund scope the tables print.
When the chain breaks (a name no table uses, a name filed under several codes, no
table of the scope named) the claim stays unverified.
"""

from __future__ import annotations

from ..claims.scope import ItemPath
from ..models import Claim, Fact
from ..tables.concepts import catalogue, func_code_for_label, normalize_label
from .base import Context


def code_of(fact: Fact) -> str:
    """The 科目 code a fact's concept carries ('gpb:func:2080505' → '2080505'), or ''."""
    tail = fact.concept.rsplit(":", 1)[-1]
    return tail if tail.isdigit() else ""


def _rows_named(name: str, ctx: Context, width: int, prefixes: set[str] | None) -> list[Fact]:
    """Facts of rows labelled ``name`` whose code has ``width`` digits and starts with
    one of ``prefixes`` (any, when None)."""
    out = []
    for fact in ctx.labels.get(normalize_label(name), []):
        code = code_of(fact)
        if len(code) == width and (prefixes is None or any(code.startswith(p) for p in prefixes)):
            out.append(fact)
    return out


def _common_run(a: str, b: str) -> int:
    """The length of the longest run of characters ``a`` and ``b`` share."""
    best = 0
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0] * (len(b) + 1)
        for j, cb in enumerate(b, start=1):
            if ca == cb:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def _rows_like(name: str, ctx: Context, width: int, prefixes: set[str] | None) -> list[Fact]:
    """Rows under the path so far whose label, torn by line wrapping in a text export
    ('险缴费支出机关事业单位职业年金缴'), still carries most of ``name``: the one code
    that shares the longest run with it, when no other code shares as much."""
    name = normalize_label(name)
    scored: dict[str, tuple[int, list[Fact]]] = {}
    for code, facts in ctx.by_code.items():
        if len(code) != width or prefixes is None or not any(code.startswith(p) for p in prefixes):
            continue
        for fact in facts:
            run = _common_run(name, normalize_label(fact.row))
            best = scored.get(code, (0, []))
            scored[code] = (max(best[0], run), best[1] + [fact])
    if not scored:
        return []
    top = max(run for run, _ in scored.values())
    winners = [facts for run, facts in scored.values() if run == top]
    if len(winners) != 1 or top < max(4, 0.6 * len(name)):
        return []
    return winners[0]


def _by_code(code: str, ctx: Context) -> list[Fact]:
    return list(ctx.by_code.get(code, []))


def item_facts(path: ItemPath, ctx: Context) -> tuple[list[Fact], bool]:
    """The facts of the row a 类-款-项 path names, and whether the link is exact (one
    code, at the path's own level). Codes printed in the path ('（204类）（02款）（01项）')
    are used when all levels give one; names narrow level by level otherwise."""
    steps = path.steps
    if steps and all(s.code for s in steps) and steps[0].level == "类":
        code = "".join(s.code or "" for s in steps)
        facts = _by_code(code, ctx)
        if facts:
            return facts, True
    prefixes: set[str] | None = None
    found: list[Fact] = []
    for step in steps:
        width = {"类": 3, "款": 5, "项": 7}.get(step.level or "", 0)
        if step.level == "类":
            code = func_code_for_label(step.name)
            rows = _by_code(code, ctx) if code else _rows_named(step.name, ctx, 3, None)
            if code:
                prefixes = {code}
            else:
                prefixes = {code_of(f) for f in rows} or None
            found = rows
            continue
        rows = _rows_named(step.name, ctx, width, prefixes) if width else []
        if not rows and width:
            rows = _rows_like(step.name, ctx, width, prefixes)
        if not rows:
            if step is steps[-1]:
                # The last name is filed at another level, or under a name the tables do
                # not use: any row of that name under the path so far is a weak link.
                loose = [f for f in ctx.labels.get(normalize_label(step.name), [])
                         if prefixes is None or any(code_of(f).startswith(p) for p in prefixes)]
                return loose, False
            return [], False
        prefixes = {code_of(f) for f in rows}
        found = rows
    codes = {code_of(f) for f in found}
    if len(codes) == 1 and found:
        # Names led to one code: every table's row of that code, whatever its label
        # (a wrapped label may read '一般行政管理' in one table and whole in another).
        return _by_code(codes.pop(), ctx) or found, True
    return found, False


def fund_scope(claim: Claim) -> str | None:
    """The fund scope a claim's subject names, or that of the total it is listed under, or
    that of the section it stands in ('三、一般公共预算支出情况说明')."""
    scopes = {k: v for k, v in catalogue()["fund_scopes"].items() if not k.startswith("_")}
    for text in (claim.subject, claim.parent or "", claim.section or ""):
        found = [(text.find(w), key) for key, spec in scopes.items() for w in spec["words"] if w in text]
        if found:
            # The narrowest scope named wins: '一般公共预算财政拨款' is 一般公共预算.
            order = list(scopes)
            return min(found, key=lambda item: order.index(item[1]))[1]
    return None


def in_scope(fact: Fact, scope: str) -> bool:
    spec = catalogue()["fund_scopes"][scope]
    return fact.concept.startswith(tuple(spec["prefixes"])) or fact.concept in spec["concepts"]


def scoped(facts: list[Fact], scope: str | None) -> list[Fact]:
    """Only the facts of the fund scope named; none when no table of that scope has one,
    so a 一般公共预算 figure is never judged against the all-funds table."""
    if scope is None:
        return facts
    return [f for f in facts if in_scope(f, scope)]
