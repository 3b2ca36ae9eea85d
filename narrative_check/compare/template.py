"""Template text left in the prose: '增加（减少）', 'XX局', '占 %', a rate with no %."""

from __future__ import annotations

import re

from ..claims.prose import Paragraph
from ..models import Finding
from .base import make_finding

# (pattern, message, severity): severity 'warning' where the pattern is a heuristic.
_PATTERNS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"增加\s*[（(]\s*减少\s*[)）]|减少\s*[（(]\s*增加\s*[)）]|增长\s*[（(]\s*下降\s*[)）]|下降\s*[（(]\s*增长\s*[)）]"
                r"|增加\s*/\s*减少|增长\s*/\s*下降|上升\s*[（(]\s*下降\s*[)）]"), "both directions left in", "error"),
    (re.compile(r"大\s*[（(]?\s*小\s*[)）]?\s*于|大于\s*[（(/]\s*小于|小于\s*[（(/]\s*大于|高\s*[（(]\s*低\s*[)）]\s*于"),
     "both comparison words left in", "error"),
    (re.compile(r"(?:X{2,}|×{2,}|＊{2,}|x{2,}|○{2,})\s*(?:局|委|办|部门|单位|年|万元|万|项|个|%|辆|人次|台|分)|20[X×x]{2}\s*年"
                r"|[（(]\s*[X×x]+\s*[)）]|(?:为|是|占|增长|下降|增加|减少)\s*X{2,}"),
     "placeholder left in", "error"),
    (re.compile(r"占\s*(?:比)?\s*[%％]|增长\s*[%％]|下降\s*[%％]|完成\s*(?:年初)?预算的?\s*[%％]"), "percentage with no number", "error"),
    (re.compile(r"(?<![换折算按以])(?:为|是|安排|增加|减少|预算|决算|合计|总计|共计)\s*万元(?!时|为单位|计)"),
     "amount with no number", "error"),
    # A rate word, a number, then the clause ends: the % sign is missing ('占 76.23;', '增长 13.95。').
    (re.compile(r"(?:增长|下降|增幅|降幅|占(?:比)?|完成[^，。；]{0,8}的)\s*(\d+(?:,\d{3})*(?:\.\d+)?)(?!,\d{3}|[\d.])"
                r"\s*(?=[，,；;。]|$)"),
     "rate with no % sign", "error"),
    (re.compile(r"(?:增长|下降|占(?:比)?|完成[^，。；]{0,8}的)\s*(\d+(?:\.\d+)?)(?![\d.%％万元亿个倍成]|\s*(?:[，,；;。]|$))"),
     "rate with no % sign", "warning"),
    # A money figure stated with decimals and no unit where the clause ends ('支出决算为 4.19。').
    (re.compile(r"(?:预算|决算|支出|收入|拨款|经费)(?:数)?\s*(?:为|是|达)\s*(\d[\d,]*\.\d{1,2})\s*(?=[，,；;。]|$)"),
     "amount with no unit", "error"),
]


def check_template(paragraphs: list[Paragraph]) -> list[Finding]:
    out: list[Finding] = []
    for para in paragraphs:
        for pattern, message, severity in _PATTERNS:
            for m in pattern.finditer(para.text):
                line = para.line_at(m.start())
                sentence = _sentence_around(para.text, m.start(), m.end())
                out.append(make_finding(
                    "template-residue", f"{message}: '{m.group(0)}'", quote=sentence, line=line,
                    stated=m.group(0), severity=severity))
    return out


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(p, 0, start) for p in "。；;！？") + 1
    rights = [i for i in (text.find(p, end) for p in "。；;！？") if i != -1]
    right = min(rights) + 1 if rights else len(text)
    return text[left:right].strip()
