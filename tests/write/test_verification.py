"""``append_verification``: a round-trip edit of the defining file, validated, or nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from booklet.errors import BookletError
from booklet.load.project import open_project
from booklet.load.yamlfile import MAX_BYTES
from booklet.models.verification import Verification
from booklet.validate.regions import load_regions
from booklet.write.verification import append_verification

TODAY = date(2026, 12, 1)
REGION = """# yaml-language-server: $schema=../schema/region.schema.json
# A test county; keep these comments.
code: us-xx
parent: us
name: {en: Test County}   # flow mapping, kept as is
helplines:
  - id: county-line
    name: "County Line"
    offers: {en: Help.}
    channels:
      - {type: phone, number: "1-800-720-9616"}  # the main number
    hours: "24/7"
    cost: free
    source: https://example.org/county
    verifications: []  # nobody has checked yet
    note: 'single quotes stay'
"""
# The comment keeps its column; the record is a block list, strings PyYAML would misread quoted.
ADDED = """    verifications:     # nobody has checked yet
      - on: 2026-12-01
        by: A. Tester
        how: called
        evidence: "yes"
        note: "Open 24/7: they said \\"yes\\"."
"""


def called(evidence: str = "yes", note: str | None = 'Open 24/7: they said "yes".') -> Verification:
    return Verification(on=TODAY, by="A. Tester", how="called", evidence=evidence, note=note)


def test_a_record_is_appended_keeping_comments_quotes_and_layout(make_project: Callable[..., Path]) -> None:
    folder = make_project({"regions/us-xx.yaml": REGION})
    project = open_project(folder)
    path = append_verification(project, "us-xx", "county-line", called())
    assert path == (folder / "regions" / "us-xx.yaml").resolve()
    text = path.read_text(encoding="utf-8")
    assert text == REGION.replace("    verifications: []  # nobody has checked yet\n", ADDED)
    regions, problems = load_regions(project, ["us-xx"], TODAY)
    assert not problems.items
    [line] = [h for h in regions["us-xx"].helplines if h.id == "county-line"]
    assert (line.status, line.called, line.standing) == ("verified", True, called())


def test_records_go_to_the_file_that_defines_the_entry(make_project: Callable[..., Path]) -> None:
    folder = make_project({"regions/us-xx.yaml": REGION,
                           "regions/us-yy.yaml": "code: us-yy\nparent: us-xx\nname: {en: Y}\n"})
    path = append_verification(open_project(folder), "us-yy", "county-line", called())
    assert path.name == "us-xx.yaml"
    assert "A. Tester" not in (folder / "regions" / "us-yy.yaml").read_text(encoding="utf-8")


def test_a_project_never_edits_the_shipped_content(make_project: Callable[..., Path],
                                                   shipped: Path) -> None:
    before = (shipped / "regions" / "us.yaml").read_bytes()
    with pytest.raises(BookletError, match=r"defined in the shipped .*us\.yaml.*copy that file"):
        append_verification(open_project(make_project({"regions/us-xx.yaml": REGION})), "us-xx",
                            "samhsa-helpline", called())
    assert (shipped / "regions" / "us.yaml").read_bytes() == before


@pytest.mark.parametrize(("entry", "says"), [("no-such-line", "has no entry 'no-such-line'"),
                                              ("locator", "defined in the shipped")])
def test_unknown_or_inherited_entries_are_refused(make_project: Callable[..., Path], entry: str,
                                                 says: str) -> None:
    folder = make_project({"regions/us-xx.yaml": REGION})
    with pytest.raises(BookletError, match=says):
        append_verification(open_project(folder), "us-xx", entry, called())
    assert (folder / "regions" / "us-xx.yaml").read_text(encoding="utf-8") == REGION


def test_an_edit_past_the_size_limit_is_not_written(make_project: Callable[..., Path]) -> None:
    folder = make_project({"regions/us-xx.yaml": REGION})
    long = Verification(on=TODAY, by="A. Tester", how="called", evidence="x" * 600)
    too_big = folder / "regions" / "us-xx.yaml"
    too_big.write_text(REGION + "# " + "x" * (MAX_BYTES - len(REGION) - 100) + "\n", encoding="utf-8")
    before = too_big.read_bytes()
    with pytest.raises(BookletError, match="would grow past"):
        append_verification(open_project(folder), "us-xx", "county-line", long)
    assert too_big.read_bytes() == before
    assert [p.name for p in too_big.parent.iterdir()] == ["us-xx.yaml"]  # no temporary file left
