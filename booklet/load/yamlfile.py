"""Read YAML safely and remember where every value came from.

PyYAML's safe loader still follows aliases (billion laughs) and keeps the last of two
equal keys; both are refused here. Files are read through ``booklet.load.files`` (regular
files only, at most ``MAX_BYTES``); nesting deeper than ``NESTING`` levels and values that
cannot be built (``2026-02-30``, a 5000-digit integer) are problems at their line.
Type checking is left to the schema: this module only records the line of every value so
that a schema error can name ``file:line``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from booklet.errors import Problem, display_path
from booklet.limits import NESTING
from booklet.limits import YAML_BYTES as MAX_BYTES
from booklet.load.files import Unreadable, decode_utf8, read_bytes

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class YamlDoc:
    """A parsed YAML file: its data, its path and the line of every value by location."""

    path: Path
    data: Any
    lines: dict[Loc, int]

    @property
    def name(self) -> str:
        """The file's name as shown in messages."""
        return display_path(self.path)

    def line_of(self, loc: Loc) -> int | None:
        """Line of the value at ``loc``, or of its nearest recorded parent."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return None

    def problem(self, loc: Loc, message: str, hint: str = "", severity: str = "error") -> Problem:
        """A problem located at ``loc`` in this file."""
        return Problem(
            self.name, self.line_of(loc), format_loc(loc), message, hint,
            "warning" if severity == "warning" else "error",
        )


class YamlError(Exception):
    """The file could not be read as safe YAML; carries a ready ``Problem``."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def format_loc(loc: Loc) -> str:
    """``("helplines", 0, "name")`` → ``helplines[0].name``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class _NoAliasLoader(yaml.SafeLoader):
    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.MarkedYAMLError(
                problem="anchors and aliases (&name, *name) are not allowed",
                problem_mark=event.start_mark,
            )
        if self.depth >= NESTING:
            raise yaml.MarkedYAMLError(problem=f"nested more than {NESTING} levels deep",
                                       problem_mark=event.start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Build one value; a value YAML reads but Python refuses is a problem at its line."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as exc:
            raise yaml.MarkedYAMLError(problem=f"{_value(node)}: {exc}"[:200],
                                       problem_mark=node.start_mark) from exc


def _value(node: yaml.Node) -> str:
    text = str(node.value) if isinstance(node, yaml.ScalarNode) else node.tag
    return f"cannot read {text[:40]!r}" + ("…" if len(text) > 40 else "")


def _libyaml_node(text: str) -> tuple[bool, yaml.Node | None]:
    """``(True, node tree)`` composed by libyaml's C parser (~10x faster, same marks), or
    ``(False, None)`` when PyYAML lacks libyaml or the text has an anchor, an alias or an
    error: the Python loader then decides and words the error as always."""
    if not getattr(yaml, "__with_libyaml__", False):
        return False, None
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return False, None
        loader = yaml.CSafeLoader(text)
        try:
            return True, loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError:
        return False, None


def _record(node: yaml.Node, loc: Loc, lines: dict[Loc, int], name: str) -> None:
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                line = key_node.start_mark.line + 1
                raise YamlError(Problem(name, line, format_loc((*loc, key)), "this key appears twice",
                                        "keep one of the two entries"))
            seen.add(key)
            _record(value_node, (*loc, key), lines, name)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record(item, (*loc, index), lines, name)


def load_yaml(path: Path) -> YamlDoc:
    """Parse ``path`` as safe YAML without aliases; raise ``YamlError`` on any failure."""
    try:
        text = decode_utf8(read_bytes(path, MAX_BYTES), path)
    except Unreadable as exc:
        raise YamlError(exc.problem) from exc
    return parse_yaml(text, path)


def parse_yaml(text: str, path: Path) -> YamlDoc:
    """Parse YAML ``text`` that came from ``path``."""
    name = display_path(path)
    try:
        loader = _NoAliasLoader(text)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. NUL
        where = text.count("\n", 0, exc.position) + 1
        raise YamlError(Problem(name, where, "", f"character U+{exc.character:04X} is not allowed in YAML",
                                "remove it; save the file as plain UTF-8 text")) from exc
    try:
        fast, node = _libyaml_node(text)
        if not fast:
            node = loader.get_single_node()
        lines: dict[Loc, int] = {}
        if node is not None:
            _record(node, (), lines, name)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        raise YamlError(Problem(name, line, "", f"YAML syntax: {exc.problem}", _hint(exc))) from exc
    except RecursionError as exc:
        raise YamlError(Problem(name, None, "", "nested too deep",
                                f"use at most {NESTING} levels of lists and mappings")) from exc
    except yaml.YAMLError as exc:
        raise YamlError(Problem(name, None, "", f"YAML syntax: {exc}")) from exc
    finally:
        loader.dispose()
    return YamlDoc(path, data, lines)


def _hint(exc: yaml.MarkedYAMLError) -> str:
    if isinstance(exc.__cause__, ValueError | OverflowError):
        return "quote it if it is text; write dates as YYYY-MM-DD with a real day"
    if "nested more than" in str(exc.problem):
        return f"use at most {NESTING} levels of lists and mappings"
    return "check indentation and quotes on that line"
