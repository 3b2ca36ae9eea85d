"""Can the document be read at all? Checks on what was read, not on the file.

Some PDFs store their text out of reading order: the ideographs of a line come out
on one line and its digits and punctuation on the next ('一 收入预算 年年初预算数
万元' / '( ) :2026 14,770.62 , :'). Checking such prose would only guess. Tables
of such files may have their labels shifted against their codes. Both are told
apart by what they look like, never by the file's name."""

from __future__ import annotations

import re

from ..models import Document, Table
from .concepts import catalogue, normalize_label

_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")
_PUNCT_TOKEN = re.compile(r"^[,，。、:：;；()（）《》<>〔〕\"“”'!！?？]+$")

MIN_FRAGMENTS = 10
"""Fewer scattered lines than this are accidents of layout, not a scrambled file."""
FRAGMENT_SHARE = 0.2
"""Share of prose lines that are detached punctuation-and-figure fragments."""


def _fragment(text: str) -> bool:
    """A line of punctuation and figures torn from its sentence: no ideograph, and
    punctuation standing alone ('( ) :2026 14,770.62 , :')."""
    tokens = text.split()
    return bool(tokens) and not _IDEOGRAPH.search(text) and any(_PUNCT_TOKEN.match(t) for t in tokens)


def scrambled_order(doc: Document) -> str | None:
    """A warning when the prose lines are mostly torn apart, else None."""
    lines = [ln.text.strip() for ln in doc.lines if not ln.in_table and ln.text.strip()]
    prose = sum(1 for t in lines if _IDEOGRAPH.search(t))
    fragments = sum(1 for t in lines if _fragment(t))
    if fragments >= MIN_FRAGMENTS and fragments >= FRAGMENT_SHARE * max(prose, 1):
        return (f"the text layer is not in reading order ({fragments} of {prose + fragments} prose lines are "
                "punctuation and figures torn from their sentences): the prose is not checked; "
                "read the PDF by eye or OCR it")
    return None


def _class_names() -> dict[str, list[str]]:
    cat = catalogue()
    names: dict[str, list[str]] = {}
    for code, name in {**cat["func_classes"], **cat["econ_classes"]}.items():
        names[code] = [name] + list(cat.get("func_aliases", {}).get(code, []))
    return names


def misaligned(table: Table) -> bool:
    """True when the table's class rows (3-digit 科目) carry labels that are not
    their class's name ('301 基本工资', '302 办公费') and a label sits alone on a row
    of its own: labels shifted against codes."""
    names = _class_names()
    checked = wrong = 0
    for row in table.rows:
        if not row.code or len(row.code) != 3 or row.code not in names or not row.label:
            continue
        checked += 1
        label = normalize_label(row.label).replace("的", "")
        if not any(n.replace("的", "")[:4] in label for n in names[row.code]):
            wrong += 1
    # Shifted labels leave a label with no code and no figure behind inside the table.
    orphan = any(r.label and not r.code and all(c.value is None for c in r.cells) for r in table.rows[1:])
    return orphan and checked >= 2 and wrong * 2 > checked
