"""A change the template asks to explain, given with no reason.

The templates ask for a reason ("主要原因是…") after the change of the 收支总计, of the
财政拨款 totals, of "三公"经费 and 机关运行经费 against the prior year, and after every
决算 figure that differs from its 年初预算. A reason may sit in the same sentence, later
in the paragraph, or in the paragraph that follows. "主要用于…" says what the money
was spent on, not why it changed, so it is not a reason.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..claims.prose import Paragraph, sentences
from ..models import Document, Finding
from .base import make_finding

_SUBJECT = re.compile(
    r"收入支出(?:预算|决算)?总计|收支(?:预算|决算)?总计|收入总计|支出总计|财政拨款|“?三公”?\s*经费|\"三公\"\s*经费"
    r"|机关运行经费|机构运转经费|运行经费|(?:收入|支出)(?:预算|决算)\s*[\d,]+(?:\.\d+)?\s*万元")
_VS_PRIOR = re.compile(
    r"(?:比|较|与|同)\s*(?:上年|上一年|去年|上年度|上一年度|20\d{2}\s*年度?)(?:预算|决算|执行数|预算数|决算数)?"
    r"[^。；;]{0,24}?(?:增加|减少|增长|下降|上升|降低|增支|减支)")
_NO_CHANGE = re.compile(r"持平|无变化|保持一致|不变|相同|无增减|增加\s*0(?:\.0+)?\s*万元|减少\s*0(?:\.0+)?\s*万元")
_VS_BUDGET = re.compile(r"决算数?\s*(?:大于|小于|高于|低于|超过|少于)\s*(?:年初)?预算数?")
_PAIR = re.compile(r"年初预算数?\s*(?:为|是)?\s*([\d,]+(?:\.\d+)?)\s*万元[^。；]{0,30}?决算数?\s*(?:为|是)?\s*([\d,]+(?:\.\d+)?)")
"""'年初预算为 76.33 万元，支出决算为 39.99 万元': a 决算 item against its budget."""
_REASON = re.compile(r"原因|由于|因为|是因|主要是(?!用于)|主要系|系因|归因|缘于|得益于|所致|导致|造成")
_TOP = re.compile(r"^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)")
_BREAK = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分)")


def _is_change(text: str) -> str | None:
    """'prior' for a change against the prior year, 'budget' for 决算 vs 预算, else None."""
    if _VS_BUDGET.search(text):
        return "budget"
    pair = _PAIR.search(text)
    if pair and Decimal(pair.group(1).replace(",", "")) != Decimal(pair.group(2).replace(",", "")):
        return "budget"
    m = _VS_PRIOR.search(text)
    if m and _SUBJECT.search(text[: m.end()]) and not _NO_CHANGE.search(text[m.start(): m.end() + 16]):
        return "prior"
    return None


def check_missing_reasons(paragraphs: list[Paragraph], doc: Document | None = None) -> list[Finding]:
    out: list[Finding] = []
    sents = sentences(paragraphs)
    para_index = {id(p): i for i, p in enumerate(paragraphs)}
    for k, sent in enumerate(sents):
        what = _is_change(sent.text)
        if what is None or _REASON.search(sent.text):
            continue
        if _explained(sents, k, paragraphs, para_index):
            continue
        message = ("决算 differs from its 预算 but no reason follows" if what == "budget"
                   else "a change against the prior year that the template asks to explain has no reason")
        out.append(make_finding(
            "missing-reason", message, quote=sent.text, line=sent.line,
            page=doc.page_of(sent.line) if doc else None, subject=_subject(sent.text)))
    return out


def _subject(text: str) -> str:
    m = _SUBJECT.search(text) or _VS_BUDGET.search(text) or _PAIR.search(text)
    return m.group(0) if m else ""


def _explained(sents, k: int, paragraphs: list[Paragraph], para_index: dict[int, int]) -> bool:
    """A reason later in the sentence's paragraph (one reason often covers a run of
    changes: 收入, 支出, 财政拨款 …), or in the paragraph that follows it."""
    sent = sents[k]
    for later in sents[k + 1:]:
        if later.paragraph is not sent.paragraph:
            break
        if _REASON.search(later.text):
            return True
    i = para_index.get(id(sent.paragraph))
    if i is not None:
        # '…增长78.6%，具体如下：' or '…减少10万元。其中：' hands the explaining over to the
        # list of parts after it: each part's reason explains the total
        rest = sent.paragraph.text[sent.offset + len(sent.text):] if sent.paragraph else ""
        listing = bool(re.search(r"如下|其中\s*[：:]?\s*$|[：:]\s*$", sent.text + rest))
        reach = 8 if listing else 2
        for nxt in paragraphs[i + 1: i + 1 + reach]:
            head = nxt.text.strip()
            if _TOP.match(head) or (not listing and _BREAK.match(head)):
                break
            if _REASON.search(nxt.text if listing else nxt.text[:200]):
                return True
            if not listing and _is_change(nxt.text):
                break
    return False
