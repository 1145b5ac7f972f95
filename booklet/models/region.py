"""Schema of ``regions/<code>.yaml``: a region's defaults and its helplines.

Phone numbers are parsed with ``phonenumbers`` for the region's country (passed in the
validation context as ``country``), stored in E.164 and printed the way people dial them
there. Short codes and SMS short codes are channel types of their own, never phone numbers.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

import phonenumbers
from phonenumbers import shortnumberinfo
from pydantic import AfterValidator, Field, StrictBool, StrictStr, ValidationInfo, model_validator

from booklet.models.common import (
    HttpsUrl,
    LangTag,
    LocalText,
    Model,
    Paper,
    Reference,
    RegionCode,
    Slug,
)
from booklet.models.facts import LegalProtection, Medicines, Supply, SyringeServices
from booklet.models.verification import Verified

SHORT_CODE = re.compile(r"^[0-9]{3,4}( ?[0-9]{2,4})?$")
NANP_DISPLAY = re.compile(r"^\+1(\d{3})(\d{3})(\d{4})$")


def _country(info: ValidationInfo) -> str:
    return str((info.context or {}).get("country", "US"))


def parse_phone(value: str, info: ValidationInfo) -> str:
    """Parse a written phone number for the region's country and return it in E.164."""
    country = _country(info)
    try:
        number = phonenumbers.parse(value, country)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(f"{value!r} is not a phone number ({exc})") from exc
    if phonenumbers.is_valid_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    found = len(phonenumbers.national_significant_number(number))
    if found <= 6 and not value.startswith("+"):
        raise ValueError(f"{value!r} is a short code, not a phone number; write it as "
                         f"{{type: short-code, code: \"{value}\"}} (or as a text channel's 'to')")
    written = len(re.sub(r"\D", "", value))
    raise ValueError(f"{value!r} is not a valid {country} phone number ({written} digits); "
                     "check for a missing or extra digit")


def display_phone(e164: str) -> str:
    """Print an E.164 number as people dial it in its own country.

    In the NANP toll-free numbers keep the leading 1 (1-800-662-4357) and other numbers
    are written as ten digits (717-216-0905); elsewhere the national format is used.
    """
    number = phonenumbers.parse(e164)
    nanp = NANP_DISPLAY.match(e164)
    if nanp:
        toll_free = phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.TOLL_FREE
        return ("1-" if toll_free else "") + "{}-{}-{}".format(*nanp.groups())
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL))


def check_short_code(value: str, info: ValidationInfo) -> str:
    """Refuse a short code that cannot be dialled in the region's country (wrong length)."""
    country = _country(info)
    number = phonenumbers.parse(value.replace(" ", ""), country)
    if not shortnumberinfo.is_possible_short_number_for_region(number, country):
        raise ValueError(f"{value!r} is not a possible {country} short code; check the digits")
    return value


def check_emergency(value: str, info: ValidationInfo) -> str:
    """Refuse an emergency number that is not one in the region's country."""
    country = _country(info)
    if not shortnumberinfo.is_emergency_number(value, country):
        raise ValueError(f"{value!r} is not an emergency number in {country} "
                         "(for example 911 in the US, 999 in the UK, 000 in Australia)")
    return value


def parse_sms_target(value: str, info: ValidationInfo) -> str:
    """Keep an SMS short code as written; parse anything longer as a phone number."""
    if SHORT_CODE.fullmatch(value) or re.fullmatch(r"[0-9]{4,7}", value):
        return check_short_code(value, info)
    return parse_phone(value, info)


def check_written(written: str | None, e164: str) -> None:
    """Refuse a ``written`` form whose digits are not those of the number it shows."""
    if written is None or not e164.startswith("+"):
        return
    national = re.sub(r"\D", "", display_phone(e164))
    if re.sub(r"\D", "", written) != national:
        raise ValueError(f"written {written!r} does not have the digits of {display_phone(e164)!r}; "
                         "write the same number, grouped as the organization prints it")


PhoneNumber = Annotated[StrictStr, AfterValidator(parse_phone)]
Written = Annotated[StrictStr, Field(pattern=r"^[0-9][0-9 -]{2,30}$")]
EmergencyNumber = Annotated[StrictStr, Field(pattern=r"^[0-9]{3,5}$"), AfterValidator(check_emergency)]


class _Dialled(Model):
    number: PhoneNumber
    """The number as people write it in the region, quoted: "1-800-662-4357"."""
    written: Written | None = None
    """How the organization groups the digits, when that differs from the usual national
    grouping, e.g. "0477 13 11 14"; printed as it is. The digits must be the same."""

    @model_validator(mode="after")
    def _written_matches(self) -> _Dialled:
        check_written(self.written, self.number)
        return self

    @property
    def display(self) -> str:
        """The number formatted for print."""
        return self.written or display_phone(self.number)

    @property
    def href(self) -> str:
        """A ``tel:`` link."""
        return f"tel:{self.number}"


class Phone(_Dialled):
    """A voice phone number, validated for the region's country."""

    type: Literal["phone"]
    label: LocalText | None = None
    """What this number is for when a line has several, e.g. 'Montréal'."""


class Tty(_Dialled):
    """A TTY (text telephone) number for people who are deaf or hard of hearing."""

    type: Literal["tty"]


class ShortCode(Model):
    """A short dialling code such as 988, 111, 116 123 or 1737; not a phone number."""

    type: Literal["short-code"]
    code: Annotated[StrictStr, Field(pattern=SHORT_CODE.pattern), AfterValidator(check_short_code)]
    """The code as dialled, quoted: "988", "116 123"."""
    text: StrictBool = False
    """True when the same code also takes text messages."""
    label: LocalText | None = None
    """A short note printed beside it, e.g. how to reach it in another language."""

    @property
    def display(self) -> str:
        """The code as printed."""
        return self.code

    @property
    def href(self) -> str:
        """A ``tel:`` link."""
        return "tel:" + self.code.replace(" ", "")


