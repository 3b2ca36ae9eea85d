"""Plant one typed error per copy of a clean document and write the labelled cases.

Every mutation edits one line (one statement of the prose, or one table row) and
re-checks its own arithmetic with ``textlayout`` (never with the checker): a changed
amount must differ from the table beyond rounding, a changed rate from the rate the
sentence's own figures give, a changed cell must break the sum it belongs to.
Seeded (``random.Random(seed)``) and reproducible: the same seed, document and
options give byte-identical files.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from pathlib import Path

from .cases import LABELS_SUFFIX, Label, LabelFile, read_labels
from .textlayout import Identity, Layout, TableRow, holds, identities, norm, read_layout, to_decimal

SHORT = {
    "amount-mismatch": "amount", "share-mismatch": "share", "growth-mismatch": "growth",
    "direction-mismatch": "direction", "period-mismatch": "period", "unit-mismatch": "unit",
    "count-mismatch": "count", "total-mismatch": "total", "cross-table-mismatch": "cross-table",
    "template-residue": "template",
}
NUM = r"\d+(?:\.\d+)?"
_STOP = "，。；：,;:"


@dataclass
class Mutation:
    kind: str
    line: int
    """0-based index of the one line changed."""
    old: str
    new: str
    labels: list[Label]
    slip: str


@dataclass
class WrittenCase:
    name: str
    kind: str
    path: Path
    labels: list[Label] = field(default_factory=list)


# --------------------------------------------------------------------------- slips
def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def _valid(text: str) -> bool:
    return bool(re.fullmatch(r"(?:0|[1-9]\d*)(?:\.\d+)?", text))


def slips(text: str) -> list[tuple[str, str]]:
    """Typical typing slips on a printed figure: (new text, name)."""
    out: list[tuple[str, str]] = []
    for i in range(len(text) - 1):
        if text[i].isdigit() and text[i + 1].isdigit() and text[i] != text[i + 1]:
            out.append((text[:i] + text[i + 1] + text[i] + text[i + 2:], "transposed digits"))
    for i, ch in enumerate(text):
        if ch.isdigit():
            out.append((text[:i] + text[i + 1:], "dropped digit"))
            out.append((text[:i] + ch + text[i:], "doubled digit"))
    if "." in text:
        i = text.index(".")
        digits = text.replace(".", "")
        if i + 1 < len(digits):
            out.append((digits[: i + 1] + "." + digits[i + 1:], "decimal point shifted right"))
        if i > 1:
            out.append((digits[: i - 1] + "." + digits[i - 1:], "decimal point shifted left"))
    seen, unique = set(), []
    for new, name in out:
        if new not in seen and _valid(new):
            seen.add(new)
            unique.append((new, name))
    return unique


def differs(new: str, true: Decimal, min_gap: Decimal = Decimal("0.011")) -> bool:
    """The stated ``new`` cannot be ``true`` rounded to new's decimals, either way."""
    value = to_decimal(new)
    q = Decimal(1).scaleb(-_decimals(new))
    if value in (true.quantize(q, ROUND_HALF_UP), true.quantize(q, ROUND_HALF_EVEN)):
        return False
    return abs(value - true) >= min_gap


def _round(value: Decimal, like: str) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-_decimals(like)), ROUND_HALF_UP)


