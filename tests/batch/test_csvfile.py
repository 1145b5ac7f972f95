"""CSV files as Excel writes them: detected encoding and separator, for batch and the studio."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from booklet.batch.csvfile import CsvForm, detect
from booklet.batch.rows import COLUMNS, read_rows
from booklet.errors import BookletError
from tests.conftest import pdf_text


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "clinics.csv"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("data", "form"), [
    ("name,phone\nClínica,212-555-0100\n".encode(), CsvForm("utf-8", ",")),
    ("\ufeffname;phone\nClínica;212-555-0100\n".encode(), CsvForm("utf-8", ";")),
    ("name;phone;note\nClínica Ñandú;212-555-0100;Café, té\n".encode("cp1252"), CsvForm("windows-1252", ";")),
    (b"name\tphone\nA\t212-555-0100\n", CsvForm("utf-8", "\t")),
    (b"name,phone\n", CsvForm("utf-8", ",")),
])
def test_encoding_and_separator_are_detected(tmp_path: Path, data: bytes, form: CsvForm) -> None:
    assert detect(_write(tmp_path, data), COLUMNS) == form


def test_an_excel_file_is_read_as_excel_wrote_it(tmp_path: Path) -> None:
    data = "name;phone;address\nClínica Ñandú;212-555-0100;\"1 Main St; Suite 2\"\n".encode("cp1252")
    rows = list(read_rows(_write(tmp_path, data), "US"))
    assert [(r.line, r.name, r.problems) for r in rows] == [(2, "Clínica Ñandú", ())]
    assert rows[0].org is not None and rows[0].org.data.address == "1 Main St; Suite 2"


def test_a_mixed_file_keeps_utf8_and_reports_the_other_rows(tmp_path: Path) -> None:
    data = "name,phone\nClínica,212-555-0100\n".encode() + b"Caf\xe9,212-555-0101\n"
    rows = list(read_rows(_write(tmp_path, data), "US"))
    assert rows[0].name == "Clínica" and rows[0].org is not None
    assert "not UTF-8 text (byte 0xE9)" in str(rows[1].problems[0])


def test_the_user_may_say_how_the_file_is_written(tmp_path: Path) -> None:
    path = _write(tmp_path, "name,phone\nZoë,212-555-0100\n".encode())
    assert detect(path, COLUMNS, "windows-1252", ";") == CsvForm("windows-1252", ";")
    with pytest.raises(BookletError, match="unknown encoding"):
        detect(path, COLUMNS, "latin-9")
    with pytest.raises(BookletError, match="UTF-16"):
        detect(_write(tmp_path, "name,phone\n".encode("utf-16")), COLUMNS)


def test_booklet_batch_reads_an_excel_file_and_says_how(run_cli: Callable[..., Result],
                                                        tmp_path: Path) -> None:
    _write(tmp_path, "name;phone\nClínica Ñandú;718-555-0142\n".encode("cp1252"))
    result = run_cli("batch", "clinics.csv", "-f", "card", "--out", "out", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "clinics.csv: read as windows-1252, semicolon-separated" in result.output
    assert "Clínica Ñandú" in pdf_text(tmp_path / "out" / "clinica-nandu" / "us" / "en" / "card.pdf")
