"""Saddle-stitch imposition: two pages side by side on a sheet, in folding order.

Each page becomes a form XObject placed with pikepdf (milliseconds; pypdf is far slower and
writes uncompressed pages). The imposed file drops the structure tree, so it is written
beside the tagged reading PDF, never instead of it.
"""

from __future__ import annotations

import io

import pikepdf

from booklet.errors import BookletError
from booklet.finish.marks import (
    SLUG,
    Rect,
    cut_marks,
    fold_marks,
    geometry,
    save,
    set_boxes,
    with_registration,
)


def saddle_order(pages: int, rtl: bool = False) -> list[tuple[int, int]]:
    """(left, right) page numbers of each printed side: sheet 1 front, sheet 1 back, …."""
    if pages < 4 or pages % 4:
        raise BookletError(f"cannot impose {pages} pages: saddle stitching needs a multiple of 4")
    sides = []
    for sheet in range(pages // 4):
        low, high = 2 * sheet + 1, pages - 2 * sheet
        sides += [(high, low), (low + 1, high - 1)]
    # A right-to-left booklet is bound on the right: every side is mirrored.
    return [(right, left) for left, right in sides] if rtl else sides


def place(form: str, trim: Rect, clip: Rect, at: tuple[float, float]) -> str:
    """Content drawing ``form`` with its trim's lower left corner at ``at``, clipped."""
    dx, dy = at[0] - trim.x0, at[1] - trim.y0
    return f"q {clip.path()} W n 1 0 0 1 {dx:.3f} {dy:.3f} cm /{form} Do Q\n"


def impose_saddle(data: bytes, rtl: bool = False) -> bytes:
    """A print file of 2-up sides (front, back per sheet) for duplex printing, short-edge flip."""
    with pikepdf.open(io.BytesIO(data)) as src, pikepdf.new() as out:
        trim, bleed = geometry(src.pages[0])
        forms = [out.copy_foreign(page.as_form_xobject()) for page in src.pages]
        margin = bleed + SLUG if bleed else 0.0
        sheet = Rect(margin, margin, margin + 2 * trim.width, margin + trim.height)
        space = None
        for left, right in saddle_order(len(forms), rtl):
            page = out.add_blank_page(page_size=(sheet.width + 2 * margin, sheet.height + 2 * margin))
            page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(
                {f"/P{n}": forms[n - 1] for n in (left, right)}))
            space = with_registration(out, page.obj.Resources, space)
            page.obj.Contents = out.make_stream(_side(left, right, trim, sheet, bleed))
            set_boxes(page, sheet, bleed)
        out.docinfo["/Title"] = f"{src.docinfo.get('/Title', '')} (imposed for saddle stitching)"
        return save(out)


def _side(left: int, right: int, trim: Rect, sheet: Rect, bleed: float) -> bytes:
    # The two pages meet at the fold: they bleed only over the sheet's outer edges.
    fold = sheet.x0 + trim.width
    content = (
        place(f"P{left}", trim, Rect(sheet.x0 - bleed, sheet.y0 - bleed, fold, sheet.y1 + bleed),
              (sheet.x0, sheet.y0))
        + place(f"P{right}", trim, Rect(fold, sheet.y0 - bleed, sheet.x1 + bleed, sheet.y1 + bleed),
                (fold, sheet.y0))
    ).encode("ascii")
    if bleed:  # without a bleed there is no slug: nothing may be drawn outside the trim
        content += cut_marks((sheet.x0, sheet.x1), (sheet.y0, sheet.y1), sheet, bleed)
        content += fold_marks((fold,), sheet, bleed)
    return content
