"""The build pipeline: plan → load and validate → compose → render → write.

Plain functions that the CLI and the tests call. Validation reads every region the plan
needs and reports every problem before anything renders; an output that fails does not
stop the others, and the caller learns about each failure from the outcomes.

``run`` skips outputs whose inputs hash matches the manifest and whose file is intact,
renders the rest in warm worker processes (``booklet.build.pool``) and records every
output that exists in ``out/manifest.json``, even when the build is interrupted.
"""

from __future__ import annotations

import logging
import os
import resource
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from booklet.build.cache import InputsHasher, file_digest, sha256_hex
from booklet.build.pool import render_all
from booklet.compose.formats import FORMATS, extra_suffixes, finishing_modules
from booklet.errors import BookletError, Problem, Problems, display_path
from booklet.limits import MERGED_FILE_BYTES, RenderLimits
from booklet.load.files import read_bytes
from booklet.load.project import Project
from booklet.models.content import SectionIndex
from booklet.models.job import Job
from booklet.validate.content import languages, load_index
from booklet.validate.locales import review_label
from booklet.validate.org import Org
from booklet.validate.regions import Region, load_regions
from booklet.write.atomic import output_path, write_atomic
from booklet.write.manifest import Entry, Failure, read_manifest, update_manifest
from booklet.write.withdraw import withdraw

if TYPE_CHECKING:
    from booklet.render.pdf import Renderer

log = logging.getLogger(__name__)
NOT_HASHED = ("out", "root", "limits", "cache_from")
"""``BuildOptions`` fields that do not change an output's bytes; every other one is hashed."""


@dataclass(frozen=True)
class BuildOptions:
    """What the user asked for besides the jobs."""

    out: Path
    html: bool = False
    strict: bool = False
    allow_stale: bool = False
    impose: bool = False
    """Also write a saddle-stitch print file beside each booklet."""
    bleed: float = 0.0
    """Print-shop bleed in mm; with it, pages get crop marks outside the bleed."""
    org: Org | None = None
    """The organization printed in the stamp area (``--org``, or one ``batch`` row)."""
    root: Path | None = None
    """The folder no write may leave, resolved before the build (``batch``: ``--out``);
    default: ``out``."""
    limits: RenderLimits = field(default_factory=RenderLimits)
    """Time and memory each output renders under."""
    cache_from: Path | None = None
    """An earlier build's output folder: an output up to date there is copied, not built."""
    pdfx: bool = False
    """Print files as PDF/X-4 with a CMYK output intent (``--pdfx``), still PDF/UA-1."""

    @property
    def confine(self) -> Path:
        """The folder every file of this build is written inside."""
        return self.root or self.out


@dataclass
class Outcome:
    """What happened to one job."""

    job: Job
    path: Path | None = None
    pages: int = 0
    size: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    sha256: str = ""
    inputs: str = ""
    """The inputs hash it was built from (see ``booklet.build.cache``)."""
    skipped: bool = False
    """Up to date: not rebuilt."""
    worker: int = 0
    """Id of the process that rendered it."""
    peak_kib: int = 0
    """That process's peak resident memory in KiB, after rendering it."""
    removed: tuple[Path, ...] = ()
    """A failed output's previous files, taken away because they no longer match the inputs."""
    kept: bool = False
    """A failed output whose previous file stays: it was built from these same inputs."""

    @property
    def status(self) -> str:
        """``built``, ``up to date`` or ``failed``."""
        return "failed" if self.error is not None else "up to date" if self.skipped else "built"


@dataclass(frozen=True)
class Inputs:
    """Everything validated that composing needs."""

    regions: dict[str, Region]
    index: SectionIndex | None
    problems: Problems

    def region_errors(self, code: str) -> list[Problem]:
        """The errors in the files of region ``code`` (its own and its parents'); an output
        of a region with errors fails."""
        region = self.regions.get(code)
        if region is None or not self.problems.errors:
            return []
        files = {display_path(path) for path in region.files}
        return [p for p in self.problems.errors if p.file in files]


