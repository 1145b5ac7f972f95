"""`booklet build` end to end: review status, glyph coverage, files beside the PDF."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

REVIEWED = ("status: reviewed\ntranslated_by: booklet maintainers\n"
            "reviewed_by: R. Núñez, promotora de salud\nreviewed_on: 2026-11-01\n")


def build(run_cli: Callable[..., Result], project: Path, out: Path, *args: str) -> Result:
    return run_cli("build", "--project", str(project), "--out", str(out), "--jobs", "1", *args)


def test_the_summary_and_manifest_show_translation_review(
        run_cli: Callable[..., Result], make_project: Callable[..., Path], tmp_path: Path) -> None:
    project = make_project({"locales/es/review.yaml": REVIEWED})
    result = build(run_cli, project, tmp_path / "out", "-l", "es", "-l", "fr", "-f", "card")
    assert result.exit_code == 0, result.output
    assert ("translations: es reviewed 2026-11-01 by R. Núñez, promotora de salud; fr draft (not yet "
            "reviewed by a fluent health worker)" in result.output)
    entries = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))["outputs"]
    assert {e["language"]: e["translation_review"] for e in entries} == {
        "es": "reviewed 2026-11-01 by R. Núñez, promotora de salud", "fr": "draft"}


def test_strict_refuses_draft_translations(run_cli: Callable[..., Result], shipped: Path,
                                           tmp_path: Path) -> None:
    result = build(run_cli, shipped, tmp_path / "out", "-l", "fr", "--strict")
    assert result.exit_code == 1
    assert "--strict refuses draft translations: fr" in result.output
    assert not (tmp_path / "out").exists()


def test_a_character_without_a_glyph_fails_before_rendering(
        run_cli: Callable[..., Result], make_project: Callable[..., Path], tmp_path: Path) -> None:
    english = (Path(__file__).parents[2] / "sections" / "heroin.html.j2").read_text(encoding="utf-8")
    project = make_project({"sections/heroin.html.j2": english.replace("</h2>", " ሰላም</h2>", 1)})
    result = build(run_cli, project, tmp_path / "out")
    assert result.exit_code == 1
    assert "us/en/booklet: no glyph in the fonts" in result.output
    assert "U+1230 ETHIOPIC SYLLABLE SA ('ሰ') in #heroin" in result.output
    assert not (tmp_path / "out" / "us" / "en" / "booklet.pdf").exists()


def test_a_deleted_file_beside_the_pdf_is_rebuilt(run_cli: Callable[..., Result], shipped: Path,
                                                  tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(run_cli, shipped, out, "-f", "card").exit_code == 0
    sheet = out / "us" / "en" / "card-sheet.pdf"
    sheet.unlink()
    result = build(run_cli, shipped, out, "-f", "card")
    assert "1 built, 0 up to date" in result.output
    assert sheet.is_file()
    assert "0 built, 1 up to date" in build(run_cli, shipped, out, "-f", "card").output
