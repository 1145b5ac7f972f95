"""``booklet check``: content and data checks for clinics and CI, without rendering PDFs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from booklet.check.report import as_text, check_project
from booklet.errors import BookletError
from booklet.load.clock import build_date
from booklet.load.project import open_project


def check_command(project_dir: Path | None, as_json: bool, strict: bool) -> None:
    """Print the check report; raise ``BookletError`` (exit 1) if it failed."""
    project = open_project(project_dir)
    today, _ = build_date(os.environ.get("SOURCE_DATE_EPOCH"))
    report = check_project(project, today)
    if as_json:
        click.echo(json.dumps(report.as_json(strict), indent=2, ensure_ascii=False))
    else:
        click.echo(as_text(report, strict))
    if report.failed(strict):
        failing = len(report.errors) + (len(report.warnings) if strict else 0)
        raise BookletError(f"check failed: {failing} problem{'s' if failing != 1 else ''}"
                           + (" (warnings count with --strict)" if strict else ""))
