"""`booklet check` shows each translation's review status and completeness."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from booklet.check.report import check_project
from booklet.load.project import open_project

REVIEWED = ("status: reviewed\ntranslated_by: booklet maintainers\n"
            "reviewed_by: R. Núñez, promotora de salud\nreviewed_on: 2026-11-01\n")


def report_for(make_project: Callable[..., Path], files: dict[str, str]):  # type: ignore[no-untyped-def]
    return check_project(open_project(make_project(files)), date(2026, 12, 1))


def test_a_draft_is_a_warning_and_a_reviewed_translation_is_not(make_project: Callable[..., Path]) -> None:
    report = report_for(make_project, {"locales/es/review.yaml": REVIEWED})
    status = {row.lang: row.review for row in report.translations}
    assert status["es"] == "reviewed 2026-11-01 by R. Núñez, promotora de salud"
    assert status["fr"] == "draft"
    drafts = [p.file for p in report.warnings if p.field == "status"]
    assert "locales/fr/review.yaml" in drafts and "locales/es/review.yaml" not in drafts
    assert report.failed(strict=True) and not report.failed()


DE = """msgid ""
msgstr ""
"Language: de\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgid "Overdose and naloxone"
msgstr "Überdosis und Naloxon"

#, fuzzy
msgid "Signs of an overdose"
msgstr "Anzeichen"
"""


def test_missing_and_outdated_messages_are_counted_per_section(make_project: Callable[..., Path]) -> None:
    report = report_for(make_project, {"locales/de/LC_MESSAGES/booklet.po": DE})
    row = next(r for r in report.translations if r.lang == "de")
    overdose = row.as_json()["sections"]["overdose"]
    assert (row.review, overdose["translated"], overdose["outdated"]) == ("draft", 1, 1)
    assert overdose["missing"] > 20 and row.catalog.percent < 5
    warned = {(p.field, p.message) for p in report.warnings if p.file == "locales/de/LC_MESSAGES/booklet.po"}
    assert ("overdose", "1 message outdated (the English changed): printed in English") in warned
    assert any(field == "parts/cover" and "missing" in message for field, message in warned)


def test_a_review_of_an_older_revision_shows_as_reviewed_then_changed(
        make_project: Callable[..., Path]) -> None:
    record = REVIEWED + "revision: 0123456789ab\n"
    report = report_for(make_project, {"locales/es/review.yaml": record})
    row = next(r for r in report.translations if r.lang == "es")
    assert row.review == "reviewed 2026-11-01 by R. Núñez, promotora de salud, then changed"
    assert any(p.field == "revision" for p in report.warnings if p.file == "locales/es/review.yaml")
    current = REVIEWED + f"revision: {row.catalog.revision}\n"
    again = report_for(make_project, {"locales/es/review.yaml": current})
    assert next(r for r in again.translations if r.lang == "es").review.endswith("promotora de salud")
