"""A failed rebuild never hides behind an old file: the previous file stays only while it
still matches the current inputs, and the summary lists each one taken away."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import ROOTS

LONG_NOTE = "note: " + "Walk-ins welcome every day. Ask for the naloxone kit at the front desk. " * 2


def test_a_stamp_that_no_longer_fits_takes_the_old_trifold_away(
        run_cli: Callable[..., Result], shipped: Path, tmp_path: Path) -> None:
    for name in ("org.yaml", "logo.svg"):
        shutil.copy(ROOTS / "org" / name, tmp_path / name)
    build = ("build", "-f", "trifold", "-f", "card", "--html", "--org", "org.yaml", "--out", "out",
             "--project", str(shipped), "--jobs", "2")
    assert run_cli(*build).exit_code == 0
    org = tmp_path / "org.yaml"
    org.write_text("\n".join(line if not line.startswith("note:") else LONG_NOTE
                             for line in org.read_text(encoding="utf-8").splitlines()), encoding="utf-8")
    result = run_cli(*build)
    assert result.exit_code == 1
    assert "panel 'clinic stamp' on page 1 overflows its bottom edge" in result.output
    assert ("removed out/us/en/trifold.pdf, out/us/en/trifold.html: us/en/trifold failed, and the "
            "previous file was made from earlier inputs (it could show old details)") in result.output
    folder = tmp_path / "out" / "us" / "en"
    assert sorted(p.name for p in folder.iterdir()) == ["card-sheet.pdf", "card.html", "card.pdf"]
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert [e["format"] for e in manifest["outputs"]] == ["card"]
    assert [(f["format"], f["removed"]) for f in manifest["failed"]] == [
        ("trifold", ["us/en/trifold.pdf", "us/en/trifold.html"])]


def test_a_failure_on_the_same_inputs_keeps_the_file(run_cli: Callable[..., Result], shipped: Path,
                                                     tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build = ("build", "-f", "card", "--out", "out", "--project", str(shipped), "--jobs", "1")
    assert run_cli(*build).exit_code == 0
    card = tmp_path / "out" / "us" / "en" / "card.pdf"
    before, manifest = card.read_bytes(), (tmp_path / "out" / "manifest.json").read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)  # inherited by the worker: writing the PDF fails
    result = run_cli(*build, "--force")
    assert result.exit_code == 1 and "No space left on device" in result.output
    assert ("kept the previous us/en/card: it failed to rebuild, but the file there was made from "
            "these same inputs") in result.output
    assert card.read_bytes() == before
    assert (tmp_path / "out" / "manifest.json").read_bytes() == manifest


def test_a_batch_row_that_no_longer_validates_loses_its_old_outputs(
        run_cli: Callable[..., Result], tmp_path: Path) -> None:
    clinics = tmp_path / "clinics.csv"
    clinics.write_text("name,phone\nEastside,718-555-0142\n", encoding="utf-8")
    assert run_cli("batch", "clinics.csv", "-f", "card", "--out", "out").exit_code == 0
    assert (tmp_path / "out" / "eastside" / "us" / "en" / "card.pdf").is_file()
    clinics.write_text("name,phone\nEastside,555-01\n", encoding="utf-8")
    result = run_cli("batch", "clinics.csv", "-f", "card", "--out", "out")
    assert result.exit_code == 1
    assert ("removed out/eastside/us/en/card-sheet.pdf: row 2 no longer validates, and the file was "
            "made from its earlier details") in result.output
    assert "removed out/eastside/us/en/card.pdf: row 2" in result.output
    assert not list((tmp_path / "out").rglob("*.pdf"))
