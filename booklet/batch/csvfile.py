"""How a clinics CSV is written: its text encoding and the character between its cells.

Excel writes "CSV UTF-8" (UTF-8 with a byte-order mark) or, as plain "CSV", the Windows
code page of its language (Windows-1252 in the Americas and Western Europe), and separates
cells with ``;`` wherever the decimal mark is a comma. Both are detected here, for
``booklet batch`` and the studio alike, unless the caller says which:

- encoding: UTF-8 when the whole file decodes as UTF-8; Windows-1252 when it has bytes
  that are not UTF-8 and no UTF-8 letter outside ASCII at all; otherwise (a file mixing
  both) UTF-8, so the rows with other bytes are reported one by one. UTF-16 is refused.
- separator: the one of ``,`` ``;`` and tab that splits the header into the most known
  column names (the names hold none of them), so the guess never depends on the data.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from booklet.errors import BookletError, display_path
from booklet.load.files import open_regular

DETECT_BYTES = 8 * 1024 * 1024
"""How much of the file the encoding is judged on."""
ENCODINGS = {"utf-8": "utf-8-sig", "windows-1252": "cp1252"}
"""The encodings offered, by name, with the Python codec that reads each."""
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
UTF8_LETTER = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


@dataclass(frozen=True)
class CsvForm:
    """How to read one CSV file."""

    encoding: str
    """``utf-8`` or ``windows-1252``."""
    delimiter: str
    """``,``, ``;`` or a tab."""

    @property
    def codec(self) -> str:
        """The Python codec for ``encoding`` (UTF-8 skips a byte-order mark)."""
        return ENCODINGS[self.encoding]

    def __str__(self) -> str:
        return f"{self.encoding}, {DELIMITERS[self.delimiter]}-separated"


def refuse_non_text(start: bytes, name: str) -> None:
    """Refuse a file that is UTF-16 (with or without a byte-order mark) or not text at all."""
    if start[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in start[:4096]:
        raise BookletError(f"{name}: the file is UTF-16 or not text (it has NUL bytes) (hint: save "
                           "it as 'CSV UTF-8')")


def guess_encoding(data: bytes) -> str:
    """``utf-8`` or ``windows-1252`` for these bytes (see the module's rules)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.end < len(data) - 3 or exc.reason != "unexpected end of data":
            return "utf-8" if UTF8_LETTER.search(data) else "windows-1252"
    return "utf-8"


def guess_delimiter(header: str, columns: Sequence[str]) -> str:
    """The separator that splits ``header`` into the most names from ``columns``."""
    known = set(columns)

    def score(delimiter: str) -> int:
        cells = next(csv.reader([header], delimiter=delimiter), [])
        return sum(cell.strip().lower() in known for cell in cells)

    return max(DELIMITERS, key=lambda d: (score(d), d == ","))


def detect(path: Path, columns: Sequence[str], encoding: str | None = None,
           delimiter: str | None = None) -> CsvForm:
    """How ``path`` is written; ``encoding`` or ``delimiter`` given by the user win."""
    name = display_path(path)
    with open_regular(path) as stream:
        data = stream.read(DETECT_BYTES)
    refuse_non_text(data, name)
    if encoding is not None and encoding not in ENCODINGS:
        raise BookletError(f"{name}: unknown encoding {encoding!r} (choose from {', '.join(ENCODINGS)})")
    if delimiter is not None and delimiter not in DELIMITERS:
        raise BookletError(f"{name}: cells must be separated by a comma, a semicolon or a tab")
    chosen = encoding or guess_encoding(data)
    header = data.decode(ENCODINGS[chosen], errors="replace").splitlines()[:1]
    return CsvForm(chosen, delimiter or guess_delimiter(header[0] if header else "", columns))
