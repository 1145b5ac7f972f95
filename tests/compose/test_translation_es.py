"""Spanish (es) end to end: real PDFs from the shipped content, read back as a reader gets them."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

from booklet.cli import cli
from booklet.commands.i18n import check_catalog
from booklet.errors import Problems
from booklet.load.project import open_project, shipped_root
from booklet.models.region import Email, Web
from booklet.validate.locales import load_review
from booklet.validate.regions import load_regions
from tests.conftest import EPOCH, page_sizes_mm, pdf_fonts, pdf_text

SECTIONS = ["heroin", "overdose", "withdrawal", "medications", "therapies", "help"]
TITLE = re.compile(r'\{% set title = "([^"]+)" %\}')
BUILDS = {"us": ["booklet", "trifold", "card"], "mx": ["booklet"]}
HALF_LETTER_MM = (139.7, 215.9)


def flat(text: str) -> str:
    """One line, every run of spaces (no-break ones too) as one space."""
    return re.sub(r"\s+", " ", text).strip()


def title_of(lang: str, section: str) -> str:
    """The heading a section template sets."""
    source = (shipped_root() / "sections" / lang / f"{section}.html.j2").read_text(encoding="utf-8")
    found = TITLE.search(source)
    assert found, f"{lang}/{section} sets no title"
    return flat(found.group(1))


def numbers(region: str, first_lines: int | None = None) -> list[str]:
    """Dialled numbers and codes the region prints (of its first lines only, for the card)."""
    regions, _ = load_regions(open_project(shipped_root()), [region], date(2026, 11, 22))
    lines = regions[region].printable[:first_lines]
    if first_lines is not None:
        return [line.channels[0].display for line in lines]
    return [c.display for line in lines for c in line.channels if not isinstance(c, Web | Email)]


def pdfs() -> list[tuple[str, str]]:
    return [(region, fmt) for region, formats in BUILDS.items() for fmt in formats]


@pytest.fixture(scope="module")
def spanish(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """us/es in three formats and mx/es as a booklet, built with the real CLI."""
    out = tmp_path_factory.mktemp("es")
    runner = CliRunner(env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    output = ""
    for region, formats in BUILDS.items():
        args = ["build", "--project", str(shipped_root()), "--out", str(out), "-r", region,
                "-l", "es", "--jobs", "1", *[a for f in formats for a in ("-f", f)]]
        result = runner.invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        output += result.output
    return out, output


def test_build_reports_no_missing_translation(spanish: tuple[Path, str]) -> None:
    _, output = spanish
    assert "no translation" not in output
    assert ": warning:" not in output
    assert re.findall(r"/es/\w+ +built +\d+ +\d+ +(\d+)", output) == ["0"] * len(pdfs())


@pytest.mark.parametrize("region", list(BUILDS))
def test_booklet_headings_are_spanish(spanish: tuple[Path, str], region: str) -> None:
    text = flat(pdf_text(spanish[0] / region / "es" / "booklet.pdf"))
    for section in SECTIONS:
        assert title_of("es", section) in text
        assert title_of("en", section) not in text
    for heading in ("Heroína y opioides", "¿Sobredosis? Llame al 911", "Fuentes", "Su clínica",
                    "trastorno por consumo de opioides", "Esto es información general"):
        assert heading in text
    assert "Give naloxone" not in text


def test_trifold_and_card_are_spanish(spanish: tuple[Path, str]) -> None:
    trifold = flat(pdf_text(spanish[0] / "us" / "es" / "trifold.pdf"))
    card = flat(pdf_text(spanish[0] / "us" / "es" / "card.pdf"))
    for heading in ("Señales de una sobredosis", "Qué hacer", "Cuídese más",
                    "El tratamiento funciona", "Dónde obtener ayuda", "Encuentre tratamiento cerca de usted"):
        assert heading in trifold
    assert "¿Sobredosis? Llame al 911" in card and "Dónde obtener ayuda" in card
    assert "Give naloxone" not in trifold + card


@pytest.mark.parametrize(("region", "fmt"), [("us", "booklet"), ("us", "trifold"), ("mx", "booklet")])
def test_every_phone_number_is_intact(spanish: tuple[Path, str], region: str, fmt: str) -> None:
    text = flat(pdf_text(spanish[0] / region / "es" / f"{fmt}.pdf"))
    printed = numbers(region)
    assert printed and "Llame al 911" in text
    for number in printed:
        assert number in text


def test_card_numbers_are_intact(spanish: tuple[Path, str]) -> None:
    text = flat(pdf_text(spanish[0] / "us" / "es" / "card.pdf"))
    printed = numbers("us", first_lines=2)
    assert "1-800-662-4357" in printed
    for number in printed:
        assert number in text


def test_mexico_booklet_is_half_letter_with_its_helpline(spanish: tuple[Path, str]) -> None:
    path = spanish[0] / "mx" / "es" / "booklet.pdf"
    assert set(page_sizes_mm(path)) == {HALF_LETTER_MM}
    text = flat(pdf_text(path))
    assert "Línea de la Vida" in text and "800 911 2000" in text and "MÉXICO" in text.upper()


@pytest.mark.parametrize(("region", "fmt"), pdfs())
def test_language_is_set_and_fonts_embedded(spanish: tuple[Path, str], region: str, fmt: str) -> None:
    path = spanish[0] / region / "es" / f"{fmt}.pdf"
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "es"
    fonts = pdf_fonts(path)
    assert fonts and all(embedded for _, embedded in fonts)
    assert all("Noto" in name for name, _ in fonts)


def test_catalog_is_complete_and_clean() -> None:
    report = check_catalog(open_project(shipped_root()), "es")
    assert (report.percent, report.fuzzy, report.errors) == (100, 0, ())


def test_review_record_says_draft() -> None:
    problems = Problems()
    review = load_review(open_project(shipped_root()), "es", problems)
    assert problems.items == []
    assert review.status == "draft" and review.reviewed_by is None and review.reviewed_on is None
    assert "AI-assisted" in review.translated_by
