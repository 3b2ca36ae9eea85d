"""The HTML report and the web app in a real headless Chromium: a reviewer clicks a
finding and sees its evidence cell highlighted and in view; uploads a file through
the page's form and reads its report; hostile prose stays text. Screenshots go to
tests/screenshots/ (git-ignored)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from browser import SCREENSHOTS, browser_paths, start_browser
from helpers import ROOT

pytestmark = pytest.mark.browser

CORPUS = ROOT / "eval" / "datasets" / "corpus"
YICHUAN = CORPUS / "shanghai-putuo-yichuan-street-2025-dept-final.txt"
PDF = CORPUS / "shanghai-putuo-govoffice-2025-dept-budget.pdf"

IN_VIEW = """
const el = arguments[0];
const r = el.getBoundingClientRect();
if (r.width === 0 || r.bottom < 0 || r.right < 0 || r.top > innerHeight || r.left > innerWidth) return false;
for (let p = el.parentElement; p; p = p.parentElement) {      // inside every scrolling pane around it
  const s = getComputedStyle(p);
  if (!/(auto|scroll)/.test(s.overflowY + s.overflowX)) continue;
  const q = p.getBoundingClientRect();
  if (r.bottom < q.top || r.top > q.bottom || r.right < q.left || r.left > q.right) return false;
}
return true;
"""


@pytest.fixture(scope="module")
def driver():
    if browser_paths() is None or not _has_selenium():
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser tests: .ci/run installs chromium, chromium-driver and selenium")
        pytest.skip("chromium, chromium-driver or selenium is not installed")
    SCREENSHOTS.mkdir(exist_ok=True)
    browser = start_browser()
    yield browser
    browser.quit()


def _has_selenium() -> bool:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return False
    return True


def html_report(path, out, *extra: str):
    subprocess.run([sys.executable, "-m", "narrative_check", "check", str(path), "--format", "html", "-o", str(out),
                    *extra], cwd=ROOT, capture_output=True, timeout=300)
    assert out.exists()
    return out.resolve().as_uri()


def by_css(driver, css):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, css)


def test_click_a_finding_highlights_its_evidence_cell_in_view(driver, tmp_path):
    driver.get(html_report(YICHUAN, tmp_path / "yichuan.html"))
    findings = [li for li in by_css(driver, "li.f") if li.is_displayed() and li.get_attribute("data-sev") == "error"
                and li.get_attribute("data-mark") and li.get_attribute("data-cells")]
    assert findings
    # The last one, far down, so both the prose and the tables must scroll to it.
    finding = findings[-1]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", finding)
    finding.click()
    cell_id = finding.get_attribute("data-cells").split()[0]
    cell = driver.find_element("id", cell_id)
    assert "hl" in cell.get_attribute("class").split()
    assert driver.execute_script(IN_VIEW, cell), "the evidence cell is scrolled into view"
    segments = by_css(driver, f'mark[data-m~="{finding.get_attribute("data-mark")}"]')
    assert segments and all("flash" in s.get_attribute("class") for s in segments)
    assert driver.execute_script(IN_VIEW, segments[0]), "the sentence is scrolled into view"
    card = by_css(driver, ".card-open")[0]
    code = finding.find_element("css selector", "code").text
    assert code in card.text and "stated" in card.text
    driver.save_screenshot(str(SCREENSHOTS / "report-finding.png"))
    # Another finding moves the highlight: one cell set lit at a time.
    other = next(li for li in by_css(driver, "li.f") if li.is_displayed() and li.get_attribute("data-cells")
                 and li.get_attribute("data-cells").split()[0] != cell_id)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", other)
    other.click()
    assert "hl" not in cell.get_attribute("class").split()
    assert "hl" in driver.find_element("id", other.get_attribute("data-cells").split()[0]).get_attribute("class")


def test_click_a_sentence_then_jump_to_its_table(driver, tmp_path):
    driver.get(html_report(YICHUAN, tmp_path / "yichuan.html"))
    has_evidence = "return document.getElementById(arguments[0] + '-t').content.querySelector('button[data-cells]') !== null"
    mark = next(m for m in by_css(driver, "mark.m.st-error")
                if any(driver.execute_script(has_evidence, i) for i in m.get_attribute("data-m").split()))
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    mark.click()
    card = by_css(driver, ".card-open")[0]
    assert "error" in card.text
    button = card.find_element("css selector", "button[data-cells]")
    button.click()
    lit = by_css(driver, "td.hl")
    assert lit and lit[0].get_attribute("id") in button.get_attribute("data-cells").split()
    assert driver.execute_script(IN_VIEW, lit[0])
    driver.save_screenshot(str(SCREENSHOTS / "report-sentence.png"))


def test_filters_by_severity_and_kind(driver, tmp_path):
    from selenium.webdriver.support.ui import Select

    driver.get(html_report(YICHUAN, tmp_path / "yichuan.html"))
    visible = lambda sev=None: [li for li in by_css(driver, "li.f") if li.is_displayed()  # noqa: E731
                                and (sev is None or li.get_attribute("data-sev") == sev)]
    assert visible("error") and not visible("info")  # unverified claims are off until asked for
    by_css(driver, 'input[data-sev="info"]')[0].click()
    assert visible("info")
    by_css(driver, 'input[data-sev="error"]')[0].click()
    assert not visible("error")
    by_css(driver, 'input[data-sev="error"]')[0].click()
    Select(by_css(driver, "select[data-kind]")[0]).select_by_value("total-mismatch")
    kinds = {li.get_attribute("data-kind") for li in visible()}
    assert kinds == {"total-mismatch"}
    assert f"{len(visible())} of" in by_css(driver, ".filters .shown")[0].text


def test_hostile_prose_renders_as_text(driver, tmp_path):
    doc = tmp_path / "hostile.txt"
    doc.write_text("2024年部门预算公开\n一、总体情况\n"
                   "<script>window.__pwned = 1</script>本部门2024年收入合计<img src=x onerror=\"window.__pwned=2\">"
                   "1000.00万元。\n\n表一 收支总表\n单位：万元\n项目\t金额\n收入合计\t1000.00\n支出合计\t1000.00\n",
                   encoding="utf-8")
    driver.get(html_report(doc, tmp_path / "hostile.html"))
    assert driver.execute_script("return window.__pwned === undefined")
    assert not by_css(driver, ".prose img") and not by_css(driver, ".prose script")
    line = driver.find_element("id", "d0-L3").text
    assert "<script>window.__pwned = 1</script>" in line and '<img src=x onerror="window.__pwned=2">' in line


def test_upload_through_the_form_and_read_the_report(driver, tmp_path):
    pytest.importorskip("starlette")
    from selenium.webdriver.support.ui import WebDriverWait
    from webapp import running_server

    with running_server(tmp_path) as url:
        driver.get(url + "/")
        driver.find_element("id", "document").send_keys(str(PDF))
        driver.find_element("css selector", "button[type=submit]").click()
        WebDriverWait(driver, 180).until(lambda d: by_css(d, ".dochead h1"))
        assert driver.find_element("css selector", ".dochead h1").text == PDF.name
        tables = by_css(driver, ".tbl")
        assert len(tables) >= 5 and by_css(driver, "mark.m")
        first = next((li for li in by_css(driver, "li.f") if li.is_displayed() and li.get_attribute("data-cells")), None)
        if first is not None:
            first.click()
            assert by_css(driver, "td.hl, td.label.hl")
        driver.save_screenshot(str(SCREENSHOTS / "serve-report.png"))
        assert [p for p in tmp_path.iterdir() if p.name.startswith("narrative-check-")] == []


def test_statuses_differ_without_colour(driver, tmp_path):
    """Greyscale and colour-blind readers: each status has its own line style and icon."""
    driver.get(html_report(YICHUAN, tmp_path / "yichuan.html"))
    looks = driver.execute_script("""
        const out = {};
        for (const s of ['error', 'warning', 'verified', 'unverified']) {
          const m = document.querySelector('mark.m.st-' + s) || document.querySelector('mark.lg.st-' + s);
          const c = getComputedStyle(m);
          const icon = document.querySelector('.ico.i-' + s);
          out[s] = [c.borderBottomStyle + ' ' + c.borderBottomWidth + ' ' + c.fontWeight, icon && icon.textContent];
        }
        return out;""")
    styles = [look[0] for look in looks.values()]
    icons = [look[1] for look in looks.values()]
    assert len(set(styles)) == 4 and len(set(icons)) == 4 and all(icons), looks
