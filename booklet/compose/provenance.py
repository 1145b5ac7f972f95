"""The printed line that says where a helpline's details come from, in the reader's language.

It says exactly what the record behind the entry's status holds: a call ("Confirmed by phone
on 29 Nov 2026"), the organization's page ("From samhsa.gov, November 2026") or a secondary
source ("From a secondary source, November 2026"). An entry without a record is never printed,
so there is no line for it.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from babel.dates import format_skeleton

from booklet.compose.i18n import babel_locale
from booklet.models.verification import Verification


class _Localizer(Protocol):
    lang: str

    def _(self, message: str, **values: object) -> str: ...

    def date(self, value: date) -> str: ...

    def ltr(self, value: str) -> str: ...


def month_year(value: date, lang: str) -> str:
    """Month and year as the language writes them ('November 2026', '2026年11月'), unbroken."""
    text = str(format_skeleton("yMMMM", value, locale=babel_locale(lang)))
    return text.replace(" ", "\u00a0")


def provenance(record: Verification, loc: _Localizer) -> str:
    """The provenance line for ``record``, the record an entry's status rests on."""
    if record.how == "called":
        return loc._("Confirmed by phone on %(date)s", date=loc.date(record.on))
    when = month_year(record.on, loc.lang)
    if record.how == "official-page":
        return loc._("From %(site)s, %(date)s", site=loc.ltr(record.site), date=when)
    return loc._("From a secondary source, %(date)s", date=when)
