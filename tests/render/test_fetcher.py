"""The URL fetcher serves project assets only, and a refused URL stops the render."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from booklet.render.fetcher import MAX_ASSET_BYTES, AssetFetcher


@pytest.fixture
def assets(tmp_path: Path) -> Path:
    folder = tmp_path / "styles"
    folder.mkdir()
    (folder / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    return folder


def test_serves_files_under_the_asset_folders(assets: Path) -> None:
    response = AssetFetcher([assets]).fetch((assets / "logo.svg").as_uri())
    assert response.read().startswith(b"<svg")
    assert response.content_type == "image/svg+xml"


@pytest.mark.parametrize("url", [
    "http://example.org/x.css",
    "https://example.org/x.png",
    "ftp://example.org/x",
    "data:text/css,body{}",
    "file:///etc/passwd",
    "file://otherhost/etc/passwd",
])
def test_refuses_everything_else(assets: Path, url: str) -> None:
    fetcher = AssetFetcher([assets])
    with pytest.raises(ValueError, match="refused"):
        fetcher.fetch(url)
    assert fetcher.refused and fetcher.refused[0].startswith(url[:20])


def test_refuses_a_path_that_climbs_out(assets: Path) -> None:
    with pytest.raises(ValueError, match="outside"):
        AssetFetcher([assets]).fetch(assets.as_uri() + "/../../../etc/passwd")


def test_refuses_oversized_files(assets: Path) -> None:
    (assets / "huge.png").write_bytes(b"\0" * (MAX_ASSET_BYTES + 1))
    with pytest.raises(ValueError, match="over the 4096 KiB limit"):
        AssetFetcher([assets]).fetch((assets / "huge.png").as_uri())


@pytest.mark.parametrize(("name", "text"), [
    ("sections/heroin.html.j2", '<h2>x</h2><img src="file:///etc/hostname" alt="">'),
    ("sections/heroin.html.j2", '<h2>x</h2><img src="http://169.254.169.254/latest" alt="">'),
    ("styles/base.css", "@import url(http://example.org/evil.css);"),
    ("styles/base.css", "body { background: url(file:///etc/hostname) }"),
    ("styles/booklet.css", "body { background: url(data:image/png;base64,AAAA) }"),
])
def test_blocked_references_fail_the_build_and_write_nothing(
        make_project: Callable[..., Path], run_cli: Callable[..., Result], tmp_path: Path,
        shipped: Path, name: str, text: str) -> None:
    if name.endswith(".css"):  # the hostile line first, then the shipped rules (fonts included)
        text += "\n" + (shipped / name).read_text(encoding="utf-8")
    folder = make_project({name: text})
    result = run_cli("build", "--project", str(folder), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "blocked a reference to" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.pdf"))
