"""Outputs are replaced in one step and never leave the output folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from booklet.errors import BookletError
from booklet.models.job import Job
from booklet.write.atomic import FILE_MODE, output_path, write_atomic


def test_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "us" / "en" / "booklet.pdf"
    write_atomic(target, b"old", within=tmp_path)
    write_atomic(target, b"new", within=tmp_path)
    assert target.read_bytes() == b"new"
    assert [p.name for p in target.parent.iterdir()] == ["booklet.pdf"]
    assert target.stat().st_mode & 0o777 == FILE_MODE  # readable as the umask allows, not 0600


class Interrupted(BaseException):
    """Stands in for Ctrl-C arriving mid-write."""


def test_an_interrupted_write_keeps_the_previous_file(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "booklet.pdf"
    write_atomic(target, b"previous good file", within=tmp_path)

    def interrupt(fd: int) -> None:
        raise Interrupted

    monkeypatch.setattr("os.fsync", interrupt)
    with pytest.raises(Interrupted):
        write_atomic(target, b"half a PDF", within=tmp_path)
    assert target.read_bytes() == b"previous good file"
    assert [p.name for p in tmp_path.iterdir()] == ["booklet.pdf"]


@pytest.mark.parametrize("job", [Job("..", "en", "booklet"), Job("us", "../../x", "booklet"),
                                 Job("us", "en", "/etc/cron.d/x")])
def test_output_paths_stay_inside_the_output_folder(tmp_path: Path, job: Job) -> None:
    with pytest.raises(BookletError):
        output_path(tmp_path, job, ".pdf")


def test_output_path_layout(tmp_path: Path) -> None:
    path = output_path(tmp_path, Job("us-ny", "zh-Hans", "booklet"), ".pdf")
    assert path == tmp_path.resolve() / "us-ny" / "zh-Hans" / "booklet.pdf"


def test_a_link_inside_the_folder_cannot_lead_a_write_outside(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "acme").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(BookletError, match="not written: a link leads outside"):
        write_atomic(out / "acme" / "us" / "card.pdf", b"x", within=out)
    assert list(elsewhere.iterdir()) == []


def test_write_errors_name_the_file_and_the_fix(tmp_path: Path) -> None:
    (tmp_path / "booklet.pdf").mkdir()
    with pytest.raises(BookletError, match=r"booklet\.pdf: cannot write: a folder has this name"):
        write_atomic(tmp_path / "booklet.pdf", b"x", within=tmp_path)
    (tmp_path / "us").write_bytes(b"")
    with pytest.raises(BookletError, match="a file stands where a folder should be"):
        write_atomic(tmp_path / "us" / "booklet.pdf", b"x", within=tmp_path)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_temporaries_of_dead_processes_are_cleaned(tmp_path: Path) -> None:
    dead = tmp_path / ".booklet.pdf.p999999999.abc123.part"  # no such process
    legacy = tmp_path / ".booklet.pdf.k2j4h5g6.part"  # before process ids were in the name
    live = tmp_path / f".booklet.pdf.p{os.getpid()}.abc123.part"
    other = tmp_path / ".card.pdf.p999999999.abc123.part"
    for path in (dead, legacy, live, other):
        path.write_bytes(b"half")
    write_atomic(tmp_path / "booklet.pdf", b"new", within=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["booklet.pdf", live.name, other.name])
