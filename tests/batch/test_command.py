"""``booklet batch`` end to end (card format, small CSVs) and ``--shard`` on batch and build."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from tests.conftest import pdf_text

CSV = ("name,address,phone,website\n"
       "Acme Clinic,1 Main St,718-555-0142,https://acme.example.org\n"
       "ACME clinic,,212-555-0100,\n"
       ",,212-555-0101,\n"
       "../../Evil,,212-555-0102,\n"
       "Bad Phone,,555-01,\n"
       "東京クリニック,,212-555-0103,\n")


def _pdfs(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*.pdf")}


def _batch(run_cli: Callable[..., Result], tmp_path: Path, out: str, *args: str,
           csv: str = CSV) -> Result:
    (tmp_path / "clinics.csv").write_text(csv, encoding="utf-8")
    return run_cli("batch", "clinics.csv", "-f", "card", "--out", out, "--jobs", "2", *args)


def test_bad_rows_reported_run_goes_on(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    result = _batch(run_cli, tmp_path, "out")
    assert result.exit_code == 1
    assert "clinics.csv:4: name: required field is missing" in result.output
    assert "clinics.csv:6: phone: '555-01' is too short" in result.output
    assert "6 rows: 4 done, 2 bad, 0 failed; 4 PDFs written" in result.output
    pdfs = _pdfs(tmp_path / "out")
    assert {p for p in pdfs if p.endswith("card.pdf")} == {
        "acme-clinic/us/en/card.pdf", "acme-clinic-2/us/en/card.pdf", "evil/us/en/card.pdf",
        next(p for p in pdfs if p.startswith("org-") and p.endswith("card.pdf"))}
    assert not any(p.name != "out" for p in tmp_path.iterdir() if p.is_dir())
    text = " ".join(pdf_text(tmp_path / "out" / "acme-clinic-2" / "us" / "en" / "card.pdf").split())
    assert "ACME clinic" in text and "212-555-0100" in text


def test_strict_stops_at_the_first_bad_row(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    result = _batch(run_cli, tmp_path, "out", "--strict")
    assert result.exit_code == 1
    assert "clinics.csv:4: name: required field is missing" in result.output
    assert "clinics.csv:6" not in result.output
    assert not (tmp_path / "out").exists()


def test_good_file_exits_zero(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    result = _batch(run_cli, tmp_path, "out", csv="name,phone\nOne,718-555-0142\n")
    assert result.exit_code == 0, result.output
    assert "1 rows: 1 done, 0 bad, 0 failed; 1 PDFs written" in result.output


def test_batch_shards_are_disjoint_and_add_up(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    _batch(run_cli, tmp_path, "all")
    whole = _pdfs(tmp_path / "all")
    parts = []
    for k in (1, 2, 3):
        _batch(run_cli, tmp_path, f"shard{k}", "--shard", f"{k}/3")
        parts.append(_pdfs(tmp_path / f"shard{k}"))
    assert set().union(*parts) == whole and sum(map(len, parts)) == len(whole)
    assert all(parts)


def test_build_all_shards_add_up(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    def build(out: str, *args: str) -> set[str]:
        result = run_cli("build", "--all", "-r", "us", "-f", "card", "--jobs", "2", "--out", out, *args)
        assert result.exit_code == 0, result.output
        return {p for p in _pdfs(tmp_path / out) if p.endswith("/card.pdf")}

    whole = build("all")
    parts = [build(f"s{k}", "--shard", f"{k}/2") for k in (1, 2)]
    assert len(whole) == 5
    assert parts[0] | parts[1] == whole and not parts[0] & parts[1]
    assert build("s1-again", "--shard", "1/2") == parts[0]
