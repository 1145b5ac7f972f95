"""Schema of ``locales/<lang>/review.yaml``: how far a clinic can trust a translation."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictStr, model_validator

from booklet.models.common import IsoDate, Model

Name = Annotated[StrictStr, Field(min_length=1, max_length=200)]
DOMAIN = "booklet"
"""The gettext domain: ``locales/<lang>/LC_MESSAGES/booklet.po`` and ``locales/booklet.pot``."""
SOURCE = "en"
"""The language the templates are written in."""


def catalog_name(lang: str) -> str:
    """The language's catalog, relative to ``locales/``."""
    return f"{lang}/LC_MESSAGES/{DOMAIN}.po"


class TranslationReview(Model):
    """Who wrote a language's text and whether a fluent health worker has reviewed it."""

    status: Literal["source", "draft", "reviewed"]
    """source (the original text), draft (not yet reviewed) or reviewed."""
    translated_by: Name
    """Who wrote the translation, e.g. 'booklet maintainers'."""
    reviewed_by: Name | None = None
    """Who reviewed it: name and role, e.g. 'A. Pérez, community health worker'."""
    reviewed_on: IsoDate | None = None
    """When the review was finished (YYYY-MM-DD)."""
    revision: Annotated[StrictStr, Field(pattern=r"^[0-9a-f]{12}$")] | None = None
    """The catalog revision that was reviewed, as ``booklet i18n status`` prints it; a later
    change to the translations shows as "reviewed, then changed"."""
    notes: Annotated[StrictStr, Field(max_length=1000)] | None = None
    """Anything a clinic should know, e.g. which sections still need review."""

    @model_validator(mode="after")
    def _reviewed_needs_who_and_when(self) -> TranslationReview:
        if self.status == "reviewed" and (self.reviewed_by is None or self.reviewed_on is None):
            raise ValueError("a reviewed translation needs reviewed_by and reviewed_on")
        return self

    def changed_since_review(self, revision: str) -> bool:
        """Whether the catalog at ``revision`` is not the one the review recorded."""
        return self.status == "reviewed" and self.revision is not None and self.revision != revision

    def label(self, revision: str | None = None) -> str:
        """Short status for summaries: 'draft', 'reviewed 2026-11-01 by …[, then changed]'."""
        if self.status != "reviewed":
            return self.status
        changed = ", then changed" if revision and self.changed_since_review(revision) else ""
        return f"reviewed {self.reviewed_on} by {self.reviewed_by}{changed}"
