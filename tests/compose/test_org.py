"""The organization stamp (--org): validated like region data, printed on every format, fitted."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from booklet.errors import ProblemsFound
from booklet.validate.org import MAX_LOGO_BYTES, load_org
from tests.conftest import ROOTS, pdf_text

FORMATS = ["booklet", "large-print", "trifold", "card"]
ORG = ROOTS / "org" / "org.yaml"


@pytest.mark.parametrize("fmt", FORMATS)
def test_stamp_printed_on_every_format(stamped: Path, fmt: str) -> None:
    text = " ".join(pdf_text(stamped / "en" / f"{fmt}.pdf").split())
    assert "Eastside Health Center" in text
    assert "718-555-0142" in text


@pytest.mark.parametrize("fmt", ["booklet", "trifold"])
def test_stamp_has_details_and_no_empty_box(stamped: Path, fmt: str) -> None:
    text = "".join(pdf_text(stamped / "en" / f"{fmt}.pdf").split())  # lines may wrap anywhere
    assert "Hours:Mon–Fri9:00–17:00" in text and "Walk-inswelcome" in text
    assert "Brooklyn,NY11201" in text and "eastside-health.example.org/opioids" in text
    assert "Clinicstamp" not in text and "Openinghours" not in text


def test_without_org_the_empty_stamp_box_stays(every_format: Path) -> None:
    text = pdf_text(every_format / "booklet.pdf")
    assert "Clinic stamp" in text and "Opening hours" in text


def _write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "org.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path: Path, countries: list[str] | None = None) -> list[str]:
    with pytest.raises(ProblemsFound) as caught:
        load_org(path, countries or ["US"])
    return [str(p) for p in caught.value.problems]


def test_bad_phone_and_url_name_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, 'name: Clinic\nphone: "212-555-01000"\nwebsite: http://x.example.org\n')
    found = _problems(path)
    assert any(":2: phone:" in p and "not a valid US phone number" in p for p in found), found
    assert any(":3: website:" in p and "https URL" in p for p in found), found


def test_phone_read_for_the_orgs_own_country(tmp_path: Path) -> None:
    path = _write(tmp_path, 'name: Clinic\ncountry: GB\nphone: "020 7946 0958"\n')
    assert load_org(path, ["US"]).data.phone == "+442079460958"


def test_several_countries_need_a_country(tmp_path: Path) -> None:
    path = _write(tmp_path, 'name: Clinic\nphone: "718-555-0142"\n')
    assert any("several countries (GB, US)" in p for p in _problems(path, ["US", "GB"]))


@pytest.mark.parametrize(("logo", "make", "message"), [
    ("../outside.png", None, "not an allowed logo file name"),
    ("/etc/passwd", None, "not an allowed logo file name"),
    ("logo.gif", None, "not an allowed logo file name"),
    ("missing.png", None, "no file 'missing.png'"),
    ("fake.png", b"GIF89a not a png", "not a PNG image"),
    ("big.png", b"\x89PNG\r\n\x1a\n" + bytes(MAX_LOGO_BYTES), "over the 512 KiB limit"),
    ("link.svg", "symlink", "points outside"),
])
def test_logo_refused_with_line(tmp_path: Path, logo: str, make: bytes | str | None, message: str) -> None:
    folder = tmp_path / "org"
    path = _write(folder, f'name: Clinic\nphone: "718-555-0142"\nlogo: "{logo}"\n')
    if make == "symlink":
        (tmp_path / "elsewhere.svg").write_text("<svg/>", encoding="utf-8")
        (folder / logo).symlink_to(tmp_path / "elsewhere.svg")
    elif isinstance(make, bytes):
        (folder / logo).write_bytes(make)
    found = _problems(path)
    assert any(":3: logo:" in p and message in p for p in found), found


def test_logo_from_the_org_folder_is_accepted() -> None:
    org = load_org(ORG, ["US"])
    assert org.logo == (ROOTS / "org" / "logo.svg").resolve()
    assert org.asset_roots == ((ROOTS / "org").resolve(),)


def test_oversized_stamp_is_a_fit_error(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    shutil.copy(ROOTS / "org" / "logo.svg", tmp_path / "logo.svg")
    long = "Open late on Thursdays and every second Saturday; bring your card and a list " * 2
    path = _write(tmp_path, f'name: Clinic\nphone: "718-555-0142"\naddress: "{long[:230]}"\n'
                            f'note: "{long[:199]}"\nhours: "{long[:110]}"\n'
                            "website: https://clinic.example.org\n")
    result = run_cli("build", "-f", "trifold", "--org", str(path), "--out", str(tmp_path / "out"),
                     "--jobs", "1")
    assert result.exit_code == 1
    assert "us/en/trifold: panel 'clinic stamp' on page 1 overflows its bottom edge by" in result.output
    assert " mm" in result.output
