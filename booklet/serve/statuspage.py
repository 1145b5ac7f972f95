"""The status page: the project's problems as ``booklet check`` reports them."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from booklet.check.report import Report, check_project
from booklet.errors import Problem
from booklet.models.common import REGION_CODE
from booklet.serve.handout import today
from booklet.serve.regionpage import own_codes
from booklet.serve.web import page, studio


def fix_link(problem: Problem, editable: set[str]) -> str | None:
    """Where to fix a problem in the studio: the region editor for a region file it can edit."""
    name = problem.file.replace("\\", "/").rsplit("/", 1)[-1]
    code = name.removesuffix(".yaml")
    if name.endswith(".yaml") and REGION_CODE.fullmatch(code) and code in editable:
        return f"/regions/{code}"
    return None


def _rows(report: Report, editable: set[str]) -> list[dict[str, Any]]:
    return [{"problem": p, "where": f"{p.file}:{p.line}" if p.line else p.file,
             "link": fix_link(p, editable)} for p in sorted(report.problems)]


async def status_page(request: Request) -> Response:
    """GET /status: ``booklet check`` over the project, without rendering a PDF."""
    app = studio(request)
    report = await asyncio.to_thread(check_project, app.project, today()[0])
    editable = set(own_codes(app.project)) if app.editable else set()
    return page(request, "status.html", {
        "report": report, "rows": _rows(report, editable), "own": editable,
        "errors": len(report.errors), "warnings": len(report.warnings)})
