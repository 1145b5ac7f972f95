"""The studio's interface strings go through its own gettext domain, complete in Spanish."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from booklet.serve.i18n import LANGUAGES, catalog_path, choose, extract_messages, translations

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_interface_string_is_in_the_catalog(lang: str) -> None:
    with catalog_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    source = {m.id for m in extract_messages() if m.id}
    kept = {m.id for m in catalog if m.id}
    assert source - kept == set(), "run the extraction and translate the new strings"
    assert kept - source == set(), "strings no page uses any more"
    if lang != "en":
        for message in catalog:
            if message.id:
                assert message.string and not message.fuzzy, message.id
                assert sorted(PLACEHOLDER.findall(message.string)) == sorted(PLACEHOLDER.findall(message.id))


def test_the_interface_language_is_asked_remembered_or_negotiated() -> None:
    assert choose("es", None, "") == "es"
    assert choose(None, "es", "en-US") == "es"
    assert choose(None, None, "es-MX,es;q=0.9,en;q=0.5") == "es"
    assert choose("xx", None, "fr-FR") == "en"
    assert translations("es").gettext("Make a handout") == "Hacer un folleto"
