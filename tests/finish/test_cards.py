"""The n-up card sheet: how many cards fit, where they sit, and the crop marks."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from booklet.finish.cards import PAPER_PT, grid
from booklet.finish.marks import PT_PER_MM, SLUG, Rect
from tests.conftest import page_sizes_mm, pdf_text

CARD_LETTER = Rect(0, 0, 252, 144)  # 3.5 x 2 in
CARD_A4 = Rect(0, 0, 85 * PT_PER_MM, 55 * PT_PER_MM)


@pytest.mark.parametrize(("paper", "card", "bleed", "count"), [
    ("letter", CARD_LETTER, 0.0, 10), ("a4", CARD_A4, 0.0, 10), ("a4", CARD_A4, 3 * PT_PER_MM, 8),
])
def test_cards_fit_inside_the_sheet_with_room_for_marks(paper: str, card: Rect, bleed: float,
                                                        count: int) -> None:
    cells = grid(paper, card, bleed)  # type: ignore[arg-type]
    width, height = PAPER_PT[paper]  # type: ignore[index]
    assert len(cells) == count
    assert all(abs(c.width - card.width) < 0.01 and abs(c.height - card.height) < 0.01 for c in cells)
    assert min(c.x0 for c in cells) >= bleed + SLUG and max(c.x1 for c in cells) <= width - bleed - SLUG
    assert min(c.y0 for c in cells) >= bleed + SLUG and max(c.y1 for c in cells) <= height - bleed - SLUG
    # With a bleed, neighbours are two bleeds apart so each card's bleed stays its own.
    xs = sorted({round(c.x0, 3) for c in cells})
    assert all(abs(b - a - card.width - 2 * bleed) < 0.01 for a, b in pairwise(xs))


def test_sheet_holds_fronts_then_backs(every_format: Path) -> None:
    sheet = every_format / "card-sheet.pdf"
    assert page_sizes_mm(sheet) == [(215.9, 279.4)] * 2
    assert pdf_text(sheet, 1).count("Overdose? Call 911") == 10
    assert pdf_text(sheet, 2).count("Where to get help") == 10
    assert "Where to get help" not in pdf_text(sheet, 1)
