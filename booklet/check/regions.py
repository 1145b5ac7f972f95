"""The data checks of every region, and the helplines kept out of print until verified."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from booklet.errors import Problem, Problems, display_path
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


FACT_GAPS = {
    "supply": "no drug-supply threats: the sections warn about no drug in particular",
    "medicines": "no medicines: the medicines section describes none of them",
    "syringe_services": "no syringe services: the handout does not mention them",
}
"""Regional facts whose absence leaves a gap worth a warning (no legal protection is normal)."""


def check_regions(project: Project, today: date, problems: Problems) -> dict[str, Region]:
    """Validate and resolve every region; record their problems (and the regional facts a
    region leaves out); return those that resolved."""
    regions, found = load_regions(project, region_codes(project), today)
    problems.extend(found)
    for code, region in sorted(regions.items()):
        for key, gap in FACT_GAPS.items():
            if getattr(region.facts, key) is None:
                problems.add(Problem(display_path(region.files[-1]), None, key, f"{code}: {gap}",
                                     f"add '{key}:' with its source (see regions/us.yaml)", "warning"))
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
