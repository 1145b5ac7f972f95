"""Check, before rendering, that every printed character has a glyph in the named fonts.

WeasyPrint only logs a missing glyph and prints a box; a box where a phone number or a
word should be is worse than no handout. The fonts are the families the stylesheets name
in ``font-family``, resolved by fontconfig; their character maps come from fontTools.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from fontTools.ttLib import TTFont

from booklet.errors import BookletError
from booklet.limits import ASSET_BYTES
from booklet.load.files import read_text

GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "inherit",
           "initial", "unset", "emoji", "math", "fangsong"}
FAMILIES = re.compile(r"font-family\s*:\s*([^;}]+)")
SKIPPED = ("Cc", "Cf", "Zs", "Zl", "Zp")


def named_families(stylesheets: tuple[Path, ...]) -> list[str]:
    """Every concrete font family the stylesheets name, in order of first mention."""
    names: dict[str, None] = {}
    for sheet in stylesheets:
        for value in FAMILIES.findall(read_text(sheet, ASSET_BYTES)):
            for name in value.split(","):
                clean = name.strip().strip("'\"").strip()
                if clean and clean.lower() not in GENERIC and not clean.startswith("var("):
                    names[clean] = None
    return list(names)


@lru_cache(maxsize=64)
def family_cmap(family: str) -> frozenset[int]:
    """Code points the installed font for ``family`` covers; empty if it is not installed."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        raise BookletError("fc-match not found (hint: install fontconfig)")
    # A list of arguments, no shell: the family name cannot inject a command.
    out = subprocess.run([fc_match, "--format=%{file}|%{index}|%{family}", family],  # noqa: S603
                         capture_output=True, text=True, check=False).stdout
    parts = out.split("|")
    if len(parts) != 3 or family.lower() not in {f.strip().lower() for f in parts[2].split(",")}:
        return frozenset()
    with TTFont(parts[0], fontNumber=int(parts[1] or 0), lazy=True) as font:
        return frozenset(font.getBestCmap())


class _Text(HTMLParser):
    """Collect rendered text with the id of the nearest element that has one."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[tuple[str, str]] = []
        self.ids = ["document"]
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("head", "style", "script"):
            self.skip += 1
        self.ids.append(dict(attrs).get("id") or self.ids[-1])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("head", "style", "script"):
            self.skip -= 1
        if len(self.ids) > 1:
            self.ids.pop()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.chunks.append((self.ids[-1], data))


@dataclass(frozen=True)
class MissingGlyph:
    """A character no named font can draw, and where it first appears."""

    char: str
    where: str
    context: str

    def __str__(self) -> str:
        name = unicodedata.name(self.char, "unnamed")
        return f"U+{ord(self.char):04X} {name} ({self.char!r}) in #{self.where}: …{self.context}…"


def missing_glyphs(html: str, families: list[str]) -> list[MissingGlyph]:
    """Characters of the rendered text that none of ``families`` covers."""
    covered: set[int] = set()
    for family in families:
        covered |= family_cmap(family)
    parser = _Text()
    parser.feed(html)
    found: dict[str, MissingGlyph] = {}
    for where, text in parser.chunks:
        for i, char in enumerate(text):
            if ord(char) in covered or char in found or unicodedata.category(char) in SKIPPED:
                continue
            found[char] = MissingGlyph(char, where, text[max(0, i - 20): i + 20].strip())
    return list(found.values())


def check_glyphs(label: str, html: str, stylesheets: tuple[Path, ...]) -> None:
    """Raise a ``BookletError`` naming every character that would print as a box."""
    families = named_families(stylesheets)
    missing = missing_glyphs(html, families)
    if missing:
        listed = "; ".join(str(m) for m in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        raise BookletError(
            f"{label}: no glyph in the fonts {', '.join(families)} for {listed}{more} "
            "(hint: install a font for that script and name it in styles/base.css, "
            "or remove the character)"
        )
