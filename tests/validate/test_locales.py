"""Each translation says whether it is a draft or reviewed, by whom and when."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from booklet.errors import Problems
from booklet.load.project import open_project
from booklet.validate.locales import load_review, review_label


def review_of(make_project: Callable[..., Path], text: str | None, lang: str = "es"
              ) -> tuple[str, Problems]:
    files = {f"locales/{lang}/review.yaml": text} if text is not None else {}
    problems = Problems()
    review = load_review(open_project(make_project(files)), lang, problems)
    return review.label(), problems


def test_reviewed_translation(make_project: Callable[..., Path]) -> None:
    label, problems = review_of(make_project, "status: reviewed\ntranslated_by: A\n"
                                "reviewed_by: B. Ruiz, promotora\nreviewed_on: 2026-10-01\n")
    assert label == "reviewed 2026-10-01 by B. Ruiz, promotora"
    assert problems.items == []


def test_reviewed_needs_who_and_when(make_project: Callable[..., Path]) -> None:
    label, problems = review_of(make_project, "status: reviewed\ntranslated_by: A\n")
    assert label == "draft"
    [problem] = problems.errors
    assert problem.line == 1 and "needs reviewed_by and reviewed_on" in problem.message


def test_a_language_without_a_record_is_a_draft_with_a_warning(make_project: Callable[..., Path]) -> None:
    label, problems = review_of(make_project, None, lang="xx")
    assert label == "draft"
    assert [p.severity for p in problems] == ["warning"]


def test_the_review_status_is_read_once_and_again_when_it_changes(
        make_project: Callable[..., Path]) -> None:
    folder = make_project({"locales/es/review.yaml": "status: draft\ntranslated_by: a team\n"})
    project = open_project(folder)
    assert review_label(project, "es") == "draft"
    review = folder / "locales" / "es" / "review.yaml"
    review.write_text("status: reviewed\ntranslated_by: a team\nreviewed_by: Ana\n"
                      "reviewed_on: 2026-11-01\n", encoding="utf-8")
    assert review_label(project, "es") == "reviewed 2026-11-01 by Ana"
