"""Field docstrings become the JSON Schema's descriptions, read when a schema is made."""

from __future__ import annotations

from pydantic import StrictStr

from booklet.models.common import Model
from booklet.models.docs import attribute_docs, json_schema


class _Base(Model):
    """A base with one documented field and one without."""

    name: StrictStr
    """Its name."""
    note: StrictStr = ""


class _Part(Model):
    """A nested model."""

    size: int = 0
    """How big it is."""


class _Whole(_Base):
    """A subclass that documents a field of its own and one again."""

    name: StrictStr
    """Its name, as printed."""
    parts: list[_Part] = []
    """Its parts, in order."""
    extra: _Part | None = None


def test_a_field_is_described_by_the_docstring_of_the_class_that_declares_it_last() -> None:
    assert attribute_docs(_Whole) == {"name": "Its name, as printed.", "parts": "Its parts, in order."}
    schema = json_schema(_Whole)
    props = schema["properties"]
    assert props["name"]["description"] == "Its name, as printed."
    assert props["parts"]["description"] == "Its parts, in order."
    assert "description" not in props["note"] and "description" not in props["extra"]
    assert schema["$defs"]["_Part"]["properties"]["size"]["description"] == "How big it is."
    assert schema["description"] == "A subclass that documents a field of its own and one again."


def test_models_do_not_read_their_source_when_defined() -> None:
    assert _Whole.model_fields["name"].description is None
    assert not _Whole.model_config.get("use_attribute_docstrings")
