"""Subset large fonts (Chinese) to a document's characters before WeasyPrint sees them.

WeasyPrint subsets embedded fonts with HarfBuzz but keeps glyph ids: a Chinese booklet
using 600 glyphs embeds all 63,000 slots up to the highest one (442 KB instead of ~160).
So for every family the stylesheets name whose font file is larger than
``LARGE_FONT_BYTES`` and that draws some of the document's characters, each face of the
family (regular, bold …) is cut down to those characters first:

1. HarfBuzz's subsetter (``libharfbuzz-subset``, which WeasyPrint needs anyway) keeps the
   characters, their layout closure and every table Pango shapes with, minus the vertical
   metrics nothing here uses: ~15 ms and little memory where fontTools takes ~1 s and
   80 MiB for a 20 MB collection.
2. fontTools puts the glyphs of the character map first (layout alternates last, so the
   slots WeasyPrint keeps stop at the last drawn glyph) and, in a CID-keyed CFF font,
   renumbers the CIDs to equal the glyph ids. WeasyPrint writes glyph ids where a PDF
   reader of such a font looks up CIDs; a subset that kept the original CIDs would print
   the wrong characters in readers that follow the CFF charset.

The subset is stored in the user's cache folder (``booklet.build.diskcache``) under the
sha256 of the font file (path, size, modification time, face index), the characters and
the subsetting tools' versions, so the same inputs give the same bytes in any process. It
is named ``<family> <tag>`` in an ``@font-face`` rule that the URL fetcher serves from
memory, and the stylesheets' ``font-family`` lists name it before the original family,
which stays as the fallback for any character the subset lacks.
"""

from __future__ import annotations

import ctypes
import io
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from hashlib import sha256
from importlib.metadata import version
from pathlib import Path
from typing import Any

from booklet.build import diskcache
from booklet.build.fonts import Face, font_files, native_versions
from booklet.errors import BookletError
from booklet.render.fauxbold import BOLD
from booklet.render.glyphs import printed_text

SUBSET_FORMAT = 3
"""Bump when the subsetting below changes its output."""
LARGE_FONT_BYTES = 4 * 1024 * 1024
MAX_SUBSET_BYTES = 4 * 1024 * 1024
GENERATED = "•◦▪‐-–—…“”‘’«»‹›"
"""Characters WeasyPrint may draw that are in no text: list markers, the hyphenation
character, quotes. Printable ASCII (page counters, numbering) is added too."""
DROPPED_TABLES = (b"vhea", b"vmtx", b"VORG")
VERTICAL_FEATURES = (b"vert", b"vrt2", b"vkna", b"vkrn", b"vpal", b"vhal", b"valt")
_FAMILY_DECLARATION = re.compile(r"(font-family\s*:\s*)([^;}]+)", re.IGNORECASE)
_SET_DROP_TABLE, _SET_LAYOUT_FEATURE = 3, 6  # hb_subset_sets_t


