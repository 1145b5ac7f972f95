"""The studio's door: checks made on every request before any handler runs or a body is read.

- The ``Host`` header must name this machine by address or as ``localhost`` (or the name
  the studio was started with): a page on another site that re-points its own domain name
  at 127.0.0.1 (DNS rebinding) is refused.
- A body larger than ``max_body`` is answered 413 from its ``Content-Length`` at once,
  on every path; a body without a length is counted as it arrives (Starlette's limit).
- With a token (required for any address but loopback) every request must carry it, in
  the cookie the access link sets, or in that link's ``?token=``.
- A state-changing request sent by a page of another site is refused: its
  ``Sec-Fetch-Site``/``Origin`` headers say so (handlers also check a per-session token).
- Every answer carries a strict Content-Security-Policy: scripts and styles only from the
  studio itself, no frames, forms only to the studio.
"""

from __future__ import annotations

import ipaddress
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOKEN_COOKIE = "booklet_token"  # noqa: S105 (the cookie's name, not a secret)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SECURITY_HEADERS = {
    "content-security-policy": ("default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; "
                                "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
                                "base-uri 'none'; object-src 'none'"),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",  # "no-referrer" makes form posts send Origin: null
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}


@dataclass(frozen=True)
class Door:
    """What the guard lets in."""

    names: frozenset[str]
    """Host names accepted besides IP addresses and ``localhost``."""
    max_body: int
    token: str | None = None


def host_name(host: str) -> str:
    """The name in a ``Host`` header, without its port (``[::1]:8000`` → ``::1``)."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def host_allowed(host: str, names: frozenset[str]) -> bool:
    """An IP address, ``localhost`` or one of ``names``: never a domain that could be re-pointed."""
    name = host_name(host)
    if not name:
        return False
    if name == "localhost" or name in names:
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def cross_site(headers: Headers) -> bool:
    """Whether the browser says the request comes from a page of another site."""
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        return True
    origin = headers.get("origin")
    if origin is None:
        return False
    host = headers.get("host", "")
    return origin not in (f"http://{host}", f"https://{host}")


class Guard:
    """ASGI middleware applying the ``Door`` to every HTTP request."""

    def __init__(self, app: ASGIApp, door: Door) -> None:
        self.app = app
        self.door = door

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope)
        if refusal is not None:
            await refusal(scope, receive, _secured(send))
            return
        await self.app(scope, receive, _secured(send))

    def _refusal(self, scope: Scope) -> Response | None:
        headers = Headers(scope=scope)
        if not host_allowed(headers.get("host", ""), self.door.names):
            return PlainTextResponse("Host not allowed: open the studio at the address it printed.", 400)
        length = headers.get("content-length", "0")
        if not length.isdigit() or int(length) > self.door.max_body:
            return PlainTextResponse("Content Too Large: the upload is over the studio's limit.", 413,
                                     headers={"connection": "close"})
        if self.door.token is not None:
            refused = self._token_refusal(scope, headers)
            if refused is not None:
                return refused
        if scope["method"] not in SAFE_METHODS and cross_site(headers):
            return PlainTextResponse("Refused: this request came from another site.", 403)
        return None

    def _token_refusal(self, scope: Scope, headers: Headers) -> Response | None:
        assert self.door.token is not None
        cookie = _cookie(headers.get("cookie", ""), TOKEN_COOKIE)
        if cookie is not None and secrets.compare_digest(cookie, self.door.token):
            return None
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        given = query.pop("token", None)
        if given is not None and secrets.compare_digest(given, self.door.token) \
                and scope["method"] in SAFE_METHODS:
            target = scope["path"] + (f"?{urlencode(query)}" if query else "")
            response = RedirectResponse(target, 303)
            response.set_cookie(TOKEN_COOKIE, self.door.token, httponly=True, samesite="strict")
            return response
        return PlainTextResponse("This studio needs its access link: open the address with "
                                 "?token=… that `booklet serve` printed.", 403)


def _cookie(header: str, name: str) -> str | None:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


def _secured(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            present = {k.lower() for k, _ in headers}
            headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()
                        if k.encode() not in present]
            message = {**message, "headers": headers}
        await send(message)

    return wrapped
