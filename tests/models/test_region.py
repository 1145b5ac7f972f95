"""Region schema: numbers parsed per country, short codes and texts as their own channels."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from booklet.models.region import Channel, EmergencyNumber, RegionFile, Sms

CHANNEL: TypeAdapter[Any] = TypeAdapter(Channel)


def channel(data: dict[str, object], country: str = "US") -> Any:
    return CHANNEL.validate_python(data, context={"country": country})


def error_of(data: dict[str, object], country: str = "US") -> str:
    with pytest.raises(ValidationError) as info:
        channel(data, country)
    return str(info.value)


@pytest.mark.parametrize(("country", "written", "stored", "printed"), [
    ("US", "1-800-662-4357", "+18006624357", "1-800-662-4357"),
    ("US", "800-327-5050", "+18003275050", "1-800-327-5050"),
    ("US", "(717) 216 0905", "+17172160905", "717-216-0905"),
    ("CA", "514-527-2626", "+15145272626", "514-527-2626"),
    ("GB", "0300 123 6600", "+443001236600", "0300 123 6600"),
    ("IE", "1800 459 459", "+3531800459459", "1800 459 459"),
    ("AU", "13 11 14", "+61131114", "13 11 14"),
    ("NZ", "0800 787 797", "+64800787797", "0800 787 797"),
    ("MX", "800 911 2000", "+528009112000", "800 911 2000"),
])
def test_phone_numbers_are_stored_e164_and_printed_as_dialled(country: str, written: str,
                                                               stored: str, printed: str) -> None:
    phone = channel({"type": "phone", "number": written}, country)
    assert (phone.number, phone.display, phone.href) == (stored, printed, f"tel:{stored}")


@pytest.mark.parametrize(("country", "written", "digits"), [
    ("US", "1-800-662-435", 10),
    ("US", "1-800-662-43577", 12),
    ("GB", "0300 123 660", 10),
    ("NZ", "09 123 456", 8),
])
def test_wrong_length_numbers_are_refused(country: str, written: str, digits: int) -> None:
    message = error_of({"type": "phone", "number": written}, country)
    assert f"not a valid {country} phone number ({digits} digits)" in message


def test_a_short_code_written_as_a_phone_number_says_which_type_to_use() -> None:
    message = error_of({"type": "phone", "number": "988"})
    assert "is a short code, not a phone number" in message
    assert '{type: short-code, code: "988"}' in message


def test_a_number_is_parsed_for_the_regions_own_country() -> None:
    assert channel({"type": "phone", "number": "0300 123 6600"}, "GB").number == "+443001236600"
    assert "not a valid US phone number" in error_of({"type": "phone", "number": "0300 123 6600"})


@pytest.mark.parametrize(("country", "code", "href"), [
    ("US", "988", "tel:988"), ("GB", "116 123", "tel:116123"), ("GB", "111", "tel:111"),
    ("NZ", "1737", "tel:1737"),
])
def test_short_codes_are_a_channel_of_their_own(country: str, code: str, href: str) -> None:
    short = channel({"type": "short-code", "code": code, "text": True}, country)
    assert (short.display, short.href, short.text) == (code, href, True)


@pytest.mark.parametrize("code", ["98", "1234567", "1 2"])
def test_short_codes_of_a_wrong_shape_are_refused(code: str) -> None:
    error_of({"type": "short-code", "code": code})


def test_sms_short_code_with_a_keyword_is_kept_as_written() -> None:
    sms = channel({"type": "text", "to": "741741", "keyword": "4HOPE"})
    assert isinstance(sms, Sms)
    assert (sms.display, sms.href, sms.keyword) == ("741741", "sms:741741", "4HOPE")


def test_sms_to_a_phone_number_is_parsed_as_one() -> None:
    sms = channel({"type": "text", "to": "0477 13 11 14"}, "AU")
    assert (sms.to, sms.display, sms.href) == ("+61477131114", "0477 131 114", "sms:+61477131114")
    assert "not a valid AU phone number" in error_of({"type": "text", "to": "0477 13 11 1"}, "AU")


def test_keywords_are_single_words() -> None:
    assert "keyword" in error_of({"type": "text", "to": "741741", "keyword": "4 HOPE"})


@pytest.mark.parametrize(("country", "number", "ok"), [
    ("US", "911", True), ("GB", "999", True), ("IE", "112", True), ("AU", "000", True),
    ("NZ", "111", True), ("US", "999", False), ("AU", "911", False), ("US", "988", False),
])
def test_emergency_numbers_must_be_the_countrys_own(country: str, number: str, ok: bool) -> None:
    adapter: TypeAdapter[str] = TypeAdapter(EmergencyNumber)
    if ok:
        assert adapter.validate_python(number, context={"country": country}) == number
    else:
        with pytest.raises(ValidationError, match=f"not an emergency number in {country}"):
            adapter.validate_python(number, context={"country": country})


BASE: dict[str, object] = {"code": "us-xx", "parent": "us"}


@pytest.mark.parametrize(("extra", "says"), [
    ({"languages": ["zh_Hans"]}, "not a valid BCP 47 language tag"),
    ({"languages": ["EN"]}, "not a valid BCP 47 language tag"),
    ({"locator": {"name": "x", "url": "http://x.org", "source": "https://x.org",
                  "verifications": []}}, "not a valid https URL"),
    ({"locator": {"name": "x", "url": "https://x.org", "source": "https://x.org",
                  "verifications": [{"on": "22/11/2026", "by": "T", "how": "secondary",
                                     "evidence": "a note"}]}}, "date"),
    ({"locator": {"name": "x", "url": "https://x.org", "source": "https://x.org",
                  "checked": "2026-01-01", "status": "verified"}}, "replaced by a 'verifications' list"),
    ({"paper": "legal"}, "'letter' or 'a4'"),
])
def test_region_fields_are_checked(extra: dict[str, object], says: str) -> None:
    with pytest.raises(ValidationError, match=says):
        RegionFile.model_validate({**BASE, **extra}, context={"country": "US"})


def test_languages_accept_bcp47_tags() -> None:
    region = RegionFile.model_validate({**BASE, "languages": ["en", "es-419", "zh-Hans"]},
                                       context={"country": "US"})
    assert region.languages == ["en", "es-419", "zh-Hans"]
