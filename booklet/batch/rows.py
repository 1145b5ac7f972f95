"""Read a clinics CSV: a header row naming organization fields, then one organization a row.

The file is UTF-8 (a byte-order mark is allowed) in any script. Rows are read one at a
time. A row with bytes that are not UTF-8, a cell that a spreadsheet would run as a formula
(starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return), or a value that does
not validate is reported with its ``file:line``; cells are never evaluated. A problem with
the file itself (the header, the encoding as a whole) fails at once.

Excel's Windows-1252 and semicolon-separated files are detected by ``booklet.batch.csvfile``.

``booklet batch`` also takes three optional columns that choose what a row builds:
``region`` (a region code), ``language`` (a language tag) and ``formats`` (format names
separated by spaces, commas or ``+``). Empty cells take the command's options.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from booklet.batch.csvfile import CsvForm, detect, refuse_non_text
from booklet.errors import BookletError, Problem, display_path
from booklet.limits import CSV_BYTES, CSV_CELL_CHARS
from booklet.load.files import capped_text, open_regular
from booklet.load.yamlfile import YamlDoc
from booklet.models.org import OrgFile
from booklet.validate.org import Org, validate_org

COLUMNS = tuple(OrgFile.model_fields)
"""The organization's fields: what every clinics CSV may name (``booklet schema org``)."""
CHOICE_COLUMNS = ("region", "language", "formats")
"""What a row may choose for itself in ``booklet batch``."""
REQUIRED = ("name", "phone")
COLUMNS_HINT = ("the columns are the fields of `booklet schema org`, plus region, language and "
                "formats (README 'Batch')")
FORMAT_SPLIT = re.compile(r"[\s,;+]+")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NOT_UTF8 = re.compile(r"[\udc80-\udcff]")


@dataclass(frozen=True)
class Choices:
    """The values the ``region``, ``language`` and ``formats`` columns may take."""

    regions: Collection[str]
    languages: Collection[str]
    formats: Collection[str]


@dataclass(frozen=True)
class Row:
    """One data row: where it starts, the name it gives, and its organization or its problems."""

    line: int
    name: str
    org: Org | None
    problems: tuple[Problem, ...] = ()
    number: int = 0
    """Its row number as a spreadsheet shows it (the header is row 1)."""
    region: str | None = None
    """The region it asks for (a ``region`` column), else None: the command's."""
    language: str | None = None
    """The language it asks for (a ``language`` column), else None: the command's."""
    formats: tuple[str, ...] = ()
    """The formats it asks for (a ``formats`` column), else none: the command's."""


def _header(cells: list[str], name: str, choices: Choices | None) -> list[str]:
    columns = [c.strip().lower() for c in cells]
    known = COLUMNS + (CHOICE_COLUMNS if choices is not None else ())
    for column in columns:
        if NOT_UTF8.search(column):
            raise BookletError(f"{name}:1: the header is not UTF-8 (hint: save the file as "
                               "'CSV UTF-8' or UTF-8 text)")
        if column not in known:
            raise BookletError(f"{name}:1: unknown column {column!r} (hint: the header names "
                               f"columns from: {', '.join(known)}; {COLUMNS_HINT})")
    for column in REQUIRED:
        if column not in columns:
            raise BookletError(f"{name}:1: no {column!r} column (hint: the header must name "
                               f"at least {' and '.join(REQUIRED)}; {COLUMNS_HINT})")
    if len(set(columns)) != len(columns):
        raise BookletError(f"{name}:1: a column is named twice (hint: keep one of each)")
    return columns


def _choice_problems(name: str, line: int, values: dict[str, str], choices: Choices) -> list[Problem]:
    """What is wrong with a row's ``region``, ``language`` and ``formats`` cells."""
    found = []
    region, lang = values.get("region", "").strip(), values.get("language", "").strip()
    if region and region not in choices.regions:
        found.append(Problem(name, line, "region", f"no region {region!r}",
                             f"known regions: {', '.join(sorted(choices.regions))}"))
    if lang and lang not in choices.languages:
        found.append(Problem(name, line, "language", f"no section text in {lang!r}",
                             f"languages with text: {', '.join(sorted(choices.languages))}"))
    for fmt in FORMAT_SPLIT.split(values.get("formats", "").strip()):
        if fmt and fmt not in choices.formats:
            found.append(Problem(name, line, "formats", f"unknown format {fmt!r}",
                                 f"choose from {', '.join(choices.formats)}, separated by spaces"))
    return found


