"""``booklet batch`` for a print shop: rows that choose their region, language and formats,
``--rows``, one combined card-sheet file, legacy encodings, and where the columns are
documented."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pikepdf
from click.testing import Result

from tests.conftest import pdf_text

CSV = ("name;phone;region;language;formats\r\n"
       "Clínica Sur;718-555-0142;;;\r\n"                       # row 2: the command's choices
       "Clinique Nord;514-555-0100;ca-qc;fr;card\r\n"          # row 3: its own
       "Nowhere;718-555-0143;zz;;\r\n"                          # row 4: bad region
       "London Help;020 7946 0000;gb;;card\r\n")                # row 5: outside --rows 2-4


def test_rows_choose_region_language_and_formats(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "clinics.csv").write_bytes(CSV.encode("cp1252"))
    result = run_cli("batch", "clinics.csv", "-f", "card", "--rows", "2-4", "--combined",
                     "--encoding", "windows-1252", "--out", "out", "--jobs", "2")
    assert result.exit_code == 1  # row 4
    assert "clinics.csv: read as windows-1252, semicolon-separated" in result.output
    assert "clinics.csv:4: region: no region 'zz' (hint: known regions: au, ca," in result.output
    assert "3 rows (rows 2-4): 2 done, 1 bad, 0 failed; 2 PDFs written" in result.output
    out = tmp_path / "out"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("card.pdf")) == [
        "clinica-sur/us/en/card.pdf", "clinique-nord/ca-qc/fr/card.pdf"]
    assert "Clinique Nord" in pdf_text(out / "clinique-nord" / "ca-qc" / "fr" / "card.pdf")
    assert "all card sheets in one file: out/card-sheets.pdf" in result.output
    with pikepdf.open(out / "card-sheets.pdf") as combined:
        assert len(combined.pages) == 4  # fronts and backs of two clinics, in row order
    assert "Clínica Sur" in pdf_text(out / "card-sheets.pdf", 2)  # page 1: its fronts
    assert "Clinique Nord" in pdf_text(out / "card-sheets.pdf", 4)


def test_a_missing_column_names_where_the_columns_are_documented(
        run_cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "clinics.csv").write_text("name,telephone\nOne,718-555-0142\n", encoding="utf-8")
    result = run_cli("batch", "clinics.csv", "--out", "out")
    assert result.exit_code == 1
    assert "the columns are the fields of `booklet schema org`, plus region, language and formats" in (
        result.output)
    schema = run_cli("schema", "org")
    assert schema.exit_code == 0 and '"phone"' in schema.output
