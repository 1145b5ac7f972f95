"""French (fr) end to end: real PDFs from the shipped content, read back as a reader gets them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.compose import translations as tr
from tests.conftest import pdf_fonts, pdf_text

BUILDS = {"ca-qc": ["booklet", "trifold", "card"], "us": ["booklet"]}


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """ca-qc/fr in three formats and us/fr as a booklet, built with the real CLI."""
    return tr.build_language(tmp_path_factory, "fr", BUILDS)


def test_build_reports_no_missing_translation(french: tuple[Path, str]) -> None:
    _, output = french
    assert "no translation" not in output
    assert ": warning:" not in output
    assert tr.missing_counts(output, "fr") == ["0"] * len(tr.pdfs(BUILDS))


@pytest.mark.parametrize("region", list(BUILDS))
def test_booklet_headings_are_french(french: tuple[Path, str], region: str) -> None:
    text = tr.flat(pdf_text(french[0] / region / "fr" / "booklet.pdf"))
    assert tr.absent(tr.section_titles("fr"), text) == []
    assert tr.present(tr.section_titles("en"), text) == []
    for heading in ("L’héroïne et les opioïdes", "Surdose ? Appelez le 911", "Références",
                    "Votre clinique", "trouble lié à l’utilisation d’opioïdes"):
        assert heading in text


def test_trifold_and_card_are_french(french: tuple[Path, str]) -> None:
    trifold = tr.flat(pdf_text(french[0] / "ca-qc" / "fr" / "trifold.pdf"))
    card = tr.flat(pdf_text(french[0] / "ca-qc" / "fr" / "card.pdf"))
    for heading in ("Les signes d’une surdose", "Que faire", "Réduire les risques",
                    "Le traitement fonctionne", "Où trouver de l’aide"):
        assert heading in trifold
    assert "Surdose ? Appelez le 911" in card and "Où trouver de l’aide" in card
    assert "Give naloxone" not in trifold + card


@pytest.mark.parametrize(("region", "fmt"), [("ca-qc", "booklet"), ("ca-qc", "trifold"), ("us", "booklet")])
def test_every_phone_number_is_intact(french: tuple[Path, str], region: str, fmt: str) -> None:
    text = tr.flat(pdf_text(french[0] / region / "fr" / f"{fmt}.pdf"))
    printed = tr.numbers(region)
    assert printed and "911" in text
    assert tr.absent(printed, text) == []


def test_card_numbers_are_intact(french: tuple[Path, str]) -> None:
    text = tr.flat(pdf_text(french[0] / "ca-qc" / "fr" / "card.pdf"))
    printed = tr.numbers("ca-qc", first_lines=2)
    assert printed[0] == "1-800-265-2626"  # Drogue : aide et référence, the region's own line, first
    assert tr.absent(printed, text) == []


@pytest.mark.parametrize(("region", "fmt"), tr.pdfs(BUILDS))
def test_language_is_set_and_fonts_embedded(french: tuple[Path, str], region: str, fmt: str) -> None:
    path = french[0] / region / "fr" / f"{fmt}.pdf"
    assert tr.pdf_lang(path) == "fr"
    fonts = pdf_fonts(path)
    assert fonts and all(embedded for _, embedded in fonts)
    assert all("Noto" in name for name, _ in fonts)
