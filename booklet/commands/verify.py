"""``booklet verify``: record a check of a helpline, or list what is due for one.

``booklet verify REGION ID --how called --by NAME`` adds a record dated the build date
(SOURCE_DATE_EPOCH, else today) to the region file that defines the entry;
``booklet verify --list`` prints what is due, most urgent first.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

import click

from booklet.errors import BookletError, display_path
from booklet.load.clock import build_date
from booklet.load.project import open_project
from booklet.validate.verification import Due, due
from booklet.write.verification import append_verification, new_record

COLUMNS = ("REGION", "ID", "NAME", "CALL", "LAST RECORD", "WHY", "FILE")


def verify_command(region: str, entry_id: str, how: str, by: str, evidence: str | None,
                   note: str | None, project_dir: Path | None) -> None:
    """Append one record and say where it went."""
    record = new_record(how, by, evidence, note, build_date(os.environ.get("SOURCE_DATE_EPOCH"))[0])
    path = append_verification(open_project(project_dir), region, entry_id, record)
    click.echo(f"{display_path(path)}: {entry_id}: recorded {record.how} on {record.on} by {record.by}")


def due_table(rows: list[Due]) -> str:
    """The call list as a plain text table."""
    cells = [list(COLUMNS)] + [[r.region, r.id, r.name, r.contact or "-", r.last or "-", r.reason, r.file]
                               for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(COLUMNS))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
                     for row in cells)


def verify_list_command(months: int, as_json: bool, project_dir: Path | None) -> None:
    """Print what is due; problems reading the data go to stderr and fail the command."""
    today = build_date(os.environ.get("SOURCE_DATE_EPOCH"))[0]
    rows, problems = due(open_project(project_dir), today, months)
    click.echo(json.dumps([asdict(r) for r in rows], indent=2, ensure_ascii=False) if as_json
               else due_table(rows))
    for problem in problems.errors:
        click.echo(str(problem), err=True)
    if problems.errors:
        raise BookletError(f"{len(problems.errors)} problems in the region data; some entries are missing")