class _HarfBuzz:
    """HarfBuzz's subsetter through ctypes, without importing WeasyPrint."""

    def __init__(self) -> None:
        try:
            self.hb = ctypes.CDLL("libharfbuzz.so.0")
            self.sub = ctypes.CDLL("libharfbuzz-subset.so.0")
        except OSError as exc:
            raise BookletError(f"cannot load HarfBuzz's subsetter ({exc}) (hint: apt-get install "
                               "libharfbuzz-subset0)") from exc
        void, uint = ctypes.c_void_p, ctypes.c_uint
        for lib, name, restype, argtypes in (
            (self.hb, "hb_blob_create_from_file_or_fail", void, [ctypes.c_char_p]),
            (self.hb, "hb_blob_destroy", None, [void]),
            (self.hb, "hb_face_create", void, [void, uint]),
            (self.hb, "hb_face_destroy", None, [void]),
            (self.hb, "hb_face_reference_blob", void, [void]),
            (self.hb, "hb_blob_get_data", ctypes.POINTER(ctypes.c_char), [void, ctypes.POINTER(uint)]),
            (self.hb, "hb_set_add", None, [void, ctypes.c_uint32]),
            (self.hb, "hb_set_del", None, [void, ctypes.c_uint32]),
            (self.hb, "hb_tag_from_string", ctypes.c_uint32, [ctypes.c_char_p, ctypes.c_int]),
            (self.hb, "hb_language_from_string", void, [ctypes.c_char_p, ctypes.c_int]),
            (self.hb, "hb_ot_tags_from_script_and_language", None,
             [ctypes.c_uint32, void, ctypes.POINTER(uint), ctypes.POINTER(ctypes.c_uint32),
              ctypes.POINTER(uint), ctypes.POINTER(ctypes.c_uint32)]),
            (self.sub, "hb_subset_input_create_or_fail", void, []),
            (self.sub, "hb_subset_input_destroy", None, [void]),
            (self.sub, "hb_subset_input_unicode_set", void, [void]),
            (self.sub, "hb_subset_input_set", void, [void, ctypes.c_int]),
            (self.sub, "hb_subset_or_fail", void, [void, void]),
        ):
            function = getattr(lib, name)
            function.restype, function.argtypes = restype, argtypes

    def language_tags(self, lang: str) -> tuple[str, ...]:
        """The OpenType language systems HarfBuzz shapes text in ``lang`` with (``ZHS ``)."""
        scripts, languages = (ctypes.c_uint32 * 4)(), (ctypes.c_uint32 * 4)()
        script_count, language_count = ctypes.c_uint(4), ctypes.c_uint(4)
        self.hb.hb_ot_tags_from_script_and_language(
            0, self.hb.hb_language_from_string(lang.encode(), -1), ctypes.byref(script_count),
            scripts, ctypes.byref(language_count), languages)
        return tuple(languages[i].to_bytes(4, "big").decode("latin-1") for i in range(language_count.value))

    def subset(self, path: str, index: int, chars: Iterable[int]) -> bytes | None:
        """The face's subset to ``chars``, or None if HarfBuzz cannot read or cut it."""
        hb, sub = self.hb, self.sub
        blob = hb.hb_blob_create_from_file_or_fail(path.encode())
        if not blob:
            return None
        face = hb.hb_face_create(blob, index)
        plan = sub.hb_subset_input_create_or_fail()
        try:
            unicodes = sub.hb_subset_input_unicode_set(plan)
            for char in chars:
                hb.hb_set_add(unicodes, char)
            dropped = sub.hb_subset_input_set(plan, _SET_DROP_TABLE)
            for tag in DROPPED_TABLES:
                hb.hb_set_add(dropped, hb.hb_tag_from_string(tag, -1))
            features = sub.hb_subset_input_set(plan, _SET_LAYOUT_FEATURE)
            for tag in VERTICAL_FEATURES:
                hb.hb_set_del(features, hb.hb_tag_from_string(tag, -1))
            result = sub.hb_subset_or_fail(face, plan)
            if not result:
                return None
            data = hb.hb_face_reference_blob(result)
            length = ctypes.c_uint()
            pointer = hb.hb_blob_get_data(data, ctypes.byref(length))
            subset = ctypes.string_at(pointer, length.value) if length.value else None
            hb.hb_blob_destroy(data)
            hb.hb_face_destroy(result)
            return subset
        finally:
            sub.hb_subset_input_destroy(plan)
            hb.hb_face_destroy(face)
            hb.hb_blob_destroy(blob)


@cache
def _harfbuzz() -> _HarfBuzz:
    return _HarfBuzz()


def _charstring_order(font: object, order: list[str]) -> None:
    """Put the CFF charstrings (and their font-dict selection) in ``order``."""
    top = font["CFF "].cff.topDictIndex[0]  # type: ignore[index]
    strings = top.CharStrings
    indices = [strings.charStrings[name] for name in order]
    index = strings.charStringsIndex
    index.items = [index[i] for i in indices]
    for attribute in ("file", "offsets"):
        if hasattr(index, attribute):
            delattr(index, attribute)
    if hasattr(top, "FDSelect"):
        top.FDSelect.format = None
        top.FDSelect.gidArray = [top.FDSelect.gidArray[i] for i in indices]
    strings.charStrings = {name: i for i, name in enumerate(order)}
    top.charset = order


