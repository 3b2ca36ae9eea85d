"""Reports → text, json, sarif, github, html. One module each; render() picks."""

from __future__ import annotations

from ..models import Finding, Report


def select_findings(findings: list[Finding], select: str | None, ignore: str | None) -> list[Finding]:
    """ruff-style --select/--ignore by code prefix ('NC1') or kind name."""

    def hit(f: Finding, spec: str) -> bool:
        return any(f.code.startswith(s) or f.kind == s for s in (p.strip() for p in spec.split(",")) if s)

    out = [f for f in findings if not select or hit(f, select)]
    return [f for f in out if not ignore or not hit(f, ignore)]


def render(reports: list[Report], fmt: str, show_verified: bool = False) -> str:
    if fmt == "json":
        from .json import render_json

        return render_json(reports)
    if fmt == "sarif":
        from .sarif import render_sarif

        return render_sarif(reports)
    if fmt == "html":
        from .html import render_html

        return render_html(reports)
    if fmt == "github":
        from .github import render_github

        return render_github(reports)
    from .text import render_text

    return render_text(reports, show_verified=show_verified)
