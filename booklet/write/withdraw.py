"""Take a failed output's previous files away, so that nobody prints them as current.

When an output fails, the file at its path was made from earlier inputs: an old clinic
phone number, a helpline that has since changed. A PDF has no place that every viewer
shows as a warning, and a renamed copy still prints, so the previous files are removed
(the reading PDF and what belongs to it: its HTML, imposed and card-sheet files) and the
build's summary names each one. The caller decides when a previous file may stay: only
while it still matches the current inputs.
"""

from __future__ import annotations

from pathlib import Path

from booklet.errors import BookletError, display_path
from booklet.models.job import Job
from booklet.write.atomic import confined_parent, output_path

SUFFIXES = (".pdf", ".html", "-imposed.pdf", "-sheet.pdf")
"""Every file an output may have: the reading PDF first."""


def withdraw(out: Path, job: Job, within: Path) -> list[Path]:
    """Remove the files of ``job`` under ``out`` (never following a link out of ``within``);
    return those removed."""
    removed = []
    folder = output_path(out, job, "").parent  # names checked, folder resolved
    for suffix in SUFFIXES:
        path = folder / f"{job.fmt}{suffix}"  # not resolved: a link is removed, not its target
        if not (path.is_file() or path.is_symlink()):
            continue
        confined_parent(path, within)
        try:
            path.unlink()
        except OSError as exc:
            raise BookletError(f"{display_path(path)}: the previous file could not be removed after "
                               f"its rebuild failed: {exc.strerror} (hint: delete it by hand; "
                               "it no longer matches the inputs)") from exc
        removed.append(path)
    return removed


def withdraw_folder(folder: Path, within: Path) -> list[Path]:
    """Remove every output file (PDF, HTML) under ``folder``, inside ``within``: the outputs
    of a batch row that no longer validates; return those removed."""
    if folder.is_symlink() or not folder.is_dir():
        return []
    removed = []
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".pdf", ".html") and (path.is_file() or path.is_symlink()):
            confined_parent(path, within)
            path.unlink()
            removed.append(path)
    return removed
