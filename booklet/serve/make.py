"""The front page, "Make a handout": the form, field checks, live preview and downloads."""

from __future__ import annotations

import io
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from booklet.compose.formats import FORMATS
from booklet.errors import Problem
from booklet.models.common import REGION_CODE
from booklet.models.job import Job
from booklet.serve import handout
from booklet.serve.handout import Choice, Plan
from booklet.serve.regionlist import region_choices
from booklet.serve.renderpool import Busy, RenderTimeout, Superseded, WorkerFailed
from booklet.serve.uploads import MAX_ORG_BYTES, UploadRefused, org_yaml, read_org_yaml, store_logo
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
from booklet.serve.work import build_work, preview_work
from booklet.validate.org import MAX_LOGO_BYTES

KEEP_BUILDS = 4
"""Output folders kept per session (the latest sets of inputs)."""
KEEP_PREVIEWS = 3


@dataclass
class Checked:
    """A posted form after validation: the choice, field errors, other problems, the plan."""

    choice: Choice
    errors: dict[str, str]
    problems: list[str]
    plan: Plan | None = None


def plain(request: Request, problem: Problem) -> str:
    """A validation message in plain words beside its field (the rule's own words if rarer)."""
    message = problem.message
    if message.startswith("String should match pattern"):
        return gettext(request, "Write this on one line.")
    if message == "required field is missing":
        return gettext(request, "Fill this in.")
    if message.startswith("String should have at most"):
        return gettext(request, "This is too long: shorten it.")
    return f"{message} ({problem.hint})" if problem.hint else message


async def _take_logo(request: Request, form: FormData, session: Session) -> str | None:
    """Store an uploaded logo or drop it when asked; an error message or None."""
    if form.get("logo_remove"):
        for name in ("logo.png", "logo.svg"):
            (session.folder / name).unlink(missing_ok=True)
        session.logo = None
    try:
        data = await upload(form, "logo", MAX_LOGO_BYTES)
        if data is not None:
            session.logo = store_logo(session.folder, data)
    except UploadRefused as exc:
        return str(exc)
    return None


async def check(request: Request, session: Session, form: FormData) -> Checked:
    """Validate the posted form as ``booklet build --org`` would; plan it when it is good."""
    app = studio(request)
    config = app.project.config
    choice = handout.read_choice(values(form), config.region, config.language)
    errors: dict[str, str] = {}
    logo_error = await _take_logo(request, form, session)
    if logo_error:
        errors["logo"] = logo_error
    org, found = handout.validate_stamp(choice, session.folder, session.logo, handout.country(choice))
    plan, problems = handout.make_plan(app.project, choice, org)
    for problem in found:
        errors.setdefault(problem.field or "name", plain(request, problem))
    other = []
    for problem in problems:
        if problem.field in ("lang", "region"):
            errors.setdefault(problem.field, problem.message)
        else:
            other.append(str(problem))
    return Checked(choice, errors, other, plan if not errors else None)


def _out(session: Session, plan: Plan) -> Path:
    out = session.folder / "out"
    keys = [p for p in out.iterdir() if p.is_dir()] if out.is_dir() else []
    if len(keys) > KEEP_BUILDS and (out / plan.key) not in keys:
        for old in sorted(keys, key=lambda p: p.stat().st_mtime)[:-KEEP_BUILDS]:
            shutil.rmtree(old, ignore_errors=True)
    return out


def _job(plan: Plan, fmt: str) -> Job:
    return next(j for j in plan.jobs if j.fmt == fmt)


def _busy(request: Request) -> str:
    return gettext(request, "The studio is busy: try again in a moment.")


async def make_page(request: Request) -> Response:
    """GET /: the form with the project's defaults."""
    config = studio(request).project.config
    region = request.query_params.get("region", config.region)
    choice = Choice(region if REGION_CODE.fullmatch(region) else config.region, config.language,
                    tuple(config.formats), config.formats[0])
    return _form_page(request, choice, {}, [])


def _form_page(request: Request, choice: Choice, errors: dict[str, str], problems: list[str],
               status: int = 200, notice: str = "") -> Response:
    app = studio(request)
    session = current_session(request)
    regions = region_choices(app.project, request)
    context: dict[str, Any] = {
        "choice": choice, "errors": errors, "problems": problems, "regions": regions,
        "region_data": {r["code"]: r["languages"] for r in regions}, "formats": list(FORMATS),
        "stamp_fields": handout.STAMP_FIELDS, "logo": session.logo if session else None,
        "notice": notice,
    }
    return page(request, "make.html", context, status)


async def check_fields(request: Request) -> Response:
    """POST /check: the field errors of the form, as soon as a field is left."""
    session = session_of(request)
    checked = await check(request, session, await posted(request, session))
    return JSONResponse({"errors": checked.errors, "problems": checked.problems,
                         "logo": session.logo is not None})


