"""A short coverage-guided fuzz run of the YAML and CSV loaders, from the committed seeds.

Each target runs a fixed number of inputs with a fixed seed, so the run is the same on
every machine; new inputs it finds go to a temporary folder, never into the seed corpus.
A crash (any exception that is not a located problem) fails the test with atheris's report.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("atheris")

HERE = Path(__file__).parent
RUNS = 1000


@pytest.mark.parametrize("target", ["yaml", "csv"])
def test_loaders_survive_a_short_fuzz_run(tmp_path: Path, target: str) -> None:
    found = tmp_path / "found"
    found.mkdir()
    seeds = HERE / "corpus" / target
    args = [sys.executable, str(HERE / "fuzz_loaders.py"), target, str(tmp_path), str(found), str(seeds),
            f"-runs={RUNS}", "-seed=17", "-max_len=4096", f"-artifact_prefix={tmp_path}/"]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, cwd=tmp_path, check=False)
    crashes = list(tmp_path.glob("crash-*"))
    report = done.stderr[-3000:]
    assert done.returncode == 0 and not crashes, report
    assert f"Done {RUNS} runs" in done.stderr, report
    shutil.rmtree(found)
