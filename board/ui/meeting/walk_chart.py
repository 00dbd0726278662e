"""The data at the fremdriftsmøde (issue 11, item 5): walking a test shows the chart of the
goal it works towards, large in the band, so the team sees on the wall whether the data
move while it talks about the test ("Mødet foregår stående omkring en tavle med data").
After the tests, each goal with data that the walk did not show whole gets a moment of its
own ("a data moment per goal"): all its charts side by side, each with its verdict.

The goal of a test is the card's first goal in Mål's order (the card's goal links, set on
its template) that has an indicator with measurements; its first such indicator is shown.
Which indicators have data is one read (``BoardOperations.indicators_with_data``); a goal's
charts are one read of its measurements and learning cycles (``goal_charts``), however many.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from board.domain.entities import Card, CriterionKind, Goal
from board.domain.errors import BoardError
from board.i18n import tr
from board.ui.common.theme import Theme

if TYPE_CHECKING:
    from board.export.chart_layout import ChartLayout
    from board.ui.common.chart_view import ChartView
    from board.ui.operations.board_store import BoardStore
    from board.ui.operations.goal_data import ChartData
    from board.ui.operations.operations import BoardOperations

# The chart's type in the band: its ticks 15 × this × the theme's scale pixels high (11.6 px
# on a 1080 wall, read from across the room), whatever the chart's size.
TYPE_UNIT = 0.36
MOMENT_CHARTS = 2  # a goal's moment: at most two charts side by side, each verdict whole


class GoalChart(NamedTuple):
    number: int  # the goal's place in Mål, from 1 ("Mål 1")
    goal: Goal
    data: ChartData  # its chart is not None


def _measured(goal: Goal, with_data: frozenset[int]) -> list[int]:
    """The goal's indicators with data, in the goal's order."""
    return [c.id for c in goal.criteria if c.kind is CriterionKind.INDICATOR and c.id in with_data]


def shown_indicator(
    store: BoardStore, card: Card, with_data: frozenset[int]
) -> tuple[int, Goal, int] | None:
    """The goal (its number in Mål) and indicator a walked test shows, or None."""
    if not card.goal_ids:
        return None
    for number, goal in enumerate(store.goals, 1):
        if goal.id in card.goal_ids and not goal.archived:
            measured = _measured(goal, with_data)
            if measured:
                return number, goal, measured[0]
    return None


def goal_moments(store: BoardStore, walked: Iterable[Card], with_data: frozenset[int]) -> list[int]:
    """The goals, in Mål's order, that get a moment after the tests: those with data that
    the tests did not show whole (a goal seen with a test, its only chart, needs no other)."""
    seen = set()
    for card in walked:
        shown = shown_indicator(store, card, with_data)
        if shown is not None:
            seen.add(shown[2])
    return [
        goal.id
        for goal in store.goals
        if not goal.archived and not set(_measured(goal, with_data)) <= seen
    ]


def goal_chart(
    store: BoardStore, ops: BoardOperations, card: Card, with_data: frozenset[int]
) -> GoalChart | None:
    """The chart a walked test shows, read now (a measurement added during the meeting
    shows at once), or None."""
    shown = shown_indicator(store, card, with_data)
    if shown is None:
        return None
    number, goal, criterion_id = shown
    charts = goal_charts(store, ops, goal.id, number)
    return next((c for c in charts if c.data.criterion.id == criterion_id), None)


def goal_charts(
    store: BoardStore, ops: BoardOperations, goal_id: int, number: int | None = None
) -> list[GoalChart]:
    """Every chart of the goal, from one read (a goal gone meanwhile: none)."""
    if number is None:
        number = next((n for n, g in enumerate(store.goals, 1) if g.id == goal_id), 0)
    goal = store.goal(goal_id)
    if goal is None or not number:  # archived or gone meanwhile
        return []
    try:
        charts = ops.goal_charts(goal_id)
    except BoardError:  # gone meanwhile: nothing to show
        return []
    return [GoalChart(number, goal, d) for d in charts.values() if d.chart is not None]


def chart_view(found: GoalChart, theme: Theme, *, named: bool = True) -> ChartView:
    """The chart as large as the page lets it be: »Data: Mål 1 · the indicator« (or, not
    ``named``, where the page names the goal, the indicator alone), the verdict in words,
    the points, the median and the target, the learning cycles."""
    # the chart modules only once a chart is shown: the board's start does without them
    from board.export.chart_layout import chart_layout
    from board.ui.common.chart_view import ChartView

    data = found.data
    assert data.chart is not None
    title = data.criterion.text
    if named:
        title = tr("meeting.walk.goal_data", number=found.number, indicator=title)
    layout_of = partial(
        chart_layout, data.chart, data.dates, title=title, target=data.target,
        annotations=data.annotations, percent=data.percent,
    )  # fmt: skip
    unit = TYPE_UNIT * theme.scale

    class BandChart(ChartView):
        """Its type one size on the wall however small the band leaves the chart (the
        layout's type grows with the chart's size; here it must not shrink with it)."""

        _made: ChartLayout | None = None

        def chart_layout(self) -> ChartLayout | None:
            size = (float(self.width()), float(self.height()))
            if self._made is None or (self._made.width, self._made.height) != size:
                u = max(0.35, min(size[0] / 960, size[1] / 540))  # chart_layout's own unit
                self._made = layout_of(size=size, text_scale=unit / u)
            return self._made

    view = BandChart()
    view.setObjectName("meeting-goal-chart")
    view.setToolTip(found.goal.aim)
    return view
