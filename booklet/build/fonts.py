"""The font files a stylesheet's families resolve to, asked of fontconfig directly.

Pango picks fonts through fontconfig; asking fontconfig the same question through ctypes
tells the cache which font files an output depends on without importing WeasyPrint (half a
second). Each family named in ``font-family`` is matched for the output's language, and
every file of the family fontconfig chooses (regular, bold, italic…) is fingerprinted by
path, size and modification time: hashing a 20 MB CJK collection per build would cost more
than the check saves.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from booklet.errors import BookletError

FAMILIES = re.compile(r"font-family\s*:\s*([^;}]+)", re.IGNORECASE)
_MATCH = 0  # FcResultMatch
_ESCAPED = re.compile(r"([\\:,\-])")


@dataclass(frozen=True)
class Face:
    """One face of an installed font: its file, its index in a collection and its style."""

    family: str
    file: str
    index: int
    weight: int
    """CSS / OpenType weight (400 regular, 700 bold)."""
    italic: bool
    names: tuple[str, ...] = ()
    """Every family name the face answers to (the first is ``family``)."""

    def is_named(self, name: str) -> bool:
        """True when ``name`` is one of the face's family names (fontconfig falls back to
        some other font for a family that is not installed)."""
        return name.strip().lower() in {n.strip().lower() for n in self.names}


class _FontSet(ctypes.Structure):
    _fields_ = [("nfont", ctypes.c_int), ("sfont", ctypes.c_int),
                ("fonts", ctypes.POINTER(ctypes.c_void_p))]


def css_families(stylesheets: Iterable[str]) -> list[str]:
    """Every family named in ``font-family`` declarations, generic ones included, sorted."""
    found = set()
    for text in stylesheets:
        for declaration in FAMILIES.findall(text):
            for name in declaration.replace("!important", "").split(","):
                name = name.strip().strip("'\"").strip()
                if name and name.lower() not in ("inherit", "initial", "unset"):
                    found.add(name)
    return sorted(found)


def open_library(soname: str, name: str) -> ctypes.CDLL:
    """A C library by its Linux ``soname`` (no search, fast), else as
    ``ctypes.util.find_library(name)`` finds it (macOS names them differently:
    ``libfontconfig.1.dylib``); ``OSError`` when neither opens."""
    try:
        return ctypes.CDLL(soname)
    except OSError:
        found = ctypes.util.find_library(name)
        if found is None:
            raise
        return ctypes.CDLL(found)


def _library() -> ctypes.CDLL:
    try:
        lib = open_library("libfontconfig.so.1", "fontconfig")
    except OSError as exc:
        raise BookletError(f"cannot load fontconfig ({exc}); install libfontconfig1 "
                           "(it comes with Pango)") from exc
    void, text = ctypes.c_void_p, ctypes.c_char_p
    signatures: dict[str, tuple[object, list[object]]] = {
        "FcInitLoadConfigAndFonts": (void, []),
        "FcNameParse": (void, [text]),
        "FcConfigSubstitute": (ctypes.c_int, [void, void, ctypes.c_int]),
        "FcDefaultSubstitute": (None, [void]),
        "FcFontMatch": (void, [void, void, ctypes.POINTER(ctypes.c_int)]),
        "FcPatternGetString": (ctypes.c_int, [void, text, ctypes.c_int, ctypes.POINTER(text)]),
        "FcPatternGetInteger": (ctypes.c_int, [void, text, ctypes.c_int, ctypes.POINTER(ctypes.c_int)]),
        "FcWeightToOpenType": (ctypes.c_int, [ctypes.c_int]),
        "FcPatternCreate": (void, []),
        "FcPatternAddString": (ctypes.c_int, [void, text, text]),
        "FcPatternDestroy": (None, [void]),
        "FcObjectSetCreate": (void, []),
        "FcObjectSetAdd": (ctypes.c_int, [void, text]),
        "FcObjectSetDestroy": (None, [void]),
        "FcFontList": (ctypes.POINTER(_FontSet), [void, void, void]),
        "FcFontSetDestroy": (None, [ctypes.POINTER(_FontSet)]),
    }
    for name, (restype, argtypes) in signatures.items():
        function = getattr(lib, name)
        function.restype, function.argtypes = restype, argtypes
    return lib


class FontFiles:
    """Resolve CSS families to font files the way Pango will, with one fontconfig setup."""

    def __init__(self) -> None:
        self.lib = _library()
        self.config = self.lib.FcInitLoadConfigAndFonts()

    def _string(self, pattern: int, key: bytes, n: int = 0) -> str | None:
        value = ctypes.c_char_p()
        if self.lib.FcPatternGetString(pattern, key, n, ctypes.byref(value)) != _MATCH:
            return None
        return value.value.decode("utf-8", "replace") if value.value else None

    def _integer(self, pattern: int, key: bytes) -> int:
        value = ctypes.c_int()
        if self.lib.FcPatternGetInteger(pattern, key, 0, ctypes.byref(value)) != _MATCH:
            return 0
        return value.value

    def _face(self, pattern: int) -> Face | None:
        family, path = self._string(pattern, b"family"), self._string(pattern, b"file")
        if family is None or path is None:
            return None
        weight = self.lib.FcWeightToOpenType(self._integer(pattern, b"weight"))
        names = [family]
        while (name := self._string(pattern, b"family", len(names))) is not None:
            names.append(name)
        return Face(family, path, self._integer(pattern, b"index"), weight,
                    self._integer(pattern, b"slant") != 0, tuple(names))

    def match(self, name: str, lang: str | None = None) -> Face | None:
        """The face fontconfig substitutes for family ``name`` (in language ``lang``)."""
        escaped = _ESCAPED.sub(r"\\\1", name)
        query = f"{escaped}:lang={lang.lower()}" if lang else escaped
        pattern = self.lib.FcNameParse(query.encode())
        if not pattern:
            return None
        self.lib.FcConfigSubstitute(self.config, pattern, 0)
        self.lib.FcDefaultSubstitute(pattern)
        result = ctypes.c_int()
        match = self.lib.FcFontMatch(self.config, pattern, ctypes.byref(result))
        self.lib.FcPatternDestroy(pattern)
        if not match:
            return None
        face = self._face(match)
        self.lib.FcPatternDestroy(match)
        return face

    def family(self, name: str, lang: str) -> str | None:
        """The family fontconfig substitutes for ``name`` in language ``lang``."""
        face = self.match(name, lang)
        return face.family if face else None

    def faces(self, family: str) -> list[Face]:
        """Every face of ``family`` that fontconfig knows, sorted by weight, style and file."""
        found = {face for face in map(self._face, self._list(family, (b"family", b"file", b"index",
                                                                        b"weight", b"slant")))
                 if face is not None}
        return sorted(found, key=lambda f: (f.weight, f.italic, f.file, f.index))

    def _list(self, family: str, keys: tuple[bytes, ...]) -> Iterator[int]:
        """The patterns of every font of ``family``, with the properties ``keys``."""
        pattern = self.lib.FcPatternCreate()
        self.lib.FcPatternAddString(pattern, b"family", family.encode())
        objects = self.lib.FcObjectSetCreate()
        for key in keys:
            self.lib.FcObjectSetAdd(objects, key)
        fonts = self.lib.FcFontList(self.config, pattern, objects)
        try:
            if fonts:
                for i in range(fonts.contents.nfont):
                    yield fonts.contents.fonts[i]
        finally:
            if fonts:
                self.lib.FcFontSetDestroy(fonts)
            self.lib.FcObjectSetDestroy(objects)
            self.lib.FcPatternDestroy(pattern)

    def files(self, family: str) -> list[str]:
        """Every file of ``family`` that fontconfig knows, sorted."""
        found = {self._string(font, b"file") for font in self._list(family, (b"file",))}
        return sorted(path for path in found if path)

    def resolve(self, families: Iterable[str], lang: str) -> list[str]:
        """The font files behind ``families`` for text in ``lang``."""
        chosen = {self.family(name, lang) for name in families}
        return sorted({path for family in chosen if family for path in self.files(family)})


@cache
def font_files() -> FontFiles:
    """This process's fontconfig setup, shared by the inputs hash and the glyph check."""
    return FontFiles()


def fingerprint(paths: Iterable[str]) -> list[str]:
    """``path size mtime`` for each file (``path missing`` when it is gone)."""
    lines = []
    for path in paths:
        try:
            info = Path(path).stat()
        except OSError:
            lines.append(f"{path} missing")
            continue
        lines.append(f"{path} {info.st_size} {info.st_mtime_ns}")
    return lines


@cache
def native_versions() -> str:
    """Versions of the C libraries that shape and subset text, without importing WeasyPrint."""
    parts = []
    for soname, symbol in (("libpango-1.0.so.0", "pango_version_string"),
                           ("libharfbuzz.so.0", "hb_version_string")):
        try:
            function = getattr(open_library(soname, soname[3:].split(".so")[0]), symbol)
        except OSError:
            parts.append(f"{soname} missing")
            continue
        function.restype = ctypes.c_char_p
        parts.append(f"{soname} {function().decode()}")
    try:
        open_library("libharfbuzz-subset.so.0", "harfbuzz-subset")
        parts.append("harfbuzz-subset present")
    except OSError:
        parts.append("harfbuzz-subset missing")
    return "; ".join(parts)