def prepare(project: Project, codes: list[str], today: date, allow_stale: bool) -> Inputs:
    """Read and validate the regions and the section index, collecting every problem."""
    regions, problems = load_regions(project, codes, today, allow_stale)
    index = load_index(project, problems)
    return Inputs(regions, index, problems)


def plan(project: Project, inputs: Inputs, codes: list[str], langs: tuple[str, ...],
         formats: tuple[str, ...], every: bool) -> list[Job]:
    """The jobs: each region with the named languages, or (``every``) with its own languages
    in every format. A language a region does not offer is built only when it is named
    (``-l``); the project's default language is not built for a region without it."""
    fmts = formats or (tuple(FORMATS) if every else tuple(project.config.formats))
    for fmt in fmts:
        if fmt not in FORMATS:
            raise BookletError(f"--format {fmt!r}: unknown format (choose from {', '.join(FORMATS)})")
    have = languages(project)
    for lang in langs:
        if lang not in have:
            raise BookletError(f"--lang {lang!r}: no section text in that language "
                               f"(languages with text: {', '.join(have)})")
    jobs: list[Job] = []
    for code in codes:
        offered = inputs.regions[code].languages if code in inputs.regions else None
        if every and offered is not None:
            chosen = [x for x in offered if x in have and (not langs or x in langs)]
        else:
            chosen = list(langs or (project.config.language,))
        if offered is not None:
            chosen = [lang for lang in chosen if _offered(code, lang, offered, named=bool(langs))]
        jobs.extend(Job(code, lang, fmt) for lang in chosen for fmt in fmts)
    return jobs


def _offered(code: str, lang: str, offered: tuple[str, ...], named: bool) -> bool:
    """Whether to build ``lang`` for region ``code``; says why on the log when it is not
    one of the region's languages."""
    if lang in offered:
        return True
    if named:
        log.info("%s/%s: %s does not offer %s; built because you named it: the region's texts "
                 "that have no %s version print in English, tagged as English", code, lang, code, lang,
                 lang)
        return True
    log.info("%s: not built in %s, the project's default language: the region offers %s "
             "(to build it anyway, name it: -r %s -l %s)", code, lang, ", ".join(offered), code, lang)
    return False


def asset_roots(project: Project) -> tuple[Path, ...]:
    """Folders the renderer may read files from: stylesheets and the project's images."""
    return tuple(project.folders("styles")) + tuple(project.folders("assets"))


@dataclass(frozen=True)
class Task:
    """One output to build, as sent to a worker process."""

    project: Project
    job: Job
    inputs: Inputs
    options: BuildOptions
    created: datetime | None
    inputs_hash: str


