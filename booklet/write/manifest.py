"""``out/manifest.json``: what each output is, what went into it, and how far to trust it.

One entry per region × language × format. A build rewrites the entries of the outputs it
built and keeps the others, so partial builds (one region, one CI shard) add up to the
whole matrix. The file is written atomically; it doubles as the build cache, since each
entry holds the inputs hash and the sha256 of the file it describes. ``failed`` lists the
outputs whose last build failed, with the cause and the previous files that were removed.

Builds running at once into one folder (two terminals, a job array on a shared disk) take
an exclusive lock (``flock`` on ``.manifest.lock``) from reading the manifest to replacing
it, so no entry is lost between one build's read and another's write.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from booklet.errors import BookletError, display_path
from booklet.models.job import Job
from booklet.write.atomic import confined_parent, write_atomic

MANIFEST = "manifest.json"
LOCK = ".manifest.lock"
SCHEMA = 1
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Entry:
    """One output as recorded in the manifest."""

    region: str
    language: str
    format: str
    file: str
    """Path of the PDF relative to the output folder."""
    pages: int
    bytes: int
    sha256: str
    inputs: str
    """The inputs hash the PDF was built from (see ``booklet.build.cache``)."""
    helplines_checked: str | None
    """The oldest date among the records the printed helplines' lines rest on (ISO date)."""
    translation_review: str
    warnings: tuple[str, ...] = ()

    @property
    def job(self) -> Job:
        """The job this entry describes."""
        return Job(self.region, self.language, self.format)


@dataclass(frozen=True)
class Failure:
    """An output whose last build failed."""

    region: str
    language: str
    format: str
    error: str
    removed: tuple[str, ...] = ()
    """The previous files taken away (relative to the output folder); none when there were
    none, or when the previous file was built from the same inputs and stays."""

    @property
    def job(self) -> Job:
        """The job this failure is about."""
        return Job(self.region, self.language, self.format)


@dataclass(frozen=True)
class Manifest:
    """Everything ``manifest.json`` holds."""

    outputs: dict[Job, Entry]
    failed: dict[Job, Failure]


def _record(kind: type[Entry] | type[Failure], data: Any) -> Any:
    if not isinstance(data, dict):
        return None
    tuples = {k: tuple(data.get(k, ())) for k in ("warnings", "removed") if k in data}
    try:
        return kind(**{**data, **tuples})
    except TypeError:
        return None


def load_manifest(out: Path) -> Manifest:
    """``out/manifest.json``; empty when it is missing or unreadable (said on the log)."""
    path = out / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Manifest({}, {})
    except (OSError, ValueError) as exc:
        log.warning("%s: unreadable, every output will be rebuilt (%s)", display_path(path), exc)
        return Manifest({}, {})
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        log.warning("%s: not a manifest of schema %s, every output will be rebuilt",
                    display_path(path), SCHEMA)
        return Manifest({}, {})
    entries = [_record(Entry, item) for item in data.get("outputs", [])]
    failures = [_record(Failure, item) for item in data.get("failed", [])]
    return Manifest({e.job: e for e in entries if e is not None},
                    {f.job: f for f in failures if f is not None})


def read_manifest(out: Path) -> dict[Job, Entry]:
    """The entries of ``out/manifest.json``; none when it is missing or unreadable."""
    return load_manifest(out).outputs


def _ordered(records: Iterable[Entry | Failure]) -> list[dict[str, Any]]:
    items = []
    for record in sorted(records, key=lambda r: (r.job.region, r.job.lang, r.job.fmt)):
        item = asdict(record)
        items.append({k: list(v) if isinstance(v, tuple) else v for k, v in item.items()})
    return items


def write_manifest(out: Path, manifest: Manifest) -> Path:
    """Write ``manifest`` as ``out/manifest.json`` (atomically)."""
    document: dict[str, Any] = {"schema": SCHEMA, "outputs": _ordered(manifest.outputs.values())}
    if manifest.failed:
        document["failed"] = _ordered(manifest.failed.values())
    path = out.resolve() / MANIFEST
    text = json.dumps(document, indent=2, ensure_ascii=False)
    write_atomic(path, (text + "\n").encode("utf-8"), within=out)
    return path


@contextmanager
def manifest_lock(out: Path) -> Iterator[None]:
    """Hold the output folder's manifest lock (blocking until other builds release it)."""
    out.mkdir(parents=True, exist_ok=True)
    path = out.resolve() / LOCK
    confined_parent(path, out)
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, 0o666)
    except OSError as exc:
        raise BookletError(f"{display_path(path)}: cannot lock the manifest: {exc.strerror} "
                           "(hint: remove what stands at that name)") from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def update_manifest(out: Path, entries: list[Entry], failures: Iterable[Failure] = (),
                    drop: Iterable[Job] = ()) -> Path:
    """Under the lock: merge ``entries`` and ``failures`` into ``out/manifest.json`` (read
    again just before), remove the entries of ``drop``, and write it."""
    with manifest_lock(out):
        manifest = load_manifest(out)
        for job in drop:
            manifest.outputs.pop(job, None)
        for entry in entries:
            manifest.outputs[entry.job] = entry
            manifest.failed.pop(entry.job, None)
        manifest.failed.update({failure.job: failure for failure in failures})
        return write_manifest(out, manifest)
