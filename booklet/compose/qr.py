"""QR codes as inline SVG: vector, tagged with a ``<title>`` that becomes the alt text."""

from __future__ import annotations

import segno
from markupsafe import Markup

from booklet.compose.environment import TemplateLimit


def qr_svg(url: str, alt: str) -> Markup:
    """An SVG QR code for ``url``; ``alt`` (already translated) is read out by screen readers.

    ``alt`` may arrive as markup (a translated string with escaped values): it is turned back
    into plain text, so that segno escapes it exactly once.
    """
    try:
        code = segno.make(str(url), error="m", micro=False)
    except segno.DataOverflowError as exc:
        raise TemplateLimit(f"{len(str(url))} characters are too many for a QR code",
                            "give qr() a shorter web address") from exc
    title = alt.unescape() if isinstance(alt, Markup) else str(alt)
    return Markup(code.svg_inline(title=title, omitsize=True, svgclass="qr", lineclass=None))  # noqa: S704
