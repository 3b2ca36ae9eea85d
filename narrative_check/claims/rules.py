"""The offline extractor: sentences → claims, by the wording the genre uses.

A sentence is read left to right as a run of figures (amounts, percentages, years,
counts). What a figure is follows from the words just before it: '增加 24.72 万元'
is a change, '增长 4.85%' a growth rate, '占 21.10%' a share, anything else with a
unit a stated amount whose subject is the text since the last delimiter.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..models import Claim
from ..tables.context import DocContext
from .prose import Sentence
from .scope import Scope, find_path, is_generic

_FIGURE = re.compile(
    r"(?P<year>(?:19|20)\d{2})\s*年度?(?!\s*\d)"
    r"|(?P<amount>\d[\d,，]*(?:\.\d+)?)\s*(?P<unit>亿元|万元|千元|元)"
    r"|(?P<pct>-?\d+(?:\.\d+)?)\s*[%％]"
    r"|(?<![\d.])(?P<count>\d+)\s*(?P<counter>个|辆|人次|人|台|套|项|批次|次)(?![\d])"
)
_INCREASE = r"增加|增长|上升|提高|增支|多|超"
_DECREASE = r"减少|下降|降低|减支|节约|少|压减|缩减"
_CHANGE_WORD = re.compile(rf"(?P<dir>{_INCREASE}|{_DECREASE})(?:了)?\s*$")
_GROWTH_WORD = re.compile(rf"(?P<dir>{_INCREASE}|{_DECREASE}|增幅|降幅|幅度)(?:了|为|达)?\s*$")
_SHARE_WORD = re.compile(r"占(?P<whole>[^，,；;。占]{0,24}?)(?:的)?(?:比重|比例)?(?:为)?\s*$")
_COMPLETION = re.compile(r"完成(?P<whole>[^，,；;。]{0,16}?)的?\s*$")
_FLAT = re.compile(r"持平|保持一致|无增减|没有变化|未发生变化|与上年一致|与上年相同|无变化")
_COMPARE_YEAR = re.compile(r"^\s*(?:度)?\s*(?:预算|决算|预算数|决算数)?\s*(?:相比|比较|对比|同比)")
_COMPARE_BEFORE = re.compile(r"(?:与|较|比|同|对比|相比)\s*$")
_STOCK_DATE = re.compile(r"^\s*(?:度)?\s*(?:\d{1,2}\s*月|年?末|期末|年底|底|12\s*月\s*31\s*日)")
_THRESHOLD_BEFORE = re.compile(r"(?:单价|单位价值|价值|单台|每台|标准为?|不超过|不低于|以内)\s*(?:在|为)?\s*$")
_THRESHOLD_AFTER = re.compile(r"^\s*(?:[（(]含[)）])?\s*(?:以上|以下|及以上|及以下|/)")
_DELIM = re.compile(r"[，,；;。：:、]|其中|以及")
_FILLER = re.compile(
    r"^(?:\s|[）)]|本部门|本单位|我单位|我部门|我局|本局|全年|部门|单位|共计|共有|合计为|主要用于|用于|包括|分别为|分别|具体|其中|即"
    r"|[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[、.．]|[（(]含[)）]|以上|以下|的)+"
)
_TAIL = re.compile(r"(?:安排|年初预算数?为?|预算数?为|预算安排|为|是|达到|达|共计|约|总额为|金额为|合计为|年初)+\s*$")
_COMPARE_TAIL = re.compile(r"(?:比上年|较上年|与上年相比|比\s*\d{4}\s*年|较\s*\d{4}\s*年|同比).*$|(?:比|较|与)\s*$")
_HALF_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_LIST_OPEN = re.compile(r"其中|主要用于以下方面|用于以下方面|主要包括以下|分别为|具体如下|构成如下")
_BUDGET_BASIS = re.compile(r"(?:年初预算|调整预算|全年预算|预算数)(?:数)?\s*(?:为|是)?\s*$")
_FINAL_DOC_BUDGET = re.compile(r"预算(?:数)?\s*(?:为|是)\s*$")
"""In a 决算 document any '…预算为 X' is the budget the 决算 is held against."""
_FINAL_BASIS = re.compile(r"决算(?:数)?\s*(?:为|是)?\s*$")
_NEAR = 200
_STRONG_CHANGE = re.compile(r"(?:增加|减少|增长|下降|上升|降低|压减|缩减|增支|减支)(?:了)?\s*$")
_REASON = re.compile(r"^\s*(?:[^，,。；;]{0,30}?的)?主要原因(?:是|为|有)?\s*[：:]?")
_OWN_LIST = re.compile(r"^[^，,；;。]*?\d[^，,；;。]*[，,]\s*其中")
"""'实有人员119人，其中…': a clause that opens a list of its own is a new total, not a part."""
_NEW_STATEMENT = re.compile(r"^\s*(?:本部门|本单位|我单位|我部门|全局|全部门|(?:19|20)\d{2}\s*年)")
_PRIOR_BEFORE = re.compile(r"(?:比|较|同)\s*(?:(?:19|20)\d{2}\s*年度?)?\s*[^，,；;。\d比较增减上下降（()）]{0,10}$")
_PRIOR_SUBJECT = re.compile(r"执行数|上年预算|上年决算|上年度?(?:预算|决算)?数|上年实际|上年支出|上年收入")
_COMPARE_MARK = re.compile(r"比上年|较上年|与上年|上年|同比|上一年|相比|比较|(?:与|比|较)\s*\d{4}\s*年")


def _direction(word: str) -> str:
    if re.fullmatch(_DECREASE, word) or word == "降幅":
        return "decrease"
    if word in ("幅度",):
        return ""
    return "increase"


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", "").replace("，", ""))


def _subject(pre: str, context: DocContext) -> str:
    """The words naming a figure: text since the last delimiter, without the body's
    name, years, and filler verbs."""
    parts = _DELIM.split(pre)
    text = parts[-1] if parts else pre
    if not text.strip() and len(parts) > 1:
        text = parts[-2]
    # An aside opened and not closed before the figure starts the subject:
    # '…维护费0万元（公务用车购置费0万元' → '公务用车购置费'.
    while text.count("（") + text.count("(") > text.count("）") + text.count(")"):
        cut = max(text.rfind("（"), text.rfind("("))
        text = text[cut + 1 :]
    for name in filter(None, [context.org, re.sub(r"[（(]本级[)）]$", "", context.org or "")]):
        text = text.replace(name, "")
    text = re.sub(r"(?:19|20)\d{2}\s*年度?", "", text)
    text = _COMPARE_TAIL.sub("", text)
    text = re.sub(r"\*+", "", text)
    text = _FILLER.sub("", text.strip())
    text = _TAIL.sub("", text)
    return re.sub(r"\s+", "", text)


def _open(c: Claim) -> bool:
    """A stated amount no change has been attached to yet."""
    return c.amount is not None and c.change is None and c.count is None


class _Recent:
    """The claims of a growing list that pass a test, kept as the list grows, so a
    rule that looks back ('the last open amount') does not rescan a sentence of
    thousands of figures for each one. A claim may stop passing (a change is attached
    to it) but never starts passing later."""

    def __init__(self, claims: list[Claim], test) -> None:
        self.claims, self.test, self.seen, self.found = claims, test, 0, []

    def _catch_up(self) -> None:
        for i in range(self.seen, len(self.claims)):
            if self.test(self.claims[i]):
                self.found.append(self.claims[i])
        self.seen = len(self.claims)

    def last(self, skip: Claim | None = None) -> Claim | None:
        self._catch_up()
        while self.found and not self.test(self.found[-1]):
            self.found.pop()
        for c in reversed(self.found):
            if c is not skip and self.test(c):
                return c
        return None

    def all(self) -> list[Claim]:
        self._catch_up()
        self.found = [c for c in self.found if self.test(c)]
        return list(self.found)


class _SentenceReader:
    """Reads one sentence; keeps the paragraph's running state (the last main claim
    is the parent of a '其中：' list that starts the next sentence)."""

    def __init__(self, context: DocContext, baseline: bool = False) -> None:
        self.context = context
        self.baseline = baseline
        self.parent: Claim | None = None
        self.in_list = False
        """A '其中：' list is open and the last sentence ended with '；'."""
        self.budget_subject = ""
        self.previous: list[Claim] = []
        self.previous_open = _Recent([], lambda c: _open(c) and c.parent is None)
        """The claims of the sentence before, which a figure-less change may continue."""
        self.last_budgeted: Claim | None = None
        """The last 决算 figure stated beside its 年初预算, for a following '决算数大于预算数'."""

    def read(self, sent: Sentence) -> list[Claim]:
        # Full-width digits, point and percent sign read as ASCII ('１２３．４５％'); the
        # mapping is one character for one, so offsets and the verbatim quote stay put.
        text = sent.text.translate(_HALF_WIDTH)
        claims: list[Claim] = []
        year: int | None = None
        compared: int | None = None
        last_change: list[Claim] = []
        # A list goes on over '；' unless the next sentence restarts with its own subject.
        continues = self.in_list and not _NEW_STATEMENT.match(text) and not _OWN_LIST.search(text)
        after_qizhong = (bool(_LIST_OPEN.match(text.lstrip("*"))) or continues) and self.parent is not None
        open_ = _Recent(claims, _open)
        mains = _Recent(claims, lambda c: c.parent is None and (c.amount is not None or c.change is not None))
        budgets = _Recent(claims, lambda c: c.basis == "budget" and c.amount is not None)
        pos = 0
        for m in _FIGURE.finditer(text):
            # What follows and what precedes a figure are read only near it: a bounded
            # window keeps a sentence of thousands of figures linear.
            pre, post = text[pos : m.start()], text[m.end() : m.end() + _NEAR]
            full_pre = text[max(0, m.start() - _NEAR) : m.start()]
            if _LIST_OPEN.search(pre) and claims:
                if re.search(r"[（(]\s*其中", pre):
                    # '…维护费10.00万元（其中：购置费0万元，运行维护费10.00万元）': a list
                    # in brackets breaks down the figure just before it.
                    self.parent = claims[-1]
                else:
                    self.parent = mains.last() or self.parent
                after_qizhong = True
            pos = m.end()
            if m.group("year"):
                y = int(m.group("year"))
                if _STOCK_DATE.match(post) or re.match(r"^\s*度?\s*\d", post):
                    continue
                if _COMPARE_YEAR.match(post) or _COMPARE_BEFORE.search(full_pre[-4:]):
                    compared = y
                else:
                    year = y
                continue
            if self.baseline:
                if m.group("amount"):
                    claims.append(self._claim(sent, pre, m, year=None))
                continue
            if m.group("amount"):
                if _THRESHOLD_BEFORE.search(pre) or _THRESHOLD_AFTER.match(post):
                    continue
                value = _decimal(m.group("amount"))
                cw = _CHANGE_WORD.search(pre)
                if cw and (_STRONG_CHANGE.search(pre) or _COMPARE_MARK.search(full_pre[-40:])) \
                        or (cw and claims and claims[-1].change is None and len(pre) < 12):
                    targets = self._change_targets(open_, pre, value, _direction(cw.group("dir")))
                    if not targets:
                        targets = self._continued(pre[: cw.start()])
                        for target in targets:
                            target.quote += sent.text  # the quote must hold the rate it is judged on
                            claims.append(target)
                    if not targets:
                        head = pre[: cw.start()]
                        if not _subject(head, self.context):
                            # '2025年度…支出决算数比2024年度减少…': the years split the clause;
                            # its subject stands before them.
                            head = full_pre[: max(0, len(full_pre) - len(pre)) + cw.start()]
                        targets = [self._claim(sent, head, m, year=year, amount=False)]
                        if after_qizhong and self.parent is not None:
                            targets[0].parent = self.parent.subject  # '其中：…支出减少 3.59 万元'
                        claims.extend(targets)
                    for c in targets:
                        c.change = value
                        c.direction = _direction(cw.group("dir"))  # type: ignore[assignment]
                        c.unit = c.unit or m.group("unit")
                        c.compared_year = c.compared_year or compared
                    last_change = targets
                    continue
                if claims and _PRIOR_BEFORE.search(full_pre[-30:]):
                    # '收入预算 32852.05 万元，比 2025 年年初预算数 30385.62 万元增加…': the
                    # figure after 比/较 is the base of the one before it.
                    last = claims[-1]
                    if last.amount is not None and last.prior_amount is None and last.change is None:
                        last.prior_amount = value
                        last.compared_year = last.compared_year or compared
                        continue
                claim = self._claim(sent, pre, m, year=year)
                claim.compared_year = compared
                if after_qizhong and self.parent is not None and self.parent is not claim:
                    claim.parent = self.parent.subject
                    claim.year = None  # a listed part is dated by its total
                claims.append(claim)
                continue
            if m.group("pct"):
                value = Decimal(m.group("pct"))
                negative = value < 0  # '增长-5.00%' is a fall of 5.00%
                value = abs(value)
                target = claims[-1] if claims else None
                gw = _GROWTH_WORD.search(pre)
                sw = _SHARE_WORD.search(pre)
                cw = _COMPLETION.search(pre)
                if sw and target is not None:
                    target.share_pct = value
                    whole = sw.group("whole").strip()
                    target.share_of = whole or target.parent
                elif gw and (target is not None):
                    for c in last_change or [target]:
                        c.growth_pct = value
                        d = _direction(gw.group("dir"))
                        if negative and d:
                            d = "decrease" if d == "increase" else "increase"
                        c.growth_direction = d or c.direction  # type: ignore[assignment]
                    last_change = []
                elif cw and target is not None:
                    target.completion_pct = value
                    budget = budgets.last(skip=claims[-1])
                    if budget is not None and target.budget_amount is None:
                        target.budget_amount = budget.amount
                continue
            if m.group("count"):
                claim = self._count_claim(sent, pre, post, m, year)
                if after_qizhong and self.parent is not None and self.parent.count_unit == claim.count_unit:
                    claim.parent = self.parent.subject
                claims.append(claim)
                if "其中" in post[:4]:
                    self.parent = claim
                continue
        if _FLAT.search(text):
            for c in claims:
                if c.direction is None and c.change is None and c.amount is not None:
                    c.direction = "flat"
        self._comparison(text, claims)
        claims = _attach_priors(claims)
        mains = [c for c in claims if c.parent is None and (c.amount is not None or c.count is not None)]
        if mains and not after_qizhong:
            self.parent = mains[-1]
        self.in_list = after_qizhong and text.rstrip("*").endswith(("；", ";"))
        self.previous = claims
        self.previous_open = _Recent(claims, lambda c: _open(c) and c.parent is None)
        return claims

    def _continued(self, pre: str) -> list[Claim]:
        """The last sentence's claims a change with no figure of its own continues:
        '…预算1102.05万元。与2023年相比，…预算增加767.14万元' → that claim; '…收入总计 X，
        支出总计 Y。…收入支出总计增加 Z' → both."""
        last = self.previous_open.last()
        if last is None:
            return []
        if re.search(r"收支|收入支出|收入和支出", pre):
            return self.previous_open.all()
        subject = _subject(pre, self.context)
        return [last] if not subject or subject in last.subject or last.subject in subject else []

    def _change_targets(self, open_: _Recent, pre: str, change: Decimal, direction: str) -> list[Claim]:
        last = open_.last()
        if last is None:
            return []
        if "各" in pre or re.search(r"收支|收入支出|收入和支出", pre):
            return open_.all()
        if direction == "increase" and last.amount is not None and last.amount < change and last.parent:
            # '…其中：…其他收入100.00万元，较上年增加142.30万元': a rise larger than the last
            # part cannot be that part's; it is the total's, named before the list.
            total = next((c for c in reversed(open_.all()) if c.subject == last.parent), None)
            if total is not None:
                return [total]
        return [last]

    def _claim(self, sent: Sentence, pre: str, m: re.Match[str], year: int | None, amount: bool = True) -> Claim:
        budget = _BUDGET_BASIS.search(pre) or (self.context.kind == "决算" and _FINAL_DOC_BUDGET.search(pre))
        basis = "budget" if budget else "final" if _FINAL_BASIS.search(pre) else None
        subject = _subject(pre, self.context)
        if basis == "final" and re.fullmatch(r"(?:支出|收入)?决算数?", subject) and self.budget_subject:
            subject = self.budget_subject  # '…支出年初预算为 X，支出决算为 Y': Y is the same item
        if basis == "budget":
            self.budget_subject = subject
        return Claim(
            basis=basis,  # type: ignore[arg-type]
            quote=sent.text,
            line=sent.line,
            subject=subject,
            year=year,
            amount=_decimal(m.group("amount")) if amount else None,
            unit=m.group("unit"),
            source="offline",
        )

    def _count_claim(self, sent: Sentence, pre: str, post: str, m: re.Match[str], year: int | None) -> Claim:
        subject = _subject(pre, self.context)
        if not subject or subject in ("共", "共有"):
            subject = re.split(r"[，,；;。、）)]", post, maxsplit=1)[0][:6]
        return Claim(
            quote=sent.text,
            line=sent.line,
            subject=subject,
            year=year,
            count=int(m.group("count")),
            count_unit=m.group("counter"),
            source="offline",
        )

    def _comparison(self, text: str, claims: list[Claim]) -> None:
        """'决算数大于预算数' judges the 决算 figure of this sentence, or of the sentence
        before when this one states none ('…支出决算为 Y 万元。决算数大于预算数的主要原因…')."""
        first_budget: dict[str, Claim] = {}  # by subject, so many figures need no nested scan
        generic_budget: Claim | None = None  # '年初预算为 X' of the item the heading names
        for c in claims:
            if c.basis == "budget" and c.amount is not None:
                first_budget.setdefault(c.subject, c)
                if generic_budget is None and is_generic(c.subject):
                    generic_budget = c
        for claim in claims:
            if claim.budget_amount is None and claim.basis == "final":
                budget = first_budget.get(claim.subject) or (generic_budget if is_generic(claim.subject) else None)
                if budget is not None:
                    claim.budget_amount = budget.amount
        m = re.search(r"决算数?\s*(大于|小于|等于|高于|低于|持平于?)\s*(?:年初)?预算数?", text)
        target = next((c for c in reversed(claims) if c.budget_amount is not None), None) or self.last_budgeted
        if target is not None and target.budget_amount is not None:
            self.last_budgeted = target
        if not m or target is None:
            return
        word = m.group(1)
        target.comparison = "greater" if word in ("大于", "高于") else "less" if word in ("小于", "低于") else "equal"


