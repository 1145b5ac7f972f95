"""How far each language can be trusted: review record, section text, interface strings."""

from __future__ import annotations

from dataclasses import dataclass

from booklet.errors import Problem, Problems
from booklet.load.project import Project
from booklet.models.content import SectionIndex
from booklet.validate.catalogs import check_catalog
from booklet.validate.locales import load_review

SOURCE = "en"


@dataclass(frozen=True)
class LanguageStatus:
    """One language's completeness and review status, as `booklet check` shows it."""

    lang: str
    review: str
    sections: str
    strings: str


def check_translations(project: Project, index: SectionIndex, langs: list[str],
                       problems: Problems) -> list[LanguageStatus]:
    """Report each translation; drafts and gaps are warnings, catalog errors are errors."""
    rows = []
    for lang in (x for x in langs if x != SOURCE):
        review = load_review(project, lang, problems)
        where = f"locales/{lang}/review.yaml"
        if review.status == "draft":
            problems.add(Problem(where, None, "status", f"the {lang} translation is a draft",
                                 "have a fluent health worker review it, then record who and when",
                                 "warning"))
        have = [s.id for s in index.sections if project.find("sections", f"{lang}/{s.id}.html.j2")]
        for section in index.sections:
            if section.id not in have:
                problems.add(Problem(f"sections/{lang}", None, section.id,
                                     f"no {lang} text: this section prints in English",
                                     f"translate sections/en/{section.id}.html.j2", "warning"))
        catalog = check_catalog(project, lang)
        problems.extend(Problem(where, None, "catalog", error) for error in catalog.errors)
        if catalog.translated < catalog.total:
            problems.add(Problem(f"locales/{lang}/LC_MESSAGES/booklet.po", None, "",
                                 f"{catalog.total - catalog.translated} interface strings not "
                                 "translated: they print in English",
                                 "run `booklet i18n update` and translate them", "warning"))
        rows.append(LanguageStatus(lang, review.label, f"{len(have)}/{len(index.sections)}",
                                   f"{catalog.translated}/{catalog.total} ({catalog.percent}%)"))
    return rows
