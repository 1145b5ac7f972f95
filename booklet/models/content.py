"""Schemas of the project file ``booklet.toml`` and of ``sections/sections.yaml``."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictStr

from booklet.models.common import IsoDate, LangTag, Model, Reference, RegionCode, Slug

FormatName = Literal["booklet", "large-print"]


class ProjectConfig(Model):
    """``booklet.toml``: marks a folder as a booklet project and sets its defaults."""

    name: Annotated[StrictStr, Field(max_length=100)] = "booklet"
    """A name for the project, shown in messages."""
    region: RegionCode = "us"
    """The region built when no --region is given."""
    language: LangTag = "en"
    """The language built when no --lang is given."""
    formats: Annotated[list[FormatName], Field(min_length=1)] = ["booklet"]
    """The formats built when no --format is given."""


class Section(Model):
    """One section of the handout: its references and when its facts were reviewed."""

    id: Slug
    """Name of the template ``sections/<lang>/<id>.html.j2``."""
    reviewed: IsoDate
    """When someone last checked this section's facts against its references."""
    references: Annotated[list[Reference], Field(min_length=1)]
    """The sources the section rests on, printed in the back matter."""


class SectionIndex(Model):
    """``sections/sections.yaml``: the sections in print order and the edition."""

    edition: Annotated[StrictStr, Field(pattern=r"^[0-9]{4}\.[0-9]{1,2}$")]
    """Edition printed on the back, e.g. "2026.1"."""
    sections: Annotated[list[Section], Field(min_length=1)]
    """Sections in the order they are printed."""
