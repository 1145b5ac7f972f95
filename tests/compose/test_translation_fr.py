"""French (fr) end to end: real PDFs from the shipped content, read back as a reader gets them."""

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
from tests.conftest import EPOCH, pdf_fonts, pdf_text

SECTIONS = ["heroin", "overdose", "withdrawal", "medications", "therapies", "help"]
TITLE = re.compile(r'\{% set title = "([^"]+)" %\}')
BUILDS = {"ca-qc": ["booklet", "trifold", "card"], "us": ["booklet"]}


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


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """ca-qc/fr in three formats and us/fr as a booklet, built with the real CLI."""
    out = tmp_path_factory.mktemp("fr")
    runner = CliRunner(env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    output = ""
    for region, formats in BUILDS.items():
        args = ["build", "--project", str(shipped_root()), "--out", str(out), "-r", region,
                "-l", "fr", "--jobs", "1", *[a for f in formats for a in ("-f", f)]]
        result = runner.invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        output += result.output
    return out, output


def pdfs() -> list[tuple[str, str]]:
    """Every (region, format) the fixture builds."""
    return [(region, fmt) for region, formats in BUILDS.items() for fmt in formats]


def test_build_reports_no_missing_translation(french: tuple[Path, str]) -> None:
    _, output = french
    assert "no translation" not in output
    assert ": warning:" not in output
    assert re.findall(r"/fr/\w+ +built +\d+ +\d+ +(\d+)", output) == ["0"] * len(pdfs())


@pytest.mark.parametrize("region", list(BUILDS))
def test_booklet_headings_are_french(french: tuple[Path, str], region: str) -> None:
    text = flat(pdf_text(french[0] / region / "fr" / "booklet.pdf"))
    for section in SECTIONS:
        assert title_of("fr", section) in text
        assert title_of("en", section) not in text
    for heading in ("L’héroïne et les opioïdes", "Surdose? Appelez le 911", "Références",
                    "Votre clinique", "trouble lié à l’utilisation d’opioïdes"):
        assert heading in text


def test_trifold_and_card_are_french(french: tuple[Path, str]) -> None:
    trifold = flat(pdf_text(french[0] / "ca-qc" / "fr" / "trifold.pdf"))
    card = flat(pdf_text(french[0] / "ca-qc" / "fr" / "card.pdf"))
    for heading in ("Les signes d’une surdose", "Que faire", "Réduire les risques",
                    "Le traitement fonctionne", "Où trouver de l’aide"):
        assert heading in trifold
    assert "Surdose? Appelez le 911" in card and "Où trouver de l’aide" in card
    assert "Give naloxone" not in trifold + card


@pytest.mark.parametrize(("region", "fmt"), [("ca-qc", "booklet"), ("ca-qc", "trifold"), ("us", "booklet")])
def test_every_phone_number_is_intact(french: tuple[Path, str], region: str, fmt: str) -> None:
    text = flat(pdf_text(french[0] / region / "fr" / f"{fmt}.pdf"))
    printed = numbers(region)
    assert printed and "911" in text
    for number in printed:
        assert number in text


def test_card_numbers_are_intact(french: tuple[Path, str]) -> None:
    text = flat(pdf_text(french[0] / "ca-qc" / "fr" / "card.pdf"))
    printed = numbers("ca-qc", first_lines=2)
    assert "1-888-688-6677" in printed
    for number in printed:
        assert number in text


@pytest.mark.parametrize(("region", "fmt"), pdfs())
def test_language_is_set_and_fonts_embedded(french: tuple[Path, str], region: str, fmt: str) -> None:
    path = french[0] / region / "fr" / f"{fmt}.pdf"
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "fr"
    fonts = pdf_fonts(path)
    assert fonts and all(embedded for _, embedded in fonts)
    assert all("Noto" in name for name, _ in fonts)


def test_catalog_is_complete_and_clean() -> None:
    report = check_catalog(open_project(shipped_root()), "fr")
    assert (report.percent, report.fuzzy, report.errors) == (100, 0, ())


def test_review_record_says_draft() -> None:
    problems = Problems()
    review = load_review(open_project(shipped_root()), "fr", problems)
    assert problems.items == []
    assert review.status == "draft" and review.reviewed_by is None
    assert "AI-assisted" in review.translated_by
