"""What the goal's page and the Mål lane are given about an indicator's data (plain values;
nothing here imports a service, a chart module or SQLAlchemy, so the board's first paint
does not pay for them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from board.domain.entities import Measurement, SuccessCriterion

if TYPE_CHECKING:
    from board.domain.spc import Chart
    from board.export.chart_layout import Annotation


@dataclass(frozen=True, slots=True)
class ChartData:
    """An indicator's chart as its page shows it."""

    criterion: SuccessCriterion
    rows: tuple[Measurement, ...]  # every measurement, oldest first
    chart: Chart | None  # None: no measurement yet
    dates: tuple[date, ...]  # one per point of the chart
    target: float | None
    annotations: tuple[Annotation, ...]  # the learning cycles on the time axis
    percent: bool  # proportions drawn as percentages
    proportion: bool  # every point is a proportion (P and U charts can be drawn)
    problem: str  # why the chosen chart could not be drawn (a run chart is drawn), or ""


class GoalSeries(NamedTuple):
    """A goal card's sparkline: its first indicator, that one's points and the target line."""

    criterion: SuccessCriterion
    measurements: tuple[Measurement, ...]  # with a value, oldest first
    target: float | None
