"""A chart's verdict in words (board/chart_text.py), in Danish and English."""

from __future__ import annotations

import pytest

from board import i18n
from board.chart_text import runs_verdict, verdict
from board.domain import runs, spc


def series(pattern: str) -> list[float]:
    return [{"+": 12.0, "-": 8.0}[c] for c in pattern]


@pytest.fixture(autouse=True)
def _danish() -> None:
    i18n.set_language("da")


def test_a_long_run_below_the_median_is_said_in_words() -> None:
    analysis = runs.analyse(series("+-+-+-+-+" + "-" * 15), 10.0)
    assert runs_verdict(analysis) == ["Tegn på forandring: 15 punkter i træk under medianen"]
    i18n.set_language("en")
    assert runs_verdict(analysis) == ["Sign of change: 15 points in a row below the median"]


def test_on_an_spc_chart_the_run_is_about_the_centre_line() -> None:
    analysis = runs.analyse(series("-+-+-+-+-" + "+" * 9), 10.0)  # 18 points: 9 > 7 allowed
    assert runs_verdict(analysis, median=False) == [
        "Tegn på forandring: 9 punkter i træk over midterlinjen"
    ]


def test_too_few_crossings_are_said_in_words() -> None:
    # 20 points in four runs of 5: 3 crossings, at least 6 expected; no run longer than 7
    analysis = runs.analyse(series("+++++-----+++++-----"), 10.0)
    assert runs_verdict(analysis) == [
        "Tegn på forandring: kun 3 kryds af medianen (der forventes mindst 6)"
    ]
    # an SPC chart's centre is its mean: the same count names the centre line
    assert runs_verdict(analysis, median=False) == [
        "Tegn på forandring: kun 3 kryds af midterlinjen (der forventes mindst 6)"
    ]
    i18n.set_language("en")
    assert runs_verdict(analysis) == [
        "Sign of change: only 3 crossings of the median (at least 6 expected)"
    ]


def test_both_runs_signals_are_said() -> None:
    analysis = runs.analyse(series("+" * 10 + "-" * 10), 10.0)
    assert runs_verdict(analysis) == [
        "Tegn på forandring: 10 punkter i træk under medianen",
        "Tegn på forandring: kun 1 kryds af medianen (der forventes mindst 6)",
    ]
    i18n.set_language("en")
    assert runs_verdict(analysis)[1] == (
        "Sign of change: only 1 crossing of the median (at least 6 expected)"
    )


def test_random_variation_is_no_sign_of_change() -> None:
    chart = spc.chart("run", [1, 3] * 6)  # median 2, 11 crossings
    assert verdict(chart) == ["Ingen tegn på forandring"]
    i18n.set_language("en")
    assert verdict(chart) == ["No sign of change"]


def test_fewer_than_ten_useful_points_are_too_few_to_judge() -> None:
    # median 5 (the fifth of nine): the two 5s are on it, 7 points are useful
    chart = spc.chart("run", [1, 2, 3, 5, 5, 7, 8, 9, 10])
    assert verdict(chart) == ["For få punkter til at vurdere (7 af mindst 10)"]
    i18n.set_language("en")
    assert verdict(chart) == ["Too few points to judge (7 of at least 10)"]


def test_points_outside_the_control_limits_are_counted() -> None:
    # centre 12, limits 12 ± 6.65 from the first five; both 30s are above
    chart = spc.chart("i", [10, 12, 11, 15, 12, 30, 30], freeze=5)
    assert verdict(chart) == [
        "For få punkter til at vurdere (5 af mindst 10)",
        "2 punkter uden for kontrolgrænserne",
    ]
    # mean 180 / 13 = 13.85; moving ranges eleven of 10 and one of 45: mean 155 / 12 = 12.92,
    # ucl = 13.85 + 3 × 12.92 / 1.128 = 48.2, so only the 60 is above; 12 crossings
    one = spc.chart("i", [5, 15] * 6 + [60])
    assert verdict(one) == ["1 punkt uden for kontrolgrænserne"]
    i18n.set_language("en")
    assert verdict(one) == ["1 point outside the control limits"]


def test_an_i_charts_verdict_speaks_of_the_centre_line_a_run_charts_of_the_median() -> None:
    values = [10, 14] * 5 + [15, 16] * 4 + [15]
    # mean 259 / 19 = 13.63: the last 14 and the nine after it are above, 10 > 7 allowed;
    # moving ranges nine of 4 and nine of 1: limits 13.63 ± 3 × 2.5 / 1.128, nothing outside
    assert verdict(spc.chart("i", values)) == [
        "Tegn på forandring: 10 punkter i træk over midterlinjen"
    ]
    # the median is 14: the five 14s are on it, so 14 points are useful: five 10s below,
    # then the nine at the end above (9 > 7 allowed), and 1 crossing (at least 4 expected)
    assert verdict(spc.chart("run", values)) == [
        "Tegn på forandring: 9 punkter i træk over medianen",
        "Tegn på forandring: kun 1 kryds af medianen (der forventes mindst 4)",
    ]
