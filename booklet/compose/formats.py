"""The print formats: layout template, stylesheets, page size and what finishing they get."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from booklet.load.project import Project
from booklet.models.common import Paper
from booklet.models.job import Job

EXTRA_STYLESHEET = "extra.css"
"""A project's own additions (``styles/extra.css``), loaded after every format's stylesheets,
so a clinic can change a colour without copying a shipped stylesheet."""


@dataclass(frozen=True)
class FormatSpec:
    """How one format is laid out, on what paper, and how its page count is checked."""

    name: str
    layout: str
    """Template name under sections/ that lays the document out."""
    styles: tuple[str, ...]
    """Stylesheets under styles/, applied in order."""
    page: dict[Paper, str]
    """CSS page size for each office paper size."""
    pages: int | None = None
    """The exact page count of a fixed layout (tri-fold, card); None for flowing text."""
    pad_to: int = 1
    """Pad the page count to a multiple of this with the layout's spare pages."""
    min_text_pt: float = 0
    """The smallest type allowed in the body, in points (large print, the wallet card)."""
    impose: bool = False
    """Whether ``--impose`` writes a saddle-stitch file for this format."""
    sheet: bool = False
    """Whether an n-up sheet with crop marks (``<format>-sheet.pdf``) is written."""


FORMATS: dict[str, FormatSpec] = {
    spec.name: spec
    for spec in (
        FormatSpec("booklet", "layouts/booklet.html.j2", ("base.css", "booklet.css"),
                   {"letter": "5.5in 8.5in", "a4": "A5"}, pad_to=4, impose=True),
        FormatSpec("large-print", "layouts/large-print.html.j2",
                   ("base.css", "booklet.css", "large-print.css"),
                   {"letter": "letter", "a4": "A4"}, min_text_pt=18),
        FormatSpec("trifold", "layouts/trifold.html.j2", ("base.css", "panels.css", "trifold.css"),
                   {"letter": "letter landscape", "a4": "A4 landscape"}, pages=2),
        FormatSpec("card", "layouts/card.html.j2", ("base.css", "panels.css", "card.css"),
                   {"letter": "3.5in 2in", "a4": "85mm 55mm"}, pages=2, min_text_pt=7, sheet=True),
    )
}

PADDING_PAGES = ("notes", "plan", "contacts")
"""The spare pages a padded layout holds (hidden until needed), in the order they are used."""


def extra_suffixes(job: Job, impose: bool) -> list[str]:
    """Name suffixes of the files written beside the reading PDF for ``job``."""
    spec = FORMATS[job.fmt]
    return [suffix for suffix, wanted in (("-imposed.pdf", impose and spec.impose),
                                          ("-sheet.pdf", spec.sheet)) if wanted]


def finishing_modules(jobs: Iterable[tuple[Job, bool, float, bool]]) -> tuple[str, ...]:
    """What render workers should import before they start, for (job, impose, bleed in mm,
    pdfx) outputs: pikepdf when some output is edited after rendering (booklet.finish)."""
    edited = any(bleed or pdfx or extra_suffixes(job, impose) for job, impose, bleed, pdfx in jobs)
    return ("pikepdf",) if edited else ()


def extra_stylesheets(project: Project) -> tuple[Path, ...]:
    """``styles/extra.css`` when the project has one (it comes last, so its rules win)."""
    found = project.find("styles", EXTRA_STYLESHEET)
    return (found,) if found is not None else ()
