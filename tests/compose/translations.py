"""Helpers the translation end-to-end tests share: headings, printed numbers and CLI builds."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

from booklet.cli import cli
from booklet.compose.i18n import load_messages
from booklet.load.project import open_project, shipped_root
from booklet.models.region import Email, Web
from booklet.validate.regions import load_regions
from tests.conftest import EPOCH

LANGUAGES = ["es", "fr", "ar", "zh-Hans"]
SECTIONS = ["heroin", "overdose", "withdrawal", "medications", "therapies", "help"]
TITLE = re.compile(r'\{% set title = _\("([^"]+)"\) %\}')
Builds = Mapping[str, Sequence[str]]


def flat(text: str) -> str:
    """One line, every run of spaces (no-break ones too) as one space."""
    return re.sub(r"\s+", " ", text).strip()


def title_of(lang: str, section: str) -> str:
    """The heading a section prints in a language: its English title, or the catalog's."""
    source = (shipped_root() / "sections" / f"{section}.html.j2").read_text(encoding="utf-8")
    found = TITLE.search(source)
    assert found, f"{section} sets no title"
    if lang == "en":
        return flat(found.group(1))
    messages = load_messages(open_project(shipped_root()), lang)
    return flat(messages.entries[found.group(1)].string)


def section_titles(lang: str) -> list[str]:
    """The headings of every shipped section in a language."""
    return [title_of(lang, section) for section in SECTIONS]


def absent(needles: Iterable[str], text: str) -> list[str]:
    """The needles the text does not hold."""
    return [needle for needle in needles if needle not in text]


def present(needles: Iterable[str], text: str) -> list[str]:
    """The needles the text holds."""
    return [needle for needle in needles if needle in text]


def numbers(region: str, first_lines: int | None = None) -> list[str]:
    """Dialled numbers and codes the region prints (of the lines the card takes, for the card)."""
    regions, _ = load_regions(open_project(shipped_root()), [region], date(2026, 12, 1))
    lines = (regions[region].printable if first_lines is None else regions[region].card_lines[:first_lines])
    if first_lines is not None:
        return [line.channels[0].display for line in lines]
    return [c.display for line in lines for c in line.channels if not isinstance(c, Web | Email)]


def pdfs(builds: Builds) -> list[tuple[str, str]]:
    """Every (region, format) a build map asks for."""
    return [(region, fmt) for region, formats in builds.items() for fmt in formats]


def missing_counts(output: str, lang: str) -> list[str]:
    """The missing-translation column of every file the build output reports for a language."""
    return re.findall(rf"/{re.escape(lang)}/\w+ +built +\d+ +\d+ +(\d+)", output)


def pdf_lang(path: Path) -> str:
    """The document language a PDF declares in its catalog."""
    with pikepdf.open(path) as pdf:
        return str(pdf.Root.Lang)


def build_language(tmp_path_factory: pytest.TempPathFactory, lang: str, builds: Builds,
                   options: Mapping[str, Sequence[str]] | None = None) -> tuple[Path, str]:
    """Build each region's formats in a language with the real CLI: the out folder and the output."""
    out = tmp_path_factory.mktemp(lang)
    runner = CliRunner(env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    output = ""
    for region, formats in builds.items():
        extra = (options or {}).get(region, ())
        args = ["build", "--project", str(shipped_root()), "--out", str(out), "-r", region,
                "-l", lang, "--jobs", "1", *extra, *[a for f in formats for a in ("-f", f)]]
        result = runner.invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        output += result.output
    return out, output
