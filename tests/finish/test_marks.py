"""Print-shop bleed: boxes, crop marks outside the bleed, tags kept; the --bleed option."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner, Result

from booklet.cli import cli
from booklet.finish.marks import PT_PER_MM, Rect, cut_marks
from booklet.load.project import shipped_root
from tests.conftest import EPOCH

BLEED = 3 * PT_PER_MM
LINE = re.compile(rb"([-\d.]+) ([-\d.]+) m ([-\d.]+) ([-\d.]+) l S")


def _segments(stream: bytes) -> list[tuple[float, ...]]:
    return [tuple(float(v) for v in m.groups()) for m in LINE.finditer(stream)]


def test_marks_start_outside_the_bleed() -> None:
    trim = Rect(0, 0, 100, 200)
    lines = _segments(cut_marks((0, 100), (0, 200), trim, BLEED))
    assert len(lines) == 8
    bleed_box = trim.grow(BLEED)
    for x0, y0, x1, y1 in lines:
        for x, y in ((x0, y0), (x1, y1)):
            inside = bleed_box.x0 < x < bleed_box.x1 and bleed_box.y0 < y < bleed_box.y1
            assert not inside
        assert max(abs(x1 - x0), abs(y1 - y0)) >= 5 * PT_PER_MM  # long enough to cut by


def test_marks_are_artifacts() -> None:
    stream = cut_marks((0,), (0,), Rect(0, 0, 10, 10), 0)
    assert stream.startswith(b"/Artifact BMC") and stream.rstrip().endswith(b"EMC")


@pytest.fixture(scope="module")
def bled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bleed")
    result = CliRunner(env={"SOURCE_DATE_EPOCH": EPOCH}).invoke(cli, [
        "build", "--project", str(shipped_root()), "--out", str(out), "--jobs", "1", "--impose",
        "--bleed", "3mm", "-f", "booklet", "-f", "card"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out / "us" / "en"


@pytest.mark.parametrize("name", ["booklet.pdf", "booklet-imposed.pdf", "card.pdf"])
def test_bleed_boxes(bled: Path, name: str) -> None:
    with pikepdf.open(bled / name) as pdf:
        for page in pdf.pages:
            trim, bleed, media = (Rect.of(page.obj[k]) for k in ("/TrimBox", "/BleedBox", "/MediaBox"))
            assert abs(trim.x0 - bleed.x0 - BLEED) < 0.01 and abs(bleed.y1 - trim.y1 - BLEED) < 0.01
            assert bleed.x0 - media.x0 >= 7 * PT_PER_MM  # room for the marks beyond the bleed


def test_reading_pdf_keeps_its_tags_with_marks(bled: Path) -> None:
    with pikepdf.open(bled / "booklet.pdf") as pdf:
        assert "/StructTreeRoot" in pdf.Root and str(pdf.Root.Lang) == "en"
        assert pdf.Root.MarkInfo.Marked


def test_trim_size_is_unchanged_by_bleed(bled: Path) -> None:
    with pikepdf.open(bled / "card.pdf") as pdf:
        trim = Rect.of(pdf.pages[0].obj["/TrimBox"])
    assert (round(trim.width, 1), round(trim.height, 1)) == (252.0, 144.0)


@pytest.mark.parametrize(("value", "message"), [("3", "with a unit"), ("20mm", "outside 0 to 10 mm"),
                                                 ("3furlongs", "with a unit")])
def test_bad_bleed_values(run_cli: Callable[..., Result], value: str, message: str) -> None:
    result = run_cli("build", "--bleed", value)
    assert result.exit_code == 2 and message in result.output
