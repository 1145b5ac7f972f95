"""What is due for a check: the call list for the person who keeps the region data.

An entry is due when nobody has confirmed it by phone, or when the record its printed line
rests on is older than the given number of months. Each entry is listed once, under the
region file that defines it. The most urgent come first: printed entries whose record is
too old, then printed entries that rest on a secondary source, then those that rest on an
official page, then entries kept out of print for want of any record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from booklet.errors import Problems, display_path
from booklet.load.project import Project
from booklet.load.yamlfile import load_yaml
from booklet.models.common import LocalText
from booklet.models.region import Email, Helpline, Locator, Web
from booklet.models.verification import Verified
from booklet.validate.regions import Region, load_regions, region_codes

STALE, SECONDARY, PAGE, UNPRINTED = range(4)
REASONS = {
    SECONDARY: "printed from a secondary source; no call or official page confirms it",
    PAGE: "printed from an official page; nobody has confirmed it by phone",
    UNPRINTED: "no record: kept out of print until someone checks it",
}


@dataclass(frozen=True)
class Due:
    """One entry to check, with what to call and why it is due."""

    region: str
    id: str
    name: str
    contact: str
    """The first number to call (or the address, for a locator)."""
    status: str
    last: str
    """The date and kind of the record the printed line rests on, or '' if none."""
    reason: str
    file: str
    urgency: int
    """0 (most urgent) to 3; see the module's description."""


def months_between(earlier: date, later: date) -> int:
    """Whole months from ``earlier`` to ``later``."""
    return (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)


def _urgency(entry: Verified, today: date, months: int) -> tuple[int, str] | None:
    """How urgent a check is, and why; None when none is due. A locator is a web address:
    an official-page record confirms it; anything else needs a call."""
    standing = entry.standing
    if standing is None:
        return UNPRINTED, REASONS[UNPRINTED]
    age = months_between(standing.on, today)
    if age >= months:
        return STALE, f"last checked {age} months ago"
    if entry.called or (isinstance(entry, Locator) and entry.status == "verified"):
        return None
    kind = PAGE if entry.status == "verified" else SECONDARY
    return kind, REASONS[kind]


def _english(text: LocalText) -> str:
    return text if isinstance(text, str) else text.get("en") or next(iter(text.values()))


def _contact(entry: Helpline | Locator) -> str:
    if isinstance(entry, Locator):
        return entry.url
    dialled = [c.display for c in entry.channels if not isinstance(c, Web | Email)]
    return dialled[0] if dialled else ""


def own_entries(region: Region) -> list[tuple[str, Helpline | Locator]]:
    """The entries ``region``'s own file defines (not those it inherits)."""
    own: list[tuple[str, Helpline | Locator]] = [
        (line.id, line) for line in region.helplines if region.origins[line.id][-1] == region.code]
    data = load_yaml(region.files[-1]).data
    if region.locator is not None and isinstance(data, dict) and data.get("locator") is not None:
        own.append(("locator", region.locator))
    return own


def due(project: Project, today: date, months: int = 12) -> tuple[list[Due], Problems]:
    """Every entry due for a check, most urgent first, and the problems met reading them."""
    regions, problems = load_regions(project, region_codes(project), today, allow_stale=True)
    rows = []
    for region in regions.values():
        for entry_id, entry in own_entries(region):
            found = _urgency(entry, today, months)
            if found is None:
                continue
            standing = entry.standing
            rows.append(Due(region.code, entry_id, _english(entry.name), _contact(entry), entry.status,
                            f"{standing.on} {standing.how}" if standing else "", found[1],
                            display_path(region.files[-1]), found[0]))
    rows.sort(key=lambda r: (r.urgency, r.last or "9", r.region, r.id))
    return rows, problems
