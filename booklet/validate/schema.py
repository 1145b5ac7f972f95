"""Turn a parsed YAML document into a typed model, or into located problems.

Pydantic reports where in the data a value failed; the YAML document knows the line of
every value. Messages say what YAML did to an unquoted value (``NO`` became false, ``9:30``
became 570) and how to fix it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from booklet.errors import Problem, Problems
from booklet.load.yamlfile import Loc, YamlDoc, YamlError, load_yaml

M = TypeVar("M", bound=BaseModel)


def _data_loc(loc: tuple[str | int, ...], data: Any) -> Loc:
    """Drop the parts of a pydantic location that are union tags, not keys in the data."""
    kept: list[str | int] = []
    for part in loc:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            continue
        kept.append(part)
    return tuple(kept)


def _explain(error: ErrorDetails) -> tuple[str, str]:
    kind, value = error["type"], error.get("input")
    if kind in ("string_type", "literal_error") and isinstance(value, bool):
        return (f"YAML read an unquoted word as {str(value).lower()}",
                'put the value in quotes, e.g. "NO" or "yes"')
    if kind == "string_type" and isinstance(value, int | float):
        return (f"YAML read an unquoted value as the number {value}",
                'put it in quotes exactly as it should print, e.g. "0800 787 797" or "9:30"')
    if kind == "extra_forbidden":
        return "unknown key", "check the spelling against `booklet schema`"
    if kind == "missing":
        return "required field is missing", "add it; `booklet schema` lists every field"
    if kind in ("date_type", "date_from_datetime_parsing", "date_parsing"):
        return "not a date", "write dates as YYYY-MM-DD, unquoted"
    message = error["msg"].removeprefix("Value error, ")
    return message, ""


def validate_doc(doc: YamlDoc, model: type[M], context: dict[str, Any] | None = None
                 ) -> tuple[M | None, list[Problem]]:
    """Validate ``doc`` against ``model``; return the model or the problems found."""
    try:
        return model.model_validate(doc.data, context=context), []
    except ValidationError as exc:
        # A union (text or per-language mapping) fails once per member: keep the first
        # problem per place, and drop a place when a deeper one explains it.
        first: dict[Loc, Problem] = {}
        for error in exc.errors():
            loc = _data_loc(error["loc"], doc.data)
            if error["type"] == "missing":  # the key is absent, so name it after its parent
                loc = (*loc, error["loc"][-1])
            if loc not in first:
                first[loc] = doc.problem(loc, *_explain(error))
        deepest = [p for loc, p in first.items()
                   if not any(other[:len(loc)] == loc and other != loc for other in first)]
        return None, sorted(deepest)


def read_model(path: Path, model: type[M], problems: Problems,
               context: dict[str, Any] | None = None) -> tuple[M | None, YamlDoc | None]:
    """Read ``path`` and validate it as ``model``; every problem goes to ``problems``."""
    try:
        doc = load_yaml(path)
    except YamlError as exc:
        problems.add(exc.problem)
        return None, None
    value, found = validate_doc(doc, model, context)
    problems.extend(found)
    return value, doc
