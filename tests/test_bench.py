"""The benchmark scripts still run against the package as it is (no test times anything)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def test_batch_benchmark_runs_the_command_and_reads_its_memory() -> None:
    done = subprocess.run([sys.executable, str(BENCH / "batch.py"), "--rows", "2", "--small", "1",
                           "--single", "1"], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert re.search(r"batch +2 rows: .* rows/s +peak RSS parent [1-9]\d* MiB, largest worker [1-9]\d* MiB",
                     done.stdout), done.stdout
    assert "throughput batch --jobs 2 / --jobs 1: " in done.stdout


@pytest.mark.parametrize("script", ["run.py", "studio.py"])
def test_benchmark_imports_what_it_uses(script: str) -> None:
    done = subprocess.run([sys.executable, str(BENCH / script), "--help"], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("usage:")
