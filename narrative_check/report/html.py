"""HTML: one self-contained page (inline CSS and JS, nothing fetched) a reviewer opens
from file:// or gets from `narrative-check serve`.

Per document: a header with the counts, then three panes side by side — the findings
(sorted by page, filterable), the prose with every checked claim highlighted by status,
and the tables as parsed with the evidence cells marked. Figures come from the JSON
dump of the report, so money reads exactly as in `--format json` (from Decimal).
Everything taken from the document goes through ``esc``.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from ..models import Finding, Report
from .html_prose import ICON, Mark, place, prose_html, prose_lines
from .html_tables import CellIndex, esc, table_html
from .json import report_dict

_SEVERITIES = ("error", "warning", "info")
_SEVERITY_STATUS = {"error": "error", "warning": "warning", "info": "unverified"}
_FIGURES = [("amount", "amount"), ("change", "change"), ("growth_pct", "growth"), ("share_pct", "share"),
            ("completion_pct", "completion"), ("budget_amount", "budget"), ("prior_amount", "prior"),
            ("count", "count"), ("year", "year")]


@lru_cache(maxsize=1)
def _asset(name: str) -> str:
    return (resources.files(__package__) / "html_assets" / name).read_text(encoding="utf-8")


def _badge(status: str, text: str | None = None) -> str:
    return f'<span class="badge b-{status}">{ICON[status]} {esc(text or status)}</span>'


# --------------------------------------------------------------------------- marks
def _marks(doc: str, report: Report, prose_nos: set[int]) -> tuple[list[Mark], dict[int, Mark]]:
    """One mark per claim in the prose, findings attached to their claim (same line and
    quote, same subject when several claims share a sentence); findings of no claim get
    a mark of their own when their line is prose."""
    marks: list[Mark] = []
    by_claim: dict[int, Mark] = {}
    by_key: dict[tuple[int, str], list[int]] = {}
    for ci, result in enumerate(report.claims):
        claim = result.claim
        if claim.line not in prose_nos:
            continue
        mark = Mark(id=f"{doc}-m{len(marks)}", status="", line=claim.line, quote=claim.quote, claim=ci)
        marks.append(mark)
        by_claim[ci] = mark
        by_key.setdefault((claim.line, claim.quote), []).append(ci)
    of_finding: dict[int, Mark] = {}
    loose: dict[tuple[int, str], Mark] = {}
    for fi, f in enumerate(report.findings):
        claims = by_key.get((f.line, f.quote), [])
        if claims:
            ci = next((c for c in claims if report.claims[c].claim.subject == f.subject), claims[0])
            mark = by_claim[ci]
        elif f.line in prose_nos:
            mark = loose.get((f.line, f.quote))
            if mark is None:
                mark = loose[(f.line, f.quote)] = Mark(id=f"{doc}-m{len(marks)}", status="", line=f.line, quote=f.quote)
                marks.append(mark)
        else:
            continue
        mark.findings.append(fi)
        of_finding[fi] = mark
    for mark in marks:
        if mark.claim is not None and not mark.findings and report.claims[mark.claim].status == "mismatch":
            # Two claims of one sentence with the same subject: the findings went to the
            # first; this one shares them rather than looking unchecked.
            mark.findings = [fi for fi, f in enumerate(report.findings)
                             if (f.line, f.quote) == (mark.line, mark.quote) and f.severity != "info"]
        severities = {report.findings[fi].severity for fi in mark.findings}
        claim_status = report.claims[mark.claim].status if mark.claim is not None else None
        if "error" in severities or "warning" in severities:
            mark.status = "error" if "error" in severities else "warning"
        elif claim_status == "verified":
            mark.status = "verified"
        elif claim_status == "mismatch":
            mark.status = "ignored"  # its findings were left out by --select / --ignore
        else:
            mark.status = "unverified"
    return marks, of_finding


def _finding_html(f: dict, cells: list[list[str]]) -> str:
    out = [f'<div class="cf"><p>{_badge(_SEVERITY_STATUS[f["severity"]], f["severity"])} <code>{esc(f["code"])}</code> '
           f'{esc(f["kind"])}</p><p class="msg">{esc(f["message"])}</p>']
    if f.get("stated") or f.get("expected"):
        out.append(f'<p>stated <b>{esc(f.get("stated") or "–")}</b> · expected <b>{esc(f.get("expected") or "–")}</b></p>')
    if f["evidence"]:
        out.append("<ul>")
        for ev, ids in zip(f["evidence"], cells):
            where = " · ".join(x for x in (ev["table"], ev["row"], ev["column"]) if x)
            page = f' (p.{ev["page"]})' if ev.get("page") else ""
            link = f' <button type="button" data-cells="{esc(" ".join(ids))}">show in table</button>' if ids else ""
            out.append(f"<li>{esc(where)} = <b>{esc(ev['value'])}</b>{esc(page)}{link}</li>")
        out.append("</ul>")
    out.append("</div>")
    return "".join(out)


def _card(mark: Mark, data: dict, evidence: list[list[list[str]]]) -> str:
    """The <template> shown under the line when a mark is clicked."""
    claim = data["claims"][mark.claim] if mark.claim is not None else None
    subject = (claim["claim"]["subject"] if claim else data["findings"][mark.findings[0]].get("subject")) or ""
    label = {"ignored": "mismatch (finding not selected)"}.get(mark.status, mark.status)
    where = [f"line {mark.line}"]
    if claim and claim["claim"].get("page"):
        where.append(f"p.{claim['claim']['page']}")
    if claim:
        where.append(claim["claim"]["source"])
    all_cells = sorted({i for fi in mark.findings for ids in evidence[fi] for i in ids})
    jump = (f' <button type="button" data-cells="{esc(" ".join(all_cells))}">show evidence in the tables</button>'
            if all_cells else "")
    out = [f'<template id="{mark.id}-t"><div class="card st-{mark.status}">',
           f'<p>{_badge(mark.status, label)} <b>{esc(subject)}</b> <span class="where">{esc(" · ".join(where))}</span>{jump}</p>']
    if claim:
        c = claim["claim"]
        figures = []
        for key, name in _FIGURES:
            if c.get(key) is not None:
                unit = "%" if key.endswith("_pct") else f' {c.get("unit") or ""}' if "amount" in key or key == "change" else ""
                figures.append(f"{name} {c[key]}{unit}".strip())
        if c.get("share_of"):
            figures.append(f"of {c['share_of']}")
        if figures:
            out.append(f'<p class="where">{esc(" · ".join(figures))}</p>')
    for fi in mark.findings:
        out.append(_finding_html(data["findings"][fi], evidence[fi]))
    if claim and claim["checks"]:
        items = "".join(f"<li>{esc(check)}</li>" for check in claim["checks"])
        out.append(f"<details><summary>checks made ({len(claim['checks'])})</summary><ul>{items}</ul></details>")
    if claim and claim["claim"].get("note"):
        out.append(f'<p class="where">note: {esc(claim["claim"]["note"])}</p>')
    out.append("</div></template>")
    return "".join(out)


# --------------------------------------------------------------------------- findings list
def _findings_html(doc: str, report: Report, data: dict, of_finding: dict[int, Mark],
                   evidence: list[list[list[str]]], index: CellIndex) -> str:
    findings = report.findings
    # Some rules leave a finding's page unset; the line it sits on knows it.
    page_of = {line.no: line.page for line in report.lines}

    def page(f: Finding) -> int | None:
        return f.page if f.page is not None else page_of.get(f.line)

    def order(item: tuple[int, Finding]) -> tuple:
        f = item[1]
        return (page(f) or 0, f.line, _SEVERITIES.index(f.severity))

    counts = {s: sum(f.severity == s for f in findings) for s in _SEVERITIES}
    kinds: dict[str, int] = {}
    for f in findings:
        kinds[f.kind] = kinds.get(f.kind, 0) + 1
    boxes = "".join(
        f'<label><input type="checkbox" data-sev="{s}"{"" if s == "info" else " checked"}> '
        f'{_badge(_SEVERITY_STATUS[s], s)} ({counts[s]})</label>' for s in _SEVERITIES)
    options = "".join(f'<option value="{esc(k)}">{esc(k)} ({n})</option>' for k, n in sorted(kinds.items()))
    out = [f'<div class="filters" data-doc="{doc}">{boxes}<select data-kind aria-label="kind">'
           f'<option value="">all kinds</option>{options}</select><span class="shown"></span></div>',
           f'<ol class="fl" id="{doc}-findings">']
    row_targets = set(index.row_at_line.values())
    for fi, f in sorted(enumerate(findings), key=order):
        d = data["findings"][fi]
        mark = of_finding.get(fi)
        table = index.table_of_line(f.line)
        # a prose sentence, else the table row, else the table (a note under it, say)
        target = (f"{doc}-L{f.line}" if mark else index.row_at_line.get(f.line)
                  or (f"{doc}-t{table}" if table is not None else ""))
        cells = " ".join(i for ids in evidence[fi] for i in ids)
        where = (f"p.{page(f)} · " if page(f) else "") + f"line {f.line}"
        what = "sentence" if mark else "table row" if target in row_targets else "table"
        links = [f'<a href="#{esc(target)}">{what}</a>'] if target else []
        if cells:
            links.append(f'<a href="#{esc(cells.split()[0])}" data-cells="{esc(cells)}">cells ({len(cells.split())})</a>')
        quote = f.quote if len(f.quote) <= 140 else f.quote[:139] + "…"
        values = (f'<div class="where">stated <b>{esc(f.stated or "–")}</b> · expected <b>{esc(f.expected or "–")}</b></div>'
                  if f.stated or f.expected else "")
        hidden = " hidden" if f.severity == "info" else ""
        out.append(
            f'<li class="f st-{f.severity}" id="{doc}-f{fi}" data-page="{page(f) or ""}" data-sev="{f.severity}" data-kind="{esc(f.kind)}" '
            f'data-mark="{mark.id if mark else ""}" data-target="{esc(target)}" data-cells="{esc(cells)}" '
            f'tabindex="0"{hidden}>{_badge(_SEVERITY_STATUS[f.severity], f.severity)} <code>{esc(f.code)}</code> '
            f'<b>{esc(f.kind)}</b> <span class="where">{esc(where)}</span>'
            f'<div class="msg">{esc(d["message"])}</div>{values}<div class="q">“{esc(quote)}”</div>'
            f'<div>{" · ".join(links)}</div></li>')
    out.append("</ol>")
    if not findings:
        out.append("<p>No findings.</p>")
    return "".join(out)


# --------------------------------------------------------------------------- header, page
def _header(doc: str, report: Report) -> str:
    s = report.summary
    meta = [f"year {report.year}" if report.year else "year unknown", report.kind or "kind unknown",
            f"extractor {s.extractor}" + (f" ({s.model})" if s.model else ""),
            f"{s.tables} tables", f"{s.claims} claims", f"{s.seconds:.2f} s"]
    counts = [f'<span class="cnt b-error">✖ {s.errors} error{"s" if s.errors != 1 else ""}</span>',
              f'<span class="cnt b-warning">▲ {s.warnings} warning{"s" if s.warnings != 1 else ""}</span>',
              f'<span class="cnt b-verified">✓ {s.verified} verified</span>',
              f'<span class="cnt b-unverified">? {s.unverified} unverified</span>']
    kinds: dict[str, int] = {}
    for f in report.findings:
        if f.severity != "info":
            kinds[f"{f.code} {f.kind}"] = kinds.get(f"{f.code} {f.kind}", 0) + 1
    by_kind = " · ".join(f"{esc(k)} {n}" for k, n in sorted(kinds.items())) or "none"
    out = [f'<header class="dochead"><h1>{esc(report.document)}</h1><p>{esc(" · ".join(meta))}</p>',
           f'<div class="counts">{"".join(counts)}</div><p class="kinds">errors and warnings by kind: {by_kind}</p>']
    if report.warnings:
        items = "".join(f"<li>{esc(w)}</li>" for w in report.warnings)
        out.append(f'<details class="warns"><summary>{len(report.warnings)} reading warnings</summary><ul>{items}</ul></details>')
    out.append("</header>")
    return "".join(out)


def document_html(doc: str, report: Report) -> str:
    """One document's section: header, then findings | prose | tables."""
    data = report_dict(report)
    prose = prose_lines(report.lines, report.tables)
    index = CellIndex(doc, report.tables)
    marks, of_finding = _marks(doc, report, {line.no for line in prose})
    place(marks, prose)
    evidence = [[index.evidence(ev) for ev in f.evidence] for f in report.findings]
    # Cells and rows the findings point at: marked with the worst severity using them,
    # and listing those findings (a click on the cell shows the first).
    severity: dict[str, str] = {}
    users: dict[str, list[str]] = {}
    rows: dict[str, str] = {}
    for fi, f in enumerate(report.findings):
        for i in {i for ids in evidence[fi] for i in ids}:
            if i not in severity or _SEVERITIES.index(f.severity) < _SEVERITIES.index(severity[i]):
                severity[i] = f.severity
            users.setdefault(i, []).append(f"{doc}-f{fi}")
        row = index.row_at_line.get(f.line) if fi not in of_finding else None
        if row and (row not in rows or _SEVERITIES.index(f.severity) < _SEVERITIES.index(rows[row])):
            rows[row] = f.severity
    cell_marks = {i: (f" ev st-{sev}", " ".join(users[i])) for i, sev in severity.items()}
    for row, sev in rows.items():
        classes, fids = cell_marks.get(row, ("", ""))
        cell_marks[row] = (f"{classes} frow st-{sev}", fids)
    tables = "".join(table_html(doc, t, table, cell_marks) for t, table in enumerate(report.tables))
    cards = "".join(_card(mark, data, evidence) for mark in marks)
    return (f'<section class="doc" id="{doc}">{_header(doc, report)}<div class="grid">'
            f'<section class="pane findings"><h2>Findings</h2>{_findings_html(doc, report, data, of_finding, evidence, index)}</section>'
            f'<section class="pane prose"><h2>Text (情况说明)</h2>{prose_html(doc, prose, marks, report.tables) or "<p>No prose.</p>"}</section>'
            f'<section class="pane tables"><h2>Tables as parsed ({len(report.tables)})</h2>'
            f'{tables or "<p>No tables were found.</p>"}</section></div>{cards}</section>')


