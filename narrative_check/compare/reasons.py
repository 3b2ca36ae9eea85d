"""A stated reason that contradicts the change it explains.

"…比上年减少2.98%。主要原因是：宣传事务一般行政管理事务经费增加。" The reason names the
same item as the change and says it rose: a direction-mismatch. Only a reason that
names the claim's own item (its 项 name, its 款 and 项 names together, or its subject)
is judged; a reason about something else ('项目调整', '人员增加') may well explain a
fall and is left alone.
"""

from __future__ import annotations

import re

from ..claims.scope import find_path
from .base import Context, Ledger

_REASON_HEAD = re.compile(r"^.*?主要原因(?:是|为|有)?\s*[：:]?\s*")
_REASON_TAIL = re.compile(r"(?P<what>.+?)(?:的)?(?:经费|支出|资金|费用|预算|投入)?(?P<dir>增加|减少|上升|下降|增长|降低)[。；;！!]?\s*$")
_FUND_WORD = re.compile(r"(?:经费|支出|资金|费用|预算)$")
_WORDS = {"增加": "increase", "上升": "increase", "增长": "increase",
          "减少": "decrease", "下降": "decrease", "降低": "decrease"}


def _names(ledger: Ledger) -> set[str]:
    claim = ledger.claim
    names = set()
    path = find_path(claim.subject) or (find_path(claim.item) if claim.item else None)
    if path is not None and path.steps:
        names.add(path.steps[-1].name)
        if len(path.steps) >= 2:
            names.add(path.steps[-2].name + path.steps[-1].name)
    elif claim.subject:
        names.add(claim.subject)
    names = {re.sub(r"[\s“”\"]+", "", n) for n in names}
    # '机关运行经费' is named '机关运行经费增加' or '机关运行增加' alike: the reason's item
    # loses its fund word, so the claim's name is compared without it too
    names |= {_FUND_WORD.sub("", n) for n in names}
    return {n for n in names if len(n) >= 2}


def check_reason(ledger: Ledger, ctx: Context) -> None:
    claim = ledger.claim
    if not claim.reason or ledger.findings:
        return
    word = claim.growth_direction if claim.growth_direction in _WORDS.values() else claim.direction
    if word not in ("increase", "decrease"):
        return
    body = _REASON_HEAD.sub("", claim.reason)
    if re.search(r"[，,；;]", body.rstrip("。；;！! \t")):  # a closing '；' ends the one reason
        return  # several reasons: no single direction to hold against the change
    m = _REASON_TAIL.match(body)
    if not m:
        return
    what = re.sub(r"[\s“”\"]+", "", m.group("what"))
    what = _FUND_WORD.sub("", what)
    if what not in _names(ledger):
        return
    said = _WORDS[m.group("dir")]
    if said == word:
        ledger.passed(f"reason '{body.strip()}' goes the same way as the change")
        return
    words = {"increase": "an increase", "decrease": "a decrease"}
    finding = ledger.finding(
        "direction-mismatch",
        f"{claim.subject or claim.item or 'the item'} is stated as {words[word]}, but its reason says "
        f"{words[said]} ('{body.strip()}')",
        stated=m.group("dir"), expected="减少" if word == "decrease" else "增加",
        cause="reason copied from another item or another year")
    finding.quote, finding.line = claim.reason, claim.reason_line or claim.line
    ledger.fail(finding)