def run(project: Project, jobs: list[Job], inputs: Inputs, options: BuildOptions,
        created: datetime | None, workers: int = 1, force: bool = False,
        on_done: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Build each job that is not up to date (all with ``force``), ``workers`` at a time.

    A failure is recorded in its outcome, not raised; ``on_done`` hears of each outcome as
    it comes. The manifest is updated on the way out, also after Ctrl-C.
    """
    hasher = InputsHasher(project, output_options(options), created)
    recorded = read_manifest(options.out)
    reusable = read_manifest(options.cache_from) if options.cache_from else {}
    done: dict[Job, Outcome] = {}
    tasks: list[Task] = []

    def finish(outcome: Outcome) -> None:
        done[outcome.job] = outcome
        if on_done is not None:
            on_done(outcome)

    for job in dict.fromkeys(jobs):
        region = inputs.regions.get(job.region)
        if region is None or inputs.index is None or inputs.region_errors(job.region):
            failed = Outcome(job, error=_data_cause(inputs, job.region))
            _settle_failure(failed, None, options)
            finish(failed)
            continue
        digest = hasher.inputs_hash(job, region)
        cached = None if force else (_up_to_date(job, recorded.get(job), digest, options)
                                     or _reused(job, reusable.get(job), digest, options))
        if cached is not None:
            finish(cached)
        else:
            only = Inputs({job.region: region}, inputs.index, Problems())
            tasks.append(Task(project, job, only, options, created, digest))
    try:
        for outcome in render_all(build_task, tasks, workers, _crashed, options.limits,
                                  task_modules(tasks)):
            if outcome.error is not None:
                _settle_failure(outcome, recorded.get(outcome.job), options)
            finish(outcome)
    finally:
        _record(project, inputs, options, list(done.values()))
    return [done[job] for job in dict.fromkeys(jobs)]


def task_modules(tasks: Iterable[Task]) -> tuple[str, ...]:
    """The modules the workers of ``tasks`` need beside the rendering stack."""
    return finishing_modules((t.job, t.options.impose, t.options.bleed, t.options.pdfx) for t in tasks)


def _settle_failure(outcome: Outcome, entry: Entry | None, options: BuildOptions) -> None:
    """A failed output's previous file stays only while it still matches the current inputs
    (a timeout or a crash on a rebuild with ``--force``); otherwise it is taken away."""
    if outcome.inputs and _up_to_date(outcome.job, entry, outcome.inputs, options) is not None:
        outcome.kept = True
    else:
        outcome.removed = tuple(withdraw(options.out, outcome.job, options.confine))


def output_options(options: BuildOptions) -> dict[str, object]:
    """The options that shape an output's bytes, by name."""
    return {f.name: getattr(options, f.name) for f in fields(options) if f.name not in NOT_HASHED}


def build_task(renderer: Renderer, task: Task) -> Outcome:
    """Compose, render and write one output with a warm renderer; record a failure."""
    outcome = Outcome(task.job, inputs=task.inputs_hash)
    try:
        _build_one(task.project, task.job, task.inputs, task.options, task.created, renderer, outcome)
    except BookletError as exc:
        outcome.error = exc.message
    except MemoryError:
        outcome.error = (f"ran out of memory (limit {task.options.limits.memory_mib} MiB; hint: "
                         "simplify the templates and styles, or raise --memory)")
    except Exception as exc:  # a bug hit by one output must not stop the others
        log.debug("%s failed", task.job.label, exc_info=True)
        outcome.error = f"internal error: {type(exc).__name__}: {exc}{_where(exc)}"
    outcome.worker = os.getpid()
    outcome.peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return outcome


def _crashed(task: Task, exc: BaseException) -> Outcome:
    return Outcome(task.job, inputs=task.inputs_hash, error=str(exc))


def _where(exc: BaseException) -> str:
    """`` at file:line`` of the innermost frame of ``exc``, for reports of internal errors."""
    frame = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    return f" at {display_path(Path(frame[0].filename))}:{frame[0].lineno}" if frame else ""


def _data_cause(inputs: Inputs, code: str) -> str:
    """The first data problem behind a region that did not load or has errors, its own
    file's first."""
    errors = inputs.problems.errors
    bad = (inputs.region_errors(code) or [p for p in errors if Path(p.file).name == f"{code}.yaml"]
           or errors)
    if not bad:
        return f"region {code!r} did not load"
    more = f" (and {len(bad) - 1} more problems, listed above)" if len(bad) > 1 else ""
    return f"{bad[0]}{more}"


def _suffixes(job: Job, options: BuildOptions) -> list[str]:
    """The files of ``job``: the reading PDF first."""
    return [".pdf", *([".html"] if options.html else []), *extra_suffixes(job, options.impose)]


def _reused(job: Job, entry: Entry | None, digest: str, options: BuildOptions) -> Outcome | None:
    """``job``'s files copied from ``--cache-from`` when they were made from these inputs."""
    folder = options.cache_from
    if folder is None or _up_to_date(job, entry, digest, options, folder) is None:
        return None
    for suffix in _suffixes(job, options):
        data = read_bytes(output_path(folder, job, suffix), MERGED_FILE_BYTES)
        write_atomic(output_path(options.out, job, suffix), data, within=options.confine)
    return _up_to_date(job, entry, digest, options)


def _up_to_date(job: Job, entry: Entry | None, digest: str, options: BuildOptions,
                folder: Path | None = None) -> Outcome | None:
    """The recorded outcome, when built from these inputs and the file (in ``folder``, by
    default the output folder) is still intact."""
    if entry is None or entry.inputs != digest:
        return None
    folder = folder or options.out
    paths = [output_path(folder, job, suffix) for suffix in _suffixes(job, options)]
    if not all(p.is_file() for p in paths):
        return None
    path = paths[0]
    try:
        intact = path.stat().st_size == entry.bytes and file_digest(path) == entry.sha256
    except OSError:
        return None
    if not intact:
        return None
    return Outcome(job, path, entry.pages, entry.bytes, list(entry.warnings), sha256=entry.sha256,
                   inputs=digest, skipped=True)


def _record(project: Project, inputs: Inputs, options: BuildOptions, outcomes: list[Outcome]) -> None:
    """Write the manifest entries of every output that exists after this build, and the
    failures (dropping the entries of outputs whose files were taken away; a failed output
    whose previous file stays keeps its entry)."""
    out, root = options.out, options.out.resolve()
    labels = {lang: review_label(project, lang) for lang in {o.job.lang for o in outcomes}}
    entries, failures = [], []
    for o in outcomes:
        if o.kept:
            continue  # its entry still describes the file there
        if o.error is not None:
            failures.append(Failure(o.job.region, o.job.lang, o.job.fmt, o.error,
                                    tuple(p.relative_to(root).as_posix() for p in o.removed)))
        elif o.path is not None:
            checked = inputs.regions[o.job.region].oldest_check
            entries.append(Entry(
                region=o.job.region, language=o.job.lang, format=o.job.fmt,
                file=o.path.relative_to(root).as_posix(), pages=o.pages, bytes=o.size,
                sha256=o.sha256, inputs=o.inputs,
                helplines_checked=checked.isoformat() if checked else None,
                translation_review=labels[o.job.lang],
                warnings=tuple(o.warnings)))
    if entries or failures:
        update_manifest(out, entries, failures, drop=[o.job for o in outcomes if o.error and not o.kept])


def _build_one(project: Project, job: Job, inputs: Inputs, options: BuildOptions,
               created: datetime | None, renderer: Renderer, outcome: Outcome) -> None:
    # Heavy (Jinja2, Babel, pikepdf, fontTools): imported only where outputs are built, so
    # a no-change rebuild and --help stay light. Workers import them once.
    from booklet.compose.document import compose
    from booklet.compose.standalone import standalone_html
    from booklet.finish.outputs import extra_outputs, for_print_shop, with_bleed, with_marks
    from booklet.render.glyphs import check_glyphs

    region = inputs.regions[job.region]  # callers send only jobs whose region loaded
    if inputs.index is None:
        raise BookletError("sections/sections.yaml did not load (see the problems above)")
    pdf_path = output_path(options.out, job, ".pdf")
    doc = with_bleed(compose(project, region, job, inputs.index, created, options.org),
                     options.bleed)
    check_glyphs(job.label, doc.html, doc.stylesheets)
    roots = asset_roots(project) + (options.org.asset_roots if options.org else ())
    rendered = renderer.render(doc, roots)
    pdf = with_marks(rendered.pdf, options.bleed, rendered.folds)
    pdf = for_print_shop(pdf, options.pdfx, created)  # --pdfx: CMYK, PDF/X-4 (finish/pdfx.py)
    outcome.warnings.extend(rendered.warnings)
    if options.strict and outcome.warnings:
        raise BookletError(f"{job.label}: warnings fail with --strict: {outcome.warnings[0]}")
    within = options.confine
    if options.html:
        write_atomic(output_path(options.out, job, ".html"), standalone_html(doc, roots).encode("utf-8"),
                     within=within)
    write_atomic(pdf_path, pdf, within=within)
    for suffix, data in extra_outputs(job, pdf, region.paper, options.impose, options.pdfx,
                                      created).items():
        write_atomic(output_path(options.out, job, suffix), data, within=within)
    outcome.path, outcome.pages, outcome.size, outcome.sha256 = (
        pdf_path, rendered.pages, len(pdf), sha256_hex(pdf))
