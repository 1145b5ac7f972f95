"""RGB to CMYK for a print shop: every colour a rendered PDF draws, rewritten as ink.

WeasyPrint writes sRGB (``rg``/``RG``, RGB shadings and images, RGB transparency groups);
a PDF/X-4 file with a CMYK output intent may hold none of that. The rules:

- greys are black ink only (C = M = Y = 0), so text never separates on to four plates and
  never misregisters; a grey darker than 10 % from black is solid black (0/0/0/100), so
  body text (#111) is never screened;
- other colours go through the output profile (sRGB → CMYK, relative colorimetric with
  black-point compensation, by littleCMS through Pillow);
- images are converted pixel by pixel the same way (their alpha masks stay as they are);
- transparency groups blend in CMYK (soft-mask groups in grey).
"""

from __future__ import annotations

import zlib
from functools import lru_cache
from typing import Any, cast

import pikepdf
from PIL import Image, ImageCms

from booklet.errors import BookletError

SOLID = 0.1
"""Greys at most this far from black print as solid black ink."""
NEUTRAL = 1 / 255
RGB, CMYK, GRAY = pikepdf.Name.DeviceRGB, pikepdf.Name.DeviceCMYK, pikepdf.Name.DeviceGray
CMYK_OPS = {"rg": "k", "RG": "K"}


class Inks:
    """Converts sRGB colours and images to the CMYK of one output profile."""

    def __init__(self, profile: bytes) -> None:
        import io

        self.transform = ImageCms.buildTransform(
            ImageCms.createProfile("sRGB"), ImageCms.ImageCmsProfile(io.BytesIO(profile)),
            "RGB", "CMYK", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
            flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)
        self.cmyk = lru_cache(maxsize=4096)(self._cmyk)

    def _cmyk(self, r: float, g: float, b: float) -> tuple[float, float, float, float]:
        if max(r, g, b) - min(r, g, b) <= NEUTRAL:
            grey = (r + g + b) / 3
            return (0.0, 0.0, 0.0, 1.0 if grey <= SOLID else round(1 - grey, 4))
        pixel = Image.new("RGB", (1, 1), tuple(round(v * 255) for v in (r, g, b)))
        c, m, y, k = cast(tuple[int, int, int, int], self._apply(pixel).getpixel((0, 0)))
        return (round(c / 255, 4), round(m / 255, 4), round(y / 255, 4), round(k / 255, 4))

    def _apply(self, image: Image.Image) -> Image.Image:
        converted = ImageCms.applyTransform(image, self.transform)
        if converted is None:
            raise BookletError("--pdfx: the CMYK profile could not convert an image")
        return converted

    def image(self, image: pikepdf.Stream) -> None:
        """Convert an RGB image XObject to CMYK in place."""
        pil = pikepdf.PdfImage(image).as_pil_image().convert("RGB")
        cmyk = self._apply(pil)
        image.write(zlib.compress(cmyk.tobytes()), filter=pikepdf.Name.FlateDecode)
        image.ColorSpace = CMYK
        image.BitsPerComponent = 8
        for key in ("/DecodeParms", "/Decode"):
            if key in image:
                del image[key]

    def function(self, function: pikepdf.Object) -> None:
        """Convert the colour ends of an exponential (2) or stitching (3) function."""
        kind = int(function.FunctionType)
        if kind == 2:
            for key in ("/C0", "/C1"):
                values = [float(v) for v in function.get(key, [0, 0, 0] if key == "/C0" else [1, 1, 1])]
                function[key] = pikepdf.Array(self.cmyk(*values))
        elif kind == 3:
            for part in function.Functions:
                self.function(part)
        else:
            raise BookletError(f"--pdfx: cannot convert a type {kind} colour function to CMYK")

    def content(self, stream: pikepdf.Object) -> bytes:
        """The content stream with every RGB colour operator written as CMYK."""
        out: list[Any] = []
        spaces, stack = {"fill": False, "stroke": False}, []
        for instruction in pikepdf.parse_content_stream(stream):
            operands: list[Any] = list(instruction.operands)
            operator = instruction.operator
            op = str(operator)
            if op in CMYK_OPS:
                operands = list(self.cmyk(*map(float, operands)))
                operator = pikepdf.Operator(CMYK_OPS[op])
            elif op in ("cs", "CS"):
                rgb = operands[0] == RGB
                spaces["fill" if op == "cs" else "stroke"] = rgb
                operands = [CMYK] if rgb else operands
            elif op in ("sc", "scn", "SC", "SCN") and spaces["fill" if op.islower() else "stroke"] \
                    and len(operands) == 3:
                operands = list(self.cmyk(*map(float, operands)))
            elif op == "q":
                stack.append(dict(spaces))
            elif op == "Q" and stack:
                spaces = stack.pop()
            out.append((operands, operator))
        return pikepdf.unparse_content_stream(out)


def convert(pdf: pikepdf.Pdf, inks: Inks) -> None:
    """Rewrite every colour of ``pdf`` as CMYK (see the module docstring)."""
    masks = {mask.G.objgen for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary)
             for mask in [obj.get("/SMask")] if isinstance(mask, pikepdf.Dictionary) and "/G" in mask}
    for page in pdf.pages:
        page.obj.Contents = pdf.make_stream(inks.content(page.obj))
        _group(page.obj, CMYK)
    for obj in list(pdf.objects):
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            continue
        drawn = obj.get("/Subtype") == "/Form" or obj.get("/PatternType") == 1
        if isinstance(obj, pikepdf.Stream) and drawn:
            obj.write(inks.content(obj))
            _group(obj, GRAY if obj.objgen in masks else CMYK)
        elif isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image" \
                and obj.get("/ColorSpace") == RGB:
            inks.image(obj)
        elif "/ShadingType" in obj and obj.get("/ColorSpace") == RGB:
            obj.ColorSpace = CMYK
            inks.function(obj.Function)


def _group(obj: pikepdf.Object, space: pikepdf.Name) -> None:
    group = obj.get("/Group")
    if isinstance(group, pikepdf.Dictionary) and group.get("/CS") == RGB:
        group.CS = space
