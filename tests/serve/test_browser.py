"""The studio in a real browser (Debian's Chromium through Playwright): the main flow with the
mouse and with the keyboard alone, a CSV with a bad row, and axe-core on every page."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import pdf_text
from tests.serve.conftest import Running

pytest.importorskip("playwright.sync_api")
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

SCREENSHOT = os.environ.get("BOOKLET_STUDIO_SCREENSHOT")
"""Where to keep the README's screenshot (``docs/studio.png``) when set."""


@pytest.fixture
def page(browser: Any, studio_server: Running) -> Iterator[Page]:
    """A fresh browser tab (its own session) on the studio."""
    context = browser.new_context(viewport={"width": 1200, "height": 900}, accept_downloads=True)
    tab = context.new_page()
    yield tab
    context.close()


def _preview_ready(page: Page, after: str = "0") -> str:
    """Wait for a preview newer than generation ``after``; return its generation."""
    page.wait_for_function(
        "after => Number(document.getElementById('pages').dataset.generation || 0) > after && "
        "Array.from(document.querySelectorAll('#pages img')).every(i => i.complete && i.naturalWidth > 0)",
        arg=int(after), timeout=30000)
    return str(page.get_attribute("#pages", "data-generation"))


def test_fill_in_see_the_preview_change_and_download_the_card(page: Page, studio_server: Running,
                                                                tmp_path: Path) -> None:
    page.goto(studio_server.url + "/")
    first = _preview_ready(page)
    before = page.locator("#pages img").last.screenshot()
    page.fill("#f-name", "Eastside Health Center")
    page.fill("#f-phone", "718-555")
    page.press("#f-phone", "Tab")
    error = page.locator("#f-phone-error")
    page.wait_for_function("() => document.getElementById('f-phone-error').textContent.includes('too short')")
    assert error.is_visible()
    assert page.get_attribute("#f-phone", "aria-invalid") == "true"
    page.fill("#f-phone", "718-555-0142")
    page.press("#f-phone", "Tab")
    error.wait_for(state="hidden")
    newer = _preview_ready(page, first)
    assert page.locator("#pages img").last.screenshot() != before, "the stamp side did not change"
    if SCREENSHOT:
        page.evaluate("() => window.scrollTo(0, 0)")
        page.screenshot(path=SCREENSHOT)
    with page.expect_download() as download:
        page.click("button[value=card]")
    saved = tmp_path / "card.pdf"
    download.value.save_as(saved)
    text = pdf_text(saved)
    assert "718-555-0142" in text and "Eastside Health Center" in text
    assert int(newer) > int(first)


def _tab_to(page: Page, target: str, seen: list[str], limit: int = 60) -> None:
    """Press Tab until the element with id ``target`` has focus; note each focused id."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id || document.activeElement.value || ''")
        seen.append(focused)
        if focused == target:
            return
    raise AssertionError(f"Tab never reached #{target}; focus went {seen}")


def test_the_main_flow_with_the_keyboard_only(page: Page, studio_server: Running, tmp_path: Path) -> None:
    page.goto(studio_server.url + "/")
    _preview_ready(page)
    seen: list[str] = []
    _tab_to(page, "region-filter", seen)
    page.keyboard.type("test county")
    _tab_to(page, "f-region", seen)
    assert page.input_value("#f-region") == "us-zz"
    _tab_to(page, "f-lang", seen)
    _tab_to(page, "format-trifold", seen)
    _tab_to(page, "f-name", seen)
    page.keyboard.type("Keyboard Clinic")
    page.keyboard.press("Tab")
    page.keyboard.type("718-555-0177")
    _tab_to(page, "card", seen)  # the "PDF: Wallet card" download button
    order = [seen.index(x) for x in ("region-filter", "f-region", "f-lang", "format-trifold", "f-name")]
    assert order == sorted(order), f"focus order follows the page: {seen}"
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    saved = tmp_path / "card.pdf"
    download.value.save_as(saved)
    assert "718-555-0177" in pdf_text(saved)


def test_a_csv_from_excel_with_one_bad_row(page: Page, studio_server: Running, tmp_path: Path,
                                           wait_for: Callable[..., None]) -> None:
    csv = tmp_path / "Clínicas export.csv"
    csv.write_bytes("name;phone;address\nClínica Ñandú;212-555-0100;\nSin teléfono;555-01;\n"
                    "Eastside;718-555-0142;1 Main St\n".encode("cp1252"))
    page.goto(studio_server.url + "/batch")
    page.set_input_files("#f-csv", str(csv))
    page.click("text=Read the file")
    table = page.locator("#rows")
    table.wait_for()
    assert "windows-1252, semicolon-separated" in page.inner_text("main")
    bad = page.locator("#rows tr.bad-row")
    assert bad.count() == 1
    assert bad.locator("td").first.inner_text() == "3"
    assert "phone" in bad.inner_text() and "too short" in bad.inner_text()
    assert "Clínica Ñandú" in table.inner_text()
    page.click("text=Build the 2 ready rows")
    link = page.locator("a[href='/batch/clinics.zip']")
    link.wait_for(timeout=60000)
    with page.expect_download() as download:
        link.click()
    saved = tmp_path / "clinics.zip"
    download.value.save_as(saved)
    names = sorted(zipfile.ZipFile(saved).namelist())
    assert names == ["clinica-nandu/us-zz/en/card-sheet.pdf", "clinica-nandu/us-zz/en/card.pdf",
                     "eastside/us-zz/en/card-sheet.pdf", "eastside/us-zz/en/card.pdf"]
    uploaded = [p.name for p in studio_server.project.parent.rglob("*.csv")]
    assert uploaded == [], "the upload is never kept under the name it was sent with"


PAGES = ["/", "/?ui=es", "/batch", "/regions", "/regions/us-zz", "/regions/us", "/status"]


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(page: Page, studio_server: Running, path: str) -> None:
    page.goto(studio_server.url + path)
    if path.startswith("/?") or path == "/":
        _preview_ready(page)
    assert page.get_attribute("html", "lang") in ("en", "es")
    results = Axe().run(page)
    serious = [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []
