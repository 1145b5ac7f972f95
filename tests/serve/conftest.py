"""A real studio (uvicorn on 127.0.0.1, warm render workers) and Debian's Chromium, shared by
the tests of one module. No browser is downloaded: Playwright drives /usr/bin/chromium."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn

from booklet.serve.app import create_app
from booklet.serve.web import Settings

ROOTS = Path(__file__).parent.parent / "roots"
CHROMIUM = os.environ.get("BOOKLET_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@dataclass
class Running:
    """A studio serving on 127.0.0.1."""

    url: str
    port: int
    project: Path
    server: uvicorn.Server

    @property
    def studio(self) -> object:
        """The app's running state (render pool, sessions)."""
        return self.server.config.app.state.studio  # type: ignore[union-attr]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_studio(folder: Path, *, found: bool = False, **settings: object) -> Iterator[Running]:
    """Serve a copy of the ``studio`` fixture project from ``folder`` until the generator ends:
    named with ``--project``, or ``found`` from the working folder as ``booklet serve`` run
    inside the project finds it."""
    project = folder / "project"
    shutil.copytree(ROOTS / "studio", project)
    port = _free_port()
    with contextlib.chdir(project if found else Path.cwd()):
        app = create_app(Settings(project_dir=None if found else project, port=port,
                                  **settings))  # type: ignore[arg-type]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the studio did not start")
        time.sleep(0.05)
    try:
        yield Running(f"http://127.0.0.1:{port}", port, project, server)
    finally:
        server.should_exit = True
        thread.join(30)


@pytest.fixture(scope="module")
def studio_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """One studio for the module, two warm workers (requests take the build date from the
    tests' SOURCE_DATE_EPOCH, set around every test by tests/conftest.py)."""
    yield from start_studio(tmp_path_factory.mktemp("studio"), workers=2, queue_limit=4)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, through Playwright (no browser download)."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/setup.sh --test (it installs chromium)")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def wait_for() -> Callable[[Callable[[], bool], float], None]:
    """Poll a condition until it holds (a bound, not a timing assertion)."""

    def wait(condition: Callable[[], bool], limit: float = 30) -> None:
        deadline = time.monotonic() + limit
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError("condition not met in time")
            time.sleep(0.05)

    return wait
