"""Validate an organization (``--org org.yaml`` or one batch CSV row) into an ``Org``.

Problems name ``file:line`` and the field, like region data. A logo is a file name, never
a path: it must be a PNG or SVG directly in the folder of the file that names it, at most
``MAX_LOGO_BYTES``, and really be what its suffix says. Only that folder is added to the
renderer's allowed asset folders.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from booklet.errors import Problem, ProblemsFound
from booklet.limits import IMAGE_PIXELS, LOGO_BYTES
from booklet.load.files import Unreadable, read_bytes
from booklet.load.yamlfile import YamlDoc, YamlError, load_yaml
from booklet.models.org import COUNTRY, OrgFile
from booklet.validate.schema import validate_doc

MAX_LOGO_BYTES = LOGO_BYTES
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Org:
    """A validated organization, with its logo file checked and fingerprinted."""

    data: OrgFile
    logo: Path | None = None
    """The logo's resolved path, inside the folder of the file that named it."""
    logo_sha256: str = ""
    """The logo bytes' digest, so that a changed logo changes the inputs hash."""

    @property
    def asset_roots(self) -> tuple[Path, ...]:
        """The folder the renderer may read the logo from, if there is a logo."""
        return (self.logo.parent,) if self.logo is not None else ()


def _looks_like(data: bytes, suffix: str) -> bool:
    if suffix == ".png":
        return data.startswith(PNG_MAGIC)
    return not data.startswith(PNG_MAGIC) and b"<svg" in data[:4096]


def _png_pixels(data: bytes) -> int:
    """Width × height from a PNG's header (its IHDR chunk), without decoding it."""
    if len(data) < 24 or data[12:16] != b"IHDR":
        return 0
    width, height = struct.unpack(">II", data[16:24])
    return int(width) * int(height)


def check_logo(doc: YamlDoc, name: str) -> tuple[Path, str] | Problem:
    """Resolve the logo ``name`` in the folder of ``doc``; return the path and digest or a problem."""
    folder = doc.path.parent.resolve()
    path = folder / name
    where = ("logo",)
    if not (path.exists() or path.is_symlink()):
        return doc.problem(where, f"no file {name!r} next to {doc.path.name}",
                                 "put the logo in the same folder and name it here")
    try:
        data = read_bytes(path, MAX_LOGO_BYTES, root=folder)
    except Unreadable as exc:
        return doc.problem(where, f"{name!r} {exc.problem.message}", exc.problem.hint)
    if not _looks_like(data, path.suffix.lower()):
        return doc.problem(where, f"{name!r} is not a {path.suffix[1:].upper()} image",
                                 "export the logo as PNG or SVG")
    if _png_pixels(data) > IMAGE_PIXELS:
        return doc.problem(where, f"{name!r} has {_png_pixels(data):,} pixels, over the limit of "
                                  f"{IMAGE_PIXELS:,}", "export the logo smaller, e.g. 1000 pixels wide")
    return path.resolve(), hashlib.sha256(data).hexdigest()


def _short(problem: Problem) -> Problem:
    """A too-short phone is not a short code to write as a region channel: say so plainly."""
    if problem.field != "phone" or "short code" not in problem.message:
        return problem
    written = problem.message.split(" is a short code")[0]
    return replace(problem, message=f"{written} is too short for a phone number",
                   hint="write the full number with its area code")


def org_country(data: Any, default: str) -> str:
    """The country the phone number is read for: the org's own, else ``default``."""
    own = data.get("country") if isinstance(data, dict) else None
    return own if isinstance(own, str) and COUNTRY.fullmatch(own) else default


def validate_org(doc: YamlDoc, country: str) -> tuple[Org | None, list[Problem]]:
    """Validate an organization document; ``country`` reads a phone without a country code."""
    model, problems = validate_doc(doc, OrgFile, {"country": org_country(doc.data, country)})
    if model is None:
        return None, [_short(p) for p in problems]
    if model.logo is None:
        return Org(model), []
    logo = check_logo(doc, model.logo)
    if isinstance(logo, Problem):
        return None, [logo]
    return Org(model, *logo), []


def load_org(path: Path, countries: list[str]) -> Org:
    """Read and validate ``--org FILE`` for the countries being built; raise every problem."""
    try:
        doc = load_yaml(path)
    except YamlError as exc:
        raise ProblemsFound([exc.problem]) from exc
    if not isinstance(doc.data, dict) or "country" not in doc.data:
        mixed = sorted(set(countries))
        if len(mixed) > 1:
            raise ProblemsFound([doc.problem((), f"the build covers several countries ({', '.join(mixed)})"
                                             " and the phone number's country is not given",
                                             "add country: with a two-letter code, e.g. country: US")])
    org, problems = validate_org(doc, countries[0] if countries else "US")
    if org is None:
        raise ProblemsFound(problems)
    return org
