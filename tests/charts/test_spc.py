"""Centre lines and limits of the run, I, P and U charts (board/domain/spc.py), computed by
hand on small series, with freeze and two phases."""

from __future__ import annotations

import math

import pytest
from pytest import approx

from board.domain import spc
from board.domain.runs import Run, Side
from board.domain.spc import ChartKind

SUMMARY_KEYS = [
    "chart", "n_obs", "n_useful", "centre", "longest_run", "longest_run_max", "crossings",
    "crossings_min", "runs_signal",
]  # fmt: skip


def test_run_chart_centre_is_the_median_and_it_has_no_limits() -> None:
    # sorted: 1 1 2 3 4 5 6 9 -> (3 + 4) / 2 = 3.5
    chart = spc.chart("run", [3, 1, 4, 1, 5, 9, 2, 6])
    part = chart.last
    assert part.centre == 3.5
    assert part.lcl == part.ucl == (None,) * 8
    assert part.mean_lcl is None and part.sigma_signals == ()
    assert list(chart.summary()) == SUMMARY_KEYS
    assert chart.summary()["centre"] == 3.5


def test_run_chart_of_a_proportion_plots_numerator_over_denominator() -> None:
    chart = spc.chart("run", [1, 3, 2], [4, 4, 8])
    assert chart.y == (0.25, 0.75, 0.25)
    assert chart.last.centre == 0.25  # median of 0.25 0.25 0.75


def test_i_chart_by_hand() -> None:
    values = [10, 12, 11, 15, 12]
    # mean = 60 / 5 = 12; moving ranges 2, 1, 4, 3 -> mean 10 / 4 = 2.5
    # sigma = 2.5 / 1.128 = 2.2163; limits 12 ± 3 × 2.2163 = 12 ± 6.6489
    chart = spc.chart("i", values)
    part = chart.last
    assert part.centre == 12
    assert part.mean_lcl == approx(12 - 3 * 2.5 / 1.128)
    assert part.mean_ucl == approx(12 + 3 * 2.5 / 1.128)
    assert part.ucl == (approx(18.64893617),) * 5
    assert part.lcl == (approx(5.35106383),) * 5
    assert part.sigma_signals == ()
    summary = chart.summary()
    assert list(summary) == [*SUMMARY_KEYS, "lcl", "ucl", "sigma_signal"]
    assert (summary["chart"], summary["sigma_signal"]) == ("i", 0)


def test_i_chart_leaves_out_large_moving_ranges_only_when_asked() -> None:
    values = [10, 11, 10, 11, 10, 11, 10, 11, 10, 40]
    # mean = (5 × 10 + 4 × 11 + 40) / 10 = 134 / 10 = 13.4
    # moving ranges: eight of 1 and one of 30 -> mean 38 / 9 = 4.2222
    # screen: 3.267 × 4.2222 = 13.79, so the 30 is left out and the mean is 1
    plain = spc.chart("i", values).last
    assert plain.centre == approx(13.4)
    assert plain.mean_ucl == approx(13.4 + 3 * (38 / 9) / 1.128)  # 24.63
    screened = spc.chart("i", values, screen_moving_ranges=True).last
    assert screened.mean_ucl == approx(13.4 + 3 * 1 / 1.128)  # 16.06
    assert screened.mean_lcl == approx(13.4 - 3 * 1 / 1.128)  # 10.74
    assert plain.sigma_signals == (9,)  # 40 > 24.63
    # screened, the 10s fall below 10.74 too
    assert screened.sigma_signals == (0, 2, 4, 6, 8, 9)
    assert (plain.runs.n_useful, screened.runs.n_useful) == (10, 10)


def test_i_chart_of_one_point_has_no_limits() -> None:
    part = spc.chart("i", [7]).last
    assert (part.centre, part.mean_lcl, part.mean_ucl) == (7, None, None)


