"""The concept catalogue (data/concepts.json) and the lookups built on it.

Concepts are what prose and tables share: '收入合计' in a sentence and '本年收入合计'
in a table are both ``income_year``. The matching words live in the JSON file so
that a new template's wording is a data change, not a code change.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

_NUMBERING = re.compile(
    r"^(?:[\s\u3000*\-—－]*)(?:其中[：:]?)?\s*(?:[一二三四五六七八九十百]+[、.．]|[(（][一二三四五六七八九十百\d]+[)）]|\d+[、.．](?!\d)|[①-⑳])?\s*(?:其中[：:]?)?"
)


@lru_cache(maxsize=1)
def catalogue() -> dict[str, Any]:
    text = resources.files("narrative_check").joinpath("data/concepts.json").read_text(encoding="utf-8")
    return json.loads(text)


def concepts() -> dict[str, dict[str, Any]]:
    return catalogue()["concepts"]


def normalize_label(label: str) -> str:
    """'（一）一般公共预算拨款' → '一般公共预算拨款'; '其中：财政拨款' → '财政拨款'."""
    s = re.sub(r"[\s\u3000]+", "", label)
    s = s.replace("\"", "“", 1) if s.count("\"") else s
    prev = None
    while prev != s:
        prev = s
        s = _NUMBERING.sub("", s, count=1)
    return s.strip("-—－：:")


@lru_cache(maxsize=1)
def _row_patterns() -> list[tuple[str, re.Pattern[str], dict[str, Any]]]:
    out = []
    for key, spec in concepts().items():
        for pattern in spec.get("rows", []):
            out.append((key, re.compile(pattern), spec))
    return out


@lru_cache(maxsize=1)
def _column_patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [(key, re.compile(p)) for key, spec in concepts().items() for p in spec.get("columns", [])]


def row_concepts(label: str, table_kind: str | None, side: str | None) -> list[str]:
    """Concepts a table row's label names (unscoped keys)."""
    name = normalize_label(label)
    found = []
    for key, pattern, spec in _row_patterns():
        if spec.get("tables") and table_kind not in spec["tables"]:
            continue
        if spec.get("side") and side and spec["side"] != side:
            continue
        if pattern.search(name) and key not in found:
            found.append(key)
    return found


def column_concept(header: str) -> str | None:
    """The concept a column header names, judged by its last meaningful segment
    ('基本支出/小计' → basic; '基本支出/人员经费/工资福利支出' → none)."""
    parts = [p for p in header.split("/") if p]
    while parts and re.fullmatch(r"小计|合计|计|金额|预算数?|决算数?", parts[-1]):
        parts.pop()
    if not parts:
        return None
    last = normalize_label(parts[-1])
    for key, pattern in _column_patterns():
        if pattern.search(last):
            return key
    return None


@lru_cache(maxsize=1)
def _prose_words() -> list[tuple[str, str]]:
    words = [(w, key) for key, spec in concepts().items() for w in spec.get("prose", [])]
    cat = catalogue()
    for code, name in cat["func_classes"].items():
        words.append((name + "支出", f"func:{code}"))
        words.append((name, f"func:{code}"))
    for code, names in cat["func_aliases"].items():
        for name in names:
            words.append((name, f"func:{code}"))
    for code, name in cat["econ_classes"].items():
        if code != "399":  # '其他支出' is the 功能分类 class's name too
            words.append((name, f"econ:{code}"))
    return sorted(words, key=lambda item: -len(item[0]))


@lru_cache(maxsize=1)
def _prose_index() -> dict[str, list[tuple[int, str, str]]]:
    """Catalogue words by their first two characters, with their rank in
    ``_prose_words`` (every word has two or more characters)."""
    index: dict[str, list[tuple[int, str, str]]] = {}
    for rank, (word, key) in enumerate(_prose_words()):
        index.setdefault(word[:2], []).append((rank, word, key))
    return index


@lru_cache(maxsize=4096)
def prose_match(subject: str) -> tuple[str, str] | None:
    """(concept, word): the longest catalogue word the prose subject contains.

    Looked up by the pairs of characters the text holds, so the time grows with
    the text, not with the text times the catalogue."""
    s = re.sub(r"[\s\u3000*]+", "", subject).replace('"', "”")
    index = _prose_index()
    best: tuple[int, str, str] | None = None
    for i in range(len(s) - 1):
        for rank, word, key in index.get(s[i : i + 2], ()):
            if (best is None or rank < best[0]) and s.startswith(word, i):
                best = (rank, word, key)
    return (best[2], best[1]) if best else None


