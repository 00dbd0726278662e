"""Anhøj's rules for non-random variation in a time series, as qicharts2 applies them.

Anhøj & Olesen (2014), "Run charts revisited", in qicharts2's ``runs.analysis``: points on the
centre line are ignored; n is the number left (useful points); a run is a sequence of useful
points on the same side of the centre line. There is a signal of non-random variation when the
longest run is longer than round(log2(n)) + 3 (Schilling), or when the number of crossings of
the centre line is smaller than qbinom(0.05, n - 1, 0.5) (Chen). Both limits are computed
with integers here, so no floating point rounding can move a limit.

One departure from qicharts2, as the product asks: with fewer than ``MIN_POINTS`` useful points
the figures are still given but there is never a signal ("for få punkter til at vurdere").
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

MIN_POINTS = 10  # fewer useful points than this: too few to judge

# A point counts as on the centre line within this relative distance: a mean or a median of
# decimals may differ from an equal data value in the last bit only.
_ON_LINE = 1e-12


class Side(StrEnum):
    ABOVE = "above"
    BELOW = "below"


@dataclass(frozen=True, slots=True)
class Run:
    """Useful points in a row on one side of the centre line."""

    side: Side
    length: int  # useful points; points on the centre line inside it do not count
    first: int  # index in the analysed series of its first point
    last: int  # index of its last point


@dataclass(frozen=True, slots=True)
class RunsAnalysis:
    n_obs: int
    n_useful: int
    centre: float
    longest_run: int
    longest_run_max: int
    crossings: int
    crossings_min: int
    runs_signal: bool
    signal_run: Run | None  # the run longer than allowed (the latest of the longest), if any

    @property
    def too_few(self) -> bool:
        return self.n_useful < MIN_POINTS

    @property
    def shift(self) -> bool:
        """The longest run is longer than allowed (and there are enough points to judge)."""
        return self.signal_run is not None

    @property
    def few_crossings(self) -> bool:
        return not self.too_few and self.crossings < self.crossings_min


def round_log2(n: int) -> int:
    """round(log2(n)) for n >= 1, exactly: log2(n) + 1/2 = log2(2n²) / 2.

    log2 of a whole number is never exactly halfway, so R's round half to even and any other
    rounding agree."""
    if n < 1:
        raise ValueError("n must be at least 1")
    return ((2 * n * n).bit_length() - 1) // 2


def longest_run_max(n_useful: int) -> int:
    """The longest run allowed among ``n_useful`` points (0 when there are none)."""
    return round_log2(n_useful) + 3 if n_useful else 0


def binomial_quantile_5(size: int) -> int:
    """qbinom(0.05, size, 0.5): the smallest x with P(X <= x) >= 0.05 for X ~ Bin(size, ½).

    Exact: P(X <= x) = Σ C(size, k) / 2^size, so the test is 20 · Σ C(size, k) >= 2^size."""
    if size < 0:
        raise ValueError("size must be at least 0")
    total = 1 << size
    cumulative = 0
    for x in range(size + 1):
        cumulative += math.comb(size, x)
        if 20 * cumulative >= total:
            return x
    return size  # not reached: the sum over all k is 2^size


def crossings_min(n_useful: int) -> int:
    """The fewest crossings expected among ``n_useful`` points (0 when there are none)."""
    return binomial_quantile_5(n_useful - 1) if n_useful else 0


def side_of(value: float, centre: float) -> Side | None:
    """Which side of the centre line a point lies on; None on the line."""
    if math.isclose(value, centre, rel_tol=_ON_LINE, abs_tol=_ON_LINE):
        return None
    return Side.ABOVE if value > centre else Side.BELOW


def runs_of(values: Sequence[float], centre: float) -> list[Run]:
    """The runs of ``values`` about ``centre``, in order."""
    runs: list[Run] = []
    for index, value in enumerate(values):
        side = side_of(value, centre)
        if side is None:
            continue
        if runs and runs[-1].side is side:
            last = runs[-1]
            runs[-1] = Run(side, last.length + 1, last.first, index)
        else:
            runs.append(Run(side, 1, index, index))
    return runs


def analyse(values: Sequence[float], centre: float) -> RunsAnalysis:
    """Anhøj's rules on ``values`` about the centre line ``centre``."""
    runs = runs_of(values, centre)
    n_useful = sum(run.length for run in runs)
    longest = max((run.length for run in runs), default=0)
    allowed = longest_run_max(n_useful)
    crossings = max(len(runs) - 1, 0)
    fewest = crossings_min(n_useful)
    enough = n_useful >= MIN_POINTS
    signal_run = None
    if enough and longest > allowed:
        signal_run = [run for run in runs if run.length == longest][-1]
    return RunsAnalysis(
        n_obs=len(values),
        n_useful=n_useful,
        centre=centre,
        longest_run=longest,
        longest_run_max=allowed,
        crossings=crossings,
        crossings_min=fewest,
        runs_signal=enough and (longest > allowed or crossings < fewest),
        signal_run=signal_run,
    )
