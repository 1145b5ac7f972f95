"""Arabic (ar) end to end: real PDFs from the shipped content, read back as a reader gets them,
with the right-to-left checks: text aligned on the right, phone numbers still read left to
right, the tri-fold panels and the imposed booklet mirrored, Noto Naskh Arabic everywhere."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTComponent

from booklet.finish.impose import saddle_order
from tests.compose import translations as tr
from tests.conftest import page_sizes_mm, pdf_fonts, pdf_text

LANG = "ar"
BUILDS = {"us": ["booklet", "trifold", "card"], "ca": ["booklet", "trifold", "card"]}
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
LRI, PDI = "\u2066", "\u2069"
NASKH = re.compile(r"^[A-Z]{6}\+Noto-Naskh-Arabic(-Bold)?$")


def flat(text: str) -> str:
    """One line without bidi controls, every run of spaces as one space."""
    return tr.flat(BIDI_CONTROLS.sub("", text))


def area_text(path: Path, page: int, left: float, right: float) -> str:
    """Text between two x positions (in points) of one page, as pdftotext reads it."""
    with pikepdf.open(path) as pdf:
        height = float(pdf.pages[page - 1].mediabox[3])
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page),
                          "-x", str(int(left)), "-y", "0", "-W", str(int(right - left)),
                          "-H", str(int(height)), str(path), "-"],
                         check=True, capture_output=True, text=True).stdout
    return flat(out)


def chars(path: Path, page: int) -> Iterator[LTChar]:
    """Every glyph pdfminer finds on a page, with its position and font."""

    def walk(item: LTComponent) -> Iterator[LTChar]:
        if isinstance(item, LTChar):
            yield item
        elif hasattr(item, "__iter__"):
            for child in item:
                yield from walk(child)

    for layout in extract_pages(path, page_numbers=[page - 1]):
        yield from walk(layout)


def visual_lines(path: Path, page: int) -> list[list[LTChar]]:
    """The page's lines from top to bottom, each line's glyphs as they stand, left to right."""
    lines: list[tuple[float, list[LTChar]]] = []
    for glyph in sorted(chars(path, page), key=lambda c: -(c.y0 + c.y1) / 2):
        middle = (glyph.y0 + glyph.y1) / 2
        # Glyphs of one line from different fonts (Naskh digits, a Noto Sans hyphen) have
        # boxes a few points apart; lines are over 12 points apart.
        if lines and abs(lines[-1][0] - middle) < 5:
            lines[-1][1].append(glyph)
        else:
            lines.append((middle, [glyph]))
    return [sorted(row, key=lambda c: c.x0) for _, row in lines]


def glyph_text(row: list[LTChar]) -> str:
    """The glyphs' characters in the order they stand on the page."""
    return "".join(c.get_text() for c in row)


def page_with(path: Path, needle: str) -> int:
    """The first page whose text holds ``needle``."""
    pages = len(page_sizes_mm(path))
    found = [n for n in range(1, pages + 1) if needle in flat(pdf_text(path, n))]
    assert found, f"{needle!r} is on no page of {path.name}"
    return found[0]


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """us/ar and ca/ar in three formats (us with HTML and the imposed booklet), and us-oh/ar
    as a tri-fold, built with the real CLI."""
    return tr.build_language(tmp_path_factory, LANG, {**BUILDS, "us-oh": ["trifold"]},
                          {"us": ["--html", "--impose"], "us-oh": ["--html"]})


def test_build_reports_no_missing_translation(arabic: tuple[Path, str]) -> None:
    _, output = arabic
    assert "no translation" not in output
    assert ": warning:" not in output
    assert tr.missing_counts(output, LANG) == ["0"] * (len(tr.pdfs(BUILDS)) + 1)


