"""``booklet build``: validate, then build each requested output and report.

Progress goes to stderr: a bar on a terminal, one plain line per output otherwise (CI
logs). A summary table follows on stdout, then every failure with its cause.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import click

from booklet.batch.shard import Shard, take_shard
from booklet.build.pool import useful_jobs
from booklet.commands.progress import progress
from booklet.errors import BookletError, ProblemsFound
from booklet.limits import RenderLimits
from booklet.load.clock import build_date
from booklet.load.project import open_project
from booklet.pipeline import BuildOptions, Outcome, plan, prepare, region_selection, run
from booklet.validate.locales import review_label
from booklet.validate.org import load_org


def build_command(regions: tuple[str, ...], langs: tuple[str, ...], formats: tuple[str, ...],
                  every: bool, out: Path, html: bool, strict: bool, allow_stale: bool,
                  project_dir: Path | None, jobs: int | None = None, force: bool = False,
                  impose: bool = False, bleed: float = 0.0, org: Path | None = None,
                  shard: Shard | None = None, limits: RenderLimits = RenderLimits(),  # noqa: B008
                  pdfx: bool = False) -> None:
    """Run a build from CLI options; raise ``BookletError`` if anything failed."""
    started = time.monotonic()
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
    todo = take_shard(plan(project, inputs, codes, langs, formats, every), shard,
                      key=lambda job: job.label)
    stamp = load_org(org, [inputs.regions[j.region].country for j in todo
                           if j.region in inputs.regions]) if org else None
    reviews = {lang: review_label(project, lang) for lang in sorted({j.lang for j in todo})}
    drafts = [lang for lang, status in reviews.items() if status == "draft"]
    if strict and drafts:
        raise BookletError(f"--strict refuses draft translations: {', '.join(drafts)} (hint: have a "
                           "fluent health worker review them and record it in locales/<lang>/review.yaml)")
    options = BuildOptions(out, html, strict, allow_stale, impose=impose, bleed=bleed, org=stamp,
                           limits=limits, pdfx=pdfx)
    workers, capped = useful_jobs(jobs, limits)
    if capped:
        click.echo(capped, err=True)
    with progress(len(todo), _describe) as on_done:
        outcomes = run(project, todo, inputs, options, created, workers=workers, force=force,
                       on_done=on_done)
    click.echo("translation review: " + "; ".join(f"{lang} {status}" for lang, status in reviews.items()))
    _report(outcomes, time.monotonic() - started)


def _describe(outcome: Outcome) -> tuple[str, str]:
    return outcome.status, outcome.job.label


def _table(outcomes: list[Outcome]) -> str:
    """The summary: one row per output."""
    width = max([len("output"), *(len(o.job.label) for o in outcomes)])
    rows = [f"{'output':<{width}}  {'status':<10}  {'pages':>5}  {'KiB':>5}  {'warnings':>8}"]
    for o in outcomes:
        pages, kib = (str(o.pages), str(o.size // 1024)) if o.error is None else ("-", "-")
        rows.append(f"{o.job.label:<{width}}  {o.status:<10}  {pages:>5}  {kib:>5}  {len(o.warnings):>8}")
    return "\n".join(rows)


def _report(outcomes: list[Outcome], seconds: float) -> None:
    for outcome in outcomes:
        if not outcome.skipped:
            for warning in outcome.warnings:
                click.echo(f"{outcome.job.label}: warning: {warning}", err=True)
    if outcomes:
        click.echo(_table(outcomes))
    counts = {s: sum(o.status == s for o in outcomes) for s in ("built", "up to date", "failed")}
    click.echo(f"{len(outcomes)} outputs: " + ", ".join(f"{n} {s}" for s, n in counts.items())
               + f" in {seconds:.1f} s")
    failed = [o for o in outcomes if o.error is not None]
    for outcome in failed:
        click.echo(f"failed {outcome.job.label}: {outcome.error}", err=True)
    if failed:
        raise BookletError(f"{len(failed)} of {len(outcomes)} outputs failed (each listed above)")
