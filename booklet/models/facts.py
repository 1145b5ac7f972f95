"""Regional facts: what differs by country, each with the source it comes from.

The sections say different things in different places: which drugs in the supply to warn
about, which medicines exist there, what syringe services are called, whether a law protects
people who call for help. A region names these facts as ids; the templates hold the words
(translated through the catalog) and only choose what to show, so no region prints another
country's claims. A fact left out prints nothing, and each fact's source is printed among
the help section's references.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from booklet.models.common import Model, Reference

Threat = Literal["fentanyl", "xylazine", "nitazenes"]
Medicine = Literal["methadone", "buprenorphine", "naltrexone", "lofexidine"]
SyringeTerm = Literal["syringe-services-programs", "needle-exchanges", "needle-and-syringe-programs"]
Law = Literal["us-good-samaritan", "canada-good-samaritan"]


class Sourced(Model):
    """A regional fact and where it comes from."""

    source: Reference
    """The page the fact comes from (organization, title, https address); it is printed among
    the help section's references."""


class Supply(Sourced):
    """Drugs in the local supply the handout warns about."""

    threats: Annotated[list[Threat], Field(min_length=1)]
    """Which: fentanyl, xylazine, nitazenes (as the local health authority names them)."""


class Medicines(Sourced):
    """Medicines for opioid use disorder and withdrawal that are supplied here."""

    available: Annotated[list[Medicine], Field(min_length=1)]
    """Which: methadone, buprenorphine, naltrexone, lofexidine (leave out what is not
    supplied, e.g. lofexidine in the UK)."""


class SyringeServices(Sourced):
    """What places that give out new needles and other supplies are called here."""

    term: SyringeTerm
    """syringe-services-programs (US), needle-exchanges (Ireland, New Zealand),
    needle-and-syringe-programs (Canada, UK, Australia; British spelling through en-GB)."""


class LegalProtection(Sourced):
    """A law that may protect people who call for help in an overdose."""

    law: Law
    """us-good-samaritan (most US states), canada-good-samaritan (Good Samaritan Drug
    Overdose Act)."""
