"""What the commands say besides their results: notices, progress and log lines.

``-q/--quiet`` keeps only errors and the result; ``-v/--verbose`` adds every warning in
full and the debug log. The level lives in the click context (the CLI sets it), so library
code never prints: it logs, and the one handler here writes to stderr.
"""

from __future__ import annotations

import logging

import click

QUIET, NORMAL, VERBOSE = -1, 0, 1
LEVELS = {QUIET: logging.WARNING, NORMAL: logging.INFO, VERBOSE: logging.DEBUG}


class _Echo(logging.Handler):
    """Log records as plain lines on stderr (click's stream, so tests capture them)."""

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.levelno >= logging.WARNING and not message.startswith(("warning", "error")):
            message = f"warning: {message}"
        click.echo(message, err=True)


def verbosity() -> int:
    """The verbosity of the running command: ``QUIET``, ``NORMAL`` or ``VERBOSE``."""
    ctx = click.get_current_context(silent=True)
    return int(ctx.meta.get("verbosity", NORMAL)) if ctx is not None else NORMAL


def configure(level: int) -> None:
    """Send booklet's log to stderr at the level that ``level`` (a verbosity) asks for."""
    logger = logging.getLogger("booklet")
    for handler in [h for h in logger.handlers if isinstance(h, _Echo)]:
        logger.removeHandler(handler)
    logger.addHandler(_Echo())
    logger.setLevel(LEVELS[max(QUIET, min(VERBOSE, level))])
    logger.propagate = False


def note(message: str) -> None:
    """A notice on stderr, unless ``--quiet``."""
    if verbosity() > QUIET:
        click.echo(message, err=True)
