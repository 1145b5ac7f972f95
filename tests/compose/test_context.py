"""Localization of data values: language choice, fallbacks, data words, bidi isolation."""

from __future__ import annotations

from booklet.compose.context import LRI, PDI, Localizer
from booklet.compose.i18n import Entry, Messages, Translations

SPANISH = {"24/7": Entry("24 horas", False, 1), "free": Entry("gratis", False, 2)}


def localizer(lang: str = "es", rtl: bool = False) -> Localizer:
    return Localizer(lang, Translations(Messages(lang, SPANISH), rtl=rtl), "medium", rtl)


def test_picks_the_language_then_its_base_then_english() -> None:
    loc = localizer("zh-Hans")
    assert loc.text({"en": "Help", "zh-Hans": "帮助"}) == "帮助"
    assert localizer("es-419").text({"en": "Help", "es": "Ayuda"}) == "Ayuda"
    assert loc.untranslated == set()


def test_a_missing_language_falls_back_to_english_and_is_recorded() -> None:
    loc = localizer("es")
    assert loc.text({"en": "Help to find treatment."}) == '<span lang="en">Help to find treatment.</span>'
    assert loc.untranslated == {"Help to find treatment."}
    assert (localizer("ar", rtl=True).text({"en": "A & B"})
            == '<span lang="en" dir="ltr">\u2068A &amp; B\u2069</span>')
    assert localizer("es").text({"fr": "Aide"}) == '<span lang="fr">Aide</span>'



def test_data_words_go_through_the_catalog_and_names_do_not() -> None:
    loc = localizer("es")
    assert (loc.text("24/7"), loc.text("free")) == ("24 horas", "gratis")
    assert loc.text("Poison Help") == "Poison Help"
    assert {status for _, _, status, _ in loc.translations.used} == {"translated"}


def test_numbers_are_isolated_left_to_right_only_in_rtl_text() -> None:
    assert localizer("ar", rtl=True).ltr("1-800-662-4357") == f"{LRI}1-800-662-4357{PDI}"
    assert localizer("es").ltr("1-800-662-4357") == "1-800-662-4357"


def test_dates_and_language_names_are_localized() -> None:
    from datetime import date

    loc = localizer("fr")
    assert loc.date(date(2026, 11, 22)) == "22\u00a0nov.\u00a02026"  # never split over lines
    assert loc.language_names(["en", "es"]) == "anglais et espagnol"


def test_names_in_another_script_are_isolated_in_rtl_text() -> None:
    from booklet.compose.context import FSI, PDI

    assert localizer("ar", rtl=True).isolate("988 Suicide & Crisis Lifeline") == (
        f"{FSI}988 Suicide & Crisis Lifeline{PDI}")
    assert localizer("es").isolate("Poison Help") == "Poison Help"


def test_region_text_in_english_for_want_of_a_translation_is_tagged() -> None:
    spanish, arabic = localizer("es"), localizer("ar", rtl=True)
    assert spanish.text({"en": "Open daily", "es": "Abierto"}) == "Abierto"
    assert spanish.text({"en": "Open <daily>"}) == '<span lang="en">Open &lt;daily&gt;</span>'
    assert arabic.text({"en": "Open daily"}) == \
        '<span lang="en" dir="ltr">\u2068Open daily\u2069</span>'
    assert localizer("en").text({"en": "Open daily"}) == "Open daily"
