"""Chinese PDFs embed only the glyphs they print, and stay reproducible across processes."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pikepdf
from fontTools.ttLib import TTFont

from booklet.build.fonts import FontFiles
from booklet.load.project import shipped_root
from booklet.render.subset import Subsets, arrange, language_glyphs, subset_face
from tests.conftest import pdf_text
from tests.render.conftest import FORMATS


def embedded_fonts(path: Path) -> dict[str, tuple[TTFont, set[int]]]:
    """Each embedded font program of a PDF and the glyph ids drawn with it (from /W)."""
    fonts = {}
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                cid_font = font.DescendantFonts[0]
                program = cid_font.FontDescriptor.get("/FontFile3") or cid_font.FontDescriptor.FontFile2
                widths, drawn = list(cid_font.W), set()
                for first, run in zip(widths[::2], widths[1::2], strict=True):
                    drawn |= set(range(int(first), int(first) + len(run)))
                fonts[str(font.BaseFont)] = (TTFont(io.BytesIO(program.read_bytes())), drawn)
    return fonts


def test_chinese_outputs_are_small(chinese: Path) -> None:
    # Before subsetting the card was 302 KB and the booklet 442 KB; with subsets of both
    # weights, 30 and 184 KB (edition 2026.2). Now one weight is embedded (fauxbold.py).
    sizes = {fmt: (chinese / f"{fmt}.pdf").stat().st_size for fmt in FORMATS}
    assert sizes["card"] < 40_000
    assert sizes["booklet"] < 150_000
    assert sizes["large-print"] < 180_000


def test_chinese_fonts_are_subsets_whose_cids_are_glyph_ids(chinese: Path) -> None:
    """A reader that maps codes through the CFF charset finds the glyph WeasyPrint meant."""
    fonts = embedded_fonts(chinese / "card.pdf")
    assert fonts and all("CJK" in name for name in fonts)
    for font, drawn in fonts.values():
        order = font.getGlyphOrder()
        assert len(order) < 400  # the whole font has 65,535 slots
        cids = {name: gid for gid, name in enumerate(order)}
        assert all(cids[f"cid{gid:05d}"] == gid for gid in drawn - {0})
    assert "纳洛酮" in pdf_text(chinese / "booklet.pdf")


def test_the_subset_cache_gives_the_same_bytes_in_other_processes(chinese: Path,
                                                                  tmp_path: Path) -> None:
    """A cold cache and a warm one, each in a new process, give the fixture's bytes."""
    cache = tmp_path / "cache"
    for run in ("cold", "warm"):
        out = tmp_path / run
        subprocess.run([sys.executable, "-c", "from booklet.cli import main; main()", "build",
                        "--project", str(shipped_root()), "--out", str(out), "-r", "us",
                        "-l", "zh-Hans", "-f", "card", "--jobs", "1"],
                       env={**os.environ, "BOOKLET_CACHE_DIR": str(cache)}, check=True,
                       capture_output=True)
        assert (out / "us" / "zh-Hans" / "card.pdf").read_bytes() == (chinese / "card.pdf").read_bytes()
    assert len(list((cache / "fonts").iterdir())) == 1  # the regular face, made once


def test_arranging_puts_mapped_glyphs_first_and_numbers_cids_by_glyph_id() -> None:
    face = next(f for f in FontFiles().faces("Noto Sans CJK SC") if f.weight == 400)
    made = subset_face(face, frozenset(map(ord, "海洛因 ab")))
    assert made is not None
    path, data = made
    assert path.read_bytes() == data == arrange(data)
    font = TTFont(io.BytesIO(data))
    cmap = font.getBestCmap()
    order = font.getGlyphOrder()
    assert sorted(order.index(cmap[ord(c)]) for c in "海洛因 ab") == list(range(1, 7))
    assert order[1:] == [f"cid{gid:05d}" for gid in range(1, len(order))]


def test_a_truetype_face_is_cut_and_left_in_its_order() -> None:
    face = next(f for f in FontFiles().faces("Noto Sans") if f.weight == 400 and not f.italic)
    made = subset_face(face, frozenset(map(ord, "naloxone")))
    assert made is not None
    font = TTFont(io.BytesIO(made[1]))
    assert "glyf" in font and set(font.getBestCmap()) == set(map(ord, "naloxone"))


def test_stylesheets_name_the_subset_before_the_family_it_stands_for() -> None:
    subsets = Subsets((("Noto Sans CJK SC", "Noto Sans CJK SC 0123456789"),))
    css = ('* { font-family: "Noto Sans", "Noto Sans CJK SC", sans-serif; }\n'
           "@page { @bottom-center { font-family: 'noto sans cjk sc' !important } }")
    assert subsets.rename(css) == (
        '* { font-family: "Noto Sans", "Noto Sans CJK SC 0123456789", "Noto Sans CJK SC", sans-serif; }\n'
        "@page { @bottom-center { font-family: \"Noto Sans CJK SC 0123456789\", 'noto sans cjk sc' "
        "!important} }")


def test_the_document_languages_forms_follow_the_mapped_glyphs() -> None:
    """Layout forms Chinese text is drawn with (and Latin's default forms) come before other
    languages' forms, so the slots WeasyPrint keeps end soon after the last glyph drawn."""
    face = next(f for f in FontFiles().faces("Noto Sans CJK SC") if f.weight == 400)
    text = "海洛因，（3）“a”"
    made = subset_face(face, frozenset(map(ord, text)), "zh-Hans")
    assert made is not None
    font = TTFont(io.BytesIO(made[1]))
    order = font.getGlyphOrder()
    mapped = set(font.getBestCmap().values()) | {order[0]}
    ours = language_glyphs(font, ("ZHS ",)) - mapped
    others = language_glyphs(font, ("JAN ", "KOR ", "ZHT ", "ZHH ")) - ours - mapped
    assert ours and others
    assert max(order.index(g) for g in mapped) < min(order.index(g) for g in ours)
    assert max(order.index(g) for g in ours) < min(order.index(g) for g in others)


def test_the_embedded_chinese_font_keeps_few_slots_it_does_not_draw(chinese: Path) -> None:
    [(font, drawn)] = embedded_fonts(chinese / "booklet.pdf").values()
    assert len(font.getGlyphOrder()) - len(drawn) < 100  # 540 before the forms were ordered
