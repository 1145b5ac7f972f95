"""The shipped English text: plain language, no banned terms or wrong claims, nothing
region-specific hard-coded, references per section and the cover's emergency box."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from booklet.check.readability import SectionRenderer
from booklet.check.report import Report, check_project
from booklet.errors import Problems
from booklet.load.project import open_project, shipped_root
from booklet.validate.content import load_index
from booklet.validate.regions import load_regions
from tests.conftest import pdf_text

TODAY = date(2026, 12, 1)
OWN_PARTS = ("cover.html.j2", "emergency.html.j2", "back.html.j2")
REGION_FACTS = re.compile(r"\b(911|988|999|112|000)\b|1-800|FindTreatment|SAMHSA|over the counter|"
                          r"X-waiver|\bDEA\b|\bFDA\b|Sublocade|Brixadi|Narcan", re.IGNORECASE)


@pytest.fixture(scope="module")
def report() -> Report:
    return check_project(open_project(shipped_root()), TODAY)


def _content_files() -> list[Path]:
    sections = shipped_root() / "sections"
    return sorted(sections.glob("*.html.j2")) + [sections / "parts" / n for n in OWN_PARTS]


def test_every_english_section_is_measured_at_grade_7_or_below(report: Report) -> None:
    index = load_index(open_project(shipped_root()), Problems())
    assert index is not None
    rows = {r.section: r for r in report.reading if r.lang == "en"}
    assert set(rows) == {s.id for s in index.sections}
    for row in rows.values():
        assert row.status == "ok" and row.score is not None and row.score <= 7, row


def test_the_text_has_no_banned_terms_wrong_claims_or_index_problems(report: Report) -> None:
    own = {str(p) for p in _content_files()} | {str(shipped_root() / "sections/sections.yaml")}
    mine = [str(p) for p in report.problems if str(Path(p.file).resolve()) in own
            and not p.field.endswith(".seen_in")]  # sources read only in a copy: named, not wrong
    assert mine == []


@pytest.mark.parametrize("path", _content_files(), ids=lambda p: p.name)
def test_no_region_facts_are_hard_coded(path: Path) -> None:
    assert REGION_FACTS.findall(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("section", ["overdose", "help"])
def test_sections_print_the_regions_emergency_number(section: str) -> None:
    project = open_project(shipped_root())
    regions, _ = load_regions(project, ["gb"], TODAY)
    index = load_index(project, Problems())
    assert index is not None
    text, title = SectionRenderer(project, regions["gb"], "en", index).render(f"{section}.html.j2")
    assert "999" in text and "911" not in text and title


def test_the_overdose_section_prints_the_regions_naloxone_access() -> None:
    project = open_project(shipped_root())
    regions, _ = load_regions(project, ["gb"], TODAY)
    index = load_index(project, Problems())
    assert index is not None
    text, _ = SectionRenderer(project, regions["gb"], "en", index).render("overdose.html.j2")
    naloxone = regions["gb"].naloxone
    expected = naloxone if isinstance(naloxone, str) else naloxone["en"]
    assert re.sub(r"\s+", " ", expected) in text


def test_the_cover_has_the_emergency_box_and_one_main_message(default_booklet: Path) -> None:
    cover = re.sub(r"\s+", " ", pdf_text(default_booklet, page=1))
    for words in ("Overdose? Call 911", "Call 911 and give naloxone", "Not breathing?", "Stay with them",
                  "Treatment works, and you can start at any time."):
        assert words in cover


def test_the_back_matter_lists_each_sections_sources_under_its_title(default_booklet: Path) -> None:
    html = default_booklet.with_suffix(".html").read_text(encoding="utf-8")
    back = html[html.index('id="back"'):].replace("\u00a0", " ")
    titles = re.findall(r'<h3 class="refs-title">([^<]+?) <span', back)
    assert titles == ["What heroin is", "Overdose and naloxone", "Withdrawal",
                      "Medicines for opioid use disorder", "Counseling and support", "Where to get help"]
    for words in ("not medical advice", "Edition 2026.2", "Next review by Nov 29, 2027",
                  "This handout is available in:", "Your clinic", "nida.nih.gov/research-topics/heroin"):
        assert words in back
