"""No translated sentence was lost when the sections moved to one English source + catalogs.

``golden-before-single-source/<lang>-<format>.txt`` is what ``pdftotext`` read from the PDFs
built before the move (commit 60b8211, ``booklet build --project tests/roots/single-source -r
us -l <lang> -f booklet -f trifold -f card``; that project's region prints no helplines or
locator, so the text comes from the templates and catalogs), and ``<lang>.json`` every
sentence of that commit's per-language section templates and interface catalogs. Each
sentence the "before" PDFs printed must print when the language is built again from today's
catalogs, or be listed in ``changes.json`` with its reason: the move itself, or a later
change of the text.

Sentences are compared with spaces, line breaks, soft hyphens and direction marks removed;
Arabic, whose wrapped lines ``pdftotext`` may list out of order, word by word.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import ROOTS, pdf_text

BEFORE = Path(__file__).parent / "golden-before-single-source"
CHANGES_FILE = BEFORE / "changes.json"
FORMATS = ("booklet", "trifold", "card")
MARKS = re.compile("[\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069\u064b-\u065f\u0670\u0640]")


def bare(text: str) -> str:
    """``text`` without line-break hyphens, marks or any space."""
    return re.sub(r"\s+", "", MARKS.sub("", re.sub("[\u2010\u00ad]\n", "", text)))


def words(text: str) -> set[str]:
    """The words of ``text`` (a mark or full stop between two words does not join them)."""
    return set(MARKS.sub(" ", text).replace(".", " ").split())


def allowed(lang: str) -> dict[str, str]:
    """Each sentence of ``lang`` that may no longer print, with the reason."""
    changes = json.loads(CHANGES_FILE.read_text(encoding="utf-8"))
    return {sentence: reason for reason, by_lang in changes.items()
            for sentence in by_lang.get(lang, [])}


@pytest.mark.parametrize("lang", ["en", "es", "fr", "ar", "zh-Hans"])
def test_every_translated_sentence_survives(lang: str, tmp_path: Path,
                                            run_cli: Callable[..., Result]) -> None:
    out = tmp_path / "out"
    result = run_cli("build", "--project", str(ROOTS / "single-source"), "--out", str(out), "-r", "us",
                     "-l", lang, "--jobs", "1", *[a for f in FORMATS for a in ("-f", f)])
    assert result.exit_code == 0, result.output
    after = "".join(pdf_text(out / "us" / lang / f"{f}.pdf") for f in FORMATS)
    before = "".join((BEFORE / f"{lang}-{f}.txt").read_text(encoding="utf-8") for f in FORMATS)
    translated = json.loads((BEFORE / f"{lang}.json").read_text(encoding="utf-8"))
    if lang == "ar":
        printed_before = [s for s in translated if words(s) <= words(before)]
        missing = {s for s in printed_before if not words(s) <= words(after)}
    else:
        printed_before = [s for s in translated if bare(s) in bare(before)]
        missing = {s for s in printed_before if bare(s) not in bare(after)}
    assert len(printed_before) > 140
    assert missing == set(allowed(lang)), "list each sentence that no longer prints in changes.json"
