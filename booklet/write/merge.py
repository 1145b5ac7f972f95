"""``booklet manifest merge OUT SHARD…``: the outputs of CI shards in one folder, one manifest.

Each shard folder (a CI job's artifact) holds its files and, for ``build``, its
``manifest.json``. Every file is copied into ``OUT`` at the same relative path, and the
manifests' entries (and failures) are merged into ``OUT/manifest.json`` under its lock.
Nothing is written unless the shards agree: no file path and no output (region, language,
format) may come from two shards, and every entry must describe the file beside it (its
sha256), so a truncated artifact is caught here rather than at the print shop.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from booklet.build.cache import file_digest
from booklet.errors import BookletError, display_path
from booklet.limits import MERGED_FILE_BYTES
from booklet.load.files import read_bytes
from booklet.models.job import Job
from booklet.write.atomic import TEMP_SUFFIX, write_atomic
from booklet.write.manifest import LOCK, MANIFEST, Entry, Failure, load_manifest, update_manifest

SKIPPED = (MANIFEST, LOCK)


@dataclass
class Merged:
    """What the shards hold together."""

    files: dict[str, Path] = field(default_factory=dict)
    """Each relative path and the shard file it comes from."""
    entries: dict[Job, Entry] = field(default_factory=dict)
    failures: dict[Job, Failure] = field(default_factory=dict)
    origin: dict[Job, Path] = field(default_factory=dict)


def _files(shard: Path) -> dict[str, Path]:
    found = {}
    for path in sorted(shard.rglob("*")):
        rel = path.relative_to(shard).as_posix()
        if path.name in SKIPPED or path.name.endswith(TEMP_SUFFIX) or path.is_dir():
            continue
        if path.is_symlink() or not path.is_file():
            raise BookletError(f"{display_path(path)}: not a regular file; a shard holds only the "
                               "files a build wrote")
        found[rel] = path
    return found


def _add(merged: Merged, shard: Path) -> None:
    for rel, path in _files(shard).items():
        if rel in merged.files:
            raise BookletError(f"{rel}: in two shards ({display_path(merged.files[rel].parent)} and "
                               f"{display_path(path.parent)}); nothing was written (hint: the shards "
                               "must be disjoint slices, e.g. --shard K/N with the same N)")
        merged.files[rel] = path
    manifest = load_manifest(shard)
    for job in [*manifest.outputs, *manifest.failed]:
        first = merged.origin.get(job, shard)
        if first != shard:
            raise BookletError(f"{job.label}: in the manifests of two shards ({display_path(first)} and "
                               f"{display_path(shard)}); nothing was written")
        merged.origin[job] = shard
    for entry in manifest.outputs.values():
        path = shard / entry.file
        if not path.is_file() or file_digest(path) != entry.sha256:
            raise BookletError(f"{display_path(path)}: missing or not the file its manifest describes "
                               "(the artifact may be incomplete); nothing was written")
    merged.entries.update(manifest.outputs)
    merged.failures.update(manifest.failed)


def merge(out: Path, shards: list[Path]) -> Merged:
    """Copy every shard's files into ``out`` and merge their manifests; check first."""
    root = out.resolve()
    for shard in shards:
        folder = shard.resolve()
        if not folder.is_dir():
            raise BookletError(f"{display_path(shard)}: no such folder")
        if folder == root or folder.is_relative_to(root) or root.is_relative_to(folder):
            raise BookletError(f"{display_path(shard)}: the output folder and a shard must not be "
                               "inside each other")
    merged = Merged()
    for shard in shards:
        _add(merged, shard.resolve())
    for rel, path in merged.files.items():
        write_atomic(root / rel, read_bytes(path, MERGED_FILE_BYTES), within=root)
    if merged.entries or merged.failures:
        update_manifest(root, list(merged.entries.values()), merged.failures.values())
    return merged
