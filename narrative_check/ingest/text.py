"""Text files: encoding detection (UTF-8, UTF-8 with BOM, GB18030/GBK, UTF-16) → Document."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from ..models import Document, Line
from .limits import MAX_BYTES, check_lines, check_text_tables
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _looks_textual(text: str) -> bool:
    if not text:
        return False
    sample = text[:20000]
    return len(_CONTROL.findall(sample)) <= len(sample) * 0.001


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding). Tries the encodings Chinese public bodies use, in an
    order where a wrong guess fails loudly, then asks charset-normalizer."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not text; give a .txt, .md, .pdf or .docx document")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            return data.decode("utf-8", errors="replace"), "utf-8 (truncated)"
    try:
        text = data.decode("gb18030")
        if _looks_textual(text) and len(_CJK.findall(text[:20000])) >= min(20, len(text) // 20):
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[: 2**20]).best()
    except Exception:  # detection is best effort; fall through to the error below
        best = None
    if best is not None and best.encoding:
        text = data.decode(best.encoding, errors="replace")
        if _looks_textual(text):
            return text, best.encoding
    raise InputError(
        f"{name}: cannot decode as UTF-8 or GB18030 ({utf8_error.reason} at byte {utf8_error.start}); "
        "save the file as UTF-8"
    )


def document_from_text(text: str, source: str = "<text>", encoding: str | None = None) -> Document:
    if not text.strip():
        raise InputError(f"{source}: the document has no text; nothing to check")
    if not _looks_textual(text):
        raise InputError(f"{source}: looks like binary data, not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    raw_lines = text.split("\n")
    check_lines(source, [len(raw) for raw in raw_lines])
    check_text_tables(source, raw_lines)
    # pdftotext marks page breaks with a form feed: count them as pages, and drop
    # them so line numbers stay those an editor shows.
    paged = "\f" in text
    lines: list[Line] = []
    page = 0 if text.startswith("\f") else 1
    for i, raw in enumerate(raw_lines):
        line_page = page + (1 if raw.startswith("\f") else 0)
        page += raw.count("\f")
        lines.append(Line(no=i + 1, text=raw.replace("\f", ""), page=line_page if paged else None))
    return Document(source=source, format="text", encoding=encoding, lines=lines)


def read_text_file(path: Path) -> Document:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    text, encoding = decode(data, str(path))
    doc = document_from_text(text, source=str(path), encoding=encoding)
    if encoding == "utf-8 (truncated)":
        doc.encoding = "utf-8"
        doc.warnings.append("the file ends in the middle of a character: it may be truncated")
    elif encoding not in ("utf-8", "utf-8-sig"):
        doc.warnings.append(f"read as {encoding}")
    return doc
