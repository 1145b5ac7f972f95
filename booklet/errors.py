"""One error hierarchy: every user-facing failure is a ``BookletError`` (a ClickException).

Data problems are collected as ``Problem`` records (file, line, field, message, hint) so a
run can report every problem in every file before it fails.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import click

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, pinned to where it is."""

    file: str
    line: int | None
    field: str
    message: str
    hint: str = ""
    severity: Severity = "error"

    def __lt__(self, other: Problem) -> bool:
        """Sorted by file, then line (a problem without a line first), field and message."""
        return self._key < other._key

    @property
    def _key(self) -> tuple[str, int, str, str, str, str]:
        return (self.file, self.line or 0, self.field, self.message, self.hint, self.severity)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        label = "warning" if self.severity == "warning" else ""
        text = ": ".join(part for part in (where, label, self.field, self.message) if part)
        return f"{text} (hint: {self.hint})" if self.hint else text


def display_path(path: Path) -> str:
    """Return ``path`` relative to the working folder when it lies inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class BookletError(click.ClickException):
    """A failure caused by input or environment that the user can fix; exit code 1."""

    exit_code = 1


class ProblemsFound(BookletError):
    """Validation found errors; carries every problem so all can be printed."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        count = len(errors) or len(self.problems)
        lines = [str(p) for p in self.problems]
        noun = "problem" if count == 1 else "problems"
        super().__init__("\n".join([*lines, f"{count} {noun} found; nothing was written."]))


@dataclass
class Problems:
    """Collect problems while reading and validating; fail once at the end."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        """Record one problem."""
        self.items.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        """Record several problems."""
        self.items.extend(problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def errors(self) -> list[Problem]:
        """Problems of error severity."""
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Problems of warning severity."""
        return [p for p in self.items if p.severity == "warning"]

    def raise_if_failed(self, strict: bool = False) -> None:
        """Raise ``ProblemsFound`` if there are errors (or warnings, when strict)."""
        failing = self.items if strict else self.errors
        if failing:
            raise ProblemsFound(self.items if strict else self.errors)
