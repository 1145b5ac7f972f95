"""Region files: inheritance by id, ``remove``, freshness, and the shipped data itself."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from booklet.errors import Problem, Problems
from booklet.load.project import open_project, shipped_root
from booklet.validate.regions import Region, load_regions, region_codes

TODAY = date(2026, 12, 1)
COUNTRY_NAMES = ("en", "es", "fr", "ar", "zh-Hans")

LINE = """  - id: {id}
    name: {{en: {id}}}
    offers: {{en: Help.}}
    channels:
      - {{type: phone, number: "{number}"}}
    hours: "24/7"
    cost: free
    source: https://example.org/
    verifications:
      - {{on: {checked}, by: Test Checker, how: {how}, evidence: "https://example.org/"}}
"""
UNCHECKED = "    verifications: []\n"


def line(id: str, number: str = "1-800-662-4357", checked: str = "2026-11-01",
         how: str = "official-page") -> str:
    text = LINE.format(id=id, number=number, checked=checked, how=how)
    return text if how != "none" else text.split("    verifications:")[0] + UNCHECKED


def child(code: str = "us-xx", *lines: str, extra: str = "") -> str:
    body = "helplines:\n" + "".join(lines) if lines else ""
    return f"code: {code}\nparent: us\nname: {{en: Test}}\n{extra}{body}"


Load = Callable[..., tuple[dict[str, Region], Problems]]


@pytest.fixture
def load(make_project: Callable[..., Path]) -> Load:
    """Load regions from a throw-away project: ``load({"us-xx": text}, allow_stale=...)``."""

    def run(files: dict[str, str], codes: list[str] | None = None,
            allow_stale: bool = False) -> tuple[dict[str, Region], Problems]:
        folder = make_project({f"regions/{code}.yaml": text for code, text in files.items()})
        return load_regions(open_project(folder), codes or list(files), TODAY, allow_stale)

    return run


def only(problems: Problems) -> Problem:
    [problem] = problems.items
    return problem


def ids(region: Region) -> list[str]:
    return [h.id for h in region.helplines]


def test_sub_region_inherits_defaults_and_national_lines() -> None:
    regions, problems = load_regions(open_project(shipped_root()), ["us-ny", "ca-qc"], TODAY)
    assert not problems.items
    ny, qc = regions["us-ny"], regions["ca-qc"]
    assert (ny.paper, ny.emergency, ny.parent, ny.country) == ("letter", ("911",), "us", "US")
    assert ids(ny)[:2] == ["samhsa-helpline", "988-lifeline"] and ids(ny)[-1] == "nys-hopeline"
    assert ny.origins["samhsa-helpline"] == ("us",) and ny.origins["nys-hopeline"] == ("us-ny",)
    assert ny.locator is not None and ny.locator.url == "https://findtreatment.gov"
    assert qc.languages == ("fr", "en")  # set in ca-qc, overriding ca's
    assert [p.name for p in qc.files] == ["ca.yaml", "ca-qc.yaml"]


def test_entry_with_the_parents_id_replaces_it_in_place(load: Load) -> None:
    regions, problems = load({"us-xx": child("us-xx", line("poison-help", "1-800-720-9616"))})
    assert not problems.items
    region = regions["us-xx"]
    assert ids(region) == ["samhsa-helpline", "988-lifeline", "poison-help", "never-use-alone"]
    [poison] = [h for h in region.helplines if h.id == "poison-help"]
    assert poison.channels[0].display == "1-800-720-9616"
    assert region.origins["poison-help"] == ("us", "us-xx")


def test_remove_drops_an_inherited_entry(load: Load) -> None:
    regions, problems = load({"us-xx": child(extra="remove: [never-use-alone, poison-help]\n")})
    assert not problems.items
    assert ids(regions["us-xx"]) == ["samhsa-helpline", "988-lifeline"]
    assert "never-use-alone" not in regions["us-xx"].origins


def test_removing_an_id_the_parent_lacks_is_an_error(load: Load) -> None:
    _, problems = load({"us-xx": child(extra="remove: [samhsa-helpline, no-such-line]\n")})
    problem = only(problems)
    assert (Path(problem.file).name, problem.line, problem.field) == ("us-xx.yaml", 4, "remove[1]")
    assert "no inherited helpline 'no-such-line'" in problem.message


def test_the_same_id_twice_in_one_file_is_an_error(load: Load) -> None:
    _, problems = load({"us-xx": child("us-xx", line("a-line"), line("a-line"))})
    assert (only(problems).line, only(problems).field) == (15, "helplines[1].id")


def test_a_grandchild_inherits_through_its_parent(load: Load) -> None:
    files = {"us-xx": child("us-xx", line("mid-line")),
             "us-yy": child("us-yy", line("mid-line", "1-800-720-9616")).replace("parent: us",
                                                                                  "parent: us-xx")}
    regions, problems = load(files, ["us-yy"])
    assert not problems.items
    assert regions["us-yy"].origins["mid-line"] == ("us-xx", "us-yy")
    assert regions["us-yy"].parent == "us-xx"


def test_inheritance_loops_are_errors(load: Load) -> None:
    files = {"us-xx": child("us-xx").replace("parent: us", "parent: us-yy"),
             "us-yy": child("us-yy").replace("parent: us", "parent: us-xx")}
    _, problems = load(files, ["us-xx"])
    assert "inheritance loops back" in only(problems).message


def test_a_country_must_set_every_default(load: Load) -> None:
    _, problems = load({"zz": "code: zz\nname: {en: Nowhere}\n"})
    missing = {p.message.split()[0] for p in problems}
    assert missing == {"paper", "emergency", "languages", "naloxone"}


@pytest.mark.parametrize(("text", "line_no", "field", "says"), [
    ('emergency: [911]\n', 4, "emergency[0]", "the number 911"),
    ('emergency: ["999"]\n', 4, "emergency[0]", "not an emergency number in US"),
    ("helplines:\n  - id: t\n    name: T\n    offers: O\n    channels:\n"
     "      - {type: text, to: 467369}\n", 9, "helplines[0].channels[0].to", "the number 467369"),
    ("helplines:\n  - id: t\n    name: T\n    offers: O\n    channels:\n"
     '      - {type: phone, number: "1-800-662-43577"}\n', 9, "helplines[0].channels[0].number",
     "not a valid US phone number (12 digits)"),
    ("helplines:\n  - id: t\n    name: T\n    offers: O\n    channels:\n"
     '      - {type: phone, number: "116 123"}\n', 9, "helplines[0].channels[0].number",
     "is a short code"),
    ("helplines:\n  - id: t\n    name: T\n    offers: O\n    channels:\n"
     '      - {type: short-code, code: "1234567"}\n', 9, "helplines[0].channels[0].code",
     "not a possible US short code"),
])
def test_number_errors_name_file_line_and_field(load: Load, text: str, line_no: int, field: str,
                                                says: str) -> None:
    _, problems = load({"us-xx": child(extra=text)})
    located = [p for p in problems.errors if p.field == field]
    assert located, [str(p) for p in problems]
    assert Path(located[0].file).name == "us-xx.yaml"
    assert located[0].line == line_no
    assert says in located[0].message


# 2026-12-01 minus 400 days is in the warning band; minus 800 days is past the refusal line.
AGED, OLD = "2025-10-27", "2024-09-22"


def test_checked_over_12_months_ago_is_a_warning(load: Load) -> None:
    regions, problems = load({"us-xx": child("us-xx", line("aged", checked=AGED))})
    problem = only(problems)
    assert (problem.severity, problem.line, problem.field) == (
        "warning", 14, "helplines[0].verifications[0].on")
    assert "last checked 400 days ago (over 12 months)" in problem.message
    assert not regions["us-xx"].stale


def test_checked_over_24_months_ago_is_refused_without_allow_stale(load: Load) -> None:
    _, problems = load({"us-xx": child("us-xx", line("old", checked=OLD))})
    problem = only(problems)
    assert (problem.severity, problem.line) == ("error", 14)
    assert "last checked 800 days ago (over 24 months)" in problem.message
    assert "--allow-stale" in problem.hint


def test_allow_stale_turns_the_refusal_into_a_warning_and_marks_the_region(load: Load) -> None:
    regions, problems = load({"us-xx": child("us-xx", line("old", checked=OLD))}, allow_stale=True)
    assert only(problems).severity == "warning"
    assert regions["us-xx"].stale


def test_stale_unverified_entries_do_not_count(load: Load) -> None:
    text = child("us-xx", line("old", checked=OLD, how="none"))
    regions, problems = load({"us-xx": text})
    assert not problems.items and not regions["us-xx"].stale


def test_a_stale_locator_counts(load: Load) -> None:
    locator = (f"locator:\n  name: X\n  url: https://x.org\n  source: https://x.org\n"
               f"  verifications:\n    - {{on: {OLD}, by: T, how: secondary, evidence: a note}}\n")
    _, problems = load({"us-xx": child(extra=locator)})
    assert (only(problems).field, only(problems).line) == ("locator.verifications[0].on", 9)


def test_a_checked_date_in_the_future_is_an_error(load: Load) -> None:
    _, problems = load({"us-xx": child("us-xx", line("later", checked="2027-01-01"))})
    assert "is in the future" in only(problems).message


def test_unverified_entries_are_kept_but_not_printable() -> None:
    regions, problems = load_regions(open_project(shipped_root()), ["us-ca", "us-oh"], TODAY)
    assert not problems.items
    ca = regions["us-ca"]
    assert [h.id for h in ca.unverified] == ["ca-peer-run-warm-line"]
    assert "ca-peer-run-warm-line" in ids(ca)
    assert "ca-peer-run-warm-line" not in [h.id for h in ca.printable]
    assert [h.id for h in regions["us-oh"].unverified] == ["ohio-careline"]


SHIPPED = region_codes(open_project(shipped_root()))


def test_the_shipped_regions_are_the_ones_promised() -> None:
    promised = {"us", "us-ny", "us-ma", "us-pa", "us-oh", "ca", "ca-on", "ca-qc", "ca-bc",
                "gb", "ie", "au", "nz", "mx"}
    assert promised <= set(SHIPPED)


@pytest.mark.parametrize("code", SHIPPED)
def test_every_shipped_region_is_valid_sourced_and_dated(code: str) -> None:
    regions, problems = load_regions(open_project(shipped_root()), [code], TODAY)
    assert not problems.items, [str(p) for p in problems]
    region = regions[code]
    assert region.paper == ("letter" if region.country in {"US", "CA", "MX"} else "a4")
    assert region.printable, "every region prints at least one helpline"
    for entry in region.helplines:
        assert entry.source.startswith("https://")
        assert all(record.on <= TODAY and record.by for record in entry.verifications)
        assert not entry.called, "nobody has called the shipped services; no record may say so"
    if region.parent is None:
        assert isinstance(region.name, dict) and set(COUNTRY_NAMES) <= set(region.name)
