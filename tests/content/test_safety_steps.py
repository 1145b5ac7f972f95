"""The safety content as a reader gets it: real builds, text extracted from the PDFs.

The emergency number is in the first step on every format and language; rescue breathing and
the label's repeat-dose wording print in the booklet and tri-fold; each region warns about its
own drug supply; British English where the region prints it; the wallet card carries the
region's own main line; a draft translation says so on the page.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from click.testing import Result

from booklet.compose.i18n import load_messages
from booklet.load.project import open_project, shipped_root
from tests.conftest import pdf_text

FORMATS = ("booklet", "large-print", "trifold", "card")
LANGS = ("en", "es", "fr", "ar", "zh-Hans")
STEPS = {  # the emergency box's messages (booklet, large print, tri-fold cover); the card and
    # tri-fold steps' messages
    "booklet": ("<strong>No response?</strong> Give a new dose every 2 to 3 minutes until they respond.",
                "<strong>Not breathing?</strong> Give rescue breaths if you know how."),
    "trifold": ("No response? Give a new dose every 2 to 3 minutes until they respond.",
                "Not breathing? Give rescue breaths if you know how."),
}
DRAFT_LINE = "This translation has not yet been checked by a fluent health worker."
US_SPELLINGS = ("counseling", "counselor", "behavioral", "gray", "center", "centers", "diarrhea",
                "program", "programs", "color", "dispatcher")
BRITISH = ("gb", "ie", "au", "nz")
PROPER_NAMES = ("Centers for Disease Control and Prevention", "Take Home Naloxone program",
                "Opioid Dependence Treatment Program", "Needle and Syringe Program")
"""Names (of organizations and of the programmes of Australia's own sources) printed as their
owners spell them, whatever the region's spelling."""


def build(run_cli: Callable[..., Result], out: Path, region: str, langs: tuple[str, ...],
          formats: tuple[str, ...], project: Path | None = None) -> None:
    args = ["build", "--project", str(project or shipped_root()), "--out", str(out), "-r", region,
            *[a for lang in langs for a in ("-l", lang)], *[a for f in formats for a in ("-f", f)]]
    result = run_cli(*args)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """us in every language and format; the British-English regions; the us-ny card."""
    from click.testing import CliRunner

    from booklet.cli import cli

    folder = tmp_path_factory.mktemp("safety")

    def run(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    build(run, folder, "us", LANGS, FORMATS)
    for region in BRITISH:
        build(run, folder, region, ("en",), ("booklet", "trifold", "card"))
    build(run, folder, "us-ny", ("en",), ("card",))
    return folder


MARKS = re.compile("[\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069\u064b-\u065f\u0670\u0640]")
"""Soft hyphens and direction marks, and the Arabic vowel marks and tatweel that extraction
may move."""


def flat(text: str) -> str:
    """Text on one line: hyphenation at line ends undone, direction and vowel marks dropped,
    runs of space as one."""
    return re.sub(r"\s+", " ", MARKS.sub("", re.sub("\u2010\n", "", text))).strip()


def bare(text: str) -> str:
    """``flat`` without any space: what survives any line breaking."""
    return flat(text).replace(" ", "")


def panels(path: Path, page: int | None = None) -> list[str]:
    """The text of each third of each page (or of ``page``), so that a tri-fold's columns do
    not mix."""
    with pikepdf.open(path) as pdf:
        boxes = [(float(p.mediabox[2]), float(p.mediabox[3])) for p in pdf.pages]
    found = []
    for number, (width, height) in enumerate(boxes, start=1):
        if page is not None and number != page:
            continue
        for third in range(3):
            args = ["pdftotext", "-enc", "UTF-8", "-f", str(number), "-l", str(number),
                    "-x", str(int(third * width / 3)), "-y", "0", "-W", str(int(width / 3)),
                    "-H", str(int(height)), str(path), "-"]
            found.append(subprocess.run(args, check=True, capture_output=True, text=True).stdout)
    return found


def holds(text: str, sentence: str, rtl: bool) -> bool:
    """Whether extracted ``text`` holds ``sentence``: as one run of characters, or for right-to-
    left text (whose wrapped lines pdftotext may list in another order) every one of its words."""
    if not rtl:
        return bare(sentence) in bare(text)
    def words(value: str) -> set[str]:  # a mark between two words must not join them
        return set(MARKS.sub(" ", value).replace(".", " ").split())

    return words(sentence) <= words(text)


def texts(path: Path, fmt: str, page: int | None = None) -> list[str]:
    """What a reader gets, in pieces that do not mix columns: each third of a tri-fold's pages,
    or the whole text (of one page) of the other formats."""
    if fmt == "trifold":
        return panels(path, page)
    return [pdf_text(path, page=page)]


def emergency_first_step(text: str, lang: str) -> str | None:
    """The first step of the emergency box in ``text``: the lines after the box's title up to
    the second step's marker ('2.', or '.2' in a right-to-left line); None without the box."""
    title = bare(translated(lang, "Overdose? Call %(number)s").replace("%(number)s", ""))
    lines = [bare(line) for line in text.splitlines()]
    start = next((i for i, line in enumerate(lines) if line and line.replace("911", "") == title), None)
    if start is None:
        return None
    step = []
    for line in lines[start + 1:]:
        if line.startswith(("2.", ".2")):
            break
        step.append(line)
    return "".join(step)


def translated(lang: str, english: str) -> str:
    """How ``lang`` prints the English message (the message itself for English)."""
    if lang == "en":
        return english
    return load_messages(open_project(shipped_root()), lang).entries[english].string


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_emergency_number_is_in_the_first_step(out: Path, lang: str, fmt: str) -> None:
    steps = [emergency_first_step(text, lang) for text in texts(out / "us" / lang / f"{fmt}.pdf", fmt, 1)]
    found = [step for step in steps if step is not None]
    assert found and all("911" in step for step in found), steps


@pytest.mark.parametrize("fmt", ["booklet", "trifold"])
@pytest.mark.parametrize("lang", LANGS)
def test_rescue_breathing_and_the_repeat_dose_print(out: Path, lang: str, fmt: str) -> None:
    printed = texts(out / "us" / lang / f"{fmt}.pdf", fmt)
    for message in STEPS[fmt]:
        wanted = re.sub(r"<[^>]+>", "", translated(lang, message))
        assert any(holds(text, wanted, rtl=lang == "ar") for text in printed), message


def test_each_region_warns_about_its_own_drug_supply(out: Path) -> None:
    us = flat(pdf_text(out / "us" / "en" / "booklet.pdf"))
    gb = flat(pdf_text(out / "gb" / "en" / "booklet.pdf"))
    assert "Nitazenes" in gb and "xylazine" not in gb.lower()
    assert "itazene" not in us and "Xylazine" in us and "Fentanyl is in the drug supply" in us
    assert "Good Samaritan" in us and "Good Samaritan" not in gb


@pytest.mark.parametrize("fmt", ["booklet", "trifold", "card"])
@pytest.mark.parametrize("region", BRITISH)
def test_british_english_has_no_us_spellings(out: Path, region: str, fmt: str) -> None:
    text = flat(pdf_text(out / region / "en" / f"{fmt}.pdf"))
    for name in PROPER_NAMES:
        text = text.replace(name, "")
    text = re.sub(r"\S*(?:www\.|/)\S*", "", text)  # web addresses are not spelling
    found = [w for w in US_SPELLINGS if re.search(rf"\b{w}\b", text, re.IGNORECASE)]
    assert found == []


def test_the_new_york_card_carries_the_hopeline(out: Path) -> None:
    assert "877-846-7369" in pdf_text(out / "us-ny" / "en" / "card.pdf")


def test_a_draft_translation_says_so_and_a_reviewed_one_does_not(
        out: Path, run_cli: Callable[..., Result], tmp_path: Path) -> None:
    line = flat(translated("es", DRAFT_LINE))
    for fmt in ("booklet", "trifold", "card"):
        assert line in flat(pdf_text(out / "us" / "es" / f"{fmt}.pdf")), fmt
    assert DRAFT_LINE not in flat(pdf_text(out / "us" / "en" / "booklet.pdf"))
    project = tmp_path / "reviewed"
    shutil.copytree(shipped_root() / "locales", project / "locales")
    (project / "booklet.toml").write_text('name = "reviewed"\n', encoding="utf-8")
    (project / "locales" / "es" / "review.yaml").write_text(
        "status: reviewed\ntranslated_by: a team\nreviewed_by: R. Núñez, promotora de salud\n"
        "reviewed_on: 2026-11-30\n", encoding="utf-8")
    build(run_cli, tmp_path / "o", "us", ("es",), ("booklet", "card"), project)
    for fmt in ("booklet", "card"):
        assert line not in flat(pdf_text(tmp_path / "o" / "us" / "es" / f"{fmt}.pdf")), fmt
