"""Check the catalogs against the English source: translated, outdated, missing, per part.

The source messages are extracted in memory from the templates a build would use (a
project's template replaces the shipped one of the same name) and from the compose code, so
a report always measures against the current English, whether or not anyone ran
``booklet i18n extract``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file

from booklet import __version__
from booklet.compose.i18n import LABELS, Messages, catalog_problems, messages_from, owner, read_catalog
from booklet.errors import BookletError, Problem
from booklet.load.project import Project
from booklet.models.locale import DOMAIN, SOURCE, catalog_name

TEMPLATE_OPTIONS = {"extensions": "jinja2.ext.i18n", "trimmed": "true",
                    "trim_blocks": "true", "lstrip_blocks": "true"}
COMMENT_TAGS = ["Translators:"]
CODE = ("compose/context.py", "compose/provenance.py")
"""Compose modules whose ``_()``/``N_()`` strings are messages (contact labels, data words)."""

NEWLINE = b"\n"


def template_files(project: Project) -> dict[str, Path]:
    """Every template by name, the first layer's file winning (as the build resolves them)."""
    found: dict[str, Path] = {}
    for folder in project.folders("sections"):
        for path in sorted(folder.rglob("*.j2")):
            found.setdefault(path.relative_to(folder).as_posix(), path)
    return dict(sorted(found.items()))


def source_catalog(project: Project, created: datetime | None = None) -> Catalog:
    """Every message of the English source, with where it is and the translators' comments."""
    catalog = Catalog(domain=DOMAIN, project="booklet", version=__version__,
                      copyright_holder="booklet contributors", charset="utf-8",
                      creation_date=created, fuzzy=False)
    package = Path(__file__).resolve().parent.parent
    sources = [(f"sections/{name}", path, "jinja2.ext:babel_extract", TEMPLATE_OPTIONS)
               for name, path in template_files(project).items()]
    sources += [(f"booklet/{name}", package / name, "python", {}) for name in CODE]
    for where, path, method, options in sources:
        for line, message, comments, context in extract_from_file(
                method, str(path), comment_tags=COMMENT_TAGS, options=options, strip_comment_tags=True):
            known = catalog.get(message, context)
            if known is None:
                catalog.add(message, None, [(where, line)], auto_comments=comments, context=context)
            else:
                known.locations.append((where, line))
                known.auto_comments.extend(c for c in comments if c not in known.auto_comments)
    return catalog


def parts_of(source: Catalog) -> dict[str, list[str]]:
    """Each part (section id, template part, ``labels``) with the messages it prints: the
    sections first, then the layouts and parts, then the labels from code."""
    parts: dict[str, list[str]] = defaultdict(list)
    for message in source:
        if not message.id:
            continue
        for where in dict.fromkeys(_owner_of(file) for file, _ in message.locations):
            parts[where].append(str(message.id))
    return dict(sorted(parts.items(), key=lambda item: ("/" in item[0], item[0] == LABELS, item[0])))


def _owner_of(location: str) -> str:
    if location.startswith("sections/"):
        return owner(location.removeprefix("sections/"))
    return owner(None)


@dataclass(frozen=True)
class PartStatus:
    """How much of one part (a section, the cover …) a language translates."""

    part: str
    translated: int
    outdated: int
    missing: int


@dataclass(frozen=True)
class CatalogStatus:
    """One language's catalog measured against the English source."""

    lang: str
    revision: str
    parts: tuple[PartStatus, ...]
    problems: tuple[Problem, ...]

    @property
    def translated(self) -> int:
        """Messages translated and current, summed over the parts."""
        return sum(p.translated for p in self.parts)

    @property
    def outdated(self) -> int:
        """Messages whose English changed since they were translated (fuzzy)."""
        return sum(p.outdated for p in self.parts)

    @property
    def missing(self) -> int:
        """Messages with no translation (or only the English pasted in)."""
        return sum(p.missing for p in self.parts)

    @property
    def total(self) -> int:
        """All messages, summed over the parts."""
        return self.translated + self.outdated + self.missing

    @property
    def percent(self) -> int:
        """Share translated and current."""
        return round(100 * self.translated / self.total) if self.total else 100


def _state(messages: Messages, msgid: str) -> str:
    entry = messages.entries.get(msgid)
    if entry is None:
        return "missing"
    return "outdated" if entry.fuzzy else "translated"


def catalog_status(project: Project, lang: str, source: Catalog) -> CatalogStatus:
    """Translated, outdated and missing messages of ``lang`` per part, and the catalog's errors."""
    path = project.find("locales", catalog_name(lang))
    messages, problems = Messages(lang, {}), tuple[Problem, ...]()
    if path is not None:
        catalog = read_catalog(path, lang)
        messages, problems = messages_from(catalog, lang, path), tuple(catalog_problems(catalog, path))
    rows = []
    for part, ids in parts_of(source).items():
        states = [_state(messages, msgid) for msgid in ids]
        rows.append(PartStatus(part, states.count("translated"), states.count("outdated"),
                               states.count("missing")))
    return CatalogStatus(lang, messages.revision, tuple(rows), problems)


def compile_problems(project: Project, lang: str) -> list[Problem]:
    """What ``i18n compile`` refuses in ``lang``'s catalog: unreadable, or bad translations."""
    path = project.find("locales", catalog_name(lang))
    if path is None:
        return []
    try:
        catalog = read_catalog(path, lang)
    except BookletError as exc:
        return [Problem(f"locales/{catalog_name(lang)}", None, "", exc.message)]
    return catalog_problems(catalog, path)


def catalog_languages(project: Project) -> list[str]:
    """Languages that have a catalog in any layer (English needs none)."""
    return sorted({p.name for folder in project.folders("locales") for p in folder.iterdir()
                   if (folder / catalog_name(p.name)).is_file() and p.name != SOURCE})

