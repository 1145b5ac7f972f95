"""Translations through gettext catalogs: ``locales/<lang>/LC_MESSAGES/booklet.po``.

The English text lives once, in the templates; every block of prose is a catalog message.
Catalogs are read as ``.po`` (what translators edit in Poedit or Weblate) at build time, so
there is no stale ``.mo`` to forget. A message whose translation is missing, or fuzzy
because its English changed since it was translated, never prints silently: it prints the
current English, tagged ``lang="en"``, and the build warns, naming the section. A project
may print the previous (fuzzy) translation instead (``outdated = "previous"``).
"""

from __future__ import annotations

import gettext
import hashlib
import io
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from booklet.compose.messages import fill, message_problem
from booklet.errors import BookletError, Problem, ProblemsFound, display_path
from booklet.limits import CATALOG_BYTES
from booklet.load.files import read_bytes
from booklet.load.project import Project
from booklet.models.locale import DOMAIN, SOURCE, catalog_name

FSI, PDI = "\u2068", "\u2069"
Status = Literal["source", "translated", "outdated", "missing"]
OutdatedPolicy = Literal["english", "previous"]
NEWLINE = b"\n"
LABELS = "labels"
"""The owner of messages looked up from code (contact labels, data words), not a template."""


def babel_locale(lang: str) -> Locale:
    """The Babel locale for a BCP 47 tag such as ``zh-Hans``."""
    try:
        return Locale.parse(lang, sep="-")
    except (UnknownLocaleError, ValueError) as exc:
        raise BookletError(f"language {lang!r} is not a known locale") from exc


def is_source(lang: str) -> bool:
    """English and its variants (``en-GB``) are the source: a missing message is not a gap."""
    return lang.split("-")[0] == SOURCE


def read_catalog(path: Path, lang: str | None = None) -> Catalog:
    """Read a ``.po`` or ``.pot`` file (bounded, a regular file) and check its plural
    expression as gettext will compile it; raise ``BookletError`` naming file and line."""
    return parse_catalog(read_bytes(path, CATALOG_BYTES), path, lang)


def parse_catalog(data: bytes, path: Path, lang: str | None = None) -> Catalog:
    """``read_catalog`` for ``data`` already read from ``path``."""
    try:
        catalog = read_po(io.BytesIO(data), locale=babel_locale(lang) if lang else None, domain=DOMAIN)
        gettext.c2py(catalog.plural_expr)
    except (ValueError, LookupError, SyntaxError, RecursionError) as exc:
        header = data.find(b"Plural-Forms") if "plural" in str(exc).lower() else -1
        where = f":{data.count(NEWLINE, 0, header) + 1}" if header >= 0 else ""
        raise BookletError(f"{display_path(path)}{where}: cannot read catalog: {exc} (hint: fix the "
                           "line in Poedit or a text editor)") from exc
    return catalog


def is_english_copy(msgid: str, string: str) -> bool:
    """A translation that is only the English pasted in (with letters to translate)."""
    return string == msgid and any(c.isalpha() for c in msgid)


@dataclass(frozen=True)
class Entry:
    """One translated message as the catalog holds it."""

    string: str
    fuzzy: bool
    line: int | None
    fits: bool = True
    """Whether the string keeps the message's placeholders and tags: always for a current
    translation (a catalog that breaks them is refused); a fuzzy one was written for older
    English and may not, and then it is never printed, even as the previous translation."""


@dataclass(frozen=True)
class Messages:
    """One language's catalog, read and checked."""

    lang: str
    entries: Mapping[str, Entry]
    path: Path | None = None

    @property
    def revision(self) -> str:
        """A short fingerprint of every translation: what a review record names."""
        digest = hashlib.sha256()
        for msgid in sorted(self.entries):
            entry = self.entries[msgid]
            digest.update(f"{msgid}\0{entry.string}\0{int(entry.fuzzy)}\0".encode())
        return digest.hexdigest()[:12]


def catalog_problems(catalog: Catalog, path: Path) -> list[Problem]:
    """Every current translation that breaks the message rules (placeholders, markup); a fuzzy
    one belongs to older English and is only checked where it is used."""
    found = []
    for message in catalog:
        if not isinstance(message.id, str) or not message.id or not isinstance(message.string, str) \
                or message.fuzzy:
            continue
        why = message_problem(message.id, message.string) if message.string else None
        if why:
            found.append(Problem(display_path(path), message.lineno, repr(message.id[:50]), why,
                                 "keep the English placeholders and tags, then run `booklet i18n "
                                 "compile`"))
    return found


