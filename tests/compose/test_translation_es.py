"""Spanish (es) end to end: real PDFs from the shipped content, read back as a reader gets them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.compose import translations as tr
from tests.conftest import page_sizes_mm, pdf_fonts, pdf_text

BUILDS = {"us": ["booklet", "trifold", "card"], "mx": ["booklet"]}
HALF_LETTER_MM = (139.7, 215.9)


@pytest.fixture(scope="module")
def spanish(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """us/es in three formats and mx/es as a booklet, built with the real CLI."""
    return tr.build_language(tmp_path_factory, "es", BUILDS)


def test_build_reports_no_missing_translation(spanish: tuple[Path, str]) -> None:
    _, output = spanish
    assert "no translation" not in output
    assert ": warning:" not in output
    assert tr.missing_counts(output, "es") == ["0"] * len(tr.pdfs(BUILDS))


@pytest.mark.parametrize("region", list(BUILDS))
def test_booklet_headings_are_spanish(spanish: tuple[Path, str], region: str) -> None:
    text = tr.flat(pdf_text(spanish[0] / region / "es" / "booklet.pdf"))
    assert tr.absent(tr.section_titles("es"), text) == []
    assert tr.present(tr.section_titles("en"), text) == []
    for heading in ("Heroína y opioides", "¿Sobredosis? Llame al 911", "Fuentes", "Su clínica",
                    "trastorno por consumo de opioides", "Esto es información general"):
        assert heading in text
    assert "Give naloxone" not in text


def test_trifold_and_card_are_spanish(spanish: tuple[Path, str]) -> None:
    trifold = tr.flat(pdf_text(spanish[0] / "us" / "es" / "trifold.pdf"))
    card = tr.flat(pdf_text(spanish[0] / "us" / "es" / "card.pdf"))
    for heading in ("Señales de una sobredosis", "Qué hacer", "Cuídese más",
                    "El tratamiento funciona", "Dónde obtener ayuda", "Encuentre tratamiento cerca de usted"):
        assert heading in trifold
    assert "¿Sobredosis? Llame al 911" in card and "Dónde obtener ayuda" in card
    assert "Give naloxone" not in trifold + card


@pytest.mark.parametrize(("region", "fmt"), [("us", "booklet"), ("us", "trifold"), ("mx", "booklet")])
def test_every_phone_number_is_intact(spanish: tuple[Path, str], region: str, fmt: str) -> None:
    text = tr.flat(pdf_text(spanish[0] / region / "es" / f"{fmt}.pdf"))
    printed = tr.numbers(region)
    assert printed and "Llame al 911" in text
    assert tr.absent(printed, text) == []


def test_card_numbers_are_intact(spanish: tuple[Path, str]) -> None:
    text = tr.flat(pdf_text(spanish[0] / "us" / "es" / "card.pdf"))
    printed = tr.numbers("us", first_lines=2)
    assert "1-800-662-4357" in printed
    assert tr.absent(printed, text) == []


def test_mexico_booklet_is_half_letter_with_its_helpline(spanish: tuple[Path, str]) -> None:
    path = spanish[0] / "mx" / "es" / "booklet.pdf"
    assert set(page_sizes_mm(path)) == {HALF_LETTER_MM}
    text = tr.flat(pdf_text(path))
    assert "Línea de la Vida" in text and "800 911 2000" in text and "MÉXICO" in text.upper()


@pytest.mark.parametrize(("region", "fmt"), tr.pdfs(BUILDS))
def test_language_is_set_and_fonts_embedded(spanish: tuple[Path, str], region: str, fmt: str) -> None:
    path = spanish[0] / region / "es" / f"{fmt}.pdf"
    assert tr.pdf_lang(path) == "es"
    fonts = pdf_fonts(path)
    assert fonts and all(embedded for _, embedded in fonts)
    assert all("Noto" in name for name, _ in fonts)
