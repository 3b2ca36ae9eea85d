"""Path or text → Document. Text files here; PDF, DOCX and XLSX in their own modules."""

from __future__ import annotations

from pathlib import Path

from ..models import Document
from .limits import check_path, read_stdin
from .text import MAX_BYTES, decode, document_from_text, read_text_file


def load_document(
    source: str | Path,
    *,
    text: bool = False,
    tables: list[str | Path] | None = None,
    max_bytes: int = MAX_BYTES,
    pdf_reader: str | None = None,
) -> Document:
    """Read a document. ``text=True`` treats ``source`` as the document's content.
    ``tables`` are extra table files (XLSX sheets, or a PDF of tables for bodies that
    publish the prose and the tables apart) whose tables join the document's.
    ``pdf_reader`` picks the PDF reader (see ingest.pdf.READERS)."""
    if text:
        doc = document_from_text(str(source), source="<text>")
    elif str(source) == "-":
        doc = read_stdin_document(max_bytes)
    else:
        path = Path(source)
        _check_path(path, max_bytes)
        with path.open("rb") as fh:
            head = fh.read(8)
        suffix = path.suffix.lower()
        if head.startswith(b"%PDF") or suffix == ".pdf":
            from .pdf import read_pdf

            doc = read_pdf(path, reader=pdf_reader)
        elif suffix == ".docx":
            from .docx import read_docx

            doc = read_docx(path)
        elif suffix in (".xlsx", ".xlsm"):
            from .xlsx import read_xlsx

            doc = read_xlsx(path)
        else:
            doc = read_text_file(path)
    for extra in tables or []:
        path = Path(extra)
        _check_path(path, max_bytes)
        doc = _join_tables(doc, path, pdf_reader)
    return doc


def _join_tables(doc: Document, path: Path, pdf_reader: str | None = None) -> Document:
    """Add the tables of a tables-only file (XLSX sheets or a PDF of tables) to ``doc``.
    Its lines are numbered after the document's own, so they never shadow prose lines."""
    first = len(doc.lines) + 1
    with path.open("rb") as fh:
        is_pdf = fh.read(5).startswith(b"%PDF") or path.suffix.lower() == ".pdf"
    if is_pdf:
        from .pdf import read_pdf

        extra = read_pdf(path, reader=pdf_reader)
        _renumber(extra, first - 1)
    else:
        from .xlsx import read_xlsx

        extra = read_xlsx(path, first_line=first)
    doc.lines.extend(extra.lines)
    doc.tables.extend(extra.tables)
    doc.warnings.extend(extra.warnings)
    return doc


def _renumber(doc: Document, offset: int) -> None:
    for line in doc.lines:
        line.no += offset
    for table in doc.tables:
        table.line_start += offset
        table.line_end += offset
        for row in table.rows:
            row.line += offset
            for cell in row.cells:
                cell.line += offset


def _check_path(path: Path, max_bytes: int) -> None:
    check_path(path, max_bytes)


def read_stdin_document(max_bytes: int = MAX_BYTES) -> Document:
    """'-': a document on standard input, of any format the files may have (told by
    its first bytes; PDF, DOCX and XLSX go through a temporary file)."""
    data = read_stdin(max_bytes)
    suffix = None
    if data.startswith(b"%PDF"):
        suffix = ".pdf"
    elif data.startswith(b"PK\x03\x04"):
        suffix = ".xlsx" if b"xl/" in data[:65536] and b"word/" not in data[:65536] else ".docx"
    if suffix is None:
        text, encoding = decode(data, "<stdin>")
        doc = document_from_text(text, source="<stdin>", encoding=encoding)
        if encoding not in ("utf-8", "utf-8-sig"):
            doc.warnings.append(f"read as {encoding}")
        return doc
    import tempfile

    with tempfile.TemporaryDirectory(prefix="narrative-check-") as folder:
        path = Path(folder) / f"stdin{suffix}"
        path.write_bytes(data)
        doc = load_document(path, max_bytes=max_bytes)
    doc.source = "<stdin>"
    return doc


__all__ = ["load_document", "document_from_text", "read_text_file", "MAX_BYTES"]
