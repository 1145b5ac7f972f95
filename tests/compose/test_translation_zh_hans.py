"""Simplified Chinese (zh-Hans) end to end: real PDFs from the shipped content, read back as a
reader gets them, with the CJK checks: glyphs from Noto Sans CJK SC (page numbers included),
never a fallback font, and no line starting with closing punctuation."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
import tinycss2

from booklet.load.project import shipped_root
from tests.compose import translations as tr
from tests.conftest import pdf_fonts, pdf_text

LANG = "zh-Hans"
BUILDS = {"us": ["booklet", "trifold", "card"], "ca": ["booklet", "card"]}
CJK_FONT = re.compile(r"^[A-Z]{6}\+Noto-Sans-CJK-SC(-[0-9a-f]{10})?(-Bold)?$")
"""A CJK face; the hex tag names its subset to the document's characters (render/subset.py)."""
CLOSING = tuple("，。、；：！？）》」』”’")
OPENING = tuple("（《「『“‘")
BFCHAR = re.compile(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>")


def to_unicode(font: pikepdf.Object) -> dict[int, str]:
    """A font's glyph code -> text map, from the ToUnicode CMap WeasyPrint writes (bfchar only)."""
    cmap = font.ToUnicode.read_bytes().decode("latin-1")
    return {int(src, 16): bytes.fromhex(dst).decode("utf-16-be")
            for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.DOTALL)
            for src, dst in BFCHAR.findall(block)}


def text_runs(page: pikepdf.Page) -> list[tuple[str, str]]:
    """(font name, text) for every text object drawn on the page, in drawing order."""
    fonts = {str(name): (str(font.BaseFont).lstrip("/"), to_unicode(font))
             for name, font in page.Resources.Font.items()}
    runs: list[tuple[str, str]] = []
    font: tuple[str, dict[int, str]] = ("", {})
    for instruction in pikepdf.parse_content_stream(page):
        operands, operator = instruction.operands, instruction.operator
        if str(operator) == "Tf":
            font = fonts[str(operands[0])]
        elif str(operator) in ("Tj", "TJ"):
            strings = operands[0] if str(operator) == "TJ" else [operands[0]]
            codes = b"".join(bytes(s) for s in strings if isinstance(s, pikepdf.String))
            text = "".join(font[1].get(int.from_bytes(codes[i:i + 2], "big"), "\ufffd")
                           for i in range(0, len(codes), 2))
            runs.append((font[0], text))
    return runs


