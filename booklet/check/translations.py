"""How far each language can be trusted: review record, and per part of the handout how
many messages are translated, outdated (their English changed) or missing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from babel.messages.catalog import Catalog

from booklet.compose.i18n import is_source
from booklet.errors import Problem, Problems
from booklet.load.project import Project
from booklet.models.locale import SOURCE, catalog_name
from booklet.validate.catalogs import CatalogStatus, catalog_status
from booklet.validate.locales import load_review

UPDATE_HINT = "run `booklet i18n update`, then translate them in Poedit or Weblate"


@dataclass(frozen=True)
class LanguageStatus:
    """One language's review status and catalog status, as `booklet check` shows it."""

    review: str
    catalog: CatalogStatus

    @property
    def lang(self) -> str:
        """The language tag."""
        return self.catalog.lang

    def as_json(self) -> dict[str, Any]:
        """Totals, review and a row per part (section id, cover, labels …)."""
        c = self.catalog
        return {
            "lang": c.lang, "review": self.review, "revision": c.revision,
            "translated": c.translated, "outdated": c.outdated, "missing": c.missing,
            "total": c.total, "percent": c.percent,
            "sections": {p.part: {"translated": p.translated, "outdated": p.outdated,
                                  "missing": p.missing} for p in c.parts},
        }


def check_translations(project: Project, langs: list[str], source: Catalog, problems: Problems
                       ) -> list[LanguageStatus]:
    """Report each translation against the English ``source`` messages; drafts, outdated and
    missing messages are warnings, catalog errors are errors."""
    rows = []
    for lang in (x for x in langs if x != SOURCE):
        status = catalog_status(project, lang, source)
        if is_source(lang):  # a variant of English (en-GB): what it leaves out prints as written
            problems.extend(status.problems)
            rows.append(LanguageStatus("source variant", status))
            continue
        review = load_review(project, lang, problems)
        where = f"locales/{lang}/review.yaml"
        if review.status == "draft":
            problems.add(Problem(where, None, "status", f"the {lang} translation is a draft",
                                 "have a fluent health worker review it, then record who, when "
                                 "and the revision", "warning"))
        elif review.changed_since_review(status.revision):
            problems.add(Problem(where, None, "revision",
                                 f"reviewed revision {review.revision}, but the catalog is now "
                                 f"{status.revision}: reviewed, then changed",
                                 "have the changes reviewed, then record the new revision", "warning"))
        problems.extend(status.problems)
        _gaps(lang, status, project.config.outdated == "previous", problems)
        rows.append(LanguageStatus(review.label(status.revision), status))
    return rows


def _gaps(lang: str, status: CatalogStatus, previous: bool, problems: Problems) -> None:
    catalog = f"locales/{catalog_name(lang)}"
    outdated = "the previous translation prints" if previous else "printed in English"
    for part in status.parts:
        for count, what in ((part.outdated, f"outdated (the English changed): {outdated}"),
                            (part.missing, "missing: printed in English")):
            if count:
                problems.add(Problem(catalog, None, part.part,
                                     f"{count} message{'s' if count > 1 else ''} {what}",
                                     UPDATE_HINT, "warning"))
