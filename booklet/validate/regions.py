"""Validate region files and resolve inheritance into complete ``Region`` records.

Every requested region and its ancestors are read and checked before anything fails, so
one run reports every problem in every file. Helplines merge by id down the chain
(``us`` → ``us-ny``); a sub-region may ``remove`` an inherited entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from booklet.errors import Problem, Problems
from booklet.load.project import Project
from booklet.load.yamlfile import Loc, YamlDoc
from booklet.models.common import REGION_CODE, LocalText, Paper, Reference
from booklet.models.facts import LegalProtection, Medicines, Supply, SyringeServices
from booklet.models.region import Helpline, Locator, RegionFile
from booklet.models.verification import Verified
from booklet.validate.schema import read_model

WARN_AFTER_DAYS = 365
REFUSE_AFTER_DAYS = 730
FACTS = ("naloxone_source", "supply", "medicines", "syringe_services", "legal_protection")
INHERITED = ("name", "paper", "emergency", "languages", "naloxone", "locator", "date_format",
             "variants", *FACTS)
REQUIRED = ("name", "paper", "emergency", "languages", "naloxone")


@dataclass(frozen=True)
class RegionFacts:
    """The regional facts a region resolved to (inherited field by field); None: say nothing."""

    naloxone_source: Reference | None = None
    supply: Supply | None = None
    medicines: Medicines | None = None
    syringe_services: SyringeServices | None = None
    legal_protection: LegalProtection | None = None

    @property
    def ids(self) -> set[str]:
        """Every id the facts name: threats, medicines, the syringe-services term, the law."""
        found: set[str] = set(self.supply.threats if self.supply else ())
        found |= set(self.medicines.available if self.medicines else ())
        found |= {self.syringe_services.term} if self.syringe_services else set()
        return found | ({self.legal_protection.law} if self.legal_protection else set())

    @property
    def sources(self) -> tuple[Reference, ...]:
        """Where the facts come from, each page once."""
        found = [self.naloxone_source] + [f.source for f in (self.supply, self.medicines,
                                                             self.syringe_services, self.legal_protection)
                                          if f is not None]
        return tuple({r.url: r for r in found if r is not None}.values())


@dataclass(frozen=True)
class Region:
    """A region with everything inherited filled in; what the compose stage reads."""

    code: str
    name: LocalText
    paper: Paper
    emergency: tuple[str, ...]
    languages: tuple[str, ...]
    naloxone: LocalText
    locator: Locator | None
    date_format: str
    helplines: tuple[Helpline, ...]
    files: tuple[Path, ...]
    facts: RegionFacts = field(default_factory=lambda: RegionFacts())
    """Regional facts, each with its source (``booklet.models.facts``)."""
    variants: dict[str, str] = field(default_factory=dict, hash=False)
    """Language variants printed here: {"en": "en-GB"}."""
    stale: bool = False
    parent: str | None = None
    """The region this one inherits from, if any."""
    origins: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    """For each helpline id, the regions that defined it, ancestor first; the last one won."""

    @property
    def country(self) -> str:
        """ISO 3166-1 alpha-2 country code, upper case."""
        return self.code[:2].upper()

    def locale(self, lang: str) -> str:
        """The language tag printed for ``lang`` here: its variant (en → en-GB) or itself."""
        return self.variants.get(lang, lang)

    @property
    def card_lines(self) -> tuple[Helpline, ...]:
        """Printable helplines by priority (lowest first), data order within a priority."""
        return tuple(sorted(self.printable, key=lambda h: h.priority))

    @property
    def printable(self) -> tuple[Helpline, ...]:
        """Helplines that may be printed: never the unverified ones."""
        return tuple(h for h in self.helplines if h.status != "unverified")

    @property
    def unverified(self) -> tuple[Helpline, ...]:
        """Helplines kept in the data but out of print until someone confirms them."""
        return tuple(h for h in self.helplines if h.status == "unverified")

    @property
    def oldest_check(self) -> date | None:
        """The oldest date among the records the printed entries' provenance rests on."""
        entries: list[Verified] = [*self.printable]
        if self.locator and self.locator.status != "unverified":
            entries.append(self.locator)
        return min((e.standing.on for e in entries if e.standing), default=None)


@dataclass
class _Reader:
    project: Project
    problems: Problems
    files: dict[str, tuple[RegionFile, YamlDoc] | None] = field(default_factory=dict)

    def read(self, code: str, asked_at: Problem | None = None) -> tuple[RegionFile, YamlDoc] | None:
        """Read and validate one region file, once."""
        if code not in self.files:
            self.files[code] = self._read(code, asked_at)
        return self.files[code]

    def _read(self, code: str, asked_at: Problem | None) -> tuple[RegionFile, YamlDoc] | None:
        path = self.project.find("regions", f"{code}.yaml") if REGION_CODE.fullmatch(code) else None
        if path is None:
            known = ", ".join(region_codes(self.project)) or "none"
            where = asked_at or Problem("regions", None, "", "")
            self.problems.add(Problem(where.file, where.line, where.field,
                                      f"no region {code!r}", f"known regions: {known}"))
            return None
        model, doc = read_model(path, RegionFile, self.problems, {"country": code[:2].upper()})
        if model is None or doc is None:
            return None
        if model.code != code:
            self.problems.add(doc.problem(("code",), f"says {model.code!r} but the file is {code}.yaml",
                                          "make the code and the file name the same"))
        return model, doc


def region_codes(project: Project) -> list[str]:
    """Every region code the project and the shipped content define."""
    return [c for c in project.names("regions", ".yaml") if REGION_CODE.fullmatch(c)]


