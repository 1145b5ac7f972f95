"""``booklet list regions`` and ``booklet show region``: the region data, resolved.

Both read every file in the inheritance chain through the same validation a build uses,
with stale dates reported as warnings, so what they show is what a build would print.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import click

from booklet.errors import BookletError, Problems, ProblemsFound, display_path
from booklet.load.clock import build_date
from booklet.load.project import open_project
from booklet.models.common import LocalText
from booklet.models.region import Channel, Helpline, ShortCode, Sms
from booklet.models.verification import Verification
from booklet.validate.regions import Region, load_regions, region_codes

COLUMNS = ("code", "name", "parent", "paper", "languages", "printed", "unverified", "oldest check")


def _today() -> date:
    return build_date(os.environ.get("SOURCE_DATE_EPOCH"))[0]


def english(value: LocalText) -> str:
    """The English text of a localized value (or the first language there is), plain."""
    if isinstance(value, str):
        return value
    return value.get("en") or next(iter(value.values()))


def region_summary(region: Region) -> dict[str, object]:
    """One region's facts for ``list regions``, JSON-ready."""
    oldest = region.oldest_check
    return {
        "code": region.code, "name": english(region.name), "parent": region.parent,
        "paper": region.paper, "emergency": list(region.emergency),
        "languages": list(region.languages), "printed": len(region.printable),
        "unverified": len(region.unverified),
        "oldest_check": oldest.isoformat() if oldest else None, "stale": region.stale,
    }


def regions_table(regions: list[Region]) -> str:
    """A plain text table of regions, one per line."""
    cells = [list(COLUMNS)] + [
        [r.code, english(r.name), r.parent or "-", r.paper, ",".join(r.languages),
         str(len(r.printable)), str(len(r.unverified)), str(r.oldest_check or "-")]
        for r in regions
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(COLUMNS))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
                     for row in cells)


def _report(problems: Problems, errors_only: bool) -> None:
    for problem in problems:
        if problem.severity == "error" or not errors_only:
            click.echo(str(problem), err=True)


def list_regions_command(as_json: bool, project_dir: Path | None) -> None:
    """Print every region as a table (or JSON); fail after listing if any did not resolve."""
    project = open_project(project_dir)
    codes = region_codes(project)
    regions, problems = load_regions(project, codes, _today(), allow_stale=True)
    found = [regions[c] for c in codes if c in regions]
    click.echo(json.dumps([region_summary(r) for r in found], indent=2, ensure_ascii=False)
               if as_json else regions_table(found))
    _report(problems, errors_only=True)
    failed = [c for c in codes if c not in regions]
    if failed:
        raise BookletError(f"{len(failed)} of {len(codes)} regions have errors: {', '.join(failed)}")


def channel_text(channel: Channel) -> str:
    """One way to reach a helpline, as ``show region`` prints it."""
    text = f"{channel.type} {channel.display}"
    if isinstance(channel, Sms) and (channel.keyword or channel.message):
        text += f" (send: {channel.keyword or english(channel.message or '')})"
    elif isinstance(channel, ShortCode) and channel.text:
        text += " (call or text)"
    return text


def _origin(region: Region, line: Helpline) -> str:
    found = region.origins.get(line.id, (region.code,))
    if len(found) == 1:
        return f"from {found[0]}"
    return f"from {found[-1]} (replaces {', '.join(found[:-1])})"


def helpline_block(region: Region, line: Helpline) -> list[str]:
    """The lines ``show region`` prints for one helpline."""
    status = "unverified: never printed" if line.status == "unverified" else line.status
    facts = f"hours {english(line.hours)} · cost {english(line.cost)}"
    if line.languages:
        facts += f" · languages {', '.join(line.languages)}"
    return [
        f"  {line.id}  [{status}]  {_origin(region, line)}",
        f"    {english(line.name)}",
        f"    {' · '.join(channel_text(c) for c in line.channels)}",
        f"    {facts}",
        f"    source {line.source}",
        *[f"    {record_text(r)}" for r in line.verifications],
    ]


def record_text(record: Verification) -> str:
    """One verification record in a line: '2026-11-29 official-page by … · evidence'."""
    return f"{record.on} {record.how} by {record.by} · {record.evidence}"


def region_report(region: Region) -> str:
    """The resolved region: its defaults, then every helpline with status and origin."""
    lines = [
        f"{region.code}  {english(region.name)}"
        + (f"  (inherits from {region.parent})" if region.parent else ""),
        f"files: {', '.join(display_path(p) for p in region.files)}",
        f"paper: {region.paper} · emergency: {', '.join(region.emergency)} · "
        f"languages: {', '.join(region.languages)} · dates: {region.date_format}",
        f"naloxone: {english(region.naloxone)}",
    ]
    if region.locator:
        loc = region.locator
        lines.append(f"locator: {english(loc.name)} {loc.url} [{loc.status}]")
        lines.extend(f"  {record_text(r)}" for r in loc.verifications)
    if region.stale:
        lines.append("stale: some entries were last checked over 24 months ago")
    lines.append(f"helplines: {len(region.printable)} printed, {len(region.unverified)} unverified")
    for line in region.helplines:
        lines.extend(helpline_block(region, line))
    return "\n".join(lines)


def show_region_command(code: str, project_dir: Path | None) -> None:
    """Print one region resolved through its parents, with warnings on stderr."""
    project = open_project(project_dir)
    regions, problems = load_regions(project, [code], _today(), allow_stale=True)
    if code not in regions:
        raise ProblemsFound(problems.errors)
    click.echo(region_report(regions[code]))
    _report(problems, errors_only=False)
