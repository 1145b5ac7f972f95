"""Shards: deterministic, disjoint, and together the whole job list."""

from __future__ import annotations

import pytest

from booklet.batch.shard import Shard, parse_shard, take_shard
from booklet.errors import BookletError


@pytest.mark.parametrize("count", [1, 2, 3, 7, 40])
def test_shards_are_disjoint_and_cover_everything(count: int) -> None:
    items = [f"job-{i:02}" for i in range(23)]
    shards = [take_shard(items, Shard(k, count)) for k in range(1, count + 1)]
    flat = [x for shard in shards for x in shard]
    assert sorted(flat) == items and len(flat) == len(set(flat))
    assert max(map(len, shards)) - min(map(len, shards)) <= 1


def test_order_of_input_does_not_matter_with_a_key() -> None:
    items = ["c", "a", "d", "b"]
    assert take_shard(items, Shard(1, 2), key=str) == take_shard(sorted(items), Shard(1, 2), key=str)
    assert take_shard(items, None, key=str) == ["a", "b", "c", "d"]


@pytest.mark.parametrize("text", ["0/3", "4/3", "1", "a/b", "1/0", "-1/2", "1/2/3"])
def test_bad_shard(text: str) -> None:
    with pytest.raises(BookletError, match="--shard"):
        parse_shard(text)


def test_parse() -> None:
    assert parse_shard(" 2/4 ") == Shard(2, 4) and str(Shard(2, 4)) == "2/4"