@pytest.mark.parametrize("region", list(BUILDS))
def test_booklet_headings_are_arabic(arabic: tuple[Path, str], region: str) -> None:
    text = flat(pdf_text(arabic[0] / region / LANG / "booklet.pdf"))
    assert tr.absent(tr.section_titles(LANG), text) == []
    assert tr.present(tr.section_titles("en"), text) == []
    for heading in ("الهيروين والمواد الأفيونية", "جرعة زائدة؟ اتصل بالرقم 911", "المصادر", "عيادتك",
                    "اضطراب تعاطي المواد الأفيونية", "هذه معلومات عامة", "الولايات المتحدة" if
                    region == "us" else "كندا"):
        assert heading in text
    assert "Give naloxone" not in text and "Where to get help" not in text


@pytest.mark.parametrize("region", list(BUILDS))
def test_trifold_and_card_are_arabic(arabic: tuple[Path, str], region: str) -> None:
    trifold = flat(pdf_text(arabic[0] / region / LANG / "trifold.pdf"))
    card = flat(pdf_text(arabic[0] / region / LANG / "card.pdf"))
    for heading in ("علامات الجرعة الزائدة", "ماذا تفعل", "العلاج ينجح", "أين تجد المساعدة"):
        assert heading in trifold
    assert "جرعة زائدة؟ اتصل بالرقم 911" in card and "أين تجد المساعدة" in card
    assert "Give naloxone" not in trifold + card


@pytest.mark.parametrize(("region", "fmt"), [(r, f) for r, f in tr.pdfs(BUILDS) if f != "card"])
def test_every_phone_number_is_intact(arabic: tuple[Path, str], region: str, fmt: str) -> None:
    text = flat(pdf_text(arabic[0] / region / LANG / f"{fmt}.pdf"))
    printed = tr.numbers(region)
    assert "1-800-662-4357" in printed or "1-888-688-6677" in printed
    for number in printed:
        assert number in text
        reversed_alone = re.compile(rf"(?<![\d-]){re.escape(number[::-1])}(?![\d-])")
        assert number == number[::-1] or not reversed_alone.search(text), f"{number} printed reversed"


@pytest.mark.parametrize("region", list(BUILDS))
def test_card_numbers_are_intact(arabic: tuple[Path, str], region: str) -> None:
    text = flat(pdf_text(arabic[0] / region / LANG / "card.pdf"))
    printed = tr.numbers(region, first_lines=2)
    assert printed and "911" in text
    assert tr.absent(printed, text) == []


def test_body_text_is_right_aligned(arabic: tuple[Path, str]) -> None:
    path = arabic[0] / "us" / LANG / "booklet.pdf"
    page = page_with(path, tr.title_of(LANG, "heroin"))
    width = page_sizes_mm(path)[page - 1][0] * 72 / 25.4
    body = [(row[0].x0, max(c.x1 for c in row)) for row in visual_lines(path, page)
            if row[0].y1 > 45]  # above the page number
    right_margin = width - 13 * 72 / 25.4  # styles/booklet.css
    assert len(body) > 15
    assert all(abs(x1 - right_margin) < 1.5 for _, x1 in body), body
    starts = sorted(x0 for x0, _ in body)
    assert starts[-1] - starts[0] > 100, "lines should start at different places: ragged on the left"


def test_numbers_read_left_to_right_inside_arabic(arabic: tuple[Path, str]) -> None:
    path = arabic[0] / "us" / LANG / "booklet.pdf"
    page = page_with(path, "1-800-662-4357")
    line = next(text for text in map(glyph_text, visual_lines(path, page)) if "4357" in text)
    # Arabic letters stand right to left, so "اتصل" (call) shows in reverse glyph order,
    # while the number that follows it keeps its digits left to right.
    assert "1-800-662-4357" in line and "لصتا" in line
    assert line.index("1-800-662-4357") < line.index("لصتا")


