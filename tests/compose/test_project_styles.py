"""A project's ``styles/extra.css`` comes after the shipped stylesheets, its ``assets/`` can be
used whatever stylesheets it overrides, and a blocked file is named by its project path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pikepdf
from click.testing import Result

from tests.conftest import pdf_text

REPO = Path(__file__).resolve().parents[2]
FRONT = (REPO / "sections" / "parts" / "card-front.html.j2").read_text(encoding="utf-8")
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d4944415478da63f8cfc0f01f0005000201e2a1c8c80000000049454e44ae426082")


def _images(pdf: Path) -> set[tuple[int, int]]:
    with pikepdf.open(pdf) as document:
        return {(int(image.Width), int(image.Height)) for page in document.pages
                for image in page.get_images().values()}


def test_extra_css_and_assets(run_cli: Callable[..., Result], make_project: Callable[..., Path]) -> None:
    base = (REPO / "styles" / "base.css").read_text(encoding="utf-8")
    project = make_project({
        "styles/extra.css": ".second-dose { display: none; }\n",
        "styles/base.css": base,  # overriding a shipped sheet moves no asset
        "sections/parts/card-front.html.j2": FRONT + '<img src="{{ asset(\'dot.png\') }}" alt="A dot">\n',
    })
    (project / "assets").mkdir()
    (project / "assets" / "dot.png").write_bytes(PNG)
    result = run_cli("build", "-f", "card", "--project", str(project), "--jobs", "1")
    assert result.exit_code == 0, result.output
    card = project / "out" / "us" / "en" / "card.pdf"
    assert "Give a second dose" not in pdf_text(card) and "Overdose? Call 911" in pdf_text(card)
    assert _images(card) == {(1, 1)}  # the 1×1 PNG from assets/


def test_a_blocked_file_is_named_by_its_project_path(
        run_cli: Callable[..., Result], make_project: Callable[..., Path], shipped: Path) -> None:
    project = make_project({"sections/parts/card-front.html.j2": FRONT + '<img src="logo.png" alt="Logo">\n'})
    result = run_cli("build", "-f", "card", "--project", str(project), "--jobs", "1")
    assert result.exit_code == 1
    assert "blocked a reference to styles/logo.png (no such file)" in result.output
    assert str(shipped) not in result.output and "file:" not in result.output
