"""Reading order from character positions: PDF characters → visual lines.

pdfplumber's own line building groups characters whose *tops* lie within a few
points. Some published PDFs set digits in another font on a lower baseline, so
every number of a sentence ends up on a line of its own. Here a character joins a
line when its box overlaps the line's box by half its height, which keeps lowered
digits (and raised punctuation) with their sentence while two real lines, whose
boxes do not overlap, stay apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterable

Char = dict[str, Any]
"""A pdfplumber character: text, x0, x1, top, bottom, size …"""

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’（）]")


@dataclass
class TextLine:
    """One visual line: its box and its characters in left-to-right order."""

    top: float
    bottom: float
    chars: list[Char] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return min(c["x0"] for c in self.chars)

    @property
    def x1(self) -> float:
        return max(c["x1"] for c in self.chars)

    @cached_property
    def text(self) -> str:
        """Read once the line is complete (group_lines returns complete lines)."""
        return chars_text(self.chars)


def group_lines(chars: Iterable[Char]) -> list[TextLine]:
    """Group characters into visual lines, top to bottom, each sorted left to right.

    A line keeps the box of the character that opened it (the topmost), so a long
    line cannot creep downwards into the next one through a chain of small offsets.
    """
    ordered = sorted((c for c in chars if c["text"]), key=lambda c: (round(c["top"], 1), c["x0"]))
    lines: list[TextLine] = []
    for char in ordered:
        top, bottom = char["top"], char["bottom"]
        height = max(bottom - top, 0.1)
        # Only the last few lines can still receive characters: chars come sorted by top.
        for k in range(len(lines) - 1, max(len(lines) - 7, -1), -1):
            line = lines[k]
            line_height = max(line.bottom - line.top, 0.1)
            if min(line.bottom, bottom) - max(line.top, top) >= 0.5 * min(height, line_height):
                line.chars.append(char)
                break
        else:
            lines.append(TextLine(top=top, bottom=bottom, chars=[char]))
    for line in lines:
        line.chars.sort(key=lambda c: c["x0"])
    # Whitespace-only lines (a stray space char) carry nothing to read.
    return [line for line in lines if line.text.strip()]


def chars_text(chars: list[Char]) -> str:
    """The text of one line's characters (already left to right). A printed space is
    kept; a horizontal gap wider than half a character also reads as one space, so
    columns laid out with gaps stay apart (the text table parser splits on spaces)."""
    out: list[str] = []
    prev: Char | None = None
    for char in chars:
        text = char["text"]
        if prev is not None:
            gap = char["x0"] - prev["x1"]
            size = max(char.get("size") or 0.0, prev.get("size") or 0.0, 1.0)
            if gap > 0.5 * size and out and not out[-1].endswith(" ") and not text.isspace():
                out.append(" ")
        if text.isspace():
            if out and not out[-1].endswith(" "):
                out.append(" ")
        elif prev is not None and abs(char["x0"] - prev["x0"]) < 0.01 and text == prev["text"]:
            # The same glyph drawn twice at one spot (fake bold): read it once.
            continue
        else:
            out.append(text)
        prev = char
    return "".join(out).strip()


def join_wrapped(parts: list[str]) -> str:
    """Join the lines of one wrapped table cell. Chinese wraps anywhere, so the parts
    join without a space; two Latin or digit ends join with one."""
    text = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if text and not (_CJK.search(text[-1]) or _CJK.search(part[0])):
            text += " "
        text += part
    return text
