"""Read each language's review record; a language without one counts as a draft."""

from __future__ import annotations

from pathlib import Path

from booklet.errors import BookletError, Problem, Problems
from booklet.load.project import Project
from booklet.models.locale import SOURCE, TranslationReview, catalog_name
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
    or 'reviewed … by …, then changed' when the catalog is no longer the reviewed revision.

    A build records it for every output: the files are read once per language (and again
    only when they change), not once per output."""
    if lang.split("-")[0] == SOURCE:
        return "source"
    key = (project.layers, lang, *(_stamp(project.find("locales", name))
                                   for name in (f"{lang}/{REVIEW_FILE}", catalog_name(lang))))
    if key not in _LABELS:
        _LABELS[key] = _label(project, lang)
    return _LABELS[key]


_LABELS: dict[tuple[object, ...], str] = {}
"""Review labels by project layers, language, and the review file's and catalog's stamps."""


def _stamp(path: Path | None) -> tuple[str, int, int]:
    try:
        info = path.stat() if path is not None else None
    except OSError:
        info = None
    return str(path), info.st_size if info else -1, info.st_mtime_ns if info else -1


def _label(project: Project, lang: str) -> str:
    review = load_review(project, lang, Problems())
    if review.status != "reviewed" or review.revision is None:
        return review.label()
    from booklet.compose.i18n import load_messages  # Babel: only for reviewed languages

    try:
        return review.label(load_messages(project, lang).revision)
    except BookletError:  # a broken catalog fails the build itself; the label stays as recorded
        return review.label()


def review_status(project: Project, lang: str) -> str:
    """'source' (English and its variants), 'draft' (also when there is no record) or
    'reviewed'."""
    if lang.split("-")[0] == SOURCE:
        return "source"
    return load_review(project, lang, Problems()).status
