"""Shared fixtures: throw-away projects, the CLI, and readers for real PDFs."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner, Result

from booklet.cli import cli
from booklet.load.project import shipped_root

ROOTS = Path(__file__).parent / "roots"
EPOCH = "1796083200"  # 2026-12-01T00:00:00Z: the date every test build "runs" on


@pytest.fixture(scope="session", autouse=True)
def _cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Font subsets and character maps go to a throw-away cache, never the user's."""
    old = os.environ.get("BOOKLET_CACHE_DIR")
    os.environ["BOOKLET_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("BOOKLET_CACHE_DIR", None)
    else:
        os.environ["BOOKLET_CACHE_DIR"] = old


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """No wall clock in tests: builds take their date from SOURCE_DATE_EPOCH."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")


@pytest.fixture
def shipped() -> Path:
    """The shipped content folder."""
    return shipped_root()


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Create a project folder: ``make_project({"regions/xx.yaml": "..."}, root="name")``.

    ``root`` copies ``tests/roots/<root>`` first; ``files`` are then written over it.
    """

    def make(files: dict[str, str] | None = None, root: str | None = None) -> Path:
        folder = tmp_path / "project"
        if root is not None:
            shutil.copytree(ROOTS / root, folder)
        folder.mkdir(exist_ok=True)
        if not (folder / "booklet.toml").exists():
            (folder / "booklet.toml").write_text('name = "test"\n', encoding="utf-8")
        for name, text in (files or {}).items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return folder

    return make


@pytest.fixture
def run_cli(tmp_path: Path) -> Callable[..., Result]:
    """Run the CLI in-process from ``tmp_path`` (or ``cwd``); returns click's Result."""

    def run(*args: str, cwd: Path | None = None) -> Result:
        old = Path.cwd()
        os.chdir(cwd or tmp_path)
        try:
            return CliRunner().invoke(cli, list(args), catch_exceptions=False)
        finally:
            os.chdir(old)

    return run


def pdf_text(path: Path, page: int | None = None) -> str:
    """Text a reader would copy from the PDF (poppler's pdftotext)."""
    args = ["pdftotext", "-enc", "UTF-8"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def pdf_fonts(path: Path) -> list[tuple[str, bool]]:
    """(font name, embedded?) for every font in the PDF, from poppler's pdffonts."""
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    rows = out.splitlines()[2:]
    return [(row.split()[0], row.split()[-5] == "yes") for row in rows]


def page_sizes_mm(path: Path) -> list[tuple[float, float]]:
    """Width and height of each page in millimetres, rounded to 0.1."""
    with pikepdf.open(path) as pdf:
        return [(round(float(p.mediabox[2] - p.mediabox[0]) * 25.4 / 72, 1),
                 round(float(p.mediabox[3] - p.mediabox[1]) * 25.4 / 72, 1)) for p in pdf.pages]


@pytest.fixture
def tree_snapshot() -> Callable[[Path], dict[str, bytes]]:
    """Every file under a folder with its bytes, to prove nothing changed."""

    def snap(folder: Path) -> dict[str, bytes]:
        return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
                if p.is_file()} if folder.exists() else {}

    return snap


@pytest.fixture(scope="session")
def default_booklet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The default booklet (us/en/booklet) built once with the real CLI into a temp folder."""
    out = tmp_path_factory.mktemp("default")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    result = CliRunner(env=env).invoke(cli, ["build", "--project", str(shipped_root()),
                                             "--out", str(out), "--html"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    yield out / "us" / "en" / "booklet.pdf"


@pytest.fixture(scope="session")
def every_format(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """us/en in every format, with --impose, built once; returns the us/en output folder."""
    out = tmp_path_factory.mktemp("formats")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    args = ["build", "--project", str(shipped_root()), "--out", str(out), "--impose", "--jobs", "1",
            "-f", "booklet", "-f", "large-print", "-f", "trifold", "-f", "card"]
    result = CliRunner(env=env).invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out / "us" / "en"


@pytest.fixture(scope="session")
def stamped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """us/en in every format, and us/es tri-fold with its HTML, with the organization stamp of
    tests/roots/org/org.yaml, built once; returns the us folder."""
    out = tmp_path_factory.mktemp("org")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    common = ["build", "--project", str(shipped_root()), "--out", str(out), "--jobs", "2",
              "--org", str(ROOTS / "org" / "org.yaml")]
    for args in (["-f", "booklet", "-f", "large-print", "-f", "trifold", "-f", "card"],
                 ["-l", "es", "-f", "trifold", "--html"]):
        result = CliRunner(env=env).invoke(cli, [*common, *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    return out / "us"


# Issue 16: the shipped content as a reader and a print shop get it, built once per session.
SHIPPED_LANGS = ("en", "es", "fr", "ar", "zh-Hans")
"""Every shipped language; region us has them all."""


def _build_once(out: Path, *args: str) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    result = CliRunner(env=env).invoke(cli, ["build", "--project", str(shipped_root()), "--out",
                                             str(out), "--jobs", "2", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="session")
def shipped_matrix(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every shipped booklet (all regions and their languages, with HTML), and us in every
    language in the other formats; returns the output folder."""
    out = tmp_path_factory.mktemp("shipped")
    _build_once(out, "--all", "-f", "booklet", "--html")
    _build_once(out, "-r", "us", *[a for lang in SHIPPED_LANGS for a in ("-l", lang)],
                "-f", "large-print", "-f", "trifold", "-f", "card")
    return out


@pytest.fixture(scope="session")
def print_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """us in English and Arabic as a print shop gets it (--pdfx --bleed 3mm --impose), in the
    booklet, tri-fold and card formats; returns the us folder."""
    out = tmp_path_factory.mktemp("pdfx")
    _build_once(out, "-r", "us", "-l", "en", "-l", "ar", "-f", "booklet", "-f", "trifold",
                "-f", "card", "--impose", "--bleed", "3mm", "--pdfx")
    return out / "us"
