from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from booklet.errors import BookletError
from booklet.load.project import check_name, open_project


@pytest.mark.parametrize("name", ["../etc/passwd", "/etc/passwd", "a/../../b", "", ".hidden", "a\\b",
                                  "us\x00.yaml"])
def test_unsafe_names_are_refused(name: str) -> None:
    with pytest.raises(BookletError, match="not allowed"):
        check_name(name)


def test_user_files_override_shipped_ones_by_name(make_project: Callable[..., Path]) -> None:
    folder = make_project({"styles/base.css": "/* mine */"})
    project = open_project(folder)
    assert project.find("styles", "base.css") == folder.resolve() / "styles" / "base.css"
    assert project.find("styles", "booklet.css") == project.shipped / "styles" / "booklet.css"


def test_config_defaults_come_from_booklet_toml(make_project: Callable[..., Path]) -> None:
    folder = make_project({"booklet.toml": 'region = "us"\nlanguage = "en"\nformats = ["large-print"]\n'})
    assert open_project(folder).config.formats == ["large-print"]


def test_bad_config_names_the_key(make_project: Callable[..., Path]) -> None:
    folder = make_project({"booklet.toml": 'region = "USA"\n'})
    with pytest.raises(BookletError, match=r"booklet\.toml:1: region: .USA. is not"):
        open_project(folder)


def test_symlink_out_of_the_project_is_refused(make_project: Callable[..., Path], tmp_path: Path) -> None:
    secret = tmp_path / "secret.css"
    secret.write_text("body {}", encoding="utf-8")
    folder = make_project({"styles/keep.css": ""})
    (folder / "styles" / "base.css").symlink_to(secret)
    with pytest.raises(BookletError, match="points outside"):
        open_project(folder).find("styles", "base.css")


def test_missing_project_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(BookletError, match="no such folder"):
        open_project(tmp_path / "nope")
