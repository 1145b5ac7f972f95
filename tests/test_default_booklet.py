"""End to end: the default booklet rendered by real WeasyPrint with real fonts."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pikepdf
import pytest
from click.testing import Result

from booklet.load.project import open_project, shipped_root
from booklet.models.region import Email, Web
from booklet.render import pdf as render_pdf
from booklet.validate.regions import load_regions
from tests.conftest import page_sizes_mm, pdf_fonts, pdf_text


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def printed_numbers() -> list[str]:
    """Every dialled number and code the us data prints (web addresses aside)."""
    regions, _ = load_regions(open_project(shipped_root()), ["us"], date(2026, 12, 1))
    return [c.display for line in regions["us"].printable for c in line.channels
            if not isinstance(c, Web | Email)]


def test_every_printed_number_is_in_the_text_exactly(default_booklet: Path) -> None:
    text = flat(pdf_text(default_booklet))
    numbers = printed_numbers()
    assert "1-800-662-4357" in numbers
    for number in numbers:
        assert number in text


def test_page_size_is_the_regions_booklet_paper(default_booklet: Path) -> None:
    sizes = set(page_sizes_mm(default_booklet))
    assert sizes == {(139.7, 215.9)}  # half letter: the US is a Letter region


def test_every_font_is_embedded_and_named(default_booklet: Path) -> None:
    fonts = pdf_fonts(default_booklet)
    assert fonts and all(embedded for _, embedded in fonts)
    assert all("Noto" in name for name, _ in fonts)


def test_document_language_title_and_tags(default_booklet: Path) -> None:
    with pikepdf.open(default_booklet) as pdf:
        assert str(pdf.Root.Lang) == "en"
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.docinfo["/Title"]).startswith("Heroin and opioids")
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20261201")


def test_html_is_kept_beside_the_pdf_on_request(default_booklet: Path) -> None:
    html = default_booklet.with_suffix(".html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'lang="en"' in html


def test_template_syntax_in_data_is_printed_literally(make_project: Callable[..., Path],
                                                      run_cli: Callable[..., Result], tmp_path: Path) -> None:
    region = (Path(__file__).parent / "roots" / "literal-region.yaml").read_text(encoding="utf-8")
    folder = make_project({"regions/us-zz.yaml": region})
    result = run_cli("build", "-r", "us-zz", "--project", str(folder), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    text = flat(pdf_text(tmp_path / "out" / "us-zz" / "en" / "booklet.pdf"))
    assert "{{ 7 * 7 }} and {% raw %}" in text


def test_harfbuzz_subsetting_is_present() -> None:
    assert not render_pdf.harfbuzz_subset_missing()


def test_missing_harfbuzz_subsetting_is_said_loudly(monkeypatch: pytest.MonkeyPatch,
                                                   make_project: Callable[..., Path],
                                                   run_cli: Callable[..., Result], tmp_path: Path) -> None:
    monkeypatch.setattr(render_pdf, "harfbuzz_subset_missing", lambda: True)
    result = run_cli("build", "--project", str(shipped_root()), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert "libharfbuzz-subset0" in result.output
    strict = run_cli("build", "--strict", "--project", str(shipped_root()), "--out", str(tmp_path / "o2"))
    assert strict.exit_code == 1
    assert not (tmp_path / "o2" / "us" / "en" / "booklet.pdf").exists()
