"""The inputs hash changes with every input of an output, and only with those."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

import booklet
from booklet.build import cache
from booklet.build.cache import InputsHasher
from booklet.load.clock import build_date
from booklet.load.project import open_project
from booklet.models.job import Job
from booklet.pipeline import BuildOptions, output_options, prepare
from tests.conftest import EPOCH

JOB = Job("us-t1", "en", "large-print")
PO = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Call"\nmsgstr "{}"\n'


def inputs_hash(folder: Path, options: BuildOptions | None = None, epoch: str = EPOCH,
                job: Job = JOB) -> str:
    """The inputs hash of ``job`` in the project at ``folder``, as a build computes it."""
    project = open_project(folder)
    today, created = build_date(epoch)
    inputs = prepare(project, [job.region], today, False)
    hasher = InputsHasher(project, output_options(options or BuildOptions(Path("out"))), created)
    return hasher.inputs_hash(job, inputs.regions[job.region])


@pytest.fixture
def matrix(make_project: Callable[..., Path]) -> Path:
    return make_project(root="build-matrix")


def shipped_text(name: str) -> str:
    return (booklet.load.project.shipped_root() / name).read_text(encoding="utf-8")


CHANGES = {
    "layout template": ("sections/layouts/large-print.html.j2",
                        '{% extends "!base/layouts/large-print.html.j2" %}\n', "\n{# edited #}"),
    "stylesheet": ("styles/large-print.css", "", "\nh1 { color: black }\n"),
    "own region file": ("regions/us-t1.yaml", None, "\n# edited\n"),
    "parent region file": ("regions/us.yaml", "shipped:regions/us.yaml", "\n# re-checked\n"),
    "sections.yaml": ("sections/sections.yaml", "shipped:sections/sections.yaml", "\n# edited\n"),
    "English section text": ("sections/help.html.j2", "shipped:sections/help.html.j2", "\n"),
    "locale catalog": ("locales/en/LC_MESSAGES/booklet.po", PO.format("Call"), "\n"),
}


@pytest.mark.parametrize("kind", CHANGES)
def test_editing_an_input_changes_the_hash(matrix: Path, kind: str) -> None:
    name, start, edit = CHANGES[kind]
    path = matrix / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if start is not None:
        text = shipped_text(start.removeprefix("shipped:")) if start.startswith("shipped:") else start
        path.write_text(text, encoding="utf-8")
    before = inputs_hash(matrix)
    path.write_text(path.read_text(encoding="utf-8") + edit, encoding="utf-8")
    assert inputs_hash(matrix) != before


UNRELATED = {
    "another language's text": ("sections/es/help.html.j2", "<p>Ayuda</p>\n"),
    "another language's catalog": ("locales/fr/LC_MESSAGES/booklet.po", PO.format("Appeler")),
    "a sibling region": ("regions/us-t2.yaml", "code: us-t2\nparent: us\nname: {en: Renamed}\n"),
}


@pytest.mark.parametrize("kind", UNRELATED)
def test_files_an_output_does_not_read_leave_the_hash(matrix: Path, kind: str) -> None:
    before = inputs_hash(matrix)
    name, text = UNRELATED[kind]
    (matrix / name).parent.mkdir(parents=True, exist_ok=True)
    (matrix / name).write_text(text, encoding="utf-8")
    assert inputs_hash(matrix) == before


def test_options_that_change_the_bytes_change_the_hash(matrix: Path) -> None:
    plain = inputs_hash(matrix, BuildOptions(Path("out")))
    assert inputs_hash(matrix, BuildOptions(Path("elsewhere"))) == plain
    assert inputs_hash(matrix, BuildOptions(Path("out"), html=True)) != plain
    assert inputs_hash(matrix, BuildOptions(Path("out"), allow_stale=True)) != plain
    assert inputs_hash(matrix, BuildOptions(Path("out"), impose=True)) != plain
    assert inputs_hash(matrix, BuildOptions(Path("out"), bleed=3.0)) != plain


def test_source_date_epoch_and_the_job_change_the_hash(matrix: Path) -> None:
    plain = inputs_hash(matrix)
    assert inputs_hash(matrix, epoch="1795478400") != plain
    assert inputs_hash(matrix, job=Job("us-t1", "en", "booklet")) != plain
    assert inputs_hash(matrix, job=Job("us-t2", "en", "large-print")) != plain


def test_the_tool_version_changes_the_hash(matrix: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = inputs_hash(matrix)
    monkeypatch.setattr(booklet, "__version__", "99.0")
    cache.tool_fingerprint.cache_clear()
    try:
        assert inputs_hash(matrix) != plain
    finally:
        cache.tool_fingerprint.cache_clear()


def test_the_fonts_part_follows_the_families_the_css_names(matrix: Path) -> None:
    project = open_project(matrix)
    plain = InputsHasher(project, {}, None).fonts("en")
    (matrix / "styles").mkdir()
    (matrix / "styles" / "extra.css").write_text('p { font-family: "DejaVu Serif" }\n', encoding="utf-8")
    assert InputsHasher(project, {}, None).fonts("en") != plain


def test_the_sources_digest_follows_an_edited_source_and_is_kept_between_runs(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "a.py").write_text("A = 1\n", encoding="utf-8")
    first = cache.sources_digest(package)
    kept = list((cache.diskcache.folder("sources")).glob("*.digest"))
    assert first == cache.sources_digest(package) and kept
    (package / "a.py").write_text("A = 2\n", encoding="utf-8")  # same size: the time tells
    stamp = (package / "a.py").stat().st_mtime_ns + 1_000_000_000
    os.utime(package / "a.py", ns=(stamp, stamp))
    assert cache.sources_digest(package) != first
    (package / "b.py").write_text("", encoding="utf-8")
    assert len({first, cache.sources_digest(package)}) == 2
