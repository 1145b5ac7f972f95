"""The studio's render pool: warm workers, a bounded queue, superseded previews, timeouts."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from booklet.serve.renderpool import Busy, RenderPool, RenderTimeout, Superseded, WorkerFailed


def nap(renderer: Any, seconds: float) -> str:
    """Work that takes ``seconds`` and names the renderer it was given."""
    time.sleep(seconds)
    return type(renderer).__name__


def fail(renderer: Any, message: str) -> str:
    """Work that raises."""
    raise ValueError(message)


def test_queue_limit_supersede_timeout_and_recovery() -> None:
    async def scenario() -> None:
        pool = RenderPool(workers=1, queue_limit=1, timeout=5)
        pool.start()
        try:
            assert await pool.run(nap, 0) == "Renderer", "a warm WeasyPrint renderer"
            running = asyncio.ensure_future(pool.run(nap, 1.0, lane="tab"))
            await asyncio.sleep(0.1)
            older = asyncio.ensure_future(pool.run(nap, 0, lane="tab"))
            await asyncio.sleep(0)
            with pytest.raises(Busy):
                await pool.run(nap, 0, lane="other")
            newer = asyncio.ensure_future(pool.run(nap, 0, lane="tab"))
            with pytest.raises(Superseded):
                await older
            assert await running == "Renderer" and await newer == "Renderer"
            with pytest.raises(WorkerFailed, match="ValueError: no"):
                await pool.run(fail, "no")
            pool.timeout = 0.5
            with pytest.raises(RenderTimeout):
                await pool.run(nap, 30)
            pool.timeout = 30
            assert await pool.run(nap, 0) == "Renderer", "a fresh worker replaced the stopped one"
        finally:
            pool.close()

    asyncio.run(scenario())
