"""No page of any shipped booklet carries only a line or two, except pages that are short by
design: the cover, the spare pages and the clinic's back cover."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf

from booklet.compose.formats import PADDING_PAGES

LEAST = 5
BY_DESIGN = {*PADDING_PAGES, "clinic"}


def _short_by_design(path: Path) -> set[int]:
    """Page numbers of the cover and of the pages the named sections start on."""
    with pikepdf.open(path) as pdf:
        numbers = {page.objgen: n for n, page in enumerate(pdf.pages, start=1)}
        names = pdf.Root.Names.Dests.Names
        found = {numbers[names[i + 1][0].objgen] for i in range(0, len(names), 2)
                 if str(names[i]) in BY_DESIGN}
    return found | {1}


def _lines(path: Path, page: int) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path), "-"],
                          check=True, capture_output=True, text=True).stdout
    return [line for line in text.splitlines() if line.strip() and not line.strip().isdigit()]


def test_no_almost_empty_pages(shipped_matrix: Path) -> None:
    booklets = sorted(shipped_matrix.glob("*/*/booklet.pdf"))
    assert len(booklets) > 40  # every region with each of its languages
    short = []
    for path in booklets:
        with pikepdf.open(path) as pdf:
            pages = len(pdf.pages)
        for page in sorted(set(range(1, pages + 1)) - _short_by_design(path)):
            if len(lines := _lines(path, page)) < LEAST:
                short.append(f"{path.relative_to(shipped_matrix)} page {page}: {lines}")
    assert short == []
