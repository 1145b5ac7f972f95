"""QR codes decode, with a real decoder (zbar), to the URL printed beside them."""

from __future__ import annotations

import subprocess
from pathlib import Path

from markupsafe import Markup

from booklet.compose.qr import qr_svg


def decoded(pdf: Path, page: int, tmp_path: Path) -> list[str]:
    """Every QR code zbar finds on one page rendered at 200 dpi, sorted."""
    image = tmp_path / f"page{page}"
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(image)], check=True)
    out = subprocess.run(["zbarimg", "--quiet", "--raw", f"{image}.png"], check=True,
                         capture_output=True, text=True).stdout
    return sorted(out.split())


def last_page(pdf: Path) -> int:
    """The page count, from poppler's pdfinfo."""
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


def test_svg_is_inline_with_title() -> None:
    svg = qr_svg("https://example.org/a", "QR code: link to Example")
    assert isinstance(svg, Markup) and svg.startswith("<svg")
    assert "<title>QR code: link to Example</title>" in svg


def test_trifold_back_has_locator_and_org_codes(stamped: Path, tmp_path: Path) -> None:
    found = decoded(stamped / "en" / "trifold.pdf", 1, tmp_path)
    assert found == ["https://eastside-health.example.org/opioids", "https://findtreatment.gov"]


def test_booklet_back_cover_code_is_the_org_website(stamped: Path, tmp_path: Path) -> None:
    pdf = stamped / "en" / "booklet.pdf"
    assert decoded(pdf, last_page(pdf), tmp_path) == ["https://eastside-health.example.org/opioids"]


def test_alt_text_is_translated(stamped: Path) -> None:
    html = (stamped / "es" / "trifold.html").read_text(encoding="utf-8")
    assert "<title>Código QR: enlace a Eastside Health Center</title>" in html
    assert 'alt="Logotipo de Eastside Health Center"' in html
