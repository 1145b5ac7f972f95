"""The studio's web application: routes, the guard around them, and the render pool's life."""

from __future__ import annotations

import shutil
import socket
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from booklet.load.project import open_project
from booklet.serve import batchpage, make, regionpage, statuspage
from booklet.serve.guard import Door, Guard
from booklet.serve.renderpool import RenderPool
from booklet.serve.web import Sessions, Settings, Studio, error_page

MAX_CSV_BYTES = 5 * 1024 * 1024
MAX_BODY = MAX_CSV_BYTES + 64 * 1024
"""The largest request body: a CSV at its limit plus the form around it."""
STATIC = Path(__file__).parent / "static"


def allowed_names(settings: Settings) -> frozenset[str]:
    """Host names accepted besides addresses and localhost: the one the studio was started on
    and, when it listens beyond this machine (with a token), this machine's own names."""
    names = {settings.host.lower()}
    if settings.token is not None:
        names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
    return frozenset(names)


def create_app(settings: Settings) -> Starlette:
    """The studio for ``settings``; its render workers start with the app and end with it."""
    project = open_project(settings.project_dir)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        folder = Path(tempfile.mkdtemp(prefix="booklet-studio-"))
        pool = RenderPool(settings.workers, settings.queue_limit, settings.render_timeout)
        pool.start()
        app.state.studio = Studio(settings, project, pool, Sessions(folder),
                                  editable=project.layers[0] != project.shipped)
        try:
            yield
        finally:
            pool.close()
            shutil.rmtree(folder, ignore_errors=True)

    routes = [
        Route("/", make.make_page),
        Route("/check", make.check_fields, methods=["POST"]),
        Route("/preview", make.preview, methods=["POST"]),
        Route("/preview/{generation:int}/{page:int}.png", make.preview_image),
        Route("/download", make.download, methods=["POST"]),
        Route("/org", make.load_org, methods=["POST"]),
        *batchpage.routes(),
        *regionpage.routes(),
        Route("/status", statuspage.status_page),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    door = Door(allowed_names(settings), MAX_BODY, settings.token)
    return Starlette(routes=routes, middleware=[Middleware(Guard, door=door)], lifespan=lifespan,
                     exception_handlers={HTTPException: error_page}, max_body_size=MAX_BODY)
