"""A goal card's sparkline in Mål: its first indicator's series, the target, the latest value
beside it; red (centre line dashed, last point) when Anhøj's rules or the limits see a signal.

Imported by ``card_painter`` only when a goal has measurements to draw: the board's data
are read after the first paint, so no chart module is loaded before it. A layout is made
once per series and size (``functools.lru_cache``), so a repaint only paints.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter

from board.domain.spc import ChartKind, chart
from board.export.chart_layout import ChartLayout, sparkline_layout
from board.i18n import tr
from board.ui.common.chart_view import paint
from board.ui.common.theme import Theme, metrics
from board.ui.operations.goal_data import GoalSeries


@lru_cache(maxsize=256)
def _layout(
    values: tuple[float, ...],
    days: tuple[date, ...],
    target: float | None,
    size: tuple[float, float],
) -> ChartLayout:
    return sparkline_layout(chart(ChartKind.RUN, values), days, size=size, target=target)


def number_text(value: float) -> str:
    from board.i18n import language

    text = f"{value:.3g}" if abs(value) < 1000 else f"{value:.0f}"
    return text.replace(".", ",") if language() == "da" else text


def paint_spark(p: QPainter, rect: QRectF, series: GoalSeries, theme: Theme) -> None:
    """The sparkline on the left of ``rect``, the latest value and the target on its right."""
    measurements = series.measurements
    if not measurements:
        return
    criterion = series.criterion
    target = series.target
    spark_w = min(rect.width() * 0.5, theme.px(150))
    layout = _layout(
        tuple(m.value or 0.0 for m in measurements),
        tuple(m.measured_on for m in measurements),
        target,
        (float(round(spark_w)), float(round(rect.height()))),
    )
    p.save()
    p.translate(rect.left(), rect.top())
    paint(p, layout)
    p.restore()
    latest = measurements[-1]
    if latest.numerator is not None and latest.denominator is not None:
        words = tr("pad.proportion_value", numerator=number_text(latest.numerator),
                   denominator=number_text(latest.denominator))  # fmt: skip
    else:
        words = f"{number_text(latest.value or 0.0)} {criterion.unit}".strip()
    left = rect.left() + spark_w + theme.px(8)
    width = rect.right() - left
    font = theme.meta_font  # the small type, bold
    p.setFont(font)
    p.setPen(theme.palette.overdue if layout.signal else theme.palette.text)
    fm = metrics(font)
    y = rect.top() + fm.ascent()
    p.drawText(QPointF(left, y), fm.elidedText(words, Qt.TextElideMode.ElideRight, width))
    if criterion.target:
        small = theme.small_font
        p.setFont(small)
        p.setPen(theme.palette.muted)
        line = tr("board.goal.target", target=criterion.target)
        p.drawText(
            QPointF(left, y + fm.height()),
            metrics(small).elidedText(line, Qt.TextElideMode.ElideRight, width),
        )
