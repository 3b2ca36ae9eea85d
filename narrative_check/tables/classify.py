"""Which standard table a table is, from its title (and headers when the title is lost)."""

from __future__ import annotations

import re

from ..models import Table

# Order matters: the first pattern that matches the title wins.
TABLE_KINDS: list[tuple[str, str]] = [
    ("sangong", r"三公"),
    ("admin_running", r"机关运行经费|机构运转经费|行政经费|运转经费"),
    ("performance", r"绩效"),
    ("procurement", r"政府采购"),
    ("gov_fund", r"政府性基金"),
    ("soe_capital", r"国有资本经营"),
    ("fiscal_summary", r"财政拨款收[入支].*[总]|财政拨款收支"),
    ("gpb_basic", r"(?:一般公共预算|财政拨款).*基本支出"),
    ("basic_table", r"基本支出"),
    ("gpb_project", r"一般公共预算.*项目支出"),
    ("project", r"项目支出|项目表|项目预算|专项(?:业务)?经费"),
    ("gpb_expense", r"一般公共预算.*支出|一般公共预算财政拨款支出"),
    ("econ_summary", r"经济分类"),
    ("summary", r"收支总|收支预算总|财务收支|收入支出(?:决算|预算)?总|收支(?:总体|预算表|决算表)"),
    ("income", r"收入(?:总体|预算|决算|总表|情况表)|收入表"),
    ("expense", r"支出(?:总体|预算|决算|总表|情况表)|支出表"),
]


def classify_table(table: Table) -> str | None:
    title = re.sub(r"\s+", "", table.title)
    for kind, pattern in TABLE_KINDS:
        if re.search(pattern, title):
            return kind
    header = "".join(table.headers)
    # A basic-expenditure table has 人员经费 and 公用经费 columns but no 项目支出 one.
    if "人员经费" in header and "公用经费" in header and "项目支出" not in header:
        return "gpb_basic"
    return None
