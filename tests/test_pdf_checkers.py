"""Two independent PDF/UA checkers from PyPI find no error in any format in any language.

``page-validation`` (the Rust ``page`` validator: PDF/UA-1 conformance, calibrated on the
veraPDF corpus) and ``outloud`` (PDF/UA-1 conformance plus semantic checks: reading order,
headings, artifacts, link text). us has every shipped language; print files (``--pdfx``)
are checked too, since they stay PDF/UA-1. No rule is skipped. Warnings that remain
(outloud ORD-001: list bullets are painted after the item text; TXT-004: an Arabic letter's
positional forms all map to that letter, as they should) are not errors.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from outloud import check
from page import validate_pdf

from tests.conftest import SHIPPED_LANGS

FORMATS = ("booklet", "large-print", "trifold", "card")
CASES = [(lang, fmt) for lang in SHIPPED_LANGS for fmt in FORMATS]
PRINT_CASES = [(lang, fmt) for lang in ("en", "ar") for fmt in ("booklet", "trifold", "card")]


def _page_failures(path: Path) -> list[str]:
    report = validate_pdf(path, profile="ua1")
    return [f"{f.rule_id}: {f.message}" for f in report.failures]


def _outloud_errors(path: Path) -> list[str]:
    result = check(str(path))
    assert result.error is None, result.error
    return [f"{f.rule} p{f.page}: {f.message}" for f in result.findings if f.severity == "error"]


@pytest.mark.parametrize(("lang", "fmt"), CASES)
def test_page_validation_pdfua1(shipped_matrix: Path, lang: str, fmt: str) -> None:
    assert _page_failures(shipped_matrix / "us" / lang / f"{fmt}.pdf") == []


@pytest.mark.parametrize(("lang", "fmt"), CASES)
def test_outloud_finds_no_errors(shipped_matrix: Path, lang: str, fmt: str) -> None:
    assert _outloud_errors(shipped_matrix / "us" / lang / f"{fmt}.pdf") == []


@pytest.mark.parametrize(("lang", "fmt"), PRINT_CASES)
def test_print_files_stay_pdfua1(print_files: Path, lang: str, fmt: str) -> None:
    path = print_files / lang / f"{fmt}.pdf"
    assert _page_failures(path) == []
    assert _outloud_errors(path) == []
