"""Saddle-stitch imposition: page order, sheet size, and the half-sheets' text."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest

from booklet.errors import BookletError
from booklet.finish.impose import impose_saddle, saddle_order
from tests.conftest import page_sizes_mm, pdf_fonts, pdf_text


def test_saddle_order_for_eight_pages() -> None:
    assert saddle_order(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]


def test_right_to_left_binds_on_the_right() -> None:
    assert saddle_order(4, rtl=True) == [(1, 4), (3, 2)]


@pytest.mark.parametrize("pages", [0, 6, 10])
def test_refuses_a_count_not_a_multiple_of_four(pages: int) -> None:
    with pytest.raises(BookletError, match="multiple of 4"):
        saddle_order(pages)


def _half_text(path: Path, side: int, left: bool) -> str:
    with pikepdf.open(path) as pdf:
        box = pdf.pages[side - 1].mediabox
        width, height = float(box[2]), float(box[3])
    x = 0 if left else int(width / 2)
    out = subprocess.run(["pdftotext", "-f", str(side), "-l", str(side), "-x", str(x), "-y", "0",
                          "-W", str(int(width / 2)), "-H", str(int(height)), str(path), "-"],
                         check=True, capture_output=True, text=True).stdout
    return _words(out)


def _words(text: str) -> str:
    return " ".join(re.sub(r"[\u00ad-]", "", text).split())


def test_each_half_sheet_holds_the_right_page(every_format: Path) -> None:
    reading, imposed = every_format / "booklet.pdf", every_format / "booklet-imposed.pdf"
    pages = len(page_sizes_mm(reading))
    order = saddle_order(pages)
    assert len(page_sizes_mm(imposed)) == len(order) == pages // 2
    for side, (left, right) in enumerate(order, start=1):
        assert _half_text(imposed, side, left=True) == _words(pdf_text(reading, left)), (side, left)
        assert _half_text(imposed, side, left=False) == _words(pdf_text(reading, right)), (side, right)


def test_sheet_is_two_pages_wide(every_format: Path) -> None:
    width, height = page_sizes_mm(every_format / "booklet.pdf")[0]
    assert set(page_sizes_mm(every_format / "booklet-imposed.pdf")) == {(round(2 * width, 1), height)}


def test_imposed_fonts_stay_embedded(every_format: Path) -> None:
    fonts = pdf_fonts(every_format / "booklet-imposed.pdf")
    assert fonts and all(embedded for _, embedded in fonts)


def test_imposed_file_stays_compressed(every_format: Path) -> None:
    data = (every_format / "booklet.pdf").read_bytes()
    assert len(impose_saddle(data)) < 1.5 * len(data)
