"""Many documents: find them, check each in a worker process with a time limit and a
memory cap, hand the outcomes back as they finish, and resume a killed run.

A worker process per job (pebble's ProcessPool) is what keeps one bad file from
stalling or killing the batch: a document over its time limit has its worker killed
and replaced; one over its memory cap gets a MemoryError in its own process; a worker
that dies (a crash in a C library) is replaced. Each becomes an Outcome whose
``error`` says why, and the batch goes on.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import time
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures import as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from .config import Config
from .errors import InputError, NarrativeCheckError
from .models import Report

KNOWN_SUFFIXES = (".pdf", ".txt", ".md", ".docx")
"""What a folder walk picks up: the formats a disclosure comes in (.xlsx holds tables
only and is given beside its document with --tables)."""

DEFAULT_TIMEOUT = 120.0
DEFAULT_MEMORY_MB = 1024


@dataclass
class Outcome:
    """One document's result: its report, or why there is none."""

    path: str
    sha256: str | None = None
    report: Report | None = None
    error: str | None = None
    """timeout | memory | unreadable | crash | internal (None when there is a report)."""
    message: str | None = None
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        """One JSON line: the report as ``--format json`` gives it for one document, plus
        ``sha256`` and ``seconds``; or ``document``, ``sha256`` and ``error``."""
        if self.report is not None:
            from .report.json import report_dict

            data = report_dict(self.report)
        else:
            data = {"document": self.path, "error": {"kind": self.error, "message": self.message}}
        data["sha256"] = self.sha256
        data["seconds"] = round(self.seconds, 3)
        return data


# --------------------------------------------------------------------------- inputs
def expand_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Files named, folders walked recursively (known extensions only, hidden entries
    skipped) and glob patterns expanded, in a stable order without repeats. A name
    that matches nothing is kept, so its check reports it as missing."""
    out: list[Path] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            out.append(path)

    for item in inputs:
        text = str(item)
        matches = sorted(glob.glob(text, recursive=True)) if glob.has_magic(text) else [text]
        if not matches:
            add(Path(text))
        for match in matches:
            path = Path(match)
            if path.is_dir():
                for found in sorted(_walk(path)):
                    add(found)
            elif glob.has_magic(text) and path.suffix.lower() not in KNOWN_SUFFIXES:
                continue
            else:
                add(path)
    return out


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in KNOWN_SUFFIXES:
                yield Path(root) / name


def content_hash(path: str | Path) -> str | None:
    """sha256 of the file's bytes (None when it cannot be read)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


# --------------------------------------------------------------------------- resume
def done_hashes(path: str | Path) -> set[str]:
    """Content hashes that already have a line in a JSONL output. A line cut short by
    a kill (the last one) is ignored; so are lines that are not reports."""
    hashes: set[str] = set()
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                try:
                    data = json.loads(line)
                except ValueError:
                    continue
                if isinstance(data, dict) and data.get("sha256"):
                    hashes.add(data["sha256"])
    except FileNotFoundError:
        pass
    return hashes


