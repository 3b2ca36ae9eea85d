"""Uploads for `narrative-check serve`: a multipart body streamed straight into one
fresh temporary folder, with size limits enforced while it arrives.

Starlette's own form parser spools large files to the system temp folder; parsing
the stream here keeps every uploaded byte inside the one folder the request owns,
which is removed when the check is done (see serve.py)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from python_multipart.multipart import MultipartParser, parse_options_header

DOCUMENT_SUFFIXES = (".pdf", ".docx", ".xlsx", ".xlsm", ".txt", ".md")
TABLE_SUFFIXES = (".xlsx", ".xlsm", ".pdf")
FILE_FIELDS = {"document": DOCUMENT_SUFFIXES, "tables": TABLE_SUFFIXES}
_MAX_FIELD = 4096
_DRAIN = 32 * 2**20


class UploadError(Exception):
    """A request the app refuses, with the HTTP status and a message saying what to send."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Upload:
    folder: Path
    """The request's own temporary folder: every uploaded byte is in here."""
    files: dict[str, tuple[Path, str]] = field(default_factory=dict)
    """Form field → (where it was written, the file name the client gave)."""
    fields: dict[str, str] = field(default_factory=dict)
    """Short text fields (select, ignore)."""

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def display_name(filename: str) -> str:
    """The client's file name without any folder part (it is only ever shown)."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name[:200] or "document"


def _mb(n: int) -> str:
    return f"{n / 2**20:.0f} MB"


class _Receiver:
    """python-multipart callbacks writing file parts to the folder as they arrive."""

    def __init__(self, upload: Upload, max_bytes: int) -> None:
        self.upload = upload
        self.max_bytes = max_bytes
        self.header_name = b""
        self.header_value = b""
        self.disposition = b""
        self.name = ""
        self.out: IO[bytes] | None = None
        self.size = 0
        self.text: bytearray | None = None

    def on_part_begin(self) -> None:
        self.disposition, self.name, self.out, self.size, self.text = b"", "", None, 0, None

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def on_header_end(self) -> None:
        if self.header_name.strip().lower() == b"content-disposition":
            self.disposition = self.header_value
        self.header_name = self.header_value = b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self.disposition)
        self.name = options.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" not in options:
            self.text = bytearray()
            return
        filename = display_name(options[b"filename"].decode("utf-8", "replace"))
        if self.name not in FILE_FIELDS or not options[b"filename"]:
            return  # an unknown file field, or a file input left empty: dropped
        if self.name in self.upload.files:
            raise UploadError(400, f"more than one '{self.name}' file; send one")
        suffix = Path(filename).suffix.lower()
        allowed = FILE_FIELDS[self.name]
        if suffix not in allowed:
            raise UploadError(415, f"{filename}: narrative-check reads {', '.join(allowed)} files as the "
                                   f"{self.name}; convert it or pick another file")
        path = self.upload.folder / f"{self.name}{suffix}"
        self.out = path.open("wb")
        self.upload.files[self.name] = (path, filename)

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self.out is not None:
            self.size += end - start
            if self.size > self.max_bytes:
                _, filename = self.upload.files[self.name]
                raise UploadError(413, f"{filename}: over the {_mb(self.max_bytes)} limit; split it or check it "
                                       "with the command line (--max-size is not offered here)")
            self.out.write(data[start:end])
        elif self.text is not None and len(self.text) < _MAX_FIELD:
            self.text.extend(data[start:end][: _MAX_FIELD - len(self.text)])

    def on_part_end(self) -> None:
        if self.out is not None:
            self.out.close()
            self.out = None
        elif self.text is not None and self.name:
            self.upload.fields[self.name] = self.text.decode("utf-8", "replace")

    def close(self) -> None:
        if self.out is not None:
            self.out.close()


async def receive_upload(headers: dict[str, str] | object, stream: AsyncIterator[bytes], max_bytes: int,
                         parent: str | None = None) -> Upload:
    """Read a multipart/form-data body into a new temporary folder (under ``parent``,
    default the system's). Each file may be ``max_bytes`` long. On any error the
    folder is removed before the error is raised."""
    content_type = headers.get("content-type", "")  # type: ignore[attr-defined]
    if not content_type.startswith("multipart/form-data"):
        raise UploadError(415, "send a multipart/form-data form with the file in a field named 'document'")
    _, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if not boundary:
        raise UploadError(400, "the multipart form has no boundary; send it as a browser or curl -F does")
    limit = 2 * max_bytes + 64 * 1024  # two files and the form's own bytes
    length = headers.get("content-length")  # type: ignore[attr-defined]
    if length and length.isdigit() and int(length) > limit + _DRAIN:
        raise UploadError(413, f"the upload is {int(length) / 2**20:.1f} MB, over the {_mb(max_bytes)} limit per file")
    upload = Upload(folder=Path(tempfile.mkdtemp(prefix="narrative-check-", dir=parent)))
    receiver = _Receiver(upload, max_bytes)
    callbacks = {name: getattr(receiver, name) for name in (
        "on_part_begin", "on_part_data", "on_part_end", "on_header_field", "on_header_value", "on_header_end",
        "on_headers_finished")}
    try:
        parser = MultipartParser(boundary, callbacks)  # type: ignore[arg-type]
        total = 0
        refused: UploadError | None = None
        async for chunk in stream:
            total += len(chunk)
            if refused is None and total > limit:
                refused = UploadError(413, f"the upload is over the {_mb(max_bytes)} limit per file")
            if refused is None:
                try:
                    parser.write(chunk)
                except UploadError as exc:
                    if exc.status != 413:
                        raise
                    refused = exc
            # Too big: the rest is read and dropped, so the client gets the answer instead
            # of a broken pipe; past _DRAIN more the connection is simply closed.
            if refused is not None and total > limit + _DRAIN:
                break
        if refused is not None:
            raise refused
        parser.finalize()
    except BaseException as exc:  # cancelled too: the folder must not outlive the request
        receiver.close()
        upload.remove()
        if isinstance(exc, UploadError) or not isinstance(exc, Exception):
            raise
        # a malformed body (python-multipart's own errors) or a dropped connection
        raise UploadError(400, f"the upload could not be read as a form ({type(exc).__name__}); send it again") from exc
    if "document" not in upload.files:
        upload.remove()
        raise UploadError(400, "no document: send the file in a form field named 'document'")
    return upload
