"""The print formats: which layout template and stylesheets each uses, and its page size."""

from __future__ import annotations

from dataclasses import dataclass

from booklet.models.common import Paper


@dataclass(frozen=True)
class FormatSpec:
    """How one format is laid out and on what paper."""

    name: str
    layout: str
    """Template name under sections/ that lays the document out."""
    styles: tuple[str, ...]
    """Stylesheets under styles/, applied in order."""
    page: dict[Paper, str]
    """CSS page size for each office paper size."""


FORMATS: dict[str, FormatSpec] = {
    spec.name: spec
    for spec in (
        FormatSpec("booklet", "layouts/booklet.html.j2", ("base.css", "booklet.css"),
                   {"letter": "5.5in 8.5in", "a4": "A5"}),
        FormatSpec("large-print", "layouts/large-print.html.j2",
                   ("base.css", "booklet.css", "large-print.css"),
                   {"letter": "letter", "a4": "A4"}),
    )
}
