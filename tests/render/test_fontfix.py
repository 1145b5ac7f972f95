"""Extracted text is the text: every Arabic letter form maps back to its letter, and the
hyphens a line break adds are soft (booklet/render/fontfix.py)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pikepdf
import pytest

from booklet.render.fontfix import HYPHENATION, SOFT_HYPHEN, repaired
from booklet.render.pdf import Renderer
from tests.conftest import pdf_text

LETTERS = [chr(c) for c in range(0x0621, 0x064B) if unicodedata.category(chr(c)) == "Lo"]
BEH = "\u0628"
MARK = "\u064b"  # fathatan: a mark HarfBuzz keeps in its letter's cluster


def _arabic(text: str) -> set[str]:
    return {c for c in unicodedata.normalize("NFKC", text) if c in LETTERS}


@pytest.fixture(scope="module")
def every_form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Each letter alone, initial, medial and final, also with a mark in its cluster."""
    from weasyprint import HTML

    Renderer()  # installs the fixes
    words = [f"{letter} {letter}{BEH} {BEH}{letter}{BEH} {BEH}{letter} "
             f"{BEH}{letter}{MARK}{BEH} {letter}{MARK}" for letter in LETTERS]
    html = ('<html lang="ar" dir="rtl"><body style="font-family: \'Noto Naskh Arabic\'">'
            + "".join(f"<p>{w}</p>" for w in words) + "</body></html>")
    path = tmp_path_factory.mktemp("arabic") / "forms.pdf"
    HTML(string=html).write_pdf(path, pdf_variant="pdf/ua-1")
    return path


def test_every_arabic_letter_form_extracts(every_form: Path) -> None:
    text = unicodedata.normalize("NFKC", pdf_text(every_form))
    for letter in LETTERS:
        assert text.count(letter) >= 6, letter  # six forms each (beh also joins the others)


def test_no_glyph_maps_to_nothing(every_form: Path) -> None:
    with pikepdf.open(every_form) as pdf:
        for font in pdf.pages[0].Resources.Font.values():
            cmap = font.ToUnicode.read_bytes().decode()
            assert not re.search(r"<[0-9a-fA-F]+>\s*<>", cmap), font.BaseFont


def test_every_arabic_letter_of_the_booklet_extracts(shipped_matrix: Path) -> None:
    folder = shipped_matrix / "us" / "ar"
    source = re.sub(r"<[^>]+>", " ", (folder / "booklet.html").read_text(encoding="utf-8"))
    assert _arabic(source) <= _arabic(pdf_text(folder / "booklet.pdf"))
    assert "ئ" in pdf_text(folder / "booklet.pdf")


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_hyphens_from_line_breaks_are_soft(shipped_matrix: Path, lang: str) -> None:
    text = pdf_text(shipped_matrix / "us" / lang / "booklet.pdf")
    assert HYPHENATION not in text
    assert f"{SOFT_HYPHEN}\n" in text or lang == "en"


def test_repaired_mapping() -> None:
    def chars() -> tuple[dict[int, str], dict[int, str]]:
        return {7: MARK}, {9: "ئ"}

    assert repaired(HYPHENATION, 1, chars) == SOFT_HYPHEN
    assert repaired("ئ" + MARK, 7, chars) == MARK  # the mark keeps only its own character
    assert repaired("", 9, chars) == "ئ"  # the medial form gets the letter it shows
    assert repaired("fi", 3, chars) == "fi"  # a ligature keeps its letters
