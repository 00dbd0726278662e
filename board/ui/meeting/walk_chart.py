"""The data at the fremdriftsmøde (issue 11, item 5): walking a test shows the chart of the
goal it works towards, large in the band, so the team sees on the wall whether the data
move while it talks about the test ("Mødet foregår stående omkring en tavle med data").

The goal is the card's first goal in Mål's order (the card's goal links, set on its
template) that has an indicator with measurements; its first such indicator is shown.
"""

from __future__ import annotations

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


class GoalChart(NamedTuple):
    number: int  # the goal's place in Mål, from 1 ("Mål 1")
    goal: Goal
    data: ChartData  # its chart is not None


def goal_chart(store: BoardStore, ops: BoardOperations, card: Card) -> GoalChart | None:
    """The chart of the first goal the card works towards that has one, or None."""
    if not card.goal_ids:
        return None
    for number, goal in enumerate(store.goals, 1):
        if goal.id not in card.goal_ids or goal.archived:
            continue
        for criterion in goal.criteria:
            if criterion.kind is not CriterionKind.INDICATOR:
                continue
            try:
                data = ops.chart_data(goal.id, criterion.id)
            except BoardError:  # gone meanwhile: nothing to show
                continue
            if data.chart is not None:
                return GoalChart(number, goal, data)
    return None


def chart_view(found: GoalChart, theme: Theme) -> ChartView:
    """The chart as large as the page lets it be: »Data: Mål 1 · the indicator«, the
    verdict in words, the points, the median and the target, the learning cycles."""
    # the chart modules only once a chart is shown: the board's start does without them
    from board.export.chart_layout import chart_layout
    from board.ui.common.chart_view import ChartView

    data = found.data
    assert data.chart is not None
    title = tr("meeting.walk.goal_data", number=found.number, indicator=data.criterion.text)
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
