"""``--shard auto`` reads the CI engine's environment; the worked examples (GitHub workflow,
GitLab, Kubernetes Indexed Job) use it and ``booklet manifest merge`` as documented, and the
workflow passes zizmor."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from booklet.batch.shard import ENGINES

REPO = Path(__file__).resolve().parents[2]
ONE_CARD = ("build", "-r", "nz", "-l", "en", "-f", "card")


@pytest.fixture(autouse=True)
def _no_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever CI runs these tests, only the variables a test sets are seen."""
    for index_var, count_var, _, _ in ENGINES:
        monkeypatch.delenv(index_var, raising=False)
        monkeypatch.delenv(count_var, raising=False)


@pytest.mark.parametrize(("env", "shard", "source"), [
    ({"BOOKLET_SHARD_INDEX": "1", "BOOKLET_SHARD_COUNT": "2"}, "2/2", "BOOKLET_SHARD_INDEX=1 of 2"),
    ({"CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "3"}, "2/3", "CI_NODE_INDEX=2 of 3 (GitLab parallel job)"),
    ({"JOB_COMPLETION_INDEX": "3"}, "4/4", "JOB_COMPLETION_INDEX=3 of 4 (Kubernetes Indexed Job)"),
])
def test_shard_auto_reads_the_ci_engine(env: dict[str, str], shard: str, source: str, shipped: Path,
                                        run_cli: Callable[..., Result],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = run_cli(*ONE_CARD, "--shard", "auto/4" if "JOB_COMPLETION_INDEX" in env else "auto",
                     "--project", str(shipped))
    assert result.exit_code == 0, result.output
    assert re.search(rf"--shard auto(/4)?: {shard}, from {re.escape(source)}", result.output)
    assert "0 outputs:" in result.output  # the one card is in shard 1


def test_shard_auto_says_what_is_missing(run_cli: Callable[..., Result], shipped: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_cli(*ONE_CARD, "--shard", "auto", "--project", str(shipped))
    assert result.exit_code == 1 and "no shard index in the environment (looked for BOOKLET_SHARD_INDEX" in (
        result.output)
    monkeypatch.setenv("JOB_COMPLETION_INDEX", "0")
    result = run_cli(*ONE_CARD, "--shard", "auto", "--project", str(shipped))
    assert "but not the number of shards (hint: --shard auto/N or BOOKLET_SHARD_COUNT)" in result.output


def test_the_worked_examples_use_shard_auto_and_manifest_merge() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "build.yml").read_text())
    build = workflow["jobs"]["build"]
    assert build["env"] == {"BOOKLET_SHARD_INDEX": "${{ strategy.job-index }}",
                            "BOOKLET_SHARD_COUNT": "${{ strategy.job-total }}"}
    script = " ".join(step.get("run", "") for step in build["steps"])
    assert "scripts/source-date.sh" in script and "--shard auto --cache-from previous" in script
    assert "booklet manifest merge out shards/" in workflow["jobs"]["merge"]["steps"][3]["run"]

    gitlab = yaml.safe_load((REPO / "examples" / "gitlab-ci.yml").read_text())
    assert gitlab["build"]["parallel"] == 4 and "--shard auto" in " ".join(gitlab["build"]["script"])
    assert any("booklet manifest merge" in line for line in gitlab["merge"]["script"])

    job = yaml.safe_load((REPO / "examples" / "kubernetes-indexed-job.yaml").read_text())
    spec = job["spec"]
    assert spec["completionMode"] == "Indexed"
    command = " ".join(spec["template"]["spec"]["containers"][0]["command"])
    assert re.search(rf"--shard auto/{spec['completions']}\b", command)


def test_the_workflow_passes_zizmor() -> None:
    zizmor = Path(sys.executable).parent / "zizmor"
    result = subprocess.run([str(zizmor), "--offline", "--persona=pedantic", ".github/workflows"],
                            cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout
