"""A small reading of a disclosure's text for the mutation generator: which lines are
prose, which are table rows (tab- or space-separated), and the sum identities the
tables hold. Independent of the checker on purpose: a planted error is re-checked
with this code, not with the code under test."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CODE_TOKEN = re.compile(r"^\[?(\d{3}(?:\d{2}){0,2})\]")
_TITLE = re.compile(r"^\s*表\s*\d+\s*$|(?:预算|决算|情况|汇总|目标)表|^\s*单位[：:]")
_YEAR = re.compile(r"(20\d\d)\s*年")


def norm(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace() and ch != "*")


def to_decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


@dataclass
class Value:
    column: int
    start: int
    """Character offset of the figure in its line."""
    end: int
    text: str

    @property
    def value(self) -> Decimal:
        return to_decimal(self.text)


@dataclass
class TableRow:
    line: int
    """0-based line index."""
    code: str | None
    label: str
    values: list[Value]

    def at(self, column: int) -> Decimal:
        for v in self.values:
            if v.column == column:
                return v.value
        return Decimal(0)

    @property
    def key(self) -> str:
        return self.code or norm(self.label)


@dataclass
class Identity:
    """parent = Σ children, in every column the parent prints."""

    parent: TableRow
    children: list[TableRow]


@dataclass
class Layout:
    lines: list[str]
    prose: list[int] = field(default_factory=list)
    """0-based indexes of prose lines."""
    blocks: list[list[TableRow]] = field(default_factory=list)
    year: int | None = None

    def rows(self) -> list[TableRow]:
        return [r for b in self.blocks for r in b]

    def table_values(self) -> set[Decimal]:
        return {v.value for r in self.rows() for v in r.values}


def _is_prose(line: str) -> bool:
    if "\t" in line or not _CJK.search(line):
        return False
    return bool(re.search(r"[，。；：]|万元|[%％]", line))


def _tab_row(i: int, line: str) -> TableRow | None:
    cells = line.split("\t")
    offsets, pos = [], 0
    for c in cells:
        offsets.append(pos)
        pos += len(c) + 1
    code = None
    if len(cells) >= 3 and re.fullmatch(r"\d{3}", cells[0].strip()):
        parts = [cells[0].strip()] + [c.strip() for c in cells[1:3] if re.fullmatch(r"\d{2}", c.strip())]
        code = "".join(parts)
    elif re.fullmatch(r"\d{5}", cells[0].strip()):
        code = cells[0].strip()
    label_idx = [j for j, c in enumerate(cells) if _CJK.search(c)]
    if not label_idx:
        return None
    first_value = label_idx[0] + 1
    label = cells[label_idx[0]].strip()
    # values: every cell after the last label cell that is a number (blank cells keep their column)
    last_label = max(label_idx)
    values = []
    for j in range(last_label + 1, len(cells)):
        text = cells[j].strip()
        if NUMBER.match(text):
            start = offsets[j] + cells[j].index(text)
            values.append(Value(column=j, start=start, end=start + len(text), text=text))
        elif text and not re.fullmatch(r"\d+", text):
            return None  # text after the label: a two-sided or descriptive row
    if first_value > len(cells) or not values:
        return None
    return TableRow(line=i, code=code, label=label, values=values)


def _space_row(i: int, line: str) -> TableRow | None:
    tokens = [(m.start(), m.group()) for m in re.finditer(r"\S+", line.replace("\u3000", " "))]
    if len(tokens) < 2:
        return None
    values: list[Value] = []
    k = len(tokens)
    while k > 0 and NUMBER.match(tokens[k - 1][1]):
        k -= 1
    if k == 0 or k == len(tokens):
        return None
    head = " ".join(t for _, t in tokens[:k])
    if NUMBER.match(head.split()[-1]) or re.search(r"[，。；]", head):
        return None
    for n, (start, text) in enumerate(tokens[k:]):
        values.append(Value(column=n, start=start, end=start + len(text), text=text))
    code = None
    m = _CODE_TOKEN.match(head) or re.match(r"^(\d{3}(?:\d{2}){0,2})\s", head)
    if m:
        code = m.group(1)
        head = head[m.end():]
    label = head.strip()
    if not _CJK.search(label):
        return None
    if re.search(r"[一二三四五六七八九十]+、.*\s\S*[一二三四五六七八九十]+、", line):
        return None  # two-sided summary row
    return TableRow(line=i, code=code, label=label, values=values)


def read_layout(text: str) -> Layout:
    lines = text.split("\n")
    layout = Layout(lines=lines)
    block: list[TableRow] = []
    blanks = 0

    def close() -> None:
        nonlocal block
        if block:
            layout.blocks.append(block)
        block = []

    for i, line in enumerate(lines):
        if not line.strip():
            blanks += 1
            if blanks >= 3:
                close()
            continue
        blanks = 0
        if "\t" not in line and _TITLE.search(line) and not re.search(r"\d+\.\d+", line):
            close()
            continue
        if _is_prose(line):
            layout.prose.append(i)
            close()
            continue
        row = _tab_row(i, line) if "\t" in line else _space_row(i, line)
        if row is not None:
            block.append(row)
    close()
    years = Counter(int(y) for y in _YEAR.findall(text))
    layout.year = years.most_common(1)[0][0] if years else None
    return layout


def _tolerance(n: int) -> Decimal:
    return Decimal("0.005") * max(n, 1) + Decimal("0.0000001")


def holds(identity: Identity) -> bool:
    """True when the parent equals the sum of its children in every column it prints
    (a printed sum within half a cent per part: 尾数误差)."""
    for v in identity.parent.values:
        total = sum((c.at(v.column) for c in identity.children), Decimal(0))
        if abs(total - v.value) > _tolerance(len(identity.children)):
            return False
    return True


def identities(block: list[TableRow]) -> list[Identity]:
    """The verified sum identities of a table block: a code row = Σ the rows whose code
    extends it by two digits; the 合计 row = Σ the rows with the shortest code."""
    out: list[Identity] = []
    coded = [r for r in block if r.code]
    for parent in coded:
        children = [r for r in coded if r.code and len(r.code) == len(parent.code) + 2 and r.code.startswith(parent.code)]
        if children:
            out.append(Identity(parent, children))
    totals = [r for r in block if not r.code and norm(r.label) in ("合计", "总计")]
    if totals and coded:
        shortest = min(len(r.code) for r in coded)
        out.append(Identity(totals[0], [r for r in coded if len(r.code) == shortest]))
    return [ident for ident in out if holds(ident)]
