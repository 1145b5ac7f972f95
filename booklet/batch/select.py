"""``--rows 2-40``: build a subset of a clinics CSV, by row numbers as a spreadsheet shows them.

Row 1 is the header, so the first clinic is row 2. A selection is a comma-separated list of
numbers and ranges: ``5``, ``2-40``, ``2-10,15``, ``30-`` (row 30 to the end). Slugs are
still worked out over the whole file, so a row's folder does not depend on the selection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from booklet.errors import BookletError

PART = re.compile(r"^([0-9]{1,7})(?:(-)([0-9]{1,7})?)?$")


@dataclass(frozen=True)
class RowRange:
    """Rows ``first`` to ``last`` (None: to the end), as the user wrote them."""

    spans: tuple[tuple[int, int | None], ...]
    text: str

    def __contains__(self, number: object) -> bool:
        return isinstance(number, int) and any(
            first <= number and (last is None or number <= last) for first, last in self.spans)

    def __str__(self) -> str:
        return self.text


def parse_rows(text: str) -> RowRange:
    """``"2-10,15"`` → the rows 2 to 10 and 15; ``BookletError`` for anything else."""
    spans = []
    for part in text.replace(" ", "").split(","):
        match = PART.fullmatch(part)
        if match is None:
            raise BookletError(f"--rows {text!r}: write row numbers and ranges such as 2-40, 5 or "
                               "2-10,15 (row 1 is the header)")
        first = int(match[1])
        last = first if match[2] is None else (int(match[3]) if match[3] else None)
        if first < 2 or (last is not None and last < first):
            raise BookletError(f"--rows {text!r}: {part} is not a range of clinic rows (row 1 is the "
                               "header, the first clinic is row 2)")
        spans.append((first, last))
    return RowRange(tuple(spans), text)
