"""Write files so that a reader never sees half of one.

Bytes go to a temporary file in the target folder, are flushed to disk, then
``os.replace``d over the target. A failure or Ctrl-C removes the temporary file and leaves
the previous good output in place.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from booklet.errors import BookletError
from booklet.load.project import check_name
from booklet.models.job import Job


def output_path(out: Path, job: Job, suffix: str) -> Path:
    """``out/<region>/<lang>/<format><suffix>``, checked to stay inside ``out``."""
    for part, what in ((job.region, "region"), (job.lang, "language"), (job.fmt, "format")):
        check_name(part, what)
    root = out.resolve()
    path = (root / job.region / job.lang / f"{job.fmt}{suffix}").resolve()
    if not path.is_relative_to(root):
        raise BookletError(f"{job.label}: output path would leave {out}")
    return path


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


FILE_MODE = 0o666 & ~_umask()
"""Mode for written files: what the user's umask allows (mkstemp alone gives 0600)."""


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temp).chmod(FILE_MODE)
        Path(temp).replace(path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
