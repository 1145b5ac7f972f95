"""``booklet doctor``: is this machine ready to build? (as ``quarto check`` and
``weasyprint --info`` answer it).

It reports the versions of WeasyPrint, Pango, HarfBuzz (and whether its subsetter is
there), fontconfig, the fonts the stylesheets name and, for each language with text,
whether every character its catalog prints has a glyph in them; then whether the output
folder can be written. Each check that would make a build fail is a problem; with any,
the exit code is 1. Nothing here renders or writes.
"""

from __future__ import annotations

import ctypes
import importlib.metadata
import os
import platform
from dataclasses import dataclass, field
from pathlib import Path

import click

from booklet import __version__
from booklet.build.fonts import open_library
from booklet.compose.formats import FORMATS, extra_stylesheets
from booklet.compose.i18n import load_messages, read_catalog
from booklet.errors import BookletError, display_path
from booklet.load.project import Project, default_out, open_project
from booklet.validate.content import languages

LIBRARIES = {"pango": ("libpango-1.0.so.0", "pango-1.0", "pango_version_string"),
             "harfbuzz": ("libharfbuzz.so.0", "harfbuzz", "hb_version_string")}
TEMPLATE = "booklet.pot"
"""The catalog template: every English message (what prints where a translation is missing)."""
SHOWN_CHARACTERS = 8
"""Characters without a glyph named per language, before "…"."""


@dataclass
class Report:
    """The lines of the report and the problems that would make a build fail."""

    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def ok(self, what: str, detail: str) -> None:
        """A check that passed."""
        self.lines.append(f"ok       {what}: {detail}")

    def warn(self, what: str, detail: str) -> None:
        """A check that passed with a cost (the build works, but worse)."""
        self.lines.append(f"warning  {what}: {detail}")

    def fail(self, what: str, detail: str) -> None:
        """A check that would make a build fail."""
        self.lines.append(f"PROBLEM  {what}: {detail}")
        self.problems.append(what)


def _version(soname: str, name: str, symbol: str) -> str:
    function = getattr(open_library(soname, name), symbol)
    function.restype = ctypes.c_char_p
    return str(function().decode())


def _fontconfig_version() -> str:
    lib = open_library("libfontconfig.so.1", "fontconfig")
    number = int(lib.FcGetVersion())
    return f"{number // 10000}.{number // 100 % 100}.{number % 100} ({lib._name})"


def check_libraries(report: Report) -> None:
    """WeasyPrint, Pango, HarfBuzz and its subsetter, fontconfig."""
    try:
        from booklet.render.libraries import quick_library_lookup

        with quick_library_lookup():
            import weasyprint  # noqa: F401
        report.ok("WeasyPrint", importlib.metadata.version("weasyprint"))
    except (ImportError, OSError) as exc:
        report.fail("WeasyPrint", f"cannot be imported: {str(exc).splitlines()[0]} (hint: install Pango, "
                    "see README 'System packages')")
    for label, (soname, name, symbol) in LIBRARIES.items():
        try:
            report.ok(label.capitalize() if label == "pango" else "HarfBuzz", _version(soname, name, symbol))
        except (OSError, AttributeError) as exc:
            report.fail(label, f"not found ({exc})")
    try:
        open_library("libharfbuzz-subset.so.0", "harfbuzz-subset")
        report.ok("HarfBuzz subsetting", "available (fonts are embedded as subsets quickly)")
    except OSError:
        report.warn("HarfBuzz subsetting", "missing: PDFs are written 2x slower for Latin text and "
                    "40x for Chinese (hint: apt-get install libharfbuzz-subset0, or brew install harfbuzz)")
    try:
        report.ok("fontconfig", _fontconfig_version())
    except (OSError, AttributeError) as exc:
        report.fail("fontconfig", f"not found ({exc}) (hint: apt-get install fontconfig, or brew "
                    "install fontconfig)")


def _stylesheets(project: Project) -> tuple[Path, ...]:
    names = dict.fromkeys(name for spec in FORMATS.values() for name in spec.styles)
    found = [project.find("styles", name) for name in names]
    return tuple(p for p in found if p is not None) + extra_stylesheets(project)


def check_fonts(report: Report, project: Project) -> None:
    """The families the stylesheets name, and for each language whether its text has glyphs."""
    from booklet.render.glyphs import coverage, installed_face, named_families

    families = named_families(_stylesheets(project))
    template = project.find("locales", TEMPLATE)
    english = ({c for m in read_catalog(template) if isinstance(m.id, str) for c in m.id}
               if template else set())
    for family in families:
        face = installed_face(family)
        if face is None:
            report.warn(f"font {family}", "not installed")
        else:
            report.ok(f"font {family}", face.file)
    for lang in languages(project):
        try:
            messages = load_messages(project, lang)
        except BookletError as exc:
            report.fail(f"language {lang}", str(exc.message).splitlines()[0])
            continue
        chars = english | {c for entry in messages.entries.values() for c in entry.string}
        found = coverage(chars, families)
        if found.uncovered:
            sample = "".join(sorted(found.uncovered)[:SHOWN_CHARACTERS])
            report.fail(f"language {lang}", f"{len(found.uncovered)} characters have no glyph in the "
                        f"fonts named ({sample}…) (hint: install the Noto fonts, see README 'System "
                        "packages')")
        else:
            report.ok(f"language {lang}", "every character drawn by " + ", ".join(found.drawn_by))


def check_output(report: Report, out: Path) -> None:
    """Whether ``out`` can be made (or written into) by this user."""
    existing = next(p for p in (out, *out.parents) if p.exists() or p.is_symlink())
    if not existing.is_dir():
        report.fail("output folder", f"{display_path(out)}: a file stands at {display_path(existing)}")
    elif not os.access(existing, os.W_OK | os.X_OK):
        report.fail("output folder", f"{display_path(out)}: {display_path(existing)} is not writable")
    else:
        report.ok("output folder", f"{display_path(out)}/ can be written")


def doctor_command(project_dir: Path | None, out: Path | None) -> None:
    """Print the report; raise ``BookletError`` when a build would fail."""
    project = open_project(project_dir)
    report = Report()
    report.lines.append(f"booklet {__version__}, Python {platform.python_version()} on "
                        f"{platform.system()} {platform.machine()}")
    check_libraries(report)
    if "fontconfig" not in report.problems:
        check_fonts(report, project)
    check_output(report, out if out is not None else default_out(project))
    for line in report.lines:
        click.echo(line)
    if report.problems:
        raise BookletError(f"{len(report.problems)} problem(s): a build would fail "
                           f"({', '.join(report.problems)})")
    click.echo("ready to build")