def _index(reports: list[Report]) -> str:
    rows = "".join(
        f'<tr><td><a href="#d{i}">{esc(r.document)}</a></td><td>{r.summary.errors}</td><td>{r.summary.warnings}</td>'
        f"<td>{r.summary.verified} / {r.summary.claims}</td><td>{esc(r.kind or '')} {r.year or ''}</td></tr>"
        for i, r in enumerate(reports))
    return (f'<nav class="index"><h2>{len(reports)} documents</h2><table><tr><th>document</th><th>errors</th>'
            f"<th>warnings</th><th>claims verified</th><th>kind</th></tr>{rows}</table></nav>")


def _legend() -> str:
    names = {"error": "error", "warning": "warning", "verified": "verified", "unverified": "unverified (no table to check)"}
    return "".join(f'<mark class="lg st-{s}"><b class="ico i-{s}">{ICON[s]}</b>{esc(n)}</mark>' for s, n in names.items())


def render_html(reports: list[Report], back_link: str | None = None) -> str:
    """The page. ``back_link`` adds a 'check another file' link (the web app's form)."""
    back = f'<a href="{esc(back_link)}" style="color:#fff">← check another file</a>' if back_link else ""
    title = reports[0].document if len(reports) == 1 else f"{len(reports)} documents"
    body = "".join(document_html(f"d{i}", r) for i, r in enumerate(reports))
    return ("<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>narrative-check: {esc(title)}</title><style>{_asset('report.css')}</style></head><body>"
            f'<div class="top"><b>narrative-check</b>{back}<span>click a highlighted sentence or a finding</span>'
            f'<span class="legend">{_legend()}</span></div>'
            f"{_index(reports) if len(reports) > 1 else ''}{body}"
            f"<script>{_asset('report.js')}</script></body></html>\n")

