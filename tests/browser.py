"""Headless Chromium for the browser tests and the HTML benchmark: Debian's `chromium`
and `chromium-driver` (.ci/run installs them), driven by selenium. Nothing is
downloaded: the driver and browser paths are given, so Selenium Manager never runs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
"""Where the browser tests leave their pictures (git-ignored)."""


def browser_paths() -> tuple[str, str] | None:
    """(chromium, chromedriver), or None when either is missing."""
    browser = os.environ.get("NARRATIVE_CHECK_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    driver = os.environ.get("NARRATIVE_CHECK_CHROMEDRIVER") or shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


def start_browser(width: int = 1600, height: int = 1000):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    paths = browser_paths()
    if paths is None:
        raise RuntimeError("chromium and chromedriver are needed: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = paths[0]
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                f"--window-size={width},{height}", "--lang=zh-CN"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(paths[1]), options=options)
    driver.set_page_load_timeout(60)
    return driver
