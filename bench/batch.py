"""Benchmark of ``booklet batch``: throughput and memory, printed as measured in one run.

    .venv/bin/python bench/batch.py [--rows 1000] [--small 100] [--single 100] [-f card] [--jobs 2]

1. ``booklet batch --jobs JOBS`` over ROWS rows (warm worker pool) vs ``batch --jobs 1``
   over SINGLE rows (one warm process doing the same work: one renderer, hasher and
   manifest for all rows), in rows per second. ``bench/run.py`` (figure 6) gives the same
   ratio from interleaved pairs with min/median/max; this script adds the scale.
2. Peak resident memory (parent and the largest worker) at SMALL vs ROWS rows: it must
   stay flat, since rows stream to disk and no PDF is kept in memory.

Each measurement runs in a fresh subprocess so that peak memory is its own.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EPOCH = str(int(time.time()))
"""The build date of every run in a benchmark: now, fixed for the whole benchmark (the same
bytes from run to run), and never before the dates of the data's own records."""

BATCH = """
import atexit, resource, sys
from booklet.cli import main
atexit.register(lambda: print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                              resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.argv = ["booklet", "batch", *sys.argv[1:]]
main()
"""
"""``booklet batch`` through its command line (the same as a user's run), then the peak
resident memory of the process and of its largest worker, in KiB."""

def write_csv(path: Path, rows: int) -> Path:
    """A clinics CSV of ``rows`` organizations, with non-Latin names mixed in."""
    lines = ["name,address,phone,hours,website,note"]
    for n in range(rows):
        name = f"Clinic {n:04}" if n % 5 else f"診所 {n:04}"
        lines.append(f'{name},"{n} Main Street, Brooklyn NY",212-555-01{n % 100:02},'
                     f"Mon–Fri 9–17,https://clinic{n}.example.org,Walk-ins welcome")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def measure(csv: Path, fmt: str, out: Path, jobs: int) -> tuple[float, int, int]:
    """Wall seconds and peak RSS (KiB) of a batch and of its largest worker."""
    env = {"SOURCE_DATE_EPOCH": EPOCH, "PATH": "/usr/bin:/bin",
           "BOOKLET_CACHE_DIR": os.environ["BOOKLET_CACHE_DIR"]}
    args = [str(csv), "--project", str(REPO), "-f", fmt, "--out", str(out), "--jobs", str(jobs)]
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", BATCH, *args], cwd=REPO, env=env, check=False,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"booklet batch {' '.join(args)}: exit {done.returncode}\n{done.stderr[-2000:]}")
    seconds = time.perf_counter() - started
    own, child = (int(x) for x in done.stdout.split()[-2:])
    return seconds, own, child


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--single", type=int, default=100)
    parser.add_argument("-f", "--format", default="card")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        os.environ.setdefault("BOOKLET_CACHE_DIR", str(work / "cache"))
        results = {}
        for rows in (args.small, args.rows):
            csv = write_csv(work / f"rows{rows}.csv", rows)
            results[rows] = measure(csv, args.format, work / f"out{rows}", args.jobs)
        single_csv = write_csv(work / "single.csv", args.single)
        one = measure(single_csv, args.format, work / "single", 1)
    print(f"format {args.format}, batch --jobs {args.jobs}; load average {os.getloadavg()[0]:.2f}")
    for rows, (seconds, own, child) in results.items():
        print(f"batch {rows:>5} rows: {seconds:7.1f} s  {rows / seconds:6.2f} rows/s  "
              f"peak RSS parent {own // 1024} MiB, largest worker {child // 1024} MiB")
    seconds, own, _ = one
    print(f"batch --jobs 1, {args.single} rows: {seconds:7.1f} s  "
          f"{args.single / seconds:6.2f} rows/s  peak RSS {own // 1024} MiB")
    big = results[args.rows]
    print(f"throughput batch --jobs {args.jobs} / --jobs 1: "
          f"{(args.rows / big[0]) / (args.single / seconds):.2f}x (goal >= 1.8x on 2 quiet cores)")
    small = results[args.small]
    print(f"peak RSS {args.rows} vs {args.small} rows: parent {big[1] / small[1]:.2f}x, "
          f"worker {big[2] / max(small[2], 1):.2f}x")


if __name__ == "__main__":
    main()
