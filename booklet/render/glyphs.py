"""Check, before rendering, that every printed character has a glyph in the named fonts.

WeasyPrint only logs a missing glyph and prints a box; a box where a phone number or a
word should be is worse than no handout. The fonts are the families the stylesheets name
in ``font-family``, resolved by fontconfig; their character maps come from fontTools.

A family's map is opened only for the characters the families named before it left
uncovered, so an English document never reads the 20 MB Chinese font. Maps are kept in
memory and in the user's cache folder (``booklet.build.diskcache``), keyed by the font
file's path, size, modification time and face index.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from booklet.build import diskcache
from booklet.build.fonts import Face, font_files
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


CMAP_FORMAT = 1
"""Bump when the cached character-map format changes."""
MAX_CMAP_BYTES = 4 * 1024 * 1024


@lru_cache(maxsize=64)
def installed_face(family: str) -> Face | None:
    """The installed face fontconfig uses for ``family``; None if it is not installed."""
    face = font_files().match(family)
    return face if face is not None and face.is_named(family) else None


def _ranges(points: Iterable[int]) -> list[list[int]]:
    ranges: list[list[int]] = []
    for point in sorted(points):
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return ranges


def _from_ranges(data: bytes) -> frozenset[int] | None:
    try:
        ranges = json.loads(data)
        return frozenset(p for start, end in ranges for p in range(int(start), int(end) + 1))
    except (ValueError, TypeError):
        return None


@lru_cache(maxsize=64)
def face_cmap(path: str, index: int) -> frozenset[int]:
    """Code points the face at ``path`` (``index`` in a collection) covers, cached on disk."""
    info = Path(path).stat()
    entry = diskcache.folder("cmaps") / (
        diskcache.key(CMAP_FORMAT, path, info.st_size, info.st_mtime_ns, index) + ".json")
    cached = diskcache.read(entry, MAX_CMAP_BYTES)
    points = _from_ranges(cached) if cached is not None else None
    if points is None:
        from fontTools.ttLib import TTFont

        with TTFont(path, fontNumber=index, lazy=True) as font:
            points = frozenset(font.getBestCmap())
        diskcache.write(entry, json.dumps(_ranges(points), separators=(",", ":")).encode())
    return points


def family_cmap(family: str) -> frozenset[int]:
    """Code points the installed font for ``family`` covers; empty if it is not installed."""
    face = installed_face(family)
    return face_cmap(face.file, face.index) if face is not None else frozenset()


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


@dataclass(frozen=True)
class Coverage:
    """Which named family draws which characters, opening fonts only as far as needed."""

    drawn_by: dict[str, frozenset[str]]
    """The characters each family is the first of the list to cover."""
    uncovered: frozenset[str]
    opened: tuple[str, ...]
    """The families whose character maps were consulted, in order."""


def coverage(chars: Iterable[str], families: list[str]) -> Coverage:
    """Give each character to the first family that covers it; stop once all are placed."""
    left = {c for c in chars if unicodedata.category(c) not in SKIPPED}
    drawn_by: dict[str, frozenset[str]] = {}
    opened = []
    for family in families:
        if not left:
            break
        opened.append(family)
        cmap = family_cmap(family)
        found = frozenset(c for c in left if ord(c) in cmap)
        if found:
            drawn_by[family] = found
            left -= found
    return Coverage(drawn_by, frozenset(left), tuple(opened))


@lru_cache(maxsize=4)
def printed_text(html: str) -> tuple[tuple[str, str], ...]:
    """The printed text of ``html`` as (id of the nearest element with one, text) chunks."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return tuple(parser.chunks)


def missing_glyphs(html: str, families: list[str]) -> list[MissingGlyph]:
    """Characters of the rendered text that none of ``families`` covers."""
    chunks = printed_text(html)
    uncovered = coverage({c for _, text in chunks for c in text}, families).uncovered
    found: dict[str, MissingGlyph] = {}
    for where, text in chunks:
        for i, char in enumerate(text):
            if char in uncovered and char not in found:
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
