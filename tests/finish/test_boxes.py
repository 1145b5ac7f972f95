"""Trim and bleed boxes on every page of every print file; fold and registration marks."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from booklet.finish.marks import FOLD_DASH, PT_PER_MM, REGISTRATION, Rect

PLAIN = ["booklet", "large-print", "trifold", "card", "booklet-imposed", "card-sheet"]


@pytest.mark.parametrize("name", PLAIN)
def test_boxes_without_bleed(every_format: Path, name: str) -> None:
    with pikepdf.open(every_format / f"{name}.pdf") as pdf:
        for page in pdf.pages:
            trim, bleed, media = (Rect.of(page.obj[k]) for k in ("/TrimBox", "/BleedBox", "/MediaBox"))
            assert media.x0 <= bleed.x0 <= trim.x0 and trim.x1 <= bleed.x1 <= media.x1


@pytest.mark.parametrize("name", ["booklet", "booklet-imposed", "trifold", "card", "card-sheet"])
def test_boxes_with_bleed(print_files: Path, name: str) -> None:
    with pikepdf.open(print_files / "en" / f"{name}.pdf") as pdf:
        for page in pdf.pages:
            trim, bleed = Rect.of(page.obj.TrimBox), Rect.of(page.obj.BleedBox)
            assert abs(trim.x0 - bleed.x0 - 3 * PT_PER_MM) < 0.01


def _folds(path: Path) -> list[list[float]]:
    """x of each dashed (fold) mark per page."""
    with pikepdf.open(path) as pdf:
        found = []
        for page in pdf.pages:
            dashed, xs = False, set()
            for operands, op in pikepdf.parse_content_stream(page):
                if str(op) == "d":
                    dashed = [float(v) for v in operands[0]] == [pytest.approx(FOLD_DASH, abs=0.01)]
                elif str(op) == "m" and dashed:
                    xs.add(round(float(operands[0]), 3))
                elif str(op) == "Q":
                    dashed = False
            found.append(sorted(xs))
        return found


def test_trifold_fold_marks_fall_between_panels(print_files: Path) -> None:
    with pikepdf.open(print_files / "en" / "trifold.pdf") as pdf:
        trim = Rect.of(pdf.pages[0].obj.TrimBox)
    # Outside: flap (33 %) | back | front; inside: left | middle | right (33 %).
    expected = [[0.33, 0.665], [0.335, 0.67]]
    for page, xs in zip(_folds(print_files / "en" / "trifold.pdf"), expected, strict=True):
        assert [round((x - trim.x0) / trim.width, 3) for x in page] == xs


def test_imposed_spine_has_a_fold_mark(print_files: Path) -> None:
    with pikepdf.open(print_files / "en" / "booklet-imposed.pdf") as pdf:
        trim = Rect.of(pdf.pages[0].obj.TrimBox)
    for xs in _folds(print_files / "en" / "booklet-imposed.pdf"):
        assert xs == [pytest.approx(trim.x0 + trim.width / 2, abs=0.01)]


@pytest.mark.parametrize("name", ["booklet", "booklet-imposed", "card-sheet"])
def test_marks_are_registration_black(print_files: Path, name: str) -> None:
    with pikepdf.open(print_files / "en" / f"{name}.pdf") as pdf:
        page = pdf.pages[0]
        space = page.obj.Resources.ColorSpace[f"/{REGISTRATION}"]
        assert space[0] == "/Separation" and space[1] == "/All" and space[2] == "/DeviceCMYK"
        ops = [(list(operands), str(op)) for operands, op in pikepdf.parse_content_stream(page)]
        assert ([pikepdf.Name(f"/{REGISTRATION}")], "CS") in ops
