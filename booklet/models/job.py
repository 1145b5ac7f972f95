"""One output of a build: a region, a language and a format."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    """One output: a region, a language and a format."""

    region: str
    lang: str
    fmt: str

    @property
    def label(self) -> str:
        """``us/en/booklet``."""
        return f"{self.region}/{self.lang}/{self.fmt}"