async def preview(request: Request) -> Response:
    """POST /preview: build the shown format as the CLI does and answer with its page images."""
    app = studio(request)
    session = session_of(request)
    form = await posted(request, session)
    session.generation += 1
    mine = session.generation
    checked = await check(request, session, form)
    if checked.plan is None:
        return JSONResponse({"state": "invalid", "errors": checked.errors, "problems": checked.problems})
    plan = checked.plan
    task = handout.task_for(plan, _job(plan, checked.choice.show), _out(session, plan))
    try:
        result = await app.pool.run(preview_work, task, lane=session.id)
    except Busy:
        return JSONResponse({"state": "busy", "message": _busy(request)}, 503, {"retry-after": "2"})
    except Superseded:
        return JSONResponse({"state": "superseded"})
    except (RenderTimeout, WorkerFailed) as exc:
        return JSONResponse({"state": "failed", "message": str(exc)})
    if mine != session.generation:
        return JSONResponse({"state": "superseded"})
    if result.outcome.error is not None:
        return JSONResponse({"state": "failed", "message": result.outcome.error})
    session.pages = {g: p for g, p in session.pages.items() if g > mine - KEEP_PREVIEWS}
    session.pages[mine] = result.pages
    count = len(result.pages)
    return JSONResponse({
        "state": "ok", "generation": mine,
        "pages": [{"src": f"/preview/{mine}/{n}.png",
                   "alt": gettext(request, "Page {n} of {count}").format(n=n, count=count)}
                  for n in range(1, count + 1)],
        "warnings": list(result.outcome.warnings),
    })


async def preview_image(request: Request) -> Response:
    """GET /preview/{generation}/{page}.png: one page image of a recent preview."""
    session = session_of(request)
    pages = session.pages.get(int(request.path_params["generation"]), ())
    number = int(request.path_params["page"])
    if not 1 <= number <= len(pages):
        return Response("no such preview page", 404)
    return Response(pages[number - 1], media_type="image/png", headers={"cache-control": "no-store"})


async def _outputs(request: Request, session: Session, plan: Plan, jobs: list[Job]
                   ) -> list[tuple[Job, dict[str, Path]]] | str:
    """Each job's built files, building those not built yet; or a message why not."""
    app = studio(request)
    out = _out(session, plan)
    found = []
    for job in jobs:
        files = handout.built_files(plan, job, out)
        if not files[".pdf"].is_file():
            try:
                outcome = await app.pool.run(build_work, handout.task_for(plan, job, out))
            except Busy:
                return _busy(request)
            except (RenderTimeout, WorkerFailed) as exc:
                return str(exc)
            if outcome.error is not None:
                return outcome.error
        found.append((job, files))
    return found


def _wanted(plan: Plan, choice: Choice, what: str) -> tuple[list[Job], str]:
    """The jobs a download needs and the file suffix it sends (``zip`` for all)."""
    fmt, _, kind = what.partition(":")
    if what == "zip":
        return list(plan.jobs), "zip"
    if kind == "imposed":
        return [_job(plan, "booklet")], "-imposed.pdf"
    if kind == "sheet":
        return [_job(plan, "card")], "-sheet.pdf"
    return [_job(plan, fmt)], ".pdf"


async def download(request: Request) -> Response:
    """POST /download: a PDF, the imposed booklet, the card sheet, a ZIP, or the org.yaml."""
    session = session_of(request)
    form = await posted(request, session)
    checked = await check(request, session, form)
    what = str(form.get("what", "zip"))
    if checked.plan is None:
        return _form_page(request, checked.choice, checked.errors, checked.problems, 400)
    if what == "org":
        return Response(org_yaml(checked.choice.stamp, session.logo), media_type="application/yaml",
                        headers={"content-disposition": 'attachment; filename="org.yaml"'})
    plan, choice = checked.plan, checked.choice
    fmt = what.partition(":")[0]
    if what != "zip" and fmt not in choice.formats:
        choice = Choice(choice.region, choice.lang, (*choice.formats, fmt), choice.show, choice.stamp)
        widened, _ = handout.make_plan(studio(request).project, choice, plan.org)
        if widened is None:
            return _form_page(request, choice, {}, [], 400)
        plan = widened
    jobs, suffix = _wanted(plan, choice, what)
    built = await _outputs(request, session, plan, jobs)
    if isinstance(built, str):
        return _form_page(request, choice, {}, [built], 503 if built == _busy(request) else 500)
    if suffix != "zip":
        job, files = built[0]
        return Response(files[suffix].read_bytes(), media_type="application/pdf", headers={
            "content-disposition": f'attachment; filename="{handout.download_name(choice, job, suffix)}"'})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for job, files in built:
            for file_suffix, path in files.items():
                archive.write(path, handout.download_name(choice, job, file_suffix))
        if choice.stamp:
            archive.writestr("org.yaml", org_yaml(choice.stamp, session.logo))
            if session.logo:
                archive.write(session.folder / session.logo, session.logo)
    name = f"{choice.region}-{choice.lang}.zip"
    return Response(buffer.getvalue(), media_type="application/zip",
                    headers={"content-disposition": f'attachment; filename="{name}"'})


async def load_org(request: Request) -> Response:
    """POST /org: fill the form from an uploaded ``org.yaml`` (checked, never stored)."""
    session = session_of(request)
    form = await posted(request, session)
    config = studio(request).project.config
    choice = handout.read_choice(values(form), config.region, config.language)
    try:
        data = read_org_yaml(await upload(form, "orgfile", MAX_ORG_BYTES) or b"")
    except ValueError as exc:
        return _form_page(request, choice, {"orgfile": str(exc)}, [], 400)
    stamp = {k: v for k, v in data.items() if k in handout.STAMP_FIELDS and isinstance(v, str)}
    notice = ""
    if "logo" in data and session.logo is None:
        notice = gettext(request, "The file names a logo: upload it with the Logo field.")
    loaded = Choice(choice.region, choice.lang, choice.formats, choice.show, stamp)
    checked_org, found = handout.validate_stamp(loaded, session.folder, session.logo,
                                                 handout.country(loaded))
    errors = {p.field or "name": plain(request, p) for p in found} if checked_org is None else {}
    return _form_page(request, loaded, errors, [], 200, notice)
