"""The command line: bad input gets one clear line, exit 1, and leaves out/ untouched."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

REPO = Path(__file__).resolve().parent.parent

GOOD = """code: us-xx
parent: us
name: Test region
helplines:
  - id: test-line
    name: Test line
    offers: Help.
    channels:
      - {type: phone, number: "1-800-662-4357"}
    hours: "24/7"
    cost: free
    source: https://example.org/
    verifications:
      - {on: 2026-11-01, by: Test Checker, how: official-page, evidence: "https://example.org/"}
"""

BAD_DATA = {
    "unknown key": (GOOD + "colour: red\n", "us-xx.yaml:15: colour: unknown key"),
    "coerced number": (GOOD.replace('"1-800-662-4357"', "0123"),
                       "us-xx.yaml:9: helplines[0].channels[0].number: YAML read an unquoted value"),
    "coerced hours": (GOOD.replace('"24/7"', "9:30"), "us-xx.yaml:10: helplines[0].hours"),
    "bad code in file": (GOOD.replace("code: us-xx", "code: ../us"), "us-xx.yaml:1: code:"),
    "file url in data": (GOOD.replace("https://example.org/", "file:///etc/passwd"),
                         "us-xx.yaml:12: helplines[0].source: 'file:///etc/passwd' is not a valid https URL"),
    "http url in data": (GOOD.replace("- {type: phone",
                                      "- {type: web, url: 'http://x.org'}\n      - {type: phone"),
                         "us-xx.yaml:9: helplines[0].channels[0].url"),
    "alias bomb": ("a: &a [x, x]\nb: [*a, *a]\n" + GOOD, "us-xx.yaml:1: YAML syntax: anchors and aliases"),
    "missing parent": (GOOD.replace("parent: us", "parent: us-zz"),
                       "us-xx.yaml:2: parent: no region 'us-zz'"),
}


@pytest.fixture
def out_before(tmp_path: Path) -> Path:
    """An output folder holding earlier good outputs that a failed build must not touch."""
    out = tmp_path / "out"
    for rel in ("us-xx/en/booklet.pdf", "us/en/booklet.pdf", "manifest.json", "notes.txt"):
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(b"earlier good output " + rel.encode())
    return out


def assert_clean_failure(result: Result, expected: str) -> None:
    assert result.exit_code == 1, result.output
    assert expected in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("case", sorted(BAD_DATA))
def test_bad_region_data(case: str, make_project: Callable[..., Path], run_cli: Callable[..., Result],
                         out_before: Path, tree_snapshot: Callable[[Path], dict[str, bytes]]) -> None:
    text, expected = BAD_DATA[case]
    folder = make_project({"regions/us-xx.yaml": text})
    before = tree_snapshot(out_before)
    result = run_cli("build", "-r", "us-xx", "--project", str(folder), "--out", str(out_before))
    assert_clean_failure(result, expected)
    assert "nothing was written" in result.output
    assert tree_snapshot(out_before) == before


@pytest.mark.parametrize(("args", "expected"), [
    (["-r", "../../etc/passwd"], "not a valid region code"),
    (["-r", "US"], "not a valid region code"),
    (["-r", "zz"], "no region 'zz'"),
    (["-l", "../x"], "--lang '../x': no section text"),
    (["-f", "../../x"], "--format '../../x': unknown format"),
])
def test_bad_options(args: list[str], expected: str, run_cli: Callable[..., Result], shipped: Path,
                     out_before: Path, tree_snapshot: Callable[[Path], dict[str, bytes]]) -> None:
    before = tree_snapshot(out_before)
    result = run_cli("build", *args, "--project", str(shipped), "--out", str(out_before))
    assert_clean_failure(result, expected)
    assert tree_snapshot(out_before) == before


def test_debug_shows_the_traceback(run_cli: Callable[..., Result], shipped: Path, tmp_path: Path) -> None:
    result = run_cli("--debug", "build", "-r", "zz", "--project", str(shipped), "--out", str(tmp_path))
    assert result.exit_code == 1
    assert "Traceback" in result.output


def test_help_does_not_import_weasyprint() -> None:
    code = ("import sys\nfrom booklet.cli import main\nsys.argv = ['booklet', '--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('WEASYPRINT' if 'weasyprint' in sys.modules else 'LIGHT')")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert "Usage: booklet" in out
    assert out.strip().endswith("LIGHT")


def test_cli_py_runs_from_a_clone() -> None:
    out = subprocess.run([sys.executable, "cli.py", "--version"], cwd=REPO, check=True,
                         capture_output=True, text=True).stdout
    assert out.startswith("booklet, version ")


def test_schema_is_json_schema_with_field_docs(run_cli: Callable[..., Result]) -> None:
    result = run_cli("schema")
    schema = json.loads(result.output)
    assert schema["$schema"].endswith("2020-12/schema")
    assert schema["additionalProperties"] is False
    assert "inherits" in schema["properties"]["parent"]["description"]
    helpline = schema["$defs"]["Helpline"]
    assert "verifications" in helpline["required"]
    assert "on" in schema["$defs"]["Verification"]["required"]
    assert helpline["properties"]["hours"]["description"].startswith("When it answers")


def test_schema_writes_a_file(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    result = run_cli("schema", "project", "--out", str(tmp_path / "project.schema.json"))
    assert result.exit_code == 0
    assert json.loads((tmp_path / "project.schema.json").read_text())["title"] == "ProjectConfig"


def test_every_schema_kind_is_offered() -> None:
    from booklet.cli import SCHEMA_KINDS
    from booklet.commands.schema import MODELS

    assert set(SCHEMA_KINDS) == set(MODELS)


@pytest.mark.parametrize("kind", ["region", "sections", "project", "terms", "review", "org"])
def test_committed_schemas_match_the_models(kind: str) -> None:
    from booklet.commands.schema import schema_json

    committed = (REPO / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_json(kind), f"run: booklet schema {kind} --out schema/{kind}.schema.json"
