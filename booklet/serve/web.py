"""What every page of the studio shares: settings, sessions, pages in the reader's language,
and reading a posted form within limits and with its anti-forgery token.
"""

from __future__ import annotations

import secrets
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import escape
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.templating import Jinja2Templates

from booklet.load.project import Project
from booklet.serve import i18n
from booklet.serve.renderpool import RenderPool

if TYPE_CHECKING:
    from booklet.serve.batchpage import BatchRun

SESSION_COOKIE = "booklet_session"
MAX_SESSIONS = 32
MAX_FIELD_BYTES = 64 * 1024
MAX_FIELDS = 400
TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Settings:
    """How ``booklet serve`` was started."""

    project_dir: Path | None = None
    """The project given with ``--project`` (else the one found from the working folder up,
    else the shipped content); the regions of a project, never the shipped ones, may be
    edited."""
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    workers: int = 2
    queue_limit: int = 4
    """Renders that may wait for a worker; one more is answered "busy, try again"."""
    render_timeout: float = 60.0
    """Seconds one render may take before its worker is stopped and replaced."""


@dataclass
class Session:
    """One browser's work: its folder, its anti-forgery token, its latest previews."""

    id: str
    folder: Path
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    logo: str | None = None
    """The uploaded logo's file name in ``folder``: always ``logo.png`` or ``logo.svg``."""
    generation: int = 0
    """Counts preview requests; an older one finishing late is discarded."""
    pages: dict[int, tuple[bytes, ...]] = field(default_factory=dict)
    batch: BatchRun | None = None
    seen: float = field(default_factory=time.monotonic)


class Sessions:
    """Sessions by cookie, at most ``MAX_SESSIONS`` (the least recently seen is dropped)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.items: dict[str, Session] = {}

    def get(self, sid: str | None) -> Session | None:
        """The session of a cookie value, if it is one of ours."""
        session = self.items.get(sid or "")
        if session is not None:
            session.seen = time.monotonic()
        return session

    def new(self) -> Session:
        """A new session with an empty folder of its own."""
        if len(self.items) >= MAX_SESSIONS:
            oldest = min(self.items.values(), key=lambda s: s.seen)
            del self.items[oldest.id]
            shutil.rmtree(oldest.folder, ignore_errors=True)
        sid = secrets.token_urlsafe(24)
        folder = self.root / secrets.token_hex(8)
        folder.mkdir(parents=True)
        self.items[sid] = Session(sid, folder)
        return self.items[sid]


@dataclass
class Studio:
    """The running studio, kept in ``app.state.studio``."""

    settings: Settings
    project: Project
    pool: RenderPool
    sessions: Sessions
    editable: bool
    """Whether region files may be edited (only with ``--project``)."""
    templates: dict[str, Jinja2Templates] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for lang in i18n.LANGUAGES:
            env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                              extensions=["jinja2.ext.i18n"])
            env.install_gettext_translations(i18n.translations(lang), newstyle=True)  # type: ignore[attr-defined]
            self.templates[lang] = Jinja2Templates(env=env)


def studio(request: Request) -> Studio:
    """The running studio."""
    found: Studio = request.app.state.studio
    return found


def ui_lang(request: Request) -> str:
    """The interface language of this request."""
    return i18n.choose(request.query_params.get("ui"), request.cookies.get(i18n.UI_COOKIE),
                       request.headers.get("accept-language", ""))


def gettext(request: Request, message: str) -> str:
    """``message`` in the interface language of this request."""
    return i18n.translations(ui_lang(request)).gettext(message)


def current_session(request: Request) -> Session | None:
    """This browser's session, if it has one yet."""
    return studio(request).sessions.get(request.cookies.get(SESSION_COOKIE))


def session_of(request: Request) -> Session:
    """This browser's session; a request without one (expired, forged) is refused."""
    session = studio(request).sessions.get(request.cookies.get(SESSION_COOKIE))
    if session is None:
        raise HTTPException(403, gettext(request, "Your session has ended: reload the page."))
    return session


def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    """Render a page in the reader's language, starting a session if there is none."""
    app = studio(request)
    lang = ui_lang(request)
    session = app.sessions.get(request.cookies.get(SESSION_COOKIE))
    fresh = session is None
    if session is None:
        session = app.sessions.new()
    base = {"ui": lang, "languages": i18n.LANGUAGES, "language_name": i18n.language_name,
            "csrf": session.csrf, "editable": app.editable, "path": request.url.path}
    response = app.templates[lang].TemplateResponse(request, name, {**base, **context}, status_code=status)
    if fresh:
        response.set_cookie(SESSION_COOKIE, session.id, httponly=True, samesite="strict")
    if request.query_params.get("ui") in i18n.LANGUAGES:
        response.set_cookie(i18n.UI_COOKIE, lang, samesite="strict")
    response.headers["cache-control"] = "no-store"
    return response


async def posted(request: Request, session: Session) -> FormData:
    """The posted form, read within limits, after its anti-forgery token is checked."""
    try:
        form = await request.form(max_files=2, max_fields=MAX_FIELDS, max_part_size=MAX_FIELD_BYTES)
    except MultiPartException as exc:
        raise HTTPException(400, str(exc)) from exc
    token = request.headers.get("x-csrf-token") or form.get("csrf")
    if not isinstance(token, str) or not secrets.compare_digest(token, session.csrf):
        await form.close()
        raise HTTPException(403, gettext(request, "This form is out of date: reload the page and try again."))
    return form


def values(form: FormData) -> dict[str, list[str]]:
    """The form's text fields (uploads left out), each with every value it was sent."""
    found: dict[str, list[str]] = {}
    for key, value in form.multi_items():
        if isinstance(value, str):
            found.setdefault(key, []).append(value)
    return found


async def upload(form: FormData, name: str, limit: int) -> bytes | None:
    """The bytes of the file field ``name`` (None if empty), at most ``limit`` + 1 of them:
    the caller refuses a file longer than ``limit`` with its own message."""
    item = form.get(name)
    if not isinstance(item, UploadFile):
        return None
    return await item.read(limit + 1) or None


def error_page(request: Request, exc: Exception) -> Response:
    """A plain answer for refused requests: text for scripts, a short page for people."""
    assert isinstance(exc, HTTPException)
    if "text/html" in request.headers.get("accept", ""):
        return HTMLResponse(f"<!doctype html><html lang=en><title>{exc.status_code}</title>"
                            f"<p>{escape(exc.detail)}</p>", exc.status_code)
    return Response(exc.detail, exc.status_code, media_type="text/plain; charset=utf-8")

