"""The end of a build: warnings grouped, a table of outputs, and where the files are.

A build of many outputs repeats the same warning once per output (every Spanish output
has the same untranslated message) and the same kind of warning once per text (each
region text printed in English). Grouped, that is one line per warning with the outputs
it concerns, and one line per region and language with a count; ``-v`` prints them all.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from booklet.errors import display_path
from booklet.pipeline import Outcome

REGION_TEXT = re.compile(r"^(?P<lang>[A-Za-z0-9-]+): region text printed in English: .*$", re.DOTALL)
SHOWN = 3
"""Outputs named on a grouped line before "and N more"."""


def _outputs(labels: Sequence[str]) -> str:
    more = f" and {len(labels) - SHOWN} more" if len(labels) > SHOWN else ""
    noun = "output" if len(labels) == 1 else "outputs"
    return f"{len(labels)} {noun}: {', '.join(labels[:SHOWN])}{more}"


def grouped_warnings(outcomes: Iterable[Outcome]) -> list[str]:
    """One line per distinct warning (with the outputs that have it), and one per region and
    language for the region texts printed in English (with how many texts)."""
    same: dict[str, list[str]] = defaultdict(list)
    texts: dict[str, set[str]] = defaultdict(set)
    text_outputs: dict[str, list[str]] = defaultdict(list)
    for outcome in outcomes:
        for warning in outcome.warnings:
            match = REGION_TEXT.match(warning)
            if match is None:
                same[warning].append(outcome.job.label)
                continue
            key = f"{outcome.job.region}/{match['lang']}"
            texts[key].add(warning)
            if outcome.job.label not in text_outputs[key]:
                text_outputs[key].append(outcome.job.label)
    lines = [f"warning: {warning} ({_outputs(labels)})" for warning, labels in same.items()]
    for key, found in sorted(texts.items()):
        noun = "region text" if len(found) == 1 else "region texts"
        lines.append(f"warning: {key}: {len(found)} {noun} printed in English, tagged as English "
                     f"({_outputs(text_outputs[key])}; -v lists them)")
    return lines


def every_warning(outcomes: Iterable[Outcome]) -> list[str]:
    """Each warning of each output on its own line (``-v``)."""
    return [f"{o.job.label}: warning: {w}" for o in outcomes for w in o.warnings]


def table(outcomes: list[Outcome]) -> str:
    """One row per output: status, pages, size and warnings."""
    width = max([len("output"), *(len(o.job.label) for o in outcomes)])
    rows = [f"{'output':<{width}}  {'status':<10}  {'pages':>5}  {'KiB':>5}  {'warnings':>8}"]
    for o in outcomes:
        pages, kib = (str(o.pages), str(o.size // 1024)) if o.error is None else ("-", "-")
        rows.append(f"{o.job.label:<{width}}  {o.status:<10}  {pages:>5}  {kib:>5}  {len(o.warnings):>8}")
    return "\n".join(rows)


def _near(folder: Path) -> str:
    """``folder`` relative to the working folder when that is short (``../out/us/en``),
    else as ``display_path`` shows it."""
    relative = os.path.relpath(folder.resolve(), Path.cwd().resolve())
    return relative if Path(relative).parts.count("..") <= 2 else display_path(folder)


def where(out: Path, paths: Iterable[Path], listing: str = "manifest.json lists every file",
          failed: int = 0) -> str:
    """Where the PDFs are: their one folder, or the output folder with how many folders."""
    folders = sorted({p.parent for p in paths})
    root = _near(out).rstrip("/") + "/"
    if not folders:
        return "No PDFs were written" + ("; the failures are listed above." if failed else ".")
    if len(folders) == 1:
        return f"PDFs in {_near(folders[0])}/"
    return f"PDFs in {root} ({len(folders)} folders; {root}{listing})"


def removed_lines(outcomes: Iterable[Outcome]) -> list[str]:
    """One line per failed output whose previous files were taken away, or kept."""
    lines = []
    for o in outcomes:
        if o.removed:
            files = ", ".join(display_path(p) for p in o.removed)
            lines.append(f"removed {files}: {o.job.label} failed, and the previous file was made "
                         "from earlier inputs (it could show old details)")
        elif o.kept:
            lines.append(f"kept the previous {o.job.label}: it failed to rebuild, but the file there "
                         "was made from these same inputs")
    return lines
