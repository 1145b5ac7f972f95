"""Outputs are replaced in one step and never leave the output folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from booklet.errors import BookletError
from booklet.models.job import Job
from booklet.write.atomic import FILE_MODE, output_path, write_atomic


def test_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "us" / "en" / "booklet.pdf"
    write_atomic(target, b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in target.parent.iterdir()] == ["booklet.pdf"]
    assert target.stat().st_mode & 0o777 == FILE_MODE  # readable as the umask allows, not 0600


class Interrupted(BaseException):
    """Stands in for Ctrl-C arriving mid-write."""


def test_an_interrupted_write_keeps_the_previous_file(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "booklet.pdf"
    write_atomic(target, b"previous good file")

    def interrupt(fd: int) -> None:
        raise Interrupted

    monkeypatch.setattr("os.fsync", interrupt)
    with pytest.raises(Interrupted):
        write_atomic(target, b"half a PDF")
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
