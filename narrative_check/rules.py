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
    example: str = ""
    """A sentence (with the table fact it is checked against) that the rule flags;
    shown by `narrative-check rules` and `narrative-check rule CODE`. Invented figures."""


RULES: list[Rule] = [
    Rule("NC101", "amount-mismatch", "error", "A stated amount differs from the table figure for the same item.",
         "本年支出合计 1350.62 万元。 (the 收支总表 has 1305.62 万元: digits transposed)"),
    Rule("NC102", "unit-mismatch", "error", "A figure matches the table only after 元/万元/亿元 conversion.",
         "基本支出 845,300.00 万元。 (the table, in 元, has 845,300.00 元 = 84.53 万元)"),
    Rule("NC103", "period-mismatch", "error", "A claim's year contradicts the document's year.",
         "2025 年收入合计 860.40 万元。 (in the 2024 预算: the year was copied from another year's text)"),
    Rule("NC201", "share-mismatch", "error", "A stated share is not part ÷ whole.",
         "基本支出 800.00 万元，占 60.00%。 (of 支出合计 1000.00 万元 it is 80.00%)"),
    Rule("NC202", "growth-mismatch", "error",
         "A stated growth rate is not change ÷ (current − change), or a change disagrees with the prior figure given.",
         "支出 120.00 万元，比上年增加 20.00 万元，增长 16.67%。 (20.00 ÷ 100.00 = 20.00%)"),
    Rule("NC203", "direction-mismatch", "error", "增加/增长 vs 减少/下降 disagrees with the sign of the change.",
         "“三公”经费 30.00 万元，比上年增加 5.00 万元。 (the prior year's was 35.00 万元: a fall)"),
    Rule("NC204", "count-mismatch", "error", "A stated count disagrees with the tables or with the parts listed.",
         "共安排项目 6 个。 (the 项目支出表 lists 5 projects)"),
    Rule("NC301", "total-mismatch", "error",
         "A table total is not the sum of its parts, or a prose total is not the sum of the parts it lists.",
         "支出合计 500.00 万元，其中：基本支出 300.00 万元，项目支出 180.00 万元。 (300.00 + 180.00 = 480.00)"),
    Rule("NC302", "cross-table-mismatch", "error", "One item has different values in two tables.",
         "行政运行 is 512.30 万元 in the 支出表 but 498.30 万元 in the 收入表."),
    Rule("NC401", "template-residue", "error",
         "Template text left in: '增加（减少）', 'XX', '占 %' with no number, a missing % sign or unit.",
         "比上年增加（减少）12.00 万元，主要原因是 XX。"),
    # structure and names (issue 12)
    Rule("NC501", "missing-table", "error",
         "A table the template requires for this kind of document is absent, or empty without an empty-table note.",
         "目录 lists '六、一般公共预算基本支出表' but no table of the document is titled or shaped like it."),
    Rule("NC502", "name-mismatch", "error",
         "One 科目 code named two ways, a prose item named unlike its table row, a retired 科目 name, or the body's "
         "own name written two ways.",
         "文化体育与传媒支出（类）体育（款）20.00 万元。 (the tables name 207 文化旅游体育与传媒支出, its name since 2019)"),
    Rule("NC503", "missing-reason", "warning",
         "A change the template asks to explain (totals, 财政拨款, \"三公\"经费, 机关运行经费, 决算 vs 预算) has no reason.",
         "“三公”经费 5.00 万元，比上年减少 1.00 万元。 (no '主要原因…' follows)"),
    Rule("NC901", "unverified", "info", "A claim with no table evidence to check it against (not an error).",
         "本部门共有车辆 3 辆。 (no table lists vehicles)"),
]

BY_KIND: dict[str, Rule] = {rule.kind: rule for rule in RULES}
KINDS: list[str] = [rule.kind for rule in RULES]
