"""Starting and finding a project: ``booklet init``, discovery from any folder inside it, its
name on the summary and in the PDF, ``--project`` writing to its own out/, the notice when
there is no project, and ``new-region`` for a country."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pikepdf
from click.testing import Result

from tests.conftest import pdf_text

SHIPPED_NOTICE = "using the content shipped with booklet (start a project with: booklet init)"


def test_init_makes_a_project_that_builds_from_any_folder_inside_it(
        run_cli: Callable[..., Result], tmp_path: Path) -> None:
    result = run_cli("init", "clinic", "--region", "us-tx", "--parent", "us")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "clinic"
    made = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert made == [".gitignore", "booklet.toml", "org.yaml", "regions/us-tx.yaml",
                    *(f"schema/{k}.schema.json" for k in sorted(["org", "project", "region", "review",
                                                                 "sections", "terms"])),
                    "styles/extra.css"]
    assert "out/" in (folder / ".gitignore").read_text().split()
    region = (folder / "regions" / "us-tx.yaml").read_text(encoding="utf-8")
    schema = re.search(r"\$schema=(\S+)", region)
    assert schema and (folder / "regions" / schema[1]).resolve() == folder / "schema" / "region.schema.json"
    assert json.loads((folder / "schema" / "region.schema.json").read_text()) == json.loads(
        run_cli("schema", "region").output)
    assert (folder / "styles" / "extra.css").read_text().startswith("/*")
    assert "next: cd clinic, then fill in the lines marked FILL IN in regions/us-tx.yaml" in result.output
    assert run_cli("init", "clinic").exit_code == 1  # never over an existing project

    config = folder / "booklet.toml"
    config.write_text(config.read_text().replace('# name = "Eastside Health Center"',
                                                 'name = "Eastside Health Center"'))
    unfinished = run_cli("build", "-f", "card", cwd=folder / "regions")
    assert unfinished.exit_code == 1 and "us-tx.yaml:" in unfinished.output  # the default: us-tx
    built = run_cli("build", "-r", "us", "-f", "card", "--org", "../org.yaml", "--jobs", "1",
                    cwd=folder / "regions")
    assert built.exit_code == 0, built.output
    lines = built.output.splitlines()
    assert SHIPPED_NOTICE not in built.output
    assert next(line for line in lines if " outputs: " in line or " output: " in line).startswith(
        "Eastside Health Center: 1 output: 1 built")
    assert lines[-1] == "PDFs in ../out/us/en/"
    pdf = folder / "out" / "us" / "en" / "card.pdf"
    with pikepdf.open(pdf) as document:
        assert str(document.docinfo["/Author"]) == "Eastside Health Center"
    assert "Your Clinic Name\nCall 201-555-0123" in pdf_text(pdf)  # the sample org.yaml, printed

    again = run_cli("build", "-r", "us", "-f", "card", "--org", str(folder / "org.yaml"),
                    "--project", "clinic")
    assert "0 built, 1 up to date" in again.output and again.output.splitlines()[-1] == (
        "PDFs in clinic/out/us/en/")
    assert not (tmp_path / "out").exists()


def test_without_a_project_one_line_says_the_shipped_content_is_used(
        run_cli: Callable[..., Result]) -> None:
    result = run_cli("list", "regions")
    assert result.exit_code == 0
    assert result.output.count(SHIPPED_NOTICE) == 1
    assert run_cli("list", "regions", "-q").output.count(SHIPPED_NOTICE) == 0


def test_new_region_makes_a_country_or_a_sub_region(run_cli: Callable[..., Result],
                                                    make_project: Callable[..., Path]) -> None:
    project = make_project()
    result = run_cli("new-region", "ke", "--project", str(project))
    assert result.exit_code == 0, result.output
    text = (project / "regions" / "ke.yaml").read_text(encoding="utf-8")
    assert "code: ke\n" in text and "\nparent:" not in text and "\nemergency:" in text
    problems = run_cli("build", "-r", "ke", "--project", str(project)).output
    for field in ("name.en", "emergency[0]", "naloxone.en", "helplines[0].source"):
        assert f": {field}:" in problems, field
    refused = run_cli("new-region", "ke-nb", "--project", str(project))
    assert refused.exit_code == 1
    assert "'ke-nb' is a sub-region: name the region it belongs to" in refused.output