def test_p_chart_by_hand_limits_vary_with_the_denominator_and_are_clipped_to_0_and_1() -> None:
    nums, dens = [2, 3, 1, 4], [10, 10, 5, 20]
    # p̄ = (2 + 3 + 1 + 4) / (10 + 10 + 5 + 20) = 10 / 45 = 0.2222
    p = 10 / 45
    # nᵢ = 10: sd = √(0.2222 × 0.7778 / 10) = 0.13147 -> 0.2222 ± 0.3944: 0 (clipped), 0.6166
    # nᵢ = 5:  sd = 0.18592 -> 0.2222 ± 0.5578: 0 (clipped), 0.7800
    # nᵢ = 20: sd = 0.09296 -> 0.2222 ± 0.2789: 0 (clipped), 0.5011
    ucl = [p + 3 * math.sqrt(p * (1 - p) / n) for n in dens]
    chart = spc.chart("p", nums, dens)
    part = chart.last
    assert part.centre == approx(0.222222222)
    assert part.ucl == tuple(approx(u) for u in ucl)
    assert part.ucl[0] == approx(0.61663, abs=1e-5)
    assert part.ucl[2] == approx(0.77999, abs=1e-5)
    assert part.lcl == (0.0, 0.0, 0.0, 0.0)
    assert chart.y == (0.2, 0.3, 0.2, 0.2)
    # qicharts2's summary: where the limits vary, their mean
    assert chart.summary()["ucl"] == approx(sum(ucl) / 4)
    assert chart.summary()["lcl"] == 0.0
    high = spc.chart("p", [9, 9], [10, 10]).last
    # p̄ = 0.9, sd = √(0.9 × 0.1 / 10) = 0.0949: 0.9 + 0.2846 = 1.18 -> clipped to 1
    assert high.ucl == (1.0, 1.0)
    assert high.lcl == (approx(0.9 - 3 * math.sqrt(0.009)),) * 2  # 0.6154


def test_p_chart_point_outside_its_limits_is_a_sigma_signal() -> None:
    nums, dens = [5, 5, 5, 5, 20], [50, 50, 50, 50, 50]
    # p̄ = 40 / 250 = 0.16; sd = √(0.16 × 0.84 / 50) = 0.05185; ucl = 0.16 + 0.15555 = 0.3156
    part = spc.chart("p", nums, dens).last
    assert part.mean_ucl == approx(0.16 + 3 * math.sqrt(0.16 * 0.84 / 50))
    assert part.sigma_signals == (4,)  # 20 / 50 = 0.4


def test_u_chart_by_hand() -> None:
    nums, dens = [3, 5, 2, 6, 12], [2, 4, 1, 3, 2]
    # ū = (3 + 5 + 2 + 6 + 12) / (2 + 4 + 1 + 3 + 2) = 28 / 12 = 2.3333
    u = 28 / 12
    # nᵢ = 2: ucl = 2.3333 + 3 √(2.3333 / 2) = 2.3333 + 3.2404 = 5.5737; lcl < 0 -> 0
    # nᵢ = 1: ucl = 2.3333 + 3 √2.3333 = 6.9160
    part = spc.chart("u", nums, dens).last
    assert part.centre == approx(2.333333333)
    assert part.ucl == tuple(approx(u + 3 * math.sqrt(u / n)) for n in dens)
    assert part.ucl[0] == approx(5.5737, abs=1e-4)
    assert part.ucl[2] == approx(6.9160, abs=1e-4)
    # nᵢ = 4: lcl = 2.3333 - 3 √(2.3333 / 4) = 2.3333 - 2.2913 = 0.0420, above 0: kept
    assert part.lcl == (0.0, approx(0.0420, abs=1e-4), 0.0, 0.0, 0.0)
    assert part.sigma_signals == (4,)  # 12 / 2 = 6 > 5.5737
    # a U chart's upper limit is not clipped at 1
    big = spc.chart("u", [1, 1], [100, 100]).last
    # ū = 0.01, lcl = 0.01 - 3 √(0.01 / 100) = 0.01 - 0.03 < 0 -> 0; ucl = 0.04
    assert (big.mean_lcl, big.mean_ucl) == (0.0, approx(0.04))
    rate = spc.chart("u", [30, 30], [10, 10]).last
    assert rate.mean_ucl == approx(3 + 3 * math.sqrt(0.3))  # above 1: not clipped
    assert rate.mean_lcl == approx(3 - 3 * math.sqrt(0.3))  # above 0: kept


