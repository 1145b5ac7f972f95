"""``booklet i18n``: the translator workflow for interface strings (Babel, gettext).

extract: templates and code → ``locales/booklet.pot``;
update: ``.pot`` → ``locales/<lang>/LC_MESSAGES/booklet.po`` (new or merged, for Poedit/Weblate);
compile: compile every catalog as the build does and report completeness and errors.
"""

from __future__ import annotations

import io
import os
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import write_po

from booklet import __version__
from booklet.compose.i18n import DOMAIN, babel_locale
from booklet.errors import BookletError
from booklet.load.clock import build_date
from booklet.load.project import Project
from booklet.validate.catalogs import catalog_languages, check_catalog, read_catalog
from booklet.write.atomic import write_atomic

TEMPLATE_METHODS = [("**.j2", "jinja2.ext:babel_extract")]
TEMPLATE_OPTIONS = {"**.j2": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
CODE_METHODS = [("**.py", "python")]


def _target(project: Project) -> Path:
    """Catalogs are written to the first layer: the user's project (or the clone)."""
    return project.layers[0] / "locales"


def extract(project: Project) -> tuple[Path, int]:
    """Collect every ``_()`` string from templates and compose code into the ``.pot``."""
    _, created = build_date(os.environ.get("SOURCE_DATE_EPOCH"))
    catalog = Catalog(domain=DOMAIN, project="booklet", version=__version__,
                      copyright_holder="booklet contributors", charset="utf-8",
                      creation_date=created or datetime.now(UTC))
    sources = [(folder, TEMPLATE_METHODS, TEMPLATE_OPTIONS) for folder in project.folders("sections")]
    sources.append((Path(__file__).resolve().parent.parent / "compose", CODE_METHODS, {}))
    for folder, methods, options in sources:
        for name, line, message, comments, context in extract_from_dir(folder, methods, options):
            where = (f"{folder.name}/{name}", line)
            known = catalog.get(message, context)
            if known is None:
                catalog.add(message, None, [where], auto_comments=comments, context=context)
            else:
                known.locations.append(where)
    path = _target(project) / f"{DOMAIN}.pot"
    write_atomic(path, _po_bytes(catalog), within=project.layers[0])
    return path, len(catalog)


def _po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=90, omit_header=False, sort_output=True, include_lineno=False)
    return buffer.getvalue()


def update(project: Project, langs: list[str]) -> list[Path]:
    """Create or merge ``booklet.po`` for each language from the ``.pot``."""
    pot_path = project.find("locales", f"{DOMAIN}.pot")
    if pot_path is None:
        raise BookletError("locales/booklet.pot not found (hint: run `booklet i18n extract` first)")
    template = read_catalog(pot_path)
    written = []
    for lang in langs:
        existing = project.find("locales", f"{lang}/LC_MESSAGES/{DOMAIN}.po")
        if existing is None:
            catalog = Catalog(locale=babel_locale(lang), domain=DOMAIN, project="booklet",
                              version=__version__, charset="utf-8")
        else:
            catalog = read_catalog(existing, lang)
        catalog.update(template, update_header_comment=False)
        path = _target(project) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        write_atomic(path, _po_bytes(catalog), within=project.layers[0])
        written.append(path)
    return written


def compile_all(project_dir: Path | None) -> None:
    """Check every catalog and print one line per language; raise if any has errors."""
    import click

    from booklet.load.project import open_project

    project = open_project(project_dir)
    reports = [check_catalog(project, lang) for lang in catalog_languages(project)]
    for report in reports:
        click.echo(f"{report.lang:8} {report.translated:4}/{report.total:<4} translated "
                   f"({report.percent}%), {report.fuzzy} fuzzy, {len(report.errors)} errors")
        for error in report.errors:
            click.echo(f"  {error}", err=True)
    if any(r.errors for r in reports):
        raise BookletError("catalog errors found (see above)")