class _ReorderedCoverage(logging.Filter):
    """fontTools warns that a layout Coverage is "not sorted by glyph ids" when glyphs move;
    it then writes ranges in glyph order with their coverage indices (valid OpenType, and
    HarfBuzz shapes the same text with it), so the warning is noise here."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Coverage is not sorted by glyph ids" not in record.getMessage()


_RULES = {"SubRuleSet": "SubRule", "SubClassSet": "SubClassRule", "ChainSubRuleSet": "ChainSubRule",
          "ChainSubClassSet": "ChainSubClassRule"}
"""Rule sets of contextual substitutions (fontTools' names) and their rules."""


def _nested(subtable: Any) -> set[int]:
    """The lookups a contextual substitution calls."""
    records = list(getattr(subtable, "SubstLookupRecord", None) or [])
    for sets, rules in _RULES.items():
        for rule_set in getattr(subtable, sets, None) or []:
            for rule in (getattr(rule_set, rules, None) or []) if rule_set is not None else []:
                records.extend(rule.SubstLookupRecord or [])
    return {record.LookupListIndex for record in records}


def _outputs(subtable: Any) -> set[str]:
    """The glyphs a substitution can put out."""
    found: set[str] = set()
    for value in (getattr(subtable, "mapping", None) or {}).values():
        found.update([value] if isinstance(value, str) else value)
    for values in (getattr(subtable, "alternates", None) or {}).values():
        found.update(values)
    for ligatures in (getattr(subtable, "ligatures", None) or {}).values():
        found.update(ligature.LigGlyph for ligature in ligatures)
    return found


def language_glyphs(font: Any, tags: tuple[str, ...]) -> set[str]:
    """The glyphs the substitutions of language systems ``tags`` and of each script's
    default system can put out: the forms text in that language is drawn with (Pango shapes
    a run in a script the language does not use, Latin in Chinese text, as that script's
    default language, which a font without it draws with the default system)."""
    table = font["GSUB"].table if "GSUB" in font else None
    if table is None or not (table.ScriptList and table.FeatureList and table.LookupList):
        return set()
    features: set[int] = set()
    for record in table.ScriptList.ScriptRecord:
        systems = [s.LangSys for s in record.Script.LangSysRecord if s.LangSysTag in tags]
        for system in [*systems, record.Script.DefaultLangSys]:
            if system is None:
                continue
            features.update(system.FeatureIndex)
            if system.ReqFeatureIndex != 0xFFFF:
                features.add(system.ReqFeatureIndex)
    todo = [i for f in features for i in table.FeatureList.FeatureRecord[f].Feature.LookupListIndex]
    seen: set[int] = set()
    found: set[str] = set()
    while todo:
        index = todo.pop()
        if index in seen or index >= len(table.LookupList.Lookup):
            continue
        seen.add(index)
        for subtable in table.LookupList.Lookup[index].SubTable:
            subtable = getattr(subtable, "ExtSubTable", subtable)
            found |= _outputs(subtable)
            todo.extend(_nested(subtable))
    return found


def arrange(data: bytes, tags: tuple[str, ...] = ()) -> bytes:
    """Mapped glyphs first, then the forms of language systems ``tags``, then the other
    layout glyphs (other languages' forms); in a CID-keyed CFF font, CID = glyph id (see
    above)."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), recalcTimestamp=False, recalcBBoxes=False)
    if "CFF " not in font:
        return data
    old = font.getGlyphOrder()
    mapped = set(font["cmap"].getBestCmap().values()) | {old[0]}
    forms = language_glyphs(font, tags) - mapped
    order = ([g for g in old if g in mapped] + [g for g in old if g in forms]
             + [g for g in old if g not in mapped and g not in forms])
    tags = font.keys()
    for tag in tags:
        table = font[tag]
        if hasattr(table, "ensureDecompiled"):
            table.ensureDecompiled()
    _charstring_order(font, order)
    font.setGlyphOrder(order)
    ordered = io.BytesIO()
    layout_log, quiet = logging.getLogger("fontTools.ttLib.tables.otTables"), _ReorderedCoverage()
    layout_log.addFilter(quiet)
    try:
        font.save(ordered)
    finally:
        layout_log.removeFilter(quiet)
    font = TTFont(io.BytesIO(ordered.getvalue()), lazy=True, recalcTimestamp=False,
                  recalcBBoxes=False)
    top = font["CFF "].cff.topDictIndex[0]
    if hasattr(top, "ROS"):
        names = [order[0]] + [f"cid{gid:05d}" for gid in range(1, len(order))]
        strings = top.CharStrings
        strings.charStrings = {new: strings.charStrings[old] for old, new in zip(top.charset, names,
                                                                                  strict=True)}
        top.charset = names
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def subset_face(face: Face, chars: frozenset[int], lang: str = "") -> tuple[Path, bytes] | None:
    """The cached subset of ``face`` to ``chars`` for text in ``lang`` (made if missing) and
    its bytes; None if HarfBuzz cannot cut it."""
    info = Path(face.file).stat()
    tags = _harfbuzz().language_tags(lang) if lang else ()
    name = diskcache.key(SUBSET_FORMAT, native_versions(), version("fonttools"), face.file,
                         info.st_size, info.st_mtime_ns, face.index,
                         "".join(map(chr, sorted(chars))), *tags)
    entry = diskcache.folder("fonts") / f"{name}.font"
    data = diskcache.read(entry, MAX_SUBSET_BYTES)
    if data is None:
        cut = _harfbuzz().subset(face.file, face.index, sorted(chars))
        if cut is None or len(cut) > MAX_SUBSET_BYTES:
            return None
        data = arrange(cut, tags)
        diskcache.write(entry, data)
    return entry, data


@dataclass(frozen=True)
class Subsets:
    """The subset faces a document uses, and how the stylesheets name them."""

    aliases: tuple[tuple[str, str], ...] = ()
    """(family as the stylesheets name it, family name of its subset faces)."""
    css: str = ""
    """The ``@font-face`` rules of the subset faces."""
    files: Mapping[Path, bytes] | None = None
    """The subset fonts by path in the cache folder, for the URL fetcher to serve."""

    @property
    def emboldened(self) -> frozenset[str]:
        """The subset families, whose bold is drawn from their regular face."""
        return frozenset(alias for _, alias in self.aliases)

    def rename(self, css: str) -> str:
        """``css`` with each subset family named before its original in ``font-family``."""
        if not self.aliases:
            return css
        aliases = {family.lower(): alias for family, alias in self.aliases}

        def one(match: re.Match[str]) -> str:
            names = []
            for name in match.group(2).split(","):
                alias = aliases.get(name.replace("!important", "").strip().strip("'\"").strip().lower())
                names.append(f" {_quoted(alias)}, {name.strip()}" if alias else name)
            return match.group(1) + ",".join(names).lstrip()

        return _FAMILY_DECLARATION.sub(one, css)


def _quoted(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


@lru_cache(maxsize=64)
def _is_large(family: str) -> bool:
    face = font_files().match(family)
    return (face is not None and face.is_named(family)
            and Path(face.file).stat().st_size > LARGE_FONT_BYTES)


def _font_face(alias: str, face: Face, path: Path) -> str:
    return (f"@font-face {{ font-family: {_quoted(alias)}; src: url({_quoted(path.as_uri())}); "
            f"font-weight: {face.weight}; font-style: {'italic' if face.italic else 'normal'}; }}")


def plan_subsets(html: str, sheets: Iterable[str], drawn_by: Mapping[str, frozenset[str]],
                 lang: str = "") -> Subsets:
    """Subset every large family that draws some of the document's characters, in its
    faces lighter than bold (``booklet.render.fauxbold`` draws the bold).

    ``sheets`` are the stylesheets' texts (their quotes and ``content`` strings may be
    printed); ``drawn_by`` is the glyph check's answer for the document's text; ``lang``
    its language.
    """
    large = [family for family in drawn_by if _is_large(family)]
    if not large:
        return Subsets()
    chars = {ord(c) for _, text in printed_text(html) for c in text}
    chars |= {ord(c) for text in sheets for c in text} | {ord(c) for c in GENERATED}
    chars |= set(range(0x20, 0x7F))
    aliases, rules, files = [], [], {}
    for family in large:
        made = [(face, subset_face(face, frozenset(chars), lang)) for face in font_files().faces(family)
                if face.weight < BOLD]
        cut = [(face, found) for face, found in made if found is not None]
        if not cut:
            continue
        # Named by the subsets' bytes, not their cache keys: the PDF (whose font names carry
        # the alias) then depends on what the fonts draw, not on a font file's mtime.
        alias = f"{family} {diskcache.key(*(sha256(data).hexdigest() for _, (_, data) in cut))[:10]}"
        aliases.append((family, alias))
        for face, (path, data) in cut:
            rules.append(_font_face(alias, face, path))
            files[path] = data
    return Subsets(tuple(aliases), "\n".join(rules), files)
