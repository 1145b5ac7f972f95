"""An n-up sheet of wallet cards with crop marks, for printing on card stock.

Page 1 holds the fronts, page 2 the backs. The grid is centred on the sheet, so after a
long-edge duplex flip every back lands behind a front. Cards are separated by twice the
bleed, and the cut lines are marked in the sheet margin, where a guillotine needs them.
"""

from __future__ import annotations

import io

import pikepdf

from booklet.errors import BookletError
from booklet.finish.impose import place
from booklet.finish.marks import SLUG, Rect, cut_marks, geometry, save, with_registration
from booklet.models.common import Paper

PAPER_PT: dict[Paper, tuple[float, float]] = {"letter": (612.0, 792.0), "a4": (595.276, 841.89)}


def grid(paper: Paper, card: Rect, bleed: float) -> list[Rect]:
    """The trim rectangles of as many cards as fit the sheet, row by row from the top."""
    width, height = PAPER_PT[paper]
    gutter, margin = 2 * bleed, bleed + SLUG
    cols = int((width - 2 * margin + gutter) // (card.width + gutter))
    rows = int((height - 2 * margin + gutter) // (card.height + gutter))
    if cols < 1 or rows < 1:
        raise BookletError(f"a {card.width:.0f}x{card.height:.0f} pt card does not fit on {paper}")
    x0 = (width - cols * card.width - (cols - 1) * gutter) / 2
    y1 = (height + rows * card.height + (rows - 1) * gutter) / 2
    return [Rect(x, y - card.height, x + card.width, y)
            for y in (y1 - r * (card.height + gutter) for r in range(rows))
            for x in (x0 + c * (card.width + gutter) for c in range(cols))]


def card_sheet(data: bytes, paper: Paper) -> bytes:
    """A sheet of the card's fronts and one of its backs, with crop marks at every cut."""
    with pikepdf.open(io.BytesIO(data)) as src, pikepdf.new() as out:
        trim, bleed = geometry(src.pages[0])
        cells = grid(paper, trim, bleed)
        frame = Rect(min(c.x0 for c in cells), min(c.y0 for c in cells),
                     max(c.x1 for c in cells), max(c.y1 for c in cells))
        marks = cut_marks([x for c in cells for x in (c.x0, c.x1)],
                          [y for c in cells for y in (c.y0, c.y1)], frame, bleed)
        space = None
        for side in src.pages:
            page = out.add_blank_page(page_size=PAPER_PT[paper])
            page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(
                {"/Card": out.copy_foreign(side.as_form_xobject())}))
            space = with_registration(out, page.obj.Resources, space)
            content = "".join(place("Card", trim, cell.grow(bleed), (cell.x0, cell.y0)) for cell in cells)
            page.obj.Contents = out.make_stream(content.encode("ascii") + marks)
            # The sheet is cut to the cards: the trim is the grid, the bleed around it.
            page.obj.TrimBox = frame.array()
            page.obj.BleedBox = frame.grow(bleed).array()
        out.docinfo["/Title"] = f"{src.docinfo.get('/Title', '')} ({len(cells)} cards per sheet)"
        return save(out)
