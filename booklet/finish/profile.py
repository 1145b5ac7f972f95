"""Where ``--pdfx`` finds its CMYK output profile (a light module: the inputs hash reads it).

basICColor's *ISO Coated v2 300%* (FOGRA39, coated paper, 300 % total ink), zlib licence,
as Debian ships it in ``scribus-data``.
"""

from __future__ import annotations

from pathlib import Path

from booklet.errors import BookletError

PROFILE_NAME = "ISOcoated_v2_300_bas.icc"
PROFILE_PLACES = (
    Path("/usr/share/scribus/profiles"),  # Debian/Ubuntu: apt-get install scribus-data
    Path("/Applications/Scribus.app/Contents/share/scribus/profiles"),  # macOS
)


def profile_path() -> Path:
    """Where the CMYK output profile is installed, or an error that says how to install it."""
    for folder in PROFILE_PLACES:
        if (folder / PROFILE_NAME).is_file():
            return folder / PROFILE_NAME
    raise BookletError(f"--pdfx: the CMYK profile {PROFILE_NAME} is not installed (hint: "
                       "apt-get install scribus-data, or run scripts/setup.sh)")
