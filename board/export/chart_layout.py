"""Where everything of a chart goes: one geometry for the screen, PNG, SVG and PDF.

``chart_layout`` turns a ``spc.Chart``, its measurement dates, a target and the learning
cycles (annotations) into a ``ChartLayout``: what is where (the plot box, the points, each
part's centre line, the limits, the ticks …) for tests and callers, and ``shapes``, the flat
list of lines, dots, boxes and texts that a painter draws in order. Two thin painters draw
it: ``board.export.chart_drawing`` (reportlab: PDF, SVG) and ``board.ui.common.chart_view``
(QPainter: the screen and PNG), so every output looks the same.

Coordinates are points from the top left corner, y downwards (as on a screen); text is set in
DejaVu Sans (bundled, both painters use it), placed by its baseline. Pure Python: no Qt, no
reportlab; cheap to import (Babel's numbers only when ticks are written).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal, NamedTuple

from board.chart_text import verdict
from board.dates import LOCALES, compact_date, short_date
from board.domain.spc import Chart, ChartKind, Part
from board.i18n import language, tr

# The app's palette (board/ui/common/theme.py: LIGHT, LANE_ACCENT, DECISION_COLOURS), repeated
# here because the export layer may not import the UI; tests/charts/test_chart_layout.py
# checks that they stay equal.
BACKGROUND = "#FFFFFF"  # card
INK = "#18212B"  # text
MUTED = "#46515E"  # muted
FAINT = "#7B8794"  # faint
RULE = "#CDD4DB"  # lane_border: axes
GRID = "#E6EAEE"  # window: grid lines
SERIES = "#1559B7"  # selection: the measurements
SIGNAL = "#B3261E"  # overdue: a signal
TARGET = "#2E8B57"  # the Mål lane's accent
CYCLE = "#6B5CA5"  # the Log lane's accent: a learning cycle without a decision
DECISIONS = {  # text, background
    "adopt": ("#1E6B34", "#DDF1E3"),
    "adapt": ("#7A4F00", "#FCEFCB"),
    "abandon": ("#8E2430", "#F8E1E4"),
}
CYCLE_BACKGROUND = "#EFECF7"

Anchor = Literal["start", "middle", "end"]

# DejaVu Sans advance widths (1/1000 em) of ' ' … '~' and a few more, regular and bold: the
# layout measures text without a font engine; the painters set the same font.
_CHARS = "".join(map(chr, range(32, 127))) + "æøåÆØÅ·–»«\u00a0\u202f…"
_REGULAR = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698,
    770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732,
    684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635,
    634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592,
    525, 636, 337, 636, 838, 982, 612, 613, 974, 787, 684, 318, 500, 612, 612, 318, 318, 1000,
)  # fmt: skip
_BOLD = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734,
    830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812,
    774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716,
    712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652,
    582, 712, 365, 712, 838, 1048, 687, 675, 1085, 850, 774, 380, 500, 646, 646, 348, 348, 1000,
)  # fmt: skip
_WIDTHS = (dict(zip(_CHARS, _REGULAR, strict=True)), dict(zip(_CHARS, _BOLD, strict=True)))
ASCENT = 0.76  # of the font size above the baseline (DejaVu's cap height is 0.73)
DESCENT = 0.24


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` set in DejaVu Sans at ``size`` points."""
    widths = _WIDTHS[bold]
    return sum(widths.get(ch, 640) for ch in text) * size / 1000


# What a painter draws, in the order of ``ChartLayout.shapes``.
class Line(NamedTuple):
    points: tuple[tuple[float, float], ...]
    colour: str
    width: float
    dash: tuple[float, ...] = ()  # on, off, … in points; () solid


class Dot(NamedTuple):
    x: float
    y: float
    radius: float
    fill: str
    stroke: str | None = None
    stroke_width: float = 0.0


class Box(NamedTuple):
    x: float
    y: float
    w: float
    h: float
    fill: str | None
    stroke: str | None = None
    stroke_width: float = 0.0


