"""Reading a clinics CSV: UTF-8 in any script, bad rows located by line, formulas refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from booklet.batch.rows import read_rows
from booklet.errors import BookletError

HEADER = "name,address,phone,hours,website,note\n"


def _rows(tmp_path: Path, data: bytes) -> list[tuple[int, str, list[str]]]:
    path = tmp_path / "clinics.csv"
    path.write_bytes(data)
    return [(r.line, r.name, [str(p) for p in r.problems]) for r in read_rows(path, "US")]


def test_utf8_with_bom_any_script_and_quoted_lines(tmp_path: Path) -> None:
    data = ("\ufeff" + HEADER + 'Eastside,"1 Main St\nBrooklyn",718-555-0142,,,\n'
            "東京クリニック,,212-555-0100,,https://tokyo.example.org,\n"
            ",,,,,\n"
            "مركز الصحة,,212-555-0101,,,\n").encode()
    rows = _rows(tmp_path, data)
    assert rows == [(2, "Eastside", []), (4, "東京クリニック", []), (6, "مركز الصحة", [])]


@pytest.mark.parametrize(("row", "field", "message"), [
    (",,212-555-0100,,,", "name", "required field is missing"),
    ("Clinic,,555-01,,,", "phone", "'555-01' is too short for a phone number"),
    ("Clinic,,212-555-01000,,,", "phone", "not a valid US phone number"),
    ("Clinic,,,,,", "phone", "required field is missing"),
    ("Clinic,,212-555-0100,,http://x.example.org,", "website", "https URL"),
    ("Clinic,,+1 212 555 0100,,,", "phone", "starts with '+' and looks like a spreadsheet formula"),
    ('Clinic,"=HYPERLINK(""http://evil"")",212-555-0100,,,', "address", "starts with '='"),
    ("@SUM(A1),,212-555-0100,,,", "name", "starts with '@'"),
    ("Clinic,,212-555-0100,-2+3,,", "hours", "starts with '-'"),
    ('Clinic,,212-555-0100,,,"\tcmd"', "note", "starts with a tab"),
    ("Clinic,,212-555-0100,,,,extra", "", "the row has 7 cells, the header 6"),
])
def test_bad_row_reported_with_line_and_field(tmp_path: Path, row: str, field: str, message: str) -> None:
    rows = _rows(tmp_path, (HEADER + "Good,,212-555-0199,,,\n" + row + "\n").encode())
    assert rows[0][2] == []
    line, _, problems = rows[1]
    assert line == 3 and len(problems) == 1
    assert problems[0].startswith(f"{tmp_path / 'clinics.csv'}:3: {field}") and message in problems[0]


def test_latin1_bytes_are_a_row_error_not_a_crash(tmp_path: Path) -> None:
    # A UTF-8 row makes the file UTF-8 (a Latin-1 file alone is read as Windows-1252).
    rows = _rows(tmp_path, HEADER.encode() + b"Caf\xe9 Clinic,,212-555-0100,,,\nGood,,212-555-0101,,,\n"
                 + "Clínica,,212-555-0102,,,\n".encode())
    assert rows[0][0] == 2 and "not UTF-8 text (byte 0xE9)" in rows[0][2][0]
    assert "CSV UTF-8" in rows[0][2][0]
    assert rows[1] == (3, "Good", [])


@pytest.mark.parametrize(("data", "message"), [
    (b"name,fax,phone\n", "unknown column 'fax'"),
    (b"name,address\n", "no 'phone' column"),
    (b"name,phone,name\n", "named twice"),
    (b"", "no 'name' column"),
    ("name,phone\n".encode("utf-16"), "UTF-16"),
    (b'name,phone\n"Clinic,212-555-0100\n', "not readable as CSV"),
])
def test_bad_file_fails_at_once(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(BookletError, match=message):
        _rows(tmp_path, data)


def test_logo_column_reads_only_from_the_csv_folder(tmp_path: Path) -> None:
    (tmp_path / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    data = b"name,phone,logo\nA,212-555-0100,logo.svg\nB,212-555-0101,../logo.svg\n"
    rows = _rows(tmp_path, data)
    assert rows[0][2] == []
    assert "logo" in rows[1][2][0] and "not an allowed logo file name" in rows[1][2][0]
