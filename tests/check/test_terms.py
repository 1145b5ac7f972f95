"""Banned terms and wrong claims: found at file:line with a replacement; proper names allowed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from booklet.check.report import check_project
from booklet.check.terms import visible
from booklet.errors import Problem
from booklet.load.project import open_project

SECTION = "sections/en/therapies.html.j2"


def _findings(make_project: Callable[..., Path], files: dict[str, str], suffix: str) -> list[Problem]:
    report = check_project(open_project(make_project(files)), date(2026, 12, 1))
    return [p for p in report.problems if p.file.endswith(suffix) and p.field != "reading level"]


def test_a_banned_term_in_a_section_is_an_error_with_its_line_and_replacement(
        make_project: Callable[..., Path]) -> None:
    text = '{% set title = "Support" %}\n<h2>{{ title }}</h2>\n<p>Every addict can get help.</p>\n'
    found = _findings(make_project, {SECTION: text}, "therapies.html.j2")
    assert [(p.line, p.severity, p.message) for p in found] == [(3, "error", 'avoid "addict"')]
    assert "person with opioid use disorder" in found[0].hint


@pytest.mark.parametrize("claim", [
    "Heroin is the most addictive drug in human history.",
    "Naltrexone treats withdrawal.",
    "Methadone comes in tablet form.",
    "Some people have to hit rock bottom first.",
    "Read more from the National Institute of Drug Abuse.",
    "Rational Recovery meets on Tuesdays.",
    "Call our helpline today.",
    "Buprenorphine has no high at all.",
    "Inpatient rehab is vital for recovery.",
    "Start counseling only after detox ends.",
])
def test_a_wrong_claim_in_a_section_is_an_error(make_project: Callable[..., Path], claim: str) -> None:
    found = _findings(make_project, {SECTION: f"<p>{claim}</p>\n"}, "therapies.html.j2")
    assert any(p.message.startswith("wrong claim") and p.severity == "error" and p.line == 1 for p in found)


def test_proper_names_and_template_code_are_not_flagged(make_project: Callable[..., Path]) -> None:
    text = ('{% set title = "Support" %}{% set users = 1 %}<h2 class="abuse">{{ title }}</h2>\n'
            "<p>The National Institute on Drug Abuse and Narcotics Anonymous can help.</p>\n")
    assert _findings(make_project, {SECTION: text}, "therapies.html.j2") == []


def test_words_inside_gettext_strings_are_checked(make_project: Callable[..., Path]) -> None:
    found = _findings(make_project, {"sections/parts/stale.html.j2": '<p>{{ _("Stay clean.") }}</p>\n'},
                      "stale.html.j2")
    assert [p.message for p in found] == ['avoid "clean"']


def test_detox_is_a_warning_and_mat_matches_only_in_capitals(make_project: Callable[..., Path]) -> None:
    text = "<p>Detox is a first step.</p>\n<p>Sit on the mat.</p>\n<p>Ask about MAT.</p>\n"
    found = _findings(make_project, {SECTION: text}, "therapies.html.j2")
    assert [(p.line, p.severity) for p in found] == [(1, "warning"), (3, "error")]


def test_printed_region_text_is_checked_and_notes_are_not(make_project: Callable[..., Path],
                                                          shipped: Path) -> None:
    data = (shipped / "regions/us.yaml").read_text(encoding="utf-8")
    data = data.replace("naloxone:\n  en: You", "naloxone:\n  en: Every addict can get naloxone. You", 1)
    assert "Every addict" in data
    found = _findings(make_project, {"regions/us.yaml": data + "# an addict wrote this note\n"}, "us.yaml")
    assert [(p.field, p.message) for p in found] == [("naloxone.en", 'avoid "addict"')]


def test_visible_keeps_text_and_quoted_strings_only() -> None:
    line = '<li class="user" title="Hi">{{ _("Call") }} {% if relapse %}now{% endif %}{# addict #}</li>'
    assert visible(line).split() == ['title="Hi"', '"Call"', "now"]


def catalog_with(lang: str, sentence: str) -> dict[str, str]:
    """A project catalog for ``lang`` that translates one message as ``sentence``."""
    po = (f'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
          f'msgid "Treatment works"\nmsgstr "{sentence}"\n')
    return {f"locales/{lang}/LC_MESSAGES/booklet.po": po}


@pytest.mark.parametrize(("lang", "sentence", "word", "hint"), [
    ("es", "Un adicto también puede recibir ayuda.", "adicto", "persona con trastorno"),
    ("es", "Una recaída no es un fracaso.", "recaída", "volver a consumir"),
    ("fr", "Un toxicomane peut aussi recevoir de l'aide.", "toxicomane", "personne qui consomme"),
    ("fr", "Le traitement de substitution aide.", "traitement de substitution", "agonistes opioïdes"),
])
def test_spanish_and_french_words_are_checked_too(make_project: Callable[..., Path], lang: str,
                                                  sentence: str, word: str, hint: str) -> None:
    found = [p for p in _findings(make_project, catalog_with(lang, sentence), "booklet.po")
             if p.field == "translation"]
    assert [(p.line, p.message) for p in found] == [(6, f'avoid "{word}"')]
    assert hint in found[0].hint


def test_spanish_proper_names_are_allowed(make_project: Callable[..., Path]) -> None:
    files = catalog_with("es", "Lea al Instituto Nacional sobre el Abuso de Drogas.")
    assert [p for p in _findings(make_project, files, "booklet.po") if p.field == "translation"] == []
