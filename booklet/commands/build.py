"""``booklet build``: validate, then build each requested output and report.

Progress goes to stderr: a bar on a terminal, one plain line per output otherwise (CI
logs), then the warnings, grouped. The summary follows on stdout: the counts, a table of
every output, the translations' review status, any previous file taken away because its
rebuild failed, and last where the PDFs are. Failures and their causes go to stderr.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import click

from booklet.batch.shard import Shard, take_shard
from booklet.build.pool import useful_jobs
from booklet.build.selection import region_selection
from booklet.commands import summary
from booklet.commands.console import QUIET, VERBOSE, note, verbosity
from booklet.commands.progress import progress
from booklet.errors import BookletError, ProblemsFound
from booklet.limits import RenderLimits
from booklet.load.clock import build_date
from booklet.load.project import Project, default_out, open_project
from booklet.pipeline import BuildOptions, Outcome, plan, prepare, run
from booklet.validate.locales import review_label
from booklet.validate.org import load_org

DRAFT = "draft (not yet reviewed by a fluent health worker)"


def build_command(regions: tuple[str, ...], langs: tuple[str, ...], formats: tuple[str, ...],
                  every: bool, out: Path | None, html: bool, strict: bool, allow_stale: bool,
                  project_dir: Path | None, jobs: int | None = None, force: bool = False,
                  impose: bool = False, bleed: float = 0.0, org: Path | None = None,
                  shard: Shard | None = None, limits: RenderLimits = RenderLimits(),  # noqa: B008
                  cache_from: Path | None = None, pdfx: bool = False) -> None:
    """Run a build from CLI options; raise ``BookletError`` if anything failed."""
    started = time.monotonic()
    project = open_project(project_dir)
    out = out if out is not None else default_out(project)
    today, created = build_date(os.environ.get("SOURCE_DATE_EPOCH"))
    codes = region_selection(project, regions, every)
    inputs = prepare(project, codes, today, allow_stale)
    if inputs.problems.errors and not every:
        raise ProblemsFound(inputs.problems)
    for problem in inputs.problems:
        note(str(problem))
    if strict and inputs.problems.warnings:
        raise BookletError("warnings fail with --strict")
    todo = take_shard(plan(project, inputs, codes, langs, formats, every), shard,
                      key=lambda job: job.label)
    if not todo and shard is None:
        raise BookletError("nothing to build: no region offers the language asked for (see above)")
    stamp = load_org(org, [inputs.regions[j.region].country for j in todo
                           if j.region in inputs.regions]) if org else None
    reviews = {lang: review_label(project, lang) for lang in sorted({j.lang for j in todo})}
    drafts = [lang for lang, status in reviews.items() if status == "draft"]
    if strict and drafts:
        raise BookletError(f"--strict refuses draft translations: {', '.join(drafts)} (hint: have a "
                           "fluent health worker review them and record it in locales/<lang>/review.yaml)")
    options = BuildOptions(out, html, strict, allow_stale, impose=impose, bleed=bleed, org=stamp,
                           limits=limits, cache_from=cache_from, pdfx=pdfx)
    workers, capped = useful_jobs(jobs, limits)
    if capped:
        note(capped)
    with progress(len(todo), _describe) as on_done:
        outcomes = run(project, todo, inputs, options, created, workers=workers, force=force,
                       on_done=on_done)
    _report(project, out, outcomes, reviews, time.monotonic() - started)


def _describe(outcome: Outcome) -> tuple[str, str]:
    return outcome.status, outcome.job.label


def _translations(reviews: dict[str, str]) -> str:
    """The review status of each translated language, in words ("" for English alone)."""
    parts = [f"{lang} {DRAFT if status == 'draft' else status}"
             for lang, status in reviews.items() if status != "source"]
    return "translations: " + "; ".join(parts) if parts else ""


def _counts(project: Project, outcomes: list[Outcome], seconds: float) -> str:
    counts = {s: sum(o.status == s for o in outcomes) for s in ("built", "up to date", "failed")}
    who = f"{project.config.name}: " if project.config.name else ""
    why = (" (up to date: made from the same inputs by an earlier build, so not rebuilt)"
           if counts["up to date"] else "")
    noun = "output" if len(outcomes) == 1 else "outputs"
    return (f"{who}{len(outcomes)} {noun}: " + ", ".join(f"{n} {s}" for s, n in counts.items())
            + f" in {seconds:.1f} s{why}")


def _report(project: Project, out: Path, outcomes: list[Outcome], reviews: dict[str, str],
            seconds: float) -> None:
    level = verbosity()
    fresh = [o for o in outcomes if not o.skipped]
    if level > QUIET:
        warnings = summary.every_warning(fresh) if level >= VERBOSE else summary.grouped_warnings(fresh)
        for line in warnings:
            click.echo(line, err=True)
    click.echo(_counts(project, outcomes, seconds))
    if level > QUIET and outcomes:
        click.echo(summary.table(outcomes))
        if _translations(reviews):
            click.echo(_translations(reviews))
    failed = [o for o in outcomes if o.error is not None]
    for outcome in failed:
        click.echo(f"failed {outcome.job.label}: {outcome.error}", err=True)
    for line in summary.removed_lines(failed):
        click.echo(line)
    click.echo(summary.where(out, [o.path for o in outcomes if o.path is not None and o.error is None],
                             failed=len(failed)))
    if failed:
        raise BookletError(f"{len(failed)} of {len(outcomes)} outputs failed (each listed above)")