class Text(NamedTuple):
    x: float
    y: float  # the baseline
    text: str
    size: float
    colour: str
    bold: bool = False
    anchor: Anchor = "start"


Shape = Line | Dot | Box | Text


class Rect(NamedTuple):
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


class Annotation(NamedTuple):
    """A learning cycle on the time axis: "Cyklus 2 · Kort nr. 5 · Tilpas"."""

    day: date
    label: str
    decision: str | None = None  # "adopt", "adapt", "abandon" (Decision's values): its colour


class Point(NamedTuple):
    number: int  # its place in the series, from 0
    x: float
    y: float
    outside: bool  # outside the control limits: marked


class CentreLine(NamedTuple):
    x0: float
    x1: float
    y: float
    value: float
    signal: bool  # the part's runs rules signal: red and dashed


class Tick(NamedTuple):
    at: float  # y of a value tick, x of a date tick
    label: str


class PlacedAnnotation(NamedTuple):
    x: float  # its date on the axis
    row: int  # 0: the row nearest the axis
    box: Rect
    label: str
    decision: str | None = None


@dataclass(frozen=True, slots=True)
class ChartLayout:
    width: float
    height: float
    plot: Rect
    points: tuple[Point, ...]
    centres: tuple[CentreLine, ...]
    limits: tuple[Line, ...]
    target_y: float | None
    breaks: tuple[float, ...]  # x of each phase break
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    annotations: tuple[PlacedAnnotation, ...]
    title: str
    verdict: tuple[str, ...]
    signal: bool  # the latest part signals (runs rules or points outside the limits)
    shapes: tuple[Shape, ...]

    def y_of(self, value: float) -> float:
        """The y of a value (for tests and hit testing)."""
        return self._scale[0] + (value - self._scale[1]) * self._scale[2]

    _scale: tuple[float, float, float] = (0.0, 0.0, 0.0)  # y at lo, lo, points per unit


Measure = Callable[[str, float, bool], float]


