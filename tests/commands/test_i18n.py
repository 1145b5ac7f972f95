"""The translator workflow: extract → update → compile, and what the build does with it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from babel.messages.pofile import read_po
from click.testing import Result

from booklet.commands.i18n import check_catalog, extract, update
from booklet.load.project import open_project


def test_extract_collects_template_and_code_strings(make_project: Callable[..., Path]) -> None:
    project = open_project(make_project())
    path, count = extract(project)
    assert path == project.layers[0] / "locales" / "booklet.pot"
    with path.open("rb") as handle:
        ids = {m.id for m in read_po(handle) if m.id}
    assert count == len(ids)
    assert {"Give naloxone", "Call", "24/7", "free", "From %(site)s, %(date)s"} <= ids


def test_update_creates_then_merges_a_language(make_project: Callable[..., Path]) -> None:
    project = open_project(make_project())
    extract(project)
    [path] = update(project, ["de"])  # a language the package ships no catalog for
    text = path.read_text(encoding="utf-8")
    assert 'msgid "Give naloxone"' in text and "Language: de" in text
    path.write_text(text.replace('msgid "Give naloxone"\nmsgstr ""',
                                 'msgid "Give naloxone"\nmsgstr "Naloxon geben"'), encoding="utf-8")
    update(project, ["de"])
    assert 'msgstr "Naloxon geben"' in path.read_text(encoding="utf-8")
    report = check_catalog(project, "de")
    assert (report.translated, report.errors) == (1, ())
    assert report.total > 30


def test_compile_reports_placeholder_mistakes(make_project: Callable[..., Path],
                                              run_cli: Callable[..., Result]) -> None:
    folder = make_project()
    project = open_project(folder)
    extract(project)
    [path] = update(project, ["it"])
    text = path.read_text(encoding="utf-8").replace(
        'msgid "From %(site)s, %(date)s"\nmsgstr ""',
        'msgid "From %(site)s, %(date)s"\nmsgstr "Da %(sito)s, %(date)s"')
    path.write_text(text, encoding="utf-8")
    result = run_cli("i18n", "compile", "--project", str(folder))
    assert result.exit_code == 1
    assert "booklet.po" in result.output and "From %(site)s, %(date)s" in result.output


def test_cli_round_trip(make_project: Callable[..., Path], run_cli: Callable[..., Result]) -> None:
    folder = make_project()
    assert run_cli("i18n", "extract", "--project", str(folder)).exit_code == 0
    assert run_cli("i18n", "update", "-l", "de", "--project", str(folder)).exit_code == 0
    result = run_cli("i18n", "compile", "--project", str(folder))
    assert result.exit_code == 0
    assert re.search(r"^de +0/\d+ +translated \(0%\)", result.output, re.M)


def test_the_shipped_template_and_catalogs_are_up_to_date(make_project: Callable[..., Path],
                                                         shipped: Path) -> None:
    path, _ = extract(open_project(make_project()))
    with path.open("rb") as fresh, (shipped / "locales" / "booklet.pot").open("rb") as committed:
        assert {m.id for m in read_po(fresh)} == {m.id for m in read_po(committed)}, \
            "run: booklet i18n extract && booklet i18n update -l es -l fr -l ar -l zh-Hans"
    for lang in ("es", "fr", "ar", "zh-Hans"):
        report = check_catalog(open_project(shipped), lang)
        assert (report.percent, report.fuzzy, report.errors) == (100, 0, ()), lang