def _attach_priors(claims: list[Claim]) -> list[Claim]:
    """'2022年当年预算执行数为11.67万元，2023年预算安排45.41万元，比…增加289.12%': the
    prior-period figure is the base of the current one, not a claim of its own."""
    out: list[Claim] = []
    for i, claim in enumerate(claims):
        if claim.amount is not None and claim.change is None and claim.share_pct is None \
                and _PRIOR_SUBJECT.search(claim.subject):
            current = next((c for c in claims[i + 1: i + 4] if c.amount is not None and c.prior_amount is None
                            and not _PRIOR_SUBJECT.search(c.subject) and c.unit == claim.unit), None)
            if current is not None:
                current.prior_amount = claim.amount
                current.compared_year = current.compared_year or claim.year
                continue
        out.append(claim)
    return out


def _extract(sentences: list[Sentence], context: DocContext, baseline: bool) -> list[Claim]:
    claims: list[Claim] = []
    seen: set[int] = set()
    reader = _SentenceReader(context, baseline)
    paragraph = None
    scope = Scope()
    named: str | None = None  # the last 科目 path a claim of this paragraph named
    last_line = 0
    for sent in sentences:
        if sent.paragraph is not paragraph:
            reader = _SentenceReader(context, baseline)
            paragraph = sent.paragraph
            named = None
            if paragraph is not None:
                scope.enter(paragraph.text, paragraph.is_heading)
        if _REASON.match(sent.text) and claims and not baseline:
            # '主要原因是：…' explains the changes of the sentence before it.
            for claim in reversed(claims):
                if claim.line < last_line or claim.reason is not None:
                    break
                if claim.direction in ("increase", "decrease") or claim.growth_direction in ("increase", "decrease"):
                    claim.reason, claim.reason_line = sent.text, sent.line
        last_line = sent.line
        for claim in reader.read(sent):
            if claim.amount is None and claim.count is None and (claim.change is None or not claim.subject):
                continue
            if id(claim) in seen:
                continue  # a claim continued from the sentence before
            seen.add(id(claim))
            if not baseline and sent.heading:
                claim.section = sent.heading
            path = find_path(claim.subject)
            if path is not None:
                named = path.text()
            elif not baseline and is_generic(claim.subject):
                claim.item = named or scope.item()
            claims.append(claim)
    return claims


def extract_offline(sentences: list[Sentence], context: DocContext) -> list[Claim]:
    """The embedded default extractor."""
    return _extract(sentences, context, baseline=False)


def extract_regex_baseline(sentences: list[Sentence], context: DocContext) -> list[Claim]:
    """The bare baseline for evaluation: every 'number + unit' is an amount claim
    with the words before it as subject; no changes, rates, shares, years or lists."""
    return _extract(sentences, context, baseline=True)
