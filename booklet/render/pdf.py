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
from booklet.limits import ASSET_BYTES
from booklet.load.files import read_text
from booklet.render.fetcher import AssetFetcher
from booklet.render.fit import fitted

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


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.failures: list[str] = []
        """Errors: something the document names (an image, an SVG, a stylesheet) did not load."""

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()[:300]
        (self.failures if record.levelno >= logging.ERROR else self.messages).append(text)


@contextmanager
def _weasyprint_log() -> Iterator[_Collect]:
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def _stylesheet(path: Path, fetcher: AssetFetcher, fonts: FontConfiguration) -> CSS:
    """A stylesheet read through ``booklet.load.files`` (regular file, bounded)."""
    return CSS(string=read_text(path, ASSET_BYTES), base_url=path.as_uri(), url_fetcher=fetcher,
               font_config=fonts)


def _refusal(fetcher: AssetFetcher, failures: list[str]) -> BookletError | None:
    """The error for a render that met a refused reference, an import loop or a resource
    that did not load; None when there was none."""
    if fetcher.loops:
        return BookletError(f"{fetcher.loops[0]}: @import loop: the stylesheet imports "
                            "itself, directly or through another (hint: remove one of the @import rules)")
    if fetcher.refused:
        return BookletError(
            f"blocked a reference to {fetcher.refused[0]} (hint: templates, styles and "
            "data may only point at files in the project's styles/ folders, within the README's limits)")
    if failures:
        return BookletError(f"WeasyPrint: {failures[0]} (hint: the image, SVG or stylesheet "
                            "must be a valid file of its type)")
    return None


class Renderer:
    """Renders composed documents; keep one per process."""

    def __init__(self) -> None:
        self.font_config = FontConfiguration()

    def render(self, doc: Composed, asset_roots: tuple[Path, ...]) -> Rendered:
        """Render ``doc``, fetching only files under ``asset_roots``; anything refused or
        not loaded fails it."""
        fetcher = AssetFetcher(asset_roots)
        fonts = self.font_config
        try:
            with _weasyprint_log() as log:
                sheets = [_stylesheet(p, fetcher, fonts) for p in doc.stylesheets]
                sheets.append(CSS(string=doc.page_css, url_fetcher=fetcher, font_config=fonts))
                html = HTML(string=doc.html, base_url=doc.stylesheets[0].parent.as_uri() + "/",
                            url_fetcher=fetcher)
                document = html.render(font_config=fonts, stylesheets=sheets,
                                       pdf_variant=PDF_VARIANT)
                document = fitted(document, doc.job)
                pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
        except FatalURLFetchingError as exc:
            raise _refusal(fetcher, log.failures) or BookletError(
                f"{doc.job.label}: {exc}") from exc
        failed = _refusal(fetcher, log.failures)
        if failed is not None:
            raise failed
        messages = log.messages
        warnings = [*doc.warnings, *(f"WeasyPrint: {m}" for m in messages)]
        if harfbuzz_subset_missing():
            warnings.append(HARFBUZZ_MISSING)
        return Rendered(pdf, len(document.pages), tuple(warnings))
