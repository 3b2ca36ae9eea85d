"""Limits checked before any work, so a small hostile file (a zip that expands, a
sheet with one cell at XFD1048576, a 2000-column table, a line of millions of
characters) ends in a clear InputError naming the file and the limit, never in a
MemoryError, an hours-long run or a traceback.

The limits are far above any real budget disclosure (a whole 部门预算 is a few
hundred KB of text and a few thousand table cells). The library takes them as
module settings (``narrative_check.ingest.limits.MAX_…``); each message says how
to get under one.
"""

from __future__ import annotations

import errno
import re
import os
import stat
import sys
import zipfile
from pathlib import Path

from ..errors import InputError

MAX_BYTES = 20 * 2**20
"""Size of one input file (or of standard input)."""
MAX_ZIP_ENTRIES = 5_000
"""Parts inside a .docx / .xlsx package."""
MAX_ZIP_XML_BYTES = {"Word": 8 * 2**20, "Excel": 3 * 2**20}
"""Uncompressed size of the XML parts of a .docx / .xlsx (images do not count): the
Word and Excel readers hold about 20 and 80 times that in memory."""
MAX_ZIP_BYTES = 512 * 2**20
"""Uncompressed size of the whole package, images included."""
MAX_SHEET_CELLS = 150_000
"""Rows × columns of a sheet's used range (from the cells that hold something)."""
MAX_TABLE_CELLS = 200_000
"""Cells of one table in a text document."""
MAX_TABLE_COLUMNS = 500
"""Columns of one table row in a text document."""
MAX_LINE_CHARS = 200_000
"""Characters on one line of a text document (a Word paragraph is one line)."""
MAX_LINES = 50_000
"""Lines of one document (a 300-page 决算 as text is about 15,000)."""
MAX_PROSE_FIGURES = 5_000
"""Amounts and percentages in the prose (a whole 决算 states a few hundred); each is
a claim to check, and the report quotes each one's sentence."""

_PROSE_FIGURE = re.compile(r"\d[\d,，]*(?:\.\d+)?\s*(?:亿元|万元|千元|元|[%％])")


def check_prose_figures(name: str, texts: list[str]) -> None:
    """Counted on the prose paragraphs before any claim is read."""
    count = 0
    for text in texts:
        count += len(_PROSE_FIGURE.findall(text))
        if count > MAX_PROSE_FIGURES:
            raise InputError(f"{name}: the prose states over {MAX_PROSE_FIGURES:,} amounts and percentages, over the "
                             "limit for one document; is it really one disclosure? Split it into one file per "
                             "document")


def check_path(path: Path, max_bytes: int = MAX_BYTES) -> None:
    """A readable regular file of a sane size, or an InputError saying what it is."""
    try:
        info = path.stat()  # follows symbolic links
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(f"{path}: is a symbolic link that loops back on itself; point it at the document") from exc
        if exc.errno == errno.ENOENT:
            if path.is_symlink():
                raise InputError(f"{path}: is a symbolic link to {os.readlink(path)}, which does not exist; "
                                 "fix the link or give the document itself") from exc
            raise InputError(f"{path}: no such file; check the path") from exc
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise InputError(f"{path}: permission denied; check the permissions of the file and its folders") from exc
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path}: is a directory; give a document file (.txt, .md, .pdf, .docx)")
    if stat.S_ISFIFO(info.st_mode):
        raise InputError(f"{path}: is a named pipe (FIFO), not a file; to check what a program writes, "
                         f"pipe it to standard input: `… | narrative-check check -`")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path}: is not a regular file (a device or a socket); give a document file")
    try:
        with path.open("rb"):
            pass
    except PermissionError as exc:
        raise InputError(f"{path}: permission denied; check the permissions of the file (it cannot be read)") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    if info.st_size == 0:
        raise InputError(f"{path}: the file is empty; nothing to check")
    check_size(str(path), info.st_size, max_bytes)


def check_size(name: str, size: int, max_bytes: int = MAX_BYTES) -> None:
    if size > max_bytes:
        raise InputError(
            f"{name}: the file is {size / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB limit for one document; "
            "split it into one file per document (tables may go in a file of their own, given with --tables)"
        )


