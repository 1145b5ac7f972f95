"""Stage 3: compose one document's HTML from the layout, the sections and the region."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from booklet.compose.assets import asset_url
from booklet.compose.context import Localizer, PrintedSection, region_view, section_references
from booklet.compose.environment import environment, render_bounded, template_error
from booklet.compose.formats import FORMATS, extra_stylesheets
from booklet.compose.i18n import babel_locale, load_translations
from booklet.compose.org import org_view
from booklet.compose.qr import qr_svg
from booklet.errors import BookletError
from booklet.load.project import Project
from booklet.models.content import SectionIndex
from booklet.models.job import Job
from booklet.validate.locales import review_status
from booklet.validate.org import Org
from booklet.validate.regions import Region

REVIEW_EVERY = timedelta(days=365)


@dataclass(frozen=True)
class Composed:
    """A composed document, ready for the renderer."""

    job: Job
    html: str
    stylesheets: tuple[Path, ...]
    page_css: str
    warnings: tuple[str, ...]


def _sections(index: SectionIndex, region: Region, loc: Localizer) -> list[PrintedSection]:
    return [PrintedSection(s.id, s.template, loc.date(s.reviewed), *section_references(s, region, loc))
            for s in index.sections]


def _stylesheets(project: Project, names: tuple[str, ...]) -> tuple[Path, ...]:
    found = []
    for name in names:
        path = project.find("styles", name)
        if path is None:
            raise BookletError(f"styles/{name}: stylesheet not found (hint: restore the shipped one)")
        found.append(path)
    return tuple(found)


def compose(project: Project, region: Region, job: Job, index: SectionIndex,
            created: datetime | None, org: Org | None = None) -> Composed:
    """Render the layout template for ``job`` to HTML, with ``org`` in the stamp area."""
    spec = FORMATS[job.fmt]
    lang = region.locale(job.lang)  # the variant printed here: en-GB for English in gb
    rtl = babel_locale(lang).character_order == "right-to-left"
    translations = load_translations(project, lang, rtl)
    loc = Localizer(lang, translations, region.date_format, rtl)
    reviewed = min(s.reviewed for s in index.sections)
    env = environment(tuple(project.folders("sections")), project.shipped / "sections")
    context = {
        **translations.template_callables(),
        "doc": {
            "lang": lang, "dir": "rtl" if rtl else "ltr", "format": job.fmt,
            "draft": review_status(project, lang) == "draft",
            "edition": index.edition, "reviewed": loc.date(reviewed),
            "next_review": loc.date(reviewed + REVIEW_EVERY),
            "created": created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if created else None,
            "author": project.config.name,
        },
        "region": region_view(region, loc),
        "sections": _sections(index, region, loc),
        "org": org_view(org, loc),
        "text": loc.text, "ltr": loc.ltr, "qr": qr_svg, "asset": asset_url(project),
    }
    try:
        html = render_bounded(env.get_template(spec.layout), context)
    except Exception as exc:  # anything a template raises is the template's (or its data's)
        raise template_error(exc) from exc
    warnings = translations.fallbacks()
    warnings.extend(f"{lang}: region text printed in English: {t[:60]!r}"
                    for t in sorted(loc.untranslated))
    return Composed(job, html, _stylesheets(project, spec.styles) + extra_stylesheets(project),
                    f"@page {{ size: {spec.page[region.paper]} }}", tuple(warnings))
