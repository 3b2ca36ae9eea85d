"""SARIF 2.1.0, for code-scanning UIs."""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from urllib.parse import quote

from ..models import Report
from ..rules import RULES

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(document: str) -> str:
    """The document as a URI reference: an absolute path as a file:// URI, anything
    else percent-encoded (spaces, '#', '?', '%', newlines and non-ASCII letters), so a
    file name cannot bend the URI or the JSON around it."""
    posix = document.replace("\\", "/")
    if PurePosixPath(posix).is_absolute():
        return "file://" + quote(posix, safe="/")
    return quote(posix, safe="/")


def render_sarif(reports: list[Report]) -> str:
    results = []
    for report in reports:
        for f in report.findings:
            results.append({
                "ruleId": f.code,
                "level": _LEVEL[f.severity],
                "message": {"text": f"{f.kind}: {f.message}"},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(report.document)},
                    "region": {"startLine": max(f.line, 1), "snippet": {"text": f.quote}},
                }}],
                "properties": {"kind": f.kind, "stated": f.stated, "expected": f.expected},
            })
    rules = [{"id": r.code, "name": r.kind, "shortDescription": {"text": r.summary},
              "defaultConfiguration": {"level": _LEVEL[r.severity]}} for r in RULES]
    sarif = {
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{"tool": {"driver": {"name": "narrative-check", "rules": rules}}, "results": results}],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"
