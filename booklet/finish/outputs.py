"""What finishing adds for a job: bleed and crop marks, and the files written beside it."""

from __future__ import annotations

from dataclasses import replace

from booklet.compose.document import Composed
from booklet.compose.formats import extra_suffixes
from booklet.compose.i18n import babel_locale
from booklet.finish.cards import card_sheet
from booklet.finish.impose import impose_saddle
from booklet.finish.marks import add_crop_marks, bleed_css
from booklet.models.common import Paper
from booklet.models.job import Job


def with_bleed(doc: Composed, bleed_mm: float) -> Composed:
    """The composed document with a print-shop bleed added to its pages (if asked for)."""
    return replace(doc, page_css=f"{doc.page_css}\n{bleed_css(bleed_mm)}") if bleed_mm else doc


def with_marks(pdf: bytes, bleed_mm: float, folds: tuple[tuple[float, ...], ...] = ()) -> bytes:
    """The rendered PDF with crop marks outside its bleed, and fold marks where panels meet
    (if a bleed was asked for: without one there is no room outside the trim)."""
    return add_crop_marks(pdf, folds) if bleed_mm else pdf


def extra_outputs(job: Job, pdf: bytes, paper: Paper, impose: bool) -> dict[str, bytes]:
    """Files beside the reading PDF by name suffix: ``-imposed.pdf`` and ``-sheet.pdf``."""
    extras = {}
    for suffix in extra_suffixes(job, impose):
        if suffix == "-imposed.pdf":
            rtl = babel_locale(job.lang).character_order == "right-to-left"
            extras[suffix] = impose_saddle(pdf, rtl)
        else:
            extras[suffix] = card_sheet(pdf, paper)
    return extras
