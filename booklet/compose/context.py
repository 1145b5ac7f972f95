"""What templates see: plain, already localized and formatted values.

Templates never format phone numbers or dates and never pick a language; this module does,
so a translator editing a template only writes words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from babel.dates import format_date
from babel.lists import format_list
from markupsafe import Markup

from booklet.compose.i18n import Translations, babel_locale, in_language
from booklet.compose.provenance import provenance
from booklet.models.common import LocalText, Reference
from booklet.models.content import Section
from booklet.models.region import Email, Helpline, Phone, ShortCode, Sms, Tty, Web
from booklet.validate.regions import Region

LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"


def N_(message: str) -> str:
    """Mark a word for extraction into the catalog without translating it here."""
    return message


DATA_WORDS = frozenset({N_("24/7"), N_("free"), N_("Call to ask")})
"""Words region files may use as plain strings that are translated through the catalog."""


@dataclass(frozen=True)
class Contact:
    """One way to reach a helpline, ready to print."""

    kind: str
    label: str
    display: str
    href: str
    detail: str = ""


@dataclass(frozen=True)
class PrintedHelpline:
    """A helpline as printed."""

    id: str
    name: str
    offers: str
    contacts: tuple[Contact, ...]
    hours: str
    cost: str
    languages: str
    provenance: str
    """Where the details come from and when, as the entry's records support it."""
    source: str


@dataclass(frozen=True)
class PrintedReference:
    """A source as the back matter prints it: who, what (optional) and where."""

    org: str
    title: str
    url: str
    lang: str = "en"
    """The language of ``org`` and ``title``."""


@dataclass(frozen=True)
class PrintedSection:
    """A section: the template that holds its text, and its references."""

    id: str
    template: str
    reviewed: str
    references: tuple[PrintedReference, ...]
    """Everything the back matter lists for the section."""
    sources: tuple[PrintedReference, ...]
    """The references without the helplines' own pages (the tri-fold's short list)."""


def printed_reference(ref: Reference) -> PrintedReference:
    """A data reference as printed."""
    return PrintedReference(ref.org, ref.title, ref.url, ref.lang)


def section_references(section: Section, region: Region, loc: Localizer
                       ) -> tuple[tuple[PrintedReference, ...], tuple[PrintedReference, ...]]:
    """(references, sources) of ``section``; a regional section (help) adds the sources of
    the region's facts and the page of every printed helpline."""
    ids = region.facts.ids
    own = [printed_reference(r) for r in section.references if not r.when or ids & set(r.when)]
    if not section.regional:
        return tuple(own), tuple(own)
    facts = [printed_reference(r) for r in region.facts.sources]
    named = [(h.name, h.source) for h in region.printable]
    if region.locator is not None and region.locator.status != "unverified":
        named.append((region.locator.name, region.locator.source))
    lines = [PrintedReference(loc.text(name), "", url, loc.language_of(name)) for name, url in named]
    seen = {r.url for r in own + facts}
    lines = [r for r in dict((r.url, r) for r in lines).values() if r.url not in seen]
    return tuple(own + facts + lines), tuple(own + facts)


