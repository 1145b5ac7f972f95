"""``booklet serve``: start the studio with uvicorn and say where it is.

Only the local machine can reach it by default (127.0.0.1). Binding any other address
needs a token: one is generated and printed in the address unless ``--token`` gives it.
"""

from __future__ import annotations

import ipaddress
import secrets
import threading
import webbrowser
from pathlib import Path

import click
import uvicorn

from booklet.build.pool import cores
from booklet.errors import BookletError
from booklet.serve.app import create_app
from booklet.serve.web import Settings


def loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def address(host: str, port: int, token: str | None) -> str:
    """The address to open, with the token when there is one."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def settings_for(project_dir: Path | None, host: str, port: int, token: str | None) -> Settings:
    """The studio's settings: a token is required (and made if not given) off loopback."""
    if token is not None and len(token) < 16:
        raise BookletError("--token must be at least 16 characters (hint: leave it out to get a random one)")
    if token is None and not loopback(host):
        token = secrets.token_urlsafe(24)
    return Settings(project_dir=project_dir, host=host, port=port, token=token, workers=cores())


def serve_command(project_dir: Path | None, host: str, port: int, token: str | None,
                  open_browser: bool) -> None:
    """Run the studio until Ctrl-C."""
    settings = settings_for(project_dir, host, port, token)
    app = create_app(settings)
    url = address(host, port, settings.token)
    click.echo(f"booklet studio: {url}")
    if not loopback(host):
        click.echo("Anyone on your network who has this address, token included, can use the studio.")
    click.echo("Press Ctrl-C to stop.")
    if open_browser:  # once the server is listening
        threading.Timer(1.0, webbrowser.open, [url]).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")
