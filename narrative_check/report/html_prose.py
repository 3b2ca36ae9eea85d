"""The prose of the HTML report: the document's non-table lines, each checked claim
highlighted by status.

A claim's quote is verbatim but joined over line breaks (claims/prose.py), so it is
found again in the lines with whitespace and Markdown '*' ignored; where a page
footer or header sits inside the sentence, those lines are skipped. Claims may
overlap (several clauses of one sentence), so each line is cut into segments and a
segment carries every mark that covers it, coloured by the worst.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Line, Table
from .html_tables import esc

STATUSES = ("error", "warning", "ignored", "unverified", "verified")
"""Worst first: a segment covered by several marks shows the first of these."""

ICON = {"error": "✖", "warning": "▲", "ignored": "–", "unverified": "?", "verified": "✓"}

_SKIP = set(" \t\u3000*\r\n")


@dataclass
class Mark:
    """One highlighted stretch of prose: a claim (with its findings) or a finding
    that belongs to no claim (template residue …)."""

    id: str
    status: str
    line: int
    quote: str
    claim: int | None = None
    """Index into the report's claims."""
    findings: list[int] = field(default_factory=list)
    """Indexes into the report's findings."""
    spans: list[tuple[int, int, int]] = field(default_factory=list)
    """(line number, start, end) character ranges of the quote in the lines."""


def prose_lines(lines: list[Line], tables: list[Table]) -> list[Line]:
    """The lines that are not part of a parsed table: what the reviewer reads as text."""
    taken = set()
    for table in tables:
        taken.update(range(table.line_start, table.line_end + 1))
    return [line for line in lines if not line.in_table and line.no not in taken]


def _normal(text: str) -> tuple[str, list[int]]:
    """Text without whitespace and '*', with the original index of each kept character."""
    kept = [(i, ch) for i, ch in enumerate(text) if ch not in _SKIP]
    return "".join(ch for _, ch in kept), [i for i, _ in kept]


def locate(window: list[Line], quote: str) -> list[tuple[int, int, int]]:
    """Where ``quote`` sits in ``window`` (consecutive prose lines from the claim's
    line on): a list of (line, start, end). Empty when it cannot be found."""
    q, _ = _normal(quote)
    if not q or not window:
        return []
    normals = [_normal(line.text) for line in window]
    # 1. the quote as one run over consecutive lines
    joined, owners = "", []
    for k, (text, index) in enumerate(normals):
        joined += text
        owners.extend((k, i) for i in index)
    at = joined.find(q)
    if at >= 0:
        return _spans(window, owners[at: at + len(q)])
    # 2. the quote starts on the first line and runs on, skipping lines that do not
    #    continue it (a page footer inside the sentence)
    first, index = normals[0]
    k = next((k for k in range(min(len(first), len(q)), 3, -1) if first.endswith(q[:k])), 0)
    if not k:
        return []
    picked = [(0, i) for i in index[len(first) - k:]]
    pos, skipped = k, 0
    for n, (text, index) in enumerate(normals[1:], start=1):
        rest = q[pos:]
        if not rest:
            break
        if text and rest.startswith(text):
            picked.extend((n, i) for i in index)
            pos += len(text)
        elif text and text.startswith(rest):
            picked.extend((n, i) for i in index[: len(rest)])
            pos = len(q)
        elif skipped < 3:
            skipped += 1
        else:
            break
    return _spans(window, picked)


def _spans(window: list[Line], owners: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    spans: dict[int, list[int]] = {}
    for k, i in owners:
        spans.setdefault(k, []).append(i)
    return [(window[k].no, min(ix), max(ix) + 1) for k, ix in sorted(spans.items())]


def place(marks: list[Mark], prose: list[Line], window: int = 16) -> None:
    """Fill each mark's spans; a quote that cannot be found highlights its whole line."""
    position = {line.no: i for i, line in enumerate(prose)}
    for mark in marks:
        i = position.get(mark.line)
        if i is None:
            continue
        mark.spans = locate(prose[i: i + window], mark.quote) or [(mark.line, 0, len(prose[i].text))]


def _line_html(line: Line, marks: list[tuple[int, int, Mark]]) -> str:
    """One line's text with its marked segments wrapped in <mark> elements."""
    text = line.text
    if not marks:
        return esc(text)
    cuts = sorted({0, len(text), *(s for s, _, _ in marks), *(e for _, e, _ in marks)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = esc(text[a:b])
        over = [m for s, e, m in marks if s <= a and b <= e]
        if not over:
            out.append(piece)
            continue
        status = min((m.status for m in over), key=STATUSES.index)
        # the icon once per mark, where its quote begins (not on each wrapped line)
        starting = [m for s, _, m in marks if s == a and m.spans[0][0] == line.no]
        icons = "".join(f'<b class="ico i-{m.status}" aria-hidden="true">{ICON[m.status]}</b>' for m in starting)
        ids = " ".join(m.id for m in over)
        out.append(f'<mark class="m st-{status}" data-m="{ids}" tabindex="0" role="button" '
                   f'aria-label="{status}: show the check">{icons}{piece}</mark>')
    return "".join(out)


def prose_html(doc: str, prose: list[Line], marks: list[Mark], tables: list[Table]) -> str:
    """The prose lines with line numbers, page breaks, highlighted claims, and a
    pointer where a table was taken out of the text."""
    on_line: dict[int, list[tuple[int, int, Mark]]] = {}
    for mark in marks:
        for no, start, end in mark.spans:
            on_line.setdefault(no, []).append((start, end, mark))
    starts = sorted((t.line_start, i, t) for i, t in enumerate(tables))
    out = []
    page = None
    last_no = 0
    ti = 0
    for line in prose:
        while ti < len(starts) and starts[ti][0] < line.no:
            _, t, table = starts[ti]
            if table.line_start > last_no:
                out.append(f'<div class="tabref"><a href="#{doc}-t{t}" data-table="{doc}-t{t}">▦ table: '
                           f"{esc(table.title)}</a></div>")
            ti += 1
        if line.page and line.page != page:
            page = line.page
            out.append(f'<div class="pg">page {page}</div>')
        cls = "ln blank" if not line.text.strip() else "ln"
        out.append(f'<div class="{cls}" id="{doc}-L{line.no}"><span class="no">{line.no}</span>'
                   f'<span class="tx">{_line_html(line, on_line.get(line.no, []))}</span></div>')
        last_no = line.no
    return "".join(out)
