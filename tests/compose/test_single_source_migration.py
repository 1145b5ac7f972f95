"""No translated sentence was lost when the sections moved to one English source + catalogs.

``golden-before-single-source/<lang>-<format>.txt`` is what ``pdftotext`` read from the PDFs
built before the move (commit 60b8211, ``booklet build --project tests/roots/single-source
-r us -l <lang> -f booklet -f trifold -f card``). That project's region prints no helplines
or locator, so every sentence comes from the section templates and catalogs. Each language
is built again from the catalogs and its sentences are compared with those; the only
differences allowed are the ones listed in ``CHANGES``, each with its reason: the move itself
(where two copies of one English sentence had two translations, the catalog keeps one) and
every later change of the printed text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import ROOTS, pdf_text

BEFORE = Path(__file__).parent / "golden-before-single-source"
FORMATS = ("booklet", "trifold", "card")
CONTROL = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\\s]")

Sentences = dict[str, int]
CHANGES: dict[str, dict[str, tuple[Sentences, Sentences]]] = {
    # Where two copies of one English sentence had two translations, the catalog keeps one.
    "one translation per message": {
        # "Lay them on their side." (overdose section, tri-fold steps)
        "es": ({"Acuésteladelado.": 1}, {"Acuestealapersonadelado.": 1}),
        # "Try to keep the person awake and breathing.": the section's copy had a shadda
        # (ويتنفّس) the tri-fold's lacked; the step now extracts as one run.
        "ar": ({"911ًّويتنفس.": 1, "مستيقظا.": 1}, {".": 1, "911ًمستيقظاويتنفس.": 1}),
    },
    # Issue 13 (helpline provenance), after the move: the help page says where each line's
    # details come from instead of "when we last checked".
    "help page names each line's source": {
        "en": ({"Eachoneshowswhenwelastcheckeditsdetails.": 1},
               {"Undereachone,wesaywhereitsdetailscomefromandwhen:aphonecall,anofficialwebsite"
                "oranothersource.": 1}),
        "es": ({"Cadaunodicecuándorevisamossusdatosporúltimavez.": 1},
               {"Debajodecadaunodecimosdedóndevienensusdatosycuándo:unallamada,unsitioweboficial"
                "uotrafuente.": 1}),
        "fr": ({"Pourchacun,vousvoyezladatedenotredernièrevérification.": 1},
               {"Pourchacun,nousindiquonsd’oùviennentsesinformationsetquand:unappel,unsiteofficiel"
                "ouuneautresource.": 1}),
        "ar": ({"معكلخدمةتاريخآخرمرةّتحققنافيهامنمعلوماتها.": 1},
               {"نذكرتحتكلخدمةمصدرمعلوماتهاوتاريخه:مكالمةهاتفية،أوموقعرسمي،أومصدرآخر.": 1}),
        "zh-Hans": ({"每项服务都写明了我们最后一次核实信息的日期。": 1},
                    {"每项服务下方都注明了信息的来源和时间：电话确认、官方网站或其他来源。": 1}),
    },
}
"""Every difference allowed, by reason: per language (sentences printed fewer times,
sentences printed more times), with counts."""


def allowed(lang: str) -> tuple[Counter[str], Counter[str]]:
    """The differences the listed changes allow in ``lang``."""
    removed, added = Counter[str](), Counter[str]()
    for change in CHANGES.values():
        fewer, more = change.get(lang, ({}, {}))
        removed.update(fewer)
        added.update(more)
    return removed, added


def sentences(text: str) -> Counter[str]:
    """The sentences of extracted text, with layout (line breaks, hyphens, spaces) removed."""
    joined = CONTROL.sub("", re.sub("\u2010\n", "", text))
    return Counter(s for s in re.split(r"(?<=[.!?。؟])", joined) if s)


@pytest.mark.parametrize("lang", ["en", "es", "fr", "ar", "zh-Hans"])
def test_every_translated_sentence_survives(lang: str, tmp_path: Path,
                                            run_cli: Callable[..., Result]) -> None:
    out = tmp_path / "out"
    result = run_cli("build", "--project", str(ROOTS / "single-source"), "--out", str(out), "-r", "us",
                     "-l", lang, "--jobs", "1", *[a for f in FORMATS for a in ("-f", f)])
    assert result.exit_code == 0, result.output
    before = sum((sentences((BEFORE / f"{lang}-{f}.txt").read_text(encoding="utf-8"))
                  for f in FORMATS), Counter[str]())
    after = sum((sentences(pdf_text(out / "us" / lang / f"{f}.pdf")) for f in FORMATS), Counter[str]())
    removed, added = allowed(lang)
    assert before - after == removed
    assert after - before == added
