"""Edit one helpline in a region file and keep everything else as it was written.

The file is read with ruamel.yaml's round-trip loader, so comments, key order, quoting and
flow style survive. Values that did not change keep their original form; changed strings
are quoted whenever the project's YAML 1.1 reader (PyYAML) would otherwise read them as
something else (``0123``, ``9:30``, ``NO``).
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString


def _yaml() -> YAML:
    rt = YAML()
    rt.preserve_quotes = True
    rt.width = 100
    rt.indent(mapping=2, sequence=4, offset=2)
    return rt


def load(text: str) -> CommentedMap:
    """The file's top-level mapping, with its comments."""
    data = _yaml().load(text)
    if not isinstance(data, CommentedMap):
        raise ValueError("the region file does not hold a mapping")
    return data


def dump(data: CommentedMap) -> str:
    """The edited file as text."""
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def _misread(text: str) -> bool:
    """Whether PyYAML (YAML 1.1) would read this plain string as something else."""
    try:
        return bool(yaml.safe_load(text) != text)
    except yaml.YAMLError:
        return True


def node(value: Any, flow: bool = False) -> Any:
    """``value`` as ruamel nodes: maps and lists commented, risky strings quoted."""
    if isinstance(value, dict):
        mapping = CommentedMap((k, node(v, True)) for k, v in value.items())
        if flow and all(not isinstance(v, dict | list) for v in value.values()):
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, list):
        seq = CommentedSeq(node(v, True) for v in value)
        if all(isinstance(v, str) for v in value):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and "\n" not in value and _misread(value):
        return DoubleQuotedScalarString(value)
    return value


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, date) or isinstance(new, date):
        return str(old) == str(new)
    return bool(old == new)


def merge(target: CommentedMap, new: dict[str, Any]) -> None:
    """Make ``target`` hold ``new``, touching only what changed."""
    for key in [k for k in target if k not in new]:
        del target[key]
    for key, value in new.items():
        old = target.get(key)
        if isinstance(old, dict) and len(old) == 1 and isinstance(value, str):
            value = {next(iter(old)): value}  # keep the file's shape: {en: …} stays a mapping
        if key in target and _same(old, value):
            continue
        if isinstance(value, dict) and isinstance(old, CommentedMap):
            merge(old, value)
        elif isinstance(value, list) and isinstance(old, CommentedSeq) \
                and all(isinstance(v, dict) for v in value):
            _merge_items(old, value)
        else:
            target[key] = node(value)


def _merge_items(target: CommentedSeq, new: list[dict[str, Any]]) -> None:
    for index, value in enumerate(new):
        if index < len(target) and isinstance(target[index], CommentedMap):
            merge(target[index], value)
        elif index < len(target):
            target[index] = node(value, True)
        else:
            target.append(node(value, True))
    del target[len(new):]


def put_helpline(data: CommentedMap, index: int | None, line: dict[str, Any]) -> int:
    """Replace helpline ``index`` (or add one when None) with ``line``; return its index."""
    lines = data.get("helplines")
    if not isinstance(lines, CommentedSeq):
        lines = CommentedSeq()
        data["helplines"] = lines
    if index is None or index >= len(lines):
        lines.append(node(line))
        return len(lines) - 1
    if isinstance(lines[index], CommentedMap):
        merge(lines[index], line)
    else:
        lines[index] = node(line)
    return index
