"""Run render work in warm worker processes, each output under a time and a memory limit.

Each worker imports WeasyPrint once and keeps one ``Renderer`` (one ``FontConfiguration``)
for its whole life, so a matrix of outputs pays the import and the font setup once per
worker, not once per document (a process per document is 2.4× slower; see engine notes).

Every output renders in a worker, never in the parent, so that it can be bounded: the
worker's data memory is capped with ``RLIMIT_DATA`` (an allocation over it raises
``MemoryError``), and the parent kills a worker whose output runs past its wall-clock
limit, reports that output as failed and starts a fresh worker for the rest. A worker
that dies is reported the same way; the parent and the other outputs go on. A worker whose
resident memory has grown past ``RenderLimits.recycle_mib`` after an output is replaced by
a fresh one, so a long run's caches and fragmented heap do not keep growing.

The rendering stack (WeasyPrint, Jinja2 …, and pikepdf when some output is edited after
rendering) is imported in the parent just before the pool forks (``preload``), so workers
inherit it instead of importing it each (0.65–0.85 s of CPU per worker). That is safe with
``fork`` because importing it starts no thread: GLib, Pango and fontconfig start none at
import, so no lock can be held by a thread the child lacks (``tests/build/test_pool.py``
checks the process still has one thread). Each worker makes its own ``FontConfiguration``
(fontconfig config and Pango font map) after the fork.

Workers ignore Ctrl-C: the terminal sends SIGINT to the whole process group, and a worker
interrupted while idle would die with a traceback. The parent alone decides: it hands out
nothing more and waits for what has started (every file is written atomically, so nothing
half-written can appear), then re-raises.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import resource
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from booklet.limits import MIB, RenderLimits

if TYPE_CHECKING:
    import multiprocessing.context
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from booklet.render.pdf import Renderer

T = TypeVar("T")
R = TypeVar("R")

_renderer: Renderer | None = None
PRELOADED = ("booklet.render.pdf", "booklet.render.glyphs", "booklet.compose.document",
             "booklet.finish.outputs")
"""Modules every worker needs, imported before the pool forks."""


class WorkerFailed(Exception):
    """An output whose worker was stopped or died; the message says why, in one line."""


def cores() -> int:
    """How many CPU cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def preload(extra: Sequence[str] = ()) -> None:
    """Import what the workers need in this process, for the forked workers to inherit, then
    freeze what is loaded: the garbage collector of every process leaves those objects alone
    from then on (a worker's collections took ~120 ms of a 750 ms output walking WeasyPrint's
    and fontTools' modules over and over, and wrote to their memory pages, ending their
    copy-on-write sharing); they live as long as the process anyway."""
    gc.freeze()  # and what the command loaded: importing WeasyPrint then walks none of it
    for name in (*PRELOADED, *extra):
        importlib.import_module(name)
    gc.freeze()


