"""`narrative-check claims`: each claim, its figures and how it was checked."""

from __future__ import annotations

import json

from ..models import Report


def render_claims(report: Report, fmt: str) -> str:
    if fmt == "json":
        return json.dumps([r.model_dump(mode="json") for r in report.claims], ensure_ascii=False, indent=2) + "\n"
    out = []
    for r in report.claims:
        c = r.claim
        figures = []
        if c.year:
            figures.append(f"year {c.year}")
        if c.amount is not None:
            figures.append(f"{c.amount:f} {c.unit or ''}".strip())
        if c.change is not None:
            figures.append(f"{c.direction or '?'} {c.change:f}")
        if c.growth_pct is not None:
            figures.append(f"rate {c.growth_pct:f}%")
        if c.share_pct is not None:
            figures.append(f"share {c.share_pct:f}% of {c.share_of or '?'}")
        if c.count is not None:
            figures.append(f"count {c.count}{c.count_unit or ''}")
        parent = f" (part of {c.parent})" if c.parent else ""
        out.append(f"{report.document}:{c.line}: [{r.status}] {c.subject or '?'}{f' [{c.item}]' if c.item else ''}{parent}: {', '.join(figures)}  <{c.source}>")
        for check in r.checks:
            out.append(f"    {check}")
    out.append(f"{len(report.claims)} claims: {report.summary.verified} verified, {report.summary.mismatched} mismatched, "
               f"{report.summary.unverified} unverified.")
    return "\n".join(out) + "\n"
