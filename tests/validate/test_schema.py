"""Schema errors name file:line and the field, and say how to fix it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from booklet.errors import Problem
from booklet.load.project import open_project
from booklet.validate.regions import load_regions

TODAY = date(2026, 12, 1)

REGION = """code: us-xx
parent: us
name: Test
helplines:
  - id: test-line
    name: Test line
    offers: Help.
    channels:
      - {{type: phone, number: {number}}}
    hours: {hours}
    cost: free
    source: https://example.org/
    verifications:
      - {{on: 2026-11-01, by: Test Checker, how: official-page, evidence: "https://example.org/"}}
"""


def problems_for(make_project: Callable[..., Path], text: str, code: str = "us-xx") -> list[Problem]:
    project = open_project(make_project({f"regions/{code}.yaml": text}))
    _, problems = load_regions(project, [code], TODAY)
    return problems.errors


@pytest.mark.parametrize(("number", "hours", "line", "field", "says"), [
    ("0123", '"24/7"', 9, "helplines[0].channels[0].number", "the number 83"),
    ('"1-800-662-4357"', "9:30", 10, "helplines[0].hours", "the number 570"),
    ('"1-800-662-4357"', "NO", 10, "helplines[0].hours", "as false"),
])
def test_yaml_coercions_are_errors_with_file_line(make_project: Callable[..., Path], number: str,
                                                  hours: str, line: int, field: str, says: str) -> None:
    [problem] = problems_for(make_project, REGION.format(number=number, hours=hours))
    assert problem.file.endswith("regions/us-xx.yaml")
    assert (problem.line, problem.field) == (line, field)
    assert says in problem.message
    assert "quotes" in problem.hint


def test_unknown_keys_are_errors(make_project: Callable[..., Path]) -> None:
    text = REGION.format(number='"1-800-662-4357"', hours='"24/7"') + "colour: red\n"
    [problem] = problems_for(make_project, text)
    assert (problem.line, problem.field, problem.message) == (15, "colour", "unknown key")


def test_wrong_length_phone_numbers_are_errors(make_project: Callable[..., Path]) -> None:
    [problem] = problems_for(make_project, REGION.format(number='"1-800-662-435"', hours='"24/7"'))
    assert problem.line == 9
    assert "not a valid US phone number" in problem.message


def test_bad_region_code_in_file(make_project: Callable[..., Path]) -> None:
    text = REGION.format(number='"1-800-662-4357"', hours='"24/7"').replace("code: us-xx", "code: US-XX")
    problems = problems_for(make_project, text)
    assert problems[0].line == 1
    assert "not a valid region code" in problems[0].message


def test_missing_parent_names_the_parent_line(make_project: Callable[..., Path]) -> None:
    text = REGION.format(number='"1-800-662-4357"', hours='"24/7"').replace("parent: us", "parent: zz")
    [problem] = problems_for(make_project, text)
    assert (problem.line, problem.field) == (2, "parent")
    assert "no region 'zz'" in problem.message


def test_every_problem_in_every_file_is_collected(make_project: Callable[..., Path]) -> None:
    bad = REGION.format(number="0123", hours="NO")
    files = {"regions/us-xx.yaml": bad, "regions/us-yy.yaml": bad.replace("us-xx", "us-yy")}
    _, problems = load_regions(open_project(make_project(files)), ["us-xx", "us-yy"], TODAY)
    assert {(Path(p.file).name, p.line) for p in problems.errors} == {
        ("us-xx.yaml", 9), ("us-xx.yaml", 10), ("us-yy.yaml", 9), ("us-yy.yaml", 10)}


def test_problem_prints_as_one_line_with_location_and_hint(make_project: Callable[..., Path]) -> None:
    [problem] = problems_for(make_project, REGION.format(number="0123", hours='"24/7"'))
    text = str(problem)
    assert "\n" not in text
    assert text.endswith("(hint: put it in quotes exactly as it should print, "
                         'e.g. "0800 787 797" or "9:30")')
    assert ":9: helplines[0].channels[0].number: YAML read" in text
