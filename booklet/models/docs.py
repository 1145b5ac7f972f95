"""JSON Schema of a data model, with each field's docstring as its description.

Pydantic can read attribute docstrings itself (``use_attribute_docstrings``), but it does so
for every model class at import, by reading and parsing the class's source: ~30 ms of
every command, for descriptions that only ``booklet schema`` and the studio's forms show.
So they are read here, when a schema is made: the string literal right after a field's
annotation, in the class that declares the field (a subclass's own docstring wins).
"""

from __future__ import annotations

import ast
import inspect
import sys
from functools import cache
from itertools import pairwise
from typing import Any

from pydantic import BaseModel


@cache
def _classes(module: str) -> dict[str, ast.ClassDef]:
    """The classes defined at the top of ``module``'s source, by name (none when the module
    was installed without its source: the schema then has no field descriptions)."""
    try:
        tree = ast.parse(inspect.getsource(sys.modules[module]))
    except (OSError, TypeError):
        return {}
    return {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}


def attribute_docs(model: type[BaseModel]) -> dict[str, str]:
    """Each field's docstring, by field name, from ``model`` and the models it extends."""
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if not issubclass(cls, BaseModel) or cls is BaseModel:
            continue
        node = _classes(cls.__module__).get(cls.__name__)
        body = node.body if node is not None else []
        for field, after in pairwise(body):
            if (isinstance(field, ast.AnnAssign) and isinstance(field.target, ast.Name)
                    and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                    and isinstance(after.value.value, str)):
                docs[field.target.id] = inspect.cleandoc(after.value.value)
    return docs


def _models(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """``model`` and every model its fields hold, at any depth, by class name (the names
    the schema's ``$defs`` use)."""
    found: dict[str, type[BaseModel]] = {}
    todo: list[Any] = [model]
    while todo:
        item = todo.pop()
        if isinstance(item, type) and issubclass(item, BaseModel):
            if item.__name__ in found:
                continue
            found[item.__name__] = item
            todo.extend(field.annotation for field in item.model_fields.values())
        todo.extend(getattr(item, "__args__", ()))
    return found


def _describe(node: dict[str, Any], model: type[BaseModel]) -> None:
    properties = node.get("properties", {})
    for name, doc in attribute_docs(model).items():
        field = model.model_fields.get(name)
        key = (field.alias or name) if field is not None else name
        if key in properties:
            properties[key].setdefault("description", doc)


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """``model.model_json_schema()`` with the fields' docstrings as their descriptions."""
    schema = model.model_json_schema()
    models = _models(model)
    _describe(schema, model)
    for name, node in schema.get("$defs", {}).items():
        if name in models:
            _describe(node, models[name])
    return schema
