"""A bounded pool of warm render processes for the studio.

Each worker is a process that imports WeasyPrint once and keeps one ``Renderer`` (the same
warm renderer the CLI's pool gives every worker), then runs ``work(renderer, task)`` for
each task it is sent. The pool is bounded three ways:

- at most ``workers`` renders run at once (one per core by default);
- at most ``queue_limit`` wait for a worker; one more is refused with ``Busy`` at once;
- a render that takes longer than ``timeout`` seconds is stopped by ending its worker
  process, which is replaced by a fresh one (``RenderTimeout``).

A task may name a ``lane`` (one browser session's live preview): a newer task in the same
lane cancels the older ones still waiting (``Superseded``), so a burst of edits renders
only the last one. A render already running is not interrupted (its result is discarded
by the caller); ending a warm process would cost more than finishing a preview.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from booklet.render.pdf import Renderer

T = TypeVar("T")
R = TypeVar("R")


class Busy(Exception):
    """Every worker is busy and the queue is full: try again later."""


class Superseded(Exception):
    """A newer task in the same lane took this one's place before it started."""


class RenderTimeout(Exception):
    """The render took longer than the pool's timeout; its worker was replaced."""


class WorkerFailed(Exception):
    """The work raised, or the worker process died; carries a one-line cause."""


def _worker_main(conn: Connection) -> None:
    """A worker's life: make the warm renderer, then run tasks until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from booklet.render.pdf import Renderer

    renderer = Renderer()
    while True:
        try:
            work, task = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[str, Any] = ("ok", work(renderer, task))
        except Exception as exc:  # reported to the caller, the worker stays warm
            reply = ("error", f"{type(exc).__name__}: {exc}")
        conn.send(reply)


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process: BaseProcess = context.Process(target=_worker_main, args=(child,), daemon=True)
        self.process.start()
        child.close()

    @property
    def alive(self) -> bool:
        return self.process.is_alive()

    def call(self, work: Callable[[Renderer, Any], Any], task: Any, timeout: float) -> Any:
        """Run one task; blocks, so the pool calls it in a thread."""
        try:
            self.conn.send((work, task))
            if not self.conn.poll(timeout):
                self.stop()
                raise RenderTimeout(f"the render took over {timeout:g} s and was stopped")
            status, value = self.conn.recv()
        except (EOFError, OSError, BrokenPipeError) as exc:
            self.stop()
            raise WorkerFailed(f"the render process ended unexpectedly ({type(exc).__name__})") from exc
        if status != "ok":
            raise WorkerFailed(str(value))
        return value

    def stop(self) -> None:
        """End the process at once (a stuck render cannot be interrupted otherwise)."""
        self.process.kill()
        self.process.join(5)
        self.conn.close()


@dataclass
class _Entry(Generic[R]):
    work: Callable[[Renderer, Any], R]
    task: Any
    lane: str | None
    future: asyncio.Future[R] = field(default_factory=lambda: asyncio.get_running_loop().create_future())


class RenderPool:
    """Warm render processes shared by every request of the studio."""

    def __init__(self, workers: int, queue_limit: int, timeout: float) -> None:
        self.workers = max(1, workers)
        self.queue_limit = max(0, queue_limit)
        self.timeout = timeout
        self._idle: list[_Worker] = []
        self._all: list[_Worker] = []
        self._waiting: deque[_Entry[Any]] = deque()
        self._closed = False

    def start(self) -> None:
        """Start the worker processes; they warm up (import WeasyPrint) in the background."""
        for _ in range(self.workers):
            self._idle.append(self._spawn())

    def close(self) -> None:
        """Refuse what waits and end every worker."""
        self._closed = True
        for entry in self._waiting:
            if not entry.future.done():
                entry.future.set_exception(Busy("the studio is shutting down"))
        self._waiting.clear()
        for worker in self._all:
            worker.stop()
        self._all.clear()
        self._idle.clear()

    @property
    def waiting(self) -> int:
        """Tasks waiting for a worker."""
        return sum(not e.future.done() for e in self._waiting)

    async def run(self, work: Callable[[Renderer, T], R], task: T, lane: str | None = None) -> R:
        """``work(renderer, task)`` in a warm worker; raise ``Busy``, ``Superseded``,
        ``RenderTimeout`` or ``WorkerFailed`` instead of a result."""
        if lane is not None:
            for old in self._waiting:
                if old.lane == lane and not old.future.done():
                    old.future.set_exception(Superseded())
        if not self._idle and self.waiting >= self.queue_limit:
            raise Busy("every render process is busy and the queue is full")
        entry: _Entry[R] = _Entry(work, task, lane)
        self._waiting.append(entry)
        self._dispatch()
        return await entry.future

    def _spawn(self) -> _Worker:
        worker = _Worker()
        self._all.append(worker)
        return worker

    def _dispatch(self) -> None:
        while self._waiting and self._idle:
            entry = self._waiting.popleft()
            if not entry.future.done():  # cancelled or superseded while it waited
                asyncio.get_running_loop().create_task(self._run_on(self._idle.pop(), entry))

    async def _run_on(self, worker: _Worker, entry: _Entry[Any]) -> None:
        try:
            result = await asyncio.to_thread(worker.call, entry.work, entry.task, self.timeout)
        except Exception as exc:  # every failure reaches the waiting request
            failure = exc if isinstance(exc, RenderTimeout | WorkerFailed) else WorkerFailed(str(exc))
            if not entry.future.done():
                entry.future.set_exception(failure)
        else:
            if not entry.future.done():
                entry.future.set_result(result)
        self._release(worker)

    def _release(self, worker: _Worker) -> None:
        """Put a worker back, or a fresh one in place of one that ended."""
        if self._closed:
            return
        if not worker.alive:
            self._all.remove(worker)
            worker = self._spawn()
        self._idle.append(worker)
        self._dispatch()
