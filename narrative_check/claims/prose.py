"""Document → prose paragraphs and sentences, with line numbers kept.

Table lines are left out; lines broken mid-sentence (pdftotext wraps every line,
pages break sentences) are joined back so a claim reads as one sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ..models import Document, Table
from ..tables.patterns import FURNITURE

_HEADING = re.compile(
    r"^\s*(?:#+\s*)?(?:\*\*)?\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[、.．](?!\d)\s*\S)"
)
_SKIPPED = re.compile(r"^\s*(?:\[illegible\]|目\s*录)\s*$")
_END = re.compile(r"[。！!？?：:]\s*(?:\*\*)?\s*$")
"""What ends a paragraph before a blank line: not '；', which goes on with a list over a page break."""
_SENTENCE_END = re.compile(r"(?<=[。；;！!？?])")
_PUNCT = re.compile(r"[，,。；;：:]")
_LEVEL_MARK = re.compile(r"[（(]\s*\d{0,3}\s*[类款项]\s*[)）]")
_STARTS_SENTENCE = re.compile(r"^\s*(?:(?:19|20)\d{2}\s*年|本部门|本单位|我单位|我部门|截至|根据|按照|经)")


@dataclass
class Paragraph:
    """Consecutive prose lines joined into one text, with a map back to lines."""

    text: str
    line: int
    heading: str = ""
    starts: list[int] = field(default_factory=list)
    """Offset in ``text`` where each joined line begins."""
    line_nos: list[int] = field(default_factory=list)
    is_heading: bool = False
    """A title line ('（一）收入预算情况') rather than running prose."""

    def line_at(self, offset: int) -> int:
        i = bisect_right(self.starts, offset) - 1
        return self.line_nos[max(i, 0)]


@dataclass
class Sentence:
    text: str
    line: int
    heading: str = ""
    paragraph: Paragraph | None = None
    offset: int = 0
    """Where the sentence starts inside its paragraph."""


def _clean(text: str) -> str:
    text = text.replace("**", "").replace("\u3000", " ")
    return re.sub(r"^\s*#+\s*", "", text).strip()


def table_lines(tables: list[Table]) -> set[int]:
    taken: set[int] = set()
    for table in tables:
        taken.update(range(table.line_start, table.line_end + 1))
    return taken


def paragraphs(doc: Document, tables: list[Table]) -> list[Paragraph]:
    """Join prose lines into paragraphs. A paragraph ends at a heading, or at a line
    that ends a sentence and is followed by a blank line."""
    skip = table_lines(tables)
    result: list[Paragraph] = []
    current: Paragraph | None = None
    heading = ""
    blank_run = 0

    def close() -> None:
        nonlocal current
        if current and current.text.strip():
            result.append(current)
        current = None

    for line in doc.lines:
        if line.no in skip or line.in_table:
            close()
            continue
        raw = line.text
        if not raw.strip() or FURNITURE.match(raw) or _SKIPPED.match(raw):
            blank_run += 1 if not raw.strip() else 0
            continue
        text = _clean(raw)
        if not text:
            continue
        numbered = bool(_HEADING.match(raw))
        # A numbered line naming a 科目 path ('1、社会保障和就业支出（类）…（款）') opens an
        # item whose sentences follow, often on the same wrapped line: a paragraph, not a title.
        is_heading = (numbered and len(text) < 60 and not re.search(r"\d+(?:\.\d+)?\s*万元", text)
                      and not _LEVEL_MARK.search(text))
        if is_heading:
            close()
            heading = text
            blank_run = 0
            result.append(Paragraph(text=text, line=line.no, heading=heading, starts=[0], line_nos=[line.no],
                                    is_heading=True))
            continue
        if numbered:
            close()  # every numbered item starts its own paragraph
        if current is not None and blank_run and (
            _END.search(current.text) or (not _PUNCT.search(current.text) and _STARTS_SENTENCE.match(text))
        ):
            # A paragraph ends at a blank line after a full stop, or after a title-like
            # line when the next one opens a sentence ('2024年本部门…').
            close()
        blank_run = 0
        if current is None:
            current = Paragraph(text="", line=line.no, heading=heading)
        current.starts.append(len(current.text))
        current.line_nos.append(line.no)
        current.text += text
    close()
    return result


MAX_SENTENCE_CHARS = 3000
"""A run-on 'sentence' longer than this (real ones stay under a few hundred
characters) is cut at commas: every claim quotes its sentence, so one endless
sentence of thousands of figures would otherwise make a report of gigabytes."""
_CLAUSE_END = re.compile(r"(?<=[，,、])")


def _bounded(piece: str, limit: int = MAX_SENTENCE_CHARS) -> list[str]:
    if len(piece) <= limit:
        return [piece]
    out: list[str] = []
    current = ""
    for clause in _CLAUSE_END.split(piece):
        while len(clause) > limit:  # no comma at all: cut hard
            if current:
                out.append(current)
                current = ""
            out.append(clause[:limit])
            clause = clause[limit:]
        if current and len(current) + len(clause) > limit:
            out.append(current)
            current = ""
        current += clause
    if current:
        out.append(current)
    return out


def sentences(paras: list[Paragraph]) -> list[Sentence]:
    out: list[Sentence] = []
    for para in paras:
        offset = 0
        for piece in (part for whole in _SENTENCE_END.split(para.text) for part in _bounded(whole)):
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                out.append(
                    Sentence(
                        text=piece.strip(),
                        line=para.line_at(offset + lead),
                        heading=para.heading,
                        paragraph=para,
                        offset=offset + lead,
                    )
                )
            offset += len(piece)
    return out
