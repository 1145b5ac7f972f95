"""Every section keeps its references and a review date under 12 months old."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from booklet.check.report import check_project
from booklet.errors import Problem
from booklet.load.project import open_project

TODAY = date(2026, 12, 1)


def _index_problems(make_project: Callable[..., Path], index: str) -> list[Problem]:
    report = check_project(open_project(make_project({"sections/sections.yaml": index})), TODAY)
    return [p for p in report.problems if p.file.endswith("sections.yaml")]


def _shipped_index(shipped: Path) -> str:
    """The shipped index without its 'seen_in' notes, so that each test sees only its problem."""
    text = (shipped / "sections/sections.yaml").read_text(encoding="utf-8")
    return re.sub(r"(?m)^ +seen_in: .*\n", "", text)


def _first_section_without_references(shipped: Path) -> str:
    text = _shipped_index(shipped)
    return re.sub(r"(  - id: heroin\n    reviewed: [0-9-]+\n)    references:\n(      .*\n)+", r"\1", text,
                  count=1)


def test_a_section_without_references_is_an_error(make_project: Callable[..., Path], shipped: Path) -> None:
    index = _first_section_without_references(shipped)
    assert "id: heroin" in index and "nida.nih.gov/research-topics/heroin" not in index
    found = _index_problems(make_project, index)
    line = index.splitlines().index("  - id: heroin") + 1
    assert [(p.line, p.message, p.severity) for p in found] == [
        (line, "a section needs references (or regional: true)", "error")]


def test_an_empty_reference_list_is_an_error(make_project: Callable[..., Path]) -> None:
    index = 'edition: "2026.1"\nsections:\n  - id: heroin\n    reviewed: 2026-11-01\n    references: []\n'
    found = _index_problems(make_project, index)
    assert [(p.line, p.field, p.severity) for p in found] == [(3, "sections[0]", "error")]


def test_a_review_over_12_months_old_is_a_warning(make_project: Callable[..., Path], shipped: Path) -> None:
    index = _shipped_index(shipped).replace("reviewed: 2026-11-29", "reviewed: 2025-11-01", 1)
    found = _index_problems(make_project, index)
    assert [(p.field, p.severity) for p in found] == [("sections[0].reviewed", "warning")]
    assert "395 days ago (over 12 months)" in found[0].message


def test_a_review_date_in_the_future_is_an_error(make_project: Callable[..., Path], shipped: Path) -> None:
    index = _shipped_index(shipped).replace("reviewed: 2026-11-29", "reviewed: 2027-01-01", 1)
    found = _index_problems(make_project, index)
    assert [(p.field, p.severity) for p in found] == [("sections[0].reviewed", "error")]


def test_a_reference_read_only_in_a_copy_is_named_until_someone_reads_the_page(
        make_project: Callable[..., Path]) -> None:
    read = ('edition: "2026.1"\nsections:\n  - id: heroin\n    reviewed: 2026-11-01\n    references:\n'
            "      - org: NIDA\n        title: Heroin\n        url: https://nida.nih.gov/research-topics/heroin\n")
    found = _index_problems(make_project, read + "        seen_in: https://news.example/nida-heroin\n")
    assert [(p.line, p.field, p.severity) for p in found] == [
        (9, "sections[0].references[0].seen_in", "warning")]
    assert "'Heroin' was read only in a copy, https://news.example/nida-heroin" in found[0].message
    assert _index_problems(make_project, read) == []


def test_a_missing_review_date_is_an_error(make_project: Callable[..., Path]) -> None:
    index = ('edition: "2026.1"\nsections:\n  - id: heroin\n    references:\n'
             "      - {org: NIDA, title: Heroin, url: https://nida.nih.gov/research-topics/heroin}\n")
    found = _index_problems(make_project, index)
    assert [(p.line, p.message, p.severity) for p in found] == [(3, "required field is missing", "error")]


def test_a_claim_with_a_number_needs_a_reference_in_its_section(make_project: Callable[..., Path]) -> None:
    text = ('{% set title = _("Therapy") %}\n<h2>{{ title }}</h2>\n<p>{% trans %}Groups make you 7 times '
            "more likely to stay. Real change takes 3 months.{% endtrans %}</p>\n")
    report = check_project(open_project(make_project({"sections/therapies.html.j2": text})), TODAY)
    found = [(p.file, p.line, p.message) for p in report.errors if p.field == "claim"]
    # "3 months" is listed in the `supports` of the NIDA Principles reference; "7 times" is in none
    assert found == [("sections/therapies.html.j2", 3, "'7 times' has no reference in its section")]
