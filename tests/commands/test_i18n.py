"""The translator workflow: extract → update → compile → status, and what the build does with
a message whose English changed."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import Result

from booklet.commands.i18n import extract, update
from booklet.load.project import open_project, shipped_root
from tests.conftest import pdf_text

OLD = "If they breathe on their own, lay them on their side."
NEW = "If they breathe on their own, roll them onto their side."
SPANISH_OLD = "Si respira por su cuenta, acuéstela de lado."


@pytest.fixture
def copy_of_project(tmp_path: Path) -> Path:
    """A copy of the shipped content, as a project someone edits."""
    folder = tmp_path / "copy"
    for part in ("sections", "locales", "regions", "styles"):
        shutil.copytree(shipped_root() / part, folder / part)
    shutil.copy(shipped_root() / "booklet.toml", folder / "booklet.toml")
    return folder


def catalog(path: Path) -> dict[str, tuple[str, bool]]:
    """msgid → (msgstr, fuzzy) of a catalog."""
    with path.open("rb") as handle:
        return {str(m.id): (str(m.string), m.fuzzy) for m in read_po(handle) if m.id}


def test_extract_has_sources_references_and_whole_sentences(make_project: Callable[..., Path]) -> None:
    path, messages = extract(open_project(make_project()))
    text = path.read_text(encoding="utf-8")
    assert "#: sections/overdose.html.j2:" in text
    ids = {m.id for m in messages if m.id}
    # inline markup and the number stay inside one message, for the translator to move
    assert "<strong>Call %(numbers)s and give naloxone</strong> if you have it." in ids
    assert "Find treatment near you: %(link)s" in ids
    assert {"Call", "24/7", "Confirmed by phone on %(date)s"} <= ids


def test_a_changed_sentence_is_fuzzy_printed_in_english_and_reported(
        copy_of_project: Path, run_cli: Callable[..., Result], tmp_path: Path) -> None:
    source = copy_of_project / "sections" / "overdose.html.j2"
    source.write_text(source.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    before = catalog(copy_of_project / "locales/es/LC_MESSAGES/booklet.po")

    assert run_cli("i18n", "update", "--project", str(copy_of_project)).exit_code == 0
    po = copy_of_project / "locales/es/LC_MESSAGES/booklet.po"
    after = catalog(po)
    fuzzy = {msgid: entry for msgid, entry in after.items() if entry[1]}
    assert fuzzy == {NEW: (SPANISH_OLD, True)}, "exactly the edited message is fuzzy"
    assert f'#, fuzzy\n#| msgid "{OLD}"\nmsgid "{NEW}"' in po.read_text(encoding="utf-8")
    assert {k: v[0] for k, v in after.items() if k != NEW} == \
        {k: v[0] for k, v in before.items() if k not in (OLD, NEW)}, "every other message is as it was"

    report = run_cli("check", "--json", "--project", str(copy_of_project))
    es = next(t for t in json.loads(report.output)["translations"] if t["lang"] == "es")
    assert es["sections"]["overdose"] == {"translated": es["sections"]["overdose"]["translated"],
                                          "outdated": 1, "missing": 0}

    out = tmp_path / "out"
    built = run_cli("build", "--project", str(copy_of_project), "-l", "es", "--html", "--out", str(out))
    assert built.exit_code == 0, built.output
    assert "es: 1 message outdated in overdose (printed in English)" in built.output
    html = (out / "us/es/booklet.html").read_text(encoding="utf-8")
    assert f'<span lang="en">{NEW}</span>' in html
    assert NEW in re.sub(r"\s+", " ", pdf_text(out / "us/es/booklet.pdf"))

    strict = run_cli("build", "--project", str(copy_of_project), "-l", "es", "--strict", "--force",
                     "--out", str(out))
    assert strict.exit_code == 1


def test_previous_policy_prints_the_older_translation_with_the_same_warning(
        copy_of_project: Path, run_cli: Callable[..., Result], tmp_path: Path) -> None:
    source = copy_of_project / "sections" / "overdose.html.j2"
    source.write_text(source.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    config = copy_of_project / "booklet.toml"
    config.write_text(config.read_text(encoding="utf-8") + 'outdated = "previous"\n', encoding="utf-8")
    update(open_project(copy_of_project), ["es"])
    out = tmp_path / "out"
    built = run_cli("build", "--project", str(copy_of_project), "-l", "es", "--html", "--out", str(out))
    assert "es: 1 message outdated in overdose (printed the previous translation)" in built.output
    html = (out / "us/es/booklet.html").read_text(encoding="utf-8")
    assert NEW not in html and SPANISH_OLD in html


def test_compile_refuses_a_translation_that_drops_a_placeholder(
        copy_of_project: Path, run_cli: Callable[..., Result], tmp_path: Path) -> None:
    po = copy_of_project / "locales/es/LC_MESSAGES/booklet.po"
    text = po.read_text(encoding="utf-8")
    hidden = re.sub(r'(msgid "Overdose\? Call %\(number\)s"\nmsgstr ")[^"]*"',
                    r'\1¿Sobredosis? Llame al 555-0100"', text)
    assert hidden != text
    po.write_text(hidden, encoding="utf-8")
    result = run_cli("i18n", "compile", "--project", str(copy_of_project))
    assert result.exit_code == 1
    assert re.search(r"locales/es/LC_MESSAGES/booklet\.po:\d+: 'Overdose\? Call %\(number\)s': "
                     r"placeholders differ from the English: drops %\(number\)s", result.output)
    built = run_cli("build", "--project", str(copy_of_project), "-l", "es", "--out", str(tmp_path / "o"))
    assert built.exit_code == 1 and "drops %(number)s" in built.output
    assert not (tmp_path / "o" / "us" / "es" / "booklet.pdf").exists()


def test_status_prints_a_line_per_catalog_and_a_table(run_cli: Callable[..., Result]) -> None:
    result = run_cli("i18n", "status", "--project", str(shipped_root()))
    assert result.exit_code == 0
    for lang in ("es", "fr", "ar", "zh-Hans"):
        assert re.search(rf"^locales/{lang}/LC_MESSAGES/booklet\.po: \d+ translated, 0 fuzzy, "
                         r"0 untranslated\.$", result.output, re.M)
    assert re.search(r"^ +es +all +\d+ +0 +0 +100% +draft \(revision [0-9a-f]{12}\)", result.output, re.M)


def test_add_scaffolds_a_language_that_counts_as_untranslated(
        make_project: Callable[..., Path], run_cli: Callable[..., Result]) -> None:
    folder = make_project()
    result = run_cli("i18n", "add", "vi", "--project", str(folder))
    assert result.exit_code == 0, result.output
    po = folder / "locales/vi/LC_MESSAGES/booklet.po"
    text = po.read_text(encoding="utf-8")
    assert "Language: vi" in text and "Plural-Forms: nplurals=1; plural=0;" in text
    assert "draft" in (folder / "locales/vi/review.yaml").read_text(encoding="utf-8")
    # a translator who pastes the English has not translated it
    po.write_text(text.replace('msgid "Call"\nmsgstr ""', 'msgid "Call"\nmsgstr "Call"'), encoding="utf-8")
    status = json.loads(run_cli("i18n", "status", "-l", "vi", "--json", "--project", str(folder)).output)
    assert status[0]["translated"] == 0 and status[0]["missing"] == status[0]["total"] > 150
    again = run_cli("i18n", "add", "vi", "--project", str(folder))
    assert again.exit_code == 1 and "exists already" in again.output


def test_the_shipped_template_and_catalogs_are_up_to_date(make_project: Callable[..., Path],
                                                         shipped: Path) -> None:
    _, fresh = extract(open_project(make_project()))
    committed = catalog(shipped / "locales" / "booklet.pot")
    assert {str(m.id) for m in fresh if m.id} == set(committed), \
        "run: booklet i18n update"
    for lang in ("es", "fr", "ar", "zh-Hans"):
        entries = catalog(shipped / "locales" / lang / "LC_MESSAGES" / "booklet.po")
        assert set(entries) == set(committed), lang
        assert [k for k, v in entries.items() if not v[0] or v[1]] == [], lang


@pytest.mark.parametrize("lang", ["es", "fr", "ar", "zh-Hans"])
def test_gettext_msgfmt_accepts_every_catalog(shipped: Path, tmp_path: Path, lang: str) -> None:
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt (Debian package gettext) is installed by scripts/setup.sh --test"
    po = shipped / "locales" / lang / "LC_MESSAGES" / "booklet.po"
    result = subprocess.run([msgfmt, "--check", "--statistics", "-o", str(tmp_path / "x.mo"), str(po)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "fuzzy" not in result.stderr and "untranslated" not in result.stderr


def test_add_offers_the_language_in_the_projects_own_region(
        make_project: Callable[..., Path], run_cli: Callable[..., Result], tmp_path: Path) -> None:
    region = "# our county\ncode: us-t2\nparent: us\nname: {en: Test County Two}  # printed on the cover\n"
    folder = make_project({"regions/us-t2.yaml": region})
    result = run_cli("i18n", "add", "vi", "-r", "us-t2", "--project", str(folder))
    assert result.exit_code == 0, result.output
    text = (folder / "regions/us-t2.yaml").read_text(encoding="utf-8")
    assert text.startswith(region) and text.endswith("languages: [en, es, zh-Hans, ar, fr, vi]\n")
    built = run_cli("build", "--project", str(folder), "-r", "us-t2", "-l", "vi", "-f", "card",
                    "--out", str(tmp_path / "out"))
    assert built.exit_code == 0, built.output
    assert "vi: " in built.output and "missing in parts/card-front (printed in English)" in built.output
    shipped_region = run_cli("i18n", "add", "pt", "-r", "us", "--project", str(folder))
    assert shipped_region.exit_code == 1 and "never" in shipped_region.output
    assert not (folder / "locales/pt").exists(), "nothing is written when a region cannot be edited"
