"""Schemas of ``booklet.toml``, ``sections/sections.yaml`` and ``sections/terms.yaml``."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import re2
from pydantic import Field, StrictStr, field_validator, model_validator

from booklet.models.common import IsoDate, LangTag, Model, Reference, RegionCode, Slug, Text

FormatName = Literal["booklet", "large-print", "trifold", "card"]


class ProjectConfig(Model):
    """``booklet.toml``: marks a folder as a booklet project and sets its defaults."""

    name: Annotated[StrictStr, Field(min_length=1, max_length=100)] | None = None
    """Who makes these handouts, e.g. "Eastside Health Center": printed on the build summary
    and as the author in each PDF's metadata."""
    region: RegionCode = "us"
    """The region built when no --region is given."""
    regions: Annotated[list[RegionCode], Field(min_length=1)] | None = None
    """The only regions this project builds (--region and --all alike), e.g. ["us-tx"].
    Without it, --all builds the project's own regions/ files and the regions they inherit
    from (every shipped region when the project has none of its own)."""
    language: LangTag = "en"
    """The language built when no --lang is given."""
    formats: Annotated[list[FormatName], Field(min_length=1)] = ["booklet"]
    """The formats built when no --format is given."""
    outdated: Literal["english", "previous"] = "english"
    """What prints for a message whose English changed since it was translated (fuzzy in the
    catalog): "english", the current English text tagged as English (the default), or
    "previous", the older translation. Either way the build warns, naming the section."""

    @model_validator(mode="before")
    @classmethod
    def _first_region_by_default(cls, data: Any) -> Any:
        """With ``regions`` and no ``region``, the default region is the first of them."""
        if isinstance(data, dict) and "region" not in data and isinstance(data.get("regions"), list):
            return {**data, "region": data["regions"][0]} if data["regions"] else data
        return data

    @model_validator(mode="after")
    def _region_is_one_of_regions(self) -> ProjectConfig:
        if self.regions is not None and self.region not in self.regions:
            raise ValueError(f"region {self.region!r} is not one of regions {self.regions}")
        return self


class Section(Model):
    """One section of the handout: its references and when its facts were reviewed."""

    id: Slug
    """Name of the section's template, ``sections/<id>.html.j2`` (its English source text)."""
    reviewed: IsoDate
    """When someone last checked this section's facts against its references."""
    references: list[Reference] = []
    """The sources the section rests on, printed in the back matter."""
    regional: bool = False
    """The section's sources are the region's: the pages of its printed helplines and the
    sources of its regional facts are listed after ``references`` (the help section)."""

    @model_validator(mode="after")
    def _has_sources(self) -> Section:
        if not self.references and not self.regional:
            raise ValueError("a section needs references (or regional: true)")
        return self

    @property
    def template(self) -> str:
        """The template name of the section's English source, under ``sections/``."""
        return f"{self.id}.html.j2"


class SectionIndex(Model):
    """``sections/sections.yaml``: the sections in print order and the edition."""

    edition: Annotated[StrictStr, Field(pattern=r"^[0-9]{4}\.[0-9]{1,2}$")]
    """Edition printed on the back, e.g. "2026.1"."""
    sections: Annotated[list[Section], Field(min_length=1)]
    """Sections in the order they are printed."""


class BannedTerm(Model):
    """Words to avoid in print, with what to say instead (NIDA "Words Matter")."""

    words: Annotated[list[Annotated[StrictStr, Field(min_length=1, max_length=80)]], Field(min_length=1)]
    """Every form to catch, matched as whole words: ["addict", "addicts"]."""
    use: Text
    """What to write instead, shown in the report."""
    case_sensitive: bool = False
    """Match the case exactly; for acronyms such as "MAT" that are also ordinary words."""
    severity: Literal["error", "warning"] = "error"
    """"warning" for words allowed once when explained, such as "detox"."""


class WrongClaim(Model):
    """A claim from older material that must not appear, found by a regular expression."""

    pattern: Annotated[StrictStr, Field(min_length=3, max_length=300)]
    """A regular expression in RE2 syntax (no backreferences or lookaround; ``\\b`` is an
    ASCII word boundary), matched case-insensitively within one line of text. RE2 runs in
    linear time, so no pattern can hang ``booklet check``."""
    why: Text
    """Why it is wrong."""
    use: Text
    """What to say instead."""

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        claim_regex(value)
        return value


def claim_regex(pattern: str) -> Any:
    """``pattern`` compiled by RE2, case-insensitive; ``ValueError`` saying why it cannot be."""
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        why = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise ValueError(f"{pattern!r} is not a valid RE2 regular expression ({why}; "
                         "backreferences and lookaround are not supported)") from exc


class LanguageTerms(Model):
    """The terms and claims checked in one language."""

    banned: list[BannedTerm] = []
    """Words to avoid, with replacements."""
    proper_names: list[Text] = []
    """Names printed as they are even if they hold a banned word: "National Institute on Drug Abuse"."""
    wrong_claims: list[WrongClaim] = []
    """Claims that must not appear."""


class TermsFile(Model):
    """``sections/terms.yaml``: what ``booklet check`` refuses in the printed text, per language."""

    languages: dict[LangTag, LanguageTerms]
    """Terms per language tag; a tag such as es-419 also uses the entry for es."""
