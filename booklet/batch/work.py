"""Turn validated rows into render tasks, and render them in the warm worker pool.

Every row's outputs go to ``OUT/<slug>/<region>/<lang>/<format>.pdf``: the slug is the
organization's safe, unique folder name. All tasks of a batch share one pool of warm
workers (``booklet.build.pool``), never a process per document; workers write each PDF
to disk and hand back only its outcome, so memory stays flat however many rows there are.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from booklet.batch.rows import Row
from booklet.batch.slug import Slugs
from booklet.build.pool import render_all
from booklet.limits import RenderLimits
from booklet.load.project import Project, check_name
from booklet.models.job import Job
from booklet.pipeline import BuildOptions, Inputs, Outcome, Task, build_task, task_modules

if TYPE_CHECKING:
    from booklet.render.pdf import Renderer


@dataclass(frozen=True)
class Clinic:
    """A row that validated, with its output folder name."""

    row: Row
    slug: str


@dataclass(frozen=True)
class BatchTask:
    """One output of one row, as sent to a worker."""

    line: int
    slug: str
    task: Task


@dataclass(frozen=True)
class BatchOutcome:
    """What happened to one output of one row."""

    line: int
    slug: str
    outcome: Outcome

    @property
    def label(self) -> str:
        """``eastside-health-center/us/en/card``."""
        return f"{self.slug}/{self.outcome.job.label}"


def assign_slugs(rows: list[Row]) -> dict[int, str]:
    """A unique slug for each row with a name, good or bad, by line, in file order (the same
    in every shard and selection, and a row's folder does not move when another row breaks)."""
    slugs = Slugs()
    return {row.line: check_name(slugs.take(row.name), "output folder")
            for row in rows if row.org is not None or row.name}


def tasks(project: Project, rows: list[Row], slugs: dict[int, str], jobs: list[Job],
          inputs: Inputs, options: BuildOptions, created: datetime | None,
          row_jobs: Mapping[int, list[Job]] | None = None) -> list[BatchTask]:
    """Each good row's outputs (``row_jobs`` by line where a row chose its own, else
    ``jobs``), rows in file order."""
    found = []
    for row in rows:
        if row.org is None:
            continue
        slug = slugs[row.line]
        row_options = replace(options, out=options.out / slug, org=row.org)
        for job in (row_jobs or {}).get(row.line, jobs):
            only = Inputs({job.region: inputs.regions[job.region]}, inputs.index, inputs.problems)
            found.append(BatchTask(row.line, slug, Task(project, job, only, row_options, created, "")))
    return found


def _work(renderer: Renderer, task: BatchTask) -> BatchOutcome:
    return BatchOutcome(task.line, task.slug, build_task(renderer, task.task))


def _broken(task: BatchTask, exc: BaseException) -> BatchOutcome:
    return BatchOutcome(task.line, task.slug, Outcome(task.task.job, error=str(exc)))


def render_batch(todo: list[BatchTask], workers: int, limits: RenderLimits) -> Iterator[BatchOutcome]:
    """Render every task in warm workers under ``limits``, yielding outcomes as they finish."""
    return render_all(_work, todo, workers, _broken, limits, task_modules(t.task for t in todo))
