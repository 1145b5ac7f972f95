"""Forms generated from a model's JSON Schema, and the posted values read back into data.

The schema is the one ``booklet schema`` prints, so a field added to the model (with its
docstring) appears in the form with its description as help text, without changing the
studio. What each schema shape becomes:

- a string → a text box (a long one → a text area), an ``enum`` → a choice list, a
  ``format: date`` → a date box, a boolean → a checkbox, a list of strings → a text box of
  comma-separated values;
- localized text (a string, or a mapping from language to string) → one box per language
  of the region;
- a list of objects of several kinds told apart by ``type`` (a discriminated union) → a
  group per item with a choice of kind and the fields of every kind, each marked with the
  kinds it belongs to, plus one empty group to add an item; a list of objects of one kind →
  the same groups without the choice (an item left empty is dropped);
- anything else (a nested object) is shown as it is, read-only, and kept on save
  (``opaque_keys``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from booklet.models.common import LANG_TAG

LONG_TEXT = 300
"""Strings allowed to be longer than this get a text area."""


@dataclass
class Widget:
    """One input of a generated form."""

    name: str
    """The form field's name: the data path joined with dots (``channels.0.number``)."""
    path: str
    """Where errors for it are reported: the data path without the language."""
    label: str
    help: str
    kind: str
    """text, textarea, select, date, number, checkbox, list or readonly."""
    value: str = ""
    options: tuple[str, ...] = ()
    required: bool = False
    lang: str = ""
    kinds: tuple[str, ...] = ()
    """For a field of a union item: the kinds (``type`` values) it belongs to."""
    first: bool = True
    """False for the second and later language boxes of one text (errors show on the first)."""


@dataclass
class Group:
    """The widgets of one item of a list of objects."""

    name: str
    label: str
    help: str
    index: int
    kinds: tuple[str, ...]
    kind: str
    widgets: list[Widget] = field(default_factory=list)


@dataclass
class Form:
    """A generated form: plain widgets and item groups, in the schema's order."""

    parts: list[Widget | Group]


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str):
        return _resolve(schema, schema["$defs"][ref.rsplit("/", 1)[-1]])
    return node


def _options(schema: dict[str, Any], node: dict[str, Any]) -> list[dict[str, Any]]:
    """The non-null alternatives of a property (``anyOf``/``oneOf``), resolved."""
    node = _resolve(schema, node)
    members = node.get("anyOf") or node.get("oneOf") or [node]
    return [_resolve(schema, m) for m in members if m.get("type") != "null"]


def shape(schema: dict[str, Any], node: dict[str, Any]) -> str:
    """What a property is: text, local, enum, date, int, bool, strings, union-list or other."""
    options = _options(schema, node)
    types = [o.get("type") for o in options]
    if types == ["string", "object"]:
        return "local"
    if len(options) != 1:
        return "other"
    only = options[0]
    if "enum" in only:
        return "enum"
    if only.get("format") == "date":
        return "date"
    if only.get("type") == "boolean":
        return "bool"
    if only.get("type") == "integer":
        return "int"
    if only.get("type") == "array":
        items = _options(schema, only.get("items", {}))
        if all(i.get("type") == "object" for i in items) and items:
            return "union-list"
        return "strings"
    return "text" if only.get("type") == "string" else "other"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _widgets(schema: dict[str, Any], key: str, node: dict[str, Any], value: Any, prefix: str,
             required: bool, langs: tuple[str, ...], kinds: tuple[str, ...] = ()) -> list[Widget]:
    kind = shape(schema, node)
    name = f"{prefix}{key}"
    label = str(node.get("title") or key)
    help_ = str(node.get("description") or "")
    if kind == "local":
        texts = value if isinstance(value, dict) else ({langs[0]: value} if value else {})
        shown = [*langs, *(lang for lang in texts if lang not in langs)]
        return [Widget(f"{name}.{lang}", name, label, help_ if i == 0 else "", "text",
                       _text(texts.get(lang)), required=required and i == 0, lang=lang, kinds=kinds,
                       first=i == 0)
                for i, lang in enumerate(shown)]
    if kind == "enum":
        choices = tuple(str(c) for c in _options(schema, node)[0]["enum"])
        return [Widget(name, name, label, help_, "select", _text(value), choices, required, kinds=kinds)]
    if kind == "other":
        as_json = "" if value is None else json.dumps(value, ensure_ascii=False, default=str)
        return [Widget(name, name, label, help_, "readonly", as_json, kinds=kinds)]
    simple = {"date": "date", "int": "number", "bool": "checkbox", "strings": "list"}.get(kind)
    if simple is None:
        limit = _options(schema, node)[0].get("maxLength", 0) if kind == "text" else 0
        simple = "textarea" if limit > LONG_TEXT else "text"
    return [Widget(name, name, label, help_, simple, _text(value), required=required, kinds=kinds)]


