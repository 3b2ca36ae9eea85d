"""narrative-check: find where the prose of a budget disclosure disagrees with its tables.

    from narrative_check import check
    report = check("2024年部门预算.txt")
    for finding in report.errors:
        print(finding.line, finding.kind, finding.message)
"""

from .config import Config, load_config
from .errors import ConfigError, InputError, LLMError, NarrativeCheckError
from .ingest import load_document
from .models import Cell, Claim, ClaimResult, Document, Evidence, Fact, Finding, Line, Report, Row, Table
from .pipeline import check

__all__ = [
    "check",
    "load_document",
    "load_config",
    "Config",
    "Document",
    "Line",
    "Table",
    "Row",
    "Cell",
    "Fact",
    "Claim",
    "ClaimResult",
    "Finding",
    "Evidence",
    "Report",
    "NarrativeCheckError",
    "InputError",
    "ConfigError",
    "LLMError",
]
