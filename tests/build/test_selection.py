"""Which regions a project builds: ``regions`` in booklet.toml, else its own and their parents."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result


def _built(out: Path) -> set[str]:
    return {e["region"] for e in json.loads((out / "manifest.json").read_text())["outputs"]}


def test_all_builds_the_projects_own_regions_and_their_parents(
        run_cli: Callable[..., Result], make_project: Callable[..., Path], tmp_path: Path) -> None:
    project = make_project(root="build-matrix")
    (project / "regions" / "us-t2.yaml").unlink()
    result = run_cli("build", "--all", "-l", "en", "-f", "card", "--project", str(project), "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert _built(project / "out") == {"us", "us-t1"}  # not gb, not the shipped us-ny


def test_regions_in_booklet_toml_limit_the_project(
        run_cli: Callable[..., Result], make_project: Callable[..., Path]) -> None:
    project = make_project({"booklet.toml": 'regions = ["us-t1"]\n'}, root="build-matrix")
    refused = run_cli("build", "-r", "us", "--project", str(project))
    assert refused.exit_code == 1
    assert "--region 'us': this project builds only us-t1 (hint: add it to regions in booklet.toml)" in (
        refused.output)
    bad = make_project({"booklet.toml": 'regions = ["us-t1"]\nregion = "us"\n'})
    result = run_cli("build", "--project", str(bad))
    assert result.exit_code == 1 and "region 'us' is not one of regions ['us-t1']" in result.output
