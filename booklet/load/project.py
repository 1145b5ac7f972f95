"""Find the project folder and resolve files by name through the layer chain.

A project is a folder with a ``booklet.toml``; it is found by walking up from the working
folder to the nearest one (as git and Quarto do), so any folder inside a project works.
Its ``regions/``, ``sections/``, ``styles/`` and ``locales/`` override the shipped ones
file by file (as Pelican and Sphinx themes do); its ``assets/`` hold images for templates.
Names are validated before they touch a path; a file that resolves outside its layer (a
symlink pointing elsewhere) or is not a regular file is refused (``booklet.load.files``).
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from booklet.errors import BookletError, Problem, ProblemsFound, display_path
from booklet.limits import NESTING, TOML_BYTES
from booklet.load.files import Unreadable, confine, open_regular, read_text
from booklet.models.content import ProjectConfig

Kind = Literal["regions", "sections", "styles", "locales", "assets"]
CONFIG_NAME = "booklet.toml"
LONG_NUMBER = re.compile(r"[0-9_]{4000,}")
TOML_WHERE = re.compile(r" \(at line ([0-9]+), column [0-9]+\)$")
SAFE_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}$")
log = logging.getLogger(__name__)


def shipped_root() -> Path:
    """The content shipped with the package (inside a wheel, or the clone's top folder)."""
    package = Path(__file__).resolve().parent.parent
    packed = package / "_shipped"
    return packed if packed.is_dir() else package.parent


def check_name(name: str, what: str = "file name") -> str:
    """Return ``name`` if it is a safe relative name (``a/b.css``); raise otherwise."""
    parts = name.split("/")
    if not all(SAFE_PART.fullmatch(p) and ".." not in p for p in parts):
        raise BookletError(
            f"{what} {name!r} is not allowed: use letters, digits, '.', '_' and '-' "
            "(no '..', no absolute paths)"
        )
    return name


@dataclass(frozen=True)
class Project:
    """Where content comes from: the user's folder first, then the shipped content."""

    layers: tuple[Path, ...]
    config: ProjectConfig
    home: Path | None = None
    """The project folder (the one with ``booklet.toml``); None for the shipped content
    used without a project."""

    @property
    def shipped(self) -> Path:
        """The shipped (last) layer."""
        return self.layers[-1]

    def folders(self, kind: Kind) -> list[Path]:
        """The ``kind`` folders that exist, user's first."""
        return [layer / kind for layer in self.layers if (layer / kind).is_dir()]

    def find(self, kind: Kind, name: str) -> Path | None:
        """The first file called ``name`` in the ``kind`` folders, or None.

        A file found must resolve inside its own layer (the project folder, or the shipped
        content) and be a regular file; anything else is refused, not skipped.
        """
        check_name(name)
        for layer in self.layers:
            candidate = layer / kind / name
            if candidate.is_symlink() or candidate.exists():
                confine(candidate, layer)
                open_regular(candidate).close()
                return candidate
        return None

    def names(self, kind: Kind, suffix: str) -> list[str]:
        """Stems of every ``*suffix`` file directly in the ``kind`` folders, sorted."""
        found = {
            p.name.removesuffix(suffix)
            for folder in self.folders(kind)
            for p in folder.iterdir()
            if p.name.endswith(suffix) and SAFE_PART.fullmatch(p.name) and p.is_file()
        }
        return sorted(found)


def _line_where(text: str, found: Callable[[str, int], bool]) -> int | None:
    """The first line of ``text`` for which ``found(line, depth)`` holds; ``depth`` is the most
    brackets open at any point of the line (roughly: strings are not skipped)."""
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        deepest = depth
        for char in line:
            depth += (char in "[{") - (char in "]}")
            deepest = max(deepest, depth)
        if found(line, deepest):
            return number
    return None


def _parse_toml(text: str, name: str) -> dict[str, object]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = TOML_WHERE.search(str(exc))
        raise Unreadable(Problem(name, int(where[1]) if where else None, "",
                                 f"TOML syntax: {TOML_WHERE.sub('', str(exc))}",
                                 "check the quotes and brackets on that line")) from exc
    except RecursionError as exc:
        line = _line_where(text, lambda _, depth: depth > NESTING)
        raise Unreadable(Problem(name, line, "", "nested too deep",
                                 f"use at most {NESTING} levels of lists and tables")) from exc
    except ValueError as exc:
        line = _line_where(text, lambda line, _: bool(LONG_NUMBER.search(line)))
        raise Unreadable(Problem(name, line, "", f"a value cannot be read: {exc}"[:160],
                                 "quote it if it is text")) from exc


def _read_config(path: Path) -> ProjectConfig:
    name = display_path(path)
    text = read_text(path, TOML_BYTES, root=path.parent)
    data = _parse_toml(text, name)
    try:
        return ProjectConfig.model_validate(data)
    except ValidationError as exc:
        raise ProblemsFound(
            Problem(name, _key_line(text, e["loc"]), ".".join(map(str, e["loc"])),
                    e["msg"].removeprefix("Value error, "))
            for e in exc.errors()
        ) from exc


def _key_line(text: str, loc: tuple[str | int, ...]) -> int | None:
    """The line that sets the top-level key ``loc[0]`` (TOML parsers keep no lines)."""
    key = re.escape(str(loc[0])) if loc else ""
    return _line_where(text, lambda line, _: bool(re.match(rf"\s*{key}\s*=", line))) if key else None


def find_project(start: Path) -> Path | None:
    """The nearest folder from ``start`` upwards that holds a ``booklet.toml``, or None."""
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return None


def open_project(folder: Path | None = None) -> Project:
    """The project at ``folder``, else the nearest one from the working folder up, else the
    shipped content alone (said in one line on the log)."""
    shipped = shipped_root()
    found = folder
    if folder is None:
        found = find_project(Path.cwd().resolve())
        if found is None:
            log.info("no booklet.toml here or in a folder above: using the content shipped with "
                     "booklet (start a project with: booklet init)")
        folder = found or shipped
    elif not folder.is_dir():
        raise BookletError(f"--project {str(folder)!r}: no such folder")
    config_file = folder / CONFIG_NAME
    found_config = config_file.is_symlink() or config_file.exists()
    config = _read_config(config_file) if found_config else ProjectConfig()
    layers = (folder.resolve(), shipped.resolve())
    home = folder.resolve() if found is not None and found_config else None
    return Project(tuple(dict.fromkeys(layers)), config, home)


def default_out(project: Project, name: str = "out") -> Path:
    """Where outputs go without ``--out``: ``out/`` in the project folder, or in the working
    folder when there is no project."""
    return (project.home or Path.cwd()) / name
