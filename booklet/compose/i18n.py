"""Interface strings through gettext: ``locales/<lang>/LC_MESSAGES/booklet.po``.

Catalogs are kept as ``.po`` (what translators edit in Poedit or Weblate) and compiled in
memory with Babel at build time, so there is no stale ``.mo`` to forget.
"""

from __future__ import annotations

import gettext
import io
from dataclasses import dataclass, field

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from booklet.errors import BookletError, display_path
from booklet.load.project import Project

DOMAIN = "booklet"


def babel_locale(lang: str) -> Locale:
    """The Babel locale for a BCP 47 tag such as ``zh-Hans``."""
    try:
        return Locale.parse(lang, sep="-")
    except (UnknownLocaleError, ValueError) as exc:
        raise BookletError(f"language {lang!r} is not a known locale") from exc


@dataclass
class Translations:
    """gettext for one language, remembering which strings were missing."""

    lang: str
    catalog: gettext.NullTranslations
    translated: frozenset[str] = frozenset()
    """Message ids the catalog translates (a translation may equal its English id)."""
    missing: set[str] = field(default_factory=set)

    def gettext(self, message: str) -> str:
        """Translate ``message``; note it when the catalog lacks it (English needs none)."""
        if message not in self.translated and self.lang != "en":
            self.missing.add(message)
        return self.catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """Translate with a plural form."""
        return self.catalog.ngettext(singular, plural, n)


def load_translations(project: Project, lang: str) -> Translations:
    """Compile the language's catalog from the first ``booklet.po`` in the layers."""
    path = project.find("locales", f"{lang}/LC_MESSAGES/{DOMAIN}.po")
    if path is None:
        return Translations(lang, gettext.NullTranslations())
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=babel_locale(lang), domain=DOMAIN)
    except (OSError, ValueError) as exc:
        raise BookletError(f"{display_path(path)}: cannot read catalog: {exc}") from exc
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    done = frozenset(m.id for m in catalog if isinstance(m.id, str) and m.id and m.string and not m.fuzzy)
    return Translations(lang, gettext.GNUTranslations(buffer), done)