# --------------------------------------------------------------------------- prose stream
class Prose:
    """Prose lines joined by '\\n', with a map from stream offsets to (line, column)."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.text = ""
        self.starts: list[tuple[int, int]] = []  # (stream offset, line index)
        for i in layout.prose:
            self.starts.append((len(self.text), i))
            self.text += layout.lines[i] + "\n"

    def locate(self, offset: int) -> tuple[int, int]:
        line, base = self.starts[0][1], 0
        for start, i in self.starts:
            if start > offset:
                break
            line, base = i, start
        return line, offset - base

    def span(self, start: int, end: int) -> tuple[int, int, int] | None:
        """(line, col_start, col_end) when the span lies in one line."""
        line, col = self.locate(start)
        line2, _ = self.locate(max(start, end - 1))
        return (line, col, col + end - start) if line == line2 else None

    def sentence_after(self, offset: int) -> str:
        m = re.search(r"[。；！？]", self.text[offset:])
        return self.text[offset: offset + m.start() if m else len(self.text)]


def _tidy(text: str) -> str:
    """Runs of whitespace (tabs of a table row) as one space: the anchor reads well and
    still matches, since matching ignores whitespace."""
    return re.sub(r"\s+", " ", text).strip()


def _anchor(line: str, start: int, end: int, all_norm: list[str], before: int = 6) -> str | None:
    """A short verbatim snippet ending at ``end``: the changed text with a few
    characters of its clause in front, unique in the document."""
    for width in (before, before + 6, before + 14):
        left = start
        while left > 0 and start - left < width and line[left - 1] not in _STOP:
            left -= 1
        snippet = _tidy(line[left:end])
        key = norm(snippet)
        if key and sum(key in n for n in all_norm) == 1:
            return snippet
    return None


# --------------------------------------------------------------------------- the generators
class Planter:
    def __init__(self, text: str, protected: list[str]) -> None:
        self.text = text
        self.layout = read_layout(text)
        self.prose = Prose(self.layout)
        self.protected = [norm(p) for p in protected]
        self.table_values = self.layout.table_values()

    def _make(self, kind: str, line: int, col: int, end: int, replacement: str, slip: str, note: str,
              extra: list[Label] | None = None, anchor_end: int | None = None, anchor_before: int = 6) -> Mutation | None:
        old = self.layout.lines[line]
        new = old[:col] + replacement + old[end:]
        if new == old:
            return None
        lines = list(self.layout.lines)
        lines[line] = new
        all_norm = [norm(x) for x in lines]
        # the seed's own labels must keep their anchors verbatim
        joined = norm("\n".join(lines))
        if any(p not in joined for p in self.protected):
            return None
        a_end = col + len(replacement) if anchor_end is None else anchor_end
        anchor = _anchor(new, col, a_end, all_norm, anchor_before)
        if anchor is None:
            return None
        labels = [Label(kind=kind, anchor=anchor, note=note)] + (extra or [])
        return Mutation(kind=kind, line=line, old=old, new=new, labels=labels, slip=slip)

    # ---- amounts and units ------------------------------------------------------------
    def _amounts(self) -> Iterator[tuple[re.Match[str], Decimal]]:
        """Prose amounts in 万元 that print a table figure (not a change amount)."""
        for m in re.finditer(rf"(?<![\d.])({NUM})(\s*\**\s*)万元", self.prose.text):
            value = to_decimal(m.group(1))
            lead = self.prose.text[max(0, m.start() - 3): m.start()]
            if value == 0 or re.search(r"增加|减少|增长|下降|≤|≥", lead):
                continue
            if value in self.table_values:
                yield m, value

    def amount(self, rng: random.Random) -> Iterator[Mutation]:
        for m, value in self._amounts():
            where = self.prose.span(m.start(1), m.end(1))
            if not where:
                continue
            options = [(s, n) for s, n in slips(m.group(1)) if differs(s, value)]
            if not options:
                continue
            new, name = rng.choice(options)
            line, col, end = where
            mut = self._make("amount-mismatch", line, col, end, new, name,
                             f"{m.group(1)} → {new} ({name}); the tables print {m.group(1)}",
                             anchor_end=col + len(new) + len(m.group(2)) + 2)
            if mut:
                yield mut

    def unit(self, rng: random.Random) -> Iterator[Mutation]:
        for m, value in self._amounts():
            start = m.end(1) + len(m.group(2))
            where = self.prose.span(start, m.end())
            if not where:
                continue
            line, col, end = where
            mut = self._make("unit-mismatch", line, col, end, "元", "万元 → 元",
                             f"{m.group(1)} 万元 written as {m.group(1)} 元 ({value / 10000} 万元)", anchor_before=14)
            if mut:
                yield mut

    # ---- shares -------------------------------------------------------------------------
    def _amounts_before(self, offset: int, reach: int = 200) -> list[Decimal]:
        lo = max(0, offset - reach)
        return [to_decimal(x.group(1)) for x in re.finditer(rf"(?<![\d.])({NUM})\s*\**\s*万元", self.prose.text[lo:offset])]

    def share(self, rng: random.Random) -> Iterator[Mutation]:
        for m in re.finditer(rf"占\s*(?:比)?\s*({NUM})\s*[%％]", self.prose.text):
            stated = m.group(1)
            before = self._amounts_before(m.start(), 160)
            if len(before) < 2:
                continue
            part = before[-1]
            wholes = [w for w in before[:-1] if w > 0 and _round(part / w * 100, stated) == to_decimal(stated)]
            if not wholes:
                continue  # the sentence's own figures do not give the stated share: leave it alone
            true = part / wholes[-1] * 100
            options = [(s, n) for s, n in slips(stated)
                       if differs(s, true, Decimal("0.1")) and to_decimal(s) <= 100]
            where = self.prose.span(m.start(1), m.end(1))
            if not options or not where:
                continue
            line, col, end = where
            for new, name in rng.sample(options, min(2, len(options))):
                mut = self._make("share-mismatch", line, col, end, new, name,
                                 f"{stated}% → {new}% ({name}); {part} / {wholes[-1]} = {true:.4f}%",
                                 anchor_end=col + len(new) + 1, anchor_before=4)
                if mut:
                    yield mut

    # ---- changes, growth, direction --------------------------------------------------------
    def _changes(self) -> Iterator[tuple[re.Match[str], re.Match[str], Decimal, Decimal]]:
        """(change match, rate match, current amount, true rate) for verified change statements."""
        for c in re.finditer(rf"(增加|减少)(\s*)({NUM})(\s*)万元", self.prose.text):
            change = to_decimal(c.group(3))
            if change == 0:
                continue
            r = re.compile(rf"(增长|下降|上升)(\s*)({NUM})\s*[%％]").search(self.prose.text, c.end(), c.end() + 12)
            before = self._amounts_before(c.start(), 120)
            if not r or not before:
                continue
            current = before[-1]
            sign = 1 if c.group(1) == "增加" else -1
            prior = current - sign * change
            if prior <= 0:
                continue
            true = change / prior * 100
            if _round(true, r.group(3)) != to_decimal(r.group(3)):
                continue
            yield c, r, current, true

    def growth(self, rng: random.Random) -> Iterator[Mutation]:
        for c, r, current, true in self._changes():
            stated = r.group(3)
            options = [(s, n) for s, n in slips(stated) if differs(s, true, Decimal("0.1"))]
            where = self.prose.span(r.start(3), r.end(3))
            if not options or not where:
                continue
            line, col, end = where
            change = c.group(3)
            sign = "−" if c.group(1) == "增加" else "+"
            for new, name in rng.sample(options, min(4, len(options))):
                mut = self._make("growth-mismatch", line, col, end, new, name,
                                 f"{stated}% → {new}% ({name}); {change} / ({current} {sign} {change}) = {true:.4f}%",
                                 anchor_end=col + len(new) + 1, anchor_before=4)
                if mut:
                    yield mut

    def direction(self, rng: random.Random) -> Iterator[Mutation]:
        swap = {"增加": "减少", "减少": "增加", "增长": "下降", "上升": "下降", "下降": "增长"}
        for c, r, _current, _true in self._changes():
            for m, grp, which in ((c, 1, "change word"), (r, 1, "rate word")):
                where = self.prose.span(m.start(grp), m.end(grp))
                if not where:
                    continue
                line, col, end = where
                word = m.group(grp)
                other = r.group(1) if which == "change word" else c.group(1)
                anchor_end = col + 2 + len(m.group(2)) + len(m.group(3)) + (2 + len(m.group(4)) if which == "change word" else 1)
                mut = self._make("direction-mismatch", line, col, end, swap[word], f"{word} → {swap[word]}",
                                 f"{which} {word} → {swap[word]}, while the sentence still says {other}",
                                 anchor_end=anchor_end, anchor_before=4)
                if mut:
                    yield mut

    # ---- period, count, template ---------------------------------------------------------------
    def period(self, rng: random.Random) -> Iterator[Mutation]:
        year = self.layout.year
        if not year:
            return
        for m in re.finditer(r"(20\d\d)(\s*)年(?!\s*\d+\s*月)", self.prose.text):
            sentence = re.split(r"[：:]", self.prose.sentence_after(m.end()))[0]
            if int(m.group(1)) != year or not re.search(rf"{NUM}\s*\**\s*万元", sentence):
                continue
            lead = self.prose.text[max(0, m.start() - 3): m.start()]
            if re.search(r"与|比|较|截至", lead):
                continue
            where = self.prose.span(m.start(1), m.end(1))
            if not where:
                continue
            new = str(year + rng.choice((-1, -1, 1)))
            line, col, end = where
            tail = min(len(self.layout.lines[line]), end + len(m.group(2)) + 1 + 5)
            while tail > end and self.layout.lines[line][tail - 1] in _STOP:
                tail -= 1
            mut = self._make("period-mismatch", line, col, end, new, f"{year} → {new}",
                             f"the {year} document dates this figure {new}", anchor_end=tail, anchor_before=0)
            if mut:
                yield mut

    def _project_rows(self) -> int | None:
        """Rows of the 项目支出 table (its title the nearest title line above the block)."""
        lines = self.layout.lines
        for block in self.layout.blocks:
            title = next((lines[i] for i in range(block[0].line - 1, max(block[0].line - 12, -1), -1)
                          if "\t" not in lines[i] and "表" in lines[i]), "")
            if re.search(r"项目支出.*表", title) and "绩效" not in title:
                n = sum(1 for r in block if "\t" in lines[r.line] and re.fullmatch(r"[^\d合小]+类|[^\d]*项目[^\d]*",
                                                                           lines[r.line].split("\t")[0].strip() or "0"))
                return n or None
        return None

    def count(self, rng: random.Random) -> Iterator[Mutation]:
        rows = self._project_rows()
        for m in re.finditer(r"共(\s*)(\d+)(\s*)个项目", self.prose.text):
            stated = int(m.group(2))
            if rows is None or rows != stated:
                continue  # cannot confirm the stated count: leave it
            where = self.prose.span(m.start(2), m.end(2))
            if not where:
                continue
            options = sorted({stated + 1, stated - 1, stated + 2, int(str(stated) * 2)} - {stated, 0})
            line, col, end = where
            for new in [o for o in options if o > 0]:
                mut = self._make("count-mismatch", line, col, end, str(new), f"{stated} → {new}",
                                 f"the 项目支出 table lists {rows} projects",
                                 anchor_end=col + len(str(new)) + len(m.group(3)) + 3, anchor_before=2)
                if mut:
                    yield mut

    def template(self, rng: random.Random) -> Iterator[Mutation]:
        found: list[tuple[int, int, str, str, int]] = []  # (start, end, replacement, what, anchor tail)
        for m in re.finditer(rf"(增加|减少)(\s*{NUM}\s*万元)", self.prose.text):
            found.append((m.start(1), m.end(1), "增加（减少）", "增加（减少） left in", len(m.group(2))))
        for m in re.finditer(rf"(占\s*)({NUM})(\s*[%％])", self.prose.text):
            found.append((m.start(2), m.end(2), "", "占 % with no number", len(m.group(3))))
        for m in re.finditer(rf"(增长\s*)({NUM})(\s*[%％])", self.prose.text):
            found.append((m.start(2), m.end(2), "", "增长 % with no number", len(m.group(3))))
        for m, _value in self._amounts():
            found.append((m.start(1), m.end(1), "XX", "XX 万元 placeholder", len(m.group(2)) + 2))
        for start, end, replacement, what, tail in found:
            where = self.prose.span(start, end)
            if not where:
                continue
            line, col, stop = where
            mut = self._make("template-residue", line, col, stop, replacement, what, what,
                             anchor_end=col + len(replacement) + tail, anchor_before=4)
            if mut:
                yield mut

    # ---- tables -------------------------------------------------------------------------
    def _row_anchor(self, row: TableRow, line_text: str, all_norm: list[str]) -> str | None:
        """Label and first figure of a row ('[301]工资福利支出 332.28'), or the whole row
        when that is not unique."""
        first = row.values[0]
        for snippet in (line_text[: first.end], line_text):
            snippet = _tidy(snippet)
            if snippet and sum(norm(snippet) in n for n in all_norm) == 1:
                return snippet
        return None

    def _change_row(self, row: TableRow, rng: random.Random) -> tuple[str, str, str] | None:
        """Change every cell of ``row`` that prints its first figure (copies within the row
        stay equal, so the row's own column sums hold). Returns (new line, new figure, slip)."""
        old = row.values[0]
        if old.value == 0:
            return None
        # a table prints every cell with the same decimals: keep them
        options = [(s, n) for s, n in slips(old.text)
                   if differs(s, old.value, Decimal("0.1")) and _decimals(s) == _decimals(old.text)]
        if not options:
            return None
        new, name = rng.choice(options)
        line = self.layout.lines[row.line]
        for v in sorted(row.values, key=lambda v: -v.start):
            if v.text == old.text:
                line = line[: v.start] + new + line[v.end:]
        return line, new, name

    def _titled(self, block: list[TableRow]) -> bool:
        """A block with a title line above it. A fragment without one (a table whose
        first page is lost) cannot say what its columns are, so it settles nothing."""
        lines = self.layout.lines
        rows = {r.line for r in self.layout.rows()} | {i for i in self.layout.prose if "。" in lines[i]}
        for i in range(block[0].line - 1, max(block[0].line - 120, -1), -1):
            if i in rows:
                return False
            if "\t" not in lines[i] and "表" in lines[i]:
                return True
        return False

    def _copies(self, row: TableRow) -> list[TableRow]:
        return [r for b in self.layout.blocks if self._titled(b) for r in b
                if r is not row and r.key == row.key and r.values[0].value == row.values[0].value]

    def _printed_elsewhere(self, block: list[TableRow], row: TableRow) -> bool:
        """The row's code also starts a line outside this block (a copy whose figures
        wrap onto a later line, which the layout reader does not parse)."""
        if not row.code:
            return False
        lo, hi = block[0].line, block[-1].line
        pattern = re.compile(rf"^\s*\[?{row.code}\]?(?:\s|$)")
        return any(pattern.match(text) for i, text in enumerate(self.layout.lines) if not lo <= i <= hi)

    def _ambiguous(self, row: TableRow) -> bool:
        """The row's figure also shows in an untitled fragment: leave it alone."""
        return any(r.key == row.key for b in self.layout.blocks if not self._titled(b) for r in b)

    def _breaks(self, block: list[TableRow], row: TableRow, new_line: str) -> list:
        """The identities of the block that the changed row breaks (re-read from the text)."""
        before = identities(block)
        changed = read_layout(new_line).rows() or []
        if not changed:
            return []
        patched = TableRow(line=row.line, code=row.code, label=row.label, values=[
            type(v)(column=v.column, start=v.start, end=v.end, text=cv.text) for v, cv in zip(row.values, changed[0].values)])
        out = []
        for ident in before:
            children = [patched if c is row else c for c in ident.children]
            parent = patched if ident.parent is row else ident.parent
            if not holds(type(ident)(parent, children)):
                out.append(ident)
        return out

    def _summands(self) -> Iterator[tuple[list[TableRow], Identity, TableRow]]:
        """(block, sum, part) for each part a total-mismatch may change: a leaf of one sum,
        printed nowhere else (no other table, no prose), in a titled table."""
        for block in self.layout.blocks:
            sums = identities(block)
            parents = {id(i.parent) for i in sums}
            for ident in sums:
                for leaf in ident.children:
                    if (id(leaf) in parents or not self._is_leaf(block, leaf) or self._copies(leaf)
                            or self._printed_elsewhere(block, leaf) or self._in_prose(leaf)
                            or self._ambiguous(leaf) or not self._titled(block)):
                        continue
                    yield block, ident, leaf

    def total(self, rng: random.Random) -> Iterator[Mutation]:
        for block, _ident, leaf in self._summands():
            yield from self._table_mutation(block, leaf, rng, cross=False)

    def cross(self, rng: random.Random) -> Iterator[Mutation]:
        for block in self.layout.blocks:
            sums = identities(block)
            parents = {id(i.parent) for i in sums}
            for ident in sums:
                for leaf in ident.children:
                    if (id(leaf) in parents or not leaf.code or not self._is_leaf(block, leaf) or not self._copies(leaf)
                            or self._in_prose(leaf) or self._ambiguous(leaf) or not self._titled(block)):
                        continue
                    yield from self._table_mutation(block, leaf, rng, cross=True)

    def _is_leaf(self, block: list[TableRow], row: TableRow) -> bool:
        """No line of the block prints a code under this row's code (rows whose figures
        sit on a later line are not parsed, but their code lines still show)."""
        if not row.code:
            return True
        sub = re.compile(rf"(?<!\d)\[?{row.code}\d{{2}}")
        lo, hi = block[0].line, block[-1].line
        return not any(sub.search(self.layout.lines[i].split("\t", 3)[-1] if "\t" in self.layout.lines[i]
                                  else self.layout.lines[i]) or (row.code and "\t" in self.layout.lines[i]
                                  and "".join(c.strip() for c in self.layout.lines[i].split("\t")[:3]).startswith(row.code)
                                  and len("".join(c.strip() for c in self.layout.lines[i].split("\t")[:3])) > len(row.code)
                                  and re.fullmatch(r"\d+", "".join(c.strip() for c in self.layout.lines[i].split("\t")[:3])))
                   for i in range(lo, hi + 1))

    def _in_prose(self, row: TableRow) -> bool:
        return row.values[0].text in self.prose.text

    def _table_mutation(self, block: list[TableRow], row: TableRow, rng: random.Random, cross: bool,
                        changed: tuple[str, str, str] | None = None) -> Iterator[Mutation]:
        changed = changed or self._change_row(row, rng)
        if not changed:
            return
        new_line, new, slip = changed
        broken = self._breaks(block, row, new_line)
        if len(broken) != 1:
            return  # exactly one sum must break, so the labels below are the whole truth
        lines = list(self.layout.lines)
        lines[row.line] = new_line
        all_norm = [norm(x) for x in lines]
        parent = broken[0].parent
        total_anchor = self._row_anchor(parent, lines[parent.line], all_norm)
        if total_anchor is None:
            return
        old_text = row.values[0].text
        sums = " + ".join(c.values[0].text if c is not row else new for c in broken[0].children)
        total_label = Label(kind="total-mismatch", anchor=total_anchor,
                            note=f"{parent.label} {parent.values[0].text} ≠ {sums} after {row.label} {old_text} → {new} ({slip})")
        if not cross:
            yield Mutation("total-mismatch", row.line, self.layout.lines[row.line], new_line, [total_label], slip)
            return
        patched = read_layout(new_line).rows()
        row_anchor = self._row_anchor(TableRow(row.line, row.code, row.label, patched[0].values) if patched else row,
                                      new_line, all_norm)
        if row_anchor is None:
            return
        others = ", ".join(f"l.{c.line + 1}" for c in self._copies(row))
        cross_label = Label(kind="cross-table-mismatch", anchor=row_anchor,
                            note=f"{row.label}: {new} here, {old_text} in the other table(s) ({others}); {slip}")
        yield Mutation("cross-table-mismatch", row.line, self.layout.lines[row.line], new_line,
                       [cross_label, total_label], slip)


GENERATORS = {
    "amount-mismatch": Planter.amount, "unit-mismatch": Planter.unit, "share-mismatch": Planter.share,
    "growth-mismatch": Planter.growth, "direction-mismatch": Planter.direction, "period-mismatch": Planter.period,
    "count-mismatch": Planter.count, "template-residue": Planter.template, "total-mismatch": Planter.total,
    "cross-table-mismatch": Planter.cross,
}


def _shuffled(candidates, rng: random.Random) -> list[Mutation]:
    """A generator's mutations without repeats (same line, same new text), in the seeded order."""
    found, seen = [], set()
    for mut in candidates:
        if (mut.line, mut.new) not in seen:
            seen.add((mut.line, mut.new))
            found.append(mut)
    rng.shuffle(found)
    return found


def plan(text: str, seed: int = 0, kinds: list[str] | None = None, protected: list[str] | None = None,
         per_kind: int | None = 8, count: int | None = None) -> list[Mutation]:
    """Every kind's candidate mutations (each kind with its own seeded generator, so
    adding a kind does not reshuffle the others), shuffled, capped per kind, then
    taken round-robin across kinds up to ``count``."""
    planter = Planter(text, protected or [])
    chosen: dict[str, list[Mutation]] = {}
    for kind, gen in GENERATORS.items():
        if kinds and kind not in kinds:
            continue
        found = _shuffled(gen(planter, rng := random.Random(f"{seed}:{kind}")), rng)
        chosen[kind] = found[:per_kind] if per_kind else found
    out: list[Mutation] = []
    depth = 0
    while any(depth < len(v) for v in chosen.values()):
        for kind in chosen:
            if depth < len(chosen[kind]):
                out.append(chosen[kind][depth])
        depth += 1
    return out[:count] if count else out


def apply(text: str, mutation: Mutation) -> str:
    lines = text.split("\n")
    assert lines[mutation.line] == mutation.old
    lines[mutation.line] = mutation.new
    return "\n".join(lines)


def write_mutations(doc: Path, out_dir: Path, seed: int = 0, count: int | None = None, kinds: list[str] | None = None,
                    prefix: str | None = None, per_kind: int | None = 8) -> list[WrittenCase]:
    text = doc.read_text(encoding="utf-8")
    beside = doc.with_name(doc.stem + LABELS_SUFFIX)
    carried = read_labels(beside) if beside.is_file() else LabelFile(document=doc.name, complete=False)
    prefix = prefix or doc.stem.split("_")[0]
    out_dir.mkdir(parents=True, exist_ok=True)
    written = _write_cases(plan(text, seed, kinds, [lab.anchor for lab in carried.findings], per_kind, count),
                           text, doc, out_dir, seed, carried, prefix)
    near = near_bound_plan(text, seed, kinds, [lab.anchor for lab in carried.findings])
    if count is not None:
        near = near[: max(0, count - len(written))]  # --count caps both families together
    written += _write_cases(near, text, doc, out_dir, seed, carried, f"{prefix}-near", family="near-bound")
    return written


# =========================================================================== near-bound family
# Errors planted just past the tolerance the README promises, so that a rule made looser by
# a step shows on the eval gate (the slips above are all far off): a rate one or two steps
# in its last decimal outside what its inputs' rounding allows (above the range, or below it
# past truncation), an amount 0.01 万元 off, a year two off, a table cell a few cents past the
# half-cent-per-part a sum allows. Each generator re-checks its own arithmetic (never with
# the checker), has its own seeded rng, and writes cases named '000-near-growth-001'.

NEAR_PER_KIND = 4


def _step(text: str) -> Decimal:
    return Decimal(1).scaleb(-_decimals(text))


def _fmt(value: Decimal, like: str) -> str:
    return f"{value.quantize(_step(like)):f}"


def near_rates(lo: Decimal, hi: Decimal, like: str) -> list[str]:
    """Rates stated with ``like``'s decimals that fall just outside [lo, hi], the range of
    the true rate over its inputs' rounding: the first step above hi + half a step, and
    the first step below lo that neither rounding nor truncation of lo gives."""
    step = _step(like)
    half = step / 2
    up = ((hi + half) / step).to_integral_value(rounding="ROUND_FLOOR") * step + step
    down = ((lo - step) / step).to_integral_value(rounding="ROUND_FLOOR") * step
    if down + half >= lo:  # still within rounding of lo
        down -= step
    return [_fmt(v, like) for v in (up, down) if v > 0]


def _ratio_bounds(part: Decimal, part_half: Decimal, whole: Decimal, whole_half: Decimal) -> tuple[Decimal, Decimal] | None:
    if whole - whole_half <= 0:
        return None
    return (part - part_half) / (whole + whole_half) * 100, (part + part_half) / (whole - whole_half) * 100


def _half(value: Decimal) -> Decimal:
    exp = value.as_tuple().exponent
    return Decimal(5).scaleb(-(-exp if isinstance(exp, int) and exp < 0 else 0) - 1)


class NearPlanter(Planter):
    def growth(self, rng: random.Random) -> Iterator[Mutation]:
        for c, r, current, true in self._changes():
            change = to_decimal(c.group(3))
            sign = 1 if c.group(1) == "增加" else -1
            prior = current - sign * change
            h_change, h_current = _half(change), _half(current)
            bounds = _ratio_bounds(change, h_change, prior, h_change + h_current)
            where = self.prose.span(r.start(3), r.end(3))
            if bounds is None or not where:
                continue
            line, col, end = where
            stated = r.group(3)
            for new in near_rates(*bounds, stated):
                mut = self._make("growth-mismatch", line, col, end, new, "near the bound",
                                 f"{stated}% → {new}% (near the bound); {c.group(3)} / {prior} = {true:.4f}%, "
                                 f"{bounds[0]:.4f}–{bounds[1]:.4f}% over the inputs' rounding",
                                 anchor_end=col + len(new) + 1, anchor_before=4)
                if mut:
                    yield mut

    def share(self, rng: random.Random) -> Iterator[Mutation]:
        for m in re.finditer(rf"占\s*(?:比)?\s*({NUM})\s*[%％]", self.prose.text):
            stated = m.group(1)
            before = self._amounts_before(m.start(), 160)
            if len(before) < 2:
                continue
            part = before[-1]
            wholes = [w for w in before[:-1] if w > 0 and _round(part / w * 100, stated) == to_decimal(stated)]
            where = self.prose.span(m.start(1), m.end(1))
            if not wholes or not where:
                continue
            whole = wholes[-1]
            bounds = _ratio_bounds(part, _half(part), whole, _half(whole))
            if bounds is None:
                continue
            line, col, end = where
            for new in near_rates(*bounds, stated):
                if to_decimal(new) > 100:
                    continue
                mut = self._make("share-mismatch", line, col, end, new, "near the bound",
                                 f"{stated}% → {new}% (near the bound); {part} / {whole} = {part / whole * 100:.4f}%, "
                                 f"{bounds[0]:.4f}–{bounds[1]:.4f}% over the inputs' rounding",
                                 anchor_end=col + len(new) + 1, anchor_before=4)
                if mut:
                    yield mut

    def amount(self, rng: random.Random) -> Iterator[Mutation]:
        for m, value in self._amounts():
            text = m.group(1)
            where = self.prose.span(m.start(1), m.end(1))
            if _decimals(text) != 2 or not where:
                continue
            line, col, end = where
            for new in (_fmt(value + Decimal("0.01"), text), _fmt(value - Decimal("0.01"), text)):
                if to_decimal(new) <= 0 or not differs(new, value, Decimal("0.01")):
                    continue
                mut = self._make("amount-mismatch", line, col, end, new, "0.01 万元 off",
                                 f"{text} → {new} (0.01 万元 off); the tables print {text}",
                                 anchor_end=col + len(new) + len(m.group(2)) + 2)
                if mut:
                    yield mut

    def period(self, rng: random.Random) -> Iterator[Mutation]:
        year = self.layout.year
        if not year:
            return
        for mut in Planter.period(self, random.Random(0)):
            old_year = str(year)
            at = mut.old.find(old_year)
            if at < 0:
                continue
            new = str(year - 2)
            line = mut.line
            tail = at + len(old_year) + (len(mut.new) - len(mut.old)) + len(mut.labels[0].anchor) - len(old_year)
            again = self._make("period-mismatch", line, at, at + len(old_year), new, f"{year} → {new}",
                               f"the {year} document dates this figure {new} (two years off)",
                               anchor_end=max(at + len(new), min(len(mut.old), tail)), anchor_before=0)
            if again:
                yield again

    def total(self, rng: random.Random) -> Iterator[Mutation]:
        for block, ident, leaf in self._summands():
            if leaf.values[0].value == 0 or _decimals(leaf.values[0].text) != 2:
                continue
            # the fewest cents that break the sum: the tolerance is half a cent per part
            cents = len(ident.children) // 2 + 1
            old = leaf.values[0]
            new = _fmt(old.value + Decimal(cents) / 100, old.text)
            line = self.layout.lines[leaf.line]
            for v in sorted(leaf.values, key=lambda v: -v.start):
                if v.text == old.text:
                    line = line[: v.start] + new + line[v.end:]
            yield from self._table_mutation(block, leaf, rng, cross=False,
                                            changed=(line, new, f"{cents} cents past the sum's rounding"))


NEAR_GENERATORS = {
    "amount-mismatch": NearPlanter.amount, "share-mismatch": NearPlanter.share,
    "growth-mismatch": NearPlanter.growth, "period-mismatch": NearPlanter.period,
    "total-mismatch": NearPlanter.total,
}


def near_bound_plan(text: str, seed: int = 0, kinds: list[str] | None = None,
                    protected: list[str] | None = None, per_kind: int = NEAR_PER_KIND) -> list[Mutation]:
    """The near-bound family: up to ``per_kind`` cases of each kind, kinds in a fixed order."""
    planter = NearPlanter(text, protected or [])
    out: list[Mutation] = []
    for kind, gen in NEAR_GENERATORS.items():
        if kinds and kind not in kinds:
            continue
        out += _shuffled(gen(planter, rng := random.Random(f"{seed}:near:{kind}")), rng)[:per_kind]
    return out


def _write_cases(mutations: list[Mutation], text: str, doc: Path, out_dir: Path, seed: int, carried: LabelFile,
                 prefix: str, family: str | None = None) -> list[WrittenCase]:
    """One case file and its labels per mutation, numbered per kind; ``family`` marks a
    family other than the typing slips in the labels' ``mutation`` record."""
    written: list[WrittenCase] = []
    numbers: dict[str, int] = {}
    for mut in mutations:
        short = SHORT[mut.kind]
        numbers[short] = numbers.get(short, 0) + 1
        name = f"{prefix}-{short}-{numbers[short]:03d}"
        labels = [*mut.labels, *carried.findings]
        (out_dir / f"{name}.txt").write_text(apply(text, mut), encoding="utf-8")
        data = {
            "document": f"{name}.txt",
            "complete": carried.complete,
            "findings": [lab.model_dump(exclude_none=True) for lab in labels],
            "mutation": {"source": doc.name, "seed": seed, "line": mut.line + 1, "slip": mut.slip,
                         "before": mut.old.strip(), "after": mut.new.strip(),
                         **({"family": family} if family else {})},
        }
        (out_dir / f"{name}{LABELS_SUFFIX}").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written.append(WrittenCase(name=name, kind=mut.kind, path=out_dir / f"{name}.txt", labels=labels))
    return written


# --------------------------------------------------------------------------- structure and names (issue 12)
# Kept apart from the generators above: each plants one structural slip by editing one
# line, and re-checks with its own patterns (never the checker's) that the slip stands.
_REASON_WORDS = re.compile(r"原因|由于|因为|主要是(?!用于)|主要系|所致|导致")
_EMPTY_NOTE_LINE = re.compile(r"^(\s*(?:注|说明)\s*[：:]\s*)(.*(?:无数据|无发生额|空表|表为空|没有数据|本表不涉及).*)$")
_EMPTY_TOPICS = ("政府性基金", "国有资本经营", "三公")
_ORG = re.compile(r"(?:20\d{2}\s*年度?)?\s*([\u4e00-\u9fff]{4,40}?(?:局|委员会|办公室|办事处|院|厅|中心|政府))\s*(?:（本级）)?")
_CHANGE_SUBJECT = re.compile(r"收支总计|收入总计|支出总计|财政拨款|三公|机关运行经费|运转经费|收入预算|支出预算")
_CHANGE = re.compile(rf"(?:比|较|与)[^。；]{{0,24}}?(?:增加|减少|增长|下降)\s*{NUM}\s*(?:万元|[%％])(?:[，,]\s*(?:增长|下降)\s*{NUM}\s*[%％])?")


def _unique_anchor(text: str, lines: list[str], changed: int, new_line: str) -> str | None:
    patched = list(lines)
    patched[changed] = new_line
    key = norm(text)
    return _tidy(text) if key and sum(key in norm(x) for x in patched) == 1 else None


def _keeps_protected(planter: Planter, lines: list[str], changed: int, new_line: str) -> bool:
    patched = list(lines)
    patched[changed] = new_line
    joined = norm("\n".join(patched))
    return all(p in joined for p in planter.protected)


def plant_missing_table(planter: Planter, rng: random.Random) -> Iterator[Mutation]:
    """An empty 政府性基金 / 国有资本经营 / 三公 table loses the note that says it is empty
    ('注：本表本年无发生额。' → '注：无。'), and no prose says the body has none."""
    lines = planter.layout.lines
    for i, line in enumerate(lines):
        m = _EMPTY_NOTE_LINE.match(line)
        if not m:
            continue
        above = [j for j in range(i - 1, max(i - 14, -1), -1) if "\t" not in lines[j] and re.search(r"表\s*$", lines[j])]
        if not above:
            continue
        title = lines[above[0]]
        topic = next((t for t in _EMPTY_TOPICS if t in title), None)
        figures = re.findall(r"\d+\.\d+", "\n".join(lines[above[0] + 1:i]))
        if topic is None or any(to_decimal(f) != 0 for f in figures):
            continue
        rest = "\n".join(x for k, x in enumerate(lines) if k != i)
        if re.search(rf"(?:无|没有|未安排|不涉及)[^。；，]{{0,24}}{topic}|{topic}[^。；\n]{{0,40}}?(?:为0|为零|0(?:\.0+)?\s*万元|没有|未安排|不涉及)", rest):
            continue  # the prose explains the empty table: taking the note away leaves no slip
        new = m.group(1) + "无。"
        anchor = _unique_anchor(title, lines, i, new)
        if anchor is None or not _keeps_protected(planter, lines, i, new):
            continue
        yield Mutation("missing-table", i, line, new, [Label(kind="missing-table", anchor=anchor,
                       note=f"the empty table's note '{m.group(2).strip()}' replaced by '无。': the table is empty and nothing says why")],
                       "empty-table note dropped")


def plant_name_mismatch(planter: Planter, rng: random.Random) -> Iterator[Mutation]:
    """The body's own name written with another connector in one prose line
    (人力资源和社会保障局 → 人力资源与社会保障局), as the cover still prints it."""
    lines = planter.layout.lines
    cover = re.sub(r"[\s*#]+", "", "".join(lines[:8]))
    m = _ORG.search(cover)
    if not m:
        return
    name = m.group(1)
    spots = [i for i in planter.layout.prose if name in lines[i] and "。" in lines[i]]
    if len(spots) < 2 or not any(ch in name for ch in "和与及"):
        return
    pos = next(k for k, ch in enumerate(name) if ch in "和与及")
    other = {"和": "与", "与": "和", "及": "和"}[name[pos]]
    variant = name[:pos] + other + name[pos + 1:]
    for i in spots:
        col = lines[i].index(name)
        new = lines[i][:col] + variant + lines[i][col + len(name):]
        anchor = _unique_anchor(variant, lines, i, new)
        if anchor is None or not _keeps_protected(planter, lines, i, new):
            continue
        yield Mutation("name-mismatch", i, lines[i], new, [Label(kind="name-mismatch", anchor=anchor,
                       note=f"the cover names the body '{name}'; this line writes '{variant}'")], f"{name[pos]} → {other}")


def plant_missing_reason(planter: Planter, rng: random.Random) -> Iterator[Mutation]:
    """The reason after a change the template asks to explain is cut
    ('…增长15.31%，主要原因是人员较上年有所增加。' → '…增长15.31%。')."""
    lines = planter.layout.lines
    prose = set(planter.layout.prose)
    for i in planter.layout.prose:
        line = lines[i]
        # a change whose sentence began on the line before ('…比上年' / '增加4.17万元，…')
        prev = next((lines[j] for j in range(i - 1, max(i - 3, -1), -1) if lines[j].strip()), "")
        prev = prev if (i - 1 in prose or i - 2 in prose) and not re.search(r"[。；]\s*$", prev) else ""
        joined = prev + line
        for c in _CHANGE.finditer(joined):
            if c.end() <= len(prev):
                continue
            before = joined[max(0, c.start() - 60): c.start()]
            if not _CHANGE_SUBJECT.search(before):
                continue
            end = c.end() - len(prev)
            r = re.compile(r"([，,]\s*)?主要原因[是为：:][^。；]*([。；])").search(line, end, end + 40)
            if not r or r.start() > end + 2:
                continue
            start = max(0, c.start() - len(prev))
            stop = "。" if r.group(1) else ""
            new = line[: r.start()] + stop + line[r.end():]
            if _REASON_WORDS.search(new[start:]):
                continue
            following = [x for x in lines[i + 1:i + 8] if x.strip()][:2]
            if any(_REASON_WORDS.search(x) for x in following if not re.match(r"\s*[一二三四五六七八九十]+、", x)):
                continue  # a reason in the next paragraph still explains it
            anchor = _unique_anchor(line[start: r.start()], lines, i, new)
            if anchor is None or not _keeps_protected(planter, lines, i, new):
                continue
            yield Mutation("missing-reason", i, line, new, [Label(kind="missing-reason", anchor=anchor,
                           note=f"the reason '{line[r.start():r.end()].strip('，,。；')}' was cut: the change is left unexplained")],
                           "reason cut")


SHORT.update({"missing-table": "table", "name-mismatch": "name", "missing-reason": "reason"})
GENERATORS.update({"missing-table": plant_missing_table, "name-mismatch": plant_name_mismatch,
                   "missing-reason": plant_missing_reason})
