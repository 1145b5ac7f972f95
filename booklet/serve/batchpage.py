"""Batch: a clinics CSV in, a table of its rows with each bad row's problem, a ZIP out.

The file is read by ``booklet batch``'s own reader (``booklet.batch.rows``), with its
encoding and separator detected by ``booklet.batch.csvfile`` or chosen on the page. It is
kept as ``clinics.csv`` in the session's folder — never under the name it was sent with —
and must be at most ``MAX_CSV_BYTES``. Rows become the same render tasks as the CLI's
(``booklet.batch.work.tasks``) and run in the studio's bounded pool, a core at a time.
"""

from __future__ import annotations

import asyncio
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from booklet.batch.csvfile import DELIMITERS, ENCODINGS, CsvForm, detect
from booklet.batch.rows import COLUMNS, Row, read_rows
from booklet.batch.work import BatchOutcome, BatchTask, assign_slugs, tasks
from booklet.compose.formats import FORMATS
from booklet.errors import BookletError
from booklet.pipeline import BuildOptions
from booklet.serve import handout
from booklet.serve.handout import Choice
from booklet.serve.regionlist import region_choices
from booklet.serve.renderpool import Busy, RenderTimeout, WorkerFailed
from booklet.serve.web import (
    Session,
    current_session,
    gettext,
    page,
    posted,
    session_of,
    studio,
    upload,
    values,
)
from booklet.serve.work import batch_work

MAX_CSV_BYTES = 5 * 1024 * 1024
MAX_ROWS = 500
"""Rows one studio batch may hold; larger files are for ``booklet batch``."""


@dataclass
class BatchRun:
    """One uploaded CSV, its rows, and the state of its build."""

    choice: Choice
    form: CsvForm
    rows: list[Row]
    total: int = 0
    done: int = 0
    failed: list[str] = field(default_factory=list)
    running: bool = False
    zip_path: Path | None = None

    @property
    def good(self) -> int:
        """Rows that validated."""
        return sum(row.org is not None for row in self.rows)


def _folder(session: Session) -> Path:
    folder = session.folder / "batch"
    folder.mkdir(exist_ok=True)
    return folder


async def batch_page(request: Request) -> Response:
    """GET /batch: the upload form, or the uploaded rows and the build's state."""
    session = current_session(request)
    run: BatchRun | None = session.batch if session else None
    config = studio(request).project.config
    choice = run.choice if run else Choice(config.region, config.language, ("card",), "card")
    return _page(request, choice, run, {})


def _page(request: Request, choice: Choice, run: BatchRun | None, errors: dict[str, str],
          status: int = 200) -> Response:
    regions = region_choices(studio(request).project, request)
    return page(request, "batch.html", {
        "choice": choice, "run": run, "errors": errors, "regions": regions, "formats": list(FORMATS),
        "region_data": {r["code"]: r["languages"] for r in regions},
        "encodings": list(ENCODINGS), "delimiters": DELIMITERS, "max_rows": MAX_ROWS}, status)


async def upload_csv(request: Request) -> Response:
    """POST /batch: read an uploaded CSV into rows, each good or with its problem."""
    session = session_of(request)
    form = await posted(request, session)
    fields = values(form)
    config = studio(request).project.config
    choice = handout.read_choice(fields, config.region, config.language)
    if session.batch is not None and session.batch.running:
        busy = gettext(request, "Wait for the running build to finish.")
        return _page(request, choice, session.batch, {"csv": busy}, 409)
    data = await upload(form, "csv", MAX_CSV_BYTES)
    if data is None:
        return _page(request, choice, None, {"csv": gettext(request, "Choose a CSV file.")}, 400)
    if len(data) > MAX_CSV_BYTES:
        too_big = gettext(request, "The file is over the 5 MiB limit.")
        return _page(request, choice, None, {"csv": too_big}, 413)
    folder = _folder(session)
    shutil.rmtree(folder / "out", ignore_errors=True)
    path = folder / "clinics.csv"
    path.write_bytes(data)
    encoding = (fields.get("encoding") or [""])[0] or None
    delimiter = {"comma": ",", "semicolon": ";", "tab": "\t"}.get((fields.get("delimiter") or [""])[0])
    try:
        csv_form = detect(path, COLUMNS, encoding, delimiter)
        rows = list(read_rows(path, handout.country(choice), csv_form))
    except BookletError as exc:
        return _page(request, choice, None, {"csv": exc.message.replace(str(path), "clinics.csv")}, 400)
    if len(rows) > MAX_ROWS:
        message = gettext(request, "The file has {count} rows; the studio builds at most {limit}. "
                                   "Use booklet batch for larger files.")
        message = message.format(count=len(rows), limit=MAX_ROWS)
        return _page(request, choice, None, {"csv": message}, 400)
    session.batch = BatchRun(choice, csv_form, rows)
    return RedirectResponse("/batch", 303)


