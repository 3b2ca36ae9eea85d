"""Document → tables with exact figures, and tables → facts (figures mapped to concepts)."""

from .context import DocContext, detect_context
from .extract import extract_tables
from .facts import build_facts
from .grid import GridRow, table_from_grid

__all__ = ["DocContext", "detect_context", "extract_tables", "build_facts", "GridRow", "table_from_grid"]