class JsonlWriter:
    """Appends one line per outcome with a single write() on an O_APPEND file, so a
    kill leaves whole lines plus at most one cut line at the end; a cut line left by
    an earlier kill is dropped first, so the next line starts clean."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        _drop_cut_line(self.path)
        self.fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def write(self, outcome: Outcome) -> None:
        line = json.dumps(outcome.to_json(), ensure_ascii=False) + "\n"
        os.write(self.fd, line.encode("utf-8"))

    def close(self) -> None:
        os.close(self.fd)


def _drop_cut_line(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    with open(path, "rb+") as fh:
        data = fh.read()
        if data.endswith(b"\n"):
            return
        fh.truncate(data.rfind(b"\n") + 1)


# --------------------------------------------------------------------------- workers
def _worker_start(memory_mb: int | None) -> None:
    """Import the checker once per worker, then cap the address space at what the
    worker uses now plus ``memory_mb``: a document that needs more gets MemoryError."""
    from . import pipeline  # noqa: F401  (the imports are not the document's memory)
    from .ingest import pdf, pdf_fast  # noqa: F401

    if not memory_mb:
        return
    import resource

    now = _vm_bytes()
    if now is None:
        return
    limit = now + memory_mb * 2**20
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _capped() -> bool:
    """Whether this process runs under an address-space cap (a worker of --memory-mb)."""
    try:
        import resource
    except ImportError:  # not on this platform: no cap was set either
        return False
    return resource.getrlimit(resource.RLIMIT_AS)[0] != resource.RLIM_INFINITY


def _vm_bytes() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def check_file(path: str, config: Config | None = None, tables: list[str] | None = None) -> Outcome:
    """Check one file and never raise: the Outcome carries the report or the reason.
    This is what every worker (local process or cluster) runs."""
    from .pipeline import check

    started = time.perf_counter()
    outcome = Outcome(path=path, sha256=content_hash(path))
    try:
        outcome.report = check(path, config=config, tables=tables)
    except InputError as exc:
        outcome.error, outcome.message = "unreadable", str(exc)
    except NarrativeCheckError as exc:
        outcome.error, outcome.message = "error", str(exc)
    except Exception as exc:  # a bug must not end the batch; the line says what it was
        # a C extension that fails to allocate under the cap may raise SystemError
        # ('error return without exception set') instead of MemoryError
        if isinstance(exc, MemoryError) or isinstance(exc, SystemError) and _capped():
            detail = "" if isinstance(exc, MemoryError) else f" ({type(exc).__name__}: {exc})"
            outcome.error = "memory"
            outcome.message = f"{path}: over the memory cap; the document is too large to check{detail}"
        else:
            outcome.error, outcome.message = "internal", f"{path}: internal error: {type(exc).__name__}: {exc}"
    outcome.seconds = time.perf_counter() - started
    return outcome


def check_many(
    paths: Iterable[str | Path],
    *,
    jobs: int = 1,
    config: Config | None = None,
    tables: list[str | Path] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
    skip: set[str] | None = None,
) -> Iterator[Outcome]:
    """Check documents in ``jobs`` worker processes; yield each Outcome as it finishes.

    ``paths`` are files, folders or glob patterns (see expand_inputs). ``timeout`` is
    seconds per document, ``memory_mb`` the memory a document may take in its worker
    (None: no limit). Documents whose content hash is in ``skip`` are not checked.
    """
    from pebble import ProcessPool

    files = expand_inputs(paths)
    extra = [str(t) for t in tables or []]
    pending: list[tuple[str, str | None]] = []
    for path in files:
        digest = content_hash(path)
        if skip and digest in skip:
            continue
        pending.append((str(path), digest))
    if not pending:
        return
    pool = ProcessPool(max_workers=max(1, jobs), initializer=_worker_start, initargs=(memory_mb,))
    try:
        futures = {
            pool.schedule(check_file, args=(path, config, extra), timeout=timeout): (path, digest)
            for path, digest in pending
        }
        for future in as_completed(futures):
            path, digest = futures[future]
            yield _outcome(future, path, digest, timeout)
    finally:
        # Also when the caller stops early: pending documents are dropped, workers ended.
        pool.stop()
        pool.join()


def _outcome(future: Any, path: str, digest: str | None, timeout: float | None) -> Outcome:
    from pebble.common import ProcessExpired

    try:
        return future.result()
    except FutureTimeout:
        return Outcome(path=path, sha256=digest, error="timeout", seconds=timeout or 0.0,
                       message=f"{path}: stopped after {timeout:g} s (the per-document time limit); "
                               "raise it with --time-limit")
    except ProcessExpired as exc:
        return Outcome(path=path, sha256=digest, error="crash",
                       message=f"{path}: the worker checking it died (exit code {exc.exitcode}); "
                               "the file may be damaged or need more memory than --memory-mb allows")
    except MemoryError:
        return Outcome(path=path, sha256=digest, error="memory",
                       message=f"{path}: over the memory cap; the document is too large to check")
    except Exception as exc:  # the pool's own failure for this one document
        return Outcome(path=path, sha256=digest, error="internal",
                       message=f"{path}: internal error: {type(exc).__name__}: {exc}")


# --------------------------------------------------------------------------- summary
@dataclass
class BatchSummary:
    """What the end of a batch reports: counts, errors by kind, the slowest documents."""

    documents: int = 0
    checked: int = 0
    skipped: int = 0
    findings_errors: int = 0
    documents_with_errors: int = 0
    failures: dict[str, int] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)
    times: list[tuple[float, str]] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, outcome: Outcome) -> None:
        self.documents += 1
        self.times.append((outcome.seconds, outcome.path))
        if outcome.report is not None:
            self.checked += 1
            errors = outcome.report.summary.errors
            self.findings_errors += errors
            self.documents_with_errors += errors > 0
            return
        kind = outcome.error or "internal"
        self.failures[kind] = self.failures.get(kind, 0) + 1
        if kind == "unreadable":
            self.unreadable.append(outcome.message or outcome.path)

    def slowest(self, n: int = 5) -> list[tuple[float, str]]:
        return sorted(self.times, reverse=True)[:n]

    def to_text(self) -> str:
        failed = sum(self.failures.values())
        lines = [f"{self.documents} documents in {self.seconds:.1f} s: {self.checked} checked "
                 f"({self.documents_with_errors} with errors, {self.findings_errors} errors in all), "
                 f"{failed} not checked" + (f", {self.skipped} skipped (already in the output)" if self.skipped else "")]
        if self.failures:
            lines.append("not checked, by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(self.failures.items())))
        for message in self.unreadable[:20]:
            lines.append(f"  unreadable: {message}")
        if len(self.unreadable) > 20:
            lines.append(f"  … and {len(self.unreadable) - 20} more unreadable")
        if self.times:
            lines.append("slowest: " + "; ".join(f"{path} {sec:.2f} s" for sec, path in self.slowest()))
        return "\n".join(lines) + "\n"
