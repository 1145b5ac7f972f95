"""--pdfx: PDF/X-4 print files in CMYK with an output intent, still tagged PDF/UA-1."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest

from booklet.finish.inks import Inks
from booklet.finish.profile import profile_path

FILES = ["booklet", "booklet-imposed", "trifold", "card", "card-sheet"]
TAGGED = ["booklet", "trifold", "card"]
TEXT_SHOWING = {"Tj", "TJ", "'", '"'}


def _streams(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Object]:
    yield from (page.obj for page in pdf.pages)
    yield from (obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream)
                and (obj.get("/Subtype") == "/Form" or obj.get("/PatternType") == 1))


def _rgb_anywhere(obj: pikepdf.Object, seen: set[tuple[int, int]]) -> bool:
    if isinstance(obj, pikepdf.Name):
        return obj == pikepdf.Name.DeviceRGB
    if not isinstance(obj, pikepdf.Object):
        return False
    if obj.is_indirect:
        if obj.objgen in seen:
            return False
        seen.add(obj.objgen)
    if isinstance(obj, pikepdf.Array):
        return any(_rgb_anywhere(item, seen) for item in obj)
    if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
        return any(_rgb_anywhere(value, seen) for key, value in obj.items() if key != "/Parent")
    return False


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("name", FILES)
def test_output_intent_and_pdfx_labels(print_files: Path, lang: str, name: str) -> None:
    with pikepdf.open(print_files / lang / f"{name}.pdf") as pdf:
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFX" and str(intent.OutputConditionIdentifier) == "FOGRA39"
        assert int(intent.DestOutputProfile.N) == 4
        assert intent.DestOutputProfile.read_bytes() == profile_path().read_bytes()
        assert str(pdf.docinfo["/GTS_PDFXVersion"]) == "PDF/X-4"
        assert pdf.docinfo["/Trapped"] == pikepdf.Name("/False")
        assert pdf.pdf_version == "1.6"
        meta = str(pdf.open_metadata())
        assert "GTS_PDFXVersion" in meta and "PDF/X-4" in meta
        assert ("pdfuaid:part" in meta) == (name in TAGGED)  # only tagged files claim PDF/UA
        if name in TAGGED:
            assert "/StructTreeRoot" in pdf.Root and str(pdf.Root.Lang) == lang


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("name", FILES)
def test_every_colour_is_cmyk(print_files: Path, lang: str, name: str) -> None:
    with pikepdf.open(print_files / lang / f"{name}.pdf") as pdf:
        operators = {str(op) for stream in _streams(pdf)
                     for _, op in pikepdf.parse_content_stream(stream)}
        assert not operators & {"rg", "RG"}
        assert not _rgb_anywhere(pdf.Root, set())


def test_text_is_solid_black_ink(print_files: Path) -> None:
    """Body text is 0/0/0/100: one plate, never screened; greys are black ink only."""
    colours: Counter[tuple[float, ...]] = Counter()
    with pikepdf.open(print_files / "en" / "booklet.pdf") as pdf:
        for page in pdf.pages:
            fill: tuple[float, ...] = ()
            for operands, op in pikepdf.parse_content_stream(page):
                if str(op) == "k":
                    fill = tuple(float(v) for v in operands)
                elif str(op) in TEXT_SHOWING:
                    colours[fill] += 1
    assert colours.most_common(1)[0][0] == (0, 0, 0, 1)
    greys = [c for c in colours if c[:3] == (0, 0, 0)]
    assert len(greys) >= 2  # the ink and the muted grey: both on the black plate only


def test_neutral_and_chromatic_conversion() -> None:
    inks = Inks(profile_path().read_bytes())
    assert inks.cmyk(0x11 / 255, 0x11 / 255, 0x11 / 255) == (0, 0, 0, 1)
    assert inks.cmyk(0.5, 0.5, 0.5) == (0, 0, 0, 0.5)
    c, m, y, _ = inks.cmyk(0x9B / 255, 0x1C / 255, 0x1C / 255)  # the accent red
    assert m > 0.8 and y > 0.7 and c < 0.3


def test_screen_pdf_stays_rgb(every_format: Path) -> None:
    with pikepdf.open(every_format / "booklet.pdf") as pdf:
        assert "/OutputIntents" not in pdf.Root
        assert "rg" in {str(op) for _, op in pikepdf.parse_content_stream(pdf.pages[0])}


def test_missing_profile_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from booklet.errors import BookletError
    from booklet.finish import profile

    monkeypatch.setattr(profile, "PROFILE_PLACES", (tmp_path,))
    with pytest.raises(BookletError, match="apt-get install scribus-data"):
        profile.profile_path()
