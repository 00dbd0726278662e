"""Where a chart's parts go (board/export/chart_layout.py): the one geometry that the screen,
the PNG, the SVG and the PDF all draw."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from board import i18n
from board.dates import compact_date
from board.domain import spc
from board.export import chart_layout as cl
from board.export.chart_layout import Annotation, chart_layout, sparkline_layout

START = date(2026, 6, 1)
# 15 points around 12, then 15 in a row below the median: a shift.
SHIFT = [10, 12, 11, 13, 12, 11, 12, 13, 11, 12, 10, 12, 11, 13, 12]
SHIFT += [7, 6, 7, 8, 6, 7, 6, 8, 7, 6, 7, 6, 8, 7, 6]
# 20 points crossing the median every other point: no signal.
CALM = [10, 12, 9, 13, 11, 12, 10, 13, 9, 12, 10, 11, 9, 12, 10, 13, 11, 12, 9, 13]


def weekly(n: int, start: date = START) -> list[date]:
    return [start + timedelta(weeks=i) for i in range(n)]


@pytest.fixture(autouse=True)
def _danish() -> None:
    i18n.set_language("da")


def centre_shapes(layout: cl.ChartLayout) -> list[cl.Line]:
    """The lines drawn along a centre line (horizontal, at a centre's y, over its x span)."""
    return [
        s
        for s in layout.shapes
        for c in layout.centres
        if isinstance(s, cl.Line) and s.points == ((c.x0, c.y), (c.x1, c.y))
    ]


def test_a_shift_of_15_points_draws_the_centre_line_red_and_dashed() -> None:
    layout = chart_layout(spc.chart("run", SHIFT), weekly(30), title="Ventetid")
    (centre,) = layout.centres
    assert centre.signal and centre.value == 9
    (line,) = centre_shapes(layout)
    assert line.colour == cl.SIGNAL and line.dash
    assert layout.signal
    assert layout.verdict[0] == "Tegn på forandring: 15 punkter i træk under medianen"
    texts = [s.text for s in layout.shapes if isinstance(s, cl.Text)]
    assert "Ventetid" in texts and layout.verdict[0] in texts and "Median 9" in texts


def test_without_a_signal_the_centre_line_is_solid() -> None:
    layout = chart_layout(spc.chart("run", CALM), weekly(20))
    (line,) = centre_shapes(layout)
    assert line.colour == cl.MUTED and line.dash == ()
    assert not layout.signal
    assert layout.verdict == ("Ingen tegn på forandring",)


def test_a_point_outside_the_limits_of_an_i_chart_is_marked() -> None:
    values = [52, 55, 49, 51, 60, 53, 50, 48, 54, 56, 51, 80, 52, 49, 53, 55, 50, 47, 54, 52]
    layout = chart_layout(spc.chart("i", values), weekly(20))
    assert [p.number for p in layout.points if p.outside] == [11]
    dots = {(s.x, s.y): s for s in layout.shapes if isinstance(s, cl.Dot)}
    outside, inside = layout.points[11], layout.points[10]
    assert dots[(outside.x, outside.y)].fill == cl.SIGNAL
    assert dots[(inside.x, inside.y)].fill == cl.SERIES
    assert dots[(outside.x, outside.y)].radius > dots[(inside.x, inside.y)].radius
    # Both limits are drawn, level, at their values, and the point lies above the upper one.
    upper = spc.chart("i", values).last.ucl[0]
    assert upper is not None
    assert [line.points[0][1] for line in layout.limits] == pytest.approx(
        [layout.y_of(spc.chart("i", values).last.lcl[0] or 0), layout.y_of(upper)]
    )
    assert outside.y < layout.y_of(upper)


def test_limits_that_vary_by_point_are_stepped() -> None:
    chart = spc.chart("p", [5, 6, 4, 7, 5], [9, 20, 8, 11, 9])
    layout = chart_layout(chart, weekly(5))
    upper = layout.limits[1]
    ys = [y for _, y in upper.points]
    assert len(set(ys)) == 4  # 9 and 9 share a value, the others differ
    # Steps: every change of value is a vertical segment halfway between two points.
    xs = [p.x for p in layout.points]
    for (xa, ya), (xb, yb) in zip(upper.points, upper.points[1:], strict=False):
        assert xa == xb or ya == yb
    assert upper.points[1][0] == pytest.approx((xs[0] + xs[1]) / 2)


def test_two_phases_have_two_centre_lines_and_a_break_between() -> None:
    chart = spc.chart("run", SHIFT, breaks=[15])
    layout = chart_layout(chart, weekly(30))
    first, second = layout.centres
    assert (first.value, second.value) == (12, 7)
    assert first.x1 < second.x0
    (brk,) = layout.breaks
    assert first.x1 < brk < second.x0
    assert not first.signal and not second.signal
    # The series line breaks at the phase too: one line per part.
    series = [s for s in layout.shapes if isinstance(s, cl.Line) and s.colour == cl.SERIES]
    assert [len(s.points) for s in series] == [15, 15]


def test_annotations_are_staggered_and_stay_inside_the_plot() -> None:
    days = weekly(30)
    cycles = [
        Annotation(days[13], "Cyklus 1 · Kort nr. 5 · Tilpas", "adapt"),
        Annotation(days[14], "Cyklus 2 · Kort nr. 5 · Tilpas", "adapt"),
        Annotation(days[15], "Cyklus 3 · Kort nr. 5 · Indfør", "adopt"),
        Annotation(days[29], "Cyklus 1 · Kort nr. 8 · Forkast", "abandon"),
        Annotation(days[0] - timedelta(days=400), "Cyklus 1 · Kort nr. 1 · Indfør", "adopt"),
    ]
    layout = chart_layout(spc.chart("run", SHIFT), days, annotations=cycles)
    placed = layout.annotations
    assert len(placed) == 4  # the cycle from more than a year before the data is left out
    assert [a.label for a in placed][:3] == [c.label for c in cycles[:3]]
    boxes = [a.box for a in placed]
    for i, a in enumerate(boxes):
        assert layout.plot.x <= a.x and a.right <= layout.plot.right
        assert a.y > layout.plot.bottom  # below the time axis
        for b in boxes[i + 1 :]:
            apart = a.right <= b.x or b.right <= a.x or a.bottom <= b.y or b.bottom <= a.y
            assert apart, (a, b)
    assert len({a.row for a in placed[:3]}) == 3  # a week apart: one row each
    # Each label stands at its cycle's date: the first three start there, the last (at the
    # right edge) ends there.
    xs = {p.number: p.x for p in layout.points}
    assert [b.x for b in boxes[:3]] == pytest.approx([xs[13], xs[14], xs[15]])
    assert boxes[3].right == pytest.approx(xs[29])
    assert layout.height >= max(b.bottom for b in boxes)


def test_the_value_ticks_are_in_danish_with_a_decimal_comma() -> None:
    values = [1.2, 1.5, 1.35, 1.8, 1.6, 1.4, 1.7, 1.25, 1.55, 1.65]
    layout = chart_layout(spc.chart("run", values), weekly(10))
    labels = [t.label for t in layout.y_ticks]
    assert labels == ["1,2", "1,3", "1,4", "1,5", "1,6", "1,7", "1,8"]
    assert "Median 1,52" in [s.text for s in layout.shapes if isinstance(s, cl.Text)]
    i18n.set_language("en")
    layout = chart_layout(spc.chart("run", values), weekly(10))
    assert [t.label for t in layout.y_ticks][:2] == ["1.2", "1.3"]


def test_thousands_and_percentages_in_danish() -> None:
    layout = chart_layout(spc.chart("run", [1000, 2500, 4000, 3000, 1500]), weekly(5))
    assert [t.label for t in layout.y_ticks][::2] == ["1.000", "2.000", "3.000", "4.000"]
    layout = chart_layout(spc.chart("p", [1, 3, 5], [10, 10, 10]), weekly(3), target=0.45)
    labels = [t.label for t in layout.y_ticks]
    assert labels[:3] == ["0\u00a0%", "20\u00a0%", "40\u00a0%"]
    assert "Mål 45\u00a0%" in [s.text for s in layout.shapes if isinstance(s, cl.Text)]


def test_ticks_are_ordered_top_to_bottom_and_the_values_sit_between_them() -> None:
    layout = chart_layout(spc.chart("run", SHIFT), weekly(30), target=8)
    ys = [t.at for t in layout.y_ticks]
    assert ys == sorted(ys, reverse=True)  # the first tick is the lowest value
    assert all(ys[0] >= p.y >= ys[-1] for p in layout.points)
    assert layout.target_y == pytest.approx(layout.y_of(8))
    assert layout.plot.y < min(p.y for p in layout.points)
    assert max(p.y for p in layout.points) < layout.plot.bottom


def test_the_dates_on_the_time_axis_do_not_overlap() -> None:
    layout = chart_layout(spc.chart("run", [float(i % 7) for i in range(100)]), weekly(100))
    labels = layout.x_ticks
    assert labels[0].label == compact_date(START)  # the year where it starts
    # then day and month, as a card's deadline
    assert labels[1].label == f"{labels[1].label.split('.')[0]}.{labels[1].label.split('.')[1]}."
    for a, b in itertools.pairwise(labels):
        assert a.at + cl.text_width(a.label, 15) / 2 < b.at - cl.text_width(b.label, 15) / 2
    assert 4 <= len(labels) <= 20


def test_a_new_year_on_the_axis_is_written_with_the_year() -> None:
    days = weekly(30, date(2025, 10, 6))
    layout = chart_layout(spc.chart("run", SHIFT), days)
    years = [t.label for t in layout.x_ticks if t.label.count(".") == 2 and t.label[-1] != "."]
    assert years[0].endswith("2025") and any(y.endswith("2026") for y in years)


def test_a_sparkline_has_no_text_and_its_last_point_says_the_signal() -> None:
    spark = sparkline_layout(spc.chart("run", SHIFT), weekly(30), target=8, size=(120, 36))
    assert not [s for s in spark.shapes if isinstance(s, cl.Text | cl.Box)]
    last = [s for s in spark.shapes if isinstance(s, cl.Dot)]
    assert len(last) == 1 and last[0].fill == cl.SIGNAL
    assert (last[0].x, last[0].y) == (spark.points[-1].x, spark.points[-1].y)
    assert spark.centres[0].signal and spark.target_y is not None
    assert all(0 <= p.x <= 120 and 0 <= p.y <= 36 for p in spark.points)
    calm = sparkline_layout(spc.chart("run", CALM), weekly(20))
    assert [s.fill for s in calm.shapes if isinstance(s, cl.Dot)] == [cl.SERIES]


def test_one_date_per_point_is_required() -> None:
    with pytest.raises(ValueError, match="one date"):
        chart_layout(spc.chart("run", [1, 2, 3]), weekly(2))


def test_a_single_point_is_drawn() -> None:
    layout = chart_layout(spc.chart("i", [4.0]), [START])
    (point,) = layout.points
    assert layout.plot.x < point.x < layout.plot.right
    # The one point lies on its own centre line: no useful point.
    assert layout.verdict == ("For få punkter til at vurdere (0 af mindst 10)",)


@settings(max_examples=150, deadline=None)
@given(
    values=st.lists(
        st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: round(v, 3)), min_size=1, max_size=120
    ),
    gaps=st.lists(st.integers(0, 40), min_size=120, max_size=120),
    size=st.tuples(st.integers(240, 2400), st.integers(140, 1400)),
    target=st.none() | st.floats(-1e6, 1e6, allow_nan=False) | st.floats(-1e-10, 1e-10),
    kind=st.sampled_from(["run", "i"]),
    cycles=st.lists(
        st.tuples(st.integers(-60, 900), st.text(min_size=1, max_size=40)), max_size=12
    ),
)
def test_any_series_is_laid_out_inside_its_box(
    values: list[float],
    gaps: list[int],
    size: tuple[int, int],
    target: float | None,
    kind: str,
    cycles: list[tuple[int, str]],
) -> None:
    """Whatever the data and the size: every point inside the plot, the plot and every
    cycle's label inside the picture, the labels apart."""
    days = list(itertools.accumulate((timedelta(days=g) for g in gaps), initial=START))
    days = days[: len(values)]
    notes = [Annotation(START + timedelta(days=d), text) for d, text in cycles]
    layout = chart_layout(
        spc.chart(kind, values), days, size=size, target=target, annotations=notes,
        title="Ventetid på første samtale efter henvisning (dage)",
    )  # fmt: skip
    plot = layout.plot
    assert plot.x >= 0 and plot.y >= 0
    assert plot.right <= size[0] and plot.bottom <= size[1]
    for p in layout.points:
        assert plot.x <= p.x <= plot.right and plot.y <= p.y <= plot.bottom, p
    if layout.target_y is not None:
        assert plot.y <= layout.target_y <= plot.bottom
    boxes = [a.box for a in layout.annotations]
    for i, a in enumerate(boxes):
        assert plot.x - 0.01 <= a.x and a.right <= plot.right + 0.01
        for b in boxes[i + 1 :]:
            assert a.right <= b.x or b.right <= a.x or a.bottom <= b.y or b.bottom <= a.y