@pytest.fixture(scope="module")
def chinese(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """us/zh-Hans in three formats and ca/zh-Hans as booklet and card, with the HTML kept."""
    return tr.build_language(tmp_path_factory, LANG, BUILDS, {region: ["--html"] for region in BUILDS})


def test_build_reports_no_missing_translation(chinese: tuple[Path, str]) -> None:
    _, output = chinese
    assert "no translation" not in output
    assert ": warning:" not in output
    assert tr.missing_counts(output, LANG) == ["0"] * len(tr.pdfs(BUILDS))


@pytest.mark.parametrize("region", ["us", "ca"])
def test_booklet_headings_are_chinese(chinese: tuple[Path, str], region: str) -> None:
    text = tr.flat(pdf_text(chinese[0] / region / LANG / "booklet.pdf"))
    assert tr.absent(tr.section_titles(LANG), text) == []
    assert tr.present(tr.section_titles("en"), text) == []
    for heading in ("海洛因和阿片类药物", "用药过量？请拨打 911", "资料来源", "您的诊所",
                    "阿片类药物使用障碍", "这是一般性信息，不是医疗建议"):
        assert heading in text
    assert "Give naloxone" not in text and "Where to get help" not in text


def test_trifold_and_card_are_chinese(chinese: tuple[Path, str]) -> None:
    trifold = tr.flat(pdf_text(chinese[0] / "us" / LANG / "trifold.pdf"))
    card = tr.flat(pdf_text(chinese[0] / "us" / LANG / "card.pdf"))
    for heading in ("用药过量的迹象", "怎么做", "更安全的做法", "治疗有效", "哪里可以得到帮助",
                    "查找附近的治疗"):
        assert heading in trifold
    assert "用药过量？请拨打 911" in card and "哪里可以得到帮助" in card
    assert "Give naloxone" not in trifold + card


@pytest.mark.parametrize(("region", "fmt"), [("us", "booklet"), ("us", "trifold"), ("ca", "booklet")])
def test_every_phone_number_is_intact(chinese: tuple[Path, str], region: str, fmt: str) -> None:
    text = tr.flat(pdf_text(chinese[0] / region / LANG / f"{fmt}.pdf"))
    printed = tr.numbers(region)
    assert printed and "请拨打 911" in text
    assert tr.absent(printed, text) == []


@pytest.mark.parametrize("region", ["us", "ca"])
def test_card_numbers_are_intact(chinese: tuple[Path, str], region: str) -> None:
    text = tr.flat(pdf_text(chinese[0] / region / LANG / "card.pdf"))
    printed = tr.numbers(region, first_lines=2)
    assert printed
    assert tr.absent(printed, text) == []


@pytest.mark.parametrize(("region", "fmt"), tr.pdfs(BUILDS))
def test_language_is_set_in_the_pdf_and_the_html(chinese: tuple[Path, str], region: str, fmt: str) -> None:
    path = chinese[0] / region / LANG / f"{fmt}.pdf"
    assert tr.pdf_lang(path) == LANG
    html = path.with_suffix(".html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hans" dir="ltr">' in html


@pytest.mark.parametrize(("region", "fmt"), tr.pdfs(BUILDS))
def test_every_font_is_an_embedded_cjk_face(chinese: tuple[Path, str], region: str, fmt: str) -> None:
    """No fallback anywhere: Latin words, digits and page numbers come from the CJK font too."""
    fonts = pdf_fonts(chinese[0] / region / LANG / f"{fmt}.pdf")
    assert any(CJK_FONT.match(name) and not name.endswith("-Bold") for name, _ in fonts)
    assert all(embedded for _, embedded in fonts)
    assert [name for name, _ in fonts if not CJK_FONT.match(name)] == []


def test_a_chinese_heading_and_the_page_number_are_drawn_in_the_cjk_font(chinese: tuple[Path, str]) -> None:
    with pikepdf.open(chinese[0] / "us" / LANG / "booklet.pdf") as pdf:
        runs = text_runs(pdf.pages[1])
    heading = [font for font, text in runs if text == tr.title_of(LANG, "heroin")]
    page_number = [font for font, text in runs if text == "2"]
    assert heading and CJK_FONT.match(heading[0])
    assert page_number and CJK_FONT.match(page_number[-1])


def test_page_margin_boxes_name_the_cjk_font_first() -> None:
    """@page cannot take :lang(), so html:lang(zh-Hans) picks a named page whose boxes do."""
    rules = tinycss2.parse_stylesheet((shipped_root() / "styles" / "base.css").read_text(encoding="utf-8"),
                                      skip_comments=True, skip_whitespace=True)
    names = [decl.value for rule in rules if rule.type == "qualified-rule"
             and tinycss2.serialize(rule.prelude).strip() == "html:lang(zh-Hans)"
             for decl in tinycss2.parse_declaration_list(rule.content, True, True)
             if decl.type == "declaration" and decl.lower_name == "page"]
    assert len(names) == 1
    page_name = tinycss2.serialize(names[0]).strip()
    pages = [rule for rule in rules if rule.type == "at-rule" and rule.lower_at_keyword == "page"
             and tinycss2.serialize(rule.prelude).strip() == page_name]
    boxes = [item for rule in pages for item in tinycss2.parse_blocks_contents(rule.content, True, True)
             if item.type == "at-rule" and item.lower_at_keyword == "bottom-center"]
    assert boxes
    for box in boxes:
        fonts = [tinycss2.serialize(d.value).strip() for d in tinycss2.parse_declaration_list(box.content)
                 if d.type == "declaration" and d.lower_name == "font-family"]
        assert fonts and fonts[0].startswith('"Noto Sans CJK SC"')


@pytest.mark.parametrize(("region", "fmt"), tr.pdfs(BUILDS))
def test_no_line_starts_with_closing_punctuation(chinese: tuple[Path, str], region: str, fmt: str) -> None:
    """Kinsoku: a full stop, comma or closing bracket never begins a line, nor an opening one ends it."""
    lines = [line.strip() for line in pdf_text(chinese[0] / region / LANG / f"{fmt}.pdf").splitlines()]
    assert len(lines) > 5 and any("。" in line for line in lines)
    assert [line for line in lines if line.startswith(CLOSING)] == []
    assert [line for line in lines if line.endswith(OPENING)] == []