def _chain(reader: _Reader, code: str) -> list[tuple[RegionFile, YamlDoc]] | None:
    chain: list[tuple[RegionFile, YamlDoc]] = []
    current, asked_at = code, None
    while True:
        entry = reader.read(current, asked_at)
        if entry is None:
            return None
        chain.append(entry)
        model, doc = entry
        if model.parent is None:
            return list(reversed(chain))
        asked_at = doc.problem(("parent",), "")
        if model.parent in {m.code for m, _ in chain}:
            reader.problems.add(doc.problem(("parent",), f"inheritance loops back to {model.parent!r}",
                                            "a region cannot be its own ancestor"))
            return None
        current = model.parent


def _merge_helplines(chain: list[tuple[RegionFile, YamlDoc]], problems: Problems,
                     origins: dict[str, tuple[str, ...]]) -> dict[str, tuple[Helpline, YamlDoc, int]]:
    merged: dict[str, tuple[Helpline, YamlDoc, int]] = {}
    for model, doc in chain:
        seen: set[str] = set()
        for index, line in enumerate(model.helplines):
            if line.id in seen:
                problems.add(doc.problem(("helplines", index, "id"), f"id {line.id!r} is used twice",
                                         "give each helpline its own id"))
            seen.add(line.id)
            origins[line.id] = (*origins.get(line.id, ()), model.code)
            merged[line.id] = (line, doc, index)
        for index, gone in enumerate(model.remove):
            origins.pop(gone, None)
            if merged.pop(gone, None) is None:
                problems.add(doc.problem(("remove", index), f"no inherited helpline {gone!r}",
                                         "remove only ids the parent region defines"))
    return merged


Dated = tuple[Verified, YamlDoc, Loc]


def _dated(chain: list[tuple[RegionFile, YamlDoc]], entries: dict[str, tuple[Helpline, YamlDoc, int]]
           ) -> list[Dated]:
    """Every entry in use (helplines and the locator), with where its records are written."""
    found: list[Dated] = [(line, doc, ("helplines", index, "verifications"))
                          for line, doc, index in entries.values()]
    owner = next(((m.locator, d) for m, d in reversed(chain) if m.locator is not None), None)
    if owner is not None:
        found.append((owner[0], owner[1], ("locator", "verifications")))
    return found


def _future(entries: list[Dated], today: date, problems: Problems) -> None:
    for item, doc, loc in entries:
        for index, record in enumerate(item.verifications):
            if record.on > today:
                problems.add(doc.problem((*loc, index, "on"), f"{record.on} is in the future",
                                         "use the day the check was made"))


def _freshness(entries: list[Dated], today: date, allow_stale: bool, problems: Problems) -> bool:
    """Warn or refuse by the age of the record each printed entry's line rests on."""
    _future(entries, today, problems)
    stale = False
    for item, doc, loc in entries:
        standing = item.standing
        if standing is None or standing.on > today:
            continue
        at = (*loc, item.verifications.index(standing), "on")
        age = (today - standing.on).days
        if age > REFUSE_AFTER_DAYS:
            stale = True
            hint = "check it again and add a record (booklet verify), or build with --allow-stale"
            problems.add(doc.problem(at, f"last checked {age} days ago (over 24 months)", hint,
                                     "warning" if allow_stale else "error"))
        elif age > WARN_AFTER_DAYS:
            problems.add(doc.problem(at, f"last checked {age} days ago (over 12 months)",
                                     "check it again and add a record (booklet verify)", "warning"))
    return stale


def _inherit(chain: list[tuple[RegionFile, YamlDoc]], key: str) -> Any:
    """The value of ``key`` from the nearest file in the chain that sets it."""
    return next((getattr(m, key) for m, _ in reversed(chain) if getattr(m, key) is not None), None)


def _resolve(code: str, chain: list[tuple[RegionFile, YamlDoc]], today: date, allow_stale: bool,
             problems: Problems) -> Region | None:
    doc = chain[-1][1]
    got = {key: _inherit(chain, key) for key in INHERITED}
    missing = [key for key in REQUIRED if got[key] is None]
    for key in missing:
        problems.add(doc.problem((), f"{key} is not set here or in a parent region",
                                 f"add '{key}:' to {doc.path.name} or its parent"))
    origins: dict[str, tuple[str, ...]] = {}
    entries = _merge_helplines(chain, problems, origins)
    stale = _freshness(_dated(chain, entries), today, allow_stale, problems)
    if missing:
        return None
    return Region(
        code=code, name=got["name"], paper=got["paper"], emergency=tuple(got["emergency"]),
        languages=tuple(got["languages"]), naloxone=got["naloxone"], locator=got["locator"],
        date_format=got["date_format"] or "medium",
        helplines=tuple(h for h, _, _ in entries.values()),
        files=tuple(d.path for _, d in chain), stale=stale, parent=chain[-1][0].parent,
        facts=RegionFacts(**{key: got[key] for key in FACTS}), variants=dict(got["variants"] or {}),
        origins=origins,
    )


def load_regions(project: Project, codes: list[str], today: date, allow_stale: bool = False
                 ) -> tuple[dict[str, Region], Problems]:
    """Read, validate and resolve ``codes``; return the regions that resolved and all problems."""
    problems = Problems()
    reader = _Reader(project, problems)
    regions: dict[str, Region] = {}
    for code in codes:
        chain = _chain(reader, code)
        region = _resolve(code, chain, today, allow_stale, problems) if chain else None
        if region is not None:
            regions[code] = region
    return regions, problems
