"""Anhøj's rules (board/domain/runs.py) against the issue's table and hand-made series."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from board.domain import runs
from board.domain.runs import Run, Side

# Issue 11: n -> (longest run allowed, fewest crossings), as qicharts2 gives them.
CRITICAL = {
    10: (6, 2),
    12: (7, 3),
    15: (7, 4),
    20: (7, 6),
    24: (8, 8),
    30: (8, 10),
    40: (8, 14),
    50: (9, 19),
    100: (10, 41),
}

CENTRE = 10.0


def series(pattern: str) -> list[float]:
    """'+' above the centre line, '-' below, '0' on it."""
    return [{"+": 12.0, "-": 8.0, "0": CENTRE}[c] for c in pattern]


@pytest.mark.parametrize(("n", "limits"), CRITICAL.items())
def test_the_critical_values_are_the_issues_table(n: int, limits: tuple[int, int]) -> None:
    assert (runs.longest_run_max(n), runs.crossings_min(n)) == limits


def test_round_log2_is_rs_round_of_log2_for_every_n_up_to_5000() -> None:
    # R rounds half to even, as Python does; log2 of a whole number is never exactly halfway.
    assert [runs.round_log2(n) for n in range(1, 5001)] == [
        round(math.log2(n)) for n in range(1, 5001)
    ]


def test_the_crossings_limit_is_the_exact_binomial_5_percent_quantile() -> None:
    # qbinom(0.05, 9, 0.5) by hand: P(X <= 1) = (1 + 9)/512 = 0.0195 < 0.05,
    # P(X <= 2) = (1 + 9 + 36)/512 = 0.0898 >= 0.05, so 2.
    assert runs.binomial_quantile_5(9) == 2
    assert runs.binomial_quantile_5(0) == 0
    for size in range(0, 200):
        x = runs.binomial_quantile_5(size)
        below = sum(math.comb(size, k) for k in range(x)) / 2**size
        upto = below + math.comb(size, x) / 2**size
        assert below < 0.05 <= upto


@pytest.mark.parametrize("n", CRITICAL)
def test_a_run_one_longer_than_allowed_is_a_signal_and_the_longest_allowed_is_not(
    n: int,
) -> None:
    allowed, _ = CRITICAL[n]
    # Alternate first (many crossings), then one long run below at the end.
    for length, signal in ((allowed, False), (allowed + 1, True)):
        head = "".join("+-"[i % 2] for i in range(n - length))
        tail = "-" * length if head.endswith("+") or not head else "+" * length
        result = runs.analyse(series(head + tail), CENTRE)
        assert result.n_useful == n
        assert result.longest_run == length
        assert result.crossings >= result.crossings_min
        assert result.runs_signal is signal
        assert result.shift is signal


@pytest.mark.parametrize("n", CRITICAL)
def test_one_crossing_fewer_than_expected_is_a_signal(n: int) -> None:
    allowed, fewest = CRITICAL[n]
    for crossings, signal in ((fewest, False), (fewest - 1, True)):
        # crossings + 1 runs of near-equal length, none longer than allowed if possible.
        count = crossings + 1
        lengths = [n // count + (1 if i < n % count else 0) for i in range(count)]
        pattern = "".join("+-"[i % 2] * length for i, length in enumerate(lengths))
        result = runs.analyse(series(pattern), CENTRE)
        assert result.crossings == crossings
        assert result.few_crossings is signal
        if max(lengths) <= allowed:
            assert result.runs_signal is signal


def test_fifteen_points_in_a_row_below_the_median_is_the_signal_run() -> None:
    values = series("+-+-+-+-+" + "-" * 15)
    result = runs.analyse(values, CENTRE)
    assert (result.n_obs, result.n_useful) == (24, 24)
    assert (result.longest_run, result.longest_run_max) == (15, 8)
    assert (result.crossings, result.crossings_min) == (9, 8)
    assert result.runs_signal
    assert result.signal_run == Run(Side.BELOW, 15, 9, 23)


def test_the_latest_of_two_equally_long_runs_gives_the_signal() -> None:
    result = runs.analyse(series("+" * 9 + "-" * 9 + "+-"), CENTRE)
    assert result.longest_run == 9
    assert result.signal_run == Run(Side.BELOW, 9, 9, 17)


def test_all_points_on_the_median_are_ignored() -> None:
    result = runs.analyse([5.0] * 12, 5.0)
    assert (result.n_obs, result.n_useful) == (12, 0)
    assert (result.longest_run, result.crossings) == (0, 0)
    assert (result.longest_run_max, result.crossings_min) == (0, 0)
    assert not result.runs_signal
    assert result.too_few


def test_a_point_on_the_centre_line_neither_breaks_nor_lengthens_a_run() -> None:
    # 13 useful points: 7 below (the point on the line inside is skipped), then 6 above.
    # n = 13: longest allowed round(log2 13) + 3 = round(3.70) + 3 = 7; fewest crossings
    # qbinom(0.05, 12, ½) = 3, since P(X <= 2) = (1 + 12 + 66)/4096 = 0.019 and
    # P(X <= 3) = (79 + 220)/4096 = 0.073.
    result = runs.analyse(series("----0---" + "++++++"), CENTRE)
    assert (result.n_obs, result.n_useful) == (14, 13)
    assert result.longest_run == 7
    assert result.longest_run_max == 7
    assert not result.shift  # 7 is allowed; the point on the line counted would make it 8
    assert (result.crossings, result.crossings_min) == (1, 3)
    assert result.runs_signal  # too few crossings
    assert runs.runs_of(series("----0---++++++"), CENTRE)[0] == Run(Side.BELOW, 7, 0, 7)


def test_ties_at_the_median_of_real_values() -> None:
    # Median of 10 values with ties: sorted 1 2 3 3 3 3 3 4 5 6 -> (3 + 3)/2 = 3, so the five
    # 3s are on the line and 5 points are useful: too few to judge.
    values = [1.0, 3.0, 2.0, 3.0, 3.0, 4.0, 3.0, 5.0, 3.0, 6.0]
    centre = 3.0
    result = runs.analyse(values, centre)
    assert (result.n_obs, result.n_useful) == (10, 5)
    assert result.longest_run == 3  # 4, 5, 6 above (the 3s between them skipped)
    assert result.crossings == 1
    assert result.too_few
    assert not result.runs_signal


def test_fewer_than_ten_points_never_signal() -> None:
    nine = runs.analyse(series("+" * 9), CENTRE)
    assert nine.longest_run == 9 > nine.longest_run_max == 6  # round(log2 9) = 3
    assert nine.too_few
    assert not nine.runs_signal
    assert nine.signal_run is None
    ten = runs.analyse(series("-" + "+" * 9), CENTRE)
    assert not ten.too_few
    assert ten.runs_signal
    assert ten.signal_run == Run(Side.ABOVE, 9, 1, 9)


def test_a_mean_that_differs_from_a_value_in_the_last_bit_counts_as_on_the_line() -> None:
    values = [0.1, 0.2, 0.3]
    centre = sum(values) / 3  # 0.20000000000000004
    assert centre != 0.2
    assert runs.side_of(0.2, centre) is None
    assert runs.side_of(0.3, centre) is Side.ABOVE


def _reference(values: list[int], centre: int) -> tuple[int, int, int, bool]:
    """qicharts2's runs.analysis written as R does it: sign, drop zeros, rle."""
    signs = [1 if v > centre else -1 for v in values if v != centre]
    lengths = [len(list(group)) for _, group in itertools.groupby(signs)]
    n = len(signs)
    if not n:
        return 0, 0, 0, False
    longest, crossings = max(lengths), len(lengths) - 1
    cdf, fewest = 0.0, 0
    while True:  # qbinom(0.05, n - 1, 0.5) in floating point
        cdf += math.comb(n - 1, fewest) / 2 ** (n - 1)
        if cdf >= 0.05:
            break
        fewest += 1
    signal = longest > round(math.log2(n)) + 3 or crossings < fewest
    return n, longest, crossings, signal and n >= 10


@settings(max_examples=200, deadline=None, database=None)
@given(
    # A length first: hypothesis alone draws mostly short lists.
    values=st.integers(min_value=0, max_value=150).flatmap(
        lambda n: st.lists(st.integers(min_value=0, max_value=4), min_size=n, max_size=n)
    ),
    centre=st.integers(min_value=0, max_value=4),
)
def test_the_rules_agree_with_rs_way_of_computing_them(values: list[int], centre: int) -> None:
    result = runs.analyse([float(v) for v in values], float(centre))
    n, longest, crossings, signal = _reference(values, centre)
    assert (result.n_useful, result.longest_run, result.crossings) == (n, longest, crossings)
    assert result.runs_signal is signal
    assert result.n_obs == len(values)
