"""GitHub Actions workflow commands: annotations on the document's lines."""

from __future__ import annotations

from ..models import Report

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def render_github(reports: list[Report]) -> str:
    lines = []
    for report in reports:
        for f in report.findings:
            if f.severity == "info":
                continue
            lines.append(f"::{_LEVEL[f.severity]} file={report.document},line={max(f.line, 1)},"
                         f"title={f.code} {f.kind}::{_escape(f.message)}")
    return "\n".join(lines) + ("\n" if lines else "")
