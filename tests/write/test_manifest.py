"""out/manifest.json: one honest entry per output, merged across partial builds."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from click.testing import Result

from booklet.models.job import Job
from booklet.write.manifest import LOCK, MANIFEST, Entry, read_manifest, update_manifest


def entry(region: str, fmt: str = "booklet", sha: str = "0" * 64) -> Entry:
    return Entry(region, "en", fmt, f"{region}/en/{fmt}.pdf", 8, 1000, sha, "1" * 64, "2026-06-01",
                 "source", ("a warning",))


def test_entries_round_trip_sorted_by_output(tmp_path: Path) -> None:
    update_manifest(tmp_path, [entry("us-t2"), entry("us", "large-print"), entry("us")])
    data = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    assert [(o["region"], o["format"]) for o in data["outputs"]] == [
        ("us", "booklet"), ("us", "large-print"), ("us-t2", "booklet")]
    assert read_manifest(tmp_path)[Job("us", "en", "booklet")] == entry("us")


def test_a_partial_build_replaces_its_entries_and_keeps_the_others(tmp_path: Path) -> None:
    update_manifest(tmp_path, [entry("us"), entry("ca")])
    update_manifest(tmp_path, [entry("us", sha="f" * 64)])
    got = read_manifest(tmp_path)
    assert got[Job("ca", "en", "booklet")] == entry("ca")
    assert got[Job("us", "en", "booklet")].sha256 == "f" * 64
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK, MANIFEST]


@pytest.mark.parametrize("text", ["{not json", '{"schema": 0, "outputs": []}', "[]",
                                  '{"schema": 1, "outputs": [{"region": "us"}]}'])
def test_an_unreadable_manifest_counts_as_empty(tmp_path: Path, text: str) -> None:
    (tmp_path / MANIFEST).write_text(text, encoding="utf-8")
    assert read_manifest(tmp_path) == {}


def test_a_build_records_what_it_wrote(make_project: Callable[..., Path],
                                       run_cli: Callable[..., Result], tmp_path: Path) -> None:
    project, out = make_project(root="build-matrix"), tmp_path / "out"
    for region in ("us-t1", "us-t2"):
        result = run_cli("build", "--project", str(project), "--out", str(out), "-r", region,
                         "-f", "large-print", "--jobs", "1")
        assert result.exit_code == 0, result.output
    outputs = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["outputs"]
    assert [o["region"] for o in outputs] == ["us-t1", "us-t2"]
    first = outputs[0]
    pdf = out / first["file"]
    with pikepdf.open(pdf) as document:
        pages = len(document.pages)
    assert first == {
        "region": "us-t1", "language": "en", "format": "large-print",
        "file": "us-t1/en/large-print.pdf", "pages": pages, "bytes": pdf.stat().st_size,
        "sha256": hashlib.sha256(pdf.read_bytes()).hexdigest(), "inputs": first["inputs"],
        "helplines_checked": "2025-12-01", "translation_review": "source", "warnings": [],
    }
    assert len(first["inputs"]) == 64 and first["inputs"] != outputs[1]["inputs"]
