"""Exact parsing of printed figures and 科目 codes. No floats anywhere."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Scale of each unit, in 万元.
UNIT_TO_WAN: dict[str, Decimal] = {
    "元": Decimal("0.0001"),
    "千元": Decimal("0.1"),
    "万元": Decimal("1"),
    "百万元": Decimal("100"),
    "亿元": Decimal("10000"),
}

_HALF_WIDTH = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")
_BLANK = {"", "-", "—", "－", "--", "——", "/", "无", "－－"}
_AMOUNT = re.compile(r"^[-－−]?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?$")
_PAREN_NEG = re.compile(r"^[(（](\d[\d,，]*(?:\.\d+)?)[)）]$")


UNPLACED = "?"
"""The text of a figure cell whose figure could not be placed: a space-laid row that
printed fewer figures than the table has columns (spaces do not tell which cells
were blank). Not a figure, not blank: checks involving it are skipped."""


def is_blank(text: str) -> bool:
    return text.strip().replace(" ", "") in _BLANK


def parse_amount(text: str) -> Decimal | None:
    """'1,102.05' → Decimal('1102.05'); '(12.00)' → -12.00; blank or text → None."""
    s = text.strip().replace(" ", "").replace("\u3000", "").translate(_HALF_WIDTH)
    if s in _BLANK:
        return None
    m = _PAREN_NEG.match(s)
    if m:
        s = "-" + m.group(1)
    if not _AMOUNT.match(s):
        return None
    s = s.replace(",", "").replace("，", "").replace("－", "-").replace("−", "-")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


_RUN_TOGETHER = re.compile(
    r"\d[,，]\d{4,}"  # '88,282,51188,282,511': a separator group longer than three digits
    r"|\.\d+[.,，]\d"  # '1.0012.00': a second figure after the decimals
    r"|[\u4e00-\u9fff）)]\s*\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?\s*$"  # '工资福利支出88,282,511': a figure glued to a label
)


def run_together(text: str) -> bool:
    """True when a cell's text holds figures merged with each other or with a label,
    as PDF text extraction does when columns sit close: it cannot be split safely."""
    s = text.strip().translate(_HALF_WIDTH)
    return bool(s) and parse_amount(s) is None and bool(_RUN_TOGETHER.search(s))


def is_amount(text: str) -> bool:
    return parse_amount(text) is not None


# 功能分类 codes start 2xx (类 201–234), 经济分类 3xx (部门) or 5xx (政府).
_CODE_FULL = re.compile(r"^[\[【]?([235]\d{2}(?:\d{2}){0,2})[\]】]?$")
_CODE_PART = re.compile(r"^\d{2}$")
_LABEL_CODE = re.compile(r"^[\s\u3000]*[\[【]([235]\d{2}(?:\d{2}){0,2})[\]】][\s\u3000]*(.*)$")
_LEADING_CODE = re.compile(r"^[\s\u3000]*([235]\d{2}(?:\d{2}){0,2})(?:[\s\u3000]+|$)(.*)$")


def parse_code(text: str) -> str | None:
    """'2080505', '[2080505]', '208' → the code; anything else → None."""
    m = _CODE_FULL.match(text.strip())
    return m.group(1) if m else None


def is_code_part(text: str) -> bool:
    """The '05' of a code printed split over columns ('208 | 05 | 05')."""
    return bool(_CODE_PART.match(text.strip()))


def split_label_code(label: str) -> tuple[str | None, str]:
    """'[2012901]行政运行' or '2012901 行政运行' → ('2012901', '行政运行')."""
    m = _LABEL_CODE.match(label) or _LEADING_CODE.match(label)
    if m:
        return m.group(1), m.group(2).strip()
    return None, label.strip()


def fmt_amount(value: Decimal, places: int = 2) -> str:
    q = Decimal(1).scaleb(-places)
    return f"{value.quantize(q):f}"


_UNIT = re.compile(r"(?:金额)?单位\s*[：:]\s*(亿元|百万元|万元|千元|元)")


def find_unit(text: str) -> str | None:
    """'单位：万元' / '金额单位：元' → the unit named; None when the text names none."""
    m = _UNIT.search(text.replace(" ", "").replace("\u3000", ""))
    return m.group(1) if m else None
