"""Catalogs compile in memory; a translation may equal its English id; gaps are recorded."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from booklet.compose.i18n import load_translations
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


def test_same_as_english_counts_as_translated_and_fuzzy_does_not(make_project: Callable[..., Path]) -> None:
    project = open_project(make_project({"locales/de/LC_MESSAGES/booklet.po": PO}))
    translations = load_translations(project, "de")
    assert (translations.gettext("Web"), translations.gettext("Call")) == ("Web", "Anrufen")
    assert translations.missing == set()
    translations.gettext("Text")
    translations.gettext("Email")
    assert translations.missing == {"Text", "Email"}


def test_english_needs_no_catalog(shipped: Path) -> None:
    translations = load_translations(open_project(shipped), "en")
    assert translations.gettext("Call") == "Call"
    assert translations.missing == set()
