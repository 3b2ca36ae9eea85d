"""The rule registry: code, kebab name, severity, and the doc text `--help` and the
README show. Kind names are a fixed contract (labelled sets are scored on them)."""

from __future__ import annotations

from dataclasses import dataclass

from .models import Severity


@dataclass(frozen=True)
class Rule:
    code: str
    kind: str
    severity: Severity
    summary: str


RULES: list[Rule] = [
    Rule("NC101", "amount-mismatch", "error", "A stated amount differs from the table figure for the same item."),
    Rule("NC102", "unit-mismatch", "error", "A figure matches the table only after 元/万元/亿元 conversion."),
    Rule("NC103", "period-mismatch", "error", "A claim's year contradicts the document's year."),
    Rule("NC201", "share-mismatch", "error", "A stated share is not part ÷ whole."),
    Rule("NC202", "growth-mismatch", "error",
         "A stated growth rate is not change ÷ (current − change), or a change disagrees with the prior figure given."),
    Rule("NC203", "direction-mismatch", "error", "增加/增长 vs 减少/下降 disagrees with the sign of the change."),
    Rule("NC204", "count-mismatch", "error", "A stated count disagrees with the tables or with the parts listed."),
    Rule("NC301", "total-mismatch", "error",
         "A table total is not the sum of its parts, or a prose total is not the sum of the parts it lists."),
    Rule("NC302", "cross-table-mismatch", "error", "One item has different values in two tables."),
    Rule("NC401", "template-residue", "error",
         "Template text left in: '增加（减少）', 'XX', '占 %' with no number, a missing % sign or unit."),
    # structure and names (issue 12)
    Rule("NC501", "missing-table", "error",
         "A table the template requires for this kind of document is absent, or empty without an empty-table note."),
    Rule("NC502", "name-mismatch", "error",
         "One 科目 code named two ways, a prose item named unlike its table row, a retired 科目 name, or the body's "
         "own name written two ways."),
    Rule("NC503", "missing-reason", "warning",
         "A change the template asks to explain (totals, 财政拨款, \"三公\"经费, 机关运行经费, 决算 vs 预算) has no reason."),
    Rule("NC901", "unverified", "info", "A claim with no table evidence to check it against (not an error)."),
]

BY_KIND: dict[str, Rule] = {rule.kind: rule for rule in RULES}
KINDS: list[str] = [rule.kind for rule in RULES]
