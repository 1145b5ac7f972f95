"""The CI cache works across commits: the build date comes from the last commit that changed
the handouts' inputs, so the second CI build of an unchanged tree skips everything."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import ROOTS

SOURCE_DATE = Path(__file__).resolve().parents[2] / "scripts" / "source-date.sh"


def _commit(repo: Path, message: str, when: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    for args in (["add", "-A"], ["-c", "user.name=CI", "-c", "user.email=ci@example.org", "commit", "-qm",
                                  message]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True)
    return subprocess.run([str(SOURCE_DATE), str(repo)], check=True, capture_output=True,
                          text=True).stdout.strip()


def test_an_unchanged_tree_at_a_new_commit_builds_nothing(
        run_cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(ROOTS / "build-matrix", repo)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    first = _commit(repo, "content", "2026-12-02T10:00:00Z")

    def ci_run(name: str, epoch: str, *cache: str) -> Result:
        """One CI job: a fresh checkout's build into its own out/, the last run's out/ restored."""
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        return run_cli("build", "-r", "us-t1", "-f", "card", "--project", str(repo),
                       "--out", str(tmp_path / name), *cache)

    assert "1 built" in ci_run("run1", first).output
    (repo / "README.md").write_text("How we print the handouts.\n")
    second = _commit(repo, "docs only", "2026-12-05T10:00:00Z")
    assert second == first
    result = ci_run("run2", second, "--cache-from", str(tmp_path / "run1"))
    assert result.exit_code == 0, result.output
    assert "1 output: 0 built, 1 up to date, 0 failed" in result.output
    card = Path("us-t1", "en", "card.pdf")
    assert (tmp_path / "run2" / card).read_bytes() == (tmp_path / "run1" / card).read_bytes()

    (repo / "regions" / "us-t1.yaml").write_text(
        (repo / "regions" / "us-t1.yaml").read_text().replace("Test County Line", "County Help Line"))
    third = _commit(repo, "data", "2026-12-08T10:00:00Z")
    assert int(third) > int(first)
    assert "1 built, 0 up to date" in ci_run("run3", third, "--cache-from", str(tmp_path / "run2")).output
