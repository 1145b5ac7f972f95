"""``booklet check`` end to end: the table, the --json shape and the exit codes."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

BANNED = '{% set title = "Support" %}\n<h2>{{ title }}</h2>\n<p>Every addict can get help.</p>\n'
STALE_REVIEW = ("reviewed: 2026-11-29", "reviewed: 2025-06-01")


def _stale_index(shipped: Path) -> str:
    return (shipped / "sections/sections.yaml").read_text(encoding="utf-8").replace(*STALE_REVIEW, 1)


def test_the_shipped_content_passes_with_a_table(run_cli: Callable[..., Result], shipped: Path) -> None:
    result = run_cli("check", "--project", str(shipped))
    assert result.exit_code == 0, result.output
    assert re.search(r"LANG +SECTION +FORMULA", result.output)
    assert re.search(r"\ben +heroin +Flesch-Kincaid grade", result.output)
    assert "passed: 0 errors" in result.output


def test_json_has_a_stable_shape(run_cli: Callable[..., Result], shipped: Path) -> None:
    result = run_cli("check", "--json", "--project", str(shipped))
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert set(report) == {"build_date", "region", "passed", "errors", "warnings", "reading", "problems",
                           "unverified", "translations"}
    assert (report["build_date"], report["region"], report["passed"], report["errors"]) == (
        "2026-12-01", "us", True, 0)
    assert set(report["reading"][0]) == {"lang", "section", "title", "file", "formula", "score", "target",
                                         "status"}
    assert {row["section"] for row in report["reading"]} >= {"heroin", "overdose", "help"}
    assert all(set(row) == {"region", "id", "name", "file"} for row in report["unverified"])
    assert all(set(row) == {"lang", "review", "revision", "translated", "outdated", "missing", "total",
                            "percent", "sections"} for row in report["translations"])


def test_an_error_exits_1_and_json_stays_parseable(run_cli: Callable[..., Result],
                                                   make_project: Callable[..., Path]) -> None:
    folder = make_project({"sections/en/therapies.html.j2": BANNED})
    result = run_cli("check", "--json", "--project", str(folder))
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["passed"] is False and report["errors"] == 1
    problem = next(p for p in report["problems"] if p["file"].endswith("therapies.html.j2"))
    assert (problem["line"], problem["message"], problem["severity"]) == (3, 'avoid "addict"', "error")
    assert "check failed: 1 problem" in result.stderr


def test_a_warning_passes_unless_strict(run_cli: Callable[..., Result], make_project: Callable[..., Path],
                                        shipped: Path) -> None:
    folder = make_project({"sections/sections.yaml": _stale_index(shipped)})
    relaxed = run_cli("check", "--project", str(folder))
    assert relaxed.exit_code == 0, relaxed.output
    assert "warning: sections[0].reviewed: heroin: reviewed 548 days ago (over 12 months)" in relaxed.output
    strict = run_cli("check", "--strict", "--project", str(folder))
    assert strict.exit_code == 1
    assert "FAILED: 0 errors" in strict.stdout
    assert "warnings count with --strict" in strict.stderr
