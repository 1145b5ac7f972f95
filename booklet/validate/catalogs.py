"""Check the gettext catalogs: compile each as the build does and measure completeness."""

from __future__ import annotations

import gettext
import io
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from booklet.compose.i18n import DOMAIN, babel_locale
from booklet.errors import BookletError, display_path
from booklet.limits import CATALOG_BYTES
from booklet.load.files import read_bytes
from booklet.load.project import Project

NEWLINE = b"\n"


def read_catalog(path: Path, lang: str | None = None) -> Catalog:
    """Read a ``.po`` or ``.pot`` file (bounded, a regular file) and check its plural
    expression as gettext will compile it; raise ``BookletError`` naming file and line."""
    data = read_bytes(path, CATALOG_BYTES)
    try:
        catalog = read_po(io.BytesIO(data), locale=babel_locale(lang) if lang else None, domain=DOMAIN)
        gettext.c2py(catalog.plural_expr)
    except (ValueError, LookupError, SyntaxError, RecursionError) as exc:
        header = data.find(b"Plural-Forms") if "plural" in str(exc).lower() else -1
        where = f":{data.count(NEWLINE, 0, header) + 1}" if header >= 0 else ""
        raise BookletError(f"{display_path(path)}{where}: cannot read catalog: {exc} (hint: fix the "
                           "line in Poedit or a text editor)") from exc
    return catalog


@dataclass(frozen=True)
class CatalogReport:
    """How complete one language's catalog is, and what is wrong with it."""

    lang: str
    total: int
    translated: int
    fuzzy: int
    errors: tuple[str, ...]

    @property
    def percent(self) -> int:
        """Share of strings translated and not fuzzy."""
        return round(100 * self.translated / self.total) if self.total else 100


def check_catalog(project: Project, lang: str) -> CatalogReport:
    """Compile ``lang``'s catalog in memory and run Babel's checks on it."""
    path = project.find("locales", f"{lang}/LC_MESSAGES/{DOMAIN}.po")
    pot_path = project.find("locales", f"{DOMAIN}.pot")
    total = len(read_catalog(pot_path)) if pot_path else 0
    if path is None:
        return CatalogReport(lang, total, 0, 0, ())
    catalog = read_catalog(path, lang)
    errors = tuple(f"{display_path(path)}:{msg.lineno}: {msg.id!r}: {err}"
                   for msg, errs in catalog.check() for err in errs)
    write_mo(io.BytesIO(), catalog)
    messages = [m for m in catalog if m.id]
    translated = sum(1 for m in messages if m.string and not m.fuzzy)
    fuzzy = sum(1 for m in messages if m.fuzzy)
    return CatalogReport(lang, total or len(messages), translated, fuzzy, errors)


def catalog_languages(project: Project) -> list[str]:
    """Languages that have a ``booklet.po`` in any layer."""
    return sorted({p.name for folder in project.folders("locales") for p in folder.iterdir()
                   if (p / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()})


