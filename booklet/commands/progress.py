"""Progress of a long run: a bar on a terminal, one plain line per finished item otherwise,
nothing with ``--quiet``."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import click

from booklet.commands.console import QUIET, verbosity

T = TypeVar("T")


@contextmanager
def progress(total: int, describe: Callable[[T], tuple[str, str]]) -> Iterator[Callable[[T], None]]:
    """Yield a callback to call once per finished item; ``describe`` gives (status, label)."""
    if verbosity() <= QUIET:
        yield lambda item: None
        return
    if sys.stderr.isatty():
        with click.progressbar(length=total, label="Building", file=sys.stderr,
                               item_show_func=lambda label: label) as bar:
            yield lambda item: bar.update(1, describe(item)[1])
        return
    count = 0

    def line(item: T) -> None:
        nonlocal count
        count += 1
        status, label = describe(item)
        click.echo(f"[{count}/{total}] {status}: {label}", err=True)

    yield line
