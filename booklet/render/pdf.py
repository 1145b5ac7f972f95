"""Stage 4: lay out composed HTML with WeasyPrint and produce PDF bytes.

A ``Renderer`` is meant to live for a whole process (a warm worker): WeasyPrint is
imported once and one ``FontConfiguration`` is reused for every document.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError

from booklet.compose.document import Composed
from booklet.errors import BookletError
from booklet.render import fontfix, tagfix
from booklet.render.fetcher import AssetFetcher
from booklet.render.fit import fitted, folds

PDF_VARIANT = "pdf/ua-1"
HARFBUZZ_MISSING = (
    "HarfBuzz subsetting (libharfbuzz-subset0) is not installed: PDFs are written 2x slower "
    "for Latin text and 40x slower for Chinese. Install it: apt-get install libharfbuzz-subset0"
)


def harfbuzz_subset_missing() -> bool:
    """True when WeasyPrint could not load libharfbuzz-subset."""
    from weasyprint.text import ffi

    return ffi.harfbuzz_subset is None


@dataclass(frozen=True)
class Rendered:
    """A rendered PDF and what WeasyPrint said while making it."""

    pdf: bytes
    pages: int
    warnings: tuple[str, ...]
    folds: tuple[tuple[float, ...], ...] = ()
    """Per page, where panels meet (points from the left edge): the fold marks' places."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _weasyprint_log() -> Iterator[list[str]]:
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)


class Renderer:
    """Renders composed documents; keep one per process."""

    def __init__(self) -> None:
        self.font_config = FontConfiguration()
        tagfix.install()  # structure-tree and ToUnicode fixes (docs/upstream-weasyprint.md)
        fontfix.install()

    def render(self, doc: Composed, asset_roots: tuple[Path, ...]) -> Rendered:
        """Render ``doc``, fetching only files under ``asset_roots``."""
        fetcher = AssetFetcher(asset_roots)
        fonts = self.font_config
        try:
            with _weasyprint_log() as messages:
                sheets = [CSS(filename=p, url_fetcher=fetcher, font_config=fonts)
                          for p in doc.stylesheets]
                sheets.append(CSS(string=doc.page_css, url_fetcher=fetcher, font_config=fonts))
                html = HTML(string=doc.html, base_url=doc.stylesheets[0].parent.as_uri() + "/",
                            url_fetcher=fetcher)
                document = html.render(font_config=fonts, stylesheets=sheets,
                                       pdf_variant=PDF_VARIANT)
                document = fitted(document, doc.job)
                pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
        except FatalURLFetchingError as exc:
            refused = "; ".join(fetcher.refused) or str(exc)
            raise BookletError(
                f"{doc.job.label}: blocked a reference to {refused} (hint: templates, styles and "
                "data may only point at files in the project's styles/ folders)"
            ) from exc
        warnings = [*doc.warnings, *(f"WeasyPrint: {m}" for m in messages)]
        if harfbuzz_subset_missing():
            warnings.append(HARFBUZZ_MISSING)
        return Rendered(pdf, len(document.pages), tuple(warnings), folds(document))
