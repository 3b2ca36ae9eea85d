"""Pydantic types in pipeline order: Document → Table → Claim → Finding → Report.

Money is always ``Decimal``. Amounts in ``Fact`` are normalised to 万元; the
original unit and text stay on the ``Cell`` so evidence can quote them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

Severity = Literal["error", "warning", "info"]
Direction = Literal["increase", "decrease", "flat"]


# --------------------------------------------------------------------------- document
class Line(BaseModel):
    """One line of the document as read, numbered from 1."""

    no: int
    """1-based line number in the document's text."""
    text: str
    """The line's text without its line break."""
    page: int | None = None
    """1-based page number, for formats that have pages (PDF)."""
    in_table: bool = False
    """True when a structured reader (PDF, DOCX) already took this line into a table."""


class Document(BaseModel):
    """A disclosure document as text lines plus, for structured formats, its tables."""

    source: str
    """The path given, or ``<text>`` for text passed in directly."""
    format: str = "text"
    """text | pdf | docx | xlsx (how it was read)."""
    encoding: str | None = None
    """The detected text encoding, for text files."""
    lines: list[Line] = Field(default_factory=list)
    tables: list["Table"] = Field(default_factory=list)
    """Tables read from the file's own structure (PDF ruling lines, DOCX tables, XLSX
    sheets). Empty for plain text, whose tables are parsed from the lines."""
    warnings: list[str] = Field(default_factory=list)
    """Problems met while reading (encoding guessed, pages without text …)."""

    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def page_of(self, line_no: int) -> int | None:
        if 1 <= line_no <= len(self.lines):
            return self.lines[line_no - 1].page
        return None


# --------------------------------------------------------------------------- tables
class Cell(BaseModel):
    """One numeric cell of a table row, in the table's own unit."""

    column: int
    """0-based index of the value column (label and code columns are not counted)."""
    header: str = ""
    """The column's header text, joined over header rows ('' when unknown)."""
    text: str
    """The cell exactly as printed ('1,102.05', '', '-')."""
    value: Decimal | None
    """The exact value; None when the cell is blank or not a number. Blank is zero
    for arithmetic but is kept apart so evidence shows what was printed."""
    line: int
    page: int | None = None


class Row(BaseModel):
    """A table row: a label (科目 name or item), an optional 科目 code, and its cells.

    Two-sided tables (收支总表: 收入 | 金额 | 支出 | 金额) are split into one Row per
    side, with ``side`` telling which."""

    label: str
    code: str | None = None
    """功能分类 / 经济分类 code without spaces or brackets ('2080505'), when printed."""
    cells: list[Cell] = Field(default_factory=list)
    line: int
    page: int | None = None
    side: Literal["income", "expense"] | None = None
    text: str = ""
    """The row's source text as printed, for quoting."""

    def value(self, column: int = 0) -> Decimal | None:
        for cell in self.cells:
            if cell.column == column:
                return cell.value
        return None


class Table(BaseModel):
    """A table with exact figures: the ground truth the prose is checked against."""

    title: str
    number: str | None = None
    """The printed table number ('表1', '一'), when there is one."""
    kind: str | None = None
    """The standard table this is (see data/concepts.json 'tables'), e.g. 'summary'."""
    unit: str = "万元"
    """万元 | 元 | 亿元, from '单位：万元'."""
    headers: list[str] = Field(default_factory=list)
    """One joined header text per value column ('' when unknown)."""
    rows: list[Row] = Field(default_factory=list)
    line_start: int
    line_end: int
    page: int | None = None
    empty_note: str | None = None
    """The note saying the table is empty ('本表无数据', '无发生额'), when present."""
    warnings: list[str] = Field(default_factory=list)


class Fact(BaseModel):
    """A table figure mapped to a budget concept, in 万元."""

    concept: str
    """Concept key from the catalogue: 'income_total', 'basic', 'func:208', 'econ:301',
    'project:<name>' …"""
    value: Decimal
    """The value converted to 万元 (exact)."""
    raw: Decimal
    """The value in the table's own unit."""
    unit: str
    table: str
    """The table's title (with its number)."""
    row: str
    column: str = ""
    line: int
    page: int | None = None
    derived: str | None = None
    """How it was derived when not read from one cell ('sum of 301+303 …')."""
    text: str = ""
    """The source row text, for quoting."""