@dataclass
class Localizer:
    """Picks and formats text for one language."""

    lang: str
    translations: Translations
    date_format: str
    rtl: bool
    untranslated: set[str] = field(default_factory=set)
    """Data texts that had no version in this language and printed in English."""

    def _(self, message: str, **values: object) -> Markup:
        """Translate a label or data word looked up from code (see ``Translations.message``)."""
        return self.translations.message(message, None, values)

    def text(self, value: LocalText) -> str:
        """The text for this language; a plain data word goes through the catalog."""
        if isinstance(value, str):
            return self._(value) if value in DATA_WORDS else value
        found = value.get(self.lang) or value.get(self.lang.split("-")[0])
        if found:
            return found
        tag = "en" if "en" in value else next(iter(value))
        self.untranslated.add(value[tag])
        return in_language(value[tag], tag, self.rtl)

    def language_of(self, value: LocalText) -> str:
        """The language ``text`` prints ``value`` in: this one, or English when it falls back
        (a plain string, such as a service's own name, counts as this language)."""
        if isinstance(value, dict) and not (value.get(self.lang) or value.get(self.lang.split("-")[0])):
            return "en"
        return self.lang

    def date(self, value: date) -> str:
        """A date in the region's format, in this language, never broken across lines."""
        text = str(format_date(value, self.date_format, locale=babel_locale(self.lang)))
        return text.replace(" ", "\u00a0")

    def ltr(self, value: str) -> str:
        """Keep numbers, codes and addresses left-to-right inside right-to-left text."""
        return LRI + value + PDI if self.rtl else value  # markup stays markup

    def isolate(self, value: str) -> str:
        """Keep a name in another script whole, in its own direction, inside right-to-left text."""
        return FSI + value + PDI if self.rtl else value  # markup stays markup

    def language_names(self, tags: tuple[str, ...] | list[str]) -> str:
        """Language names in this language, listed as it lists things: 'English and Spanish'."""
        here = babel_locale(self.lang)
        names = [babel_locale(t).get_display_name(here) or t for t in tags]
        return str(format_list(names, locale=here)) if names else ""


def _contact(channel: Phone | Tty | ShortCode | Sms | Web | Email, loc: Localizer) -> Contact:
    labels: dict[type, Callable[[], str]] = {
        Phone: lambda: loc._("Call"), Tty: lambda: loc._("TTY"), ShortCode: lambda: loc._("Call"),
        Sms: lambda: loc._("Text"), Email: lambda: loc._("Email"),
    }
    label: str
    if isinstance(channel, Web):
        label = loc._("Chat") if channel.type == "chat" else loc._("Web")
    elif isinstance(channel, ShortCode) and channel.text:
        label = loc._("Call or text")
    else:
        label = labels[type(channel)]()
    parts: list[str] = []
    if isinstance(channel, Sms) and (channel.keyword or channel.message):
        what = loc.ltr(channel.keyword) if channel.keyword else loc.text(channel.message or "")
        parts.append(loc._("send: %(what)s", what=what))
    if isinstance(channel, Phone | ShortCode | Sms) and channel.label:
        parts.append(loc.text(channel.label))
    detail = Markup("; ").join(parts)
    return Contact(channel.type, label, loc.ltr(channel.display), channel.href, detail)


def _name(line: Helpline, loc: Localizer) -> str:
    """The helpline's name, isolated in right-to-left text (a fallback comes tagged and isolated
    from ``text``)."""
    name = loc.text(line.name)
    return name if loc.language_of(line.name) != loc.lang else loc.isolate(name)


def printed_helpline(line: Helpline, loc: Localizer) -> PrintedHelpline:
    """Localize and format one helpline for print."""
    return PrintedHelpline(
        id=line.id, name=_name(line, loc), offers=loc.text(line.offers),
        contacts=tuple(_contact(c, loc) for c in line.channels),
        hours=loc.text(line.hours), cost=loc.text(line.cost),
        languages=loc.language_names(line.languages),
        provenance=provenance(line.standing, loc) if line.standing else "",
        source=line.source,
    )


def region_view(region: Region, loc: Localizer) -> dict[str, object]:
    """The region's printed facts."""
    locator = region.locator if region.locator and region.locator.status != "unverified" else None
    facts = region.facts
    return {
        "code": region.code,
        "name": loc.text(region.name),
        "emergency": [loc.ltr(n) for n in region.emergency],
        "naloxone": loc.text(region.naloxone),
        "locator": {"name": loc.isolate(loc.text(locator.name)), "url": locator.url,
                    "display": loc.ltr(locator.url.removeprefix("https://").rstrip("/"))}
        if locator else None,
        "languages": loc.language_names(region.languages),
        "stale": region.stale,
        "helplines": [printed_helpline(h, loc) for h in region.printable],
        "card_lines": [printed_helpline(h, loc) for h in region.card_lines],
        "threats": list(facts.supply.threats) if facts.supply else [],
        "medicines": list(facts.medicines.available) if facts.medicines else [],
        "syringe_term": facts.syringe_services.term if facts.syringe_services else None,
        "law": facts.legal_protection.law if facts.legal_protection else None,
    }
