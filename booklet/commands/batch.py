"""``booklet batch``: one set of outputs per organization in a CSV file.

Every row is read and validated first (a bad row is reported with its ``file:line`` and the
others go on; ``--strict`` stops at the first); then the good rows of the selection
(``--rows``) and of this shard render in the warm worker pool. A row may choose its own
region, language and formats (optional columns). Progress goes to stderr: a bar on a
terminal, one line per output otherwise. A summary follows on stdout, ending with where
the PDFs are; any bad row or failed output makes the exit code 1. A failed output's
previous files are taken away (``booklet.write.withdraw``).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import click

from booklet.batch.csvfile import CsvForm, detect
from booklet.batch.rows import CHOICE_COLUMNS, COLUMNS, Choices, Row, read_rows
from booklet.batch.select import RowRange
from booklet.batch.shard import Shard, take_shard
from booklet.batch.work import BatchOutcome, BatchTask, assign_slugs, render_batch, tasks
from booklet.build.pool import useful_jobs
from booklet.build.selection import region_selection
from booklet.commands import summary
from booklet.commands.console import note
from booklet.commands.progress import progress
from booklet.compose.formats import FORMATS
from booklet.errors import BookletError, ProblemsFound, display_path
from booklet.limits import RenderLimits
from booklet.load.clock import build_date
from booklet.load.project import Project, default_out, open_project
from booklet.models.job import Job
from booklet.pipeline import BuildOptions, Inputs, plan, prepare
from booklet.validate.content import languages
from booklet.validate.regions import region_codes
from booklet.write.withdraw import withdraw, withdraw_folder


@dataclass(frozen=True)
class BatchRequest:
    """What ``booklet batch`` was asked for besides the file."""

    region: str | None = None
    langs: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    out: Path | None = None
    strict: bool = False
    jobs: int | None = None
    shard: Shard | None = None
    rows: RowRange | None = None
    combined: bool = False
    encoding: str | None = None
    delimiter: str | None = None
    limits: RenderLimits = RenderLimits()  # noqa: RUF009 (frozen, never mutated)


def batch_command(csv_path: Path, request: BatchRequest, project_dir: Path | None) -> None:
    """Build every selected row's outputs; raise ``BookletError`` at the end if any failed."""
    started = time.monotonic()
    project = open_project(project_dir)
    out = (request.out or default_out(project, "out/batch")).resolve()  # fixed before any write
    if request.combined and request.shard is not None:
        raise BookletError("--combined makes one file of every row: it cannot be split with --shard "
                           "(hint: combine after the shards, or build the cards in one run)")
    today, created = build_date(os.environ.get("SOURCE_DATE_EPOCH"))
    default = region_selection(project, (request.region,) if request.region else (), False)[0]
    form = detect(csv_path, COLUMNS + CHOICE_COLUMNS, request.encoding, request.delimiter)
    note(f"{csv_path.name}: read as {form}")
    choices = Choices(project.config.regions or region_codes(project), languages(project), tuple(FORMATS))
    rows = _read(csv_path, default[:2].upper(), request.strict, form, choices)
    chosen = [r for r in rows if request.rows is None or r.number in request.rows]
    mine = take_shard(chosen, request.shard)
    codes = sorted({default, *(r.region for r in mine if r.region and r.org is not None)})
    inputs = prepare(project, codes, today, allow_stale=False)
    inputs.problems.raise_if_failed(request.strict)
    jobs_of = _jobs_for(project, inputs, default, request)
    options = BuildOptions(out, strict=request.strict, root=out, limits=request.limits)
    good = [r for r in mine if r.org is not None]
    slugs = assign_slugs(rows)
    todo = tasks(project, mine, slugs, [], inputs, options, created,
                 row_jobs={row.line: jobs_of(row) for row in good})
    bad = [r for r in mine if r.org is None]
    withdrawn = []
    for row in bad:
        for problem in row.problems:
            click.echo(str(problem), err=True)
        if row.line in slugs:
            withdrawn += [f"removed {display_path(path)}: row {row.line} no longer validates, and "
                          "the file was made from its earlier details"
                          for path in withdraw_folder(out / slugs[row.line], out)]
    workers, capped = useful_jobs(request.jobs, request.limits)
    if capped:
        note(capped)
    outcomes = _render(todo, workers, request.limits, request.strict, out)
    sheet = _combine(outcomes, out) if request.combined else None
    _summary(mine, bad, outcomes, time.monotonic() - started, request, out, sheet, withdrawn)


