"""Batch checking: folders and globs, worker processes, jsonl streaming, resume after
a kill, a time limit and a memory cap that keep one bad file from ending the batch."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fixtures_formats import budget_blocks, write_pdf
from helpers import SEED_SPACE, SEED_TAB, seed_text
from narrative_check import check
from narrative_check.batch import check_many, done_hashes, expand_inputs

ROOT = Path(__file__).resolve().parents[1]


def _docs(folder: Path, n: int) -> list[Path]:
    """n distinct documents (seed copies with a different closing line each)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        seed = SEED_TAB if i % 2 == 0 else SEED_SPACE
        path = folder / f"doc{i:02d}.txt"
        path.write_text(seed_text(seed) + f"\n（第{i}份）\n", encoding="utf-8")
        out.append(path)
    return out


def _cli(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "narrative_check", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, **kw)


def test_folders_are_walked_for_known_extensions_and_globs_expand(tmp_path: Path) -> None:
    docs = _docs(tmp_path / "a" / "deep", 2)
    (tmp_path / "a" / "notes.log").write_text("not a document")
    (tmp_path / "a" / ".hidden").mkdir()
    (tmp_path / "a" / ".hidden" / "x.txt").write_text("hidden")
    (tmp_path / "b").mkdir()
    pdf = write_pdf(budget_blocks(), tmp_path / "b" / "doc.pdf")
    found = expand_inputs([tmp_path / "a", str(tmp_path / "b" / "*"), str(docs[0])])
    assert found == [*docs, pdf]  # no .log, nothing hidden, no repeat of docs[0]


def test_check_many_yields_every_report_and_matches_check(tmp_path: Path) -> None:
    docs = _docs(tmp_path, 4)
    outcomes = list(check_many([tmp_path], jobs=2))
    assert sorted(o.path for o in outcomes) == sorted(str(d) for d in docs)
    for outcome in outcomes:
        assert outcome.error is None and outcome.sha256
        alone = check(outcome.path)
        assert [f.model_dump() for f in outcome.report.findings] == [f.model_dump() for f in alone.findings]


def test_jsonl_streams_one_line_per_document_with_reasons_for_bad_files(tmp_path: Path) -> None:
    _docs(tmp_path, 3)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n%garbage")
    result = _cli("check", str(tmp_path), "--jobs", "2", "--format", "jsonl")
    assert result.returncode == 2, result.stderr  # a document could not be checked
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 5
    errors = {Path(d["document"]).name: d["error"] for d in lines if "error" in d}
    assert errors["empty.txt"]["kind"] == "unreadable" and "empty" in errors["empty.txt"]["message"]
    assert errors["broken.pdf"]["kind"] == "unreadable"
    reports = [d for d in lines if "findings" in d]
    assert len(reports) == 3 and all(d["sha256"] and d["summary"]["claims"] > 0 for d in reports)
    # The summary goes to stderr, so stdout stays one JSON object per line.
    assert "5 documents" in result.stderr and "unreadable 2" in result.stderr and "slowest:" in result.stderr
    assert "━" not in result.stderr  # no progress bar when not on a terminal


def test_a_document_over_the_time_limit_is_stopped_and_the_rest_finish(tmp_path: Path) -> None:
    docs = _docs(tmp_path, 2)
    slow = tmp_path / "slow.txt"
    # under the input limits (50,000 lines), yet hundreds of tables: far over 3 s
    slow.write_text(seed_text(SEED_SPACE) * 50, encoding="utf-8")
    outcomes = {Path(o.path).name: o for o in check_many([tmp_path], jobs=2, timeout=3)}
    assert outcomes["slow.txt"].error == "timeout" and "time limit" in outcomes["slow.txt"].message
    assert all(outcomes[d.name].report is not None for d in docs)


def test_a_document_over_the_memory_cap_fails_alone(tmp_path: Path) -> None:
    docs = _docs(tmp_path, 2)
    big = tmp_path / "big.txt"
    big.write_text(seed_text(SEED_TAB) * 110, encoding="utf-8")  # under the input limits (50,000 lines)
    outcomes = {Path(o.path).name: o for o in check_many([tmp_path], jobs=1, memory_mb=60, timeout=120)}
    assert outcomes["big.txt"].error in ("memory", "crash"), outcomes["big.txt"]
    assert all(outcomes[d.name].report is not None for d in docs)


def test_a_batch_killed_midway_resumes_and_reports_every_document_once(tmp_path: Path) -> None:
    docs = _docs(tmp_path / "docs", 14)
    out = tmp_path / "out.jsonl"
    args = [sys.executable, "-m", "narrative_check", "check", str(tmp_path / "docs"), "--jobs", "2",
            "--resume", str(out)]
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= 3:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the batch ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)  # the batch and its workers, mid-run
    proc.wait()
    first = out.read_bytes().count(b"\n")
    assert 3 <= first < len(docs)
    with out.open("ab") as fh:  # a line cut short by the kill
        fh.write(b'{"document": "cut')
    result = _cli("check", str(tmp_path / "docs"), "--jobs", "2", "--resume", str(out))
    assert result.returncode in (0, 1), result.stderr
    assert f"{first} skipped" in result.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    names = sorted(Path(d["document"]).name for d in lines)
    assert names == sorted(d.name for d in docs)  # every document, exactly once
    assert len(done_hashes(out)) == len(docs)


def test_a_progress_bar_with_eta_shows_on_a_terminal(tmp_path: Path) -> None:
    import pty

    _docs(tmp_path, 3)
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "narrative_check", "check", str(tmp_path), "--jobs", "2",
                             "--format", "jsonl"], cwd=ROOT, stdout=subprocess.PIPE, stderr=slave,
                            env={**os.environ, "COLUMNS": "120"})
    os.close(slave)
    chunks: list[bytes] = []

    def drain() -> None:  # read the terminal while the batch runs, or its writes would block
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            chunks.append(chunk)

    import threading

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    out, _ = proc.communicate(timeout=300)
    reader.join(timeout=30)
    os.close(master)
    seen = b"".join(chunks)
    text = seen.decode("utf-8", "replace")
    assert "ETA" in text and "3/3" in text, text  # the bar, on the terminal
    assert len(out.decode().splitlines()) == 3  # stdout: the three reports only


def test_jsonl_to_an_output_file(tmp_path: Path) -> None:
    _docs(tmp_path / "docs", 2)
    out = tmp_path / "out.jsonl"
    out.write_text("old line\n")
    result = _cli("check", str(tmp_path / "docs"), "--format", "jsonl", "-o", str(out))
    assert result.returncode in (0, 1), result.stderr
    assert result.stdout == ""
    assert [json.loads(line)["sha256"] for line in out.read_text().splitlines()]  # fresh file, two reports
    assert len(out.read_text().splitlines()) == 2
