"""What every shipped translation must keep: a clean, complete catalog and an honest review record."""

from __future__ import annotations

import pytest

from booklet.errors import Problems
from booklet.load.project import open_project, shipped_root
from booklet.validate.catalogs import catalog_status, source_catalog
from booklet.validate.locales import load_review
from tests.compose.translations import LANGUAGES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_is_complete_and_clean(lang: str) -> None:
    project = open_project(shipped_root())
    status = catalog_status(project, lang, source_catalog(project))
    assert (status.percent, status.outdated, status.missing, status.problems) == (100, 0, 0, ())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_review_record_says_draft(lang: str) -> None:
    problems = Problems()
    review = load_review(open_project(shipped_root()), lang, problems)
    assert problems.items == []
    assert review.status == "draft" and review.reviewed_by is None and review.reviewed_on is None
    assert "AI-assisted" in review.translated_by and "health worker" in (review.notes or "")
