"""Uploaded files: checked by their content, kept under names the studio chooses.

A logo must really be a PNG or an SVG image and at most ``MAX_LOGO_BYTES`` (the ``--org``
rule); it is stored as ``logo.png`` or ``logo.svg`` in the session's folder, never under
the name the browser sent. An ``org.yaml`` is parsed with the project's safe YAML reader
(no aliases, size limit) and never stored.
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from booklet.limits import YAML_BYTES as MAX_BYTES
from booklet.load.yamlfile import YamlError, parse_yaml
from booklet.validate.org import MAX_LOGO_BYTES, PNG_MAGIC

LOGO_NAMES = ("logo.png", "logo.svg")
MAX_ORG_BYTES = MAX_BYTES


class UploadRefused(ValueError):
    """An upload that is not what it should be; the message says why in plain words."""


def logo_kind(data: bytes) -> str:
    """``png`` or ``svg`` from the bytes themselves; raise ``UploadRefused`` otherwise."""
    if len(data) > MAX_LOGO_BYTES:
        raise UploadRefused(f"the logo is {len(data) // 1024} KiB, "
                            f"over the {MAX_LOGO_BYTES // 1024} KiB limit")
    if data.startswith(PNG_MAGIC):
        return "png"
    head = data[:4096].lstrip()
    if b"<svg" in head and head.startswith((b"<?xml", b"<svg", b"<!--")):
        return "svg"
    raise UploadRefused("the logo is not a PNG or SVG image")


def store_logo(folder: Path, data: bytes) -> str:
    """Keep a checked logo in ``folder`` as ``logo.png``/``logo.svg``; return that name."""
    name = f"logo.{logo_kind(data)}"
    for old in LOGO_NAMES:
        (folder / old).unlink(missing_ok=True)
    (folder / name).write_bytes(data)
    return name


def read_org_yaml(data: bytes) -> dict[str, Any]:
    """The mapping in an uploaded ``org.yaml``; raise ``UploadRefused`` with the reason."""
    if len(data) > MAX_ORG_BYTES:
        raise UploadRefused(f"the file is over the {MAX_ORG_BYTES // 1024} KiB limit")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadRefused("the file is not UTF-8 text") from exc
    try:
        doc = parse_yaml(text, Path("org.yaml"))
    except YamlError as exc:
        raise UploadRefused(str(exc.problem)) from exc
    if not isinstance(doc.data, dict):
        raise UploadRefused("the file does not hold clinic details (name: …, phone: …)")
    return doc.data


def org_yaml(stamp: dict[str, str], logo: str | None) -> bytes:
    """The stamp as an ``org.yaml`` that ``booklet build --org`` reads back."""
    data: dict[str, Any] = {}
    for key, value in stamp.items():
        if "\n" in value:
            data[key] = LiteralScalarString(value.rstrip("\n") + "\n")
        else:
            data[key] = DoubleQuotedScalarString(value)  # never misread: 0123, 9:30, NO
    if logo is not None:
        data["logo"] = logo
    yaml = YAML()
    yaml.width = 100
    out = StringIO()
    out.write("# Clinic details for the stamp: booklet build --org org.yaml"
              + (f" (keep {logo} in this folder)" if logo else "") + "\n")
    yaml.dump(data, out)
    return out.getvalue().encode("utf-8")
