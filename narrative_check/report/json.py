"""JSON: one object per run. One document → its Report; several → {"reports", "summary"}."""

from __future__ import annotations

import json

from ..models import Report


def report_dict(report: Report) -> dict:
    data = report.model_dump(mode="json", exclude={"tables"})
    data["summary"]["tables"] = report.summary.tables
    return data


def render_json(reports: list[Report]) -> str:
    if len(reports) == 1:
        return json.dumps(report_dict(reports[0]), ensure_ascii=False, indent=2) + "\n"
    total = {
        "documents": len(reports),
        "errors": sum(r.summary.errors for r in reports),
        "warnings": sum(r.summary.warnings for r in reports),
        "claims": sum(r.summary.claims for r in reports),
        "verified": sum(r.summary.verified for r in reports),
    }
    return json.dumps({"reports": [report_dict(r) for r in reports], "summary": total}, ensure_ascii=False, indent=2) + "\n"
