"""Fractional position keys (board.domain.ordering), tested with seeded random walks.

hypothesis is not installed, so the properties are checked over many seeded random inputs.
"""

from __future__ import annotations

import random

import pytest

from board.domain.ordering import DIGITS, key_between, spread_keys

SEEDS = range(5)


def _valid(key: str) -> bool:
    """Keys use only the digits alphabet and never end in "0" (so there is room below)."""
    return bool(key) and set(key) <= set(DIGITS) and not key.endswith("0")


def test_first_key_and_simple_cases() -> None:
    first = key_between(None, None)
    assert _valid(first)
    assert key_between(first, None) > first
    assert key_between(None, first) < first
    assert first < key_between(first, key_between(first, None)) < key_between(first, None)


@pytest.mark.parametrize(("before", "after"), [("b", "b"), ("c", "b"), ("i", "")])
def test_bad_order_is_refused(before: str, after: str) -> None:
    with pytest.raises(ValueError):
        key_between(before, after)


@pytest.mark.parametrize("seed", SEEDS)
def test_random_inserts_keep_a_strict_order(seed: int) -> None:
    rng = random.Random(seed)
    keys: list[str] = []  # the model: a sorted lane
    for _ in range(1500):
        index = rng.randint(0, len(keys))
        before = keys[index - 1] if index > 0 else None
        after = keys[index] if index < len(keys) else None
        key = key_between(before, after)
        assert _valid(key), key
        assert (before is None or before < key) and (after is None or key < after)
        keys.insert(index, key)
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)
    assert max(len(k) for k in keys) <= 20, "random inserts should keep keys short"


@pytest.mark.parametrize("seed", SEEDS)
def test_random_moves_keep_a_strict_order(seed: int) -> None:
    """Like moving cards: take one out of the lane and insert it elsewhere."""
    rng = random.Random(seed)
    keys = spread_keys(None, None, 30)
    for _ in range(3000):
        keys.pop(rng.randrange(len(keys)))
        index = rng.choice([0, 1, len(keys), rng.randint(0, len(keys))])
        before = keys[index - 1] if index > 0 else None
        after = keys[index] if index < len(keys) else None
        keys.insert(index, key_between(before, after))
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert all(_valid(k) for k in keys)


def test_appending_keeps_keys_short() -> None:
    keys = [key_between(None, None)]
    for _ in range(350):
        keys.append(key_between(keys[-1], None))
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert len(keys[-1]) <= 20


def test_prepending_and_inserting_in_one_gap_stays_ordered() -> None:
    low = "i"
    for _ in range(300):
        nxt = key_between(None, low)
        assert _valid(nxt) and nxt < low
        low = nxt
    a, b = "i", "j"
    for _ in range(300):  # always just after "i": the worst case, bisecting one gap
        mid = key_between(a, b)
        assert _valid(mid) and a < mid < b
        b = mid


@pytest.mark.parametrize("seed", SEEDS)
def test_spread_keys_fill_a_gap_in_order(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(50):
        bounds = sorted({key_between(None, None), *(spread_keys(None, None, 5))})
        before = rng.choice([None, *bounds[:2]])
        after = rng.choice([None, *[b for b in bounds if before is None or b > before]])
        count = rng.randint(0, 60)
        keys = spread_keys(before, after, count)
        assert len(keys) == count
        assert keys == sorted(keys) and len(set(keys)) == count
        assert all(_valid(k) for k in keys)
        if keys:
            assert before is None or before < keys[0]
            assert after is None or keys[-1] < after
    assert max(len(k) for k in spread_keys(None, None, 1000)) <= 3