def test_freeze_takes_the_centre_from_the_first_points_and_judges_the_rest_against_it() -> None:
    values = [1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15]
    loose = spc.chart("run", values).last
    assert loose.centre == 10  # median of all 11
    frozen = spc.chart("run", values, freeze=5).last
    # median of 1..5 = 3; then 1, 2 below, 3 on the line, 4 .. 15 above (8 in a row)
    assert frozen.centre == 3
    assert (frozen.baseline, frozen.frozen) == (5, True)
    assert frozen.runs.n_useful == 10
    assert frozen.runs.longest_run == 8 > frozen.runs.longest_run_max == 6
    assert frozen.runs.signal_run == Run(Side.ABOVE, 8, 3, 10)
    assert frozen.runs.runs_signal
    assert spc.chart("run", values, freeze=5).summary()["centre"] == 3


def test_freeze_of_an_i_chart_keeps_its_limits_from_the_baseline() -> None:
    # the baseline is test_i_chart_by_hand's series: centre 12, limits 12 ± 6.6489
    part = spc.chart("i", [10, 12, 11, 15, 12, 30, 30], freeze=5).last
    assert part.centre == 12
    assert part.mean_ucl == approx(12 + 3 * 2.5 / 1.128)
    assert part.sigma_signals == (5, 6)


def test_freeze_of_a_p_chart_sums_only_the_baseline() -> None:
    # baseline p̄ = (2 + 3) / (10 + 10) = 0.25, not (2 + 3 + 9) / 30
    part = spc.chart("p", [2, 3, 9], [10, 10, 10], freeze=2).last
    assert part.centre == 0.25
    assert part.sigma_signals == (2,)  # 0.9 > 0.25 + 3 √(0.25 × 0.75 / 10) = 0.6608


def test_freeze_beyond_the_points_uses_them_all() -> None:
    part = spc.chart("run", [1, 2, 3], freeze=10).last
    assert (part.centre, part.baseline, part.frozen) == (2, 3, False)
    with pytest.raises(ValueError):
        spc.chart("run", [1, 2, 3], freeze=0)


def test_two_phases_each_have_their_own_centre_and_limits() -> None:
    values = [10, 12, 11, 15, 12, 20, 22, 21, 25]
    chart = spc.chart("i", values, breaks=[5])
    first, second = chart.parts
    assert (first.start, first.stop, second.start, second.stop) == (0, 5, 5, 9)
    assert first.centre == 12  # as in test_i_chart_by_hand
    assert first.mean_ucl == approx(12 + 3 * 2.5 / 1.128)
    # second: mean (20 + 22 + 21 + 25) / 4 = 22; moving ranges 2, 1, 4 -> 7 / 3
    assert second.centre == 22
    assert second.mean_ucl == approx(22 + 3 * (7 / 3) / 1.128)
    assert second.mean_lcl == approx(22 - 3 * (7 / 3) / 1.128)
    assert first.sigma_signals == second.sigma_signals == ()
    assert chart.last is second
    assert chart.summary()["centre"] == 22
    assert chart.summary()["n_obs"] == 4
    # one phase only: the high points would be far outside the limits of the whole
    whole = spc.chart("run", values).last
    assert whole.centre == 15  # median of the nine
    run_parts = spc.chart("run", values, breaks=[5]).parts
    assert [p.centre for p in run_parts] == [12, 21.5]  # 20 21 22 25 -> (21 + 22) / 2


def test_freeze_applies_to_the_first_phase_only() -> None:
    chart = spc.chart("run", [1, 2, 3, 4, 9, 8, 7], freeze=2, breaks=[4])
    assert [p.centre for p in chart.parts] == [1.5, 8]
    assert [p.baseline for p in chart.parts] == [2, 3]


def test_part_bounds_ignore_breaks_outside_the_series() -> None:
    assert spc.part_bounds(6, [0, 3, 3, 9, -1]) == [(0, 3), (3, 6)]
    assert spc.part_bounds(6) == [(0, 6)]


@pytest.mark.parametrize(
    ("kind", "values", "denominators"),
    [
        ("p", [1, 2], None),
        ("u", [1, 2], None),
        ("p", [1, 2], [2, 0]),
        ("p", [3, 2], [2, 4]),  # a proportion above 1
        ("i", [1, float("nan")], None),
        ("i", [], None),
        ("x", [1], None),
    ],
)
def test_impossible_input_is_refused(
    kind: str, values: list[float], denominators: list[float] | None
) -> None:
    with pytest.raises(ValueError):
        spc.chart(kind, values, denominators)


def test_the_chart_kinds_are_the_command_lines_names() -> None:
    assert [k.value for k in ChartKind] == ["run", "i", "p", "u"]
