"""``booklet doctor``: versions, fonts per language, the output folder; exit 1 when a build
would fail."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result


def test_doctor_on_this_machine(run_cli: Callable[..., Result]) -> None:
    result = run_cli("doctor")  # no project here: the shipped content, ./out
    assert result.exit_code == 0, result.output
    for check in ("WeasyPrint: 70", "Pango: 1.", "HarfBuzz: ", "HarfBuzz subsetting: available",
                  "fontconfig: 2.", "font Noto Naskh Arabic: /", "language zh-Hans: every character drawn by",
                  "output folder: out/ can be written"):
        assert f"ok       {check}" in result.output, check
    assert result.output.splitlines()[-1] == "ready to build"


def test_doctor_fails_when_a_build_would(run_cli: Callable[..., Result], make_project: Callable[..., Path],
                                         tmp_path: Path) -> None:
    project = make_project({"styles/base.css": '* { font-family: "No Such Font"; }\n'})
    (tmp_path / "taken").write_text("a file where the output folder should be")
    result = run_cli("doctor", "--project", str(project), "--out", "taken/out")
    assert result.exit_code == 1
    assert "warning  font No Such Font: not installed" in result.output
    assert "PROBLEM  language en: " in result.output and "characters have no glyph" in result.output
    assert "PROBLEM  output folder: taken/out: a file stands at taken" in result.output
    assert "a build would fail" in result.output
