"""Reading PDFs are accessible: tagged, titled, in a language, with bookmarks and alt text."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from pdfua import Severity, validate

from tests.conftest import pdf_fonts

FORMATS = ["booklet", "large-print", "trifold", "card"]
PDFUA_BUG = "UA-14-001"
"""pdfua 0.1.3's empty-heading rule raises on a heading whose /K is an array; it is skipped."""


def _elements(node: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    kids = node.get("/K")
    items = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    for kid in items:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _elements(kid)


def _roles(path: Path) -> dict[str, list[str | None]]:
    """Each structure role in the PDF with the alt text of each element of that role."""
    found: dict[str, list[str | None]] = {}
    with pikepdf.open(path) as pdf:
        for element in _elements(pdf.Root.StructTreeRoot):
            alt = str(element.Alt) if "/Alt" in element else None
            found.setdefault(str(element.S), []).append(alt)
    return found


@pytest.mark.parametrize("fmt", FORMATS)
def test_pdfua_checker_finds_no_errors(every_format: Path, fmt: str) -> None:
    report = validate(str(every_format / f"{fmt}.pdf"))
    assert [f.message for f in report.findings if f.severity >= Severity.WARNING] == []
    assert {o.rule_id for o in report.skipped} <= {PDFUA_BUG}


@pytest.mark.parametrize("fmt", FORMATS)
def test_title_language_and_tags(every_format: Path, fmt: str) -> None:
    with pikepdf.open(every_format / f"{fmt}.pdf") as pdf:
        assert str(pdf.Root.Lang) == "en"
        assert pdf.Root.MarkInfo.Marked
        assert pdf.Root.ViewerPreferences.DisplayDocTitle
        assert str(pdf.docinfo.Title).startswith("Heroin and opioids")
        with pdf.open_metadata() as meta:
            assert "pdfuaid:part" in str(meta)
    roles = _roles(every_format / f"{fmt}.pdf")
    assert {"/H1", "/P"} <= set(roles) or {"/H2", "/P"} <= set(roles)
    assert "/L" in roles and "/LI" in roles


def test_booklet_tags_headings_lists_and_tables(every_format: Path) -> None:
    roles = _roles(every_format / "booklet.pdf")
    assert {"/H1", "/H2", "/H3", "/L", "/LI", "/Lbl", "/LBody"} <= set(roles)


@pytest.mark.parametrize(("fmt", "least", "title"), [
    ("booklet", 7, "Sources"), ("large-print", 7, "Sources"), ("trifold", 6, "Where to get help")])
def test_bookmarks_per_section(every_format: Path, fmt: str, least: int, title: str) -> None:
    with pikepdf.open(every_format / f"{fmt}.pdf") as pdf, pdf.open_outline() as outline:
        titles = [item.title for top in outline.root for item in [top, *top.children]]
    assert len(titles) >= least
    assert title in titles


def test_qr_code_has_alt_text_and_scans(every_format: Path, tmp_path: Path) -> None:
    figures = _roles(every_format / "trifold.pdf")["/Figure"]
    assert [alt for alt in figures if alt] == ["QR code: link to FindTreatment.gov"]
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile",
                    str(every_format / "trifold.pdf"), str(tmp_path / "side")], check=True)
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(tmp_path / "side.png")],
                             check=True, capture_output=True, text=True).stdout.split()
    assert decoded == ["https://findtreatment.gov"]


@pytest.mark.parametrize("fmt", [*FORMATS, "booklet-imposed", "card-sheet"])
def test_fonts_embedded(every_format: Path, fmt: str) -> None:
    fonts = pdf_fonts(every_format / f"{fmt}.pdf")
    assert fonts and all(embedded for _, embedded in fonts)


def test_all_text_is_real_text(every_format: Path) -> None:
    text = subprocess.run(["pdftotext", str(every_format / "card.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "Overdose? Call 911" in text and "1-800-662-4357" in text
