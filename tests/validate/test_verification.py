"""``booklet verify --list``: what is due, once per defining file, most urgent first."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from booklet.load.project import open_project, shipped_root
from booklet.validate.verification import due, months_between

TODAY = date(2026, 12, 1)


def line(id: str, *records: str) -> str:
    body = "".join(f"      - {{on: {r.split()[0]}, by: T, how: {r.split()[1]}, evidence: "
                   f"'https://example.org/{id}'}}\n" for r in records)
    checks = "    verifications:\n" + body if records else "    verifications: []\n"
    return (f"  - id: {id}\n    name: {{en: {id}}}\n    offers: {{en: Help.}}\n    channels:\n"
            f"      - {{type: phone, number: \"1-800-720-9616\"}}\n    hours: \"24/7\"\n    cost: free\n"
            f"    source: https://example.org/\n{checks}")


REGION = "code: us-xx\nparent: us\nname: {en: X}\nhelplines:\n" + "".join([
    line("fresh-call", "2026-11-01 called"),
    line("unchecked"),
    line("old-call", "2025-01-10 called"),
    line("page-only", "2026-10-01 official-page"),
    line("older-page", "2026-09-01 official-page"),
    line("news-only", "2026-11-01 secondary"),
    line("stale-page", "2025-06-01 official-page"),
])


def test_months_are_whole_months() -> None:
    assert months_between(date(2025, 12, 2), TODAY) == 11
    assert months_between(date(2025, 12, 1), TODAY) == 12


def test_due_entries_come_most_urgent_first(make_project: Callable[..., Path]) -> None:
    rows, problems = due(open_project(make_project({"regions/us-xx.yaml": REGION})), TODAY)
    assert not problems.errors
    mine = [(r.id, r.urgency) for r in rows if r.region == "us-xx"]
    assert mine == [("old-call", 0), ("stale-page", 0), ("news-only", 1), ("older-page", 2),
                    ("page-only", 2), ("unchecked", 3)]  # fresh-call is not due
    stale = next(r for r in rows if r.id == "stale-page")
    assert (stale.reason, stale.last, stale.contact) == ("last checked 18 months ago",
                                                         "2025-06-01 official-page", "1-800-720-9616")


def test_months_sets_how_old_a_record_may_be(make_project: Callable[..., Path]) -> None:
    rows, _ = due(open_project(make_project({"regions/us-xx.yaml": REGION})), TODAY, months=2)
    stale = {r.id for r in rows if r.region == "us-xx" and r.urgency == 0}
    assert stale == {"old-call", "stale-page", "older-page", "page-only"}


def test_each_shipped_entry_is_listed_once_under_its_own_file() -> None:
    rows, problems = due(open_project(shipped_root()), TODAY)
    assert not problems.errors
    keys = [(r.region, r.id) for r in rows]
    assert len(keys) == len(set(keys))
    assert ("us", "samhsa-helpline") in keys and ("us-ny", "samhsa-helpline") not in keys
    unprinted = {(r.region, r.id) for r in rows if r.urgency == 3}
    assert unprinted == {("us-oh", "ohio-careline"), ("us-ca", "ca-peer-run-warm-line"), *(
        (code, "locator") for code in ("au", "ca-on", "gb", "ie", "nz"))}