def _jobs_for(project: Project, inputs: Inputs, default: str,
              request: BatchRequest) -> Callable[[Row], list[Job]]:
    """A row's jobs: its own region, language and formats where it names them, else the
    command's (each combination planned once)."""
    planned: dict[tuple[str, tuple[str, ...], tuple[str, ...]], list[Job]] = {}

    def jobs(row: Row) -> list[Job]:
        key = (row.region or default, (row.language,) if row.language else request.langs,
               row.formats or request.formats)
        if key not in planned:
            planned[key] = plan(project, inputs, [key[0]], key[1], key[2], every=False)
        return planned[key]

    return jobs


def _read(path: Path, country: str, strict: bool, form: CsvForm, choices: Choices) -> list[Row]:
    """Every data row; with ``strict`` the first bad row stops the run."""
    rows = []
    for row in read_rows(path, country, form, choices):
        if strict and row.org is None:
            raise ProblemsFound(row.problems)
        rows.append(row)
    return rows


def _render(todo: list[BatchTask], workers: int, limits: RenderLimits,
            strict: bool, out: Path) -> list[BatchOutcome]:
    outcomes: list[BatchOutcome] = []
    with progress(len(todo), _describe) as on_done:
        for result in render_batch(todo, workers, limits):
            if result.outcome.error is not None:  # no manifest: the previous file never matches
                result.outcome.removed = tuple(withdraw(out / result.slug, result.outcome.job, out))
            outcomes.append(result)
            on_done(result)
            if strict and result.outcome.error is not None:
                raise BookletError(f"row {result.line} ({result.label}): {result.outcome.error}")
    return outcomes


def _combine(outcomes: list[BatchOutcome], out: Path) -> Path | None:
    from booklet.batch.combined import combine

    sheets = sorted((o.line, o.outcome.path.with_name(f"{o.outcome.job.fmt}-sheet.pdf"))
                    for o in outcomes if o.outcome.error is None and o.outcome.path is not None
                    and FORMATS[o.outcome.job.fmt].sheet)
    return combine([path for _, path in sheets], out)


def _describe(done: BatchOutcome) -> tuple[str, str]:
    return done.outcome.status, done.label


def _summary(rows: list[Row], bad: list[Row], outcomes: list[BatchOutcome], seconds: float,
             request: BatchRequest, out: Path, sheet: Path | None, withdrawn: list[str]) -> None:
    failed = [o for o in outcomes if o.outcome.error is not None]
    for done in sorted(failed, key=lambda o: (o.line, o.label)):
        click.echo(f"row {done.line}: failed {done.label}: {done.outcome.error}", err=True)
    failed_rows = {o.line for o in failed}
    built = sum(o.outcome.error is None for o in outcomes)
    where = "".join(f" ({what} {value})" for what, value in (("rows", request.rows), ("shard", request.shard))
                    if value)
    click.echo(f"{len(rows)} rows{where}: {len(rows) - len(bad) - len(failed_rows)} done, "
               f"{len(bad)} bad, {len(failed_rows)} failed; {built} PDFs written in {seconds:.1f} s")
    for line in withdrawn + summary.removed_lines([o.outcome for o in failed]):
        click.echo(line)
    if request.combined:
        click.echo(f"all card sheets in one file: {display_path(sheet)}" if sheet else
                   "no card sheet was made, so there is no combined file (hint: --format card)")
    click.echo(summary.where(out, [o.outcome.path for o in outcomes
                                   if o.outcome.path is not None and o.outcome.error is None],
                             "<clinic>/<region>/<language>/", failed=len(failed)))
    if bad or failed:
        raise BookletError(f"{len(bad) + len(failed_rows)} of {len(rows)} rows failed "
                           "(each listed above with its line)")
