"""Hostile input, generated here (nothing large is kept in the repository). Each
case runs the real command in a child process whose peak memory is measured: it
ends with a report or a clear error naming the file and the limit (exit 2), never
a traceback or a MemoryError, and stays under 1 GB. (Seconds per case are printed
by benchmarks/bench_hostile.py; the child's timeout here only catches a hang.)"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, SEED_TAB

import hostile_inputs as h
from narrative_check import check

_DRIVER = """
import atexit, os, resource, sys
atexit.register(lambda: os.write(2, b"\\nPEAK_RSS_KB=%d\\n" % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
# a hard ceiling well above the target, so a regression fails fast instead of swapping
resource.setrlimit(resource.RLIMIT_AS, (4 * 2**30, 4 * 2**30))
sys.argv = ["narrative-check", *sys.argv[1:]]
from narrative_check.cli import main
main()
"""
ONE_GB_KB = 2**20


def run_measured(*args: str, stdin: bytes | None = None) -> tuple[int, str, str, int]:
    """(exit code, stdout, stderr without the measurement, peak RSS in KB)."""
    done = subprocess.run([sys.executable, "-c", _DRIVER, *args], input=stdin, capture_output=True, cwd=ROOT,
                          timeout=120)
    err = done.stderr.decode("utf-8", errors="replace")
    head, _, peak = err.rpartition("PEAK_RSS_KB=")
    return done.returncode, done.stdout.decode("utf-8", errors="replace"), head, int(peak)


def assert_clear_error(path: Path, *fragments: str) -> str:
    code, out, err, peak = run_measured("check", str(path))
    assert code == 2, err
    assert "Traceback" not in err and "MemoryError" not in err
    assert err.startswith(f"error: {path}: "), err
    for fragment in fragments:
        assert fragment in err, err
    assert peak < ONE_GB_KB
    return err


# --------------------------------------------------------------------------- packages
def test_a_sheet_with_one_figure_at_the_last_cell(tmp_path: Path) -> None:
    path = h.xlsx_far_cell(tmp_path)
    assert path.stat().st_size < 5000
    assert_clear_error(path, "sheet '表1' uses 1,048,576 rows × 16,384 columns", "limit of 150,000 cells",
                       "delete the stray cells")
    code, _, err, _ = run_measured("tables", str(path))
    assert code == 2 and "Traceback" not in err and str(path) in err


def test_a_styled_empty_cell_far_away_does_not_count(tmp_path: Path) -> None:
    code, out, err, peak = run_measured("tables", str(h.xlsx_styled_far_cell(tmp_path)), "--format", "json")
    assert code == 0, err
    [table] = json.loads(out)["tables"]
    assert len(table["rows"]) >= 3 and max(len(r["cells"]) for r in table["rows"]) == 3
    assert peak < ONE_GB_KB


def test_an_excel_file_that_expands(tmp_path: Path) -> None:
    path = h.xlsx_many_cells(tmp_path, 1000, 300)
    assert path.stat().st_size < 4 * 2**20
    assert_clear_error(path, "the Excel file expands to", "over the limit of 3 MB")


def test_a_word_file_that_expands(tmp_path: Path) -> None:
    path = h.docx_paragraphs(tmp_path, 2_000_000)  # 128 MB of paragraphs in a 0.5 MB zip
    assert path.stat().st_size < 2**20
    assert_clear_error(path, "the Word file expands to 127.8 MB", "over the limit of 8 MB")


def test_a_word_file_of_many_parts(tmp_path: Path) -> None:
    assert_clear_error(h.docx_paragraphs(tmp_path, 10, extra_parts=6000), "6,003 parts, over the limit of 5,000")


def test_a_word_file_within_the_limits_with_too_many_figures(tmp_path: Path) -> None:
    assert_clear_error(h.docx_paragraphs(tmp_path, 20_000), "over 5,000 amounts and percentages")


# --------------------------------------------------------------------------- text
def test_a_2000_by_2000_text_table(tmp_path: Path) -> None:
    assert_clear_error(h.text_table(tmp_path, 2000, 2000), "line 3 splits into 2,000 table columns",
                       "limit of 500")


def test_a_text_table_of_too_many_cells(tmp_path: Path) -> None:
    assert_clear_error(h.text_table(tmp_path, 1000, 300), "the table at line 3 has over 200,000 cells")


def test_a_text_table_under_the_limit_gives_a_report(tmp_path: Path) -> None:
    code, out, err, peak = run_measured("check", str(h.text_table(tmp_path, 600, 100)), "--format", "json")
    assert code in (0, 1), err
    assert json.loads(out)["summary"]["tables"] >= 1 and peak < ONE_GB_KB


def test_an_endless_line(tmp_path: Path) -> None:
    assert_clear_error(h.long_line(tmp_path, 5_000_000), "line 1 has 5,000,003 characters",
                       "limit of 200,000 per line")


@pytest.mark.parametrize("n", [8_000, 100_000])
def test_one_figure_repeated_on_one_line(tmp_path: Path, n: int) -> None:
    assert_clear_error(h.one_line_claims(tmp_path, n), "over ")


def test_one_run_on_sentence_of_figures_under_the_limit(tmp_path: Path) -> None:
    """Every claim quotes its sentence: a run-on sentence is cut at commas, so the
    report stays tens of MB, not the half GB that 4,900 copies of it would make."""
    code, out, err, peak = run_measured("check", str(h.one_line_claims(tmp_path, 4_900)), "--format", "json")
    assert code in (0, 1), err
    data = json.loads(out)
    assert data["summary"]["claims"] >= 4_900 and max(len(c["claim"]["quote"]) for c in data["claims"]) <= 3000
    assert len(out) < 100 * 2**20 and peak < ONE_GB_KB


def test_sixty_thousand_claim_sentences(tmp_path: Path) -> None:
    assert_clear_error(h.claim_sentences(tmp_path, 60_000), "60,002 lines, over the limit of 50,000")


def test_a_19_mb_document(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    text = SEED_TAB.read_text(encoding="utf-8")
    path.write_text(text * (19 * 2**20 // len(text.encode("utf-8"))), encoding="utf-8")
    assert_clear_error(path, "lines, over the limit of 50,000")


def test_many_claims_under_the_limits_give_a_full_report(tmp_path: Path) -> None:
    code, out, err, peak = run_measured("check", str(h.listed_parts(tmp_path, 1500)), "--format", "json")
    assert code in (0, 1), err
    assert json.loads(out)["summary"]["claims"] == 4500 and peak < ONE_GB_KB


def test_over_the_size_limit_names_the_real_fix(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        out.truncate(21 * 2**20)
    err = assert_clear_error(path, "21.0 MB, over the 20 MB limit", "split it into one file per document")
    assert "--max-size" not in err


# --------------------------------------------------------------------------- odd files
def test_a_fifo_is_named_as_such(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert_clear_error(fifo, "is a named pipe (FIFO)", "narrative-check check -")


def test_a_symlink_loop_is_named_as_such(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert_clear_error(tmp_path / "a.txt", "symbolic link that loops back on itself")


def test_a_dangling_symlink_names_its_target(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").symlink_to(tmp_path / "gone.txt")
    assert_clear_error(tmp_path / "doc.txt", f"symbolic link to {tmp_path / 'gone.txt'}, which does not exist")


def test_a_socket_is_not_a_file(tmp_path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(tmp_path / "s.txt"))
        assert_clear_error(tmp_path / "s.txt", "is not a regular file")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("本部门支出1万元。", encoding="utf-8")
    path.chmod(0)
    assert_clear_error(path, "permission denied")


# --------------------------------------------------------------------------- normal input
def test_standard_input_gives_the_same_findings_as_the_file() -> None:
    code, out, err, peak = run_measured("check", "-", "--format", "json", stdin=SEED_TAB.read_bytes())
    assert code == 1, err
    data = json.loads(out)
    expected = check(SEED_TAB)
    assert data["document"] == "<stdin>"
    assert [(f["line"], f["kind"], f["message"]) for f in data["findings"]] == \
        [(f.line, f.kind, f.message) for f in expected.findings]


def test_standard_input_reads_a_word_file(tmp_path: Path) -> None:
    from fixtures_formats import budget_blocks, write_docx, write_text

    docx = write_docx(budget_blocks(), tmp_path / "doc.docx")
    code, out, err, _ = run_measured("check", "-", "--format", "json", stdin=docx.read_bytes())
    assert code in (0, 1), err
    from_file = check(docx)
    assert [f["kind"] for f in json.loads(out)["findings"]] == [f.kind for f in from_file.findings]
    assert write_text  # the same blocks as the other formats' tests


def test_empty_standard_input() -> None:
    code, _, err, _ = run_measured("check", "-", stdin=b"")
    assert code == 2 and err.startswith("error: -: standard input is empty")


# --------------------------------------------------------------------------- report formats
def test_a_file_name_cannot_forge_a_github_annotation_or_bend_a_sarif_uri(tmp_path: Path) -> None:
    from urllib.parse import unquote, urlparse

    name = "doc,line=9\n::error file=forged.txt,line=1::forged%0A#?.txt"
    path = tmp_path / name
    path.write_bytes(SEED_TAB.read_bytes())
    code, out, err, _ = run_measured("check", str(path), "--format", "github")
    assert code == 1, err
    lines = out.splitlines()
    assert len(lines) == len([f for f in check(SEED_TAB).findings if f.severity != "info"])
    assert all(line.startswith(("::error file=", "::warning file=")) for line in lines)
    assert not any("forged.txt,line=1" in line for line in lines)
    file_value = lines[0].split(" file=", 1)[1].split(",line=", 1)[0]
    assert "\n" not in file_value and "," not in file_value and "::" not in file_value
    code, out, err, _ = run_measured("check", str(path), "--format", "sarif")
    uri = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("file:///") and not set(uri) & set("\n ,#?")
    assert unquote(urlparse(uri).path) == str(path)
