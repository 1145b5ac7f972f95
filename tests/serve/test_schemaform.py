"""Region forms generated from the schema: every shipped helpline survives form and back, and
a save through ruamel keeps the file's comments and untouched values as written."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import pytest
import yaml
from pydantic import Field, StrictStr

from booklet.load.project import shipped_root
from booklet.models.common import IsoDate, Model
from booklet.models.docs import attribute_docs, json_schema
from booklet.models.region import Helpline
from booklet.serve import schemaform
from booklet.serve.schemaform import Group
from booklet.write import yamledit

SCHEMA = json_schema(Helpline)
SHIPPED = sorted((shipped_root() / "regions").glob("*.yaml"))


def _posted(form: schemaform.Form) -> dict[str, str]:
    """What a browser posts for the form as generated (checkboxes only when ticked)."""
    fields: dict[str, str] = {}
    for part in form.parts:
        widgets = part.widgets if isinstance(part, Group) else [part]
        if isinstance(part, Group):
            fields[f"{part.name}.type"] = part.kind
        fields |= {w.name: w.value for w in widgets if w.kind != "checkbox" or w.value}
    return fields


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_helpline_round_trips_through_its_form(path: Path) -> None:
    data = yamledit.load_mapping(path.read_text(encoding="utf-8"))  # as the studio reads it
    langs = tuple(data.get("languages") or ("en", "es"))
    for line in data.get("helplines", []):
        form = schemaform.build_form(SCHEMA, line, langs)
        back = schemaform.read_form(SCHEMA, _posted(form), langs)
        country = {"context": {"country": data["code"][:2].upper()}}
        assert Helpline.model_validate(back, **country) == Helpline.model_validate(line, **country)


def test_help_text_comes_from_the_schema_descriptions() -> None:
    form = schemaform.build_form(SCHEMA, {}, ("en",))
    helps = {p.name: p.help for p in form.parts if not isinstance(p, Group)}
    assert helps["source"] == attribute_docs(Helpline)["source"]
    widgets = [w for p in form.parts for w in (p.widgets if isinstance(p, Group) else [p])]
    assert {w.kind for w in widgets} >= {"text", "date", "select", "list"}


def test_a_round_trip_save_keeps_comments_and_the_untouched_values() -> None:
    text = ('# top comment\ncode: us-zz\nhelplines:\n  # the line\n  - id: a-line\n'
            '    name: {en: A Line}\n    channels:\n      - {type: phone, number: "718-555-0199"}  # desk\n'
            '    hours: "24/7"\n    priority: 3\n')
    data = yamledit.load_mapping(text)
    line = dict(yaml.safe_load(text)["helplines"][0])
    line |= {"hours": "9:30", "name": "A Better Line", "priority": 1}
    yamledit.put_helpline(data, 0, line)
    saved = yamledit.dump(data)
    assert "# top comment" in saved and "# the line" in saved and "# desk" in saved
    assert '{type: phone, number: "718-555-0199"}' in saved
    assert 'hours: "9:30"' in saved and "name: {en: A Better Line}" in saved
    assert "priority: 1" in saved
    assert yaml.safe_load(saved)["helplines"][0]["hours"] == "9:30"


class _Record(Model):
    """A verification record, as the schema may hold them after ``booklet verify``."""

    on: IsoDate
    """When it was verified."""
    by: Annotated[StrictStr, Field(min_length=1)]
    """Who verified it."""


class _Where(Model):
    """A nested object the form cannot edit."""

    city: StrictStr


class _Line(Model):
    """A helpline-like model with a list of one kind of object and a nested object."""

    id: StrictStr
    """Its id."""
    records: list[_Record] = []
    """Every verification, oldest first."""
    where: _Where | None = None
    """Where it is."""


def test_the_form_follows_a_schema_change() -> None:
    schema = json_schema(_Line)
    data = {"id": "a", "records": [{"on": date(2026, 11, 1), "by": "Ana"}], "where": {"city": "Lima"}}
    form = schemaform.build_form(schema, data, ("en",))
    groups = [p for p in form.parts if isinstance(p, Group)]
    assert [g.kinds for g in groups] == [("",), ("",)], "one record and an empty one to add"
    assert {w.name: w.help for w in groups[0].widgets} == {"records.0.on": "When it was verified.",
                                                           "records.0.by": "Who verified it."}
    posted = _posted(form) | {"records.1.on": "2026-11-20", "records.1.by": "Ben"}
    back = schemaform.read_form(schema, posted, ("en",))
    assert back["records"] == [{"on": date(2026, 11, 1), "by": "Ana"},
                               {"on": date(2026, 11, 20), "by": "Ben"}]
    assert schemaform.opaque_keys(schema) == ["where"] and "where" not in back