def _members(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each kind of a list's items (its ``type`` values; "" for items of one kind without a
    ``type``) and the schema it follows."""
    found = {}
    for member in _options(schema, _options(schema, node)[0]["items"]):
        tag = member.get("properties", {}).get("type", {})
        for kind in tag.get("enum") or [tag.get("const", "")]:
            found[str(kind)] = member
    return found


def opaque_keys(schema: dict[str, Any]) -> list[str]:
    """Top-level keys the form shows but cannot edit: a save keeps their values as they were."""
    return [key for key, node in schema["properties"].items() if shape(schema, node) == "other"]


def _group(schema: dict[str, Any], key: str, node: dict[str, Any], index: int, item: dict[str, Any],
           langs: tuple[str, ...]) -> Group:
    members = _members(schema, node)
    name = f"{key}.{index}"
    group = Group(name, str(node.get("title") or key), str(node.get("description") or ""), index,
                  tuple(members), str(item.get("type", "")))
    seen: dict[str, list[Widget]] = {}
    for kind, member in members.items():
        for prop, sub in member["properties"].items():
            if prop == "type":
                continue
            if prop in seen:  # a field several kinds share (a phone's and a TTY's number)
                for widget in seen[prop]:
                    widget.kinds = (*widget.kinds, kind)
                continue
            seen[prop] = _widgets(schema, prop, sub, item.get(prop), f"{name}.",
                                  prop in member.get("required", ()), langs, (kind,))
            group.widgets += seen[prop]
    return group


def build_form(schema: dict[str, Any], data: dict[str, Any], langs: tuple[str, ...]) -> Form:
    """The form for ``schema`` (an object), filled with ``data``; localized text in ``langs``."""
    parts: list[Widget | Group] = []
    required = set(schema.get("required", ()))
    for key, node in schema["properties"].items():
        if shape(schema, node) == "union-list":
            items = [i for i in data.get(key, []) if isinstance(i, dict)]
            parts += [_group(schema, key, node, n, item, langs) for n, item in enumerate([*items, {}])]
        else:
            parts += _widgets(schema, key, node, data.get(key), "", key in required, langs)
    return Form(parts)


def _read(schema: dict[str, Any], key: str, node: dict[str, Any], form: dict[str, str], prefix: str,
          langs: tuple[str, ...]) -> Any:
    """One property's value from the posted fields, or None when left empty."""
    kind = shape(schema, node)
    name = f"{prefix}{key}"
    if kind == "local":
        posted = [k.removeprefix(f"{name}.") for k in form if k.startswith(f"{name}.")]
        order = [*langs, *sorted(lang for lang in posted if LANG_TAG.fullmatch(lang) and lang not in langs)]
        filled = {lang: form.get(f"{name}.{lang}", "").strip() for lang in order}
        filled = {lang: text for lang, text in filled.items() if text}
        if not filled:
            return None
        return filled[langs[0]] if list(filled) == [langs[0]] else filled
    if kind == "other":  # not editable here: kept as it was (``opaque_keys``)
        return None
    raw = form.get(name, "").strip()
    if kind == "bool":
        return raw == "1"
    if not raw:
        return None
    if kind == "strings":
        return [part.strip() for part in raw.split(",") if part.strip()]
    if kind == "date":
        try:
            return date.fromisoformat(raw)
        except ValueError:
            return raw
    if kind == "int":  # a number the schema then checks; anything else is left for it to refuse
        return int(raw) if raw.isdecimal() and len(raw) < 10 else raw
    return raw


def read_form(schema: dict[str, Any], form: dict[str, str], langs: tuple[str, ...]) -> dict[str, Any]:
    """The data the posted ``form`` describes, keys in the schema's order, empty ones left out."""
    data: dict[str, Any] = {}
    for key, node in schema["properties"].items():
        if shape(schema, node) == "union-list":
            data[key] = _read_items(schema, key, node, form, langs)
            continue
        value = _read(schema, key, node, form, "", langs)
        if value is not None and value is not False:
            data[key] = value
    return data


def _read_items(schema: dict[str, Any], key: str, node: dict[str, Any], form: dict[str, str],
                langs: tuple[str, ...]) -> list[dict[str, Any]]:
    members = _members(schema, node)
    items = []
    index = 0
    while f"{key}.{index}.type" in form:
        kind = form[f"{key}.{index}.type"].strip()
        if kind in members:
            item: dict[str, Any] = {"type": kind} if kind else {}
            for prop, sub in members[kind]["properties"].items():
                if prop == "type":
                    continue
                value = _read(schema, prop, sub, form, f"{key}.{index}.", langs)
                if value is not None and value is not False:
                    item[prop] = value
            if item:
                items.append(item)
        index += 1
    return items
