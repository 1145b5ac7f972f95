"""``out/manifest.json``: what each output is, what went into it, and how far to trust it.

One entry per region × language × format. A build rewrites the entries of the outputs it
built and keeps the others, so partial builds (one region, one CI shard) add up to the
whole matrix. The file is written atomically; it doubles as the build cache, since each
entry holds the inputs hash and the sha256 of the file it describes.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from booklet.errors import Problems
from booklet.load.project import Project
from booklet.models.job import Job
from booklet.validate.locales import REVIEW_FILE, load_review
from booklet.write.atomic import write_atomic

MANIFEST = "manifest.json"
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
    """The oldest ``checked`` date among the printed helplines (ISO date)."""
    translation_review: str
    warnings: tuple[str, ...] = ()

    @property
    def job(self) -> Job:
        """The job this entry describes."""
        return Job(self.region, self.language, self.format)


def translation_review(project: Project, lang: str) -> str:
    """Review status of ``lang``'s text: 'source' for English, else from its review.yaml.

    A build records it for every output: the file is read once per language (and again
    only when it changes), not once per output."""
    if lang == "en":
        return "source"
    path = project.find("locales", f"{lang}/{REVIEW_FILE}")
    try:
        info = path.stat() if path is not None else None
    except OSError:
        info = None
    key = (project.layers, lang, str(path), info.st_size if info else -1, info.st_mtime_ns if info else -1)
    if key not in _REVIEWS:
        _REVIEWS[key] = load_review(project, lang, Problems()).label
    return _REVIEWS[key]


_REVIEWS: dict[tuple[object, ...], str] = {}
"""Review labels by project layers, language and the review file's path, size and mtime."""


def _entry(data: Any) -> Entry | None:
    if not isinstance(data, dict):
        return None
    try:
        return Entry(**{**data, "warnings": tuple(data.get("warnings", ()))})
    except TypeError:
        return None


def read_manifest(out: Path) -> dict[Job, Entry]:
    """The entries of ``out/manifest.json``; none when it is missing or unreadable."""
    path = out / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("%s: unreadable, every output will be rebuilt (%s)", path, exc)
        return {}
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        log.warning("%s: not a manifest of schema %s, every output will be rebuilt", path, SCHEMA)
        return {}
    entries = [_entry(item) for item in data.get("outputs", [])]
    return {entry.job: entry for entry in entries if entry is not None}


def update_manifest(out: Path, entries: list[Entry]) -> Path:
    """Merge ``entries`` into ``out/manifest.json`` (re-read just before) and write it."""
    merged = read_manifest(out)
    merged.update({entry.job: entry for entry in entries})
    ordered = [asdict(merged[job]) for job in sorted(merged, key=lambda j: (j.region, j.lang, j.fmt))]
    for item in ordered:
        item["warnings"] = list(item["warnings"])
    text = json.dumps({"schema": SCHEMA, "outputs": ordered}, indent=2, ensure_ascii=False)
    path = out.resolve() / MANIFEST
    write_atomic(path, (text + "\n").encode("utf-8"))
    return path
