"""The build pipeline: plan → load and validate → compose → render → write.

Plain functions that the CLI and the tests call. Validation reads every region the plan
needs and reports every problem before anything renders; an output that fails does not
stop the others, and the caller learns about each failure from the outcomes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from booklet.compose.document import Job, compose
from booklet.compose.formats import FORMATS
from booklet.errors import BookletError, Problems
from booklet.load.project import Project
from booklet.models.common import REGION_CODE
from booklet.models.content import SectionIndex
from booklet.validate.content import languages, load_index
from booklet.validate.regions import Region, load_regions, region_codes
from booklet.write.atomic import output_path, write_atomic

if TYPE_CHECKING:
    from booklet.render.pdf import Renderer


@dataclass(frozen=True)
class BuildOptions:
    """What the user asked for besides the jobs."""

    out: Path
    html: bool = False
    strict: bool = False
    allow_stale: bool = False


@dataclass
class Outcome:
    """What happened to one job."""

    job: Job
    path: Path | None = None
    pages: int = 0
    size: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass(frozen=True)
class Inputs:
    """Everything validated that composing needs."""

    regions: dict[str, Region]
    index: SectionIndex | None
    problems: Problems


def region_selection(project: Project, regions: tuple[str, ...], every: bool) -> list[str]:
    """The region codes a build reads: those named, else all (``every``) or the default."""
    for code in regions:
        if not REGION_CODE.fullmatch(code):
            raise BookletError(f"--region {code}: not a valid region code "
                               "(lower-case ISO 3166 such as us, us-ny or gb)")
    if regions:
        return list(dict.fromkeys(regions))
    return region_codes(project) if every else [project.config.region]


def prepare(project: Project, codes: list[str], today: date, allow_stale: bool) -> Inputs:
    """Read and validate the regions and the section index, collecting every problem."""
    regions, problems = load_regions(project, codes, today, allow_stale)
    index = load_index(project, problems)
    return Inputs(regions, index, problems)


def plan(project: Project, inputs: Inputs, codes: list[str], langs: tuple[str, ...],
         formats: tuple[str, ...], every: bool) -> list[Job]:
    """The jobs: each region with the named languages, or (``every``) with its own."""
    fmts = formats or tuple(project.config.formats)
    for fmt in fmts:
        if fmt not in FORMATS:
            raise BookletError(f"--format {fmt}: unknown format (choose from {', '.join(FORMATS)})")
    have = languages(project)
    for lang in langs:
        if lang not in have:
            raise BookletError(f"--lang {lang}: no section text in that language "
                               f"(languages with text: {', '.join(have)})")
    jobs: list[Job] = []
    for code in codes:
        if every and code in inputs.regions:
            chosen = [x for x in inputs.regions[code].languages
                      if x in have and (not langs or x in langs)]
        else:
            chosen = list(langs or (project.config.language,))
        jobs.extend(Job(code, lang, fmt) for lang in chosen for fmt in fmts)
    return jobs


def asset_roots(project: Project) -> tuple[Path, ...]:
    """Folders the renderer may read files from."""
    return tuple(project.folders("styles"))


def run(project: Project, jobs: list[Job], inputs: Inputs, options: BuildOptions,
        created: datetime | None) -> list[Outcome]:
    """Compose, render and write each job; a failure is recorded, not raised."""
    from booklet.render.pdf import Renderer

    renderer = Renderer()
    outcomes = []
    for job in jobs:
        outcome = Outcome(job)
        try:
            _build_one(project, job, inputs, options, created, renderer, outcome)
        except BookletError as exc:
            outcome.error = exc.message
        outcomes.append(outcome)
    return outcomes


def _build_one(project: Project, job: Job, inputs: Inputs, options: BuildOptions,
               created: datetime | None, renderer: Renderer, outcome: Outcome) -> None:
    region = inputs.regions.get(job.region)
    if region is None or inputs.index is None:
        bad = [str(p) for p in inputs.problems.errors]
        raise BookletError(bad[0] if len(bad) == 1 else f"{len(bad)} data problems (see above)")
    pdf_path = output_path(options.out, job, ".pdf")
    doc = compose(project, region, job, inputs.index, created)
    rendered = renderer.render(doc, asset_roots(project))
    outcome.warnings.extend(rendered.warnings)
    if options.strict and outcome.warnings:
        raise BookletError(f"{job.label}: warnings fail with --strict: {outcome.warnings[0]}")
    if options.html:
        write_atomic(output_path(options.out, job, ".html"), doc.html.encode("utf-8"))
    write_atomic(pdf_path, rendered.pdf)
    outcome.path, outcome.pages, outcome.size = pdf_path, rendered.pages, len(rendered.pdf)
