"""Schema of an organization file (``--org org.yaml``) and of a ``booklet batch`` CSV row.

The organization's block is printed in the stamp area of every format. Its phone number is
parsed with ``phonenumbers`` for the org's own ``country`` or, without one, the country of
the region being built (passed in the validation context as ``country``), like region data.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, Field, StrictStr

from booklet.models.common import HttpsUrl, Model
from booklet.models.region import PhoneNumber

LOGO_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}\.(png|svg)$")
COUNTRY = re.compile(r"^[A-Z]{2}$")


def _check_logo_name(value: str) -> str:
    if ".." in value or not LOGO_NAME.fullmatch(value):
        raise ValueError(f"{value!r} is not an allowed logo file name: a .png or .svg file in the "
                         "same folder, named with letters, digits, '.', '_' and '-' (no folders)")
    return value


def _check_country(value: str) -> str:
    if not COUNTRY.fullmatch(value):
        raise ValueError(f"{value!r} is not a country code (two upper-case letters, e.g. US or GB)")
    return value


def _one_line(limit: int) -> Any:
    """A field of one printed line: no line breaks or tabs, not starting with a space."""
    return Field(min_length=1, max_length=limit, pattern=r"^[^\s][^\r\n\t]*$")


class OrgFile(Model):
    """An organization (a clinic, a pharmacy, an outreach team) that hands out the booklet."""

    country: Annotated[StrictStr, AfterValidator(_check_country)] | None = None
    """ISO 3166-1 country of the phone number, e.g. "US"; default: the built region's country."""
    name: Annotated[StrictStr, _one_line(120)]
    """The organization's name as it should print: "Eastside Health Center"."""
    address: Annotated[StrictStr, Field(min_length=1, max_length=240)] | None = None
    """Street address; a line break starts a new printed line."""
    phone: PhoneNumber
    """Phone number, quoted, as written locally: "212-555-0100"; printed with a tel: link."""
    hours: Annotated[StrictStr, _one_line(120)] | None = None
    """Opening hours, quoted: "Mon–Fri 9:00–17:00"."""
    website: HttpsUrl | None = None
    """The https address, printed with a QR code beside it."""
    logo: Annotated[StrictStr, AfterValidator(_check_logo_name)] | None = None
    """A PNG or SVG file (at most 512 KiB) in the same folder as this file: "logo.png"."""
    note: Annotated[StrictStr, Field(min_length=1, max_length=200)] | None = None
    """A short note printed under the contact details: "Walk-ins welcome"."""
