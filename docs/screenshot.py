"""Remake docs/report.png: the HTML report of a real corpus PDF in headless Chromium,
with one finding clicked so its sentence and its evidence cells are highlighted.

    python docs/screenshot.py   # needs chromium + chromium-driver and selenium ([dev])
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from browser import start_browser  # noqa: E402

from narrative_check import check  # noqa: E402
from narrative_check.report.html import render_html  # noqa: E402

DOCUMENT = ROOT / "eval" / "datasets" / "corpus" / "shanghai-putuo-planning-resources-2024-dept-final.pdf"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--document", type=Path, default=DOCUMENT)
    parser.add_argument("--finding", default="人员经费 stated 4896.98", help="Text of the finding to click.")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "report.png")
    args = parser.parse_args()
    report = check(args.document)
    report.document = args.document.name
    driver = start_browser(1600, 1000)
    try:
        with tempfile.TemporaryDirectory() as folder:
            page = Path(folder) / "report.html"
            page.write_text(render_html([report]), encoding="utf-8")
            driver.get(page.as_uri())
            item = next(li for li in driver.find_elements("css selector", "li.f") if args.finding in li.text)
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", item)
            item.click()
            time.sleep(0.3)
            driver.save_screenshot(str(args.out))
    finally:
        driver.quit()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