def chart_layout(
    chart: Chart,
    dates: Sequence[date],
    *,
    size: tuple[float, float] = (960, 540),
    title: str = "",
    target: float | None = None,
    annotations: Sequence[Annotation] = (),
    percent: bool | None = None,
    text_scale: float = 1.0,
    measure: Measure = text_width,
    words: bool = True,
) -> ChartLayout:
    """Everything to draw ``chart`` at ``size`` points; ``dates``: one per point.

    ``words``: the verdict in words under the title (not where the page writes it itself,
    larger, next to the chart: the goal's page).

    ``percent``: the values are proportions, written as percentages (default: a P chart's).
    ``text_scale``: type and strokes larger than the size alone makes them (the wall's
    theme scale over the laptop's, read from across the room)."""
    if len(dates) != len(chart.y):
        raise ValueError("one date for each point")
    width, height = size
    u = max(0.35, min(width / 960, height / 540))  # the type and strokes grow with the size
    fs = _Sizes(u * text_scale)
    percent = chart.kind is ChartKind.P if percent is None else percent
    said = tuple(verdict(chart))
    signal = bool(chart.last.runs.runs_signal or chart.last.sigma_signals)
    shapes: list[Shape] = [Box(0, 0, width, height, BACKGROUND)]

    # The header: title, then the verdict in words.
    pad = 16 * u
    top = pad
    if title:
        top += fs.title * ASCENT
        shapes.append(Text(pad, top, _fit(title, width - 2 * pad, fs.title, True, measure),
                           fs.title, INK, bold=True))  # fmt: skip
        top += fs.title * DESCENT + 4 * u
    for line in said if words else ():
        top += fs.verdict * ASCENT
        shapes.append(Text(pad, top, _fit(line, width - 2 * pad, fs.verdict, signal, measure),
                           fs.verdict, SIGNAL if signal else MUTED, bold=signal))  # fmt: skip
        top += fs.verdict * DESCENT + 2 * u
    top += 12 * u if (title or (said and words)) else fs.tick * 0.6

    # The value axis: nice ticks over the data, the centres, the limits and the target.
    values = [*chart.y, *(p.centre for p in chart.parts)]
    values += [v for p in chart.parts for v in (*p.lcl, *p.ucl) if v is not None]
    if target is not None:
        values.append(target)
    lo, hi = min(values), max(values)
    right_labels = _right_labels(chart, target, percent)
    # The plot's height is known only after the bottom rows; the ticks need a first guess.
    ticks = _nice_ticks(lo, hi, max(3, min(7, int((height - top) / (fs.tick * 3.2)))))
    tick_texts = _tick_texts(ticks, percent)
    label_w = max(measure(t, fs.tick, False) for t in tick_texts)
    left = pad + label_w + 8 * u
    right_w = max((measure(t, fs.tick, False) for _, t, _ in right_labels), default=0.0)
    right = width - pad - (right_w + 8 * u if right_w else 0)
    plot_w = max(right - left, 10.0)

    # The time axis: days, padded, widened for cycles just outside the data.
    days = [d.toordinal() for d in dates]
    first, last = min(days), max(days)
    span = last - first
    near = [
        a for a in annotations if first - span / 4 - 7 <= a.day.toordinal() <= last + span / 4 + 7
    ]
    all_days = days + [a.day.toordinal() for a in near]
    gap = (max(all_days) - min(all_days)) / max(len(days) - 1, 1)
    d0 = min(all_days) - max(gap / 2, 0.5)
    d1 = max(all_days) + max(gap / 2, 0.5)

    def x_of(day: float) -> float:
        return left + (day - d0) / (d1 - d0) * plot_w

    x_ticks = _date_ticks(sorted(set(dates)), x_of, plot_w, fs.tick, measure)
    row_h = fs.note * 1.6
    # The cycles' labels take at most a third of what is left below the header (4 rows).
    room = height - top - pad - (fs.tick * 1.3 + 8 * u)
    max_rows = max(0, min(4, int(room / 3 / (row_h + 4 * u))))
    placed, unlabelled = _stagger(near, x_of, left, left + plot_w, fs.note, u, measure, max_rows)
    rows = 1 + max((a.row for a in placed), default=-1)
    bottom = height - pad - rows * (row_h + 4 * u) - (fs.tick * 1.3 + 8 * u)
    plot = Rect(left, top, plot_w, max(bottom - top, 10.0))
    ticks = _nice_ticks(lo, hi, max(3, min(7, int(plot.h / (fs.tick * 2.6)))))
    tick_texts = _tick_texts(ticks, percent)
    # A little room beyond the outer ticks: no point sits on the axis or the plot's top.
    margin = (ticks[-1] - ticks[0]) * 0.04
    t_lo, t_hi = ticks[0] - margin, ticks[-1] + margin
    scale = -plot.h / (t_hi - t_lo)

    def y_of(value: float) -> float:
        return plot.bottom + (value - t_lo) * scale

    # Grid, axes and value ticks.
    y_ticks = tuple(Tick(y_of(v), t) for v, t in zip(ticks, tick_texts, strict=True))
    for tick in y_ticks:
        shapes.append(Line(((plot.x, tick.at), (plot.right, tick.at)), GRID, fs.hair))
        shapes.append(Text(plot.x - 8 * u, tick.at + fs.tick * 0.36, tick.label, fs.tick, MUTED,
                           anchor="end"))  # fmt: skip
    shapes.append(Line(((plot.x, plot.y), (plot.x, plot.bottom), (plot.right, plot.bottom)),
                       RULE, fs.axis))  # fmt: skip
    for tick in x_ticks:
        shapes.append(Line(((tick.at, plot.bottom), (tick.at, plot.bottom + 5 * u)), RULE, fs.axis))
        shapes.append(Text(tick.at, plot.bottom + 8 * u + fs.tick * ASCENT, tick.label, fs.tick,
                           MUTED, anchor="middle"))  # fmt: skip

    # Learning cycles: a faint line through the plot, the label below the dates.
    rows_top = plot.bottom + fs.tick * 1.3 + 12 * u
    for x in unlabelled:  # no room for its label: the line alone says a cycle was there
        shapes.append(Line(((x, plot.y), (x, plot.bottom)), CYCLE, fs.hair, (3 * u, 3 * u)))
    boxed = []
    for a in placed:
        box = Rect(a.box.x, rows_top + a.row * (row_h + 4 * u), a.box.w, row_h)
        boxed.append(PlacedAnnotation(a.x, a.row, box, a.label, a.decision))
        colour = DECISIONS.get(a.decision or "", (CYCLE, CYCLE_BACKGROUND))[0]
        shapes.append(Line(((a.x, plot.y), (a.x, plot.bottom)), colour, fs.hair, (3 * u, 3 * u)))
        shapes.append(Line(((a.x, plot.bottom), (a.x, box.y)), colour, fs.hair))
    for a in boxed:  # after every leader line: a leader passes behind the labels above it
        colour, fill = DECISIONS.get(a.decision or "", (CYCLE, CYCLE_BACKGROUND))
        shapes.append(Box(a.box.x, a.box.y, a.box.w, a.box.h, fill, colour, fs.hair))
        shapes.append(Text(a.box.x + 5 * u, a.box.y + row_h / 2 + fs.note * 0.36, a.label,
                           fs.note, colour))  # fmt: skip

    # Phase breaks, target, limits, centre lines, then the data on top.
    xs = [x_of(d) for d in days]
    breaks = tuple((xs[p.start - 1] + xs[p.start]) / 2 for p in chart.parts[1:])
    for x in breaks:
        shapes.append(Line(((x, plot.y), (x, plot.bottom)), FAINT, fs.axis, (2 * u, 3 * u)))
    target_y = None
    if target is not None:
        target_y = y_of(target)
        shapes.append(Line(((plot.x, target_y), (plot.right, target_y)), TARGET, fs.line,
                           (10 * u, 4 * u)))  # fmt: skip
    limits = tuple(
        Line(tuple((x, y_of(v)) for x, v in steps), FAINT, fs.limit)
        for part in chart.parts
        for bound in (part.lcl, part.ucl)
        for steps in _steps(part, bound, xs, 6 * u)
    )
    shapes.extend(limits)
    centres = tuple(_centre(part, xs, y_of, 6 * u) for part in chart.parts)
    for c in centres:
        colour, dash = (SIGNAL, (8 * u, 5 * u)) if c.signal else (MUTED, ())
        shapes.append(Line(((c.x0, c.y), (c.x1, c.y)), colour, fs.centre, dash))
    points = tuple(
        Point(i, x, y_of(v), outside=i in _outside(chart))
        for i, (x, v) in enumerate(zip(xs, chart.y, strict=True))
    )
    for part in chart.parts:
        run = points[part.start : part.stop]
        if len(run) > 1:
            shapes.append(Line(tuple((p.x, p.y) for p in run), SERIES, fs.line))
    radius = max(min(4.5 * u, plot.w / max(len(points), 1) / 2.5), 1.6 * u)
    for p in points:
        if p.outside:
            shapes.append(Dot(p.x, p.y, radius * 1.5, SIGNAL, BACKGROUND, fs.axis))
        else:
            shapes.append(Dot(p.x, p.y, radius, SERIES, BACKGROUND, fs.hair))

    # Labels at the right end of the lines, pushed apart where they would overlap.
    label_ys = _spread([y_of(v) for v, _, _ in right_labels], fs.tick * 1.15, plot)
    for (_, text, colour), y in zip(right_labels, label_ys, strict=True):
        shapes.append(Text(plot.right + 8 * u, y + fs.tick * 0.36, text, fs.tick, colour))

    return ChartLayout(
        width=width, height=height, plot=plot, points=points, centres=centres, limits=limits,
        target_y=target_y, breaks=breaks, y_ticks=y_ticks, x_ticks=x_ticks,
        annotations=tuple(boxed), title=title, verdict=said, signal=signal,
        shapes=tuple(shapes), _scale=(plot.bottom, t_lo, scale),
    )  # fmt: skip


