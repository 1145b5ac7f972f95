"""Run every check over a project and present the result as a table or as JSON."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from booklet.check.readability import Reading, check_reading
from booklet.check.references import check_claims, check_index
from booklet.check.regions import Unverified, check_regions, unverified
from booklet.check.terms import check_terms
from booklet.check.translations import LanguageStatus, check_translations
from booklet.errors import Problem, Problems
from booklet.load.project import Project
from booklet.validate.catalogs import source_catalog
from booklet.validate.content import languages


@dataclass(frozen=True)
class Report:
    """What ``booklet check`` found."""

    today: date
    region: str
    """The region whose data filled the sections for the reading level."""
    reading: list[Reading]
    problems: Problems
    unverified: list[Unverified]
    translations: list[LanguageStatus]

    @property
    def errors(self) -> list[Problem]:
        """Problems of error severity."""
        return self.problems.errors

    @property
    def warnings(self) -> list[Problem]:
        """Problems of warning severity."""
        return self.problems.warnings

    def failed(self, strict: bool = False) -> bool:
        """Whether the check fails: any error, or any warning when ``strict``."""
        return bool(self.errors or (strict and self.warnings))

    def as_json(self, strict: bool = False) -> dict[str, Any]:
        """A plain dictionary for ``--json``."""
        return {
            "build_date": self.today.isoformat(),
            "region": self.region,
            "passed": not self.failed(strict),
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "reading": [asdict(row) for row in self.reading],
            "problems": [asdict(p) for p in sorted(self.problems)],
            "unverified": [asdict(row) for row in self.unverified],
            "translations": [row.as_json() for row in self.translations],
        }


def check_project(project: Project, today: date) -> Report:
    """Run the content and data checks; never renders a PDF."""
    problems = Problems()
    index = check_index(project, today, problems)
    regions = check_regions(project, today, problems)
    langs = languages(project)
    code = project.config.region
    reading: list[Reading] = []
    source = source_catalog(project)
    translations = check_translations(project, langs, source, problems)
    if index is not None:
        check_claims(index, source, problems)
    if index is not None and code in regions:
        reading = check_reading(project, index, regions[code], langs, problems)
    elif index is not None:
        problems.add(Problem("regions", None, "reading level",
                             f"not measured: the default region {code!r} did not load",
                             "fix the region's problems listed here"))
    data_files = [p for p in (project.find("sections", "sections.yaml"),) if p is not None]
    data_files += sorted({path for region in regions.values() for path in region.files})
    check_terms(project, langs, data_files, problems)
    return Report(today, code, reading, problems, unverified(regions), translations)


def _table(headers: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(cell) for cell in column) for column in zip(headers, *rows, strict=True)]
    return ["  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            for row in (headers, *rows)]


def translation_table(rows: Sequence[LanguageStatus]) -> list[str]:
    """Per language: review status and revision, totals, then any part with gaps."""
    cells = []
    for row in rows:
        c = row.catalog
        cells.append((c.lang, "all", str(c.translated), str(c.outdated), str(c.missing),
                      f"{c.percent}%", f"{row.review} (revision {c.revision})"))
        cells += [(c.lang, p.part, str(p.translated), str(p.outdated), str(p.missing), "", "")
                  for p in c.parts if p.outdated or p.missing]
    return _table(("LANG", "PART", "TRANSLATED", "OUTDATED", "MISSING", "DONE", "REVIEW"), cells)


def as_text(report: Report, strict: bool = False) -> str:
    """The report as a human-readable table."""
    lines = [f"Reading level, measured on the text as printed for region {report.region}:"]
    rows = [(r.lang, r.section, r.formula or "-", "-" if r.score is None else f"{r.score:g}",
             r.target or "-", r.status) for r in report.reading]
    lines += _table(("LANG", "SECTION", "FORMULA", "SCORE", "TARGET", "RESULT"), rows) if rows \
        else ["  no section text found"]
    if report.translations:
        lines += ["", "Translations (messages translated / outdated / missing):"]
        lines += translation_table(report.translations)
    if report.problems:
        lines += ["", "Problems:"] + [f"  {p}" for p in sorted(report.problems)]
    if report.unverified:
        lines += ["", "Unverified entries, kept out of print until someone confirms them:"]
        lines += _table(("REGION", "ID", "NAME", "FILE"),
                        [(u.region, u.id, u.name, u.file) for u in report.unverified])
    verdict = "FAILED" if report.failed(strict) else "passed"
    lines += ["", f"{verdict}: {len(report.errors)} errors, {len(report.warnings)} warnings "
                  f"(build date {report.today.isoformat()})"]
    return "\n".join(lines)