def messages_from(catalog: Catalog, lang: str, path: Path | None = None) -> Messages:
    """The translations a catalog holds (empty ones and English copies left out)."""
    entries = {
        m.id: Entry(m.string, m.fuzzy, m.lineno, message_problem(m.id, m.string) is None) for m in catalog
        if isinstance(m.id, str) and m.id and isinstance(m.string, str) and m.string
        and not is_english_copy(m.id, m.string)
    }
    return Messages(lang, entries, path)


def load_messages(project: Project, lang: str) -> Messages:
    """The language's catalog from the first layer that has one; a bad translation fails.

    A catalog's text is parsed and checked once per process (~7 ms each time otherwise: a
    worker composes many documents in one language, and ``booklet check`` composes every
    section); the ``Messages`` returned are shared, never to be changed."""
    path = project.find("locales", catalog_name(lang))
    if path is None:
        return Messages(lang, {})
    return _checked_messages(path, read_bytes(path, CATALOG_BYTES), lang)


@lru_cache(maxsize=8)
def _checked_messages(path: Path, data: bytes, lang: str) -> Messages:
    """The messages of ``data``, read from ``path`` (an error is not kept: it is raised
    again, naming the file as seen from the working folder of its own call). Eight catalogs
    cover a project's languages and keep at most 16 MiB of catalog text (``CATALOG_BYTES``)."""
    catalog = parse_catalog(data, path, lang)
    problems = catalog_problems(catalog, path)
    if problems:
        raise ProblemsFound(problems)
    return messages_from(catalog, lang, path)


def owner(template: str | None) -> str:
    """Who a message belongs to in reports: a section id, a part, or the labels."""
    if not template:
        return LABELS
    return template.removesuffix(".html.j2")


@dataclass
class Translations:
    """Messages for one document: looks each one up and remembers what printed in English."""

    messages: Messages
    outdated: OutdatedPolicy = "english"
    rtl: bool = False
    used: set[tuple[str, str, Status, bool]] = field(default_factory=set)
    """(owner, message, status, printed in English) of every message looked up."""

    @property
    def lang(self) -> str:
        """The document's language."""
        return self.messages.lang

    def lookup(self, msgid: str) -> tuple[str, Status]:
        """The text to print for ``msgid`` and why (``msgid`` itself when the English prints)."""
        entry = self.messages.entries.get(msgid)
        if entry is not None and (not entry.fuzzy or (self.outdated == "previous" and entry.fits)):
            return entry.string, "outdated" if entry.fuzzy else "translated"
        if is_source(self.lang):
            return msgid, "source"
        return msgid, "outdated" if entry is not None else "missing"

    def message(self, msgid: str, where: str | None, values: Mapping[str, object]) -> Markup:
        """The message as markup, its values escaped; English fallbacks tagged ``lang="en"``."""
        text, status = self.lookup(msgid)
        english = text is msgid and not is_source(self.lang)
        self.used.add((owner(where), msgid, status, english))
        result = fill(text, dict(values))
        return in_language(result, SOURCE, self.rtl) if english else result

    def template_callables(self) -> dict[str, Callable[..., Markup]]:
        """``_`` and ``gettext`` for templates (``{% trans %}`` blocks call ``gettext``)."""

        @pass_context
        def gettext(context: Context, msgid: str, **values: object) -> Markup:
            return self.message(msgid, context.name, values)

        return {"_": gettext, "gettext": gettext}

    def fallbacks(self) -> list[str]:
        """One warning per part and kind of gap: ``es: 3 messages outdated in overdose …``."""
        counts = Counter((who, status, english) for who, _, status, english in self.used
                         if status in ("missing", "outdated"))
        return [f"{self.lang}: {n} message{'s' if n > 1 else ''} {status} in {who} "
                f"({'printed in English' if english else 'printed the previous translation'})"
                for (who, status, english), n in sorted(counts.items())]


def in_language(text: str, lang: str, rtl: bool) -> Markup:
    """``text`` in language ``lang`` inside a document of another, tagged with ``lang`` so that
    it is read out in its own voice (and isolated, in its own direction, in right-to-left text:
    WeasyPrint has no bidi isolation in CSS, so the isolates are in the text itself)."""
    if not rtl:
        return Markup('<span lang="%s">%s</span>') % (lang, text)
    direction = "rtl" if babel_locale(lang).character_order == "right-to-left" else "ltr"
    return Markup('<span lang="%s" dir="%s">%s%s%s</span>') % (lang, direction, FSI, text, PDI)



def load_translations(project: Project, lang: str, rtl: bool = False) -> Translations:
    """Translations for one document in ``lang``, with the project's outdated policy."""
    return Translations(load_messages(project, lang), project.config.outdated, rtl)
