"""``booklet check --links`` against a real HTTP server on 127.0.0.1 that the test starts.

No outside network: the checker's own targets point at the local server, and the
command-level test sends the project's https addresses to it through a transport that
rewrites the host (the requests still go over a socket to a real server).
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from booklet.check.link_targets import link_targets
from booklet.check.links import Number, Settings, Target, check_links, failed, shows_number
from booklet.commands.links import links_command
from booklet.errors import BookletError
from booklet.load.project import open_project, shipped_root
from tests.conftest import EPOCH

SAMHSA = Number("1-800-662-4357", ("8006624357",))
FAST = Settings(timeout=0.5, retries=1, backoff=0.01, max_bytes=64 * 1024)
CAP_PAGE = b"<p>" + b"x" * (200 * 1024) + b" 1-800-662-4357</p>"


class Site:
    """Pages by path; ``hits`` counts requests per path."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, bytes]] = {
            "/with": (200, b"<p>Call 1-800-662-HELP (4357), day or night.</p>"),
            "/without": (200, b"<p>Call us. We moved.</p>"),
            "/missing": (404, b"not here"),
            "/error": (500, b"oops"),
            "/huge": (200, CAP_PAGE),
        }
        self.default = b""
        self.hits: Counter[str] = Counter()


@pytest.fixture
def site() -> Iterator[tuple[Site, int]]:
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as real servers do

        def do_GET(self) -> None:
            state.hits[self.path] += 1
            if self.path == "/redirect":
                self.send_response(301)
                self.send_header("Location", "/with")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if self.path == "/slow":
                time.sleep(2)
            status, body = state.pages.get(self.path, (200, state.default))
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)  # the checker may stop reading a huge page

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield state, server.server_address[1]
    server.shutdown()
    server.server_close()


def test_numbers_are_found_however_they_are_grouped() -> None:
    assert shows_number("call (800) 662.4357 now", SAMHSA)
    assert shows_number("1-800-662-HELP (4357)", SAMHSA)
    assert shows_number("1\u00a0800\u00a0662\u00a04357", SAMHSA)
    assert not shows_number("18006624357 9", Number("988", ("988",)))
    assert not shows_number("tel 180066243570", SAMHSA)


def test_each_kind_of_page(site: tuple[Site, int]) -> None:
    state, port = site
    base = f"http://127.0.0.1:{port}"
    targets = [Target(f"{base}/with", "a", SAMHSA), Target(f"{base}/without", "b", SAMHSA),
               Target(f"{base}/redirect", "c", SAMHSA), Target(f"{base}/missing", "d"),
               Target(f"{base}/error", "e"), Target(f"{base}/slow", "f"), Target(f"{base}/huge", "g", SAMHSA)]
    results = {r.where: r for r in check_links(targets, settings=FAST)}
    assert {w: r.outcome for w, r in results.items()} == {
        "a": "ok", "b": "number missing", "c": "redirected", "d": "broken", "e": "broken", "f": "broken",
        "g": "number missing"}
    assert results["c"].final_url == f"{base}/with" and "now at" in results["c"].detail
    assert (results["d"].detail, results["e"].detail, results["f"].detail) == ("HTTP 404", "HTTP 500",
                                                                                "timed out")
    assert "only the first part" in results["g"].detail
    assert state.hits["/error"] == 2 and state.hits["/missing"] == 1  # 5xx retried, 404 not
    assert [r.where for r in failed(list(results.values()))] == ["b", "d", "e", "f", "g"]


def test_results_are_cached_for_a_day(site: tuple[Site, int], tmp_path: Path) -> None:
    state, port = site
    cache = tmp_path / "cache" / "links.json"
    targets = [Target(f"http://127.0.0.1:{port}/with", "a", SAMHSA),
               Target(f"http://127.0.0.1:{port}/missing", "b")]
    check_links(targets, cache, FAST)
    [again, broken] = check_links(targets, cache, FAST)
    assert again.cached and not broken.cached  # failures are fetched again
    assert (state.hits["/with"], state.hits["/missing"]) == (1, 2)
    check_links(targets, cache, FAST, now=time.time() + 25 * 3600)
    assert state.hits["/with"] == 2


class ToLocal(httpx.AsyncBaseTransport):
    """Send every request to the local server, keeping its path."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.inner = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        request.url = request.url.copy_with(scheme="http", host="127.0.0.1", port=self.port)
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


REGION = """code: us-xx
parent: us
name: {en: X}
helplines:
  - id: county-line
    name: {en: County Line}
    offers: {en: Help.}
    channels:
      - {type: phone, number: "1-800-662-4357"}
    hours: "24/7"
    cost: free
    source: https://county.example.org/with
    verifications:
      - {on: 2026-11-01, by: T, how: official-page, evidence: "https://county.example.org/evidence"}
"""


def test_a_vanished_number_fails_the_command(site: tuple[Site, int], make_project: Callable[..., Path],
                                             capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    state, port = site
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    shipped, _ = link_targets(open_project(shipped_root()), date(2026, 12, 1))
    state.default = " ".join(t.number.display for t in shipped if t.number).encode()
    state.pages["/evidence"] = (200, b"<p>Call 1-800-662-4357.</p>")
    folder = make_project({"regions/us-xx.yaml": REGION})
    links_command(folder, as_json=True, transport=ToLocal(port))
    rows = json.loads(capsys.readouterr().out)
    assert {r["outcome"] for r in rows} <= {"ok", "redirected"}
    [ours] = [r for r in rows if r["where"].endswith("us-xx.yaml: county-line evidence 2026-11-01")]
    assert (ours["outcome"], ours["number"]) == ("ok", "1-800-662-4357")
    assert (folder / ".booklet-cache" / "links.json").is_file()
    state.pages["/evidence"] = (200, b"<p>This service has closed.</p>")
    (folder / ".booklet-cache" / "links.json").unlink()
    with pytest.raises(BookletError, match="1 broken links or missing numbers"):
        links_command(folder, as_json=False, transport=ToLocal(port))
    out = capsys.readouterr().out
    assert ("number missing  https://county.example.org/evidence  the page no longer shows "
            "1-800-662-4357") in out
