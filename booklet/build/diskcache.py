"""The user's cache folder: derived font data kept between runs (character maps, subsets).

Where it lives: ``$BOOKLET_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/booklet``, else
``~/.cache/booklet``. Everything in it can be deleted at any time; it is rebuilt on
demand. Entries are named by the sha256 of everything that shapes them, written
atomically, read back with a size bound, and the oldest are removed when a folder holds
more than ``MAX_ENTRIES`` files, so the cache cannot grow without limit.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from booklet.load.files import Unreadable, read_bytes
from booklet.write.atomic import write_atomic

ENV = "BOOKLET_CACHE_DIR"
MAX_ENTRIES = 400
"""Files kept per kind; beyond that the least recently used are removed."""


def cache_root() -> Path:
    """The cache folder (not created)."""
    if chosen := os.environ.get(ENV):
        return Path(chosen).expanduser().resolve()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return (Path(base).expanduser() / "booklet").resolve()


def folder(kind: str) -> Path:
    """The cache folder for ``kind`` (``fonts``, ``cmaps``), created if missing."""
    path = cache_root() / kind
    path.mkdir(parents=True, exist_ok=True)
    return path


def key(*parts: object) -> str:
    """A cache key: the sha256 of the parts, one per line."""
    return hashlib.sha256("\n".join(map(str, parts)).encode("utf-8", "surrogatepass")).hexdigest()


def read(path: Path, limit: int) -> bytes | None:
    """The bytes of a cache entry, or None if it is missing, not a plain file or too big."""
    try:
        data = read_bytes(path, limit, root=path.parent)
        os.utime(path)  # recently used: kept when the folder is pruned
    except (Unreadable, OSError):
        return None
    return data


def write(path: Path, data: bytes) -> None:
    """Store a cache entry atomically, then prune its folder."""
    write_atomic(path, data, within=path.parent)
    entries = sorted((p for p in path.parent.iterdir() if p.is_file() and not p.name.startswith(".")),
                     key=lambda p: p.stat().st_mtime_ns)
    for old in entries[:max(0, len(entries) - MAX_ENTRIES)]:
        old.unlink(missing_ok=True)
