"""Warm workers: each renders many documents with one renderer; every output runs in a
worker under a time and memory limit, and a stopped or crashed worker is reported and
replaced while the other outputs go on."""

from __future__ import annotations

import gc
import os
import time
from pathlib import Path

from booklet.build.pool import WorkerFailed, _Crew, preload, render_all, useful_jobs
from booklet.limits import RenderLimits
from booklet.render.pdf import Renderer


def who(renderer: Renderer, task: int) -> tuple[int, int, int]:
    """The task, the process that ran it, and the identity of its renderer."""
    return task, os.getpid(), id(renderer)


def hard(renderer: Renderer, task: int) -> tuple[int, int, int]:
    """Task 2 hangs, task 3 crashes the worker, task 4 allocates past the memory limit."""
    if task == 2:
        time.sleep(60)
    if task == 3:
        os._exit(3)
    if task == 4:
        try:
            bytearray(400 * 1024 * 1024)
        except MemoryError:
            return task, -2, 0
    return task, os.getpid(), 0


def broken(task: int, exc: BaseException) -> tuple[int, int, int]:
    assert isinstance(exc, WorkerFailed)
    return task, -1, len(str(exc))


def test_two_workers_share_the_tasks_and_keep_their_renderer() -> None:
    results = list(render_all(who, list(range(8)), 2, broken))
    assert sorted(task for task, _, _ in results) == list(range(8))
    pids = {pid for _, pid, _ in results}
    assert len(pids) <= 2 and os.getpid() not in pids
    assert len({(pid, renderer) for _, pid, renderer in results}) == len(pids)


def test_one_worker_is_one_other_process_with_one_renderer() -> None:
    results = list(render_all(who, [1, 2, 3], 1, broken))
    pids = {pid for _, pid, _ in results}
    assert len(pids) == 1 and os.getpid() not in pids
    assert len({renderer for _, _, renderer in results}) == 1


def test_a_hung_or_crashed_output_is_stopped_and_the_others_still_build() -> None:
    limits = RenderLimits(seconds=3, memory_mib=int(_data_mib() + 300))
    results = {task: (pid, size) for task, pid, size in
               render_all(hard, [1, 2, 3, 4, 5, 6], 2, broken, limits)}
    assert results[2][0] == -1 and results[3][0] == -1  # stopped after 3 s; crashed
    assert results[4][0] == -2  # MemoryError inside the worker, which lives on
    assert all(results[t][0] > 0 for t in (1, 5, 6))


def test_an_interrupt_between_handing_out_and_sending_does_not_wait_for_the_deadline() -> None:
    crew = _Crew(who, [1], 1, RenderLimits(seconds=2))
    worker = crew.workers[0]
    worker.index, worker.deadline = 0, time.monotonic() + 2  # Ctrl-C came before the send
    crew.close()
    assert worker.process.exitcode == 0  # told to stop, it exited; not killed at the deadline


def _data_mib() -> float:
    """This process's data memory in MiB (a forked worker starts with the same)."""
    status = Path("/proc/self/status").read_text(encoding="ascii").splitlines()
    line = next(x for x in status if x.startswith("VmData:"))
    return int(line.split()[1]) / 1024


def test_jobs_are_capped_at_the_useful_maximum() -> None:
    count, note = useful_jobs(1000, RenderLimits())
    assert count <= os.cpu_count() and "--jobs 1000 capped at" in note  # type: ignore[operator]
    assert useful_jobs(1, RenderLimits()) == (1, "")


def test_no_tasks_start_nothing() -> None:
    assert list(render_all(hard, [], 4, broken)) == []


def test_preloading_the_renderer_starts_no_thread_so_forking_stays_safe() -> None:
    preload()
    Renderer()
    assert [p.name for p in Path("/proc/self/task").iterdir()] == [str(os.getpid())]



def frozen(renderer: Renderer, task: int) -> int:
    """How many objects the worker's garbage collector leaves alone."""
    return gc.get_freeze_count()


def test_workers_inherit_the_loaded_modules_frozen_out_of_garbage_collection() -> None:
    gc.unfreeze()  # an earlier test may have preloaded in this process
    assert gc.get_freeze_count() == 0
    [count] = render_all(frozen, [0], 1, lambda task, exc: -1)
    assert count > 100_000, "WeasyPrint's and booklet's modules are left out of every collection"


def test_a_worker_grown_past_the_recycle_mark_is_replaced_between_outputs() -> None:
    fresh_each_time = list(render_all(who, [1, 2, 3], 1, broken, RenderLimits(recycle_mib=1)))
    assert len({pid for _, pid, _ in fresh_each_time}) == 3
    kept = list(render_all(who, [1, 2, 3], 1, broken, RenderLimits(recycle_mib=10_000)))
    assert len({pid for _, pid, _ in kept}) == 1