def sparkline_layout(
    chart: Chart,
    dates: Sequence[date],
    *,
    size: tuple[float, float] = (120, 36),
    target: float | None = None,
) -> ChartLayout:
    """A goal card's tiny chart: the line, the centre (red and dashed on a signal), the target
    and the last value as a dot; no text, no axes, no background."""
    if len(dates) != len(chart.y):
        raise ValueError("one date for each point")
    width, height = size
    stroke = max(1.0, height / 24)
    dot = stroke * 1.8
    plot = Rect(dot, dot, max(width - 2 * dot, 1.0), max(height - 2 * dot, 1.0))
    values = [*chart.y, *(p.centre for p in chart.parts)]
    if target is not None:
        values.append(target)
    lo, hi = min(values), max(values)
    if hi == lo:
        lo, hi = lo - 1, hi + 1
    scale = -plot.h / (hi - lo)
    days = [d.toordinal() for d in dates]
    d0, d1 = min(days), max(days)
    if d1 == d0:
        d0, d1 = d0 - 1, d1 + 1
    xs = [plot.x + (d - d0) / (d1 - d0) * plot.w for d in days]

    def y_of(value: float) -> float:
        return plot.bottom + (value - lo) * scale

    signal = bool(chart.last.runs.runs_signal or chart.last.sigma_signals)
    shapes: list[Shape] = []
    target_y = None
    if target is not None:
        target_y = y_of(target)
        shapes.append(Line(((plot.x, target_y), (plot.right, target_y)), TARGET, stroke,
                           (3 * stroke, 2 * stroke)))  # fmt: skip
    centres = tuple(_centre(part, xs, y_of, dot) for part in chart.parts)
    for c in centres:
        colour, dash = (SIGNAL, (3 * stroke, 2 * stroke)) if c.signal else (FAINT, ())
        shapes.append(Line(((c.x0, c.y), (c.x1, c.y)), colour, stroke, dash))
    points = tuple(
        Point(i, x, y_of(v), outside=i in _outside(chart))
        for i, (x, v) in enumerate(zip(xs, chart.y, strict=True))
    )
    if len(points) > 1:
        shapes.append(Line(tuple((p.x, p.y) for p in points), SERIES, stroke))
    shapes.append(Dot(points[-1].x, points[-1].y, dot, SIGNAL if signal else SERIES))
    return ChartLayout(
        width=width, height=height, plot=plot, points=points, centres=centres, limits=(),
        target_y=target_y, breaks=(), y_ticks=(), x_ticks=(), annotations=(), title="",
        verdict=(), signal=signal, shapes=tuple(shapes), _scale=(plot.bottom, lo, scale),
    )  # fmt: skip


