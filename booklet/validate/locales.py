"""Read each language's review record; a language without one counts as a draft."""

from __future__ import annotations

from booklet.errors import Problem, Problems
from booklet.load.project import Project
from booklet.models.locale import TranslationReview
from booklet.validate.schema import read_model

REVIEW_FILE = "review.yaml"
UNRECORDED = TranslationReview(status="draft", translated_by="unknown",
                               notes="no locales/<lang>/review.yaml: treat as an unreviewed draft")


def load_review(project: Project, lang: str, problems: Problems) -> TranslationReview:
    """The review record of ``lang``; problems in the file are recorded."""
    path = project.find("locales", f"{lang}/{REVIEW_FILE}")
    if path is None:
        problems.add(Problem(f"locales/{lang}", None, "", f"no {REVIEW_FILE} for {lang}",
                             "add one saying who translated and reviewed it", "warning"))
        return UNRECORDED
    return read_model(path, TranslationReview, problems)[0] or UNRECORDED
