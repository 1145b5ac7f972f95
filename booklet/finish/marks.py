"""Page geometry in points, and crop and fold marks drawn outside the trim and the bleed.

WeasyPrint's own ``marks: crop`` are drawn inside the CSS bleed and come out short at 3 mm,
so the tool draws its own: the page grows by a slug beyond the bleed, and each mark starts
just outside the bleed. Crop marks are solid lines, fold marks dashed; both are drawn in
registration black (the ``All`` separation, so every printing plate carries them) and
tagged as artifacts so the reading PDF stays PDF/UA.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass

import pikepdf

PT_PER_MM = 72 / 25.4
MARK_GAP = 1.0 * PT_PER_MM
MARK_LENGTH = 6.0 * PT_PER_MM
SLUG = MARK_GAP + MARK_LENGTH + 1.0 * PT_PER_MM
"""Room beyond the bleed edge for the marks."""
FOLD_DASH = 1.0 * PT_PER_MM
REGISTRATION = "Registration"
"""Name of the registration colour space in page resources."""


@dataclass(frozen=True)
class Rect:
    """A rectangle in PDF points, lower left to upper right."""

    x0: float
    y0: float
    x1: float
    y1: float

    @classmethod
    def of(cls, box: pikepdf.Object) -> Rect:
        """Read a PDF box array."""
        x0, y0, x1, y1 = (float(v) for v in box)
        return cls(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))

    @property
    def width(self) -> float:
        """Width in points."""
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        """Height in points."""
        return self.y1 - self.y0

    def grow(self, by: float) -> Rect:
        """This rectangle with ``by`` points added on every side."""
        return Rect(self.x0 - by, self.y0 - by, self.x1 + by, self.y1 + by)

    def array(self) -> pikepdf.Array:
        """As a PDF box array."""
        return pikepdf.Array([round(v, 3) for v in (self.x0, self.y0, self.x1, self.y1)])

    def path(self) -> str:
        """A ``re`` path operator for this rectangle."""
        return f"{self.x0:.3f} {self.y0:.3f} {self.width:.3f} {self.height:.3f} re"


def geometry(page: pikepdf.Page) -> tuple[Rect, float]:
    """The page's trim box and its bleed in points (0 when it has none)."""
    trim = Rect.of(page.obj.get("/TrimBox", page.mediabox))
    media = Rect.of(page.mediabox)
    bleed_box = Rect.of(page.obj["/BleedBox"]) if "/BleedBox" in page.obj else media
    return trim, max(0.0, round(trim.x0 - max(bleed_box.x0, media.x0), 3))


def cut_marks(xs: Iterable[float], ys: Iterable[float], frame: Rect, bleed: float) -> bytes:
    """Marks for every vertical cut at ``xs`` and horizontal cut at ``ys`` around ``frame``."""
    start, end = bleed + MARK_GAP, bleed + MARK_GAP + MARK_LENGTH
    lines = [line for x in sorted(set(xs)) for line in (
        (x, frame.y1 + start, x, frame.y1 + end), (x, frame.y0 - start, x, frame.y0 - end))]
    lines += [line for y in sorted(set(ys)) for line in (
        (frame.x0 - start, y, frame.x0 - end, y), (frame.x1 + start, y, frame.x1 + end, y))]
    return _stroke(lines, "[] 0 d")


def fold_marks(xs: Iterable[float], frame: Rect, bleed: float) -> bytes:
    """Dashed marks above and below ``frame`` for every vertical fold at ``xs``."""
    start, end = bleed + MARK_GAP, bleed + MARK_GAP + MARK_LENGTH
    lines = [line for x in sorted(set(xs)) for line in (
        (x, frame.y1 + start, x, frame.y1 + end), (x, frame.y0 - start, x, frame.y0 - end))]
    return _stroke(lines, f"[{FOLD_DASH:.3f}] 0 d")


def _stroke(lines: list[tuple[float, float, float, float]], dash: str) -> bytes:
    ops = "".join(f"{a:.3f} {b:.3f} m {c:.3f} {d:.3f} l S\n" for a, b, c, d in lines)
    return (f"/Artifact BMC q /{REGISTRATION} CS 1 SCN 0.3 w {dash}\n{ops}Q EMC\n"
            .encode("ascii"))


def registration(pdf: pikepdf.Pdf) -> pikepdf.Array:
    """The registration colour space: a tint of every separation (``/All``), CMYK 1 1 1 1."""
    tint = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 1, 1, 1], N=1)
    return pikepdf.Array([pikepdf.Name.Separation, pikepdf.Name.All, pikepdf.Name.DeviceCMYK,
                          pdf.make_indirect(tint)])


def with_registration(pdf: pikepdf.Pdf, resources: pikepdf.Object,
                      space: pikepdf.Array | None = None) -> pikepdf.Array:
    """Add the registration colour space to ``resources`` (shared ``space`` if given)."""
    space = space if space is not None else pdf.make_indirect(registration(pdf))
    if "/ColorSpace" not in resources:
        resources.ColorSpace = pikepdf.Dictionary()
    resources.ColorSpace[f"/{REGISTRATION}"] = space
    return space


def set_boxes(page: pikepdf.Page, trim: Rect, bleed: float) -> None:
    """Grow the page to hold the bleed and the marks (none without a bleed); record trim and
    bleed boxes."""
    page.obj.MediaBox = trim.grow(bleed + SLUG if bleed else 0.0).array()
    page.obj.TrimBox = trim.array()
    page.obj.BleedBox = trim.grow(bleed).array()
    if "/CropBox" in page.obj:
        del page.obj["/CropBox"]


def add_crop_marks(data: bytes, folds: tuple[tuple[float, ...], ...] = ()) -> bytes:
    """Give every page of a PDF rendered with a CSS bleed corner crop marks outside the
    bleed, and fold marks at ``folds`` (per page, points from the trim's left edge)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        space = None
        for number, page in enumerate(pdf.pages):
            trim = Rect.of(page.obj.get("/TrimBox", page.mediabox))
            bleed = round(trim.x0 - Rect.of(page.mediabox).x0, 3)
            set_boxes(page, trim, bleed)
            space = with_registration(pdf, page.obj.Resources, space)
            on_page = folds[number] if number < len(folds) else ()
            # The page's own drawing is wrapped in q/Q so the marks start from a clean state.
            page.contents_add(pdf.make_stream(b"q\n"), prepend=True)
            page.contents_add(pdf.make_stream(
                b"Q\n" + cut_marks((trim.x0, trim.x1), (trim.y0, trim.y1), trim, bleed)
                + (fold_marks([trim.x0 + x for x in on_page], trim, bleed) if on_page else b"")))
        return save(pdf)


def save(pdf: pikepdf.Pdf, version: str = "") -> bytes:
    """Compressed, reproducible bytes (as PDF ``version`` when given)."""
    out = io.BytesIO()
    if version:
        pdf.save(out, deterministic_id=True, compress_streams=True, force_version=version,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
    else:
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def bleed_css(bleed_mm: float) -> str:
    """The @page rule that makes WeasyPrint paint backgrounds into the bleed."""
    return f"@page {{ bleed: {bleed_mm:g}mm }}" if bleed_mm else ""
