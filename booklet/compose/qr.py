"""QR codes as inline SVG: vector, tagged with a ``<title>`` that becomes the alt text."""

from __future__ import annotations

import segno
from markupsafe import Markup


def qr_svg(url: str, alt: str) -> Markup:
    """An SVG QR code for ``url``; ``alt`` (already translated) is read out by screen readers."""
    code = segno.make(url, error="m", micro=False)
    return Markup(code.svg_inline(title=alt, omitsize=True, svgclass="qr", lineclass=None))  # noqa: S704
