"""What finishing adds for a job: bleed and crop marks, and the files written beside it.

The finishing steps edit the PDF with pikepdf, which takes a new process ~70 ms to import;
each imports it only for an output that needs it (``formats.finishing_modules`` tells the
pool).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from booklet.compose.document import Composed
from booklet.compose.formats import extra_suffixes
from booklet.compose.i18n import babel_locale
from booklet.models.common import Paper
from booklet.models.job import Job


def with_bleed(doc: Composed, bleed_mm: float) -> Composed:
    """The composed document with a print-shop bleed added to its pages (if asked for)."""
    if not bleed_mm:
        return doc
    from booklet.finish.marks import bleed_css

    return replace(doc, page_css=f"{doc.page_css}\n{bleed_css(bleed_mm)}")


def with_marks(pdf: bytes, bleed_mm: float, folds: tuple[tuple[float, ...], ...] = ()) -> bytes:
    """The rendered PDF with crop marks outside its bleed, and fold marks where panels meet
    (if a bleed was asked for: without one there is no room outside the trim)."""
    if not bleed_mm:
        return pdf
    from booklet.finish.marks import add_crop_marks

    return add_crop_marks(pdf, folds)


def for_print_shop(pdf: bytes, pdfx: bool, created: datetime | None) -> bytes:
    """The PDF as PDF/X-4 in CMYK (``--pdfx``), else unchanged (the screen PDF stays RGB)."""
    if not pdfx:
        return pdf
    from booklet.finish.pdfx import to_pdfx

    return to_pdfx(pdf, created or datetime.now(UTC))


def extra_outputs(job: Job, pdf: bytes, paper: Paper, impose: bool, pdfx: bool = False,
                  created: datetime | None = None) -> dict[str, bytes]:
    """Files beside the reading PDF by name suffix: ``-imposed.pdf`` and ``-sheet.pdf``
    (with ``pdfx``, made from the CMYK reading PDF and labelled PDF/X-4 themselves)."""
    extras = {}
    for suffix in extra_suffixes(job, impose):
        if suffix == "-imposed.pdf":
            from booklet.finish.impose import impose_saddle

            rtl = babel_locale(job.lang).character_order == "right-to-left"
            extras[suffix] = for_print_shop(impose_saddle(pdf, rtl), pdfx, created)
        else:
            from booklet.finish.cards import card_sheet

            extras[suffix] = for_print_shop(card_sheet(pdf, paper), pdfx, created)
    return extras

