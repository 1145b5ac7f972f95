"""Edit a region (only with ``--project``): the region resolved, and its own helplines.

The page shows what a build would print: the region resolved through its parents by the
same validation (``load_regions``), each inherited line marked with where it comes from.
The project's own lines are edited in forms generated from the ``Helpline`` schema
(``booklet.serve.schemaform``) and saved to ``regions/<code>.yaml`` keeping comments
(``booklet.write.yamledit``). A save is validated like a build reads the file, and
refused if the file changed since the page was loaded (another tab, an editor). Shipped
regions are read-only.

Each own line can also record a check of its details (``booklet verify``'s function,
``append_verification``): the record is dated today and appended to the line's
``verifications``, under the same lock and the same "changed since loaded" rule as a save.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import tempfile
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from booklet.errors import BookletError, Problem, display_path
from booklet.limits import YAML_BYTES
from booklet.load.files import read_bytes
from booklet.load.project import Project
from booklet.models.common import REGION_CODE
from booklet.models.docs import json_schema
from booklet.models.job import Job
from booklet.models.region import Helpline
from booklet.pipeline import BuildOptions, Task, prepare
from booklet.serve import schemaform
from booklet.serve.handout import today
from booklet.serve.regionlist import local
from booklet.serve.renderpool import Busy, RenderTimeout, Superseded, WorkerFailed
from booklet.serve.web import current_session, gettext, page, posted, session_of, studio, values
from booklet.serve.work import preview_work
from booklet.validate.regions import Region, load_regions, region_codes
from booklet.write import yamledit
from booklet.write.atomic import write_atomic
from booklet.write.verification import append_verification, new_record


def _records_after_source(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with the inherited ``verifications`` moved after ``source``, where the
    region files keep them: the form starts with the line's name, not its check records."""
    props = schema["properties"]
    records = props.pop("verifications")
    keys = list(props)
    at = keys.index("source") + 1
    schema["properties"] = {k: props[k] for k in keys[:at]} | {"verifications": records} | {
        k: props[k] for k in keys[at:]}
    return schema


SCHEMA = _records_after_source(json_schema(Helpline))
LOCKS: dict[str, asyncio.Lock] = {}
INDEX = re.compile(r"\[(\d+)\]")


def own_folder(project: Project) -> Path | None:
    """The project's own ``regions/`` folder (None when the project is the shipped content)."""
    return project.layers[0] / "regions" if len(project.layers) > 1 else None


def own_codes(project: Project) -> list[str]:
    """Regions whose file is in the project's own folder: the ones that may be edited."""
    folder = own_folder(project)
    if folder is None or not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.yaml") if REGION_CODE.fullmatch(p.stem))


def _own_file(project: Project, code: str) -> Path | None:
    folder = own_folder(project)
    if folder is None or code not in own_codes(project):
        return None
    path = folder / f"{code}.yaml"
    if not path.resolve().is_relative_to(folder.resolve()):
        raise BookletError(f"{display_path(path)} points outside regions/")
    return path


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


async def regions_page(request: Request) -> Response:
    """GET /regions: the project's own regions (editable) and the shipped ones."""
    app = studio(request)
    if not app.editable:
        return Response("Start the studio with --project to edit regions.", 404)
    own = set(own_codes(app.project))
    rows = [{"code": c, "own": c in own} for c in region_codes(app.project)]
    return page(request, "regions.html", {"rows": rows})


def _lines_of(data: Any) -> list[dict[str, Any]]:
    lines = data.get("helplines") if isinstance(data, dict) else None
    return [line for line in lines if isinstance(line, dict)] if isinstance(lines, list) else []


def _form_langs(region: Region | None, data: Any) -> tuple[str, ...]:
    if region is not None:
        return region.languages
    langs = data.get("languages") if isinstance(data, dict) else None
    return tuple(langs) if isinstance(langs, list) and langs else ("en",)


def _inherited(region: Region | None, code: str, own: bool) -> list[dict[str, Any]]:
    """The resolved lines not edited here: inherited ones, or all of a shipped region."""
    if region is None:
        return []
    return [{"line": line, "origin": region.origins.get(line.id, (code,)),
             "name": local(line.name, "en")}
            for line in region.helplines if not own or region.origins.get(line.id, (code,))[-1] != code]