def _cell_problem(name: str, line: int, column: str, raw: str) -> Problem | None:
    if NOT_UTF8.search(raw):
        bad = raw.encode("utf-8", "surrogateescape")
        byte = next(b for b in bad if b >= 0x80)
        return Problem(name, line, column, f"not UTF-8 text (byte 0x{byte:02X})",
                       "save the file as 'CSV UTF-8' (Excel) or UTF-8 text; "
                       "this file mixes UTF-8 with another encoding")
    if raw.startswith(FORMULA_START):
        first = {"\t": "a tab", "\r": "a carriage return"}.get(raw[0], repr(raw[0]))
        hint = ("write the number without '+': in national form (718-555-0142) or with 00 "
                "for another country" if column == "phone" else
                "remove the leading character; cells are never run as formulas")
        return Problem(name, line, column, f"the cell starts with {first} and looks like a "
                       "spreadsheet formula", hint)
    return None


def _row(path: Path, line: int, columns: list[str], cells: list[str], country: str,
         choices: Choices | None) -> Row:
    name = display_path(path)
    if len(cells) > len(columns):
        return Row(line, "", None, (Problem(name, line, "", f"the row has {len(cells)} cells, the "
                                            f"header {len(columns)}", "quote cells that hold commas"),))
    values = dict(zip(columns, cells, strict=False))
    problems = [p for column, raw in values.items()
                if (p := _cell_problem(name, line, column, raw)) is not None]
    shown = NOT_UTF8.sub("?", values.get("name", "")).strip()
    if problems:
        return Row(line, shown, None, tuple(problems))
    region = values.pop("region", "").strip() or None
    lang = values.pop("language", "").strip() or None
    formats = values.pop("formats", "").strip()
    if choices is not None:
        problems = _choice_problems(name, line, {"region": region or "", "language": lang or "",
                                                 "formats": formats}, choices)
        if problems:
            return Row(line, shown, None, tuple(problems))
    data = {k: v.strip() for k, v in values.items() if v.strip()}
    doc = YamlDoc(path, data, {(): line, **{(k,): line for k in data}})
    org, found = validate_org(doc, region[:2].upper() if region else country)
    return Row(line, shown, org, tuple(found), region=region, language=lang,
               formats=tuple(f for f in FORMAT_SPLIT.split(formats) if f))


def _start(raw: BinaryIO, name: str) -> None:
    """Refuse a file that is not text (also when the caller gave the form and nothing was
    detected)."""
    refuse_non_text(raw.read(4096), name)
    raw.seek(0)


def read_rows(path: Path, country: str, form: CsvForm | None = None,
              choices: Choices | None = None) -> Iterator[Row]:
    """Each non-empty data row of the CSV at ``path``, validated, one at a time; the file's
    encoding and separator are detected unless ``form`` says (``booklet.batch.csvfile``).
    With ``choices`` the ``region``, ``language`` and ``formats`` columns are read too (a
    row's phone number is then checked for its own region's country).

    The file must be a regular file; it is read with a cap of ``CSV_BYTES`` in all and of
    ``CSV_CELL_CHARS`` per cell. A file that cannot be read as CSV fails at the line where
    its broken row starts.
    """
    name = display_path(path)
    line = 1
    csv.field_size_limit(CSV_CELL_CHARS)
    form = form or detect(path, COLUMNS + (CHOICE_COLUMNS if choices is not None else ()))
    with open_regular(path) as raw:
        _start(raw, name)
        try:
            text = capped_text(raw, path, CSV_BYTES, form.codec)
            reader = csv.reader(text, delimiter=form.delimiter, strict=True)
            columns = _header(next(reader, []), name, choices)
            line, number = reader.line_num + 1, 1
            for cells in reader:
                number += 1
                if any(c.strip() for c in cells):
                    row = _row(path, line, columns, cells, country, choices)
                    yield replace(row, number=number)
                line = reader.line_num + 1
        except csv.Error as exc:
            hint = ("a cell this long is not an organization's detail; is a quote left open "
                    "above it?" if "field limit" in str(exc) else "check the quotes in that row")
            raise BookletError(f"{name}:{line}: the row starting here is not readable as CSV: "
                               f"{exc} (hint: {hint})") from exc
        except OSError as exc:
            raise BookletError(f"{name}: cannot read: {exc.strerror}") from exc
