"""Every address the data rests on, for ``booklet check --links``.

From each region file, for the entries it defines: the source page, the evidence page of
every record, the web and chat addresses people are given, and the locator's address;
from ``sections/sections.yaml``, every reference. The evidence page of the record a
printed line rests on must also still show the entry's first number.
"""

from __future__ import annotations

import re
from datetime import date

import phonenumbers

from booklet.check.links import Number, Target
from booklet.errors import Problems, display_path
from booklet.load.project import Project
from booklet.models.region import Helpline, Locator, Phone, ShortCode, Sms, Tty, Web
from booklet.models.verification import Verified
from booklet.validate.content import load_index
from booklet.validate.regions import load_regions, region_codes
from booklet.validate.verification import own_entries


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def entry_number(line: Helpline) -> Number | None:
    """The first number people are given to call or text, and the digit strings it may take."""
    for channel in line.channels:
        if isinstance(channel, Phone | Tty) or (isinstance(channel, Sms) and channel.to.startswith("+")):
            e164 = channel.number if isinstance(channel, Phone | Tty) else channel.to
            parsed = phonenumbers.parse(e164)
            national = _digits(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL))
            forms = dict.fromkeys((national, str(parsed.national_number)))
            return Number(channel.display, tuple(forms))
        if isinstance(channel, ShortCode | Sms):
            return Number(channel.display, (_digits(channel.display),))
    return None


def _records(entry: Verified, where: str, number: Number | None) -> list[Target]:
    targets = []
    for record in entry.verifications:
        url = record.evidence_url
        if url is not None:
            rests = record is entry.standing and entry.status != "unverified"
            targets.append(Target(url, f"{where} evidence {record.on}", number if rests else None))
    return targets


def _entry_targets(entry_id: str, entry: Helpline | Locator, file: str) -> list[Target]:
    where = f"{file}: {entry_id}"
    if isinstance(entry, Locator):
        return [Target(entry.url, f"{where} url"), Target(entry.source, f"{where} source"),
                *_records(entry, where, None)]
    links = [Target(c.url, f"{where} {c.type}") for c in entry.channels if isinstance(c, Web)]
    return [Target(entry.source, f"{where} source"), *links, *_records(entry, where, entry_number(entry))]


def link_targets(project: Project, today: date) -> tuple[list[Target], Problems]:
    """Every target in the project's regions and section references, and problems met."""
    regions, problems = load_regions(project, region_codes(project), today, allow_stale=True)
    targets: list[Target] = []
    for region in regions.values():
        file = display_path(region.files[-1])
        for entry_id, entry in own_entries(region):
            targets += _entry_targets(entry_id, entry, file)
    index = load_index(project, problems)
    for section in index.sections if index else []:
        where = f"sections/sections.yaml: {section.id} reference"
        targets += [Target(ref.url, where) for ref in section.references]
    return targets, problems
