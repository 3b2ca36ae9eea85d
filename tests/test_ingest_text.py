"""Reading text documents: encodings, line numbers, and bad input."""

from __future__ import annotations

import pytest
from helpers import SEED_SPACE, SEED_TAB, check, kinds, seed_text

from narrative_check import InputError, load_document


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_encodings_give_the_same_report(tmp_path, encoding):
    text = seed_text(SEED_TAB)
    path = tmp_path / f"doc-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    doc = load_document(path)
    assert doc.lines[83].text == text.split("\n")[83]
    report = check(path)
    assert kinds(report) == ["period-mismatch"] and report.findings[0].line == 84


def test_gbk_is_detected_not_guessed(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(seed_text(SEED_SPACE).encode("gbk"))
    doc = load_document(path)
    assert doc.encoding == "gb18030" and "read as gb18030" in doc.warnings


def test_line_numbers_are_those_of_the_file():
    doc = load_document(SEED_SPACE)
    assert doc.lines[880].no == 881 and "31.41万元" in doc.lines[880].text


def test_form_feeds_become_pages(tmp_path):
    path = tmp_path / "paged.txt"
    path.write_text("第一页\n内容\n\f第二页\n更多\n\f第三页", encoding="utf-8")  # pdftotext's layout
    doc = load_document(path)
    assert [line.page for line in doc.lines] == [1, 1, 2, 2, 3]
    assert [line.text for line in doc.lines] == ["第一页", "内容", "第二页", "更多", "第三页"]


def test_text_passed_directly():
    doc = load_document(seed_text(SEED_TAB), text=True)
    assert doc.source == "<text>" and len(doc.lines) > 400


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: p / "missing.txt", "no such file"),
        (lambda p: p, "is a directory"),
        (lambda p: (p / "empty.txt").write_bytes(b"") and p / "empty.txt" or p / "empty.txt", "empty"),
        (lambda p: (p / "blank.txt").write_text(" \n\n  \n") and p / "blank.txt", "no text"),
        (lambda p: (p / "bin.dat").write_bytes(bytes(range(256)) * 40) and p / "bin.dat", "binary"),
    ],
)
def test_bad_input_raises_a_clear_error(tmp_path, make, message):
    path = make(tmp_path)
    with pytest.raises(InputError, match=message):
        load_document(path)


def test_huge_file_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.write(("预算收入534.77万元。\n" * 2_000_000).encode("utf-8")[: 50 * 2**20])
    with pytest.raises(InputError, match="over the 20 MB limit"):
        load_document(path)


def test_truncated_utf8_still_reads(tmp_path):
    data = seed_text(SEED_SPACE).encode("utf-8")
    path = tmp_path / "cut.txt"
    path.write_bytes(data[: len(data) // 2 + 1])  # may cut a character in half
    doc = load_document(path)
    assert len(doc.lines) > 400
    assert any("truncated" in w for w in doc.warnings) or path.read_bytes().decode("utf-8", "strict")
