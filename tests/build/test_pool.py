"""Warm workers: each renders many documents with one renderer; a crash is reported."""

from __future__ import annotations

import os
from pathlib import Path

from booklet.build.pool import preload, render_all
from booklet.render.pdf import Renderer


def who(renderer: Renderer, task: int) -> tuple[int, int, int]:
    """The task, the process that ran it, and the identity of its renderer."""
    return task, os.getpid(), id(renderer.font_config)


def die(renderer: Renderer, task: int) -> tuple[int, int, int]:
    """A worker that crashes hard."""
    os._exit(3)


def broken(task: int, exc: BaseException) -> tuple[int, int, int]:
    return task, -1, 0


def test_two_workers_share_the_tasks_and_keep_their_renderer() -> None:
    results = list(render_all(who, list(range(8)), 2, broken))
    assert sorted(task for task, _, _ in results) == list(range(8))
    pids = {pid for _, pid, _ in results}
    assert len(pids) <= 2 and os.getpid() not in pids
    assert len({(pid, font_config) for _, pid, font_config in results}) == len(pids)


def test_one_worker_runs_in_this_process_with_one_renderer() -> None:
    results = list(render_all(who, [1, 2, 3], 1, broken))
    assert {pid for _, pid, _ in results} == {os.getpid()}
    assert len({font_config for _, _, font_config in results}) == 1


def test_a_crashed_worker_is_reported_not_waited_for() -> None:
    results = list(render_all(die, [1, 2, 3], 2, broken))
    assert sorted(results) == [(1, -1, 0), (2, -1, 0), (3, -1, 0)]


def test_no_tasks_start_nothing() -> None:
    assert list(render_all(die, [], 4, broken)) == []


def test_preloading_the_renderer_starts_no_thread_so_forking_stays_safe() -> None:
    preload()
    Renderer()
    assert [p.name for p in Path("/proc/self/task").iterdir()] == [str(os.getpid())]