def _context(request: Request, code: str, edit: dict[str, Any] | None = None) -> dict[str, Any]:
    """Everything the region page shows; ``edit`` keeps a refused save's values and errors."""
    app = studio(request)
    regions, problems = load_regions(app.project, [code], today()[0], allow_stale=True)
    region = regions.get(code)
    path = _own_file(app.project, code)
    raw = read_bytes(path, YAML_BYTES) if path else b""
    data = yamledit.load_mapping(raw.decode("utf-8")) if path else {}
    langs = _form_langs(region, data)
    status = {h.id: h.status for h in region.helplines} if region else {}
    forms = [{"index": i, "id": line.get("id", ""), "name": local(line.get("name") or "", "en"),
              "status": status.get(line.get("id", ""), ""),
              "form": schemaform.build_form(SCHEMA, line, langs),
              "errors": {}} for i, line in enumerate(_lines_of(data))]
    override = request.query_params.get("override")
    start: dict[str, Any] = {}
    if region is not None and override:
        start = next((h.model_dump(mode="python", exclude_none=True) for h in region.helplines
                      if h.id == override), {})
    new = {"index": "new", "form": schemaform.build_form(SCHEMA, start, langs), "errors": {}}
    if edit is not None:
        target = new if edit["index"] == "new" else next(
            (f for f in forms if str(f["index"]) == edit["index"]), new)
        target["form"] = schemaform.build_form(SCHEMA, edit["data"], langs)
        target["errors"] = edit["errors"]
        target["open"] = True
    saved = request.query_params.get("saved", "")
    session = current_session(request)
    pages = session.pages.get(int(saved), ()) if session and saved.isdigit() else ()
    return {"code": code, "region": region, "own": path is not None, "forms": forms, "new": new,
            "inherited": _inherited(region, code, path is not None), "base": _digest(raw),
            "problems": [str(p) for p in problems], "file": display_path(path) if path else "",
            "preview": [f"/preview/{saved}/{n}.png" for n in range(1, len(pages) + 1)],
            "override": override or "", "name": local(region.name, "en") if region else code}


async def region_page(request: Request) -> Response:
    """GET /regions/{code}: the region resolved, with forms for its own lines."""
    code = request.path_params["code"]
    if not studio(request).editable or not REGION_CODE.fullmatch(code):
        return Response("no such region page", 404)
    return page(request, "region.html", _context(request, code))


def _errors_for(problems: list[Problem], index: int) -> tuple[dict[str, str], list[str]]:
    """Problems of helpline ``index`` by form field path, and the others as lines."""
    mine: dict[str, str] = {}
    other = []
    prefix = f"helplines.{index}."
    for problem in problems:
        path = INDEX.sub(r".\1", problem.field)
        if path.startswith(prefix):
            mine.setdefault(path.removeprefix(prefix), f"{problem.message}"
                            + (f" ({problem.hint})" if problem.hint else ""))
        elif path == prefix.rstrip("."):
            mine.setdefault("id", problem.message)
        else:
            other.append(f"{problem.field}: {problem.message}" if problem.field else problem.message)
    return mine, other


def _check(project: Project, code: str, text: str) -> list[Problem]:
    """Errors the build would report for the region with this file text."""
    with tempfile.TemporaryDirectory(prefix="booklet-region-") as folder:
        overlay = Path(folder)
        (overlay / "regions").mkdir()
        (overlay / "regions" / f"{code}.yaml").write_text(text, encoding="utf-8")
        trial = Project((overlay.resolve(), *project.layers), project.config)
        _, problems = load_regions(trial, [code], today()[0], allow_stale=True)
    return problems.errors


def _new_errors(before: list[Problem], after: list[Problem]) -> list[Problem]:
    known = {(p.field, p.message) for p in before}
    return [p for p in after if (p.field, p.message) not in known]


async def _own_post(request: Request) -> tuple[str, Path, dict[str, str]] | Response:
    """The region code, the project's own file of it and the posted fields, for a POST that
    edits the file; a 403 response if the region is shipped with booklet (read-only)."""
    app = studio(request)
    code = request.path_params["code"]
    form = await posted(request, session_of(request))
    path = _own_file(app.project, code) if app.editable and REGION_CODE.fullmatch(code) else None
    if path is None:
        return Response(gettext(request, "This region is read-only: it is shipped with booklet."), 403)
    return code, path, {k: v[0] for k, v in values(form).items()}


