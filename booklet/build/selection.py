"""Which regions a build reads: those named, the project's own, or the default.

``regions`` in ``booklet.toml`` limits a project to the regions it lists (for ``--region``
and ``--all`` alike). Without it, ``--all`` builds the project's own region files and the
regions they inherit from; the shipped content alone builds every region.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from booklet.errors import BookletError
from booklet.load.project import Project
from booklet.models.common import REGION_CODE
from booklet.validate.regions import load_regions, region_codes


def region_selection(project: Project, regions: tuple[str, ...], every: bool) -> list[str]:
    """The region codes a build reads: those named, else all (``every``) or the default.

    ``regions`` in booklet.toml limits both; without it ``every`` means the project's own
    regions and the regions they inherit from (every region when it has none of its own).
    """
    allowed = project.config.regions
    for code in regions:
        if not REGION_CODE.fullmatch(code):
            raise BookletError(f"--region {code!r}: not a valid region code "
                               "(lower-case ISO 3166 such as us, us-ny or gb)")
        if allowed is not None and code not in allowed:
            raise BookletError(f"--region {code!r}: this project builds only {', '.join(allowed)} "
                               "(hint: add it to regions in booklet.toml)")
    if regions:
        return list(dict.fromkeys(regions))
    if not every:
        return [project.config.region]
    return list(allowed) if allowed is not None else own_regions(project) or region_codes(project)


def own_regions(project: Project) -> list[str]:
    """The project's own region files and every region they inherit from, sorted; none for
    the shipped content."""
    if project.home is None or project.home == project.shipped:
        return []
    own = [c for c in project.names("regions", ".yaml")
           if REGION_CODE.fullmatch(c) and (project.home / "regions" / f"{c}.yaml").is_file()]
    regions, _ = load_regions(project, own, date.today(), allow_stale=True)
    chains = {Path(f).stem for code in own if code in regions for f in regions[code].files}
    return sorted(chains | set(own))
