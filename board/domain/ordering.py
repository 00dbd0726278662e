"""Fractional position keys: a card moved between two others gets a key between theirs.

No other card is renumbered on a move, so a drop is one small UPDATE. Keys use only
the digits and lower-case letters and are compared in Python as plain strings,
so the result never depends on a database's collation.
"""

from __future__ import annotations

DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_BASE = len(DIGITS)


def key_between(before: str | None, after: str | None) -> str:
    """A key that sorts strictly between ``before`` and ``after`` (None = open end)."""
    a = before or ""
    if after is not None and not a < after:
        raise ValueError(f"key_between needs before < after, got {before!r}, {after!r}")
    if after is None:
        return _step_up(a)
    if not a and DIGITS.index(after[0]) > 1:
        return DIGITS[DIGITS.index(after[0]) - 1]  # prepend: one step below, short keys
    return _midpoint(a, after)


def _step_up(a: str) -> str:
    # Appending is the common case: step the first digit by one so that keys stay short
    # (35 appends per character) instead of halving the remaining room each time.
    if not a:
        return "i"
    head = DIGITS.index(a[0])
    if head < _BASE - 1:
        return DIGITS[head + 1]
    return a[0] + _step_up(a[1:])


def _midpoint(a: str, b: str | None) -> str:
    # Adapted from the well-known "fractional indexing" midpoint: keys never end in "0",
    # so there is always room between two of them.
    if b is not None:
        n = 0
        while n < len(b) and (a[n] if n < len(a) else "0") == b[n]:
            n += 1
        if n > 0:
            return b[:n] + _midpoint(a[n:], b[n:])
    digit_a = DIGITS.index(a[0]) if a else 0
    digit_b = DIGITS.index(b[0]) if b else _BASE
    if digit_b - digit_a > 1:
        return DIGITS[(digit_a + digit_b) // 2]
    if b and len(b) > 1:
        return b[:1]
    return DIGITS[digit_a] + _midpoint(a[1:], None)


def spread_keys(before: str | None, after: str | None, count: int) -> list[str]:
    """``count`` increasing keys between two keys, evenly spread so they stay short."""
    if count <= 0:
        return []
    middle = key_between(before, after)
    left = spread_keys(before, middle, (count - 1) // 2)
    right = spread_keys(middle, after, count - 1 - len(left))
    return [*left, middle, *right]
