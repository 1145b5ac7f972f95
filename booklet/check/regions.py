"""The data checks of every region, and the helplines kept out of print until verified."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from booklet.errors import Problems, display_path
from booklet.load.project import Project
from booklet.models.common import LocalText
from booklet.validate.regions import Region, load_regions, region_codes


@dataclass(frozen=True)
class Unverified:
    """A helpline or locator in the data that is not printed until someone confirms it."""

    region: str
    id: str
    name: str
    file: str


def check_regions(project: Project, today: date, problems: Problems) -> dict[str, Region]:
    """Validate and resolve every region; record their problems; return those that resolved."""
    regions, found = load_regions(project, region_codes(project), today)
    problems.extend(found)
    return regions


def unverified(regions: dict[str, Region]) -> list[Unverified]:
    """Every unverified helpline and locator, per region."""
    rows = []
    for code, region in sorted(regions.items()):
        where = display_path(region.files[-1])
        rows += [Unverified(code, line.id, _first(line.name), where) for line in region.unverified]
        if region.locator is not None and region.locator.status == "unverified":
            rows.append(Unverified(code, "locator", _first(region.locator.name), where))
    return rows


def _first(text: LocalText) -> str:
    return text if isinstance(text, str) else text.get("en") or next(iter(text.values()))