def test_cycles_without_room_for_a_label_keep_their_line() -> None:
    """Twelve cycles decided the same week: four rows of labels at most, cut to "Cyklus n";
    the rest are still drawn as lines through the plot."""
    day = weekly(30)[20]
    cycles = [Annotation(day, f"Cyklus {n} · Kort nr. {n} · Indfør") for n in range(1, 13)]
    layout = chart_layout(spc.chart("run", SHIFT), weekly(30), annotations=cycles)
    assert [a.label for a in layout.annotations] == ["Cyklus 1", "Cyklus 2", "Cyklus 3", "Cyklus 4"]
    assert [a.row for a in layout.annotations] == [0, 1, 2, 3]
    x = layout.annotations[0].x
    through = [
        s
        for s in layout.shapes
        if isinstance(s, cl.Line) and s.points == ((x, layout.plot.y), (x, layout.plot.bottom))
    ]
    assert len(through) == 12
    assert layout.plot.h > layout.height / 2


def test_on_the_wall_the_text_is_larger_at_the_same_size() -> None:
    laptop = chart_layout(spc.chart("run", SHIFT), weekly(30), size=(1200, 600), title="Ventetid")
    wall = chart_layout(
        spc.chart("run", SHIFT), weekly(30), size=(1200, 600), title="Ventetid", text_scale=2
    )

    def sizes(layout: cl.ChartLayout) -> list[float]:
        return [s.size for s in layout.shapes if isinstance(s, cl.Text)]

    assert set(sizes(wall)) == {2 * s for s in sizes(laptop)}  # fewer ticks fit, larger
    assert min(sizes(wall)) >= 30  # a tick label as high as a card title on the wall
    assert wall.plot.h < laptop.plot.h and wall.plot.w < laptop.plot.w
