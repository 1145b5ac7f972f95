"""Characters the fonts cannot draw are errors before rendering, never boxes in print."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from booklet.build.fonts import FontFiles
from booklet.errors import BookletError
from booklet.load.project import shipped_root
from booklet.render.glyphs import (
    check_glyphs,
    coverage,
    face_cmap,
    missing_glyphs,
    named_families,
    printed_text,
)

SHEETS = (shipped_root() / "styles" / "base.css",)
PAGE = "<html><head><title>ሰ</title></head><body><section id='{id}'><p>{text}</p></section></body></html>"


def test_the_stylesheets_name_latin_arabic_and_chinese_fonts() -> None:
    assert {"Noto Sans", "Noto Naskh Arabic", "Noto Sans CJK SC"} <= set(named_families(SHEETS))


def test_latin_arabic_chinese_and_bidi_marks_are_covered() -> None:
    text = "Call 1-800-662-4357 · اتصل \u2066988\u2069 · 拨打 988 — “naloxone” ½ é ñ ç"
    assert missing_glyphs(PAGE.format(id="help", text=text), named_families(SHEETS)) == []


def test_a_missing_glyph_names_the_character_and_where_it_is() -> None:
    with pytest.raises(BookletError) as caught:
        check_glyphs("us/am/booklet", PAGE.format(id="overdose", text="Call ሰላም now"), SHEETS)
    message = caught.value.message
    assert "us/am/booklet: no glyph" in message
    assert "U+1230 ETHIOPIC SYLLABLE SA ('ሰ') in #overdose: …Call ሰላም now…" in message


def test_text_in_head_is_not_printed_so_not_checked() -> None:
    assert missing_glyphs(PAGE.format(id="x", text="ok"), named_families(SHEETS)) == []


def test_an_uninstalled_family_covers_nothing(tmp_path: Path) -> None:
    sheet = tmp_path / "only.css"
    sheet.write_text('p { font-family: "No Such Font Family", serif }', encoding="utf-8")
    assert [m.char for m in missing_glyphs(PAGE.format(id="x", text="a"), named_families((sheet,)))] == ["a"]


def test_an_english_document_opens_no_chinese_font(default_booklet: Path) -> None:
    html = default_booklet.with_suffix(".html").read_text(encoding="utf-8")
    chars = {c for _, text in printed_text(html) for c in text}
    found = coverage(chars, named_families(SHEETS))
    assert found.opened == ("Noto Sans",) and not found.uncovered


def test_a_chinese_document_opens_the_chinese_font_for_the_rest_only() -> None:
    found = coverage("Call 988 拨打", named_families(SHEETS))
    assert found.opened == ("Noto Sans", "Noto Naskh Arabic", "Noto Sans CJK SC")
    assert found.drawn_by["Noto Sans CJK SC"] == frozenset("拨打")


def test_character_maps_are_cached_on_disk_by_file_and_modification_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOOKLET_CACHE_DIR", str(tmp_path / "cache"))
    font = tmp_path / "Face.ttf"
    shutil.copy(FontFiles().match("Noto Sans").file, font)
    face_cmap.cache_clear()
    assert ord("é") in face_cmap(str(font), 0)
    [entry] = (tmp_path / "cache" / "cmaps").iterdir()
    entry.write_text("[[65,66]]", encoding="utf-8")  # a cached map is used as it is
    face_cmap.cache_clear()
    assert face_cmap(str(font), 0) == {65, 66}
    os.utime(font, ns=(1, 1))  # a changed font is read again
    face_cmap.cache_clear()
    assert ord("é") in face_cmap(str(font), 0)
    face_cmap.cache_clear()
