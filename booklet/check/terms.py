"""Banned terms and wrong claims in the printed text, reported at ``file:line``.

Checked: every template, in English (only what prints: text, quoted strings inside Jinja
tags and attribute values), every translation in each language's catalog, and the printed
fields of the section index and the region files. Terms come from ``sections/terms.yaml``
per language; proper names such as "National Institute on Drug Abuse" are blanked out
before matching.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import re2

from booklet.errors import Problem, Problems, Severity, display_path
from booklet.limits import TEMPLATE_BYTES
from booklet.load.files import Unreadable, read_text
from booklet.load.project import Project
from booklet.load.yamlfile import Loc, YamlDoc, YamlError, format_loc, load_yaml
from booklet.models.common import LANG_TAG
from booklet.models.content import LanguageTerms, TermsFile, claim_regex
from booklet.models.locale import SOURCE, catalog_name
from booklet.validate.catalogs import template_files
from booklet.validate.schema import read_model

TERMS = "terms.yaml"
SOURCE_LANG = SOURCE
"""The language of the templates, and of plain region text."""
PRINTED_KEYS = {"name", "offers", "naloxone", "hours", "cost", "message", "label", "org", "title"}
CODE = re2.compile(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}|<[^>]*>")
"""Template code and markup; RE2, as Python's engine takes quadratic time on a line of ``{{``."""
QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
PRINTED_ATTRIBUTE = re.compile(r"\b(aria-label|alt|title|content)\s*=\s*(\"[^\"]*\"|'[^']*')")


def visible(line: str) -> str:
    """``line`` with template code and markup blanked, keeping what can print: the text, strings
    inside Jinja tags, and attributes that are read out (aria-label, alt, title, content)."""
    def keep_printed(match: Any) -> str:
        code = match.group(0)
        if code.startswith("{#"):
            return " " * len(code)
        kept = [" "] * len(code)
        pattern = PRINTED_ATTRIBUTE if code.startswith("<") else QUOTED
        for found in pattern.finditer(code):
            kept[found.start():found.end()] = found.group(0)
        return "".join(kept)

    return str(CODE.sub(keep_printed, line))


@dataclass(frozen=True)
class Finding:
    """One banned term or wrong claim found in a piece of text."""

    found: str
    message: str
    hint: str
    severity: Severity


@dataclass(frozen=True)
class Matcher:
    """Finds the banned terms and wrong claims of one language."""

    terms: LanguageTerms

    @cached_property
    def _names(self) -> re.Pattern[str] | None:
        names = sorted(self.terms.proper_names, key=len, reverse=True)
        return re.compile("|".join(map(re.escape, names)), re.IGNORECASE) if names else None

    @cached_property
    def _banned(self) -> list[re.Pattern[str]]:
        return [
            re.compile(r"\b(" + "|".join(_word(w) for w in sorted(t.words, key=len, reverse=True)) + r")\b",
                       0 if t.case_sensitive else re.IGNORECASE)
            for t in self.terms.banned
        ]

    @cached_property
    def _claims(self) -> list[Any]:
        """The user's patterns, in RE2: linear time whatever the pattern (no ReDoS)."""
        return [claim_regex(c.pattern) for c in self.terms.wrong_claims]

    def find(self, text: str) -> Iterator[Finding]:
        """Every banned term and wrong claim in ``text``."""
        if self._names is not None:
            text = self._names.sub(lambda m: " " * len(m.group(0)), text)
        for term, pattern in zip(self.terms.banned, self._banned, strict=True):
            for match in pattern.finditer(text):
                yield Finding(match.group(0), f'avoid "{match.group(0)}"', f"use: {term.use}",
                              term.severity)
        for claim, pattern in zip(self.terms.wrong_claims, self._claims, strict=True):
            for match in pattern.finditer(text):
                yield Finding(match.group(0), f'wrong claim "{match.group(0)}": {claim.why}',
                              f"say instead: {claim.use}", "error")


