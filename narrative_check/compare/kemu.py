"""The 政府收支分类科目 names (data/kemu.json): which name a 功能分类 code has in a
given year, and which code a printed name may stand for."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]|其中[：:])")


@lru_cache(maxsize=1)
def _data() -> dict[str, list[dict[str, Any]]]:
    text = resources.files("narrative_check").joinpath("data/kemu.json").read_text(encoding="utf-8")
    return json.loads(text)["func"]


@lru_cache(maxsize=4096)
def norm_name(name: str) -> str:
    """A 科目 name for comparison: no spaces, numbering, brackets' width or a trailing
    '支出' ('（八）社会保障和就业支出' → '社会保障和就业')."""
    s = re.sub(r"\[page\s*\d+\]", "", name)  # page markers a wrapped label picked up
    s = re.sub(r"[\s\u3000*]+", "", s).replace("(", "（").replace(")", "）")
    prev = None
    while prev != s:
        prev = s
        s = _NUMBERING.sub("", s)
    s = s.strip("-—－：:“”\"")
    return s[:-2] if s.endswith("支出") and len(s) > 3 else s


def same_name(a: str, b: str) -> bool:
    """Equal once normalised, or one a cut-off form of the other (a table label
    wrapped over two lines keeps only its first part)."""
    x, y = norm_name(a), norm_name(b)
    if not x or not y:
        return True
    if x == y:
        return True
    short, long_ = sorted((x, y), key=len)
    if len(short) >= 2 and (long_.startswith(short) or long_.endswith(short)):
        return True
    # a character or two left out ('基本养老保险费' for '基本养老保险缴费'): the same name
    return len(short) >= 0.8 * len(long_) and _subsequence(short, long_)


def _subsequence(short: str, long_: str) -> bool:
    chars = iter(long_)
    return all(ch in chars for ch in short)


@lru_cache(maxsize=1)
def _by_name() -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """Normalised name (or alias) → the (code, era) pairs that carry it."""
    out: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for code, eras in _data().items():
        for era in eras:
            for name in [era["name"], *era.get("aliases", [])]:
                out.setdefault(norm_name(name), []).append((code, era))
    return out


def names_of(code: str) -> list[dict[str, Any]]:
    return _data().get(code, [])


def current_name(code: str, year: int | None) -> str | None:
    """The name the code has in ``year`` (the latest name when the year is unknown)."""
    eras = names_of(code)
    if not eras:
        return None
    if year is None:
        return eras[-1]["name"]
    for era in eras:
        if era.get("from", 0) <= year <= era.get("until", 9999):
            return era["name"]
    return None


def retired(name: str, year: int | None) -> tuple[str, str, dict[str, Any]] | None:
    """(code, current name, era) when ``name`` is a name of a code that was no longer
    in use in ``year`` (e.g. 医疗卫生与计划生育支出 in 2024)."""
    if year is None:
        return None
    key = norm_name(name)
    for code, era in _by_name().get(key, []):
        if era.get("until") is not None and era["until"] < year and norm_name(era["name"]) == key:
            now = current_name(code, year)
            if now and norm_name(now) != key:
                return code, now, era
    return None


def codes_named(name: str) -> list[str]:
    """Codes whose name (any year, or an alias) is ``name``."""
    return list(dict.fromkeys(code for code, _ in _by_name().get(norm_name(name), [])))


def is_known_alias(code: str, name: str, year: int | None) -> bool:
    """``name`` is the name of ``code`` in ``year``, or an alias of it (so no slip)."""
    return any(same_name(n, name) for era in names_of(code)
               if year is None or era.get("from", 0) <= year <= era.get("until", 9999)
               for n in [era["name"], *era.get("aliases", [])])


def similar_labels(a: str, b: str) -> bool:
    """Two table labels for one code that may both be cut or padded by line wraps
    ('出城乡社区公共设施' / '管理事务支出城乡社区公共'): the same name when they share a run of
    at least four characters covering 60% of the shorter."""
    x, y = norm_name(a), norm_name(b)
    if same_name(x, y):
        return True
    short, long_ = sorted((x, y), key=len)
    best = 0
    for i in range(len(short)):
        for j in range(i + best + 1, len(short) + 1):
            if short[i:j] in long_:
                best = j - i
            else:
                break
    return best >= 4 and best >= 0.6 * len(short)
