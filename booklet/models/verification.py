"""Verification records: who checked a helpline's details, when, how, and against what.

A helpline or locator carries a list of records instead of one date. Its status follows
from them: a phone call or the organization's own page makes it ``verified``; only
secondary sources make it ``secondary``; no record at all makes it ``unverified`` (kept in
the data, never printed). What the handout prints comes from the one record that sets the
status, so no printed word claims a check that no record holds.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import Field, StrictStr, model_validator

from booklet.models.common import URL, IsoDate, Model, Status

How = Literal["called", "official-page", "secondary"]
CONFIRMING: tuple[How, ...] = ("called", "official-page")
"""Kinds of record that make an entry verified, strongest first."""


class Verification(Model):
    """One check of an entry's details."""

    on: IsoDate
    """The day the check was made (YYYY-MM-DD), never a later or earlier day."""
    by: Annotated[StrictStr, Field(min_length=1, max_length=200)]
    """Who checked: a person's name, an organization, or which research notes."""
    how: How
    """called: someone phoned the service and it confirmed the details; official-page: the
    details were seen on the organization's own page (or its government's); secondary: seen
    only in a copy, such as news, a partner site or research notes."""
    evidence: Annotated[StrictStr, Field(min_length=1, max_length=600)]
    """The https address of the page that shows the details; for a call, what was said or
    the page the number was taken from; for notes without an address, what they cite."""
    note: Annotated[StrictStr, Field(max_length=600)] | None = None
    """Anything a later checker should know; never printed."""

    @model_validator(mode="before")
    @classmethod
    def _yaml11_on(cls, data: Any) -> Any:
        """YAML 1.1 (PyYAML) reads the bare key ``on`` as true; take it back as ``on``."""
        if isinstance(data, dict) and True in data and "on" not in data:
            data = {("on" if key is True else key): value for key, value in data.items()}
        return data

    @model_validator(mode="after")
    def _page_has_address(self) -> Verification:
        if self.how == "official-page" and not self.evidence_url:
            raise ValueError("an official-page record needs the page's https address as its "
                             "evidence, e.g. https://www.samhsa.gov/find-help/national-helpline")
        return self

    @property
    def evidence_url(self) -> str | None:
        """The evidence when it is an https address, else None."""
        return self.evidence if URL.fullmatch(self.evidence) else None

    @property
    def site(self) -> str:
        """The evidence page's host without ``www.``, as printed: 'samhsa.gov'."""
        host = urlsplit(self.evidence_url or "").hostname or ""
        return host.removeprefix("www.")


class Verified(Model):
    """Something whose details are checked: a helpline or a locator."""

    verifications: list[Verification]
    """Every check of these details, oldest first; write [] for an entry nobody has
    checked yet (it stays in the data and is never printed)."""

    @model_validator(mode="before")
    @classmethod
    def _old_fields(cls, data: Any) -> Any:
        old = sorted(k for k in ("checked", "checked_by", "status") if isinstance(data, dict) and k in data)
        if old:
            raise ValueError(f"{', '.join(old)} are replaced by a 'verifications' list: write "
                             "verifications: [{on: YYYY-MM-DD, by: who, how: called|official-page|"
                             "secondary, evidence: page address or call note}], or [] if nobody "
                             "has checked it")
        return data

    @property
    def status(self) -> Status:
        """verified (a call or an official page), secondary, or unverified (no record)."""
        standing = self.standing
        if standing is None:
            return "unverified"
        return "verified" if standing.how in CONFIRMING else "secondary"

    @property
    def standing(self) -> Verification | None:
        """The record the printed line rests on: the newest call or official page, a call
        before a page of the same day; failing those, the newest secondary record."""
        def rank(record: Verification) -> tuple[date, int]:
            return record.on, -CONFIRMING.index(record.how)

        confirming = [v for v in self.verifications if v.how in CONFIRMING]
        pool = confirming or list(self.verifications)
        return max(pool, key=rank if confirming else (lambda v: (v.on, 0)), default=None)

    @property
    def newest(self) -> Verification | None:
        """The most recent record of any kind."""
        return max(self.verifications, key=lambda v: v.on, default=None)

    @property
    def called(self) -> bool:
        """Whether someone has ever confirmed the details by phone."""
        return any(v.how == "called" for v in self.verifications)
