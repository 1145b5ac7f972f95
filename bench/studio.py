"""Studio latency: edit → new preview image, and concurrent previews on this machine.

Starts the studio (``booklet serve``'s app, warm workers, one per core) on 127.0.0.1 and
talks to it as a browser does:

1. edit → image: for the card and for the booklet, change the clinic's name N times
   (default 20) and time each ``POST /preview`` until its last page image has arrived;
   prints the median and the slowest.
2. concurrency: K browser sessions (1, 2, 4, 8) each ask for M card previews one after
   the other, all at once; prints previews per second, the median latency and how many
   were answered "busy" (the queue limit) — how many concurrent previews the cores sustain.

    .venv/bin/python bench/studio.py [--edits 20] [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import uvicorn

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from booklet.build.pool import cores
from booklet.serve.app import create_app
from booklet.serve.web import Settings

STAMP = {"region": "us", "lang": "en", "phone": "718-555-0142"}


def start(port: int) -> uvicorn.Server:
    """The studio on 127.0.0.1:port, in a thread."""
    app = create_app(Settings(port=port, workers=cores(), queue_limit=16))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server


def session(url: str) -> tuple[httpx.Client, str]:
    """A client with its own studio session and form token."""
    client = httpx.Client(base_url=url, timeout=120)
    token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/").text)
    assert token is not None
    return client, token.group(1)


def preview(client: httpx.Client, token: str, fmt: str, name: str) -> tuple[float, str]:
    """One edit: the preview request and every page image; seconds and the answer's state."""
    started = time.perf_counter()
    answer = client.post("/preview", data={**STAMP, "csrf": token, "format": fmt, "show": fmt, "name": name})
    state = answer.json()["state"] if answer.status_code in (200, 503) else str(answer.status_code)
    if state == "ok":
        for item in answer.json()["pages"]:
            client.get(item["src"]).raise_for_status()
    return time.perf_counter() - started, state


def edits(url: str, fmt: str, count: int) -> list[float]:
    """Latency of ``count`` edits in a row (after one warm-up)."""
    client, token = session(url)
    preview(client, token, fmt, "Warm-up Clinic")
    runs = [preview(client, token, fmt, f"Clinic number {i}") for i in range(count)]
    failed = [state for _, state in runs if state != "ok"]
    if failed:  # a figure of failed previews would time nothing
        raise SystemExit(f"{fmt}: {len(failed)} of {count} previews did not render: {failed[0]}")
    return [seconds for seconds, _ in runs]


def concurrent(url: str, clients: int, rounds: int) -> tuple[float, float, int]:
    """Previews per second, median latency and busy answers with ``clients`` sessions at once."""
    pairs = [session(url) for _ in range(clients)]

    def work(index: int) -> list[tuple[float, str]]:
        client, token = pairs[index]
        return [preview(client, token, "card", f"Clinic {index}-{r}") for r in range(rounds)]

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as threads:
        results = [r for batch in threads.map(work, range(clients)) for r in batch]
    wall = time.perf_counter() - started
    ok = [t for t, state in results if state == "ok"]
    return len(ok) / wall, statistics.median(ok) if ok else 0.0, sum(s == "busy" for _, s in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(time.time())))  # after the data's records
    with tempfile.TemporaryDirectory():
        port = 8765
        server = start(port)
        url = f"http://127.0.0.1:{port}"
        print(f"load average at start: {os.getloadavg()[0]:.2f}; workers: {cores()}")
        for fmt in ("card", "booklet"):
            times = edits(url, fmt, args.edits)
            print(f"edit -> preview, {fmt}: median {statistics.median(times) * 1000:.0f} ms, "
                  f"slowest {max(times) * 1000:.0f} ms over {len(times)} edits")
        for clients in (1, 2, 4, 8):
            rate, median, busy = concurrent(url, clients, args.rounds)
            print(f"{clients} sessions at once: {rate:.1f} card previews/s, median {median * 1000:.0f} ms, "
                  f"{busy} busy answers")
        print(f"load average at end: {os.getloadavg()[0]:.2f}")
        server.should_exit = True


if __name__ == "__main__":
    main()