async def save_line(request: Request) -> Response:
    """POST /regions/{code}: save one own helpline, unless the file changed meanwhile."""
    app = studio(request)
    own = await _own_post(request)
    if isinstance(own, Response):
        return own
    code, path, fields = own
    regions, _ = load_regions(app.project, [code], today()[0], allow_stale=True)
    before = yamledit.load_mapping(read_bytes(path, YAML_BYTES).decode("utf-8"))
    line = schemaform.read_form(SCHEMA, fields, _form_langs(regions.get(code), before))
    position = fields.get("index", "new")
    existing = _lines_of(before)
    if position.isdigit() and int(position) < len(existing):  # what the form cannot edit is kept
        line |= {k: existing[int(position)][k] for k in schemaform.opaque_keys(SCHEMA)
                 if k in existing[int(position)]}
    edit: dict[str, Any] = {"index": position, "data": line, "errors": {}}
    async with LOCKS.setdefault(str(path), asyncio.Lock()):
        current = read_bytes(path, YAML_BYTES)
        if _digest(current) != fields.get("base"):
            context = _context(request, code, edit)
            context["conflict"] = True
            return page(request, "region.html", context, 409)
        text = current.decode("utf-8")
        data = yamledit.load_mapping(text)
        index = yamledit.put_helpline(data, int(position) if position.isdigit() else None, line)
        changed = yamledit.dump(data)
        errors = _new_errors(_check(app.project, code, text), _check(app.project, code, changed))
        if errors:
            edit["errors"], other = _errors_for(errors, index)
            context = _context(request, code, edit)
            context["problems"] = other + context["problems"]
            return page(request, "region.html", context, 400)
        write_atomic(path, changed.encode("utf-8"), within=app.project.layers[0])
    generation = await _preview(request, code)
    return RedirectResponse(f"/regions/{code}?saved={generation}#preview", 303)


async def record_check(request: Request) -> Response:
    """POST /regions/{code}/verify: append a record of a check to one own line."""
    app = studio(request)
    own = await _own_post(request)
    if isinstance(own, Response):
        return own
    code, path, posted_fields = own
    fields = {k: v.strip() for k, v in posted_fields.items()}
    async with LOCKS.setdefault(str(path), asyncio.Lock()):
        if _digest(read_bytes(path, YAML_BYTES)) != fields.get("base"):
            context = _context(request, code)
            context["conflict"] = True
            return page(request, "region.html", context, 409)
        try:
            record = new_record(fields.get("how", ""), fields.get("by", ""), fields.get("evidence"),
                                fields.get("note"), today()[0])
            append_verification(app.project, code, fields.get("id", ""), record)
        except BookletError as exc:
            context = _context(request, code)
            context["problems"] = [exc.message, *context["problems"]]
            return page(request, "region.html", context, 400)
    generation = await _preview(request, code)
    return RedirectResponse(f"/regions/{code}?saved={generation}#preview", 303)


async def _preview(request: Request, code: str) -> int:
    """Render the region's card at once, as the front page would; the generation, or 0."""
    app = studio(request)
    session = session_of(request)
    day, created = today()
    inputs = prepare(app.project, [code], day, allow_stale=False)
    region = inputs.regions.get(code)
    if region is None:
        return 0
    job = Job(code, region.languages[0], "card")
    task = Task(app.project, job, inputs, BuildOptions(session.folder / "regions"), created, "")
    session.generation += 1
    mine = session.generation
    try:
        result = await app.pool.run(preview_work, task, lane=session.id)
    except (Busy, Superseded, RenderTimeout, WorkerFailed):
        return 0
    session.pages[mine] = result.pages
    return mine


def routes() -> list[Route]:
    """The region editor's routes (they answer 404 without ``--project``)."""
    return [Route("/regions", regions_page),
            Route("/regions/{code}", region_page),
            Route("/regions/{code}", save_line, methods=["POST"]),
            Route("/regions/{code}/verify", record_check, methods=["POST"])]
