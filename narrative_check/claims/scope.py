"""Which 科目 a sentence speaks of when it does not say so itself.

Item sections of the 情况说明 name a 科目 once, then state its figures with bare
words: "1、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）。
主要用于：…。年初预算为 54.53 万元，支出决算为 54.53 万元". The path is written
in one of three ways:

- with level marks: ``X（类）Y（款）Z（项）``, sometimes with codes ``X（204类）``;
- joined by dashes and quoted: ``“X-Y-Z”科目``;
- split over headings: ``（一）X（类）`` above ``1.Z（项）：``.

A path holds until the next numbered heading of the same or a higher level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LEVELS = ("类", "款", "项")

# A 科目 name may hold bracketed words of its own ('政府办公厅（室）', '因公出国（境）');
# a level mark is a bracket holding only 类/款/项 (and maybe the code's digits).
_NAME = r"(?:[^，,。；;：:“”\"（()）\s\d]|[（(][^（()）类款项\d]{1,4}[)）])+?"
_MARK = r"[（(]\s*(?P<code>\d{2,3})?\s*(?P<level>类|款|项)\s*[)）]"
_MARKED = re.compile(rf"(?P<name>{_NAME})\s*{_MARK}")
_DASHED = re.compile(r"[“\"](?P<path>[^“”\"]{2,120}?[-－—][^“”\"]{2,120}?)[”\"]\s*(?:科目|项目)?")
_NUMBERING = re.compile(
    r"^\s*(?:\*\*)?\s*(?:(?P<l1>[一二三四五六七八九十]+、)|(?P<l2>[（(][一二三四五六七八九十]+[)）])"
    r"|(?P<l3>\d+\s*[、.．](?!\d))|(?P<l4>[（(]\d+[)）]))"
)
_GENERIC = re.compile(
    r"^(?:当年|本年|全年|上年|该科目|该项|此项|其|科目)?(?:支出|收入)?"
    r"(?:年初预算|调整预算|全年预算|预算执行|预算安排|预算|决算|执行|安排|金额|资金|经费)?(?:数|额)?$"
)


@dataclass(frozen=True)
class Step:
    """One level of a 科目 path: its name, its level (类/款/项) and, when printed, its code part."""

    name: str
    level: str | None = None
    code: str | None = None


@dataclass
class ItemPath:
    steps: list[Step] = field(default_factory=list)

    def text(self) -> str:
        return "".join(f"{s.name}（{s.code or ''}{s.level}）" if s.level else s.name for s in self.steps)

    @property
    def complete(self) -> bool:
        """True when the path starts at the 类."""
        return bool(self.steps) and self.steps[0].level == "类"


def find_path(text: str) -> ItemPath | None:
    """The 科目 path a sentence names, if any."""
    dashed = _DASHED.search(text)
    if dashed and not _MARKED.search(dashed.group("path")):
        names = [n.strip() for n in re.split(r"[-－—]", dashed.group("path")) if n.strip()]
        if 2 <= len(names) <= 3:
            return ItemPath([Step(name, LEVELS[i]) for i, name in enumerate(names)])
    steps: list[Step] = []
    end = -1
    for m in _MARKED.finditer(text):
        if steps and text[end : m.start()].strip(" “”\"") != "":
            break  # a second, separate path: the first one is the sentence's
        name = m.group("name").strip(" “”\"")
        name = _NUMBERING.sub("", name).strip()
        if not name:
            break
        steps.append(Step(name, m.group("level"), m.group("code")))
        end = m.end()
    if not steps:
        return None
    order = [LEVELS.index(s.level) for s in steps if s.level]
    if order != sorted(order) or len(set(order)) != len(order):
        return None
    return ItemPath(steps)


def numbering_level(text: str) -> int | None:
    """一、 → 1, （一） → 2, 1. / 1、 → 3, （1） → 4; None when the text is not numbered."""
    m = _NUMBERING.match(text)
    if not m:
        return None
    return next(i for i, key in enumerate(("l1", "l2", "l3", "l4"), start=1) if m.group(key))


def is_generic(subject: str) -> bool:
    """Words that name no item of their own ('支出决算', '年初预算', '预算安排', '')."""
    return bool(_GENERIC.match(re.sub(r"[\s*“”\"]+", "", subject)))


class Scope:
    """The 科目 path in force, kept over a run of paragraphs as numbered headings open
    and close levels."""

    def __init__(self) -> None:
        self._stack: list[tuple[int, ItemPath | None]] = []

    def enter(self, text: str, heading: bool) -> None:
        """A paragraph starts: numbered paragraphs and headings close the paths of their
        level and below; any 科目 path in their first sentence opens at that level."""
        level = numbering_level(text)
        if level is None and not heading:
            return
        level = level or 1
        while self._stack and self._stack[-1][0] >= level:
            self._stack.pop()
        first = re.split(r"[。；;]", text, maxsplit=1)[0]
        self._stack.append((level, find_path(first)))

    def read(self, sentence: str) -> None:
        """A sentence inside the paragraph that names a path narrows the scope to it."""
        path = find_path(sentence)
        if path is None or not self._stack:
            return
        level, current = self._stack[-1]
        if current is None or current.text() != path.text():
            self._stack[-1] = (level, path)

    def item(self) -> str | None:
        steps: list[Step] = []
        for _, path in self._stack:
            if path is None:
                continue
            steps = list(path.steps) if path.complete else steps + list(path.steps)
        return ItemPath(steps).text() if steps else None
