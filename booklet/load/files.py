"""The one place files are resolved, confined and read: bounded, regular files only.

Every file the tool reads from a project (templates, styles, catalogs, regions, the
organization, its logo, a CSV) goes through here: a path is resolved with its symlinks and
must stay inside its root folder; it must be a regular file (never a device such as
``/dev/zero``, a FIFO or a socket: they are refused before a byte is read, and opening
never blocks); and it is read with a hard cap, counting the bytes actually read rather than
trusting the size the file system reports.
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from booklet.errors import BookletError, Problem, display_path

KINDS = {stat.S_IFDIR: "a folder", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device",
         stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFSOCK: "a socket"}


class Unreadable(BookletError):
    """A file that is refused or cannot be read; carries a ready ``Problem``."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def shown(path: Path) -> str:
    """``path`` as messages show it: its folder relative to the working folder, and its own
    name even when it is a link."""
    return str(Path(display_path(path.parent)) / path.name)


def _refuse(path: Path, message: str, hint: str = "") -> Unreadable:
    return Unreadable(Problem(shown(path), None, "", message, hint))


def confine(path: Path, root: Path) -> Path:
    """``path`` with its symlinks resolved; refused unless it lies inside ``root``."""
    resolved = path.resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise _refuse(path, f"points outside {root.name or root}/",
                      "copy the file into the folder instead of linking to it")
    return resolved


def _kind(mode: int) -> str:
    return KINDS.get(stat.S_IFMT(mode), "not a regular file")


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading, refused unless it is a regular file (never blocks)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except IsADirectoryError as exc:
        raise _refuse(path, "is a folder, not a file") from exc
    except OSError as exc:
        raise _refuse(path, f"cannot read: {exc.strerror}") from exc
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise _refuse(path, f"is {_kind(mode)}, not a regular file", "name an ordinary file")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def read_capped(stream: BinaryIO, path: Path, limit: int) -> bytes:
    """At most ``limit`` bytes of ``stream``; refused when there are more."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise _refuse(path, f"file is over the {limit // 1024} KiB limit",
                      "split it or remove what is not needed")
    return data


def read_bytes(path: Path, limit: int, root: Path | None = None) -> bytes:
    """The bytes of the regular file ``path`` (inside ``root`` when given), at most ``limit``."""
    if root is not None:
        path = confine(path, root)
    with open_regular(path) as stream:
        try:
            return read_capped(stream, path, limit)
        except OSError as exc:
            raise _refuse(path, f"cannot read: {exc.strerror}") from exc


def decode_utf8(data: bytes, path: Path) -> str:
    """``data`` as UTF-8 text (a byte-order mark is dropped); refused with the line of the
    first byte that is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise Unreadable(Problem(shown(path), line, "",
                                 f"not UTF-8 text (byte 0x{data[exc.start]:02X})",
                                 "save the file as UTF-8")) from exc


def read_text(path: Path, limit: int, root: Path | None = None) -> str:
    """The UTF-8 text of the regular file ``path`` (inside ``root`` when given)."""
    return decode_utf8(read_bytes(path, limit, root), path)


class _Capped(io.RawIOBase):
    """A binary stream that refuses to give more than ``limit`` bytes in all."""

    def __init__(self, stream: BinaryIO, path: Path, limit: int) -> None:
        super().__init__()
        self.stream, self.path, self.limit, self.count = stream, path, limit, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        size = self.stream.readinto(buffer)  # type: ignore[attr-defined]
        self.count += size
        if self.count > self.limit:
            raise _refuse(self.path, f"file is over the {self.limit // 1024} KiB limit",
                          "split it into smaller files")
        return int(size)


def capped_text(stream: BinaryIO, path: Path, limit: int, codec: str = "utf-8-sig") -> TextIO:
    """``stream`` as text for line-by-line reading (UTF-8 unless ``codec`` says: a byte-order
    mark is dropped, bytes the codec cannot read become surrogates), refused once more than
    ``limit`` bytes are read."""
    return io.TextIOWrapper(io.BufferedReader(_Capped(stream, path, limit)), encoding=codec,
                            errors="surrogateescape", newline="")
