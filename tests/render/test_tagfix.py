"""The structure tree a screen reader follows: one element per HTML element, in reading
order, other-language parts with /Lang, page numbers as artifacts, links that say what
they do (booklet/render/tagfix.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pikepdf
import pytest

from booklet.load.project import shipped_root
from tests.conftest import SHIPPED_LANGS


def _kids(element: pikepdf.Object) -> list[pikepdf.Dictionary]:
    kids = element.get("/K")
    items = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    return [k for k in items if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def _walk(element: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    for kid in _kids(element):
        yield kid
        yield from _walk(kid)


def _document(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    return _kids(pdf.Root.StructTreeRoot)[0]


@pytest.mark.parametrize("lang", SHIPPED_LANGS)
def test_trifold_reads_cover_first_and_back_last(shipped_matrix: Path, lang: str) -> None:
    with pikepdf.open(shipped_matrix / "us" / lang / "trifold.pdf") as pdf:
        headings = [e for e in _walk(_document(pdf)) if re.fullmatch(r"/H\d", str(e.S))]
        assert str(headings[0].S) == "/H1"
        sheet = _kids(_document(pdf))
        assert len(sheet) == 1, "the two sides are one sheet element"
        panels = _kids(sheet[0])
        assert len(panels) == 6
        assert any(str(e.S) == "/H1" for e in _walk(panels[0]))  # the front cover
        back = [e for e in _walk(panels[-1]) if str(e.S) == "/Figure"]
        assert [str(e.Alt) for e in back] == ["QR code: link to FindTreatment.gov"] or lang != "en"
        assert back, "the back panel, with the locator's QR code, is read last"


@pytest.mark.parametrize("fmt", ["booklet", "large-print"])
def test_split_sections_and_lists_stay_one_element(shipped_matrix: Path, fmt: str) -> None:
    with pikepdf.open(shipped_matrix / "us" / "en" / f"{fmt}.pdf") as pdf:
        parts = [e for e in _kids(_document(pdf)) if str(e.S) == "/Part"]
        assert len(parts) == 1, "<main> is one Part however many pages it fills"
        sections = [e for e in _kids(parts[0]) if str(e.S) == "/Sect"]
        index = (shipped_root() / "sections" / "sections.yaml").read_text(encoding="utf-8")
        assert len(sections) == len(re.findall(r"^  - id:", index, re.M))
        for element in _walk(_document(pdf)):
            kids = _kids(element)
            for first, second in pairwise(kids):
                split = str(first.S) == str(second.S) == "/L" and first.Pg.objgen != second.Pg.objgen
                assert not split, "a list broken by a page is one list"


def _langs(path: Path) -> set[str]:
    with pikepdf.open(path) as pdf:
        return {str(e.Lang) for e in _walk(_document(pdf)) if "/Lang" in e}


def test_english_parts_carry_their_language(shipped_matrix: Path) -> None:
    assert _langs(shipped_matrix / "us" / "ar" / "booklet.pdf") == {"en"}  # the citations
    assert _langs(shipped_matrix / "us" / "zh-Hans" / "trifold.pdf") == {"en"}  # source names
    assert _langs(shipped_matrix / "us" / "en" / "booklet.pdf") == set()


@pytest.mark.parametrize("fmt", ["booklet", "large-print"])
def test_page_numbers_are_artifacts(shipped_matrix: Path, fmt: str) -> None:
    with pikepdf.open(shipped_matrix / "us" / "en" / f"{fmt}.pdf") as pdf:
        reachable = {e.objgen for e in _walk(pdf.Root.StructTreeRoot)}
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        for index in range(0, len(nums), 2):
            entries = nums[index + 1]
            for entry in entries if isinstance(entries, pikepdf.Array) else [entries]:
                assert entry is None or entry.objgen in reachable
        content = pdf.pages[1].Contents.read_bytes()
        assert b"/Pagination" in content and b"/MCID" in content


def test_links_say_what_they_do(shipped_matrix: Path) -> None:
    with pikepdf.open(shipped_matrix / "us" / "en" / "booklet.pdf") as pdf:
        contents = [str(a.Contents) for page in pdf.pages for a in page.obj.get("/Annots", [])]
    assert "Call 1-800-662-4357" in contents
    assert not [c for c in contents if re.match(r"(tel|sms|https?|mailto):", c)]


def test_emergency_box_is_a_heading(shipped_matrix: Path) -> None:
    with pikepdf.open(shipped_matrix / "us" / "en" / "booklet.pdf") as pdf, \
            pdf.open_outline() as outline:
        titles = [item.title for top in outline.root for item in [top, *top.children]]
    assert "Overdose? Call 911" in titles
