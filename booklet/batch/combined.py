"""``batch --combined``: every clinic's card sheet in one file for the print shop.

Each row's ``card-sheet.pdf`` (fronts on one page, backs on the next) is appended in row
order, so the shop prints one file duplex and each sheet's backs fall behind its fronts.
The file is written like every output (atomically, inside ``--out``); a run in which no
card sheet was made takes the previous combined file away, since it would show old rows.
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

from booklet.load.files import read_bytes
from booklet.write.atomic import write_atomic

COMBINED = "card-sheets.pdf"
MAX_SHEET_BYTES = 64 * 1024 * 1024
"""A card sheet is tens of KiB; anything near this is not one of ours."""


def combine(sheets: list[Path], out: Path) -> Path | None:
    """Write ``out/card-sheets.pdf`` from ``sheets`` in order; with none, remove the old one
    and return None."""
    import io

    import pikepdf

    from booklet.finish.marks import save

    target = out / COMBINED
    if not sheets:
        target.unlink(missing_ok=True)
        return None
    with ExitStack() as sources, pikepdf.new() as combined:  # sources stay open until saved
        for sheet in sheets:
            source = sources.enter_context(pikepdf.open(io.BytesIO(read_bytes(sheet, MAX_SHEET_BYTES, out))))
            combined.pages.extend(source.pages)
        combined.docinfo["/Title"] = f"Wallet cards of {len(sheets)} organizations, one sheet each"
        data = save(combined)
    write_atomic(target, data, within=out)
    return target