async def build(request: Request) -> Response:
    """POST /batch/build: build every good row in the background; progress is polled."""
    session = session_of(request)
    await posted(request, session)
    run: BatchRun | None = session.batch
    if run is None or run.running:
        return RedirectResponse("/batch", 303)
    plan, problems = handout.make_plan(studio(request).project, run.choice, None)
    if plan is None:
        run.failed = [str(p) for p in problems]
        return RedirectResponse("/batch", 303)
    out = _folder(session) / "out"
    options = BuildOptions(out)
    todo = tasks(plan.project, run.rows, assign_slugs(run.rows), list(plan.jobs), plan.inputs,
                 options, plan.created)
    run.total, run.done, run.failed, run.running, run.zip_path = len(todo), 0, [], True, None
    asyncio.get_running_loop().create_task(_build_all(request, run, todo, out))
    return RedirectResponse("/batch", 303)


async def _one(request: Request, task: BatchTask) -> BatchOutcome | str:
    pool = studio(request).pool
    while True:
        try:
            return await pool.run(batch_work, task)
        except Busy:
            await asyncio.sleep(1)
        except (RenderTimeout, WorkerFailed) as exc:
            return str(exc)


async def _build_all(request: Request, run: BatchRun, todo: list[BatchTask], out: Path) -> None:
    slots = asyncio.Semaphore(studio(request).pool.workers)

    async def one(task: BatchTask) -> None:
        async with slots:
            result = await _one(request, task)
        error = result if isinstance(result, str) else result.outcome.error
        if error is not None:
            run.failed.append(f"{task.line}: {task.slug}/{task.task.job.label}: {error}")
        run.done += 1

    try:
        await asyncio.gather(*(one(task) for task in todo))
        run.zip_path = await asyncio.to_thread(_zip, out, out.parent / "clinics.zip")
    finally:
        run.running = False


def _zip(out: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(out.rglob("*.pdf")) if out.is_dir() else []:
            archive.write(path, path.relative_to(out).as_posix())
    return target


async def progress(request: Request) -> Response:
    """GET /batch/progress: how far the build is."""
    run: BatchRun | None = session_of(request).batch
    if run is None:
        return JSONResponse({"done": 0, "total": 0, "finished": True, "text": ""})
    text = gettext(request, "{done} of {total} PDFs made").format(done=run.done, total=run.total)
    return JSONResponse({"done": run.done, "total": run.total, "finished": not run.running, "text": text})


async def result(request: Request) -> Response:
    """GET /batch/clinics.zip: every PDF of the finished build."""
    run: BatchRun | None = session_of(request).batch
    if run is None or run.zip_path is None or not run.zip_path.is_file():
        return Response("no finished batch", 404)
    return FileResponse(run.zip_path, media_type="application/zip", filename="clinics.zip")


def routes() -> list[Route]:
    """The batch page's routes."""
    return [Route("/batch", batch_page), Route("/batch", upload_csv, methods=["POST"]),
            Route("/batch/build", build, methods=["POST"]), Route("/batch/progress", progress),
            Route("/batch/clinics.zip", result)]
