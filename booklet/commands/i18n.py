"""``booklet i18n``: the translator workflow (Babel, gettext), as sphinx-intl does it.

extract: templates and code → ``locales/booklet.pot`` (every block of prose a message);
update: ``.pot`` → ``locales/<lang>/LC_MESSAGES/booklet.po``; a message whose English
changed is marked fuzzy, with the old English kept as ``#| msgid`` for the translator;
compile: read every catalog as the build does and refuse bad translations;
status: translated / outdated / missing per language and part, with the review status;
add: scaffold a new language (catalog, review record, region language lists).
"""

from __future__ import annotations

import io
import os
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from booklet import __version__
from booklet.compose.i18n import babel_locale, read_catalog
from booklet.errors import BookletError, Problem, ProblemsFound
from booklet.limits import YAML_BYTES
from booklet.load.clock import build_date
from booklet.load.files import read_text
from booklet.load.project import Project
from booklet.models.common import LANG_TAG
from booklet.models.locale import DOMAIN, SOURCE, catalog_name
from booklet.validate.catalogs import catalog_languages, catalog_status, compile_problems, source_catalog
from booklet.write.atomic import write_atomic

REVIEW_SKELETON = """\
# How far a clinic can trust the {lang} text: the translations in
# locales/{lang}/LC_MESSAGES/booklet.po. Schema: `booklet schema review`.
# When a fluent health worker has reviewed it, set status: reviewed, reviewed_by,
# reviewed_on, and revision (the catalog revision `booklet i18n status` shows).
status: draft
translated_by: "FILL IN: who translates it"
"""


def _locales(project: Project) -> Path:
    """Catalogs are written to the first layer: the user's project (or the clone)."""
    return project.layers[0] / "locales"


def _created() -> datetime:
    _, created = build_date(os.environ.get("SOURCE_DATE_EPOCH"))
    return created or datetime.now(UTC)


def po_bytes(catalog: Catalog) -> bytes:
    """A catalog as translators' tools expect it: by file and line, previous ids kept."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=90, sort_by_file=True, include_previous=True)
    return buffer.getvalue()


def extract(project: Project) -> tuple[Path, Catalog]:
    """Write every message of the English source to ``locales/booklet.pot``."""
    catalog = source_catalog(project, _created())
    path = _locales(project) / f"{DOMAIN}.pot"
    write_atomic(path, po_bytes(catalog), within=project.layers[0])
    return path, catalog


def _new_catalog(lang: str) -> Catalog:
    return Catalog(locale=babel_locale(lang), domain=DOMAIN, project="booklet", version=__version__,
                   copyright_holder="booklet contributors", charset="utf-8",
                   creation_date=_created(), revision_date=_created(), fuzzy=False)


def update(project: Project, langs: list[str]) -> list[Path]:
    """Extract the English again (the ``.pot``), then merge it into each language's catalog
    (every catalog when ``langs`` is empty).

    A message whose English changed is matched to its old translation and marked fuzzy
    (Babel's fuzzy matching), keeping the old English as ``#| msgid``.
    """
    _, template = extract(project)
    written = []
    for lang in langs or catalog_languages(project):
        existing = project.find("locales", catalog_name(lang))
        catalog = read_catalog(existing, lang) if existing else _new_catalog(lang)
        catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
        path = _locales(project) / catalog_name(lang)
        write_atomic(path, po_bytes(catalog), within=project.layers[0])
        written.append(path)
    return written


def compile_all(project: Project) -> list[Problem]:
    """Every problem in every catalog, as the build would meet it."""
    return [p for lang in catalog_languages(project) for p in compile_problems(project, lang)]


def add_language(project: Project, lang: str, regions: list[str]) -> list[Path]:
    """Scaffold ``lang``: an empty catalog, a draft review record, and ``lang`` in the
    ``languages`` of each region named (the project's own region files)."""
    if not LANG_TAG.fullmatch(lang) or lang == SOURCE:
        raise BookletError(f"{lang!r}: not a language tag to translate into "
                           "(BCP 47, e.g. vi, pt-BR or zh-Hant)")
    babel_locale(lang)
    offers = [edit for code in regions if (edit := _offer(project, code, lang)) is not None]
    if project.find("locales", catalog_name(lang)) is not None:
        raise BookletError(f"locales/{catalog_name(lang)} exists already "
                           "(hint: `booklet i18n update -l {lang}` merges new messages into it)")
    catalog = _new_catalog(lang)
    catalog.update(source_catalog(project, _created()), update_header_comment=False)
    catalog_path = _locales(project) / catalog_name(lang)
    write_atomic(catalog_path, po_bytes(catalog), within=project.layers[0])
    written = [catalog_path]
    review = _locales(project) / lang / "review.yaml"
    if not review.exists():
        write_atomic(review, REVIEW_SKELETON.format(lang=lang).encode("utf-8"),
                     within=project.layers[0])
        written.append(review)
    for target, data in offers:
        write_atomic(target, data, within=project.layers[0])
        written.append(target)
    return written


def _offer(project: Project, code: str, lang: str) -> tuple[Path, bytes] | None:
    """Region ``code``'s own file with ``lang`` added to its languages (validated, not yet
    written); None if the region offers it already."""
    from booklet.validate.regions import load_regions
    from booklet.write.verification import editable, region_bytes
    from booklet.write.yamledit import set_flow_list

    today, _ = build_date(os.environ.get("SOURCE_DATE_EPOCH"))
    found, problems = load_regions(project, [code], today, allow_stale=True)
    if code not in found:
        raise ProblemsFound(problems.errors)
    if lang in found[code].languages:
        return None
    target = editable(project, found[code].files[-1])
    text = read_text(target, YAML_BYTES)
    return target, region_bytes(target, set_flow_list(text, "languages", [*found[code].languages, lang]))


def raise_for(problems: list[Problem]) -> None:
    """Fail with every problem found."""
    if problems:
        raise ProblemsFound(problems)


def compile_command(project_dir: Path | None) -> None:
    """Print one completeness line per language; raise if any catalog has errors."""
    import click

    from booklet.load.project import open_project

    project = open_project(project_dir)
    source = source_catalog(project)
    for lang in catalog_languages(project):
        status = catalog_status(project, lang, source)
        click.echo(f"{lang:8} {status.translated:4}/{status.total:<4} translated ({status.percent}%), "
                   f"{status.outdated} outdated, {status.missing} missing")
    raise_for(compile_all(project))


def status_command(project_dir: Path | None, langs: list[str], as_json: bool) -> None:
    """Print each catalog's counts (as ``sphinx-intl stat``) and the per-part table."""
    import json

    import click

    from booklet.check.report import translation_table
    from booklet.check.translations import check_translations
    from booklet.errors import Problems
    from booklet.load.project import open_project

    project = open_project(project_dir)
    rows = check_translations(project, langs or catalog_languages(project), source_catalog(project),
                              Problems())
    if as_json:
        click.echo(json.dumps([row.as_json() for row in rows], indent=2, ensure_ascii=False))
        return
    for row in rows:
        c = row.catalog
        click.echo(f"locales/{catalog_name(c.lang)}: {c.translated} translated, {c.outdated} fuzzy, "
                   f"{c.missing} untranslated.")
    click.echo("")
    click.echo("\n".join(translation_table(rows)))
