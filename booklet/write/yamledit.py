"""Change a YAML file without rewriting it: comments, quotes, flow lists and line layout stay.

Used by ``booklet verify`` (append a record), ``booklet i18n add -r`` (a region's languages)
and the studio's region editor (add or change one helpline, touching only what changed).

ruamel.yaml's round trip reads the file into commented containers and writes it back the
same way (the shipped region files come back byte for byte); only the added item is new.
Values are written so that PyYAML, which reads these files as YAML 1.1, reads them back as
the same strings: ``yes``, ``no``, ``on`` or ``0123`` get quotes.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import date
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from booklet.errors import BookletError
from booklet.load.yamlfile import Loc, format_loc


def _round_trip() -> YAML:
    handler = YAML(typ="rt")
    handler.preserve_quotes = True
    handler.width = 4096  # never re-wrap a long line
    handler.indent(mapping=2, sequence=4, offset=2)
    return handler


def _scalar(value: str | date) -> Any:
    """A value as written: quoted when YAML 1.1 would read the plain text as something else."""
    if not isinstance(value, str):
        return value
    try:
        plain = yaml.safe_load(value) == value
    except yaml.YAMLError:
        plain = False
    return value if plain else DoubleQuotedScalarString(value)


def _load(handler: YAML, text: str) -> Any:
    try:
        return handler.load(text)
    except YAMLError as exc:
        raise BookletError(f"cannot edit: YAML the round-trip reader refuses ({exc})") from exc


def _dump(handler: YAML, data: Any) -> str:
    out = io.StringIO()
    handler.dump(data, out)
    return out.getvalue()


def append_item(text: str, loc: Loc, item: Mapping[str, str | date]) -> str:
    """``text`` with ``item`` appended to the list at ``loc`` (written as a block list)."""
    handler = _round_trip()
    data = _load(handler, text)
    target: Any = data
    for part in loc:
        target = target[part]
    if not isinstance(target, CommentedSeq):
        raise BookletError(f"cannot edit: {format_loc(loc)} is not a list")
    if not target:
        target.fa.set_block_style()
    target.append(CommentedMap((key, _scalar(value)) for key, value in item.items()))
    return _dump(handler, data)


def load_mapping(text: str) -> CommentedMap:
    """A region file's top-level mapping, with its comments (for a series of edits)."""
    data = _load(_round_trip(), text)
    if not isinstance(data, CommentedMap):
        raise BookletError("cannot edit: the file is not a mapping")
    return data


def dump(data: CommentedMap) -> str:
    """An edited file as text."""
    return _dump(_round_trip(), data)


def set_flow_list(text: str, key: str, values: list[str]) -> str:
    """``text`` with the top-level ``key`` set to ``values``, written as a flow list
    (``languages: [en, es]``); comments and the other keys stay as they are."""
    handler = _round_trip()
    data = _load(handler, text)
    if not isinstance(data, CommentedMap):
        raise BookletError("cannot edit: the file is not a mapping")
    seq = CommentedSeq(_scalar(v) for v in values)
    seq.fa.set_flow_style()
    data[key] = seq
    return _dump(handler, data)


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
    if isinstance(value, str) and "\n" not in value:
        return _scalar(value)
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