class _Sizes:
    """Type sizes and strokes at scale ``u`` (1 at 960 × 540 points)."""

    def __init__(self, u: float) -> None:
        self.u = u
        self.title = max(24 * u, 6.5)
        self.verdict = max(19 * u, 6.5)
        self.tick = max(15 * u, 6.5)
        self.note = max(13 * u, 6.5)
        self.hair = max(0.8 * u, 0.4)
        self.axis = max(1.2 * u, 0.5)
        self.limit = max(1.6 * u, 0.6)
        self.line = max(2.2 * u, 0.8)
        self.centre = max(2.6 * u, 0.9)


def _outside(chart: Chart) -> frozenset[int]:
    return frozenset(i for p in chart.parts for i in p.sigma_signals)


def _centre(
    part: Part, xs: Sequence[float], y_of: Callable[[float], float], reach: float
) -> CentreLine:
    x0, x1 = xs[part.start], xs[part.stop - 1]
    if x1 - x0 < 2 * reach:  # one point, or several on one day: still a visible line
        x0, x1 = x0 - reach, x1 + reach
    return CentreLine(x0, x1, y_of(part.centre), part.centre, part.runs.runs_signal)


def _steps(
    part: Part, bound: Sequence[float | None], xs: Sequence[float], reach: float
) -> list[tuple[tuple[float, float], ...]]:
    """A limit as a stepped line: each point's value from halfway to its neighbours; a run of
    points without a limit breaks it."""
    px = xs[part.start : part.stop]
    if len(px) == 1:
        edges = [px[0] - reach, px[0] + reach]
    else:
        edges = [px[0], *((a + b) / 2 for a, b in itertools.pairwise(px)), px[-1]]
    out: list[tuple[tuple[float, float], ...]] = []
    current: list[tuple[float, float]] = []
    for i, value in enumerate(bound):
        if value is None:
            if len(current) > 1:
                out.append(tuple(current))
            current = []
            continue
        if current and current[-1][1] == value:
            current[-1] = (edges[i + 1], value)
        else:
            current += [(edges[i], value), (edges[i + 1], value)]
    if len(current) > 1:
        out.append(tuple(current))
    return out


