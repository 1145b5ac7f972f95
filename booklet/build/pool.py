"""Run render work in warm worker processes, or in this process for one job at a time.

Each worker imports WeasyPrint once and keeps one ``Renderer`` (one ``FontConfiguration``)
for its whole life, so a matrix of outputs pays the import and the font setup once per
core, not once per document (a process per document is 2.4× slower; see engine notes).

The rendering stack (WeasyPrint, Jinja2, pikepdf …) is imported in the parent just before
the pool forks (``preload``), so workers inherit it instead of importing it each (0.65–0.85 s
of CPU per worker). That is safe with ``fork`` because importing it starts no thread: GLib,
Pango and fontconfig start none at import, so no lock can be held by a thread the child
lacks (``tests/build/test_pool.py`` checks the process still has one thread). Each worker
makes its own ``FontConfiguration`` (fontconfig config and Pango font map) after the fork.

Workers ignore Ctrl-C: the terminal sends SIGINT to the whole process group, and a worker
interrupted while idle would die with a traceback. The parent alone decides: it cancels
what has not started and waits for what has (every file is written atomically, so nothing
half-written can appear), then re-raises.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from booklet.render.pdf import Renderer

T = TypeVar("T")
R = TypeVar("R")

_renderer: Renderer | None = None
PRELOADED = ("booklet.render.pdf", "booklet.render.glyphs", "booklet.compose.document",
             "booklet.finish.outputs")
"""Modules every worker needs, imported before the pool forks."""


def cores() -> int:
    """How many CPU cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def preload() -> None:
    """Import what the workers need in this process, for the forked workers to inherit."""
    for name in PRELOADED:
        importlib.import_module(name)


def _start_worker() -> None:
    """Pool initializer: ignore SIGINT, import WeasyPrint, make this worker's renderer."""
    global _renderer
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from booklet.render.pdf import Renderer

    _renderer = Renderer()


def _in_worker(work: Callable[[Renderer, T], R], task: T) -> R:
    if _renderer is None:
        raise RuntimeError("worker started without its renderer")
    return work(_renderer, task)


def _here(work: Callable[[Renderer, T], R], tasks: Sequence[T]) -> Iterator[R]:
    from booklet.render.pdf import Renderer

    renderer = Renderer()
    for task in tasks:
        yield work(renderer, task)


def _pooled(work: Callable[[Renderer, T], R], tasks: Sequence[T], workers: int,
            broken: Callable[[T, BaseException], R]) -> Iterator[R]:
    preload()
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker)
    try:
        futures: dict[Future[R], T] = {pool.submit(_in_worker, work, t): t for t in tasks}
        for future in as_completed(futures):
            error = future.exception()
            yield broken(futures[future], error) if error is not None else future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def render_all(work: Callable[[Renderer, T], R], tasks: Sequence[T], workers: int,
               broken: Callable[[T, BaseException], R]) -> Iterator[R]:
    """``work(renderer, task)`` for each task, yielded as they finish.

    With ``workers`` > 1 and more than one task, tasks run in that many warm processes;
    ``work`` must be a module-level function and tasks picklable. ``broken`` turns an
    exception that escaped ``work`` (a crashed worker) into a result. Nothing is imported
    from WeasyPrint when there are no tasks.
    """
    if not tasks:
        return iter(())
    if workers <= 1 or len(tasks) == 1:
        return _here(work, tasks)
    return _pooled(work, tasks, min(workers, len(tasks)), broken)
