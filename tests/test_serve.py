"""`narrative-check serve` over real HTTP on 127.0.0.1: the JSON API returns the CLI's
report, bad files get clear errors, 20 concurrent uploads are all answered, and no
upload outlives its request."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from helpers import ROOT, SEED_SPACE, SEED_TAB

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

from webapp import Answer, request, running_server  # noqa: E402

CORPUS = ROOT / "eval" / "datasets" / "corpus"
YICHUAN = CORPUS / "shanghai-putuo-yichuan-street-2025-dept-final.txt"
PDF = CORPUS / "shanghai-putuo-govoffice-2025-dept-budget.pdf"


@pytest.fixture(scope="module")
def uploads(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("uploads")


@pytest.fixture(scope="module")
def server(uploads):
    with running_server(uploads, "--max-size", "1", "--workers", "2") as url:
        yield url


def cli_json(path: Path) -> dict:
    out = subprocess.run([sys.executable, "-m", "narrative_check", "check", str(path), "--format", "json"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    return json.loads(out.stdout)


def comparable(report: dict) -> dict:
    """The report without what differs between two runs by design: time and the path given."""
    report = json.loads(json.dumps(report))
    report["summary"].pop("seconds")
    report.pop("document")
    return report


def post(url: str, path: Path, name: str | None = None, timeout: float = 120, **fields) -> Answer:
    files = {"document": (name or path.name, path.read_bytes())}
    return request(url + "/api/check", files=files, data=fields, timeout=timeout)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("narrative-check-"))


def test_api_returns_the_cli_json_report(server, uploads):
    for path in (YICHUAN, PDF):
        answer = post(server, path)
        assert answer.status_code == 200, answer.text
        data = answer.json()
        assert data["document"] == path.name
        assert comparable(data) == comparable(cli_json(path))
    assert leftovers(uploads) == []


def test_select_and_ignore_fields(server):
    data = post(server, SEED_TAB, select="NC1").json()
    assert {f["code"][:3] for f in data["findings"]} == {"NC1"}
    assert all(f["code"] != "NC103" for f in post(server, SEED_TAB, ignore="NC103").json()["findings"])


def test_form_page_offers_the_upload(server):
    page = request(server + "/").text
    assert 'enctype="multipart/form-data"' in page and 'name="document"' in page and 'name="tables"' in page


def test_html_answer_is_the_report(server):
    answer = request(server + "/check", files={"document": (YICHUAN.name, YICHUAN.read_bytes())}, timeout=120)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html")
    assert YICHUAN.name in answer.text and 'class="f st-error"' in answer.text and "check another file" in answer.text


@pytest.mark.parametrize("name, content, status, words", [
    ("empty.txt", b"", 422, "empty"),
    ("binary.txt", bytes(range(256)) * 64, 422, "binary"),
    ("broken.pdf", b"%PDF-1.7\n1 0 obj <<", 422, "PDF"),
    ("program.exe", b"MZ\x90\x00", 415, ".pdf"),
    ("big.txt", "收入合计1.00万元。\n".encode() * 120_000, 413, "limit"),
])
def test_bad_files_get_clear_errors(server, uploads, tmp_path, name, content, status, words):
    path = tmp_path / name
    path.write_bytes(content)
    answer = post(server, path)
    assert answer.status_code == status, answer.text
    error = answer.json()["error"]
    assert words in error and str(uploads) not in error and "Traceback" not in error
    page = request(server + "/check", files={"document": (name, content)}, timeout=60)
    assert page.status_code == status and "The file was not checked" in page.text
    assert leftovers(uploads) == []


def test_requests_without_a_document(server):
    assert request(server + "/api/check", data={"select": "NC1"}, timeout=30).status_code == 400
    answer = request(server + "/api/check", files={"tables": ("t.xlsx", b"PK")}, timeout=30)
    assert answer.status_code == 400 and "document" in answer.json()["error"]


def test_twenty_concurrent_uploads_all_answered(server, uploads):
    documents = [YICHUAN, SEED_TAB, SEED_SPACE, PDF]
    expected = {p.name: comparable(cli_json(p)) for p in documents}
    jobs = [(documents[i % len(documents)], f"{i:02d}-{documents[i % len(documents)].name}") for i in range(20)]
    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda job: post(server, job[0], job[1], timeout=300), jobs))
    assert [a.status_code for a in answers] == [200] * 20
    for (path, name), answer in zip(jobs, answers):
        data = answer.json()
        assert data["document"] == name  # each answer is its own upload's
        assert comparable(data) == expected[path.name]
    assert leftovers(uploads) == []


def test_a_check_over_its_time_limit_is_refused_and_cleaned_up(tmp_path):
    with running_server(tmp_path, "--time-limit", "1", "--workers", "1") as url:
        slow = CORPUS / "shanghai-putuo-planning-resources-2024-dept-final.pdf"  # 30 pages: seconds to read
        answers = []
        with ThreadPoolExecutor(max_workers=3) as pool:  # one runs, the others wait past the limit
            answers = list(pool.map(lambda _: post(url, slow, timeout=120), range(3)))
        assert 504 in [a.status_code for a in answers]
        assert all("--time-limit" in a.json()["error"] for a in answers if a.status_code == 504)
        deadline = time.monotonic() + 120  # a check that did start removes its folder when it ends
        while leftovers(tmp_path) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert leftovers(tmp_path) == []


def test_word_prose_with_excel_tables(server, uploads, tmp_path):
    from fixtures_formats import PLANTED, Para, budget_blocks, write_docx, write_xlsx

    blocks = budget_blocks()
    prose = write_docx([b for b in blocks if isinstance(b, Para)], tmp_path / "说明.docx")
    tables = write_xlsx([b for b in blocks if not isinstance(b, Para)], tmp_path / "预算表.xlsx")
    answer = request(server + "/api/check", timeout=120, files={
        "document": (prose.name, prose.read_bytes()), "tables": (tables.name, tables.read_bytes())})
    assert answer.status_code == 200, answer.text
    data = answer.json()
    out = subprocess.run([sys.executable, "-m", "narrative_check", "check", str(prose), "--tables", str(tables),
                          "--format", "json"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert comparable(data) == comparable(json.loads(out.stdout))
    stated = " ".join(f["stated"] or "" for f in data["findings"])
    assert all(value in stated for value in PLANTED.values())
    assert leftovers(uploads) == []
