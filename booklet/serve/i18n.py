"""The studio's interface strings through gettext, in a domain of their own: ``studio``.

``locales/en/LC_MESSAGES/studio.po`` holds the English source strings and
``locales/es/LC_MESSAGES/studio.po`` the Spanish translation; they are compiled in memory
with Babel, like the handout's ``booklet`` catalogs. The interface language is chosen with
``?ui=es`` (kept in a cookie), else from the browser's ``Accept-Language``.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

from babel import Locale, negotiate_locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from booklet.load.project import shipped_root

DOMAIN = "studio"
LANGUAGES = ("en", "es")
UI_COOKIE = "booklet_ui"
KEYWORDS = {"_": None, "gettext": (2,)}
"""Templates call ``_(message)``; Python calls ``web.gettext(request, message)``."""


def catalog_path(lang: str) -> Path:
    """Where the studio catalog of ``lang`` is kept."""
    return shipped_root() / "locales" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled studio catalog of ``lang`` (English strings are their own translation)."""
    path = catalog_path(lang)
    if lang == "en" or not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def choose(asked: str | None, cookie: str | None, accept: str) -> str:
    """The interface language: asked for, remembered, else the browser's first we have."""
    for lang in (asked, cookie):
        if lang in LANGUAGES:
            return lang
    preferred = [part.split(";")[0].strip().replace("-", "_") for part in accept.split(",")]
    found = negotiate_locale([p for p in preferred if p], list(LANGUAGES), sep="_")
    return found if found in LANGUAGES else "en"


def language_name(lang: str) -> str:
    """A language's name in that language ("Español")."""
    name = Locale.parse(lang, sep="-").get_display_name(Locale.parse(lang, sep="-")) or lang
    return name[:1].upper() + name[1:]


def extract_messages() -> Catalog:
    """Every interface string of the studio: its Python code and its page templates."""
    folder = Path(__file__).parent
    catalog = Catalog(domain=DOMAIN, project="booklet studio")
    method_map = [("**.py", "python"), ("templates/**.html", "jinja2.ext:babel_extract")]
    for filename, lineno, message, comments, _context in extract_from_dir(
            folder, method_map, keywords=KEYWORDS, options_map={"templates/**.html": {}}):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments)
    return catalog
