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


def test_missing_sections_and_strings_are_reported(make_project: Callable[..., Path]) -> None:
    report = report_for(make_project, {"sections/de/heroin.html.j2": "<h2>Heroin</h2>"})
    row = next(r for r in report.translations if r.lang == "de")
    assert (row.review, row.sections) == ("draft", "1/6")
    assert row.strings.startswith("0/") and row.strings.endswith("(0%)")
    messages = [(p.file, p.field, p.message) for p in report.warnings
                if p.file.startswith(("sections/de", "locales/de"))]
    assert ("sections/de", "overdose", "no de text: this section prints in English") in messages
    assert any("interface strings not translated" in m for _, _, m in messages)
