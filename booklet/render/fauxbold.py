"""Bold drawn from the regular face (CSS ``font-synthesis: weight``), for the Chinese subsets.

A Chinese booklet embeds every character it prints once per weight: 600 characters cost
~95 KB of outlines in the regular face and ~34 KB more in the bold one for its headings
and safety steps. Browsers and word processors embolden a face that has no bold by
stroking its outlines as they fill them, and so does this module, for the families that
``booklet.render.subset`` cut to a document's characters (``plan_subsets`` subsets only
their regular faces):

- ``draw_text`` (patched): a text box that asks for bold in such a family is drawn inside
  ``q … Q`` with the stroke colour set to its text colour and a line width of 1/24 of its
  size at 9 px, easing to 1/32 at 36 px and over (the ratios Skia uses for fake bold);
- ``Stream.set_font_size`` (patched): each run set in the regular face standing in for
  bold is drawn with text rendering mode 2 (fill, then stroke), any other run mode 0;
- ``merge_synthetic``: Pango names the stand-in face "… Bold", so WeasyPrint would embed
  its outlines a second time; the two fonts are one font program, written once, and
  the bold name points at the same font dictionary.

The families are set per document (``drawing``); outside it nothing changes, so documents
without a subset family keep the bytes they had.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

BOLD = 600
"""The weight from which CSS text is bold."""
_families: ContextVar[frozenset[str]] = ContextVar("synthetic_bold_families", default=frozenset())
_bold_box: ContextVar[bool] = ContextVar("synthetic_bold_box", default=False)


def stroke_width(size: float) -> float:
    """The outline stroke that makes text of ``size`` (px) look bold."""
    ratio = 1 / 24 + (1 / 32 - 1 / 24) * (min(max(size, 9.0), 36.0) - 9.0) / 27.0
    return round(size * ratio, 4)


@contextmanager
def drawing(families: frozenset[str]) -> Iterator[None]:
    """Embolden the regular faces of ``families`` while a document is drawn."""
    token = _families.set(families)
    try:
        yield
    finally:
        _families.reset(token)


def _asks_synthetic(style: Any) -> bool:
    families = _families.get()
    return style["font_weight"] >= BOLD and any(name in families for name in style["font_family"])


def wrap_draw_text(original: Callable[..., Any]) -> Callable[..., Any]:
    """``draw_text`` with bold text boxes of the families drawn as described above."""

    def draw_text(stream: Any, textbox: Any, *args: Any, **kwargs: Any) -> Any:
        if not _asks_synthetic(textbox.style):
            return original(stream, textbox, *args, **kwargs)
        with stream.stacked():
            stream.set_color(textbox.style["color"], stroke=True)
            stream.set_line_width(stroke_width(textbox.style["font_size"]))
            token = _bold_box.set(True)
            try:
                return original(stream, textbox, *args, **kwargs)
            finally:
                _bold_box.reset(token)

    return draw_text


def wrap_set_font_size(original: Callable[..., Any]) -> Callable[..., Any]:
    """``Stream.set_font_size`` choosing fill-and-stroke for a stand-in regular face."""

    def set_font_size(stream: Any, font: str, size: float) -> None:
        original(stream, font, size)
        if _bold_box.get():
            used = next((f for f in stream._fonts.values() if f.hash == font), None)
            synthetic = used is not None and used.family in _families.get() and used.weight >= BOLD
            stream.set_text_rendering(2 if synthetic else 0)

    return set_font_size


def merge_synthetic(fonts: dict[Any, Any]) -> dict[str, str]:
    """Fold each stand-in bold font of the families into the regular font of the same face
    file: its glyph widths (which agree) and text map join the regular font's, and it leaves
    ``fonts``. Returns {stand-in font name: regular font name}."""
    families = _families.get()
    regular = {(f.family, f.index, f.file_content): f for f in fonts.values()
               if f.family in families and f.weight < BOLD}
    merged = {}
    for key, font in list(fonts.items()):
        twin = regular.get((font.family, font.index, font.file_content))
        if font.weight >= BOLD and twin is not None and all(
                twin.widths.get(glyph, width) == width for glyph, width in font.widths.items()):
            for glyph, width in font.widths.items():
                twin.widths.setdefault(glyph, width)
            for glyph, text in font.to_unicode.items():
                twin.to_unicode.setdefault(glyph, text)
            merged[font.hash] = twin.hash
            del fonts[key]
    return merged


def wrap_fonts_dictionary(original: Callable[..., Any]) -> Callable[..., Any]:
    """``build_fonts_dictionary`` writing each stand-in bold font as its regular font."""

    def build_fonts_dictionary(pdf: Any, fonts: dict[Any, Any], *args: Any) -> Any:
        merged = merge_synthetic(fonts)
        written = original(pdf, fonts, *args)
        for synthetic, regular in merged.items():
            written[synthetic] = written[regular]
        return written

    return build_fonts_dictionary


def install() -> None:
    """Patch WeasyPrint's text drawing and font writer once per process."""
    from weasyprint import draw as weasy_draw
    from weasyprint import pdf as weasy_pdf
    from weasyprint.draw import text as weasy_text
    from weasyprint.pdf.stream import Stream

    if getattr(weasy_pdf, "_booklet_fauxbold", False):
        return
    weasy_text.draw_text = weasy_draw.draw_text = wrap_draw_text(weasy_text.draw_text)
    Stream.set_font_size = wrap_set_font_size(Stream.set_font_size)
    weasy_pdf.build_fonts_dictionary = wrap_fonts_dictionary(weasy_pdf.build_fonts_dictionary)
    weasy_pdf._booklet_fauxbold = True
