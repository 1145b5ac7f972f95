"""Write files so that a reader never sees half of one, and never outside their folder.

Bytes go to a temporary file in the target folder, are flushed to disk, then
``os.replace``d over the target. A failure or Ctrl-C removes the temporary file and leaves
the previous good output in place. Every write names the folder it must stay in: the
target's folder is resolved with its symlinks before anything is created, so a link
planted inside the output folder (or a project's ``locales/``) cannot lead a write
elsewhere. Temporaries are named ``.NAME.<pid>.<random>.part``; one whose process is gone
(a build killed with ``kill -9``) is removed by the next write of ``NAME``.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

from booklet.errors import BookletError, display_path
from booklet.load.project import check_name
from booklet.models.job import Job

TEMP_SUFFIX = ".part"


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


def confined_parent(path: Path, within: Path) -> Path:
    """The resolved folder ``path`` is written into; refused unless it lies inside ``within``
    (resolved). A link at ``path`` itself is replaced, never written through."""
    root = within.resolve()
    folder = path.parent.resolve()
    if not folder.is_relative_to(root):
        raise BookletError(f"{display_path(path)}: not written: a link leads outside "
                           f"{display_path(root)} (hint: remove the link)")
    return folder


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(folder: Path, name: str) -> None:
    """Remove temporaries of ``name`` in ``folder`` left by a process that no longer runs
    (or by a version of booklet that did not put its process id in the name)."""
    own = re.compile(rf"^\.{re.escape(name)}\.(?:p([0-9]+)\.)?[A-Za-z0-9_]+{re.escape(TEMP_SUFFIX)}$")
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            match = own.fullmatch(entry.name)
            if match and entry.is_file(follow_symlinks=False) and not (
                    match[1] and _alive(int(match[1]))):
                with contextlib.suppress(OSError):
                    Path(entry.path).unlink()


def _why(exc: OSError, path: Path) -> str:
    if isinstance(exc, IsADirectoryError) or path.is_dir():
        return "a folder has this name (hint: remove or rename the folder)"
    if isinstance(exc, NotADirectoryError | FileExistsError):
        return "a file stands where a folder should be (hint: remove or rename it)"
    if isinstance(exc, PermissionError):
        return "permission denied (hint: choose an output folder you can write to)"
    return f"{exc.strerror or exc} (hint: check the disk and the folder)"


def write_atomic(path: Path, data: bytes, *, within: Path) -> None:
    """Replace ``path`` with ``data`` in one step; ``path`` must stay inside ``within``."""
    try:
        confined_parent(path, within)
        path.parent.mkdir(parents=True, exist_ok=True)
        folder = confined_parent(path, within)
        clean_stale(folder, path.name)
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.p{os.getpid()}.", suffix=TEMP_SUFFIX,
                                        dir=folder)
    except OSError as exc:
        raise BookletError(f"{display_path(path)}: cannot write: {_why(exc, path)}") from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temp).chmod(FILE_MODE)
        Path(temp).replace(folder / path.name)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise BookletError(f"{display_path(path)}: cannot write: {_why(exc, path)}") from exc
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
