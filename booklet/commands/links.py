"""``booklet check --links``: fetch every address in the data and report what changed.

Results are cached for a day in ``<project>/.booklet-cache/links.json`` (not in an
installed package's own folder). The run fails (exit 1) on a broken link or on an
evidence page that no longer shows its helpline's number.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

import click
import httpx

from booklet.check.link_targets import link_targets
from booklet.check.links import LinkResult, check_links, failed
from booklet.errors import BookletError
from booklet.load.clock import build_date
from booklet.load.project import Project, open_project

CACHE_DIR = ".booklet-cache"
ORDER = {"broken": 0, "number missing": 1, "redirected": 2, "ok": 3}


def cache_path(project: Project) -> Path | None:
    """``<project>/.booklet-cache/links.json``; none for content installed inside the package."""
    folder = project.layers[0]
    return None if folder.name == "_shipped" else folder / CACHE_DIR / "links.json"


def links_table(results: list[LinkResult]) -> str:
    """One line per address and use, failures first."""
    rows = sorted(results, key=lambda r: (ORDER[r.outcome], r.where))
    width = max((len(r.outcome) for r in rows), default=0)
    lines = [f"{r.outcome.ljust(width)}  {r.url}  {r.detail}{' (cached)' if r.cached else ''}\n"
             f"{' ' * width}  used at {r.where}" for r in rows]
    counts = {o: sum(r.outcome == o for r in results) for o in ORDER}
    summary = ", ".join(f"{n} {o}" for o, n in counts.items() if n)
    return "\n".join([*lines, f"{len(results)} links checked: {summary or 'none'}"])


def links_command(project_dir: Path | None, as_json: bool,
                  transport: httpx.AsyncBaseTransport | None = None) -> None:
    """Check every link; print a table or JSON; raise ``BookletError`` if any failed."""
    project = open_project(project_dir)
    today = build_date(os.environ.get("SOURCE_DATE_EPOCH"))[0]
    targets, problems = link_targets(project, today)
    results = check_links(targets, cache_path(project), transport=transport)
    click.echo(json.dumps([asdict(r) for r in results], indent=2, ensure_ascii=False) if as_json
               else links_table(results))
    for problem in problems.errors:
        click.echo(str(problem), err=True)
    bad = failed(results)
    if bad or problems.errors:
        raise BookletError(f"link check failed: {len(bad)} broken links or missing numbers"
                           + (f", {len(problems.errors)} data problems" if problems.errors else ""))
