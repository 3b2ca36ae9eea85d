"""Path or text → Document. Text files here; PDF, DOCX and XLSX in their own modules."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..models import Document
from .text import MAX_BYTES, document_from_text, read_text_file


def load_document(
    source: str | Path,
    *,
    text: bool = False,
    tables: list[str | Path] | None = None,
    max_bytes: int = MAX_BYTES,
) -> Document:
    """Read a document. ``text=True`` treats ``source`` as the document's content.
    ``tables`` are extra table files (XLSX sheets) whose tables join the document's."""
    if text:
        doc = document_from_text(str(source), source="<text>")
    else:
        path = Path(source)
        _check_path(path, max_bytes)
        with path.open("rb") as fh:
            head = fh.read(8)
        suffix = path.suffix.lower()
        if head.startswith(b"%PDF") or suffix == ".pdf":
            from .pdf import read_pdf

            doc = read_pdf(path)
        elif suffix == ".docx":
            from .docx import read_docx

            doc = read_docx(path)
        elif suffix in (".xlsx", ".xlsm"):
            from .xlsx import read_xlsx

            doc = read_xlsx(path)
        else:
            doc = read_text_file(path)
    for extra in tables or []:
        from .xlsx import read_xlsx

        path = Path(extra)
        _check_path(path, max_bytes)
        # The sheets' rows are numbered after the document's own lines, so they never
        # shadow prose lines of the same number.
        sheet_doc = read_xlsx(path, first_line=len(doc.lines) + 1)
        doc.lines.extend(sheet_doc.lines)
        doc.tables.extend(sheet_doc.tables)
        doc.warnings.extend(sheet_doc.warnings)
    return doc


def _check_path(path: Path, max_bytes: int) -> None:
    if not path.exists():
        raise InputError(f"{path}: no such file; check the path")
    if path.is_dir():
        raise InputError(f"{path}: is a directory; give a document file (.txt, .md, .pdf, .docx)")
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{path}: the file is empty; nothing to check")
    if size > max_bytes:
        raise InputError(
            f"{path}: the file is {size / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB limit; "
            "split it or raise the limit with --max-size"
        )


__all__ = ["load_document", "document_from_text", "read_text_file", "MAX_BYTES"]
