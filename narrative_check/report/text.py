"""Concise ruff-style lines: FILE:LINE: CODE kind message, then a summary."""

from __future__ import annotations

from ..models import Report


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_text(reports: list[Report], show_verified: bool = False) -> str:
    lines: list[str] = []
    errors = warnings = infos = claims = verified = 0
    for report in reports:
        for w in report.warnings:
            lines.append(f"{report.document}: warning: {w}")
        for f in report.findings:
            if f.severity == "info" and not show_verified:
                continue
            where = f"{report.document}:{f.line}" + (f" (p.{f.page})" if f.page else "")
            lines.append(f"{where}: {f.code} {f.kind} {f.message}")
            lines.append(f"    | {_short(f.quote)}")
        if show_verified:
            for result in report.claims:
                if result.status == "verified":
                    lines.append(f"{report.document}:{result.claim.line}: verified {result.claim.subject}: "
                                 + "; ".join(c.removeprefix("ok: ") for c in result.checks if c.startswith("ok: ")))
        s = report.summary
        errors += s.errors
        warnings += s.warnings
        infos += s.infos
        claims += s.claims
        verified += s.verified
    found = f"Found {errors} error{'s' if errors != 1 else ''}"
    tail = f"{warnings} warning{'s' if warnings != 1 else ''}, {verified} of {claims} claims verified, {infos} unverified"
    lines.append(f"{found} ({tail})." if errors or warnings else f"No errors ({tail}).")
    return "\n".join(lines) + "\n"
