"""Font files are found through fontconfig the way Pango finds them, and fingerprinted."""

from __future__ import annotations

import os
from pathlib import Path

from booklet.build.fonts import FontFiles, css_families, fingerprint


def test_families_are_read_from_font_family_declarations() -> None:
    css = ['body { font-family: "Noto Sans", \'Noto Naskh Arabic\', sans-serif !important; }',
           "h1{font-family:Noto Serif} p { font-family: inherit }"]
    assert css_families(css) == ["Noto Naskh Arabic", "Noto Sans", "Noto Serif", "sans-serif"]


def test_a_family_resolves_to_all_its_files() -> None:
    names = {Path(p).name for p in FontFiles().resolve(["Noto Sans"], "en")}
    assert {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf"} <= names


def test_the_language_picks_the_files_of_a_generic_family() -> None:
    fonts = FontFiles()
    assert fonts.family("Noto Sans CJK SC", "zh-Hans") == "Noto Sans CJK SC"
    assert fonts.family("sans-serif", "en") != fonts.family("sans-serif", "ar")


def test_the_fingerprint_changes_when_a_font_file_does(tmp_path: Path) -> None:
    font = tmp_path / "Face.ttf"
    font.write_bytes(b"font v1")
    before = fingerprint([str(font)])
    os.utime(font, ns=(1, 1))
    assert fingerprint([str(font)]) != before
    font.unlink()
    assert fingerprint([str(font)]) == [f"{font} missing"]
