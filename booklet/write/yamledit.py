"""Change a YAML file without rewriting it: comments, quotes, flow lists and line layout stay.

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