def prose_concept(subject: str) -> str | None:
    """The concept a prose subject names: the longest catalogue word it contains."""
    found = prose_match(subject)
    return found[0] if found else None


def candidates(concept: str) -> list[str]:
    spec = concepts().get(concept)
    if spec and spec.get("candidates"):
        return list(spec["candidates"])
    if concept.startswith("func:"):
        return [concept, f"gpb:{concept}", f"fiscal:{concept}"]
    if concept.startswith("econ:"):
        return [concept, f"gpb:{concept}"]
    return [concept]


def concept_name(concept: str) -> str:
    base = concept.split(":", 1)[1] if concept.startswith(("gpb:", "fiscal:", "gov_fund:", "soe_capital:")) else concept
    spec = concepts().get(base)
    if spec:
        return spec["name"]
    if base.startswith("func:"):
        return catalogue()["func_classes"].get(base[5:8], base) if len(base) == 8 else base
    return base


def func_code_for_label(label: str) -> str | None:
    """'八、社会保障和就业支出' → '208' (类 rows of 收支总表 print names, not codes)."""
    name = normalize_label(label)
    name = re.sub(r"支出$", "", name)
    cat = catalogue()
    for code, cname in cat["func_classes"].items():
        if name == cname or name == cname + "支出":
            return code
    for code, names in cat["func_aliases"].items():
        if name in names or name + "支出" in names:
            return code
    return None


def identities() -> dict[str, list[str]]:
    return {k: v for k, v in catalogue()["identities"].items() if not k.startswith("_")}


_SCOPE_WORDS = re.compile(r"一般公共预算|政府性基金(?:预算)?|国有资本经营(?:预算)?|财政拨款|财政|拨款|收支|收入|支出|预算|决算|安排的?|总|的")
_QUALIFIERS = re.compile(
    r"(?:本年度?|全年|本部门|本单位|部门|单位|年度|当年|本级|合计|总计|全部|共计|共|其中|年初|调整后的?|当年)+"
)


def subject_concept(subject: str) -> tuple[str | None, bool]:
    """The concept a prose subject names and whether the link is weak.

    A fund word is a qualifier, not the item: in '机关运行经费财政拨款预算' the item is
    机关运行经费; in '委托业务费财政拨款预算' it is 委托业务费, which no concept names, so
    there is none. Words in front of the matched concept that are no mere qualifier
    ('在职人员经费', '行政类参公事业单位的机关运行经费') may name a narrower item: weak."""
    s = re.sub(r"[\s\u3000*]+", "", subject).replace('"', "”")
    found = [(word, key) for word, key in _prose_words() if word in s]  # longest first
    if not found:
        return None, False
    content = [(word, key) for word, key in found if _SCOPE_WORDS.sub("", word)]
    if content:
        word, key = content[0]
    else:
        word, key = found[0]
        rest = _QUALIFIERS.sub("", _SCOPE_WORDS.sub("", s.replace(word, "", 1)))
        rest = re.sub(r"(?:19|20)\d{2}年?度?|[（()）“”\"、，,：:]", "", rest)
        if len(rest) >= 2:
            return None, False  # the item is something no concept names ('委托业务费财政拨款预算')
    head, _, tail = s.partition(word)
    head = re.sub(r"(?:19|20)\d{2}年?度?|[（()）“”\"、，,：:]", "", head)
    head = _QUALIFIERS.sub("", _SCOPE_WORDS.sub("", head))
    # Words after it narrow it too: '政府采购货物预算' is a part of 政府采购.
    tail = _TAIL_WORDS.sub("", _SCOPE_WORDS.sub("", re.sub(r"[（()）“”\"、，,：:\d]", "", tail)))
    return key, bool(head) or bool(tail)


_TAIL_WORDS = re.compile(r"数|额|资金|金额|经费|费用|情况|合计|总计|共计|为|共|类|项目|执行|安排|调整|年初|全年|本年|当年|规模")
