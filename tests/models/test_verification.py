"""Verification records: status and the record a printed line rests on follow from them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from booklet.load.yamlfile import parse_yaml
from booklet.models.region import Locator
from booklet.models.verification import Verification

PAGE = "https://www.samhsa.gov/find-help/national-helpline"


def record(on: str, how: str, evidence: str = PAGE) -> dict[str, str]:
    return {"on": on, "by": "A. Checker", "how": how, "evidence": evidence}


def locator(*records: dict[str, str]) -> Locator:
    return Locator.model_validate({"name": "X", "url": "https://x.org", "source": "https://x.org",
                                   "verifications": list(records)})


def test_no_record_is_unverified() -> None:
    entry = locator()
    assert (entry.status, entry.standing, entry.called) == ("unverified", None, False)


def test_secondary_records_alone_make_a_secondary_entry_resting_on_the_newest() -> None:
    entry = locator(record("2026-01-05", "secondary", "news"), record("2026-03-01", "secondary"))
    assert entry.status == "secondary"
    assert entry.standing is not None and entry.standing.on == date(2026, 3, 1)


def test_a_call_or_an_official_page_verifies_even_when_a_secondary_record_is_newer() -> None:
    entry = locator(record("2026-01-05", "official-page"), record("2026-06-01", "secondary", "news"))
    assert entry.status == "verified"
    assert entry.standing is not None and entry.standing.how == "official-page"


def test_a_call_outranks_a_page_of_the_same_day_and_a_newer_page_outranks_an_older_call() -> None:
    same_day = locator(record("2026-02-01", "official-page"), record("2026-02-01", "called", "said yes"))
    assert same_day.standing is not None and same_day.standing.how == "called" and same_day.called
    later_page = locator(record("2026-02-01", "called", "said yes"), record("2026-04-01", "official-page"))
    assert later_page.standing is not None and later_page.standing.how == "official-page"


def test_an_official_page_record_needs_the_pages_address() -> None:
    with pytest.raises(ValidationError, match="needs the page's https address"):
        Verification.model_validate(record("2026-02-01", "official-page", "the website"))


def test_the_printed_site_is_the_evidence_host_without_www() -> None:
    assert Verification.model_validate(record("2026-02-01", "official-page")).site == "samhsa.gov"


def test_the_bare_yaml_key_on_is_read_as_on_not_true() -> None:
    doc = parse_yaml("- on: 2026-02-01\n  by: A\n  how: called\n  evidence: said yes\n", Path("x.yaml"))
    assert True in doc.data[0]  # what PyYAML (YAML 1.1) makes of it
    assert Verification.model_validate(doc.data[0]).on == date(2026, 2, 1)


def test_the_old_single_date_fields_get_a_clear_message() -> None:
    with pytest.raises(ValidationError, match="replaced by a 'verifications' list"):
        Locator.model_validate({"name": "X", "url": "https://x.org", "source": "https://x.org",
                                "checked": "2026-01-01", "status": "verified"})
