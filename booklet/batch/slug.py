"""Safe, unique folder names from organization names.

A name is transliterated to ASCII where Unicode can decompose it (Clínica Ñandú →
clinica-nandu). Letters it cannot (Arabic, Chinese …) are replaced by a stable hash of the
whole name, so the same name always gives the same folder. Later duplicates get ``-2``,
``-3`` … in row order. A slug is lower-case ASCII letters, digits and dashes, never a
path, never a Windows device name.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_LENGTH = 48
RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                      *(f"lpt{i}" for i in range(10))})
LATIN = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE",
                       "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "TH", "ı": "i"})
"""Latin letters that Unicode does not decompose into ASCII."""


def _ascii(name: str) -> tuple[str, bool]:
    """The name's ASCII letters and digits as words, and whether any letter was lost."""
    decomposed = unicodedata.normalize("NFKD", name.translate(LATIN))
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    lost = any(c.isalnum() and not c.isascii() for c in kept)
    words = re.findall(r"[a-z0-9]+", kept.encode("ascii", "ignore").decode().lower())
    return "-".join(words), lost


def slugify(name: str) -> str:
    """A folder name for ``name``: ASCII words, or a stable hash when letters cannot be kept."""
    text, lost = _ascii(name)
    text = text[:MAX_LENGTH].strip("-")
    if lost or not text:
        digest = hashlib.sha256(name.strip().encode("utf-8")).hexdigest()[:10]
        text = f"{text}-{digest}" if text else f"org-{digest}"
    return f"{text}-org" if text in RESERVED else text


class Slugs:
    """Hands out unique slugs in order: the second "acme" becomes "acme-2"."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, name: str) -> str:
        """The first free slug for ``name``."""
        base = slugify(name)
        slug, n = base, 1
        while slug in self.used:
            n += 1
            slug = f"{base}-{n}"
        self.used.add(slug)
        return slug