def _nice_ticks(lo: float, hi: float, count: int) -> list[float]:
    """Round values from below ``lo`` to above ``hi``, about ``count`` of them: steps of
    1, 2, 2.5 or 5 times a power of ten."""
    if hi - lo < 1e-12 * max(abs(lo), abs(hi), 1.0):
        half = max(abs(lo), abs(hi)) * 0.1
        half = half if half > 1e-9 else 1.0  # all (about) zero
        lo, hi = lo - half, hi + half
    raw = (hi - lo) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw * 0.999)
    first = math.floor(lo / step + 1e-9)
    last = math.ceil(hi / step - 1e-9)
    if last == first:
        last += 1
    digits = max(0, 3 - math.floor(math.log10(step)))  # a step's own digits, no float dust
    return [round(k * step, digits) for k in range(first, last + 1)]


def _decimals(values: Sequence[float]) -> int:
    for d in range(7):
        if all(abs(v * 10**d - round(v * 10**d)) < 1e-6 for v in values):
            return d
    return 6


def format_value(value: float, *, decimals: int, percent: bool = False, exact: bool = True) -> str:
    """A number in the user's language ("1.234,5" in Danish); ``percent``: a proportion as a
    percentage ("45 %"); ``exact``: exactly ``decimals`` decimals, else at most."""
    from babel.core import Locale
    from babel.numbers import format_decimal, format_percent

    locale = LOCALES[language()]
    digits = ("0" if exact else "#") * decimals
    number = "#,##0" + (f".{digits}" if decimals else "")
    if percent:
        pattern = Locale.parse(locale).percent_formats[None].pattern.replace("#,##0", number)
        return format_percent(value, pattern, locale=locale)
    return format_decimal(value, number, locale=locale)


def _tick_texts(ticks: Sequence[float], percent: bool) -> list[str]:
    scaled = [t * 100 for t in ticks] if percent else list(ticks)
    decimals = _decimals(scaled)
    return [format_value(t, decimals=decimals, percent=percent) for t in ticks]


def _right_labels(
    chart: Chart, target: float | None, percent: bool
) -> list[tuple[float, str, str]]:
    """(value, text, colour) of the lines labelled at the plot's right: the latest part's
    centre, its limits where they are level, the target."""
    part = chart.last

    def text(value: float) -> str:
        magnitude = abs(value * 100 if percent else value)
        decimals = 0 if magnitude >= 100 else 1 if magnitude >= 10 else 2
        return format_value(value, decimals=decimals, percent=percent, exact=False)

    key = "chart.label.median" if chart.kind is ChartKind.RUN else "chart.label.mean"
    colour = SIGNAL if part.runs.runs_signal else MUTED
    out = [(part.centre, tr(key, value=text(part.centre)), colour)]
    for bound, name in ((part.ucl, "chart.label.upper"), (part.lcl, "chart.label.lower")):
        level = {v for v in bound if v is not None}
        if len(level) == 1 and len(bound) == len([v for v in bound if v is not None]):
            value = level.pop()
            out.append((value, tr(name, value=text(value)), FAINT))
    if target is not None:
        out.append((target, tr("chart.label.target", value=text(target)), TARGET))
    return out


