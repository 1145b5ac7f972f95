"""``booklet build``: validate, then build each requested output and report."""

from __future__ import annotations

import os
from pathlib import Path

import click

from booklet.compose.document import build_date
from booklet.errors import BookletError, ProblemsFound, display_path
from booklet.load.project import open_project
from booklet.pipeline import BuildOptions, Outcome, plan, prepare, region_selection, run


def build_command(regions: tuple[str, ...], langs: tuple[str, ...], formats: tuple[str, ...],
                  every: bool, out: Path, html: bool, strict: bool, allow_stale: bool,
                  project_dir: Path | None) -> None:
    """Run a build from CLI options; raise ``BookletError`` if anything failed."""
    project = open_project(project_dir)
    today, created = build_date(os.environ.get("SOURCE_DATE_EPOCH"))
    codes = region_selection(project, regions, every)
    inputs = prepare(project, codes, today, allow_stale)
    if inputs.problems.errors and not every:
        raise ProblemsFound(inputs.problems)
    for problem in inputs.problems:
        click.echo(str(problem), err=True)
    if strict and inputs.problems.warnings:
        raise BookletError("warnings fail with --strict")
    jobs = plan(project, inputs, codes, langs, formats, every)
    outcomes = run(project, jobs, inputs, BuildOptions(out, html, strict, allow_stale), created)
    _report(outcomes)


def _report(outcomes: list[Outcome]) -> None:
    for outcome in outcomes:
        for warning in outcome.warnings:
            click.echo(f"{outcome.job.label}: warning: {warning}", err=True)
        if outcome.error is None and outcome.path is not None:
            click.echo(f"built {outcome.job.label}: {outcome.pages} pages, "
                       f"{outcome.size // 1024} KiB -> {display_path(outcome.path)}")
    failed = [o for o in outcomes if o.error is not None]
    for outcome in failed:
        click.echo(f"failed {outcome.job.label}: {outcome.error}", err=True)
    if failed:
        raise BookletError(f"{len(failed)} of {len(outcomes)} outputs failed")
    click.echo(f"{len(outcomes)} outputs built.")
