"""Repair WeasyPrint 70's glyph-to-text map (ToUnicode) before the fonts are written.

WeasyPrint maps each glyph to the text between its cluster start and the next glyph's
(``draw/text.py``). When HarfBuzz shapes several glyphs into one cluster, which Arabic does
for a letter with a mark (``مفاجئًا``: medial yeh-with-hamza + fathatan), one glyph gets
the whole cluster and the other an empty string; the map is per glyph and the first use
wins, so the letter (U+FE8C, the medial form of ئ) vanishes from extracted and spoken text
in the whole document. The automatic hyphen at a line break is mapped to a hard hyphen
(U+2010), so ``treat‐ment`` is what a reader copies and hears.

``repair`` fixes each font's map in place: a glyph that is the font's own glyph for one
character of a longer text keeps only that character; a glyph left with no text gets the
character its form was substituted from (GSUB single substitutions, e.g. the medial form
from ئ); the hyphenation character maps to U+00AD SOFT HYPHEN, as ISO 32000-1 14.8.2.2.3
recommends for hyphens a line break added.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable
from typing import Any

from fontTools.ttLib import TTFont

HYPHENATION = "\u2010"
"""The hyphenate-character (WeasyPrint's default; styles/base.css names it)."""
SOFT_HYPHEN = "\u00ad"
_CACHE: dict[str, tuple[dict[int, str], dict[int, str]]] = {}
_CACHE_SIZE = 16


def glyph_chars(font_data: bytes, index: int) -> tuple[dict[int, str], dict[int, str]]:
    """(glyph id → the character it is the font's glyph for,
    glyph id → the character a substituted form comes from)."""
    font = TTFont(io.BytesIO(font_data), fontNumber=index, lazy=True)
    order = font.getGlyphOrder()
    ids = {name: gid for gid, name in enumerate(order)}
    by_name: dict[str, str] = {}
    for codepoint, name in sorted(font.getBestCmap().items()):
        by_name.setdefault(name, _plain(chr(codepoint)))
    nominal = {ids[name]: char for name, char in by_name.items() if name in ids}
    forms = dict(by_name)
    pairs = list(_single_substitutions(font))
    changed = True
    while changed:
        changed = False
        for source, target in pairs:
            if source in forms and target not in forms:
                forms[target] = forms[source]
                changed = True
    return nominal, {ids[name]: char for name, char in forms.items() if name in ids}


def _plain(char: str) -> str:
    """A presentation form (U+FE8C, the medial ئ) as the letter it shows (U+0626)."""
    plain = unicodedata.normalize("NFKC", char)
    presentation = "\ufb50" <= char <= "\ufdff" or "\ufe70" <= char <= "\ufeff"
    return plain if presentation and len(plain) == 1 else char


def _single_substitutions(font: TTFont) -> list[tuple[str, str]]:
    if "GSUB" not in font:
        return []
    table = font["GSUB"].table
    found = []
    for lookup in table.LookupList.Lookup if table.LookupList else []:
        for sub in lookup.SubTable:
            sub = getattr(sub, "ExtSubTable", sub)
            mapping = getattr(sub, "mapping", None)
            if sub.LookupType == 1 and mapping:
                found.extend(mapping.items())
    return found


def _chars(font: Any) -> tuple[dict[int, str], dict[int, str]]:
    key = font.hash
    if key not in _CACHE:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = glyph_chars(font.file_content, font.index)
    return _CACHE[key]


def repaired(text: str, gid: int, chars: Callable[[], tuple[dict[int, str], dict[int, str]]]) -> str:
    """The text glyph ``gid`` should map to, given what WeasyPrint recorded."""
    if text == HYPHENATION:
        return SOFT_HYPHEN
    if len(text) > 1:
        own = chars()[0].get(gid)
        return own if own is not None and own in text else text
    if not text:
        return chars()[1].get(gid, text)
    return text


def repair(font: Any) -> None:
    """Fix ``font.to_unicode`` in place (see the module docstring)."""
    suspects = [gid for gid, text in font.to_unicode.items()
                if len(text) != 1 or text == HYPHENATION]
    if not suspects or getattr(font, "bitmap", False):
        return
    for gid in suspects:
        font.to_unicode[gid] = repaired(font.to_unicode[gid], gid, lambda: _chars(font))


def wrap_fonts(original: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap ``build_fonts_dictionary`` so every font's map is repaired first, and written
    in glyph order: WeasyPrint writes it in the order the glyphs were first drawn, and
    sorted a Chinese booklet's map compresses ~10 % smaller."""

    def build_fonts_dictionary(pdf: Any, fonts: dict[str, Any], *args: Any) -> Any:
        for font in fonts.values():
            repair(font)
            font.to_unicode = dict(sorted(font.to_unicode.items()))
        return original(pdf, fonts, *args)

    return build_fonts_dictionary


def install() -> None:
    """Patch WeasyPrint's font writer once per process."""
    from weasyprint import pdf as weasy_pdf

    if getattr(weasy_pdf, "_booklet_fonts", False):
        return
    weasy_pdf.build_fonts_dictionary = wrap_fonts(weasy_pdf.build_fonts_dictionary)
    weasy_pdf._booklet_fonts = True
