"""Templates render sandboxed, autoescaped and strict; user templates override by name."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from booklet.compose.document import Composed, compose
from booklet.compose.environment import BoundedSandbox, environment
from booklet.errors import BookletError, Problems
from booklet.load.project import open_project
from booklet.models.job import Job
from booklet.validate.content import load_index
from booklet.validate.regions import load_regions

HOSTILE_REGION = """code: us-zz
parent: us
name: "{{ 7 * 7 }} <b>bold</b> {% if true %}x{% endif %}"
helplines:
  - id: hostile
    name: "<script>alert(1)</script> {{ config }}"
    offers: "{{ ''.__class__.__mro__ }}"
    channels:
      - {type: phone, number: "1-800-662-4357"}
    hours: "24/7"
    cost: free
    source: https://example.org/
    verifications:
      - {on: 2026-11-01, by: Test Checker, how: official-page, evidence: "https://example.org/"}
"""


def composed(folder: Path, region: str = "us") -> Composed:
    project = open_project(folder)
    regions, problems = load_regions(project, [region], date(2026, 12, 1))
    index = load_index(project, problems)
    assert not problems.errors, problems.errors
    assert index is not None
    return compose(project, regions[region], Job(region, "en", "booklet"), index, None)


def test_data_is_escaped_and_never_rendered_as_a_template(make_project: Callable[..., Path]) -> None:
    html = composed(make_project({"regions/us-zz.yaml": HOSTILE_REGION}), "us-zz").html
    assert "{{ 7 * 7 }} &lt;b&gt;bold&lt;/b&gt; {% if true %}x{% endif %}" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ config }}" in html
    assert "<script>" not in html


def test_templates_run_in_a_sandbox(make_project: Callable[..., Path]) -> None:
    folder = make_project({"sections/heroin.html.j2": "{{ ''.__class__.__mro__[1].__subclasses__() }}"})
    with pytest.raises(BookletError, match=r"heroin.html.j2:1: .*unsafe"):
        composed(folder)


def test_undefined_names_fail_with_file_and_line(make_project: Callable[..., Path]) -> None:
    folder = make_project({"sections/heroin.html.j2": "<h2>Heroin</h2>\n<p>{{ regoin.name }}</p>\n"})
    with pytest.raises(BookletError, match=r"sections/heroin.html.j2:2: 'regoin' is undefined"):
        composed(folder)


def test_template_syntax_errors_name_file_and_line(make_project: Callable[..., Path]) -> None:
    folder = make_project({"sections/heroin.html.j2": "<h2>x</h2>\n{% if %}\n"})
    with pytest.raises(BookletError, match=r"heroin.html.j2:2: template syntax"):
        composed(folder)


def test_user_template_overrides_and_extends_the_shipped_one(make_project: Callable[..., Path]) -> None:
    layout = ('{% extends "!base/layouts/booklet.html.j2" %}'
              '{% block title %}Clinic edition · {{ super() }}{% endblock %}')
    html = composed(make_project({"sections/layouts/booklet.html.j2": layout})).html
    assert "<title>Clinic edition · Heroin and opioids" in html
    assert 'class="cover"' in html


def test_unverified_helplines_are_not_composed(make_project: Callable[..., Path]) -> None:
    region = HOSTILE_REGION.replace(
        '\n      - {on: 2026-11-01, by: Test Checker, how: official-page, evidence: "https://example.org/"}',
        " []")
    html = composed(make_project({"regions/us-zz.yaml": region}), "us-zz").html
    assert "hostile" not in html


def test_problems_collector_is_empty_for_shipped_content(shipped: Path) -> None:
    problems = Problems()
    assert load_index(open_project(shipped), problems) is not None
    assert problems.items == []



def test_compiled_templates_are_kept_and_an_edited_one_compiles_afresh(
        make_project: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOOKLET_CACHE_DIR", str(tmp_path / "cache"))
    parsed: list[str | None] = []
    parse = BoundedSandbox._parse

    def counted(self: BoundedSandbox, source: str, name: str | None, filename: str | None) -> Any:
        parsed.append(name)
        return parse(self, source, name, filename)

    monkeypatch.setattr(BoundedSandbox, "_parse", counted)
    folder = make_project({"sections/heroin.html.j2": "<h2>Heroin</h2>\n<p>First edition</p>\n"})
    section, stored = folder / "sections" / "heroin.html.j2", tmp_path / "cache" / "templates"

    def compose_anew() -> str:
        environment.cache_clear()  # as a new process would
        parsed.clear()
        return composed(folder).html

    assert "First edition" in compose_anew() and "heroin.html.j2" in parsed
    kept = sorted(stored.iterdir())
    assert "First edition" in compose_anew() and parsed == [], "read back, not compiled"
    section.write_text("<h2>Heroin</h2>\n<p>Second edition</p>\n", encoding="utf-8")
    assert "Second edition" in compose_anew() and parsed == ["heroin.html.j2"]
    assert len(list(stored.iterdir())) == len(kept) + 1
    section.write_text("<h2>Heroin</h2>\n<p>{{ regoin }}</p>\n", encoding="utf-8")
    for _ in range(2):  # an error in code read back still names the template's line
        with pytest.raises(BookletError, match=r"sections/heroin.html.j2:2: 'regoin' is undefined"):
            compose_anew()
