"""Deterministic slices of a job list, so a CI matrix or a job array can share the work.

Shard K of N takes every N-th item of the sorted list, starting at the K-th: the shards are
disjoint, their union is the whole list, and their sizes differ by at most one.

``--shard auto`` reads K and N from the job's environment, in this order:

- ``BOOKLET_SHARD_INDEX`` (from 0) and ``BOOKLET_SHARD_COUNT``: set them from the matrix,
  e.g. GitHub Actions' ``strategy.job-index`` and ``strategy.job-total``, which it does not
  put in the environment itself;
- GitLab's ``parallel:`` jobs: ``CI_NODE_INDEX`` (from 1) and ``CI_NODE_TOTAL``;
- a Kubernetes Indexed Job: ``JOB_COMPLETION_INDEX`` (from 0), with the count from
  ``--shard auto/N`` or ``BOOKLET_SHARD_COUNT`` (the pod does not know its Job's completions).

``--shard auto/N`` gives the count; it must agree with the environment's where there is one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from booklet.errors import BookletError

T = TypeVar("T")
SHARD = re.compile(r"^([0-9]{1,4})/([0-9]{1,4})$")
AUTO = re.compile(r"^auto(?:/([0-9]{1,4}))?$")
ENGINES = (
    ("BOOKLET_SHARD_INDEX", "BOOKLET_SHARD_COUNT", 0, "set from the CI matrix"),
    ("CI_NODE_INDEX", "CI_NODE_TOTAL", 1, "GitLab parallel job"),
    ("JOB_COMPLETION_INDEX", "BOOKLET_SHARD_COUNT", 0, "Kubernetes Indexed Job"),
)
"""(index variable, count variable, number of the first shard, what sets them), in the order
they are looked for."""


@dataclass(frozen=True)
class Shard:
    """The ``index``-th (from 1) of ``count`` slices."""

    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def _number(env: Mapping[str, str], name: str) -> int:
    value = env[name].strip()
    if not value.isdigit():
        raise BookletError(f"--shard auto: {name}={value!r} is not a number")
    return int(value)


def auto_shard(text: str, env: Mapping[str, str]) -> tuple[Shard, str]:
    """The shard ``--shard auto`` or ``auto/N`` means in ``env``, and where it came from."""
    match = AUTO.fullmatch(text.strip())
    assert match is not None
    given = int(match[1]) if match[1] else None
    for index_var, count_var, first, what in ENGINES:
        if index_var not in env:
            continue
        count = _number(env, count_var) if count_var in env else given
        if count is None:
            raise BookletError(f"--shard auto: {index_var} is set ({what}) but not the number of "
                               f"shards (hint: --shard auto/N or {count_var})")
        if given is not None and count != given:
            raise BookletError(f"--shard {text}: {count_var}={count} says otherwise")
        shard = parse_shard(f"{_number(env, index_var) - first + 1}/{count}")
        return shard, f"{index_var}={env[index_var]} of {count} ({what})"
    names = ", ".join(dict.fromkeys(v for engine in ENGINES for v in engine[:2]))
    raise BookletError(f"--shard {text}: no shard index in the environment (looked for {names}; "
                       "hint: see README 'Many machines')")


def parse_shard(text: str, env: Mapping[str, str] | None = None) -> Shard:
    """``"2/4"`` → ``Shard(2, 4)``; ``"auto"`` or ``"auto/N"`` → from ``env`` (see the module);
    raise ``BookletError`` for anything else."""
    if env is not None and AUTO.fullmatch(text.strip()):
        return auto_shard(text, env)[0]
    match = SHARD.fullmatch(text.strip())
    if match is None:
        raise BookletError(f"--shard {text!r}: write K/N, e.g. 2/4 for the second of four slices, "
                           "or auto to read it from the CI job")
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
