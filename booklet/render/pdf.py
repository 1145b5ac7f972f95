"""Stage 4: lay out composed HTML with WeasyPrint and produce PDF bytes.

A ``Renderer`` is meant to live for a whole process (a warm worker): WeasyPrint is
imported once, one ``FontConfiguration`` is reused for every document, and parsed
stylesheets are kept (keyed by file, size, modification time, asset folders and font
subsets) since parsing them again costs 13–17 ms per output and gives the same PDF.
Large fonts are subset to the document's characters first (``booklet.render.subset``).
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from booklet.render.libraries import quick_library_lookup

with quick_library_lookup():
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

from booklet.compose.document import Composed
from booklet.errors import BookletError
from booklet.limits import ASSET_BYTES
from booklet.load.files import read_text
from booklet.render import fauxbold, fontfix, tagfix
from booklet.render.fetcher import AssetFetcher
from booklet.render.fit import fitted, folds
from booklet.render.glyphs import coverage, named_families, printed_text
from booklet.render.subset import Subsets, plan_subsets

PDF_VARIANT = "pdf/ua-1"
KEPT_SHEETS = 32
"""Parsed stylesheets a renderer keeps (least recently used dropped first)."""
KEPT_SUBSET_FAMILIES = 32
"""Subset families registered in one ``FontConfiguration`` before a fresh one is made, so
that a long batch of documents with different characters cannot grow it without limit."""
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
        tagfix.install()  # structure-tree and ToUnicode fixes (docs/upstream-weasyprint.md)
        fontfix.install()
        fauxbold.install()  # bold drawn from the regular face of a subset family
        self._fonts: dict[str, FontConfiguration] = {}
        self._sheets: OrderedDict[tuple[object, ...], CSS] = OrderedDict()
        self._subset_families: dict[str, set[str]] = {}

    def _sheet(self, key: tuple[object, ...], parse: Callable[[], CSS]) -> CSS:
        """The parsed stylesheet for ``key``, parsed on first use."""
        if key in self._sheets:
            self._sheets.move_to_end(key)
        else:
            self._sheets[key] = parse()
            if len(self._sheets) > KEPT_SHEETS:
                self._sheets.popitem(last=False)
        return self._sheets[key]

    def _fonts_for(self, lang: str, subsets: Subsets) -> FontConfiguration:
        """The font configuration for documents in ``lang``, made afresh once too many subset
        families are in it.

        WeasyPrint's font configuration keeps Pango's caches from one document to the next,
        and a right-to-left document left it breaking an English line differently from a
        fresh one; documents in one language lay out the same whatever came before, so each
        language keeps a configuration of its own (tests/render/test_pdf.py).
        """
        families = self._subset_families.setdefault(lang, set())
        new = {alias for _, alias in subsets.aliases} - families
        if lang not in self._fonts or len(families) + len(new) > KEPT_SUBSET_FAMILIES:
            self._fonts[lang] = FontConfiguration()
            self._sheets = OrderedDict((k, v) for k, v in self._sheets.items() if k[0] != lang)
            families.clear()
        families |= new
        return self._fonts[lang]

    def stylesheets(self, doc: Composed, texts: list[str], subsets: Subsets, fetcher: AssetFetcher,
                    roots: tuple[Path, ...], fonts: FontConfiguration) -> list[CSS]:
        """The document's parsed stylesheets (``texts``, read bounded), from the cache where
        possible (parsed sheets belong to their language's font configuration)."""
        lang = doc.job.lang
        sheets = []
        for path, text in zip(doc.stylesheets, texts, strict=True):
            key = (lang, str(path), text, roots, subsets.aliases)
            sheets.append(self._sheet(key, partial(
                CSS, string=subsets.rename(text) if subsets.aliases else text, base_url=path.as_uri(),
                url_fetcher=fetcher, font_config=fonts)))
        for text in (doc.page_css, subsets.css):
            if text:
                sheets.append(self._sheet((lang, "string", text, roots), partial(
                    CSS, string=text, url_fetcher=fetcher, font_config=fonts)))
        return sheets

    def render(self, doc: Composed, asset_roots: tuple[Path, ...]) -> Rendered:
        """Render ``doc``, fetching only files under ``asset_roots``; anything refused or
        not loaded fails it."""
        chars = {c for _, text in printed_text(doc.html) for c in text}
        drawn_by = coverage(chars, named_families(doc.stylesheets)).drawn_by
        texts = [read_text(path, ASSET_BYTES) for path in doc.stylesheets]
        subsets = plan_subsets(doc.html, [*texts, doc.page_css], drawn_by, doc.job.lang)
        fetcher = AssetFetcher(asset_roots, subsets.files)
        fonts = self._fonts_for(doc.job.lang, subsets)
        try:
            with _weasyprint_log() as log:
                sheets = self.stylesheets(doc, texts, subsets, fetcher, asset_roots, fonts)
                html = HTML(string=doc.html, base_url=doc.stylesheets[0].parent.as_uri() + "/",
                            url_fetcher=fetcher)
                document = html.render(font_config=fonts, stylesheets=sheets,
                                       pdf_variant=PDF_VARIANT)
                document = fitted(document, doc.job)
                with fauxbold.drawing(subsets.emboldened):
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
        return Rendered(pdf, len(document.pages), tuple(warnings), folds(document))
