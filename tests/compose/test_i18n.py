"""Messages: looked up in the catalog, escaped, English fallbacks tagged and counted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from booklet.compose.i18n import Entry, Messages, Translations, load_messages, load_translations
from booklet.errors import ProblemsFound
from booklet.load.project import open_project

PO = '''msgid ""
msgstr ""
"Language: de\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgid "Web"
msgstr "Web"

msgid "Call"
msgstr "Anrufen"

#, fuzzy
msgid "Text"
msgstr "SMS"
'''


def german(outdated: str = "english", rtl: bool = False) -> Translations:
    entries = {"Call %(number)s": Entry("<b>Rufen</b> Sie %(number)s an", False, 1),
               "Text": Entry("SMS", True, 2)}
    return Translations(Messages("de", entries), outdated, rtl)  # type: ignore[arg-type]


def test_an_english_copy_and_a_fuzzy_entry_are_not_translations(make_project: Callable[..., Path]) -> None:
    project = open_project(make_project({"locales/de/LC_MESSAGES/booklet.po": PO}))
    translations = load_translations(project, "de")
    assert translations.lookup("Call") == ("Anrufen", "translated")
    assert translations.lookup("Web") == ("Web", "missing")  # only the English pasted in
    assert translations.lookup("Text") == ("Text", "outdated")
    assert translations.lookup("Email") == ("Email", "missing")


def test_values_are_escaped_and_only_bare_inline_tags_survive() -> None:
    printed = german().message("Call %(number)s", "help.html.j2", {"number": "<i>911</i>"})
    assert printed == "<b>Rufen</b> Sie &lt;i&gt;911&lt;/i&gt; an"
    hostile = Translations(Messages("de", {"x": Entry('<a href="tel:555">x</a><script>', False, 1)}))
    assert hostile.message("x", None, {}) == "&lt;a href=&#34;tel:555&#34;&gt;x&lt;/a&gt;&lt;script&gt;"


def test_fallbacks_print_english_tagged_and_are_counted_per_part() -> None:
    translations = german()
    assert translations.message("Text", "overdose.html.j2", {}) == '<span lang="en">Text</span>'
    translations.message("Email", "parts/cover.html.j2", {})
    translations.message("Email", "parts/cover.html.j2", {})
    translations.message("Call %(number)s", "overdose.html.j2", {"number": "1"})
    assert translations.fallbacks() == [
        "de: 1 message outdated in overdose (printed in English)",
        "de: 1 message missing in parts/cover (printed in English)",
    ]


def test_right_to_left_documents_isolate_english_fallbacks() -> None:
    printed = german(rtl=True).message("Email", None, {})
    assert printed == '<span lang="en" dir="ltr">\u2068Email\u2069</span>'


def test_the_previous_policy_prints_the_fuzzy_translation() -> None:
    translations = german(outdated="previous")
    assert translations.message("Text", "card.html.j2", {}) == "SMS"
    assert translations.fallbacks() == ["de: 1 message outdated in card (printed the previous translation)"]


def test_english_needs_no_catalog(shipped: Path) -> None:
    translations = load_translations(open_project(shipped), "en")
    assert translations.message("Call", None, {}) == "Call"
    assert translations.fallbacks() == []


@pytest.mark.parametrize(("msgstr", "why"), [
    ("Rufen Sie an", "drops %(number)s"),
    ("Rufen Sie %(nummer)s an", "drops %(number)s, adds %(nummer)s"),
    ("<strong>Rufen</strong> Sie %(number)s an", "markup differs"),
    ("Rufen Sie %(number)s an, 100% sicher", "a lone '%'"),
])
def test_a_catalog_that_changes_placeholders_or_markup_is_refused(
        make_project: Callable[..., Path], msgstr: str, why: str) -> None:
    po = PO + f'\nmsgid "Call %(number)s"\nmsgstr "{msgstr}"\n'
    project = open_project(make_project({"locales/de/LC_MESSAGES/booklet.po": po}))
    with pytest.raises(ProblemsFound) as caught:
        load_messages(project, "de")
    [problem] = caught.value.problems
    assert problem.file.endswith("locales/de/LC_MESSAGES/booklet.po") and problem.line == 16
    assert why in problem.message


def test_a_catalog_is_parsed_once_while_its_text_is_unchanged(make_project: Callable[..., Path]) -> None:
    folder = make_project({"locales/de/LC_MESSAGES/booklet.po": PO})
    project = open_project(folder)
    first = load_messages(project, "de")
    assert load_messages(project, "de") is first
    # the same length and, on a coarse clock, the same modification time: only the text differs
    (folder / "locales/de/LC_MESSAGES/booklet.po").write_text(PO.replace("Anrufen", "Anrufer"),
                                                              encoding="utf-8")
    assert load_messages(project, "de").entries["Call"].string == "Anrufer"


def test_a_previous_translation_that_does_not_fit_the_new_english_is_not_printed() -> None:
    entries = {"Call %(number)s now": Entry("Rufen Sie jetzt an", True, 1, fits=False)}
    translations = Translations(Messages("de", entries), "previous")
    printed = translations.message("Call %(number)s now", "overdose.html.j2", {"number": "112"})
    assert printed == '<span lang="en">Call 112 now</span>'
    assert translations.fallbacks() == ["de: 1 message outdated in overdose (printed in English)"]
