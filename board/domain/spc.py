"""Run charts and SPC charts (I, P, U) as qicharts2 computes them, with freeze and parts.

A series is the values (for P and U charts, and a run or I chart of a proportion: the
numerators) and, optionally, the denominators; a point's y is value / denominator then.

- run: centre line = the median of y.
- i: centre = the mean of y; sigma = the mean moving range / 1.128; limits centre ± 3 sigma.
  ``screen_moving_ranges`` leaves out moving ranges above 3.267 × their mean first (Nelson
  1982, Provost); off by default, as qicharts2 computes it without its ``qic.screenedmr``.
- p: p̄ = Σ numerators / Σ denominators; limits p̄ ± 3 √(p̄(1 − p̄) / nᵢ) clipped to 0–1.
- u: ū = Σ numerators / Σ denominators; limits ū ± 3 √(ū / nᵢ), the lower one clipped at 0.

A chart is split into parts (phases: "Ny fase fra …"), each with its own centre and limits
computed from its own points; ``freeze`` computes the first part's centre and limits from its
first N points only ("Fastlås basislinje") and draws them on across the part. Anhøj's rules
(``board.domain.runs``) are applied to every point of each part against that part's centre;
a point is a sigma signal when it lies strictly outside its limits.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from board.domain import runs
from board.domain.runs import RunsAnalysis

D2 = 1.128  # d2 for moving ranges of two points: sigma = mean moving range / d2
MR_SCREEN = 3.267  # D4 for n = 2: the upper limit of a moving range, × their mean


class ChartKind(StrEnum):
    RUN = "run"
    I = "i"  # noqa: E741  (the chart's name)
    P = "p"
    U = "u"


NEEDS_DENOMINATORS = frozenset({ChartKind.P, ChartKind.U})


@dataclass(frozen=True, slots=True)
class Part:
    """One part (phase) of a chart: points ``start`` up to, not including, ``stop``."""

    start: int
    stop: int
    baseline: int  # how many of its first points the centre and limits were computed on
    centre: float
    lcl: tuple[float | None, ...]  # one per point of the part; None: no limit (run chart)
    ucl: tuple[float | None, ...]
    runs: RunsAnalysis
    sigma_signals: tuple[int, ...]  # indices (in the whole series) of points outside limits

    @property
    def mean_lcl(self) -> float | None:
        """The lower limit, or its mean where it varies by point (qicharts2's aLCL)."""
        return _mean(self.lcl)

    @property
    def mean_ucl(self) -> float | None:
        return _mean(self.ucl)

    @property
    def frozen(self) -> bool:
        return self.baseline < self.stop - self.start


@dataclass(frozen=True, slots=True)
class Chart:
    kind: ChartKind
    y: tuple[float, ...]  # the plotted values
    parts: tuple[Part, ...]

    @property
    def last(self) -> Part:
        """The part the verdict is about: the latest."""
        return self.parts[-1]

    def summary(self) -> dict[str, Any]:
        """The last part in figures, with the names the command line prints (``--json``)."""
        part = self.last
        result: dict[str, Any] = {
            "chart": self.kind.value,
            "n_obs": part.runs.n_obs,
            "n_useful": part.runs.n_useful,
            "centre": part.centre,
            "longest_run": part.runs.longest_run,
            "longest_run_max": part.runs.longest_run_max,
            "crossings": part.runs.crossings,
            "crossings_min": part.runs.crossings_min,
            "runs_signal": part.runs.runs_signal,
        }
        if self.kind is not ChartKind.RUN:
            result |= {
                "lcl": part.mean_lcl,
                "ucl": part.mean_ucl,
                "sigma_signal": len(part.sigma_signals),
            }
        return result


def _mean(values: Sequence[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return math.fsum(known) / len(known) if known else None


def part_bounds(n: int, breaks: Sequence[int] = ()) -> list[tuple[int, int]]:
    """The parts of ``n`` points; each break is the index of a part's first point (qicharts2's
    ``part``: the number of points before it). Breaks outside 1..n-1 are ignored."""
    starts = sorted({0, *(b for b in breaks if 0 < b < n)})
    return [(start, stop) for start, stop in zip(starts, [*starts[1:], n], strict=True)]


def _check(values: Sequence[float], denominators: Sequence[float] | None) -> None:
    if not all(math.isfinite(v) for v in values):
        raise ValueError("values must be finite numbers")
    if denominators is not None:
        if len(denominators) != len(values):
            raise ValueError("one denominator for each value")
        if not all(math.isfinite(d) and d > 0 for d in denominators):
            raise ValueError("denominators must be positive")


def chart(
    kind: ChartKind | str,
    values: Sequence[float],
    denominators: Sequence[float] | None = None,
    *,
    freeze: int | None = None,
    breaks: Sequence[int] = (),
    screen_moving_ranges: bool = False,
) -> Chart:
    """The chart of ``kind`` for the series; see the module's docstring for the rules.

    ``freeze``: the first part's centre and limits come from its first ``freeze`` points (all
    of them when it has fewer). ``breaks``: where new parts start (indices)."""
    kind = ChartKind(kind)
    if not values:
        raise ValueError("a chart needs at least one point")
    if kind in NEEDS_DENOMINATORS and denominators is None:
        raise ValueError(f"a {kind.value} chart needs denominators")
    if freeze is not None and freeze < 1:
        raise ValueError("freeze must be at least 1")
    _check(values, denominators)
    nums = [float(v) for v in values]
    dens = [float(d) for d in denominators] if denominators is not None else [1.0] * len(nums)
    y = tuple(v / d for v, d in zip(nums, dens, strict=True))
    if kind is ChartKind.P and any(p > 1 for p in y):
        raise ValueError("a proportion cannot be above 1 (numerator above denominator)")
    parts = []
    for number, (start, stop) in enumerate(part_bounds(len(y), breaks)):
        size = stop - start
        base = min(freeze, size) if freeze is not None and number == 0 else size
        parts.append(_part(kind, start, stop, base, y, nums, dens, screen=screen_moving_ranges))
    return Chart(kind=kind, y=y, parts=tuple(parts))


def _part(
    kind: ChartKind,
    start: int,
    stop: int,
    base: int,
    y: Sequence[float],
    nums: Sequence[float],
    dens: Sequence[float],
    *,
    screen: bool,
) -> Part:
    ys = y[start:stop]
    base_y = ys[:base]
    base_nums, base_dens = nums[start : start + base], dens[start : start + base]
    lcl: list[float | None]
    ucl: list[float | None]
    if kind is ChartKind.RUN:
        centre = median(base_y)
        lcl = ucl = [None] * len(ys)
    elif kind is ChartKind.I:
        centre = math.fsum(base_y) / len(base_y)
        sigma = _moving_range_sigma(base_y, screen=screen)
        lcl = [None if sigma is None else centre - 3 * sigma] * len(ys)
        ucl = [None if sigma is None else centre + 3 * sigma] * len(ys)
    elif kind is ChartKind.P:
        centre = math.fsum(base_nums) / math.fsum(base_dens)
        sds = [math.sqrt(centre * (1 - centre) / n) for n in dens[start:stop]]
        lcl = [max(centre - 3 * sd, 0.0) for sd in sds]
        ucl = [min(centre + 3 * sd, 1.0) for sd in sds]
    else:  # U
        centre = math.fsum(base_nums) / math.fsum(base_dens)
        sds = [math.sqrt(centre / n) for n in dens[start:stop]]
        lcl = [max(centre - 3 * sd, 0.0) for sd in sds]
        ucl = [centre + 3 * sd for sd in sds]
    signals = tuple(
        start + i
        for i, (value, low, high) in enumerate(zip(ys, lcl, ucl, strict=True))
        if (low is not None and value < low) or (high is not None and value > high)
    )
    return Part(
        start=start,
        stop=stop,
        baseline=base,
        centre=centre,
        lcl=tuple(lcl),
        ucl=tuple(ucl),
        runs=runs.analyse(ys, centre),
        sigma_signals=signals,
    )


def median(values: Sequence[float]) -> float:
    """R's median: the middle value, or the mean of the two middle ones.

    (Not ``statistics.median``: importing ``statistics`` costs a chart's first draw 40 ms.)"""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def moving_ranges(values: Sequence[float]) -> list[float]:
    return [abs(b - a) for a, b in itertools.pairwise(values)]


def _moving_range_sigma(values: Sequence[float], *, screen: bool) -> float | None:
    """The mean moving range / d2; None with fewer than two points (no moving range)."""
    ranges = moving_ranges(values)
    if not ranges:
        return None
    mean = math.fsum(ranges) / len(ranges)
    if screen:
        kept = [r for r in ranges if r < MR_SCREEN * mean]
        # All ranges equal to zero leave none below the screen: nothing to leave out then.
        if kept:
            mean = math.fsum(kept) / len(kept)
    return mean / D2
