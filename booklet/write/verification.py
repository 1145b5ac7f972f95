"""``append_verification``: add a check to the region file that defines an entry.

The record goes into the file that defines the helpline (or the locator) the region
prints, through a round-trip edit that keeps the file's comments and layout. The edited
text is read back with the normal loader and validated before it replaces the file,
atomically; on any problem nothing is written. In a user's project the shipped content
is never edited: an entry inherited from a shipped file must first be copied into the
project's own region file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import ValidationError

from booklet.errors import BookletError, ProblemsFound, display_path
from booklet.limits import YAML_BYTES as MAX_BYTES
from booklet.load.files import read_text
from booklet.load.project import Project
from booklet.load.yamlfile import Loc, YamlError, load_yaml, parse_yaml
from booklet.models.region import RegionFile
from booklet.models.verification import Verification
from booklet.validate.regions import Region, load_regions
from booklet.validate.schema import validate_doc
from booklet.write.atomic import write_atomic
from booklet.write.yamledit import append_item

LOCATOR = "locator"
"""The entry id that names a region's treatment locator."""


def _resolve(project: Project, code: str, record: Verification) -> Region:
    regions, problems = load_regions(project, [code], record.on, allow_stale=True)
    if code not in regions:
        raise ProblemsFound(problems.errors)
    return regions[code]


def _where(region: Region, entry_id: str) -> tuple[Path, Loc]:
    """The file that defines ``entry_id`` for ``region`` and the list its records are in."""
    if entry_id == LOCATOR:
        for path in reversed(region.files):
            data = load_yaml(path).data
            if isinstance(data, dict) and data.get("locator") is not None:
                return path, ("locator", "verifications")
        raise BookletError(f"region {region.code!r} has no locator")
    if entry_id not in region.origins:
        known = ", ".join([h.id for h in region.helplines] + [LOCATOR] * bool(region.locator))
        raise BookletError(f"region {region.code!r} has no entry {entry_id!r} (known: {known})")
    owner = region.origins[entry_id][-1]
    path = next(p for p in region.files if p.stem == owner)
    helplines = load_yaml(path).data["helplines"]
    index = next(i for i, line in enumerate(helplines) if line.get("id") == entry_id)
    return path, ("helplines", index, "verifications")


def editable(project: Project, path: Path) -> Path:
    """``path`` resolved, if a command may edit it: a project never edits the shipped files."""
    target = path.resolve()
    own = project.layers[0].resolve()
    if project.layers[0] != project.shipped and not target.is_relative_to(own):
        raise BookletError(
            f"this entry is defined in the shipped {display_path(path)}, which a project never "
            f"edits (hint: copy that file, or the entry, into {display_path(own / 'regions')} "
            "and run the command again)")
    return target


def new_record(how: str, by: str, evidence: str | None, note: str | None, on: date) -> Verification:
    """A check made on ``on``, validated (a page read needs its address); ``BookletError`` if
    it cannot be recorded. The CLI and the studio record through this."""
    if not evidence and how != "called":
        raise BookletError(f"{how} needs the address of the page you read as its evidence")
    try:
        return Verification(on=on, by=by, how=how,  # type: ignore[arg-type]
                            evidence=evidence or "by phone", note=note or None)
    except ValidationError as exc:
        messages = "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors())
        raise BookletError(f"not recorded: {messages}") from exc


def append_verification(project: Project, region_code: str, entry_id: str,
                        record: Verification) -> Path:
    """Add ``record`` to ``entry_id`` (a helpline id, or 'locator') as ``region_code`` prints
    it; return the file written. Raises ``BookletError`` and writes nothing on any problem."""
    region = _resolve(project, region_code, record)
    path, loc = _where(region, entry_id)
    target = editable(project, path)
    text = read_text(target, MAX_BYTES)
    edited = append_item(text, loc, record.model_dump(exclude_none=True))
    write_atomic(target, region_bytes(target, edited), within=project.layers[0])
    return target


def region_bytes(target: Path, edited: str) -> bytes:
    """``edited``, the new text of region file ``target``, once the normal loader accepts it."""
    try:
        doc = parse_yaml(edited, target)
    except YamlError as exc:
        raise ProblemsFound([exc.problem]) from exc
    model, found = validate_doc(doc, RegionFile, {"country": target.stem[:2].upper()})
    if model is None:
        raise ProblemsFound(found)
    data = edited.encode("utf-8")
    if len(data) > MAX_BYTES:
        raise BookletError(f"{display_path(target)} would grow past {MAX_BYTES} bytes; not written")
    return data