def test_html_is_right_to_left_with_isolated_numbers(arabic: tuple[Path, str]) -> None:
    html = (arabic[0] / "us" / LANG / "booklet.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in html
    for value in ("1-800-662-4357", "911", "435748", "findtreatment.gov", "2026.2"):
        assert f"{LRI}{value}{PDI}" in html, value
    # A reference is one English citation, laid out left to right as a whole.
    assert re.search(r'<span class="citation" lang="en" dir="ltr">National Institute on Drug Abuse\. '
                     r'[^<]*<a href="[^"]*">nida\.nih\.gov/research-topics/heroin</a></span>', html)
    trifold = (arabic[0] / "us-oh" / LANG / "trifold.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in trifold
    assert f"{LRI}4HOPE{PDI}" in trifold and f"{LRI}741741{PDI}" in trifold


def test_trifold_panels_are_mirrored(arabic: tuple[Path, str]) -> None:
    html = (arabic[0] / "us" / LANG / "trifold.html").read_text(encoding="utf-8")
    # The HTML holds the panels in reading order; the stylesheet places them, mirrored.
    assert re.findall(r'data-panel="([^"]+)"', html) == [
        "front cover", "inside flap", "inside left", "inside middle", "inside right", "back"]
    path = arabic[0] / "us" / LANG / "trifold.pdf"
    width = page_sizes_mm(path)[0][0] * 72 / 25.4
    thirds = [(0, width / 3), (width / 3, 2 * width / 3), (2 * width / 3, width)]
    expected = {1: ["الهيروين والمواد الأفيونية", "ابحث عن علاج قريب منك", "علامات الجرعة الزائدة"],
                2: ["أين تجد المساعدة", "العلاج ينجح", "لتكون أكثر"]}
    for page, headings in expected.items():
        for (left, right), heading in zip(thirds, headings, strict=True):
            assert heading in area_text(path, page, left, right), (page, heading)


def test_imposed_booklet_is_mirrored(arabic: tuple[Path, str]) -> None:
    reading = arabic[0] / "us" / LANG / "booklet.pdf"
    imposed = arabic[0] / "us" / LANG / "booklet-imposed.pdf"
    pages = len(page_sizes_mm(reading))
    sheet = page_sizes_mm(imposed)[0][0] * 72 / 25.4
    order = saddle_order(pages, rtl=True)
    assert order[0] == (1, pages), "a right-to-left cover sits on the left of the first sheet"
    assert len(page_sizes_mm(imposed)) == len(order)
    for side, (left, right) in enumerate(order, start=1):
        assert area_text(imposed, side, 0, sheet / 2) == flat(pdf_text(reading, left)), (side, left)
        assert area_text(imposed, side, sheet / 2, sheet) == flat(pdf_text(reading, right)), (side, right)
    assert "الهيروين والمواد الأفيونية" in area_text(imposed, 1, 0, sheet / 2)
    assert "عيادتك" in area_text(imposed, 1, sheet / 2, sheet)


@pytest.mark.parametrize(("region", "fmt"), tr.pdfs(BUILDS))
def test_language_is_set_and_fonts_embedded(arabic: tuple[Path, str], region: str, fmt: str) -> None:
    path = arabic[0] / region / LANG / f"{fmt}.pdf"
    assert tr.pdf_lang(path) == LANG
    fonts = pdf_fonts(path)
    assert fonts and all(embedded for _, embedded in fonts)
    assert all("Noto" in name for name, _ in fonts)
    assert any(NASKH.match(name) for name, _ in fonts)


def test_arabic_text_and_page_numbers_use_naskh(arabic: tuple[Path, str]) -> None:
    path = arabic[0] / "us" / LANG / "booklet.pdf"
    glyphs = list(chars(path, 2))
    arabic_fonts = {c.fontname for c in glyphs if "\u0600" <= c.get_text() <= "\u06ff"}
    page_number = [c for c in glyphs if c.y1 < 45 and c.get_text().isdigit()]
    assert arabic_fonts and all(NASKH.match(name) for name in arabic_fonts), arabic_fonts
    assert [c.get_text() for c in page_number] == ["2"]
    assert NASKH.match(page_number[0].fontname), page_number[0].fontname
