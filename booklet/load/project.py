"""Find the project folder and resolve files by name through the layer chain.

A project is a folder with a ``booklet.toml``. Its ``regions/``, ``sections/``, ``styles/``
and ``locales/`` override the shipped ones file by file (as Pelican and Sphinx themes do).
Names are validated before they touch a path, and a file that resolves outside its layer
(a symlink pointing elsewhere) is refused.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from booklet.errors import BookletError, Problem, ProblemsFound, display_path
from booklet.models.content import ProjectConfig

Kind = Literal["regions", "sections", "styles", "locales"]
CONFIG_NAME = "booklet.toml"
SAFE_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}$")


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

    @property
    def shipped(self) -> Path:
        """The shipped (last) layer."""
        return self.layers[-1]

    def folders(self, kind: Kind) -> list[Path]:
        """The ``kind`` folders that exist, user's first."""
        return [layer / kind for layer in self.layers if (layer / kind).is_dir()]

    def find(self, kind: Kind, name: str) -> Path | None:
        """The first file called ``name`` in the ``kind`` folders, or None."""
        check_name(name)
        for folder in self.folders(kind):
            candidate = folder / name
            if candidate.is_file():
                if not candidate.resolve().is_relative_to(folder.resolve()):
                    raise BookletError(f"{display_path(candidate)} points outside {folder.name}/")
                return candidate
        return None

    def names(self, kind: Kind, suffix: str) -> list[str]:
        """Stems of every ``*suffix`` file directly in the ``kind`` folders, sorted."""
        found = {
            p.name.removesuffix(suffix)
            for folder in self.folders(kind)
            for p in folder.iterdir()
            if p.name.endswith(suffix) and SAFE_PART.fullmatch(p.name)
        }
        return sorted(found)


def _read_config(path: Path) -> ProjectConfig:
    name = display_path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise BookletError(f"{name}: cannot read project file: {exc}") from exc
    try:
        return ProjectConfig.model_validate(data)
    except ValidationError as exc:
        raise ProblemsFound(
            Problem(name, None, ".".join(map(str, e["loc"])), e["msg"]) for e in exc.errors()
        ) from exc


def open_project(folder: Path | None = None) -> Project:
    """The project at ``folder``, else the working folder if it has a booklet.toml, else
    the shipped content alone."""
    shipped = shipped_root()
    if folder is None:
        folder = Path.cwd() if (Path.cwd() / CONFIG_NAME).is_file() else shipped
    elif not folder.is_dir():
        raise BookletError(f"--project {folder}: no such folder")
    config_file = folder / CONFIG_NAME
    config = _read_config(config_file) if config_file.is_file() else ProjectConfig()
    layers = (folder.resolve(), shipped.resolve())
    return Project(tuple(dict.fromkeys(layers)), config)
