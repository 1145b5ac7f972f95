"""Fit checks: overfull panels and cards fail by name and size; padding; type size; contrast."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from tinycss2.color4 import parse_color

from booklet.compose.formats import PADDING_PAGES
from booklet.errors import BookletError
from booklet.render.fit import contrast, padded

LONG = "<p>" + "Stay with them until help comes. " * 120 + "</p>\n"

def _build(run_cli: Callable[..., Result], project: Path, fmt: str) -> Result:
    return run_cli("build", "--project", str(project), "--out", str(project / "out"), "-f", fmt,
                   "--jobs", "1")

@pytest.mark.parametrize(("fmt", "part", "panel"), [
    ("trifold", "trifold-safer", "inside left"),
    ("trifold", "trifold-back", "back"),
    ("card", "card-back", "back"),
    ("card", "card-front", "front"),
])
def test_overfull_panel_is_an_error_naming_it(run_cli: Callable[..., Result],
                                              make_project: Callable[..., Path],
                                              fmt: str, part: str, panel: str) -> None:
    project = make_project({f"sections/parts/{part}.html.j2": f"<h2>Too long</h2>\n{LONG}"})
    result = _build(run_cli, project, fmt)
    assert result.exit_code == 1
    found = re.search(rf"us/en/{fmt}: panel '{panel}' on page \d overflows its bottom edge by "
                      r"(\d+\.\d) mm", result.output)
    assert found, result.output
    assert float(found.group(1)) > 10
    assert not (project / "out" / "us" / "en" / f"{fmt}.pdf").exists()

def test_slightly_overfull_card_reports_a_small_overflow(run_cli: Callable[..., Result],
                                                         make_project: Callable[..., Path]) -> None:
    project = make_project({"sections/parts/card-front.html.j2":
                            '<div style="height: 52mm">tall box</div>'})
    result = _build(run_cli, project, "card")
    # The side is 50.8 mm high with 3 mm padding top and bottom: 44.8 mm for content.
    assert "panel 'front' on page 1 overflows its bottom edge by 7.2 mm" in result.output

def test_unbreakable_text_overflows_sideways(run_cli: Callable[..., Result],
                                             make_project: Callable[..., Path]) -> None:
    project = make_project({"sections/parts/card-back.html.j2":
                            '<p style="white-space: nowrap">' + "nowrap " * 40 + "</p>"})
    result = _build(run_cli, project, "card")
    assert re.search(r"panel 'back' on page 2 overflows its right edge by \d+\.\d mm", result.output)

def _laid_out(content_pages: int, spare_body: str = "x") -> Any:
    """A real layout: content pages, the three spare pages, then the clinic's page."""
    from weasyprint import HTML

    pages = "".join(f'<section style="break-before: page">page {n}</section>'
                    for n in range(content_pages))
    spares = "".join(f'<section id="{name}" style="break-before: page">{spare_body}</section>'
                     for name in PADDING_PAGES)
    return HTML(string=pages + spares + '<section id="clinic" style="break-before: page">c</section>'
                ).render()


@pytest.mark.parametrize(("content", "kept"), [
    (11, []), (10, ["notes"]), (9, ["notes", "plan"]), (8, ["notes", "plan", "contacts"]),
])
def test_booklet_keeps_the_spare_pages_it_needs(content: int, kept: list[str]) -> None:
    document = padded(_laid_out(content), "booklet", "us/en/booklet")
    assert len(document.pages) % 4 == 0
    anchors = [name for page in document.pages for name in page.anchors]
    assert [a for a in anchors if a in PADDING_PAGES] == kept
    assert anchors[-1] == "clinic"


def test_a_spare_page_that_runs_over_is_an_error() -> None:
    with pytest.raises(BookletError, match="must each fill one page"):
        padded(_laid_out(5, "<p>long</p>" * 200), "booklet", "us/en/booklet")


def test_other_formats_are_not_padded() -> None:
    document = _laid_out(3)
    assert padded(document, "large-print", "us/en/large-print") is document


def test_large_print_refuses_small_type(run_cli: Callable[..., Result],
                                        make_project: Callable[..., Path], shipped: Path) -> None:
    css = (shipped / "styles" / "large-print.css").read_text(encoding="utf-8")
    project = make_project({"styles/large-print.css": css + ".helpline-facts { font-size: 11pt; }\n"})
    result = _build(run_cli, project, "large-print")
    assert result.exit_code == 1
    assert "text set in 11.0 pt is below the large-print minimum of 18 pt: 'Hours:" in result.output

def test_low_contrast_text_is_refused(run_cli: Callable[..., Result],
                                      make_project: Callable[..., Path], shipped: Path) -> None:
    css = (shipped / "styles" / "card.css").read_text(encoding="utf-8")
    project = make_project({"styles/card.css": css + ".card-small { color: #aaa; }\n"})
    result = _build(run_cli, project, "card")
    assert result.exit_code == 1
    assert "contrast 2.3:1 is below WCAG AA: 'Edition" in result.output

@pytest.mark.parametrize(("fg", "bg", "ratio"), [("#000", None, 21.0), ("#9b1c1c", "#f3f3f3", 7.3),
                                                  ("#767676", None, 4.5)])
def test_contrast_ratio(fg: str, bg: str | None, ratio: float) -> None:

    background = parse_color(bg) if bg else None
    assert round(contrast(parse_color(fg), background), 1) == ratio


def test_card_type_below_7pt_is_an_error(run_cli: Callable[..., Result], make_project: Callable[..., Path],
                                         shipped: Path) -> None:
    card_css = (shipped / "styles" / "card.css").read_text(encoding="utf-8")
    project = make_project({"styles/card.css": card_css + "\n.checked { font-size: 6.5pt; }\n"})
    result = _build(run_cli, project, "card")
    assert result.exit_code == 1
    assert "text set in 6.5 pt is below the card minimum of 7 pt" in result.output