def useful_jobs(requested: int | None, limits: RenderLimits) -> tuple[int, str]:
    """The number of workers to run, and why it is less than ``requested`` (or "").

    Rendering is CPU-bound, so more workers than cores only add memory; and no more
    workers start than fit in this machine's memory at the memory limit each.
    """
    memory = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    by_memory = max(1, memory // (limits.memory_mib * MIB))
    cap = min(cores(), by_memory)
    if requested is None or requested <= cap:
        return requested or cap, ""
    why = (f"{cores()} cores" if cap == cores() else
           f"{memory // MIB} MiB of memory at {limits.memory_mib} MiB per worker")
    return cap, f"--jobs {requested} capped at {cap}: the useful maximum here ({why})"


def _start_worker(memory_mib: int) -> None:
    """Worker set-up: ignore SIGINT, cap memory, no core dumps, import WeasyPrint once."""
    global _renderer
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    cap = memory_mib * MIB
    resource.setrlimit(resource.RLIMIT_DATA, (cap if hard == resource.RLIM_INFINITY else min(cap, hard),
                                              hard))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    from booklet.render.pdf import Renderer

    _renderer = Renderer()


def resident_mib() -> float:
    """This process's resident memory now (0 where ``/proc`` cannot tell)."""
    try:
        pages = int(Path("/proc/self/statm").read_text(encoding="ascii").split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / MIB


def _serve(conn: Connection, work: Callable[[Renderer, Any], Any], memory_mib: int) -> None:
    """A worker's life: take (index, task), send back (index, ok, result or message,
    resident memory after it)."""
    _start_worker(memory_mib)
    assert _renderer is not None
    while (item := conn.recv()) is not None:
        index, task = item
        try:
            reply = (index, True, work(_renderer, task), resident_mib())
        except BaseException as exc:  # ``work`` reports its own failures; this is a bug
            reply = (index, False, f"worker error: {type(exc).__name__}: {exc}", resident_mib())
        try:
            conn.send(reply)
        except Exception as exc:  # an unpicklable result
            conn.send((index, False, f"worker error: {type(exc).__name__}: {exc}", resident_mib()))


def _context() -> multiprocessing.context.ForkContext:
    import multiprocessing  # when workers start: a no-change rebuild starts none

    return multiprocessing.get_context("fork")


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    index: int = -1
    """The task it is running, or -1 when idle."""
    deadline: float = 0.0

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


def _died(process: BaseProcess, limits: RenderLimits) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        name = signal.Signals(-code).name
        return (f"the worker process was killed by {name} (hint: it may have run over the "
                f"{limits.memory_mib} MiB memory limit; raise --memory if the input is sound)")
    return f"the worker process stopped unexpectedly (exit code {code})"


class _Crew:
    """The workers, the work still to hand out, and the deadlines."""

    def __init__(self, work: Callable[[Renderer, Any], Any], tasks: Sequence[Any], size: int,
                 limits: RenderLimits) -> None:
        self.work, self.tasks, self.limits = work, tasks, limits
        self.todo = deque(range(len(tasks)))
        self.workers = [self._start() for _ in range(size)]

    def _start(self) -> _Worker:
        parent, child = _context().Pipe()
        process = _context().Process(target=_serve, args=(child, self.work, self.limits.memory_mib),
                                     daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def hand_out(self, worker: _Worker) -> None:
        """Give ``worker`` the next task, if any is left."""
        if self.todo:
            worker.index = self.todo.popleft()
            worker.deadline = time.monotonic() + self.limits.seconds
            with contextlib.suppress(OSError):  # a dead worker's sentinel reports it next
                worker.conn.send((worker.index, self.tasks[worker.index]))

    def busy(self) -> list[_Worker]:
        """The workers running a task."""
        return [w for w in self.workers if w.index >= 0]

    def _reply(self, worker: _Worker) -> tuple[int, bool, Any, float] | None:
        try:
            return worker.conn.recv() if worker.conn.poll() else None
        except (EOFError, OSError):
            return None

    def finished(self) -> Iterator[tuple[int, bool, Any]]:
        """Wait for the next results; yield (task index, ok, result or why it failed)."""
        from multiprocessing.connection import wait

        busy = self.busy()
        soonest = min(w.deadline for w in busy)
        ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy],
                     timeout=max(0.0, soonest - time.monotonic()))
        for worker in busy:
            index = worker.index
            if worker.conn in ready or worker.process.sentinel in ready:
                reply = self._reply(worker)
                if reply is not None:
                    done, ok, value, resident = reply
                    worker.index = -1
                    if resident > self.limits.recycle_mib:
                        worker = self._replace(worker)
                    self.hand_out(worker)
                    yield done, ok, value
                    continue
                worker.process.join(timeout=5)
                failure = _died(worker.process, self.limits)
            elif time.monotonic() >= worker.deadline:
                failure = (f"took longer than {self.limits.seconds:g} s and was stopped (hint: "
                           "simplify the templates and styles, or raise --timeout)")
            else:
                continue
            self.hand_out(self._replace(worker))
            yield index, False, failure

    def _replace(self, worker: _Worker) -> _Worker:
        """Stop ``worker`` and put a fresh one in its place."""
        worker.stop()
        fresh = self._start()
        self.workers[self.workers.index(worker)] = fresh
        return fresh

    def close(self) -> None:
        """Hand out nothing more; let running tasks finish (until their deadline); stop all.

        Every worker is told to stop first, then waited for until it exits: one rendering
        finishes its output and exits; one with nothing to do exits at once. That holds too
        when Ctrl-C came between handing out a task and sending it, or between taking a reply
        and marking the worker idle (waiting for a reply then waited for the whole deadline).
        """
        from multiprocessing.connection import wait

        self.todo.clear()
        for worker in self.workers:
            with contextlib.suppress(OSError):  # a dead worker's pipe
                worker.conn.send(None)
        for worker in self.workers:
            until = worker.deadline if worker.index >= 0 else time.monotonic() + 5
            wait([worker.process.sentinel], timeout=max(0.0, until - time.monotonic()))
            worker.stop()


def _pooled(work: Callable[[Renderer, T], R], tasks: Sequence[T], workers: int,
            broken: Callable[[T, BaseException], R], limits: RenderLimits,
            modules: Sequence[str]) -> Iterator[R]:
    preload(modules)
    crew = _Crew(work, tasks, workers, limits)
    try:
        for worker in crew.workers:
            crew.hand_out(worker)
        while crew.busy():
            for index, ok, value in crew.finished():
                yield value if ok else broken(tasks[index], WorkerFailed(value))
    finally:
        crew.close()


def render_all(work: Callable[[Renderer, T], R], tasks: Sequence[T], workers: int,
               broken: Callable[[T, BaseException], R],
               limits: RenderLimits = RenderLimits(),  # noqa: B008
               modules: Sequence[str] = ()) -> Iterator[R]:
    """``work(renderer, task)`` for each task, in ``workers`` warm processes, yielded as
    they finish; ``modules`` are imported before the workers start, beside ``PRELOADED``.

    ``work`` must be a module-level function and tasks and results picklable. Each task
    runs under ``limits``; ``broken`` turns a task that was stopped, or whose worker died,
    into a result (its exception's message says why). Nothing is started when there are
    no tasks.
    """
    if not tasks:
        return iter(())
    return _pooled(work, tasks, max(1, min(workers, len(tasks))), broken, limits, modules)