# --------------------------------------------------------------------------- claims
class Claim(BaseModel):
    """One numeric statement of the prose. Filled by the offline extractor and by the
    LLM extractor alike; only ``quote`` and at least one figure are required."""

    quote: str
    """The clause or sentence, verbatim from the document (line breaks removed)."""
    line: int = 0
    """1-based line where the quote starts."""
    page: int | None = None
    """1-based page of that line, for formats that have pages (as findings carry it)."""
    subject: str = ""
    """What the figure is, as written ('收入总计', '基本支出', '“三公”经费')."""
    year: int | None = None
    """The year the figure belongs to, when stated ('2024年收入…' → 2024)."""
    amount: Decimal | None = None
    """The stated amount, in ``unit``."""
    unit: str | None = None
    """万元 | 元 | 亿元 for amounts and changes."""
    change: Decimal | None = None
    """The stated change against the comparison period, as a non-negative magnitude."""
    direction: Direction | None = None
    """Direction word of the change amount: 增加/增长/上升 → increase, 减少/下降 →
    decrease, 持平/保持一致/无增减 → flat."""
    growth_pct: Decimal | None = None
    """The stated growth rate in percent, as a non-negative magnitude."""
    growth_direction: Direction | None = None
    """Direction word in front of the rate ('增长 4.85%' → increase)."""
    prior_amount: Decimal | None = None
    """The comparison period's amount when the sentence states it."""
    compared_year: int | None = None
    """The comparison year when stated ('与2023年相比')."""
    share_pct: Decimal | None = None
    """A stated share ('占 21.10%')."""
    share_of: str | None = None
    """The whole the share is of, as written or implied by the sentence."""
    completion_pct: Decimal | None = None
    """'完成年初预算的 98.20%'."""
    basis: Literal["budget", "final"] | None = None
    """In a 决算 document, whether the amount is the 年初预算 ('年初预算为 X 万元') or the
    决算 ('支出决算为 Y 万元'); None when the sentence does not say."""
    budget_amount: Decimal | None = None
    """For a 决算 figure, the 年初预算 it is compared with, when the prose states it
    ('年初预算为 900.00 万元，支出决算为 882.00 万元')."""
    comparison: Literal["greater", "less", "equal"] | None = None
    """决算 vs 预算 wording: '决算数大于预算数' → greater (checked against budget_amount)."""
    count: int | None = None
    """A stated count ('共 6 个项目' → 6)."""
    count_unit: str | None = None
    """The counter word: 个, 辆, 人, 台, 套, 项 …"""
    parent: str | None = None
    """For a part listed after '其中：', the subject of the total it belongs to."""
    item: str | None = None
    """The 科目 (or item) the figure belongs to when the sentence itself does not name
    it: from the numbered heading or the quoted 科目 path above it, written as a 类-款-项
    path ('社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）')."""
    section: str | None = None
    """The heading of the section the sentence stands in ('七、…绩效自评情况')."""
    reason: str | None = None
    """The reason given for the change ('主要原因是：…经费增加。'), verbatim, when the next
    sentence gives one."""
    reason_line: int | None = None
    source: Literal["offline", "llm", "hybrid"] = "offline"
    """Which extractor produced the claim."""
    note: str | None = None
    """Extractor remarks (e.g. where hybrid extractors disagreed)."""


# --------------------------------------------------------------------------- findings
class Evidence(BaseModel):
    """A table cell (or derivation) a finding was checked against."""

    table: str = ""
    row: str = ""
    column: str = ""
    value: str = ""
    """As printed, with unit ('1102.05 万元')."""
    line: int | None = None
    page: int | None = None
    text: str = ""
    """The source row's text."""


class Finding(BaseModel):
    """One disagreement (or, with severity info, one unverified claim)."""

    kind: str
    """Fixed kebab name: amount-mismatch, share-mismatch, growth-mismatch, …"""
    code: str
    """Rule code, e.g. NC101."""
    severity: Severity
    message: str
    quote: str
    """Verbatim from the document: the claim's sentence, or the table row."""
    line: int
    page: int | None = None
    stated: str | None = None
    """The stated value with unit ('1120.05 万元', '229.06%')."""
    expected: str | None = None
    """What the tables or arithmetic give."""
    evidence: list[Evidence] = Field(default_factory=list)
    cause: str | None = None
    """A likely cause, when one fits (digits transposed, 元 vs 万元, prior-year value…)."""
    subject: str | None = None


class ClaimResult(BaseModel):
    """A claim with the outcome of its checks, for the report's 'claims' list."""

    claim: Claim
    status: Literal["verified", "mismatch", "unverified"]
    checks: list[str] = Field(default_factory=list)
    """Human-readable lines: what each part was checked against and how it came out."""
    concept: str | None = None


class Usage(BaseModel):
    """LLM cost accounting (zero for offline runs)."""

    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached: int = 0
    """Responses served from the on-disk cache."""


class Summary(BaseModel):
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    claims: int = 0
    verified: int = 0
    unverified: int = 0
    mismatched: int = 0
    tables: int = 0
    extractor: str = "offline"
    model: str | None = None
    prompt_version: str | None = None
    usage: Usage = Field(default_factory=Usage)
    llm_sections: int = 0
    """Prose sections sent to the model (LLM and hybrid runs)."""
    llm_failed_sections: int = 0
    """Sections that fell back to the offline extractor."""
    llm_empty_sections: int = 0
    """Sections where the model (``--extractor llm``) found no claims but the offline
    extractor reads some: each has a warning naming its lines."""
    seconds: float = 0.0


class Report(BaseModel):
    """The result of checking one document."""

    document: str
    """The document's source path (or '<text>')."""
    year: int | None = None
    kind: str | None = None
    """预算 | 决算, as detected."""
    findings: list[Finding] = Field(default_factory=list)
    claims: list[ClaimResult] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    summary: Summary = Field(default_factory=Summary)
    warnings: list[str] = Field(default_factory=list)
    lines: list[Line] = Field(default_factory=list, exclude=True)
    """The document's lines as read, for views that show the text beside the findings
    (the HTML report). Not part of the JSON report."""

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


Document.model_rebuild()
