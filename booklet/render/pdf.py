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
from booklet.render.fetcher import AssetFetcher
from booklet.render.fit import fitted
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
        self._sheets: OrderedDict[tuple[object, ...], CSS] = OrderedDict()
        self._subset_families: set[str] = set()

    def _sheet(self, key: tuple[object, ...], parse: Callable[[], CSS]) -> CSS:
        """The parsed stylesheet for ``key``, parsed on first use."""
        if key in self._sheets:
            self._sheets.move_to_end(key)
        else:
            self._sheets[key] = parse()
            if len(self._sheets) > KEPT_SHEETS:
                self._sheets.popitem(last=False)
        return self._sheets[key]

    def _fonts_for(self, subsets: Subsets) -> FontConfiguration:
        """The font configuration, made afresh once too many subset families are in it."""
        new = {alias for _, alias in subsets.aliases} - self._subset_families
        if len(self._subset_families) + len(new) > KEPT_SUBSET_FAMILIES:
            self.font_config = FontConfiguration()
            self._sheets.clear()
            self._subset_families.clear()
        self._subset_families |= new
        return self.font_config

    def stylesheets(self, doc: Composed, subsets: Subsets, fetcher: AssetFetcher,
                    roots: tuple[Path, ...]) -> list[CSS]:
        """The document's parsed stylesheets, from the cache where possible."""
        fonts = self.font_config
        sheets = []
        for path in doc.stylesheets:
            info = path.stat()
            key = (str(path), info.st_size, info.st_mtime_ns, roots, subsets.aliases)
            if subsets.aliases:
                text = subsets.rename(path.read_text(encoding="utf-8"))
                sheets.append(self._sheet(key, partial(CSS, string=text, base_url=path.as_uri(),
                                                       url_fetcher=fetcher, font_config=fonts)))
            else:
                sheets.append(self._sheet(key, partial(CSS, filename=path, url_fetcher=fetcher,
                                                       font_config=fonts)))
        for text in (doc.page_css, subsets.css):
            if text:
                sheets.append(self._sheet(("string", text, roots), partial(
                    CSS, string=text, url_fetcher=fetcher, font_config=fonts)))
        return sheets

    def render(self, doc: Composed, asset_roots: tuple[Path, ...]) -> Rendered:
        """Render ``doc``, fetching only files under ``asset_roots``."""
        chars = {c for _, text in printed_text(doc.html) for c in text}
        drawn_by = coverage(chars, named_families(doc.stylesheets)).drawn_by
        texts = [path.read_text(encoding="utf-8") for path in doc.stylesheets]
        subsets = plan_subsets(doc.html, [*texts, doc.page_css], drawn_by)
        fetcher = AssetFetcher(asset_roots, subsets.files)
        fonts = self._fonts_for(subsets)
        try:
            with _weasyprint_log() as messages:
                sheets = self.stylesheets(doc, subsets, fetcher, asset_roots)
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
        return Rendered(pdf, len(document.pages), tuple(warnings))
