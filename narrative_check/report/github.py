"""GitHub Actions workflow commands: annotations on the document's lines."""

from __future__ import annotations

from ..models import Report

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """A property value (file=, title=) also ends at ':' and ',': a file name holding
    a newline and '::error' must not write a second annotation."""
    return _escape(text).replace(":", "%3A").replace(",", "%2C")


def render_github(reports: list[Report]) -> str:
    lines = []
    for report in reports:
        for f in report.findings:
            if f.severity == "info":
                continue
            lines.append(f"::{_LEVEL[f.severity]} file={_escape_property(report.document)},line={max(f.line, 1)},"
                         f"title={_escape_property(f'{f.code} {f.kind}')}::{_escape(f.message)}")
    return "\n".join(lines) + ("\n" if lines else "")
