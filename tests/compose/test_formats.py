"""Every format: page size and count, for Letter and A4 regions; the booklet padding."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from booklet.compose.formats import FORMATS, PADDING_PAGES
from tests.conftest import page_sizes_mm, pdf_text

LETTER = {
    "booklet": (139.7, 215.9), "large-print": (215.9, 279.4),
    "trifold": (279.4, 215.9), "card": (88.9, 50.8),
}
A4 = {"booklet": (148.0, 210.0), "large-print": (210.0, 297.0),
      "trifold": (297.0, 210.0), "card": (85.0, 55.0)}


@pytest.mark.parametrize("fmt", sorted(LETTER))
def test_letter_region_page_size_and_count(every_format: Path, fmt: str) -> None:
    sizes = page_sizes_mm(every_format / f"{fmt}.pdf")
    assert set(sizes) == {LETTER[fmt]}
    expected = FORMATS[fmt].pages
    if expected is not None:
        assert len(sizes) == expected
    assert len(sizes) % FORMATS[fmt].pad_to == 0


def test_a4_region_page_sizes(run_cli: Callable[..., Result], shipped: Path, tmp_path: Path) -> None:
    result = run_cli("build", "--project", str(shipped), "--out", str(tmp_path / "out"), "-r", "gb",
                     "-f", "booklet", "-f", "large-print", "-f", "trifold", "-f", "card", "--jobs", "1")
    assert result.exit_code == 0, result.output
    for fmt, size in A4.items():
        assert set(page_sizes_mm(tmp_path / "out" / "gb" / "en" / f"{fmt}.pdf")) == {size}, fmt


def test_booklet_is_padded_with_useful_pages_never_blank(every_format: Path) -> None:
    path = every_format / "booklet.pdf"
    pages = len(page_sizes_mm(path))
    assert pages % 4 == 0
    for number in range(1, pages + 1):
        assert pdf_text(path, number).strip(), f"page {number} is blank"
    spare = [pdf_text(path, n) for n in range(1, pages + 1)]
    headings = {"notes": "Notes", "plan": "My overdose safety plan", "contacts": "My contacts"}
    used = [name for name in PADDING_PAGES if any(headings[name] in text for text in spare)]
    assert used == list(PADDING_PAGES[:len(used)])
    assert "Clinic stamp" in spare[-1]  # the back cover is always the clinic's page


def _third(path: Path, page: int, index: int) -> str:
    """Text of the left (0), middle (1) or right (2) third of a Letter landscape page."""
    width = 792 // 3
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-x", str(index * width),
                          "-y", "0", "-W", str(width), "-H", "612", str(path), "-"],
                         check=True, capture_output=True, text=True).stdout
    return " ".join(out.split())


@pytest.mark.parametrize(("page", "panels"), [
    (1, ["Signs of an overdose", "Find treatment near you", "Heroin and opioids"]),
    (2, ["Stay safer", "Treatment works", "Where to get help"]),
])
def test_trifold_panels_in_fold_order(every_format: Path, page: int, panels: list[str]) -> None:
    # Outside, left to right: inside flap, back, front cover; then the three inside panels.
    for index, heading in enumerate(panels):
        assert heading in _third(every_format / "trifold.pdf", page, index), (page, heading)


def test_trifold_prints_helplines_and_locator(every_format: Path) -> None:
    text = pdf_text(every_format / "trifold.pdf")
    assert "1-800-662-4357" in text and "findtreatment.gov" in text


def test_card_has_steps_and_top_helplines(every_format: Path) -> None:
    front, back = (pdf_text(every_format / "card.pdf", n) for n in (1, 2))
    assert "Overdose? Call 911" in front and "Lay them on their side." in front
    assert "1-800-662-4357" in back and "988" in back
