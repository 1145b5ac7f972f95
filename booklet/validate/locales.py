"""Read each language's review record; a language without one counts as a draft."""

from __future__ import annotations

from booklet.errors import BookletError, Problem, Problems
from booklet.load.project import Project
from booklet.models.locale import SOURCE, TranslationReview
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


def review_label(project: Project, lang: str) -> str:
    """What a clinic should read about ``lang``'s text: 'source', 'draft', 'reviewed … by …',
    or 'reviewed … by …, then changed' when the catalog is no longer the reviewed revision."""
    if lang.split("-")[0] == SOURCE:
        return "source"
    review = load_review(project, lang, Problems())
    if review.status != "reviewed" or review.revision is None:
        return review.label()
    from booklet.compose.i18n import load_messages  # Babel: only for reviewed languages

    try:
        return review.label(load_messages(project, lang).revision)
    except BookletError:  # a broken catalog fails the build itself; the label stays as recorded
        return review.label()
