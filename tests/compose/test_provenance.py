"""The printed provenance line, per kind of record, in every shipped language."""

from __future__ import annotations

from datetime import date

import pytest

from booklet.compose.context import LRI, PDI, Localizer
from booklet.compose.i18n import load_translations
from booklet.compose.provenance import provenance
from booklet.load.project import open_project, shipped_root
from booklet.models.verification import Verification

NB = "\u00a0"
PAGE = "https://www.samhsa.gov/find-help/national-helpline"
EXPECTED = {
    "en": (f"Confirmed by phone on Nov{NB}29,{NB}2026", f"From samhsa.gov, November{NB}2026",
           f"From a secondary source, November{NB}2026"),
    "es": (f"Confirmado por teléfono el 29{NB}nov{NB}2026", f"De samhsa.gov, noviembre{NB}de{NB}2026",
           f"De una fuente secundaria, noviembre{NB}de{NB}2026"),
    "fr": (f"Confirmé par téléphone le 29{NB}nov.{NB}2026", f"D’après samhsa.gov, novembre{NB}2026",
           f"D’après une source secondaire, novembre{NB}2026"),
    "ar": ("تم التأكد منه بالهاتف في 29\u200f/11\u200f/2026", f"من {LRI}samhsa.gov{PDI}، نوفمبر{NB}2026",
           f"من مصدر ثانوي، نوفمبر{NB}2026"),
    "zh-Hans": ("已于2026年11月29日电话确认", "信息来自 samhsa.gov，2026年11月",
                "信息来自二手资料，2026年11月"),
}
RECORDS = [Verification(on=date(2026, 11, 29), by="A. Checker", how="called", evidence="They confirmed it."),
           Verification(on=date(2026, 11, 29), by="A. Checker", how="official-page", evidence=PAGE),
           Verification(on=date(2026, 11, 29), by="A. Checker", how="secondary", evidence=PAGE)]


@pytest.mark.parametrize("lang", sorted(EXPECTED))
def test_each_kind_of_record_prints_its_own_words(lang: str) -> None:
    translations = load_translations(open_project(shipped_root()), lang)
    loc = Localizer(lang, translations, "medium", rtl=lang == "ar")
    assert tuple(provenance(r, loc) for r in RECORDS) == EXPECTED[lang]
    assert translations.fallbacks() == []