class Sms(Model):
    """Send a text message (SMS) to a short code or a phone number."""

    type: Literal["text"]
    to: Annotated[StrictStr, AfterValidator(parse_sms_target)]
    """The short code ("467369") or phone number ("717-216-0905") to text, quoted."""
    keyword: Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9]{2,20}$")] | None = None
    """A literal word to send, printed as is: HOPENY."""
    message: LocalText | None = None
    """What to send, described in words, e.g. 'your ZIP code'."""
    label: LocalText | None = None
    """A short note printed beside it, e.g. that texts are answered in English only."""
    written: Written | None = None
    """How the organization groups a phone number's digits, when that differs from the
    usual national grouping, e.g. "0477 13 11 14"; printed as it is. Same digits."""

    @model_validator(mode="after")
    def _written_matches(self) -> Sms:
        check_written(self.written, self.to)
        return self

    @property
    def display(self) -> str:
        """The code or number as printed."""
        if self.written:
            return self.written
        return display_phone(self.to) if self.to.startswith("+") else self.to

    @property
    def href(self) -> str:
        """An ``sms:`` link."""
        return "sms:" + self.to.replace(" ", "")


class Web(Model):
    """A web page: information, a locator or a chat."""

    type: Literal["web", "chat"]
    url: HttpsUrl
    """The https address."""

    @property
    def display(self) -> str:
        """The address as printed, without the scheme."""
        return self.url.removeprefix("https://").rstrip("/")

    @property
    def href(self) -> str:
        """The link target."""
        return self.url


class Email(Model):
    """An email address."""

    type: Literal["email"]
    address: Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")]
    """The address: jo@samaritans.org."""

    @property
    def display(self) -> str:
        """The address as printed."""
        return self.address

    @property
    def href(self) -> str:
        """A ``mailto:`` link."""
        return f"mailto:{self.address}"


Channel = Annotated[Phone | Tty | ShortCode | Sms | Web | Email, Field(discriminator="type")]


class Helpline(Verified):
    """One service people can contact, with every check of its details."""

    id: Slug
    """Stable id; a sub-region entry with the same id replaces the parent's."""
    name: LocalText
    """The service's own name."""
    offers: LocalText
    """What it offers, in one plain sentence."""
    channels: Annotated[list[Channel], Field(min_length=1)]
    """How to reach it: phone, tty, short-code, text, web, chat or email."""
    hours: LocalText
    """When it answers, quoted: "24/7" or "Mon–Fri 9:30–17:00"."""
    languages: list[LangTag] = []
    """Languages it answers in, as BCP 47 tags."""
    cost: LocalText
    """What it costs the caller, e.g. "free"."""
    source: HttpsUrl
    """The organization's page with these details: where the next check should look."""
    priority: Annotated[int, Field(ge=1, le=9)] = 5
    """1 (most important) to 9: the wallet card has room for two lines and takes the lowest
    numbers, in the order of the data when equal; a region's own main line is usually 1."""
    note: Annotated[StrictStr, Field(max_length=600)] | None = None
    """Internal remark for maintainers; never printed."""


class Locator(Verified):
    """An online service finder, printed with a QR code."""

    name: LocalText
    """Its name, e.g. 'FindTreatment.gov'."""
    url: HttpsUrl
    """Its https address."""
    source: HttpsUrl
    """The page that gives this address: where the next check should look."""


class RegionFile(Model):
    """One ``regions/<code>.yaml`` file; a sub-region leaves out what it inherits."""

    code: RegionCode
    """Lower-case ISO 3166 code, the same as the file name: 'us', 'us-ny'."""
    parent: RegionCode | None = None
    """The region this one inherits from; its helplines are merged by id."""
    name: LocalText | None = None
    """Display name, per language."""
    paper: Paper | None = None
    """Office paper size: 'letter' (US, Canada, Mexico) or 'a4'."""
    emergency: Annotated[list[EmergencyNumber], Field(min_length=1)] | None = None
    """Emergency numbers, quoted, the first printed largest: ["911"]."""
    languages: Annotated[list[LangTag], Field(min_length=1)] | None = None
    """Languages the handout is offered in here, first the main one."""
    naloxone: LocalText | None = None
    """How to get naloxone in this region (and in what form), one or two plain sentences."""
    naloxone_source: Reference | None = None
    """The page the naloxone sentence comes from; printed among the help section's references."""
    supply: Supply | None = None
    """Drugs in the local supply to warn about, with their source."""
    medicines: Medicines | None = None
    """Medicines supplied here, with their source; sections leave out the others."""
    syringe_services: SyringeServices | None = None
    """What syringe services are called here, with their source."""
    legal_protection: LegalProtection | None = None
    """A law that may protect people who call for help, with its source; without it, the
    handout says nothing about the law."""
    locator: Locator | None = None
    """The online treatment locator for this region."""
    date_format: Literal["short", "medium", "long"] | None = None
    """How dates are printed (Babel format name, localized per language)."""
    variants: dict[LangTag, LangTag] | None = None
    """The variant of a language printed here, e.g. {en: en-GB}: the English handout uses
    the en-GB catalog (British spelling and terms) and is tagged en-GB."""
    helplines: list[Helpline] = []
    """Helplines added here, or replacing the parent's by id."""
    remove: list[Slug] = []
    """Ids of inherited helplines that do not serve this region."""