def read_stdin(max_bytes: int = MAX_BYTES) -> bytes:
    """Standard input, at most ``max_bytes`` (reading stops there)."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError("-: standard input cannot be read as bytes")
    data = stream.read(max_bytes + 1)
    if not data:
        raise InputError("-: standard input is empty; nothing to check")
    if len(data) > max_bytes:
        raise InputError(f"-: standard input is over the {max_bytes / 2**20:.0f} MB limit for one document; "
                         "split it into one document per run")
    return data


def check_zip(path: Path, what: str) -> None:
    """The entry count and uncompressed sizes a .docx / .xlsx declares, before any
    part is parsed. (zipfile never inflates an entry past its declared size, so the
    declared sizes bound what the readers can be made to hold.)"""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot read the {what} file ({type(exc).__name__}); is it a complete file?") from exc
    if len(entries) > MAX_ZIP_ENTRIES:
        raise InputError(f"{path}: the {what} package holds {len(entries):,} parts, over the limit of "
                         f"{MAX_ZIP_ENTRIES:,}; is it really a budget document? Save it again from Word/Excel/WPS")
    total = sum(e.file_size for e in entries)
    xml = sum(e.file_size for e in entries if e.filename.lower().endswith((".xml", ".rels")))
    limit = MAX_ZIP_XML_BYTES.get(what, 8 * 2**20)
    if xml > limit:
        raise InputError(f"{path}: the {what} file expands to {xml / 2**20:,.1f} MB of text and markup, over the "
                         f"limit of {limit / 2**20:.0f} MB; split it into one file per document")
    if total > MAX_ZIP_BYTES:
        raise InputError(f"{path}: the {what} file expands to {total / 2**20:,.0f} MB, over the limit of "
                         f"{MAX_ZIP_BYTES / 2**20:.0f} MB; remove large images or split the file")


def check_sheet(path: Path, sheet: str, rows: int, columns: int) -> None:
    if rows * columns > MAX_SHEET_CELLS:
        raise InputError(f"{path}: sheet '{sheet}' uses {rows:,} rows × {columns:,} columns (its last filled cell "
                         f"is far from the table), over the limit of {MAX_SHEET_CELLS:,} cells; delete the stray "
                         "cells or split the sheet")


def check_line_count(name: str, count: int) -> None:
    if count > MAX_LINES:
        raise InputError(f"{name}: the document has {count:,} lines, over the limit of {MAX_LINES:,} for one "
                         "document; is it several documents in one? Split it into one file per document")


def check_lines(name: str, lengths: list[int]) -> None:
    check_line_count(name, len(lengths))
    longest = max(lengths, default=0)
    if longest > MAX_LINE_CHARS:
        line = lengths.index(longest) + 1
        raise InputError(f"{name}: line {line} has {longest:,} characters, over the limit of {MAX_LINE_CHARS:,} "
                         "per line; is it really a document? Break it into lines or paragraphs")


def check_table(name: str, line: int, rows: int, columns: int) -> None:
    raise InputError(f"{name}: the table at line {line} has over {MAX_TABLE_CELLS:,} cells ({rows:,} rows so far, "
                     f"up to {columns:,} columns), over the limit; split the table or the document")


_SEPARATOR = re.compile(r"\t| {2,}|\u3000+|\|")


def check_text_tables(name: str, lines: list[str]) -> None:
    """The cells of each run of table-like lines (split by tabs, runs of spaces or
    '|'), and the columns of each line, counted before any table is built."""
    rows = columns = total = 0
    start = 0
    for i, line in enumerate(lines):
        cells = len(_SEPARATOR.findall(line)) + 1 if line.strip() else 0
        if cells > MAX_TABLE_COLUMNS:
            raise InputError(f"{name}: line {i + 1} splits into {cells:,} table columns, over the limit of "
                             f"{MAX_TABLE_COLUMNS:,}; split the table or the document")
        if cells > 1:
            if rows == 0:
                start = i + 1
            rows += 1
            total += cells
            columns = max(columns, cells)
            if total > MAX_TABLE_CELLS:
                check_table(name, start, rows, columns)
        elif line.strip():
            rows = columns = total = 0