def _word(word: str) -> str:
    return r"\s+".join(re.escape(part) for part in word.split())


@dataclass
class TermChecker:
    """Runs the matchers over templates and data files, collecting problems."""

    terms: TermsFile
    problems: Problems
    _matchers: dict[str, Matcher | None] = field(default_factory=dict)

    def matcher(self, lang: str) -> Matcher | None:
        """The matcher for a language tag (es-419 falls back to es), or None if it has no terms."""
        if lang not in self._matchers:
            found = self.terms.languages.get(lang) or self.terms.languages.get(lang.split("-")[0])
            self._matchers[lang] = Matcher(found) if found else None
        return self._matchers[lang]

    def scan_text(self, text: str, lang: str, file: str, line: int | None, where: str) -> None:
        """Record every finding in one piece of text."""
        matcher = self.matcher(lang)
        if matcher is None:
            return
        for found in matcher.find(text):
            self.problems.add(Problem(file, line, where, found.message, found.hint, found.severity))

    def scan_template(self, path: Path, lang: str) -> None:
        """Check the printed parts of one template (``LAYER/sections/FOLDER/NAME``, read inside
        its layer), line by line."""
        try:
            lines = read_text(path, TEMPLATE_BYTES, root=path.parents[2]).splitlines()
        except Unreadable as exc:
            self.problems.add(exc.problem)
            return
        for number, line in enumerate(lines, start=1):
            self.scan_text(visible(line), lang, display_path(path), number, "text")

    def scan_catalog(self, project: Project, lang: str) -> None:
        """Check every translation in ``lang``'s catalog, at its line in the catalog."""
        from booklet.compose.i18n import read_catalog

        path = project.find("locales", catalog_name(lang))
        if path is None or self.matcher(lang) is None:
            return
        for message in read_catalog(path, lang):
            if message.id and isinstance(message.string, str) and message.string:
                self.scan_text(visible(message.string), lang, display_path(path), message.lineno,
                               "translation")

    def scan_data(self, doc: YamlDoc) -> None:
        """Check the printed fields of a parsed data file."""
        for loc, lang, text in _printed(doc.data, ()):
            self.scan_text(text, lang, doc.name, doc.line_of(loc), format_loc(loc))


def _printed(data: Any, loc: Loc, key: str = "") -> Iterator[tuple[Loc, str, str]]:
    """(location, language, text) of every printed string in YAML data."""
    if isinstance(data, str) and key in PRINTED_KEYS:
        yield loc, SOURCE_LANG, data
    elif isinstance(data, dict) and key in PRINTED_KEYS:
        for lang, text in data.items():
            if isinstance(text, str) and isinstance(lang, str) and LANG_TAG.fullmatch(lang):
                yield (*loc, lang), lang, text
    elif isinstance(data, dict):
        for name, value in data.items():
            yield from _printed(value, (*loc, str(name)), str(name))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _printed(value, (*loc, index), key)


def load_terms(project: Project, problems: Problems) -> TermsFile | None:
    """Read ``sections/terms.yaml``; record problems if it is missing or invalid."""
    path = project.find("sections", TERMS)
    if path is None:
        problems.add(Problem("sections", None, "", f"no {TERMS} found",
                             "copy the shipped one; without it terms are not checked"))
        return None
    return read_model(path, TermsFile, problems)[0]


def check_terms(project: Project, langs: list[str], data_files: list[Path], problems: Problems) -> None:
    """Check the English templates, each language's translations and the data files for terms
    and claims."""
    terms = load_terms(project, problems)
    if terms is None:
        return
    checker = TermChecker(terms, problems)
    for path in template_files(project).values():
        checker.scan_template(path, SOURCE_LANG)
    for lang in langs:
        if lang != SOURCE_LANG:
            checker.scan_catalog(project, lang)
    for path in data_files:
        try:
            checker.scan_data(load_yaml(path))
        except YamlError:
            continue  # the data checks report an unreadable file once
