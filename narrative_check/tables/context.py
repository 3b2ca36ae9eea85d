"""What the document is: its year, 预算 or 决算, and the body's name."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..models import Document

_YEAR_TITLE = re.compile(r"(20\d{2})\s*年\s*[^\d，。；,;]{0,30}?(预算|决算)")
_ORG = re.compile(r"^\s*(?:\*\*)?\s*(?:20\d{2}\s*年)?\s*([\u4e00-\u9fff（）()]{4,40}?(?:局|委员会|委|办公室|办|院|厅|部|中心|会|所|站|馆|队|处|街道办事处|街道|政府|学校|医院))")


@dataclass
class DocContext:
    year: int | None = None
    kind: str | None = None
    """预算 or 决算."""
    org: str | None = None


def detect_context(doc: Document) -> DocContext:
    """Vote the year over '2024年…预算' phrases (titles, table titles), weighting the
    first lines; the kind by which of 预算/决算 the titles use."""
    years: Counter[int] = Counter()
    kinds: Counter[str] = Counter()
    for line in doc.lines:
        for m in _YEAR_TITLE.finditer(line.text):
            weight = 3 if line.no <= 15 else 1
            years[int(m.group(1))] += weight
            kinds[m.group(2)] += weight
    if not years:
        for line in doc.lines[:40]:
            for m in re.finditer(r"(20\d{2})\s*年", line.text):
                years[int(m.group(1))] += 1
    if not kinds:
        text = doc.text()
        kinds["决算"] = text.count("决算")
        kinds["预算"] = text.count("预算")
    year = years.most_common(1)[0][0] if years else None
    kind = kinds.most_common(1)[0][0] if kinds and kinds.most_common(1)[0][1] else None
    return DocContext(year=year, kind=kind, org=_detect_org(doc))


def _detect_org(doc: Document) -> str | None:
    names: Counter[str] = Counter()
    for line in doc.lines[:400]:
        m = re.search(r"单位名称[：:]\s*([^\s单]+)", line.text)
        if m:
            names[m.group(1).strip()] += 3
        m = _ORG.match(line.text)
        if m:
            names[m.group(1)] += 1
    return names.most_common(1)[0][0] if names else None
