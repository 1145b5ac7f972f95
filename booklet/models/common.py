"""Types shared by every data file: codes, language tags, URLs and localized text."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictStr

REGION_CODE = re.compile(r"^[a-z]{2}(-[a-z0-9]{1,3})?$")
LANG_TAG = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
URL = re.compile(r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:[0-9]{1,5})?(/[^\s<>\"'`]*)?$")


class Model(BaseModel):
    """Base of every data model: unknown keys are errors and strings are never coerced.
    Field docstrings describe the fields in the JSON Schema (``booklet.models.docs``)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _matches(pattern: re.Pattern[str], what: str, example: str) -> AfterValidator:
    def check(value: str) -> str:
        if not pattern.fullmatch(value):
            raise ValueError(f"{value!r} is not a valid {what} (for example {example})")
        return value

    return AfterValidator(check)


RegionCode = Annotated[
    StrictStr, _matches(REGION_CODE, "region code", "'us', 'us-ny' or 'gb': lower case ISO 3166")
]
LangTag = Annotated[
    StrictStr, _matches(LANG_TAG, "BCP 47 language tag", "'en', 'es-419' or 'zh-Hans'")
]
Slug = Annotated[StrictStr, _matches(SLUG, "id", "'samhsa-helpline': lower case, digits, dashes")]
HttpsUrl = Annotated[
    StrictStr, _matches(URL, "https URL", "'https://findtreatment.gov'"), Field(max_length=300)
]
Text = Annotated[StrictStr, Field(min_length=1, max_length=600)]
LocalText = Text | dict[LangTag, Text]
"""Text in one language for all, or a mapping from language tag to text."""

IsoDate = Annotated[date, Field(strict=False)]
Status = Literal["verified", "secondary", "unverified"]
Paper = Literal["letter", "a4"]


class Reference(Model):
    """A source the printed text or data rests on."""

    org: Text
    """The organisation that published it, e.g. 'National Institute on Drug Abuse'."""
    title: Text
    """The page or document title."""
    url: HttpsUrl
    """Where to read it."""
    lang: LangTag = "en"
    """The language of its organization and title, for screen readers (default English)."""
    when: list[Annotated[StrictStr, Field(pattern=r"^[a-z][a-z-]{1,40}$")]] = []
    """Print it only for regions whose facts name one of these ids (a drug-supply threat, a
    medicine, a syringe-services term or a law: xylazine, syringe-services-programs …); the
    source of text that prints only there. Empty: everywhere."""
    supports: list[Annotated[StrictStr, Field(min_length=1, max_length=40)]] = []
    """Claims with a number that this source backs up, as the English text prints them:
    ["1 in 4", "50 times"]. `booklet check` fails a claim with a number in a section that
    none of the section's references supports."""
    seen_in: HttpsUrl | None = None
    """Where it was read, when only a copy was (a news story, a mirror, a page quoting it) and
    not the organization's own page at ``url``: `booklet check` warns until someone reads
    that page and removes this."""
