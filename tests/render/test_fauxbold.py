"""Bold Chinese is the regular face stroked as it is filled; one font program is embedded,
and documents without a subset family keep their real bold faces and their bytes."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pikepdf

from booklet.render.fauxbold import drawing, merge_synthetic, stroke_width
from tests.conftest import pdf_text


def shown(path: Path) -> list[tuple[str, int, float, str]]:
    """(font resource, text rendering mode, line width, glyph codes) of every text run."""
    runs = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            font, mode, widths = "", 0, [1.0]
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op == "q":
                    widths.append(widths[-1])
                elif op == "Q":
                    widths.pop()
                    mode = 0  # the rendering mode is part of the graphics state
                elif op == "w":
                    widths[-1] = float(operands[0])
                elif op == "Tf":
                    font = str(operands[0])
                elif op == "Tr":
                    mode = int(operands[0])
                elif op == "TJ":
                    codes = "".join(bytes(item).hex() for item in operands[0]
                                    if isinstance(item, pikepdf.String))
                    runs.append((font, mode, widths[-1], codes))
    return runs


def font_programs(path: Path) -> set[tuple[int, int]]:
    with pikepdf.open(path) as pdf:
        return {font.DescendantFonts[0].FontDescriptor.FontFile3.objgen
                for page in pdf.pages for font in page.Resources.Font.values()}


def test_bold_chinese_is_the_regular_face_filled_and_stroked(chinese: Path) -> None:
    booklet = chinese / "booklet.pdf"
    runs = shown(booklet)
    stroked = [run for run in runs if run[1] == 2]
    filled = [run for run in runs if run[1] == 0]
    assert stroked and filled, "headings and safety steps are bold, body text is not"
    assert all(0.3 < width < 1.2 for _, _, width, _ in stroked)
    assert len(font_programs(booklet)) == 1, "bold draws the regular face's outlines"
    with pikepdf.open(booklet) as pdf:
        names = {str(page.Resources.Font[font].BaseFont) for page in pdf.pages
                 for font in page.Resources.Font}
    assert len(names) == 1 and not any(name.endswith("-Bold") for name in names)
    assert "拨打 911，并给对方用纳洛酮" in pdf_text(booklet).replace("\n", "")


def test_english_keeps_its_real_bold_face_and_draws_no_strokes(chinese: Path) -> None:
    english = chinese.parent / "en" / "booklet.pdf"
    assert {mode for _, mode, _, _ in shown(english)} == {0}
    with pikepdf.open(english) as pdf:
        names = {str(font.BaseFont) for page in pdf.pages for font in page.Resources.Font.values()}
    assert any(name.endswith("-Bold") for name in names)


def test_the_stroke_is_a_24th_of_small_text_and_a_32nd_of_large() -> None:
    assert stroke_width(9) == 0.375 and stroke_width(6) == 0.25
    assert stroke_width(36) == 1.125 and stroke_width(72) == 2.25
    assert stroke_width(9) < stroke_width(18) < stroke_width(36)


def _font(name: str, family: str, weight: int, content: bytes, widths: dict[int, float]) -> SimpleNamespace:
    return SimpleNamespace(hash=name, family=family, weight=weight, index=0, file_content=content,
                           widths=dict(widths), to_unicode={g: chr(0x4E00 + g) for g in widths})


def test_only_a_stand_in_of_the_same_face_with_the_same_widths_is_merged() -> None:
    fonts = {1: _font("R", "CJK 1a", 400, b"face", {1: 1000, 2: 1000}),
             2: _font("B", "CJK 1a", 700, b"face", {2: 1000, 3: 500}),
             3: _font("V", "Var", 400, b"variable", {1: 600}),
             4: _font("W", "Var", 700, b"variable", {1: 600}),
             5: _font("X", "CJK 1a", 700, b"other face", {1: 1000})}
    with drawing(frozenset({"CJK 1a"})):
        assert merge_synthetic(fonts) == {"B": "R"}
    assert set(fonts) == {1, 3, 4, 5}, "a variable font's weights are not stand-ins"
    assert fonts[1].widths == {1: 1000, 2: 1000, 3: 500} and set(fonts[1].to_unicode) == {1, 2, 3}
    clash = {1: _font("R", "CJK 1a", 400, b"face", {1: 1000}),
             2: _font("B", "CJK 1a", 700, b"face", {1: 1040})}
    with drawing(frozenset({"CJK 1a"})):
        assert merge_synthetic(clash) == {}
    assert merge_synthetic(fonts) == {}, "outside a document with subset families, nothing"
