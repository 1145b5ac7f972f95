"""``booklet batch``: one set of outputs per organization in a CSV file.

Every row is read and validated first (a bad row is reported with its ``file:line`` and the
others go on; ``--strict`` stops at the first); then the good rows of this shard render in
the warm worker pool. Progress goes to stderr: a bar on a terminal, one line per output
otherwise. A summary follows on stdout; any bad row or failed output makes the exit code 1.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import click

from booklet.batch.csvfile import CsvForm, detect
from booklet.batch.rows import COLUMNS, Row, read_rows
from booklet.batch.shard import Shard, take_shard
from booklet.batch.work import BatchOutcome, BatchTask, assign_slugs, render_batch, tasks
from booklet.build.pool import useful_jobs
from booklet.commands.progress import progress
from booklet.errors import BookletError, ProblemsFound
from booklet.limits import RenderLimits
from booklet.load.clock import build_date
from booklet.load.project import open_project
from booklet.pipeline import BuildOptions, plan, prepare, region_selection


def batch_command(csv_path: Path, region: str | None, langs: tuple[str, ...],
                  formats: tuple[str, ...], out: Path, strict: bool, jobs: int | None,
                  shard: Shard | None, project_dir: Path | None,
                  limits: RenderLimits = RenderLimits()) -> None:  # noqa: B008
    """Build every row's outputs; raise ``BookletError`` at the end if any row failed."""
    started = time.monotonic()
    out = out.resolve()  # the root every row's folder must stay in, fixed before any write
    project = open_project(project_dir)
    today, created = build_date(os.environ.get("SOURCE_DATE_EPOCH"))
    codes = region_selection(project, (region,) if region else (), False)
    inputs = prepare(project, codes, today, allow_stale=False)
    inputs.problems.raise_if_failed(strict)
    todo_jobs = plan(project, inputs, codes, langs, formats, every=False)
    form = detect(csv_path, COLUMNS)
    click.echo(f"{csv_path.name}: read as {form}", err=True)
    rows = _read(csv_path, inputs.regions[codes[0]].country, strict, form)
    mine = take_shard(rows, shard)
    options = BuildOptions(out, strict=strict, root=out, limits=limits)
    todo = tasks(project, mine, assign_slugs(rows), todo_jobs, inputs, options, created)
    bad = [r for r in mine if r.org is None]
    for row in bad:
        for problem in row.problems:
            click.echo(str(problem), err=True)
    workers, capped = useful_jobs(jobs, limits)
    if capped:
        click.echo(capped, err=True)
    outcomes = _render(todo, workers, limits, strict)
    _summary(mine, bad, outcomes, time.monotonic() - started, shard)


def _read(path: Path, country: str, strict: bool, form: CsvForm) -> list[Row]:
    """Every data row; with ``strict`` the first bad row stops the run."""
    rows = []
    for row in read_rows(path, country, form):
        if strict and row.org is None:
            raise ProblemsFound(row.problems)
        rows.append(row)
    return rows


def _render(todo: list[BatchTask], workers: int, limits: RenderLimits,
            strict: bool) -> list[BatchOutcome]:
    outcomes: list[BatchOutcome] = []
    with progress(len(todo), _describe) as on_done:
        for result in render_batch(todo, workers, limits):
            outcomes.append(result)
            on_done(result)
            if strict and result.outcome.error is not None:
                raise BookletError(f"row {result.line} ({result.label}): {result.outcome.error}")
    return outcomes


def _describe(done: BatchOutcome) -> tuple[str, str]:
    return done.outcome.status, done.label


def _summary(rows: list[Row], bad: list[Row], outcomes: list[BatchOutcome], seconds: float,
             shard: Shard | None) -> None:
    failed = [o for o in outcomes if o.outcome.error is not None]
    for done in sorted(failed, key=lambda o: (o.line, o.label)):
        click.echo(f"row {done.line}: failed {done.label}: {done.outcome.error}", err=True)
    failed_rows = {o.line for o in failed}
    built = sum(o.outcome.error is None for o in outcomes)
    where = f" (shard {shard})" if shard else ""
    click.echo(f"{len(rows)} rows{where}: {len(rows) - len(bad) - len(failed_rows)} done, "
               f"{len(bad)} bad, {len(failed_rows)} failed; {built} PDFs written in {seconds:.1f} s")
    if bad or failed:
        raise BookletError(f"{len(bad) + len(failed_rows)} of {len(rows)} rows failed "
                           "(each listed above with its line)")
