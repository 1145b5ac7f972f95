"""Deterministic slices of a job list, so a CI matrix or a job array can share the work.

Shard K of N takes every N-th item of the sorted list, starting at the K-th: the shards are
disjoint, their union is the whole list, and their sizes differ by at most one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from booklet.errors import BookletError

T = TypeVar("T")
SHARD = re.compile(r"^([0-9]{1,4})/([0-9]{1,4})$")


@dataclass(frozen=True)
class Shard:
    """The ``index``-th (from 1) of ``count`` slices."""

    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(text: str) -> Shard:
    """``"2/4"`` → ``Shard(2, 4)``; raise ``BookletError`` for anything else."""
    match = SHARD.fullmatch(text.strip())
    if match is None:
        raise BookletError(f"--shard {text!r}: write K/N, e.g. 2/4 for the second of four slices")
    index, count = int(match[1]), int(match[2])
    if not 1 <= index <= count:
        raise BookletError(f"--shard {text!r}: K must be between 1 and N (here 1 to {count})")
    return Shard(index, count)


def take_shard(items: Sequence[T], shard: Shard | None, key: Callable[[T], str] | None = None) -> list[T]:
    """The shard's items, in order; sorted by ``key`` first when given (``None``: all of them)."""
    ordered = sorted(items, key=key) if key is not None else list(items)
    if shard is None:
        return ordered
    return ordered[shard.index - 1::shard.count]