def _spread(ys: Sequence[float], gap: float, plot: Rect) -> list[float]:
    """The ys moved apart just enough that labels ``gap`` high do not overlap, in the plot."""
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    placed = [min(max(ys[i], plot.y), plot.bottom) for i in order]
    for k in range(1, len(placed)):
        placed[k] = max(placed[k], placed[k - 1] + gap)
    overflow = placed[-1] - plot.bottom if placed else 0
    if overflow > 0:  # pushed below the plot: shift the stack up
        placed = [y - overflow for y in placed]
        for k in range(len(placed) - 2, -1, -1):
            placed[k] = min(placed[k], placed[k + 1] - gap)
    out = [0.0] * len(ys)
    for k, i in enumerate(order):
        out[i] = placed[k]
    return out


def _date_ticks(
    days: Sequence[date], x_of: Callable[[float], float], plot_w: float, size: float,
    measure: Measure,
) -> tuple[Tick, ...]:  # fmt: skip
    """Every k-th measurement date, k as small as lets the labels stand apart; the year is
    written on the first label and where it changes."""
    widest = max(measure(compact_date(d), size, False) for d in days)
    room = max(1, int(plot_w / (widest + size)))
    step = max(1, math.ceil(len(days) / room))
    chosen = days[::step]
    ticks = []
    year = None
    for d in chosen:
        label = compact_date(d) if d.year != year else short_date(d, today=d)
        year = d.year
        ticks.append(Tick(x_of(d.toordinal()), label))
    return tuple(ticks)


def _stagger(
    annotations: Sequence[Annotation], x_of: Callable[[float], float], left: float,
    right: float, size: float, u: float, measure: Measure, max_rows: int,
) -> tuple[list[PlacedAnnotation], list[float]]:  # fmt: skip
    """Each cycle's label in the first row where it overlaps no other: a flag from its date to
    the right (to the left near the right edge), inside the plot's width. When ``max_rows``
    rows do not hold them, the labels are cut to their first part ("Cyklus 2"); those that
    still find no room are left without a label (their x is returned)."""
    ordered = sorted(annotations, key=lambda a: a.day)
    for labels in (
        [a.label for a in ordered],
        [a.label.split(" · ")[0] for a in ordered],
    ):
        placed = _rows(ordered, labels, x_of, left, right, size, u, measure)
        if max((p.row for p in placed), default=0) < max_rows:
            break
    return [p for p in placed if p.row < max_rows], [p.x for p in placed if p.row >= max_rows]


def _rows(
    ordered: Sequence[Annotation], labels: Sequence[str], x_of: Callable[[float], float],
    left: float, right: float, size: float, u: float, measure: Measure,
) -> list[PlacedAnnotation]:  # fmt: skip
    rows: list[list[tuple[float, float]]] = []
    placed = []
    for a, label in zip(ordered, labels, strict=True):
        x = x_of(a.day.toordinal())
        label = _fit(label, right - left - 10 * u, size, False, measure)
        w = measure(label, size, False) + 10 * u
        x0 = x if x + w <= right else max(left, x - w)
        span = (x0 - 3 * u, x0 + w + 3 * u)
        row = next(
            (
                r
                for r, taken in enumerate(rows)
                if all(span[1] <= a0 or span[0] >= a1 for a0, a1 in taken)
            ),
            len(rows),
        )
        if row == len(rows):
            rows.append([])
        rows[row].append(span)
        placed.append(PlacedAnnotation(x, row, Rect(x0, 0, w, 0), label, a.decision))
    return placed


def _fit(text: str, width: float, size: float, bold: bool, measure: Measure) -> str:
    """``text`` cut with "…" to fit ``width``."""
    if measure(text, size, bold) <= width:
        return text
    while text and measure(text + "…", size, bold) > width:
        text = text[:-1]
    return text.rstrip() + "…"
